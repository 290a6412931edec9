"""Snapshots of every screen at 80×24 (pytest-textual-snapshot; update with --snapshot-update).

The model worker is off so the queue order is the stored one and the pictures are stable.
"""

from __future__ import annotations

import pytest

from interviewlens.coding import CodingStore
from interviewlens.review.app import ReviewApp
from interviewlens.review.data import LABELS


def _two_coders(path, n=30):
    import sqlite3

    db = sqlite3.connect(path)
    segments = [r[0] for r in db.execute("SELECT id FROM segment ORDER BY interview_id, ord")][:n]
    db.close()
    with CodingStore(path, "lea") as lea, CodingStore(path, "tom") as tom:
        for i, segment in enumerate(segments):
            lea.code(segment, LABELS[i % 5])
            tom.code(segment, LABELS[(i + (i % 3 == 0)) % 5])


@pytest.mark.parametrize("name,press", [
    ("queue", []),
    ("transcript", ["t"]),
    ("matrix", ["w"]),
    ("topics", ["h"]),
    ("actors", ["a"]),
    ("help", ["question_mark"]),
    ("search", ["slash"]),
    ("memo", ["m"]),
])
def test_intern_screens(snap_compare, demo, name, press):
    assert snap_compare(ReviewApp(demo, coder="lea", load_model=False), press=press)


def test_compare_screen(snap_compare, demo):
    async def open_compare(pilot):
        await pilot.press("c")
        await pilot.app.workers.wait_for_complete()
        await pilot.pause()

    assert snap_compare(ReviewApp(demo, coder="lea", load_model=False), run_before=open_compare)


def test_queue_in_english(snap_compare, demo):
    assert snap_compare(ReviewApp(demo, coder="lea", lang="en", load_model=False))


@pytest.mark.parametrize("name,press", [("supervisor_queue", []), ("agreement", ["g"])])
def test_supervisor_screens(snap_compare, demo, name, press):
    _two_coders(demo)
    app = ReviewApp(demo, coder="sup", supervisor=True, load_model=False)
    assert snap_compare(app, press=press)
