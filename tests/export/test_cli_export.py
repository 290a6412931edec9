"""The export command: errors, a project not analysed nor classified, light imports."""

from __future__ import annotations

import subprocess
import sys

from tests.conftest import DEMO, dump_digest


def test_unknown_format_is_one_clear_line(tmp_path, cli):
    result = cli("export", tmp_path / "absent.ilens", "-f", "pdf", "-o", tmp_path / "x.pdf")
    assert result.exit_code == 1
    assert result.stderr.strip().startswith("error: --format: unknown export format 'pdf'")
    assert len(result.stderr.strip().splitlines()) == 1


def test_missing_output_folder_and_unknown_coder(demo_project, tmp_path, cli):
    before = dump_digest(demo_project)
    result = cli("export", demo_project, "-f", "docx", "-o", tmp_path / "nope" / "r.docx")
    assert result.exit_code == 1 and "does not exist" in result.stderr
    result = cli("export", demo_project, "-f", "xlsx", "-o", tmp_path / "r.xlsx", "--coder", "Nobody")
    assert result.exit_code == 1 and "no codes by 'Nobody'" in result.stderr
    assert not (tmp_path / "r.xlsx").exists()
    assert dump_digest(demo_project) == before


def test_project_neither_analysed_nor_classified(tmp_path, cli):
    project = tmp_path / "brut.ilens"
    folder = DEMO / "villebrenne"
    assert cli("ingest", project, folder / "01-maire-moulin.md", folder / "06-epicerie-bar.txt",
               "--commune", "Villebrenne-sur-Cher").exit_code == 0
    for fmt, name in [("md", "r.md"), ("html", "r.html"), ("docx", "r.docx"), ("xlsx", "t.xlsx"),
                      ("csv", "t"), ("json", "t.json"), ("qdpx", "p.qdpx"), ("qdc", "c.qdc"),
                      ("iramuteq", "i.txt")]:
        result = cli("export", project, "-f", fmt, "-o", tmp_path / name)
        assert result.exit_code == 0, (fmt, result.output)
    report = (tmp_path / "r.md").read_text(encoding="utf-8")
    assert "Aucun segment n'est encore codé" in report
    assert "L'analyse des thèmes, des acteurs et des lieux n'a pas été lancée" in report
    assert "Gérard Moulin" not in report and "Moulin" not in report.replace("moulin", "")
    assert "nothing is coded yet" in result.stderr


def test_help_does_not_import_heavy_libraries():
    code = ("import sys; import interviewlens.cli, interviewlens.cli_export;"
            " heavy = {'pandas', 'matplotlib', 'spacy', 'docx', 'lxml', 'openpyxl'};"
            " print(sorted(heavy & set(sys.modules)))")
    output = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                            check=True).stdout.strip()
    assert output == "[]"
