from pathlib import Path

import pytest

from interviewlens.domain import ActorType, Role
from interviewlens.errors import InputError
from interviewlens.ingest.manifest import load_manifest

YAML = """files:
  - file: maire.txt
    commune: Bréval
    date: 2026-02-12
    interviewer: [Q, Léa Martin]
    speakers:
      R: {name: Marc Lefèvre, role: interviewee, actor_type: élu}
speakers:
  "Jeanne Caron": {role: interviewee, actor_type: Éducatif}
"""


def write(tmp_path: Path, name: str, text: str) -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_yaml_manifest(tmp_path):
    write(tmp_path, "maire.txt", "Q : bonjour ?\nR : bonjour\n")
    manifest = load_manifest(write(tmp_path, "manifest.yaml", YAML))
    entry = manifest.entry_for(tmp_path / "maire.txt")
    assert entry.commune == "Bréval" and entry.date == "2026-02-12"
    assert entry.interviewers == ("Q", "Léa Martin")
    assert entry.speakers["R"].actor_type is ActorType.ELU
    assert manifest.speaker(entry, "R", "R").name == "Marc Lefèvre"
    assert manifest.speaker(None, "x", "jeanne caron").actor_type is ActorType.EDUCATIF
    assert manifest.speaker(entry, "Q", "Q").role is Role.INTERVIEWER


def test_csv_manifest(tmp_path):
    write(tmp_path, "a.txt", "Q : bonjour ?\nR : bonjour\n")
    text = ("file;commune;date;interviewer;speaker;role;actor_type\n"
            "a.txt;Bréval;2026-01-05;Q;;;\n"
            "a.txt;;;;R;interviewee;associatif\n"
            ";;;;Paul;interviewee;habitant\n")
    manifest = load_manifest(write(tmp_path, "m.csv", text))
    entry = manifest.entry_for(tmp_path / "a.txt")
    assert entry.commune == "Bréval"
    assert entry.speakers["R"].actor_type is ActorType.ASSOCIATIF
    assert manifest.speakers["Paul"].actor_type is ActorType.HABITANT


def test_manifest_naming_a_missing_file_gives_its_line(tmp_path):
    write(tmp_path, "maire.txt", "Q : bonjour ?\nR : bonjour\n")
    path = write(tmp_path, "manifest.yaml", "files:\n  - file: maire.txt\n  - file: absent.txt\n")
    with pytest.raises(InputError) as caught:
        load_manifest(path)
    assert caught.value.line == 3
    assert "'absent.txt', which does not exist" in str(caught.value)


@pytest.mark.parametrize("text, problem, line", [
    ("files:\n  - file: maire.txt\n    actor_type: maire\n", "unknown actor type 'maire'", 2),
    ("files:\n  - file: maire.txt\n    comune: X\n", "unknown file field(s): comune", 2),
    ("files:\n  - file: maire.txt\n   commune: [\n", "invalid YAML", 3),
    ("speakers:\n  Paul: {role: chef}\n", "unknown role 'chef'", 2),
])
def test_manifest_mistakes_are_located(tmp_path, text, problem, line):
    write(tmp_path, "maire.txt", "Q : bonjour ?\nR : bonjour\n")
    with pytest.raises(InputError) as caught:
        load_manifest(write(tmp_path, "manifest.yaml", text))
    assert problem in str(caught.value)
    assert caught.value.line == line


def test_initials_that_yaml_1_1_reads_as_booleans_stay_labels(tmp_path):
    write(tmp_path, "epicerie.txt", "TR : bonjour ?\nON : bonjour\n")
    manifest = load_manifest(write(tmp_path, "manifest.yaml", (
        "files:\n  - file: epicerie.txt\n    interviewer: TR\n    speakers:\n"
        "      ON: {name: Ousmane Ndiaye, role: interviewee, actor_type: économique}\n"
        "      NO: {name: Nadia Ouali, role: interviewee}\n"
        "      Y: {name: Yves Le Goff, role: interviewee}\n")))
    entry = manifest.entry_for(tmp_path / "epicerie.txt")
    assert set(entry.speakers) == {"ON", "NO", "Y"}
    assert manifest.speaker(entry, "ON", "ON").name == "Ousmane Ndiaye"


def test_an_interviewer_mark_in_a_manifest_label_matches_the_transcript_label(tmp_path):
    write(tmp_path, "a.txt", "Lucas Perrin (ENQ) : bonjour ?\nR : bonjour\n")
    manifest = load_manifest(write(tmp_path, "manifest.yaml", (
        "files:\n  - file: a.txt\n    speakers:\n"
        "      Lucas Perrin (ENQ): {name: Lucas Perrin, role: interviewer}\n")))
    entry = manifest.entry_for(tmp_path / "a.txt")
    assert manifest.speaker(entry, "Lucas Perrin", "Lucas Perrin").role is Role.INTERVIEWER
