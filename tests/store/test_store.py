import sqlite3

import pytest

from interviewlens import open_project
from interviewlens.errors import ProjectError
from interviewlens.store import SCHEMA_VERSION, connect_project, create_project

TEXT = "Q : Et les associations ?\nR : Il y en a beaucoup. Mais personne pour les aider.\n"


@pytest.fixture
def project(tmp_path, cli):
    source = tmp_path / "a.txt"
    source.write_text(TEXT, encoding="utf-8")
    path = tmp_path / "p.ilens"
    assert cli("ingest", path, source).exit_code == 0
    return path


def test_new_project_is_migrated_wal_with_foreign_keys(tmp_path):
    db = create_project(tmp_path / "new.ilens")
    assert db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert db.execute("PRAGMA foreign_keys").fetchone()[0] == 1
    assert db.execute("PRAGMA busy_timeout").fetchone()[0] > 0
    versions = [r[0] for r in db.execute("SELECT version FROM schema_migrations")]
    assert versions == list(range(1, SCHEMA_VERSION + 1))
    db.close()
    db = connect_project(tmp_path / "new.ilens")  # reopening applies nothing twice
    assert db.execute("SELECT COUNT(*) FROM schema_migrations").fetchone()[0] == SCHEMA_VERSION


def test_decisions_are_append_only_and_the_current_label_is_derived(project):
    with open_project(project) as opened:
        first, second = opened.segments().segment_id
        opened.add_decision(first, "force", source="model", model_version="m1", confidence=0.6)
        opened.add_decision(first, "faiblesse", source="human", coder="lea")
        opened.add_decision(first, "opportunite", source="model", model_version="m2", confidence=0.9)
        opened.add_decision(second, "faiblesse", source="model", confidence=0.7)
        segments = opened.segments().set_index("segment_id")
        # A later model suggestion never overrides a human decision.
        assert segments.loc[first, "label"] == "faiblesse"
        assert segments.loc[first, "source"] == "human"
        assert segments.loc[second, "label"] == "faiblesse"
        opened.add_decision(first, "force", source="human", coder="superviseur", validated=True)
        opened.add_decision(first, "aucun", source="human", coder="lea")
        assert opened.segments().set_index("segment_id").loc[first, "label"] == "force"
        assert len(opened.decisions()) == 6
        with pytest.raises(sqlite3.IntegrityError, match="append-only"):
            opened.db.execute("UPDATE decision SET label = 'aucun'")
        with pytest.raises(sqlite3.IntegrityError, match="append-only"):
            opened.db.execute("DELETE FROM decision")


def test_decision_constraints(project):
    with open_project(project) as opened:
        segment = int(opened.segments().segment_id[0])
        with pytest.raises(ValueError):
            opened.add_decision(segment, "menace", source="human")
        with pytest.raises(sqlite3.IntegrityError):
            opened.add_decision(9999, "force", source="human")
        with pytest.raises(sqlite3.IntegrityError):
            opened.add_decision(segment, "force", source="model", confidence=1.5)
        assert opened.decisions().empty


def test_api_frames(project):
    with open_project(project) as opened:
        interviews = opened.interviews()
        turns = opened.turns()
        segments = opened.segments()
    assert list(interviews.interviewers) == ["Q"]
    assert list(turns.text) == ["Et les associations ?",
                                "Il y en a beaucoup. Mais personne pour les aider."]
    assert list(segments.text) == ["Il y en a beaucoup.", "Mais personne pour les aider."]
    assert set(segments.role) == {"interviewee"}


def test_opening_something_else_is_a_clear_error(tmp_path):
    not_db = tmp_path / "notes.ilens"
    not_db.write_text("hello")
    with pytest.raises(ProjectError, match="not an interviewlens project"):
        connect_project(not_db)
    with pytest.raises(ProjectError, match="no such project"):
        connect_project(tmp_path / "absent.ilens")
    other = tmp_path / "other.db"
    sqlite3.connect(other).execute("CREATE TABLE x (a)").connection.commit()
    with pytest.raises(ProjectError, match="not an interviewlens project"):
        connect_project(other)


def test_newer_schema_is_refused(tmp_path):
    path = tmp_path / "p.ilens"
    db = create_project(path)
    db.execute("INSERT INTO schema_migrations VALUES (999, 'future', 'x')")
    db.close()
    with pytest.raises(ProjectError, match="newer interviewlens"):
        connect_project(path)
