"""Transcriber (.trs) reader: happy path on a hand-written fixture, and bad inputs."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from interviewlens.errors import InputError
from interviewlens.ingest.model import RoleHint
from interviewlens.ingest.readers.trs import read_trs
from interviewlens.ingest.readers.xml_common import interviewer_marker

FIXTURE = Path(__file__).resolve().parents[1] / "fixtures" / "readers" / "entretien.trs"
PATH = Path("entretien.trs")


def trs(body: str, speakers: str = '<Speaker id="spk1" name="Anne"/>',
        encoding: str = "UTF-8") -> bytes:
    text = (f'<?xml version="1.0" encoding="{encoding}"?>\n<Trans>\n'
            f"<Speakers>{speakers}</Speakers>\n<Episode><Section>\n{body}\n"
            "</Section></Episode>\n</Trans>\n")
    return text.encode("latin-1" if encoding.upper().startswith("ISO") else "utf-8")


@pytest.fixture(scope="module")
def source():
    [parsed] = read_trs(FIXTURE.read_bytes(), FIXTURE)
    return parsed


def test_speakers_and_hints(source):
    assert source.format == "trs" and source.ordinal == 0
    assert source.speakers["spk1"].name == "Marie Dubois"
    assert source.speakers["spk1"].role_hint is RoleHint.INTERVIEWER
    assert source.speakers["spk2"].name == "Jean Morel"
    assert source.speakers["spk2"].role_hint is RoleHint.UNKNOWN


def test_turns_chunks_and_times(source):
    # the empty speakerless turn is dropped; the speakerless "bonjour" goes to "inconnu"
    assert [t.speaker for t in source.turns] == [
        "spk1", "spk2", "spk1", "spk2", "spk1", "spk2", "inconnu", "spk2"]
    first, second = source.turns[:2]
    assert first.chunks == ("alors depuis combien de temps vous habitez au bourg ?",
                            "et les commerces")
    assert (first.time_start, first.time_end) == (1.2, 6.0)
    # Latin-1 accents decoded; Comment/Event/Background give no words; "li-" kept
    assert second.chunks == ("euh depuis vingt ans à peu près",
                             "la boulangerie a fermé l'an dernier c'est dommage",
                             "on va au supermarché en voiture le li- le lundi")
    assert first.line == 18 and second.line == 25


def test_overlap_split_per_who(source):
    overlap = source.turns[2:6]
    assert [(t.speaker, t.chunks) for t in overlap] == [
        ("spk1", ("et le bus ?",)), ("spk2", ("mm",)),
        ("spk1", ("il passe souvent ?",)), ("spk2", ("deux fois par jour",))]
    assert [(t.time_start, t.time_end) for t in overlap] == [
        (15.0, 16.0), (15.0, 16.0), (16.0, 17.5), (16.0, 17.5)]


def test_metadata(source):
    assert source.metadata["scribe"] == "Camille Test"
    assert source.metadata["audio_filename"] == "entretien_bourg"
    assert source.metadata["topics"] == "commerces; transports"
    assert source.speakers["inconnu"].role_hint is RoleHint.UNKNOWN


def test_who_beyond_speaker_list_goes_to_unknown_speaker():
    data = trs('<Turn speaker="spk1"><Sync time="0"/><Who nb="1"/>oui<Who nb="2"/>non</Turn>')
    [parsed] = read_trs(data, PATH)
    assert [(t.speaker, t.chunks) for t in parsed.turns] == [("spk1", ("oui",)),
                                                            ("inconnu", ("non",))]


@pytest.mark.parametrize("label, name, marked", [
    ("Sonia Branca-Rosoff (ENQ)", "Sonia Branca-Rosoff", True),
    ("Justine T. (Enq)", "Justine T.", True),
    ("Sonia Branca-Rosoff Enq", "Sonia Branca-Rosoff", True),
    ("enquêtrice", "enquêtrice", True),
    ("Paul (enquêteur)", "Paul", True),
    ("Q", "Q", True),
    ("Interviewer_1", "Interviewer_1", True),
    ("ENQ-Marie", "ENQ-Marie", True),
    ("Enquêtrices", "Enquêtrices", True),
    ("Quentin", "Quentin", False),
    ("Enqueteur2", "Enqueteur2", True),
    ("Henri Enqvist", "Henri Enqvist", False),
    ("DM95", "DM95", False),
])
def test_interviewer_marker(label, name, marked):
    assert interviewer_marker(label) == (name, marked)


# ---------------------------------------------------------------- bad inputs

def test_malformed_xml_reports_line():
    data = b'<?xml version="1.0"?>\n<Trans>\n<Speakers>\n</Trans>\n'
    with pytest.raises(InputError) as caught:
        read_trs(data, PATH)
    assert caught.value.line == 4 and "line 4" in str(caught.value)


def test_entity_bomb_refused():
    data = (b'<?xml version="1.0"?>\n<!DOCTYPE Trans [<!ENTITY a "aaaaaaaaaa">'
            b'<!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;"><!ENTITY c "&b;&b;&b;&b;&b;&b;&b;">]>\n'
            b"<Trans>&c;</Trans>")
    with pytest.raises(InputError, match="unsafe"):
        read_trs(data, PATH)


def test_external_entity_refused():
    data = (b'<?xml version="1.0"?>\n<!DOCTYPE Trans [<!ENTITY x SYSTEM "file:///etc/passwd">]>\n'
            b"<Trans>&x;</Trans>")
    with pytest.raises(InputError, match="unsafe"):
        read_trs(data, PATH)


def test_wrong_root():
    with pytest.raises(InputError, match="root element is <TEI>"):
        read_trs(b'<?xml version="1.0"?>\n<TEI><text/></TEI>', PATH)


def test_undeclared_speaker():
    data = trs('<Turn speaker="spk9" startTime="0" endTime="1"><Sync time="0"/>oui</Turn>')
    with pytest.raises(InputError, match="'spk9'") as caught:
        read_trs(data, PATH)
    assert caught.value.line == 5


def test_speakers_created_when_none_declared():
    data = trs('<Turn speaker="spk9"><Sync time="0"/>oui</Turn>', speakers="")
    [parsed] = read_trs(data, PATH)
    assert parsed.speakers["spk9"].name == "spk9"


@pytest.mark.parametrize("turn", [
    '<Turn speaker="spk1" startTime="abc" endTime="1">oui</Turn>',
    '<Turn speaker="spk1"><Sync time="1,5"/>oui</Turn>',
    '<Turn speaker="spk1" startTime="nan">oui</Turn>',
])
def test_non_numeric_time(turn):
    with pytest.raises(InputError, match="not a valid time") as caught:
        read_trs(trs(turn), PATH)
    assert caught.value.line == 5


@pytest.mark.parametrize("data", [b"", b"   \n"])
def test_empty_file(data):
    with pytest.raises(InputError, match="empty"):
        read_trs(data, PATH)


def test_no_speech():
    with pytest.raises(InputError, match="no speech"):
        read_trs(trs('<Turn speaker="spk1"><Sync time="0"/> <Event desc="rire"/></Turn>'), PATH)


def test_utf8_declared_with_latin1_bytes():
    data = trs('<Turn speaker="spk1">\nc\'est fini</Turn>')
    data = data.replace(b"fini", "fermé".encode("latin-1"))
    with pytest.raises(InputError, match="not UTF-8") as caught:
        read_trs(data, PATH)
    assert caught.value.line == 6 and "ISO-8859-1" in str(caught.value)


def test_latin1_declared_reads_accents():
    [parsed] = read_trs(trs('<Turn speaker="spk1">déjà là</Turn>', encoding="ISO-8859-1"), PATH)
    assert parsed.turns[0].chunks == ("déjà là",)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.data())
def test_any_bytes_give_sources_or_input_error(data):
    raw = FIXTURE.read_bytes()
    cut = data.draw(st.integers(0, len(raw)))
    junk = data.draw(st.binary(max_size=8))
    mutated = raw[:cut] + junk + raw[cut + data.draw(st.integers(0, 8)):]
    try:
        read_trs(mutated, PATH)
    except InputError:
        pass
