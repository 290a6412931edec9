"""Migration 4: undo is a retraction, never a deletion; per-coder codes are views."""

import pytest

from interviewlens import open_project
from interviewlens.store import connect_project
from interviewlens.store.writes import now_iso

TEXT = "Q : Et les associations ?\nR : Il y en a beaucoup. Mais personne pour les aider.\n"


@pytest.fixture
def project(tmp_path, cli):
    source = tmp_path / "a.txt"
    source.write_text(TEXT, encoding="utf-8")
    path = tmp_path / "p.ilens"
    assert cli("ingest", path, source).exit_code == 0
    return path


def _retract(path, decision_id):
    db = connect_project(path)
    db.execute("INSERT INTO decision_retraction (decision_id, coder, created_at) VALUES (?, ?, ?)",
               (decision_id, "lea", now_iso()))
    db.close()


def test_a_retracted_decision_no_longer_counts(project):
    with open_project(project) as opened:
        first = int(opened.segments().segment_id.iloc[0])
        opened.add_decision(first, "force", source="model", confidence=0.6)
        human = opened.add_decision(first, "faiblesse", source="human", coder="lea")
    _retract(project, human)
    db = connect_project(project)
    assert db.execute("SELECT label FROM current_decision WHERE segment_id = ?",
                      (first,)).fetchone()[0] == "force"
    assert db.execute("SELECT COUNT(*) FROM decision").fetchone()[0] == 2
    db.close()


def test_coder_decision_keeps_each_coders_latest_code(project):
    with open_project(project) as opened:
        first = int(opened.segments().segment_id.iloc[0])
        opened.add_decision(first, "force", source="human", coder="lea")
        opened.add_decision(first, "opportunite", source="human", coder="lea")
        latest_tom = opened.add_decision(first, "faiblesse", source="human", coder="tom")
        opened.add_decision(first, "vigilance", source="human", coder="tom")
    _retract(project, latest_tom + 1)
    db = connect_project(project)
    rows = dict(db.execute("SELECT coder, label FROM coder_decision WHERE segment_id = ?",
                           (first,)).fetchall())
    assert rows == {"lea": "opportunite", "tom": "faiblesse"}
    db.close()
