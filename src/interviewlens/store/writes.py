"""Writing ingested files into the store, one transaction per file."""

from __future__ import annotations

import json
import sqlite3
from datetime import UTC, datetime
from typing import TYPE_CHECKING

from interviewlens.store.connection import transaction

if TYPE_CHECKING:
    from interviewlens.ingest.pipeline import PreparedFile


def now_iso() -> str:
    return datetime.now(UTC).isoformat(timespec="milliseconds")


def commune_id(db: sqlite3.Connection, name: str | None) -> int | None:
    if not name:
        return None
    db.execute("INSERT OR IGNORE INTO commune (name) VALUES (?)", (name,))
    return db.execute("SELECT id FROM commune WHERE name = ?", (name,)).fetchone()[0]


def write_prepared_file(db: sqlite3.Connection, prepared: PreparedFile) -> None:
    """Insert one file with all its interviews, speakers, turns and segments."""
    with transaction(db):
        file_id = db.execute(
            "INSERT INTO source_file (name, path, sha256, format, encoding, size_bytes, ingested_at)"
            " VALUES (?, ?, ?, ?, ?, ?, ?)",
            (prepared.name, str(prepared.path.resolve()), prepared.sha256, prepared.format,
             prepared.encoding, prepared.size, now_iso()),
        ).lastrowid
        for interview in prepared.interviews:
            interview_id = db.execute(
                "INSERT INTO interview (source_file_id, ordinal, commune_id, title, date, format,"
                " text, metadata) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                (file_id, interview.source.ordinal, commune_id(db, interview.commune),
                 interview.title, interview.date, interview.source.format, interview.assembled.text,
                 json.dumps(interview.source.metadata, ensure_ascii=False)),
            ).lastrowid
            speaker_ids = {}
            for speaker in interview.speakers.values():
                speaker_ids[speaker.key] = db.execute(
                    "INSERT INTO speaker (interview_id, key, name, role, role_origin, actor_type)"
                    " VALUES (?, ?, ?, ?, ?, ?)",
                    (interview_id, speaker.key, speaker.name, speaker.role.value,
                     speaker.origin.value, speaker.actor_type.value if speaker.actor_type else None),
                ).lastrowid
            segment_ord = 0
            text = interview.assembled.text
            for turn_ord, turn in enumerate(interview.assembled.turns):
                turn_id = db.execute(
                    "INSERT INTO turn (interview_id, speaker_id, ord, start, end, time_start,"
                    " time_end, source_line) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                    (interview_id, speaker_ids[turn.speaker], turn_ord, turn.start, turn.end,
                     turn.time_start, turn.time_end, turn.line),
                ).lastrowid
                rows = []
                for start, end in turn.segments:
                    rows.append((interview_id, turn_id, segment_ord, start, end, text[start:end]))
                    segment_ord += 1
                db.executemany(
                    "INSERT INTO segment (interview_id, turn_id, ord, start, end, text)"
                    " VALUES (?, ?, ?, ?, ?, ?)", rows,
                )
