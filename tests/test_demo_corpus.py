"""The bundled demo corpus ingests completely and as its manifest describes."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from interviewlens import open_project
from interviewlens.ingest.pipeline import IngestOptions, ingest
from tests.conftest import DEMO

MANIFEST = DEMO / "manifest.yaml"


@pytest.fixture(scope="module")
def demo(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("demo") / "demo.ilens"
    report = ingest(path, [DEMO], IngestOptions(manifest=MANIFEST))
    assert not report.errors, [str(e) for e in report.errors]
    return path


@pytest.fixture(scope="module")
def tables(demo):
    with open_project(demo) as project:
        return {
            "interviews": project.interviews(),
            "speakers": project.speakers(),
            "segments": project.segments(),
            "texts": {i: project.interview_text(i) for i in project.interviews().interview_id},
        }


def manifest_entries() -> list[dict]:
    return yaml.safe_load(MANIFEST.read_text(encoding="utf-8"))["files"]


def test_every_manifest_file_is_ingested(tables):
    assert {e["file"] for e in manifest_entries()} == set(tables["interviews"].file)


def test_three_communes_with_five_to_seven_interviews_each(tables):
    interviews = tables["interviews"]
    transcripts = interviews[interviews.format != "csv"]
    per_commune = transcripts.groupby("commune").size()
    assert len(per_commune) == 3
    assert per_commune.between(5, 7).all()
    assert set(interviews[interviews.format == "csv"].commune) == set(per_commune.index)


def test_interviewers_are_the_ones_the_manifest_names(tables):
    interviews = tables["interviews"].set_index("file")
    speakers = tables["speakers"]
    for entry in manifest_entries():
        if entry["file"].endswith(".csv"):
            continue
        named = {
            info.get("name", label)
            for label, info in (entry.get("speakers") or {}).items()
            if info.get("role") == "interviewer"
        }
        row = interviews.loc[entry["file"]]
        assert set(row.interviewers.split(", ")) == named, entry["file"]
        people = speakers[speakers.interview_id == row.interview_id]
        interviewees = people[people.role == "interviewee"]
        assert interviewees.actor_type.notna().all(), entry["file"]


def test_offsets_are_exact_and_segments_codable(tables):
    segments = tables["segments"]
    for row in segments.itertuples():
        assert tables["texts"][row.interview_id][row.start:row.end] == row.text
    words = segments.text.str.split().str.len()
    assert words.max() <= 80
    assert 10 <= words.median() <= 35


def test_every_format_of_the_reader_set_is_represented(tables):
    assert {"text", "docx", "odt", "srt", "vtt", "trs", "tei", "eaf", "csv"} <= set(
        tables["interviews"].format)


def test_gold_codes_every_interviewee_segment_of_the_demo(tables):
    """corpora/demo/gold.csv is the hand coding of exactly the demo's segments."""
    import pandas as pd

    from interviewlens.domain import Label

    gold = pd.read_csv(DEMO / "gold.csv", dtype=str, keep_default_na=False)
    assert set(gold.label) <= {label.value for label in Label}
    segments = tables["segments"]
    assert sorted(zip(gold.file, gold.text)) == sorted(zip(segments.file, segments.text))


def test_gold_turns_give_each_segment_the_context_it_has_in_the_project(demo):
    """`evaluate` reads a segment's neighbours from the gold's file/turn columns; they must be
    the neighbours `classify` gives it inside the project (same turn, reading order)."""
    import sqlite3

    from interviewlens.classify.files import read_gold
    from interviewlens.classify.project_model import SEGMENTS_WITH_QUESTIONS
    from interviewlens.store.questions import register_functions

    gold = read_gold(DEMO / "gold.csv", column="text", label_column="label",
                     question_column=None, group_column=None)
    db = sqlite3.connect(demo)
    db.row_factory = sqlite3.Row
    register_functions(db)
    inside = {r["text"]: (r["before"] or "", r["after"] or "")
              for r in db.execute(SEGMENTS_WITH_QUESTIONS)}
    db.close()
    assert gold.context is not None
    assert sum(1 for _before, after in gold.context if after) > 300
    assert [inside[text] for text in gold.texts] == gold.context
