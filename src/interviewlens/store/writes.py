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
            spans: dict[tuple[int, int, int], int] = {}
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
                for row in rows:
                    spans[(turn_ord, row[3], row[4])] = db.execute(
                        "INSERT INTO segment (interview_id, turn_id, ord, start, end, text)"
                        " VALUES (?, ?, ?, ?, ?, ?)", row,
                    ).lastrowid
            if interview.source.codings:
                _write_codings(db, interview, spans, prepared.name)


def _write_codings(db: sqlite3.Connection, interview, spans: dict[tuple[int, int, int], int],
                   file_name: str) -> None:
    """Codes carried by the source (REFI-QDA): SWOT codes as decisions, others as memos."""
    turns = interview.assembled.turns
    ordered = sorted(enumerate(interview.source.codings),
                     key=lambda pair: (pair[1].created_at or "", pair[0]))
    for _, coding in ordered:
        turn = turns[coding.turn]
        segment_id = spans.get((coding.turn, turn.start + coding.start, turn.start + coding.end))
        if segment_id is None:
            continue  # an interviewer turn: context, never coded
        created = coding.created_at or now_iso()
        if coding.label is None:
            db.execute("INSERT INTO memo (segment_id, coder, text, created_at) VALUES (?, ?, ?, ?)",
                       (segment_id, coding.coder, f"Code importé de {file_name} : {coding.code}",
                        created))
            continue
        db.execute(
            "INSERT INTO decision (segment_id, label, source, coder, model_version, confidence,"
            " validated, created_at, note) VALUES (?, ?, ?, ?, ?, NULL, ?, ?, ?)",
            (segment_id, coding.label, coding.source, coding.coder, coding.model_version,
             int(coding.validated), created, f"importé de {file_name}"),
        )
