"""Schema migrations, registered in code and recorded in the database.

Each migration runs once, inside a transaction, and is recorded in
`schema_migrations`. Never edit a released migration: add a new one.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from datetime import UTC, datetime

from interviewlens.domain import ActorType, DecisionSource, Label
from interviewlens.store.schema_analysis import analysis_schema
from interviewlens.store.schema_classify import classify_schema
from interviewlens.store.schema_export import export_schema
from interviewlens.store.schema_review import review_schema

Migration = tuple[int, str, Callable[[], str]]


def _in_list(values) -> str:
    return ", ".join(f"'{v.value}'" for v in values)


def _initial_schema() -> str:
    return f"""
        CREATE TABLE project_meta (
            key   TEXT PRIMARY KEY,
            value TEXT NOT NULL
        );
        CREATE TABLE commune (
            id   INTEGER PRIMARY KEY,
            name TEXT NOT NULL UNIQUE
        );
        CREATE TABLE source_file (
            id          INTEGER PRIMARY KEY,
            name        TEXT NOT NULL UNIQUE,      -- file name as the user knows it
            path        TEXT NOT NULL,             -- absolute path at ingestion time
            sha256      TEXT NOT NULL,
            format      TEXT NOT NULL,
            encoding    TEXT,
            size_bytes  INTEGER NOT NULL,
            ingested_at TEXT NOT NULL
        );
        CREATE TABLE interview (
            id             INTEGER PRIMARY KEY,
            source_file_id INTEGER NOT NULL REFERENCES source_file(id),
            ordinal        INTEGER NOT NULL,       -- position of the source inside its file
            commune_id     INTEGER REFERENCES commune(id),
            title          TEXT NOT NULL,
            date           TEXT,
            format         TEXT NOT NULL,
            text           TEXT NOT NULL,          -- NFC, \\n line ends; all offsets point here
            metadata       TEXT NOT NULL DEFAULT '{{}}',  -- JSON object
            UNIQUE (source_file_id, ordinal)
        );
        CREATE TABLE speaker (
            id           INTEGER PRIMARY KEY,
            interview_id INTEGER NOT NULL REFERENCES interview(id),
            key          TEXT NOT NULL,            -- identifier in the source (spk1, Q, …)
            name         TEXT NOT NULL,
            role         TEXT NOT NULL CHECK (role IN ('interviewer', 'interviewee')),
            role_origin  TEXT NOT NULL CHECK (role_origin IN ('manifest', 'format', 'guess')),
            actor_type   TEXT CHECK (actor_type IN ({_in_list(ActorType)})),
            UNIQUE (interview_id, key)
        );
        CREATE TABLE turn (
            id           INTEGER PRIMARY KEY,
            interview_id INTEGER NOT NULL REFERENCES interview(id),
            speaker_id   INTEGER NOT NULL REFERENCES speaker(id),
            ord          INTEGER NOT NULL,
            start        INTEGER NOT NULL,
            end          INTEGER NOT NULL CHECK (end >= start),
            time_start   REAL,
            time_end     REAL,
            source_line  INTEGER,
            UNIQUE (interview_id, ord)
        );
        CREATE TABLE segment (
            id           INTEGER PRIMARY KEY,
            interview_id INTEGER NOT NULL REFERENCES interview(id),
            turn_id      INTEGER NOT NULL REFERENCES turn(id),
            ord          INTEGER NOT NULL,         -- order inside the interview
            start        INTEGER NOT NULL,
            end          INTEGER NOT NULL CHECK (end > start),
            text         TEXT NOT NULL,            -- == interview.text[start:end]
            UNIQUE (interview_id, ord)
        );
        CREATE INDEX segment_turn ON segment(turn_id);
        CREATE TABLE decision (
            id            INTEGER PRIMARY KEY,
            segment_id    INTEGER NOT NULL REFERENCES segment(id),
            label         TEXT NOT NULL CHECK (label IN ({_in_list(Label)})),
            source        TEXT NOT NULL CHECK (source IN ({_in_list(DecisionSource)})),
            coder         TEXT,
            model_version TEXT,
            confidence    REAL CHECK (confidence IS NULL OR (confidence >= 0 AND confidence <= 1)),
            validated     INTEGER NOT NULL DEFAULT 0 CHECK (validated IN (0, 1)),
            created_at    TEXT NOT NULL,
            note          TEXT
        );
        CREATE INDEX decision_segment ON decision(segment_id, id);
        -- Decisions are an append-only log: the current label is derived, never updated.
        CREATE TRIGGER decision_no_update BEFORE UPDATE ON decision
        BEGIN SELECT RAISE(ABORT, 'decisions are append-only'); END;
        CREATE TRIGGER decision_no_delete BEFORE DELETE ON decision
        BEGIN SELECT RAISE(ABORT, 'decisions are append-only'); END;
        -- The label a segment carries now: latest validated decision, else latest human,
        -- else latest model suggestion, else latest rule.
        CREATE VIEW current_decision AS
        SELECT d.* FROM decision d
        WHERE d.id = (
            SELECT d2.id FROM decision d2
            WHERE d2.segment_id = d.segment_id
            ORDER BY d2.validated DESC,
                     CASE d2.source WHEN 'human' THEN 2 WHEN 'model' THEN 1 ELSE 0 END DESC,
                     d2.id DESC
            LIMIT 1
        );
        """


MIGRATIONS: list[Migration] = [
    (1, "initial schema: communes, files, interviews, speakers, turns, segments, decisions",
     _initial_schema),
    (2, "analysis: tokens, entities, actors, places, topics", analysis_schema),
    (3, "classification: segment scores and the project model", classify_schema),
    (4, "review: retractions (undo), memos, segment splits, per-coder decisions", review_schema),
    (5, "export: pseudonymisation mapping", export_schema),
]
SCHEMA_VERSION = MIGRATIONS[-1][0]


def applied_version(db: sqlite3.Connection) -> int:
    exists = db.execute(
        "SELECT 1 FROM sqlite_master WHERE type='table' AND name='schema_migrations'"
    ).fetchone()
    if not exists:
        return 0
    row = db.execute("SELECT MAX(version) FROM schema_migrations").fetchone()
    return row[0] or 0


def migrate(db: sqlite3.Connection) -> list[int]:
    """Apply every pending migration; return the versions applied."""
    db.execute(
        "CREATE TABLE IF NOT EXISTS schema_migrations ("
        " version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)"
    )
    current = applied_version(db)
    applied = []
    for version, name, sql in MIGRATIONS:
        if version <= current:
            continue
        now = datetime.now(UTC).isoformat(timespec="seconds")
        quoted_name = name.replace("'", "''")
        record = (
            "INSERT INTO schema_migrations (version, name, applied_at) "
            f"VALUES ({version}, '{quoted_name}', '{now}');"
        )
        # One script, one transaction: a migration is applied whole or not at all.
        try:
            db.executescript(f"BEGIN IMMEDIATE;\n{sql()}\n{record}\nCOMMIT;")
        except sqlite3.Error:
            if db.in_transaction:
                db.execute("ROLLBACK")
            raise
        applied.append(version)
    return applied
