"""The diagnostic report in Markdown, HTML and DOCX."""

from __future__ import annotations

import re
import shutil
import subprocess

import pytest

PARTS = ["1. Cadre et méthodologie", "2. État des lieux", "3. Préconisations", "4. Annexes"]


def test_markdown_report_has_the_four_parts_and_quotes(demo_exports):
    path = demo_exports["md"]
    text = path.read_text(encoding="utf-8")
    positions = [text.index(part) for part in PARTS]
    assert positions == sorted(positions)
    for section in ("Le corpus", "Le codage", "Accord entre codeurs", "Plouvénec",
                    "Thèmes abordés", "Carte des acteurs", "Territoires partenaires potentiels",
                    "Grille de codage", "Synthèse par entretien"):
        assert section in text
    assert "19 entretiens" in text and "32 personnes" in text
    assert "100 % des codes sont des suggestions automatiques" in text
    # Quotes carry their source: interview number, kind and actor type.
    assert re.search(r"\*« [^»]+ »\* \(E\d+, entretien, élu\)", text)
    assert "Sénégal" in text  # a candidate partner
    images = path.with_name("rapport_images")
    for name in ("swot_communes", "swot_acteurs", "themes", "reseau_acteurs"):
        assert (images / f"{name}.png").read_bytes().startswith(b"\x89PNG")
        assert f"rapport_images/{name}.png" in text


def test_html_report_is_self_contained(demo_exports):
    html = demo_exports["html"].read_text(encoding="utf-8")
    assert html.startswith("<!DOCTYPE html>") and '<html lang="fr">' in html
    assert html.count('src="data:image/png;base64,') == 4
    assert not re.search(r'(?:src|href)="(?!data:)', html)
    assert "<link" not in html and "<script" not in html
    for part in PARTS:
        assert part in html


def test_docx_report_structure(demo_exports):
    import docx

    document = docx.Document(demo_exports["docx"])
    headings = [p.text for p in document.paragraphs if p.style.name.startswith("Heading")]
    for part in PARTS:
        assert any(h.startswith(part) for h in headings)
    assert len(document.inline_shapes) == 4
    assert len(document.tables) > 10
    assert document.tables[0].rows[0].cells[0].text == "Commune"


def test_agreement_figures_with_two_coders(two_coder_project, tmp_path, cli):
    from sklearn.metrics import cohen_kappa_score

    import interviewlens

    with interviewlens.open_project(two_coder_project) as p:
        rows = p.db.execute("SELECT coder, segment_id, label FROM coder_decision").fetchall()
    a = {s: lab for c, s, lab in rows if c == "Bruno"}
    b = {s: lab for c, s, lab in rows if c == "Camille Renaud"}
    shared = sorted(set(a) & set(b))
    expected = cohen_kappa_score([a[s] for s in shared], [b[s] for s in shared])
    out = tmp_path / "rapport.md"
    assert cli("export", two_coder_project, "-f", "md", "-o", out).exit_code == 0
    text = out.read_text(encoding="utf-8")
    row = next(line for line in text.splitlines() if line.startswith("| Bruno / Personne"))
    assert f"| 60 | 75 % | {expected:.2f} |" in row
    assert "Camille Renaud" not in text  # a coder named in the manifest is pseudonymised too
    assert "10 validés par un superviseur" in text


def _libreoffice() -> str:
    binary = shutil.which("libreoffice") or shutil.which("soffice")
    if not binary:
        pytest.skip("LibreOffice is not installed")
    return binary


@pytest.mark.parametrize("fmt", ["docx", "xlsx"])
def test_libreoffice_opens_the_file(demo_exports, tmp_path, fmt):
    binary = _libreoffice()
    profile = tmp_path / "profile"
    result = subprocess.run(
        [binary, f"-env:UserInstallation=file://{profile}", "--headless", "--convert-to", "pdf",
         "--outdir", str(tmp_path), str(demo_exports[fmt])],
        check=False, capture_output=True, text=True, timeout=300)
    pdf = tmp_path / (demo_exports[fmt].stem + ".pdf")
    assert pdf.exists(), result.stderr
    assert pdf.read_bytes().startswith(b"%PDF") and pdf.stat().st_size > 20_000
