"""Pseudonymisation: consistent "Personne N", offsets in step, no manifest name exported."""

from __future__ import annotations

import re
import sqlite3

import yaml

from interviewlens.export.pseudonymise import OffsetMap, Pseudonymiser, clean_person, name_forms
from tests.conftest import DEMO, exported_texts


def manifest_names() -> set[str]:
    manifest = yaml.safe_load((DEMO / "manifest.yaml").read_text(encoding="utf-8"))
    names = set()
    for entry in manifest["files"]:
        for speaker in (entry.get("speakers") or {}).values():
            if speaker.get("name"):
                names.add(speaker["name"])
    names |= {re.sub(r"\s*\(.*\)", "", n) for n in manifest["speakers"]}
    return names


def test_no_manifest_name_in_any_export(demo_exports):
    names = manifest_names()
    surnames = {n.split()[-1] for n in names if len(n.split()) > 1}
    slugs = {re.sub(r"\W+", "-", n.lower()) for n in names}
    assert len(names) == 23 and len(demo_exports) == 9
    for fmt, path in demo_exports.items():
        for member, text in exported_texts(path):
            for name in names | surnames:
                assert name not in text, (fmt, member, name)
            for slug in slugs:
                assert slug not in text.lower(), (fmt, member, slug)
    report = demo_exports["md"].read_text(encoding="utf-8")
    assert "Personne 2" in report


def test_mapping_is_stored_in_the_project_only(demo_project, demo_exports):
    db = sqlite3.connect(demo_project)
    rows = dict(db.execute("SELECT name, person FROM pseudonym"))
    db.close()
    # The mayor of Plouvénec: full name, surname and first name share one number.
    assert rows["Anne-Marie Le Bihan"] == rows["Le Bihan"] == rows["Anne-Marie"]
    assert rows["Camille Renaud"] != rows["Anne-Marie Le Bihan"]
    # NER persons (from the analysis) are there too, but not communes or places.
    assert "Jean-Yves Cadiou" in rows and "Plouvénec" not in rows and "Valmesnil" not in rows
    mayor = f"Personne {rows['Anne-Marie Le Bihan']}"
    html = demo_exports["html"].read_text(encoding="utf-8")
    assert mayor in html
    for path in demo_exports.values():
        for _member, text in exported_texts(path):
            assert "pseudonym_scan" not in text


def test_pseudonyms_are_stable_across_exports(demo_project, tmp_path):
    from interviewlens.export import ExportOptions, export_project

    first = export_project(demo_project, "json", tmp_path / "a.json", ExportOptions()).data
    second = export_project(demo_project, "json", tmp_path / "b.json", ExportOptions()).data
    assert [s.text for s in first.segments] == [s.text for s in second.segments]
    assert (tmp_path / "a.json").read_text(encoding="utf-8").count("Personne") > 100


def test_no_pseudonymise_keeps_names(demo_project, tmp_path, cli):
    out = tmp_path / "noms.txt"
    result = cli("export", demo_project, "-f", "iramuteq", "-o", out, "--no-pseudonymise")
    assert result.exit_code == 0
    assert "Le Bihan" in out.read_text(encoding="utf-8")
    assert "do not share" in result.stderr


def test_offsets_follow_the_replacements():
    pseudo = Pseudonymiser({"Anne-Marie Le Bihan": "Personne 2", "Le Bihan": "Personne 2",
                            "Yvonne": "Personne 5"})
    text = "Anne-Marie Le Bihan : oui, Yvonne et madame Le Bihan. Yvonnette reste."
    new, offsets = pseudo.with_map(text)
    assert new == "Personne 2 : oui, Personne 5 et madame Personne 2. Yvonnette reste."
    start = text.index("oui")
    end = text.index(".") + 1
    assert new[offsets.start(start):offsets.end(end)] == "oui, Personne 5 et madame Personne 2."
    # A span that starts or ends inside a name covers the whole pseudonym.
    assert new[offsets.start(text.index("Yvonne") + 2):offsets.end(text.index(" et"))] == "Personne 5"
    assert OffsetMap([]).start(7) == 7


def test_name_cleaning():
    assert clean_person("Monsieur Vasseur") == "Vasseur"
    assert clean_person("madame le") is None and clean_person("ben euh") is None
    assert clean_person("IH") is None and clean_person("Répondant Q01") is None
    assert clean_person("Lucas Perrin (ENQ)") == "Lucas Perrin"
    assert name_forms("Sophie Le Corre") == ["Sophie Le Corre", "Le Corre", "Sophie"]
    assert name_forms("Le Floch") == ["Le Floch"]


def test_file_names_lose_the_names():
    pseudo = Pseudonymiser({"Le Bihan": "Personne 2", "Anita Musso": "Personne 7",
                            "Musso": "Personne 7"})
    assert pseudo.file_name("plouvenec/01-maire-le-bihan.txt") == "plouvenec/01-maire-personne-2.txt"
    assert "MUSSO" not in pseudo.file_name("Anita_MUSSO_F_46_11e-v2")
