"""Coding operations on a real demo interview: code, undo, memo, split."""

import pytest

from interviewlens import open_project
from interviewlens.coding import CodingStore, split_points
from interviewlens.store import connect_project
from tests.conftest import DEMO


@pytest.fixture
def project(tmp_path, cli):
    path = tmp_path / "p.ilens"
    assert cli("ingest", path, next((DEMO / "plouvenec").glob("*.txt"))).exit_code == 0
    return path


def _current(path, segment_id):
    db = connect_project(path)
    row = db.execute("SELECT label, coder FROM current_decision WHERE segment_id = ?",
                     (segment_id,)).fetchone()
    db.close()
    return None if row is None else tuple(row)


def test_undo_takes_back_this_coders_decisions_one_by_one(project):
    with open_project(project) as opened:
        first, second = (int(s) for s in opened.segments().segment_id[:2])
    with CodingStore(project, "lea") as lea, CodingStore(project, "tom") as tom:
        lea.code(first, "force")
        lea.code(first, "faiblesse")
        tom.code(second, "vigilance")
        lea.code(second, "opportunite")
        assert _current(project, second) == ("opportunite", "lea")
        assert lea.undo().label == "opportunite"
        assert _current(project, second) == ("vigilance", "tom")
        assert lea.undo().label == "faiblesse"
        assert _current(project, first) == ("force", "lea")
        assert lea.undo().segment_id == first
        assert lea.undo() is None
        assert _current(project, first) is None
        assert _current(project, second) == ("vigilance", "tom")
    db = connect_project(project)
    assert db.execute("SELECT COUNT(*) FROM decision").fetchone()[0] == 4  # nothing deleted
    db.close()


def test_memos_are_kept_per_segment(project):
    with open_project(project) as opened:
        first = int(opened.segments().segment_id[0])
    with CodingStore(project, "lea") as lea:
        lea.add_memo(first, "  à revoir avec la tutrice ")
        with pytest.raises(ValueError):
            lea.add_memo(first, "   ")
        assert [m.text for m in lea.memos(first)] == ["à revoir avec la tutrice"]


def test_split_keeps_offsets_order_and_earlier_decisions(project):
    with open_project(project) as opened:
        segments = opened.segments()
    candidates = [(int(r.segment_id), r.text) for r in segments.itertuples()
                  if split_points(r.text)]
    segment_id, text = candidates[0]
    at = split_points(text)[0]
    with CodingStore(project, "lea") as lea:
        lea.code(segment_id, "force")
        new_id = lea.split(segment_id, at)
        with pytest.raises(ValueError):
            lea.split(segment_id, 0)
    with open_project(project) as opened:
        after = opened.segments()
        interview_id = int(after.loc[after.segment_id == segment_id, "interview_id"].iloc[0])
        full = opened.interview_text(interview_id)
    assert len(after) == len(segments) + 1
    for row in after.itertuples():
        assert full[row.start:row.end] == row.text
    mine = after[after.interview_id == interview_id].sort_values("segment_ord")
    assert list(mine.segment_ord) == list(range(len(mine)))
    ids = list(mine.segment_id)
    assert ids[ids.index(segment_id) + 1] == new_id
    first, second = (after.set_index("segment_id").loc[i] for i in (segment_id, new_id))
    assert text.startswith(first.text) and text.rstrip().endswith(second.text)
    assert first.label == "force" and not isinstance(second.label, str)
