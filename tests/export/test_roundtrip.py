"""REFI-QDA round trip: export then `ingest` the .qdpx gives the same selections and codes;
a project from another tool (CRLF text, its own code names) imports too."""

from __future__ import annotations

import sqlite3
import zipfile
from pathlib import Path

import pytest

import interviewlens

INTERVIEW = (
    "Q : Bonjour Hélène, qu'est-ce qui fait la force de Saint-Aubin-lès-Élbeuf ? 🙂\r\n\r\n"
    "R : Franchement la vie associative, c'est très riche ici, on a le comité des fêtes 🎉 et "
    "l'école de musique. Par contre il n'y a plus de bus le dimanche, c'est un vrai problème "
    "pour les jeunes. Ce serait bien de relancer le jumelage avec Güstrow, les Allemands "
    "étaient partants 🇩🇪. Le risque c'est qu'après les élections tout s'arrête.\r\n\r\n"
    "Q : Et l'école ?\r\n\r\n"
    "R : L'école est dynamique, la directrice, Mme Lefèvre, fait des échanges eTwinning "
    "avec l'Irlande… c'est génial ! Mais elle part à la retraite en juin 😕.\r\n"
)


def _segments(project: Path) -> list[tuple]:
    db = sqlite3.connect(project)
    try:
        return [tuple(r) for r in db.execute(
            "SELECT i.ordinal, s.start, s.\"end\", s.text, cd.label, cd.source, cd.coder,"
            " cd.validated FROM segment s JOIN interview i ON i.id = s.interview_id"
            " LEFT JOIN current_decision cd ON cd.segment_id = s.id ORDER BY i.id, s.ord")]
    finally:
        db.close()


def _coder_codes(project: Path) -> set[tuple]:
    db = sqlite3.connect(project)
    try:
        return {tuple(r) for r in db.execute(
            "SELECT s.text, d.coder, d.label FROM coder_decision d"
            " JOIN segment s ON s.id = d.segment_id")}
    finally:
        db.close()


@pytest.fixture
def coded_project(tmp_path, cli) -> Path:
    source = tmp_path / "entretien-hélène.txt"
    source.write_bytes(INTERVIEW.encode("utf-8"))
    project = tmp_path / "source.ilens"
    assert cli("ingest", project, source, "--commune", "Saint-Aubin-lès-Élbeuf").exit_code == 0
    labels = ["force", "faiblesse", "opportunite", "vigilance", "force", "vigilance"]
    with interviewlens.open_project(project) as p:
        segments = p.segments()
        assert len(segments) >= 4
        for index, row in enumerate(segments.itertuples()):
            label = labels[index % len(labels)]
            p.add_decision(row.segment_id, "aucun", source="model", model_version="swot-test",
                           confidence=0.4)
            p.add_decision(row.segment_id, label, source="human", coder="Zoé")
            if index % 2:
                p.add_decision(row.segment_id, "vigilance", source="human", coder="Bruno")
            if index == 0:
                p.add_decision(row.segment_id, label, source="human", coder="Zoé", validated=True)
    return project


def test_round_trip_keeps_selections_and_codes(coded_project, tmp_path, cli):
    exported = tmp_path / "projet.qdpx"
    result = cli("export", coded_project, "-f", "qdpx", "-o", exported, "--no-pseudonymise")
    assert result.exit_code == 0, result.output
    back = tmp_path / "retour.ilens"
    result = cli("ingest", back, exported)
    assert result.exit_code == 0, result.output
    before, after = _segments(coded_project), _segments(back)
    assert [r[1:] for r in before] == [r[1:] for r in after]
    assert any("🎉" in r[3] for r in after) and any("é" in r[3] for r in after)
    assert _coder_codes(coded_project) == _coder_codes(back)
    with interviewlens.open_project(back) as p:
        text = p.interview_text(int(p.interviews().interview_id[0]))
    assert "\r" not in text and "Güstrow" in text


def test_round_trip_of_a_pseudonymised_export(coded_project, tmp_path, cli):
    exported = tmp_path / "pseudo.qdpx"
    assert cli("export", coded_project, "-f", "qdpx", "-o", exported).exit_code == 0
    with zipfile.ZipFile(exported) as archive:
        for name in archive.namelist():
            content = archive.read(name).decode()
            assert "Lefèvre" not in content and "Hélène" not in content and "hélène" not in content
    back = tmp_path / "retour.ilens"
    assert cli("ingest", back, exported).exit_code == 0
    before, after = _segments(coded_project), _segments(back)
    assert [r[4:] for r in before] == [r[4:] for r in after]
    assert len(before) == len(after)


OTHER_TOOL = """<?xml version="1.0" encoding="utf-8"?>
<Project xmlns="urn:QDA-XML:project:1.0" name="Étude" origin="QualCoder 3.5">
<Users><User guid="11111111-1111-1111-1111-111111111111" name="marie"/></Users>
<CodeBook><Codes>
<Code guid="22222222-2222-2222-2222-222222222222" name="Forces" isCodable="true"/>
<Code guid="33333333-3333-3333-3333-333333333333" name="Menaces" isCodable="true"/>
<Code guid="44444444-4444-4444-4444-444444444444" name="Tourisme" isCodable="true"/>
</Codes></CodeBook>
<Sources>
<TextSource guid="55555555-5555-5555-5555-555555555555" name="entretien maire" plainTextPath="internal://55555555-5555-5555-5555-555555555555.txt">
<PlainTextSelection guid="66666666-6666-6666-6666-666666666666" startPosition="{a}" endPosition="{b}" creatingUser="11111111-1111-1111-1111-111111111111">
<Coding guid="77777777-7777-7777-7777-777777777777" creatingUser="11111111-1111-1111-1111-111111111111"><CodeRef targetGUID="22222222-2222-2222-2222-222222222222"/></Coding>
<Coding guid="88888888-8888-8888-8888-888888888888" creatingUser="11111111-1111-1111-1111-111111111111"><CodeRef targetGUID="44444444-4444-4444-4444-444444444444"/></Coding>
</PlainTextSelection>
<PlainTextSelection guid="99999999-9999-9999-9999-999999999999" startPosition="{c}" endPosition="{d}" creatingUser="11111111-1111-1111-1111-111111111111">
<Coding guid="aaaaaaaa-aaaa-aaaa-aaaa-aaaaaaaaaaaa" creatingUser="11111111-1111-1111-1111-111111111111"><CodeRef targetGUID="33333333-3333-3333-3333-333333333333"/></Coding>
</PlainTextSelection>
</TextSource>
</Sources>
</Project>
"""


def test_import_from_another_tool(tmp_path, cli):
    text = ("Enquêteur : Qu'est-ce qui marche bien ?\r\n\r\n"
            "Maire : Le tourisme vert marche très bien 🌿, les gîtes sont pleins l'été. "
            "Mais si la ligne de car ferme, on sera coupés de tout.\r\n")
    first = "Le tourisme vert marche très bien 🌿, les gîtes sont pleins l'été."
    second = "Mais si la ligne de car ferme, on sera coupés de tout."
    a, c = text.index(first), text.index(second)
    xml = OTHER_TOOL.format(a=a, b=a + len(first), c=c, d=c + len(second))
    path = tmp_path / "etude.qdpx"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("project.qde", xml)
        archive.writestr("sources/55555555-5555-5555-5555-555555555555.txt", text.encode("utf-8"))
    project = tmp_path / "etude.ilens"
    result = cli("ingest", project, path, "--commune", "Lusignac")
    assert result.exit_code == 0, result.output
    assert "2 codes imported, 1 codes outside the SWOT grid kept as memos" in result.output
    rows = _segments(project)
    coded = {r[3]: (r[4], r[6]) for r in rows if r[4]}
    assert coded == {first: ("force", "marie"), second: ("vigilance", "marie")}
    db = sqlite3.connect(project)
    memo = db.execute("SELECT m.text, s.text FROM memo m JOIN segment s ON s.id = m.segment_id").fetchall()
    db.close()
    assert memo == [("Code importé de etude.qdpx : Tourisme", first)]


def test_a_damaged_qdpx_is_refused_and_creates_nothing(tmp_path, cli):
    path = tmp_path / "abime.qdpx"
    path.write_bytes(b"PK\x03\x04 not really a zip")
    project = tmp_path / "rien.ilens"
    result = cli("ingest", project, path)
    assert result.exit_code != 0
    assert "abime.qdpx" in result.stderr and "REFI-QDA" in result.stderr
    assert not project.exists()
