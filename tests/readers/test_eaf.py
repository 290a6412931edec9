"""ELAN (.eaf) reader: hand-written fixture, a file written by pympi, and bad inputs."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from interviewlens.errors import InputError
from interviewlens.ingest.model import RoleHint
from interviewlens.ingest.readers.eaf import read_eaf

FIXTURE = Path(__file__).resolve().parents[1] / "fixtures" / "readers" / "entretien.eaf"
PATH = Path("entretien.eaf")


def eaf(slots: str, tiers: str) -> bytes:
    return ('<?xml version="1.0" encoding="UTF-8"?>\n'
            '<ANNOTATION_DOCUMENT FORMAT="3.0" VERSION="3.0">\n'
            '<HEADER TIME_UNITS="milliseconds"/>\n'
            f"<TIME_ORDER>{slots}</TIME_ORDER>\n{tiers}\n</ANNOTATION_DOCUMENT>\n").encode("utf-8")


def tier(tier_id: str, *annotations: tuple[str, str, str, str]) -> str:
    body = "".join(
        f'<ANNOTATION><ALIGNABLE_ANNOTATION ANNOTATION_ID="{a}" TIME_SLOT_REF1="{s1}" '
        f'TIME_SLOT_REF2="{s2}"><ANNOTATION_VALUE>{v}</ANNOTATION_VALUE>'
        "</ALIGNABLE_ANNOTATION></ANNOTATION>\n" for a, s1, s2, v in annotations)
    return f'<TIER TIER_ID="{tier_id}" LINGUISTIC_TYPE_REF="default-lt">\n{body}</TIER>'


SLOTS = ('<TIME_SLOT TIME_SLOT_ID="ts1" TIME_VALUE="0"/>'
         '<TIME_SLOT TIME_SLOT_ID="ts2" TIME_VALUE="900"/>')


@pytest.fixture(scope="module")
def source():
    [parsed] = read_eaf(FIXTURE.read_bytes(), FIXTURE)
    return parsed


def test_speakers(source):
    assert source.format == "eaf"
    assert set(source.speakers) == {"Enquêteur", "Louis Fabre"}  # dependent tier ignored
    assert source.speakers["Enquêteur"].role_hint is RoleHint.INTERVIEWER
    assert source.speakers["Louis Fabre"].role_hint is RoleHint.UNKNOWN


def test_turns_merge_tiers_by_time(source):
    assert [(t.speaker, t.chunks) for t in source.turns] == [
        ("Enquêteur", ("qu'est-ce qui manque à la commune ?",)),
        ("Louis Fabre", ("un médecin surtout", "euh et une pharmacie")),  # empty one dropped
        ("Enquêteur", ("et les jeunes ?",)),
    ]
    assert [(t.time_start, t.time_end) for t in source.turns] == [
        (0.0, 2.5), (3.0, 6.0), (9.5, 12.0)]
    assert source.turns[1].line == 26


def test_metadata(source):
    assert source.metadata["media"] == "mairie.wav"
    assert source.metadata["eaf_author"] == "Camille Test"
    assert source.metadata["projet"] == "Diagnostic du bourg"


def test_file_written_by_pympi(tmp_path):
    from pympi import Elan

    doc = Elan.Eaf(author="test")
    doc.add_linked_file("file:///enquete/marche.wav", mimetype="audio/x-wav")
    doc.add_tier("Q")
    doc.add_tier("R", part="Hélène Roux")
    doc.add_tier("R-notes", parent="R", ling="default-lt")
    doc.add_annotation("Q", 0, 2000, "le marché a changé ?")
    doc.add_annotation("R", 2000, 5000, "oui beaucoup")
    doc.add_annotation("R", 5000, 7000, "il y a moins de monde")
    doc.add_annotation("R-notes", 2000, 5000, "note : rire")
    doc.add_annotation("Q", 7000, 8000, "pourquoi ?")
    path = tmp_path / "marche.eaf"
    doc.to_file(str(path))
    [parsed] = read_eaf(path.read_bytes(), path)
    assert set(parsed.speakers) == {"Q", "Hélène Roux"}  # the empty "default" tier is ignored
    assert parsed.speakers["Q"].role_hint is RoleHint.INTERVIEWER
    assert [(t.speaker, t.chunks) for t in parsed.turns] == [
        ("Q", ("le marché a changé ?",)),
        ("Hélène Roux", ("oui beaucoup", "il y a moins de monde")),
        ("Q", ("pourquoi ?",)),
    ]
    assert (parsed.turns[1].time_start, parsed.turns[1].time_end) == (2.0, 7.0)
    assert parsed.metadata["media"] == "marche.wav"


def test_ties_sorted_by_tier_order():
    tiers = tier("B", ("a1", "ts1", "ts2", "deux")) + tier("A", ("a2", "ts1", "ts2", "un"))
    [parsed] = read_eaf(eaf(SLOTS, tiers), PATH)
    assert [t.speaker for t in parsed.turns] == ["B", "A"]


# ---------------------------------------------------------------- bad inputs

def test_malformed_xml_reports_line():
    data = eaf(SLOTS, '<TIER TIER_ID="A">\n<ANNOTATION>\n</TIER>')
    with pytest.raises(InputError, match="malformed") as caught:
        read_eaf(data, PATH)
    assert caught.value.line == 7


def test_entity_bomb_refused():
    data = (b'<?xml version="1.0"?>\n<!DOCTYPE A [<!ENTITY a "aaaa"><!ENTITY b "&a;&a;&a;">]>\n'
            b"<ANNOTATION_DOCUMENT>&b;</ANNOTATION_DOCUMENT>")
    with pytest.raises(InputError, match="unsafe"):
        read_eaf(data, PATH)


def test_external_entity_refused():
    data = (b'<?xml version="1.0"?>\n<!DOCTYPE A [<!ENTITY x SYSTEM "file:///etc/hostname">]>\n'
            b"<ANNOTATION_DOCUMENT>&x;</ANNOTATION_DOCUMENT>")
    with pytest.raises(InputError, match="unsafe"):
        read_eaf(data, PATH)


def test_wrong_root():
    with pytest.raises(InputError, match="root element is <Trans>"):
        read_eaf(b"<Trans/>", PATH)


def test_missing_time_slot():
    data = eaf(SLOTS, tier("A", ("a1", "ts1", "ts9", "oui")))
    with pytest.raises(InputError, match="'ts9'") as caught:
        read_eaf(data, PATH)
    assert caught.value.line == 6


def test_dangling_ref_annotation_in_speech_tier():
    data = eaf(SLOTS, '<TIER TIER_ID="A"><ANNOTATION><REF_ANNOTATION ANNOTATION_ID="a1" '
                      'ANNOTATION_REF="zz"><ANNOTATION_VALUE>oui</ANNOTATION_VALUE>'
                      "</REF_ANNOTATION></ANNOTATION></TIER>")
    with pytest.raises(InputError, match="'zz'"):
        read_eaf(data, PATH)


def test_non_numeric_time_value():
    slots = '<TIME_SLOT TIME_SLOT_ID="ts1" TIME_VALUE="zéro"/><TIME_SLOT TIME_SLOT_ID="ts2"/>'
    with pytest.raises(InputError, match="not a time in milliseconds"):
        read_eaf(eaf(slots, tier("A", ("a1", "ts1", "ts2", "oui"))), PATH)


def test_empty_file():
    with pytest.raises(InputError, match="empty"):
        read_eaf(b"\n", PATH)


def test_no_speech():
    with pytest.raises(InputError, match="no speech"):
        read_eaf(eaf(SLOTS, tier("A", ("a1", "ts1", "ts2", "  "))), PATH)


def test_utf8_declared_with_latin1_bytes():
    data = eaf(SLOTS, tier("A", ("a1", "ts1", "ts2", "fini")))
    with pytest.raises(InputError, match="not UTF-8"):
        read_eaf(data.replace(b"fini", "fermé".encode("latin-1")), PATH)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.data())
def test_any_bytes_give_sources_or_input_error(data):
    raw = FIXTURE.read_bytes()
    cut = data.draw(st.integers(0, len(raw)))
    junk = data.draw(st.binary(max_size=8))
    mutated = raw[:cut] + junk + raw[cut + data.draw(st.integers(0, 8)):]
    try:
        read_eaf(mutated, PATH)
    except InputError:
        pass
