from pathlib import Path

import pytest

from interviewlens.errors import InputError
from interviewlens.ingest.model import RoleHint
from interviewlens.ingest.readers.text import read_text
from tests.conftest import FIXTURES

INGEST = FIXTURES / "ingest"


def read(name: str):
    path = INGEST / name
    [source] = read_text(path.read_bytes(), path)
    return source


def test_q_r_labels_with_timestamps_before_the_label():
    source = read("qr_timestamps.txt")
    assert [t.speaker for t in source.turns] == ["Q", "R", "Q", "R", "Q", "R"]
    assert source.speakers["Q"].role_hint is RoleHint.INTERVIEWER
    assert source.speakers["R"].role_hint is RoleHint.INTERVIEWEE
    assert source.turns[0].time_start == 5.0
    assert source.turns[4].time_start == 190.0  # bare 00:03:10 stamp
    assert source.title == "Entretien n°3 — adjointe à la culture"
    assert source.metadata["Lieu"] == "mairie"


def test_unlabelled_lines_continue_the_current_turn():
    source = read("qr_timestamps.txt")
    culture = " ".join(source.turns[3].chunks)
    assert culture.startswith("ben c'est riche")
    assert culture.endswith("il n'y aura plus rien")


def test_markdown_bold_labels_and_full_names():
    source = read("names_markdown.md")
    assert set(source.speakers) == {"Enquêtrice", "Gérard Le Bihan"}
    assert source.speakers["Enquêtrice"].role_hint is RoleHint.INTERVIEWER
    assert source.title == "Entretien avec le président du comité de jumelage"
    last = source.turns[-1]
    assert last.speaker == "Gérard Le Bihan"
    assert len(last.chunks) == 2  # the paragraph without a label continues the turn
    assert not any("**" in c for t in source.turns for c in t.chunks)


def test_numbered_speaker_codes_are_neutral():
    source = read("initials_e1.txt")
    assert set(source.speakers) == {"E1", "E2"}
    assert all(s.role_hint is RoleHint.UNKNOWN for s in source.speakers.values())


def test_numbered_participants_of_a_focus_group_are_speakers(tmp_path: Path):
    path = tmp_path / "focus.txt"
    path.write_text("Animatrice : Qu'est-ce qui marche bien ici ?\n"
                    "Participant 1 : Les associations, il y en a une quarantaine.\n"
                    "Participante 12 : Oui mais les jeunes partent tous.\n"
                    "Animatrice : Et le jumelage ?\n"
                    "Article 3 : il faudrait le relancer avec les écoles.\n", encoding="utf-8")
    [source] = read_text(path.read_bytes(), path)
    assert [t.speaker for t in source.turns] == [
        "Animatrice", "Participant 1", "Participante 12", "Animatrice"]
    # A numbered word that is not a participant, seen once, stays text.
    assert " ".join(source.turns[-1].chunks).endswith("Article 3 : il faudrait le relancer avec les écoles.")


def test_prose_without_labels_is_one_speaker_one_turn_per_paragraph():
    source = read("no_labels.txt")
    assert list(source.speakers) == ["Locuteur 1"]
    assert len(source.turns) == 3
    assert source.turns[0].chunks == ("Remarque : ce document est un compte rendu.",)
    assert source.metadata["speaker_labels"] == "none found"


def test_windows_1252_text_is_decoded(tmp_path: Path):
    path = tmp_path / "word_export.txt"
    path.write_bytes("Q : Et l'école ?\nR : Elle ferme l'été, c'est dommage.\n".encode("cp1252"))
    [source] = read_text(path.read_bytes(), path)
    assert source.turns[1].chunks == ("Elle ferme l'été, c'est dommage.",)
    assert source.metadata["encoding"] == "cp1252"


def test_crlf_and_bom_are_normalised(tmp_path: Path):
    path = tmp_path / "crlf.txt"
    path.write_bytes("\ufeffQ : Bonjour ?\r\nR : Bonjour.\r\n".encode("utf-8"))
    [source] = read_text(path.read_bytes(), path)
    assert [t.chunks for t in source.turns] == [("Bonjour ?",), ("Bonjour.",)]


def test_mixed_encoding_is_refused_with_the_line(tmp_path: Path):
    path = tmp_path / "mixed.txt"
    path.write_bytes("Q : Début en UTF-8 : été\n".encode() + "R : suite en cp1252 : été\n".encode("cp1252"))
    with pytest.raises(InputError) as caught:
        read_text(path.read_bytes(), path)
    assert "mixed text encodings" in str(caught.value)
    assert caught.value.line == 2
    assert "mixed.txt, line 2" in str(caught.value)


@pytest.mark.parametrize("content", [b"", b"   \n\n  "])
def test_empty_file_is_refused(tmp_path: Path, content: bytes):
    path = tmp_path / "empty.txt"
    path.write_bytes(content)
    with pytest.raises(InputError, match="empty"):
        read_text(content, path)


def test_binary_file_is_refused(tmp_path: Path):
    path = tmp_path / "image.txt"
    data = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR"
    with pytest.raises(InputError, match="not a text file"):
        read_text(data, path)


def test_names_with_lower_case_particles_are_speakers(tmp_path: Path):
    people = ["Maria do Carmo Ferreira", "Karim ben Salah", "Jan van der Berg"]
    lines = ["Enquêtrice : Vous pouvez vous présenter ?"]
    for round_ in ("Je suis arrivé ici en 1987.", "On a quarante adhérents."):
        lines += [f"{person} : {round_}" for person in people]
    path = tmp_path / "particles.txt"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    [source] = read_text(path.read_bytes(), path)
    assert [t.speaker for t in source.turns] == ["Enquêtrice", *people, *people]
