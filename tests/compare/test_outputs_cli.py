"""Tables and report files, the `compare` command, and what it says when something is missing."""

from __future__ import annotations

import re
import zipfile
from pathlib import Path

import pandas as pd
import pytest

from interviewlens.compare import compare_projects, write_outputs
from interviewlens.ingest.pipeline import IngestOptions, ingest
from tests.compare.conftest import add_gold_codes, copy_annotations
from tests.conftest import DEMO, dump_digest


@pytest.fixture(scope="module")
def written(demo_comparison, tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("compare-out") / "sortie"
    files = write_outputs(demo_comparison, folder)
    assert all(f.is_file() and f.stat().st_size > 0 for f in files)
    return folder


def test_tables_hold_the_results(written, demo_comparison):
    profiles = pd.read_csv(written / "profils.csv")
    assert profiles.commune.tolist() == demo_comparison.groups
    assert profiles.set_index("commune").at["Plouvénec", "force"] == 70
    assert profiles.filter(like="part_").sum(axis=1).round(9).eq(1).all()
    residuals = pd.read_csv(written / "residus.csv")
    assert len(residuals) == 3 * 4
    row = residuals[(residuals.commune == "Plouvénec") & (residuals.code == "force")].iloc[0]
    assert row.residu_ajuste == pytest.approx(demo_comparison.residuals.at["Plouvénec", "force"])
    vocabulary = pd.read_csv(written / "vocabulaire.csv")
    assert {"commune", "lemma", "g2", "log_ratio", "interviews"} <= set(vocabulary.columns)
    themes = pd.read_csv(written / "themes_par_groupe.csv")
    assert len(themes) == len(demo_comparison.topics) * 3
    sheets = pd.read_excel(written / "comparaison.xlsx", sheet_name=None)
    assert {"profils", "residus", "khi2", "themes", "themes_par_groupe", "themes_par_code",
            "vocabulaire", "vocabulaire_par_code"} == set(sheets)
    assert sheets["khi2"].p[0] < 0.001


def test_reports_in_french_with_charts(written):
    markdown = (written / "rapport-comparaison.md").read_text(encoding="utf-8")
    assert markdown.startswith("# Comparaison des communes")
    for heading in ("## 1. Profils SWOT", "## 2. Thèmes", "## 3. Vocabulaire distinctif"):
        assert heading in markdown
    assert "Plouvénec : plus de forces" in markdown
    images = re.findall(r"!\[[^\]]*\]\(([^)]+)\)", markdown)
    assert len(images) == 4
    for image in images:
        assert (written / image).read_bytes().startswith(b"\x89PNG")
    page = (written / "rapport-comparaison.html").read_text(encoding="utf-8")
    assert page.count('src="data:image/png;base64,') == 4
    assert not re.search(r'(src|href)="(?!data:)', page)  # self-contained
    assert '<html lang="fr">' in page and "χ² = 36,53" in page


def test_cli_writes_the_folder_and_leaves_the_project_alone(cli, demo_coded, tmp_path):
    before = dump_digest(demo_coded)
    result = cli("compare", demo_coded, "-o", tmp_path / "out")
    assert result.exit_code == 0, result.output
    text = " ".join(result.output.split())
    assert "compared 3 communes (Plouvénec, Valmesnil-sur-Risle, Villebrenne-sur-Cher)" in text
    assert "chi2 = 36.53, 6 dof" in text
    assert (tmp_path / "out" / "rapport-comparaison.html").is_file()
    assert dump_digest(demo_coded) == before


@pytest.fixture(scope="module")
def coded_not_analysed(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("compare-raw") / "brut.ilens"
    ingest(path, [DEMO], IngestOptions(manifest=DEMO / "manifest.yaml"))
    add_gold_codes(path)
    return path


def test_not_analysed_computes_profiles_and_says_what_is_missing(cli, coded_not_analysed,
                                                                 tmp_path):
    c = compare_projects(coded_not_analysed)
    assert c.profiles is not None and c.topics is None and c.keyness is None
    assert "interviewlens analyse" in c.missing["thèmes"]
    result = cli("compare", coded_not_analysed, "-o", tmp_path / "out")
    assert result.exit_code == 0
    assert "not computed — thèmes: aucun segment analysé (brut)" in " ".join(result.output.split())
    report = (tmp_path / "out" / "rapport-comparaison.md").read_text(encoding="utf-8")
    assert "Non calculés : aucun segment analysé" in report
    assert not (tmp_path / "out" / "vocabulaire.csv").exists()


@pytest.fixture(scope="module")
def analysed_not_coded(demo_coded, tmp_path_factory) -> list[Path]:
    folder = tmp_path_factory.mktemp("compare-uncoded")
    paths = []
    for name in ("plouvenec", "valmesnil"):
        path = folder / f"{name}.ilens"
        ingest(path, [DEMO / name], IngestOptions(manifest=DEMO / "manifest.yaml"))
        copy_annotations(demo_coded, path)
        paths.append(path)
    return paths


def test_analysed_but_not_coded_compares_themes(analysed_not_coded, demo_split, cli, tmp_path):
    c = compare_projects(analysed_not_coded, embedding="lsa", n_topics=4)
    assert c.profiles is None and c.topics is not None and not c.keyness.empty
    assert "interviewlens classify" in c.missing["profils"]
    # With one coded project, the other's segments are counted as uncoded, and said so.
    mixed = compare_projects([analysed_not_coded[0], demo_split[1]], embedding="lsa", n_topics=4)
    assert mixed.profiles.at["Plouvénec", "total"] == 0
    assert mixed.profiles.at["Plouvénec", "non_codés"] > 200
    assert any("segments sans code ne comptent pas" in note for note in mixed.notes)
    before = [dump_digest(p) for p in analysed_not_coded]
    result = cli("compare", *analysed_not_coded, "-o", tmp_path / "out")
    assert result.exit_code == 0
    assert "not computed — profils: aucun segment codé" in " ".join(result.output.split())
    assert [dump_digest(p) for p in analysed_not_coded] == before


def test_a_project_not_analysed_among_others_is_named(coded_not_analysed, demo_split):
    c = compare_projects([coded_not_analysed, demo_split[0]], embedding="lsa", n_topics=3)
    assert c.groups == ["Plouvénec", "Valmesnil-sur-Risle", "Villebrenne-sur-Cher"]
    assert any(note.startswith("brut n'est pas analysé") for note in c.notes)
    # Only Plouvénec has analysed segments: no theme or vocabulary to compare, and said so.
    assert c.topics is None and c.keyness is None
    assert c.missing["vocabulaire"].startswith("seul Plouvénec a des segments analysés")
    assert c.profiles.total.sum() == 885 + len(c.segments[c.segments.project == "plouvenec"])
    # With a second analysed commune, themes come back and the unanalysed one is named.
    two = compare_projects([coded_not_analysed, *demo_split[:2]], embedding="lsa", n_topics=3)
    assert set(two.segments[two.segments.topic.notna()].project) == {"plouvenec", "valmesnil"}
    assert set(two.keyness.group) == {"Plouvénec", "Valmesnil-sur-Risle"}
    assert any(note.startswith("Villebrenne-sur-Cher : aucun segment analysé")
               for note in two.notes)


def test_nothing_to_compare_is_one_line(cli, tmp_path):
    path = tmp_path / "vide.ilens"
    ingest(path, [DEMO], IngestOptions(manifest=DEMO / "manifest.yaml"))
    before = dump_digest(path)
    result = cli("compare", path, "-o", tmp_path / "out")
    assert result.exit_code == 1
    assert result.stderr.strip().count("\n") == 0
    assert "nothing to compare in vide: no segment is coded or analysed" in result.stderr
    assert dump_digest(path) == before


@pytest.mark.parametrize("case", ["missing", "one-commune", "bad-by", "output-is-file",
                                  "not-a-project"])
def test_bad_inputs_are_one_line(cli, tmp_path, demo_split, case):
    args = {
        "missing": [tmp_path / "absent.ilens", "-o", tmp_path / "o"],
        "one-commune": [demo_split[0], "-o", tmp_path / "o"],
        "bad-by": [demo_split[0], "--by", "region", "-o", tmp_path / "o"],
        "output-is-file": [demo_split[0], demo_split[1], "-o", demo_split[2]],
        "not-a-project": [DEMO / "gold.csv", "-o", tmp_path / "o"],
    }[case]
    expected = {
        "missing": "no such project",
        "one-commune": "only one commune to compare (Plouvénec)",
        "bad-by": "unknown grouping 'region'",
        "output-is-file": "exists and is not a folder",
        "not-a-project": "not an interviewlens project",
    }[case]
    result = cli("compare", *args)
    assert result.exit_code != 0
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("error:") and expected in lines[0]
    assert "Traceback" not in result.output


def test_the_api_needs_no_textual():
    import subprocess
    import sys

    code = ("import sys, interviewlens.compare as c; "
            "assert 'textual' not in sys.modules and 'pandas' not in sys.modules; "
            "print(c.compare_projects.__name__)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         check=True)
    assert out.stdout.strip() == "compare_projects"


def test_xlsx_is_a_real_workbook(written):
    with zipfile.ZipFile(written / "comparaison.xlsx") as workbook:
        assert "xl/workbook.xml" in workbook.namelist()
