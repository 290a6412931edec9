"""TEI (CFPP2000-style) reader: both layouts on hand-written fixtures, and bad inputs."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from interviewlens.errors import InputError
from interviewlens.ingest.model import RoleHint
from interviewlens.ingest.readers.tei import read_tei

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "readers"
PATH = Path("entretien")


def tei(body: str, persons: str = '<person code="spk1" name="Anne"/>',
        timeline: str = '<when absolute="00:00:00" xml:id="T0"/>'
                        '<when interval="2.5" since="#T0" xml:id="T1"/>') -> bytes:
    return ('<?xml version="1.0" encoding="UTF-8"?>\n'
            '<TEI xmlns="http://www.tei-c.org/ns/1.0">\n'
            "<teiHeader><profileDesc><particDesc>"
            f"{persons}</particDesc></profileDesc></teiHeader>\n"
            f'<text><timeline unit="s">{timeline}</timeline>\n<div>\n{body}\n</div></text>\n'
            "</TEI>\n").encode("utf-8")


@pytest.fixture(scope="module")
def source():
    path = FIXTURES / "entretien.tei"
    [parsed] = read_tei(path.read_bytes(), path)
    return parsed


def test_header(source):
    assert source.format == "tei"
    assert source.title == "Entretien sur le quartier de la gare"
    assert source.date == "2008-07-18"
    assert source.metadata["recording_date"] == "18-JUL-2008"
    assert source.metadata["scribe"] == "Camille Test"
    assert source.metadata["media"] == "quartier_gare.wav"
    assert source.metadata["topics"] == "marché du samedi"


def test_speakers_and_hints(source):
    speakers = source.speakers
    assert (speakers["spk2"].name, speakers["spk2"].role_hint) == ("Sophie Lenoir",
                                                                   RoleHint.INTERVIEWER)
    assert (speakers["spk1"].name, speakers["spk1"].role_hint) == ("Paul Girard", RoleHint.UNKNOWN)
    assert speakers["spk3"].name == "spk3"  # person without a name


def test_turns(source):
    # the empty turn with wh="" is dropped; "spk2 spk1" goes to the first speaker
    assert [t.speaker for t in source.turns] == ["spk2", "spk1", "spk2", "spk3"]
    answer = source.turns[1]
    # incident and spanGrp give no words; pause, anchor and separate seg cut chunks
    assert answer.chunks == ("oui le marché du samedi c'est le cœur du quartier",
                             "euh il y a moins de producteurs", "les prix ont mon- ont monté")
    assert (answer.time_start, answer.time_end) == (4.5, 12.25)
    assert answer.line == 46
    assert source.turns[2].chunks == ("mm d'accord",)


def test_annotation_block_layout_without_namespace():
    path = FIXTURES / "entretien_block.tei"
    [parsed] = read_tei(path.read_bytes(), path)
    assert parsed.speakers["spk1"].name == "Lucie Martin"
    assert parsed.speakers["spk1"].role_hint is RoleHint.INTERVIEWER
    assert parsed.date is None and parsed.metadata["recording_date"] == "NOV-2009"
    assert [(t.speaker, t.chunks) for t in parsed.turns] == [
        ("spk1", ("le café ferme à quelle heure",)),
        ("spk2", ("vers vingt heures", "sauf le dimanche"))]
    assert parsed.turns[1].time_end == 5.5  # chained "since"


def test_speakerless_text_goes_to_unknown_speaker():
    [parsed] = read_tei(tei('<annotatedU wh=""><u><seg>bonjour</seg></u></annotatedU>'), PATH)
    assert parsed.turns[0].speaker == "inconnu"


# ---------------------------------------------------------------- bad inputs

def test_malformed_xml_reports_line():
    data = tei('<annotatedU wh="spk1"><u><seg>oui</u></annotatedU>')
    with pytest.raises(InputError, match="malformed") as caught:
        read_tei(data, PATH)
    assert caught.value.line == 6


def test_entity_bomb_refused():
    data = (b'<?xml version="1.0"?>\n<!DOCTYPE TEI [<!ENTITY a "aaaa"><!ENTITY b "&a;&a;&a;">]>\n'
            b"<TEI>&b;</TEI>")
    with pytest.raises(InputError, match="unsafe"):
        read_tei(data, PATH)


def test_external_entity_refused():
    data = (b'<?xml version="1.0"?>\n<!DOCTYPE TEI [<!ENTITY x SYSTEM "http://example.org/x">]>\n'
            b"<TEI>&x;</TEI>")
    with pytest.raises(InputError, match="unsafe"):
        read_tei(data, PATH)


def test_wrong_root():
    with pytest.raises(InputError, match="root element is <teiCorpus>"):
        read_tei(b"<teiCorpus><TEI/></teiCorpus>", PATH)


def test_undeclared_speaker():
    data = tei('<annotatedU wh="spk7"><u><seg>oui</seg></u></annotatedU>')
    with pytest.raises(InputError, match="'spk7'") as caught:
        read_tei(data, PATH)
    assert caught.value.line == 6


def test_unknown_time_reference():
    data = tei('<annotatedU wh="spk1" start="#T9"><u><seg>oui</seg></u></annotatedU>')
    with pytest.raises(InputError, match="'#T9' is not in the <timeline>") as caught:
        read_tei(data, PATH)
    assert caught.value.line == 6


@pytest.mark.parametrize("timeline", [
    '<when absolute="00:00:00" xml:id="T0"/><when interval="abc" since="#T0" xml:id="T1"/>',
    '<when absolute="midi" xml:id="T0"/>',
    '<when interval="1" since="#T1" xml:id="T0"/><when interval="1" since="#T0" xml:id="T1"/>',
])
def test_bad_timeline(timeline):
    data = tei('<annotatedU wh="spk1"><u><seg>oui</seg></u></annotatedU>', timeline=timeline)
    with pytest.raises(InputError, match="timeline"):
        read_tei(data, PATH)


def test_empty_file():
    with pytest.raises(InputError, match="empty"):
        read_tei(b"", PATH)


def test_no_speech():
    data = tei('<annotatedU wh="spk1"><u><seg><incident><desc>rires</desc></incident></seg>'
               "</u></annotatedU>")
    with pytest.raises(InputError, match="no speech"):
        read_tei(data, PATH)


def test_utf8_declared_with_latin1_bytes():
    data = tei('<annotatedU wh="spk1"><u><seg>fini</seg></u></annotatedU>')
    with pytest.raises(InputError, match="not UTF-8"):
        read_tei(data.replace(b"fini", "fermé".encode("latin-1")), PATH)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.data())
def test_any_bytes_give_sources_or_input_error(data):
    raw = (FIXTURES / "entretien.tei").read_bytes()
    cut = data.draw(st.integers(0, len(raw)))
    junk = data.draw(st.binary(max_size=8))
    mutated = raw[:cut] + junk + raw[cut + data.draw(st.integers(0, 8)):]
    try:
        read_tei(mutated, PATH)
    except InputError:
        pass
