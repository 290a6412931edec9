"""Ingestion of every file of ../shared/corpora-real (skipped when it is absent).

These corpora were written by nobody here: they check that the readers, the
interviewer guess and the segmenter generalise to real transcripts.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from interviewlens import open_project
from interviewlens.ingest.pipeline import IngestOptions, ingest

pytestmark = pytest.mark.realcorpus

HARD_MAX_WORDS = 80


@pytest.fixture(scope="module")
def real_project(tmp_path_factory) -> Path:
    from tests.conftest import REAL_CORPORA

    if not REAL_CORPORA.is_dir():
        pytest.skip("../shared/corpora-real is absent")
    path = tmp_path_factory.mktemp("real") / "real.ilens"
    report = ingest(path, [REAL_CORPORA], IngestOptions())
    assert not report.errors, [str(e) for e in report.errors]
    return path


@pytest.fixture(scope="module")
def frames(real_project):
    with open_project(real_project) as project:
        return {
            "interviews": project.interviews(),
            "segments": project.segments(),
            "speakers": project.speakers(),
            "texts": {row.interview_id: project.interview_text(row.interview_id)
                      for row in project.interviews().itertuples()},
            "turns": project.turns(),
            "segment_turn": dict(project.db.execute("SELECT id, turn_id FROM segment").fetchall()),
        }


def test_every_real_file_is_ingested(frames):
    from tests.conftest import REAL_CORPORA

    files = {p.relative_to(REAL_CORPORA).as_posix() for p in REAL_CORPORA.rglob("*")
             if p.is_file() and p.name != "README.md"}
    assert files == set(frames["interviews"].file)


def test_offsets_are_exact(frames):
    texts = frames["texts"]
    for row in frames["segments"].itertuples():
        assert texts[row.interview_id][row.start:row.end] == row.text


def test_transcripts_have_interviewers_and_interviewees(frames):
    interviews = frames["interviews"]
    transcripts = interviews[interviews.format.isin(["trs", "tei"])]
    assert len(transcripts) == 44
    assert transcripts.interviewers.notna().all(), transcripts[transcripts.interviewers.isna()].file
    assert transcripts.interviewees.notna().all()


def test_cfpp_interviewers_are_the_enq_speakers(frames):
    interviews = frames["interviews"]
    cfpp = interviews[interviews.file.str.startswith("cfpp2000_paris/")]
    known = {"Sonia Branca-Rosoff", "Laurence Lefebure", "Justine T.", "Florence Lefeuvre"}
    for value in cfpp.interviewers:
        assert set(value.split(", ")) <= known


def test_segments_are_bounded_and_never_stray_fragments(frames):
    segments = frames["segments"].copy()
    turns = frames["turns"].set_index("turn_id")
    segments["words"] = segments.text.str.split().str.len()
    assert segments.words.max() <= HARD_MAX_WORDS
    short = segments[segments.words < 3]
    for row in short.itertuples():
        turn_text = turns.loc[frames["segment_turn"][row.segment_id], "text"].strip()
        assert turn_text == row.text, f"fragment {row.text!r} cut from a longer turn"


def test_long_unpunctuated_turns_are_cut_into_readable_segments(frames):
    """On CFPP turns over 80 words, spaCy gives 'sentences' of median 95 tokens."""
    turns = frames["turns"]
    segments = frames["segments"].copy()
    segments["turn_id"] = segments.segment_id.map(frames["segment_turn"])
    long_turns = turns[(turns.text.str.split().str.len() > 80) & (turns.role == "interviewee")]
    long_segments = segments[segments.turn_id.isin(long_turns.turn_id)]
    words = long_segments.text.str.split().str.len()
    assert len(long_segments) > 1000
    assert 15 <= words.median() <= 40
