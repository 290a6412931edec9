"""End-to-end ingestion through the CLI: happy paths and every bad input."""

import io
import zipfile
from pathlib import Path

import pytest

from interviewlens import open_project
from tests.conftest import FIXTURES, project_dump

GOOD = "Q : Qu'est-ce qui marche bien ici ?\nR : Les associations, il y en a une quarantaine.\n"


@pytest.fixture
def project(tmp_path, cli) -> Path:
    """A project holding one good interview."""
    path = tmp_path / "p.ilens"
    source = tmp_path / "in" / "good.txt"
    source.parent.mkdir()
    source.write_text(GOOD, encoding="utf-8")
    result = cli("ingest", path, source, "--commune", "Bréval")
    assert result.exit_code == 0, result.output
    return path


def check_offsets(path: Path) -> int:
    with open_project(path) as project:
        segments = project.segments()
        texts = {row.interview_id: project.interview_text(row.interview_id)
                 for row in project.interviews().itertuples()}
    for row in segments.itertuples():
        assert texts[row.interview_id][row.start:row.end] == row.text
    return len(segments)


def test_fixture_folder_ingests_with_exact_offsets(tmp_path, cli):
    path = tmp_path / "p.ilens"
    result = cli("ingest", path, FIXTURES / "ingest", "--commune", "Bréval")
    assert result.exit_code == 0, result.output
    assert check_offsets(path) > 10
    with open_project(path) as project:
        interviews = project.interviews()
        speakers = project.speakers()
    assert set(interviews.commune) == {"Bréval"}
    q_r = interviews[interviews.file == "qr_timestamps.txt"].iloc[0]
    assert q_r.interviewers == "Q" and q_r.interviewees == "R"
    assert (speakers.role == "interviewer").sum() >= 3


def test_a_folders_notes_and_readme_are_skipped_but_not_transcripts_named_notes(tmp_path, cli):
    folder = tmp_path / "in"
    folder.mkdir()
    for name in ("NOTES.md", "README.txt", "notes-entretien-maire.txt"):
        (folder / name).write_text(GOOD, encoding="utf-8")
    path = tmp_path / "p.ilens"
    result = cli("ingest", path, folder, "--commune", "Bréval")
    assert result.exit_code == 0, result.output
    with open_project(path) as project:
        assert project.interviews().file.tolist() == ["notes-entretien-maire.txt"]
    assert "NOTES.md: skipped (documentation file)" in result.output


def test_a_manifest_speaker_who_never_speaks_is_reported(tmp_path, cli):
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "maire.txt").write_text(
        "Enquêtrice : Qu'est-ce qui marche bien ici ?\n"
        "Maria do Carmo : Les associations.\n"  # the manifest spells her label otherwise
        "Enquêtrice : Et le jumelage ?\n"
        "Maria do Carmo : Il dort.\n", encoding="utf-8")
    manifest = folder / "manifest.yaml"
    manifest.write_text(
        "files:\n  - file: maire.txt\n    commune: Bréval\n    interviewer: Enquêtrice\n"
        "    speakers:\n      Maria Do Carmo Ferreira: {role: interviewee, actor_type: élu}\n",
        encoding="utf-8")
    result = cli("ingest", tmp_path / "p.ilens", folder, "--manifest", manifest)
    assert result.exit_code == 0, result.output
    assert "'Maria Do Carmo Ferreira' never speaks in this file" in " ".join(result.output.split())
    fixed = manifest.read_text(encoding="utf-8").replace("Maria Do Carmo Ferreira", "Maria do Carmo")
    manifest.write_text(fixed, encoding="utf-8")
    result = cli("ingest", tmp_path / "q.ilens", folder, "--manifest", manifest)
    assert "never speaks" not in result.output


def test_reingesting_an_identical_file_is_a_no_op(project, tmp_path, cli):
    before = project_dump(project)
    result = cli("ingest", project, tmp_path / "in" / "good.txt")
    assert result.exit_code == 0
    assert "unchanged" in result.output
    assert project_dump(project) == before


def test_changed_file_with_the_same_name_is_reported_not_duplicated(project, tmp_path, cli):
    before = project_dump(project)
    (tmp_path / "in" / "good.txt").write_text(GOOD + "Q : Et les jeunes ?\nR : Ils partent.\n")
    result = cli("ingest", project, tmp_path / "in" / "good.txt")
    assert result.exit_code == 1
    assert "a different version of 'good.txt' is already in the project" in result.stderr
    assert project_dump(project) == before


def zip_bytes(members: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return buffer.getvalue()


BAD_INPUTS = {
    "mixed.txt": ("Q : été\n".encode() + "R : été\n".encode("cp1252"), "mixed text encodings", 2),
    "empty.txt": (b"", "the file is empty", None),
    "notes.pages": (b"whatever", "unknown file type '.pages'", None),
    "broken.trs": (b'<?xml version="1.0"?>\n<Trans>\n<Speakers>\n</Trans>', "malformed", 4),
    "bomb.trs": (b'<?xml version="1.0"?>\n<!DOCTYPE Trans [<!ENTITY a "aaaaaaaaaa">'
                 b'<!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">]>\n<Trans>&b;</Trans>',
                 "refused unsafe", None),
    "external.trs": (b'<?xml version="1.0"?>\n<!DOCTYPE Trans [<!ENTITY x SYSTEM "file:///etc/passwd">]>'
                     b"\n<Trans>&x;</Trans>", "refused unsafe", None),
    "bomb.docx": (zip_bytes({"word/document.xml": b"<a>" + b"x" * (80 * 2**20) + b"</a>"}),
                  "zip bomb", None),
    "bomb.odt": (zip_bytes({"content.xml": b"<a>" + b"x" * (80 * 2**20) + b"</a>"}), "zip bomb", None),
    "answers.csv": (b"id,texte\n1,bonjour\n", "no column named 'reponse'", 1),
}


@pytest.mark.parametrize("name", sorted(BAD_INPUTS))
def test_bad_input_gives_one_clear_line_and_leaves_the_project_unchanged(project, tmp_path, cli, name):
    data, problem, line = BAD_INPUTS[name]
    bad = tmp_path / name
    bad.write_bytes(data)
    before = project_dump(project)
    args = ["ingest", project, bad] + (["--text-columns", "reponse"] if name.endswith(".csv") else [])
    result = cli(*args)
    assert result.exit_code == 1
    error_lines = [l for l in result.stderr.splitlines() if l.startswith("error:")]
    assert len(error_lines) == 1, result.stderr
    assert name in error_lines[0] and problem in error_lines[0]
    if line is not None:
        assert f"line {line}" in error_lines[0]
    assert " — " in error_lines[0]  # every error says what to do
    assert project_dump(project) == before


def test_bad_input_never_creates_a_project(tmp_path, cli):
    bad = tmp_path / "empty.txt"
    bad.write_bytes(b"")
    result = cli("ingest", tmp_path / "new.ilens", bad)
    assert result.exit_code == 1
    assert not (tmp_path / "new.ilens").exists()


def test_one_bad_file_in_a_folder_blocks_all_unless_skip_errors(project, tmp_path, cli):
    folder = tmp_path / "batch"
    folder.mkdir()
    (folder / "ok.txt").write_text(GOOD.replace("quarantaine", "trentaine"), encoding="utf-8")
    (folder / "bad.txt").write_bytes(b"")
    before = project_dump(project)
    assert cli("ingest", project, folder).exit_code == 1
    assert project_dump(project) == before
    result = cli("ingest", project, folder, "--skip-errors")
    assert result.exit_code == 3
    with open_project(project) as opened:
        assert sorted(opened.interviews().file) == ["good.txt", "ok.txt"]


def test_manifest_naming_a_missing_file_changes_nothing(project, tmp_path, cli):
    manifest = tmp_path / "in" / "manifest.yaml"
    manifest.write_text("files:\n  - file: good.txt\n  - file: gone.txt\n    commune: X\n")
    before = project_dump(project)
    result = cli("ingest", project, tmp_path / "in", "--manifest", manifest)
    assert result.exit_code == 1
    assert "manifest.yaml, line 3: names 'gone.txt'" in result.stderr
    assert project_dump(project) == before


def test_manifest_sets_commune_date_roles_and_actor_types(tmp_path, cli):
    folder = tmp_path / "corpus"
    folder.mkdir()
    (folder / "e1.txt").write_text(
        "E1 : bonjour vous êtes ici depuis quand ?\nE2 : depuis toujours je suis née ici\n", "utf-8")
    (folder / "manifest.yaml").write_text(
        "files:\n  - file: e1.txt\n    commune: Bréval\n    date: 2026-03-01\n    interviewer: E1\n"
        "    speakers:\n      E2: {name: Jeanne Caron, actor_type: habitant}\n", "utf-8")
    path = tmp_path / "p.ilens"
    result = cli("ingest", path, folder, "--manifest", folder / "manifest.yaml")
    assert result.exit_code == 0, result.output
    with open_project(path) as project:
        speakers = project.speakers().set_index("key")
        interview = project.interviews().iloc[0]
    assert speakers.loc["E1", "role"] == "interviewer"
    assert speakers.loc["E1", "role_origin"] == "manifest"
    assert speakers.loc["E2", "name"] == "Jeanne Caron"
    assert speakers.loc["E2", "actor_type"] == "habitant"
    assert interview.date == "2026-03-01" and interview.commune == "Bréval"
