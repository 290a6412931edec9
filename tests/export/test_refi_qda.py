"""REFI-QDA export: schema validity, structure, offsets over exactly the exported text."""

from __future__ import annotations

import zipfile

import pytest

from tests.conftest import REPO

NS = {"q": "urn:QDA-XML:project:1.0"}
SCHEMA = REPO.parent / "shared" / "schemas" / "refi-qda" / "Project-mrt2019.xsd"


def _project(path):
    from lxml import etree

    with zipfile.ZipFile(path) as archive:
        root = etree.fromstring(archive.read("project.qde"))
        sources = {n: archive.read(n).decode("utf-8") for n in archive.namelist()
                   if n.startswith("sources/")}
    return root, sources


def test_project_validates_against_the_refi_qda_schema(demo_exports, two_coder_project, tmp_path, cli):
    if not SCHEMA.exists():
        pytest.skip("../shared/schemas/refi-qda is absent")
    from lxml import etree

    schema = etree.XMLSchema(etree.parse(str(SCHEMA)))
    root, _ = _project(demo_exports["qdpx"])
    assert schema.validate(root), schema.error_log
    out = tmp_path / "coders.qdpx"
    assert cli("export", two_coder_project, "-f", "qdpx", "-o", out).exit_code == 0
    root, _ = _project(out)
    assert schema.validate(root), schema.error_log


def test_structure_and_offsets(demo_exports):
    root, sources = _project(demo_exports["qdpx"])
    assert root.tag == "{urn:QDA-XML:project:1.0}Project"
    users = [u.get("name") for u in root.findall("q:Users/q:User", NS)]
    assert any(u.startswith("interviewlens — modèle") for u in users)
    swot = root.find("q:CodeBook/q:Codes/q:Code[@name='SWOT']", NS)
    assert [c.get("name") for c in swot.findall("q:Code", NS)] == [
        "Force / atout", "Faiblesse / limite", "Opportunité", "Point de vigilance", "Aucun"]
    assert root.find("q:CodeBook/q:Codes/q:Code[@name='Thèmes']", NS) is not None
    variables = {v.get("name") for v in root.findall("q:Variables/q:Variable", NS)}
    assert {"Commune", "Type d'acteur", "Rôle"} <= variables
    text_sources = root.findall("q:Sources/q:TextSource", NS)
    assert len(text_sources) == 51
    segments = 0
    for source in text_sources:
        text = sources["sources/" + source.get("plainTextPath").removeprefix("internal://")]
        assert "\r" not in text
        for selection in source.findall("q:PlainTextSelection", NS):
            start, end = int(selection.get("startPosition")), int(selection.get("endPosition"))
            piece = text[start:end]
            assert piece == piece.strip() and piece
            segments += 1
    assert segments == 885
    cases = root.findall("q:Cases/q:Case", NS)
    assert any(c.get("name") == "Personne 2" for c in cases)


def test_offsets_are_code_points_over_the_exported_text(demo_project, tmp_path):
    """Selections sliced out of the exported text equal the segments' (pseudonymised) texts."""
    from interviewlens.export import ExportOptions, export_project

    result = export_project(demo_project, "qdpx", tmp_path / "p.qdpx", ExportOptions())
    root, sources = _project(tmp_path / "p.qdpx")
    by_name = {s.get("name"): s for s in root.findall("q:Sources/q:TextSource", NS)}
    texts = {s.id: s.text for s in result.data.segments}
    checked = 0
    for interview in result.data.interviews:
        source = by_name[f"{interview.code} — {interview.title}"]
        text = sources["sources/" + source.get("plainTextPath").removeprefix("internal://")]
        assert text == interview.text
        for selection in source.findall("q:PlainTextSelection", NS):
            ours = [s for s in result.data.segments if s.interview_id == interview.id
                    and s.start == int(selection.get("startPosition"))]
            assert ours and text[ours[0].start:ours[0].end] == texts[ours[0].id]
            checked += 1
    assert checked == 885


def test_codebook_file(demo_exports):
    from lxml import etree

    root = etree.parse(str(demo_exports["qdc"])).getroot()
    assert root.tag == "{urn:QDA-XML:codebook:1.0}CodeBook"
    names = [c.get("name") for c in root.iter("{urn:QDA-XML:codebook:1.0}Code")]
    assert "Point de vigilance" in names and len(names) > 7
