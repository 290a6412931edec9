"""Coding operations: code, validate, undo, memo and split a segment.

Shared by the review UI, scripts and tests. Every call returns only once its
change is committed to the project file (WAL, synchronous=FULL), so whatever the
screen shows as saved survives a crash. Decisions stay append-only: undo appends
a retraction, never deletes.
"""

from __future__ import annotations

import re
import sqlite3
from dataclasses import dataclass
from pathlib import Path
from typing import Self

from interviewlens.domain import DecisionSource, Label
from interviewlens.errors import ProjectError
from interviewlens.store import connect_project
from interviewlens.store.connection import transaction
from interviewlens.store.writes import now_iso

# Places where a segment can be cut: after sentence punctuation, or before a
# discourse marker that opens a new statement in unpunctuated speech.
_SENTENCE_END = re.compile(r"[.!?…;]+[»\"']?\s+")
_MARKER = re.compile(r"(?:,\s*|\s)(?=(?:mais|par contre|en revanche|après|et puis|donc|alors que|"
                     r"sauf que|parce que|du coup)\b)", re.IGNORECASE)
MIN_PIECE_CHARS = 3


@dataclass(frozen=True)
class Undone:
    """What an undo took back."""

    decision_id: int
    segment_id: int
    label: str
    validated: bool


@dataclass(frozen=True)
class Memo:
    id: int
    segment_id: int
    coder: str | None
    text: str
    created_at: str


def split_points(text: str) -> list[int]:
    """Offsets in `text` where a split leaves two non-trivial pieces, in order."""
    points = {m.end() for m in _SENTENCE_END.finditer(text)}
    points |= {m.end() for m in _MARKER.finditer(text)}
    return sorted(p for p in points
                  if len(text[:p].strip()) >= MIN_PIECE_CHARS
                  and len(text[p:].strip()) >= MIN_PIECE_CHARS)


class CodingStore:
    """One coder's writes to a project. Not thread-safe: one per thread."""

    def __init__(self, path: Path | str, coder: str):
        self.path = Path(path)
        self.coder = coder
        self.db: sqlite3.Connection = connect_project(self.path)

    def close(self) -> None:
        self.db.close()

    def __enter__(self) -> Self:
        return self

    def __exit__(self, *_exc: object) -> None:
        self.close()

    def code(self, segment_id: int, label: Label | str, *, validated: bool = False,
             note: str | None = None) -> int:
        """Record this coder's code for a segment; returns the decision id once durable."""
        label = Label(label)
        with transaction(self.db):
            cursor = self.db.execute(
                "INSERT INTO decision (segment_id, label, source, coder, validated, created_at,"
                " note) VALUES (?, ?, ?, ?, ?, ?, ?)",
                (segment_id, label.value, DecisionSource.HUMAN.value, self.coder,
                 int(validated), now_iso(), note))
        return int(cursor.lastrowid)

    def undo(self) -> Undone | None:
        """Retract this coder's latest decision still standing; None if there is none."""
        with transaction(self.db):
            row = self.db.execute(
                "SELECT id, segment_id, label, validated FROM decision"
                " WHERE coder = ? AND source = 'human'"
                "   AND id NOT IN (SELECT decision_id FROM decision_retraction)"
                " ORDER BY id DESC LIMIT 1", (self.coder,)).fetchone()
            if row is None:
                return None
            self.db.execute(
                "INSERT INTO decision_retraction (decision_id, coder, created_at) VALUES (?, ?, ?)",
                (row[0], self.coder, now_iso()))
        return Undone(int(row[0]), int(row[1]), row[2], bool(row[3]))

    def add_memo(self, segment_id: int, text: str) -> int:
        text = text.strip()
        if not text:
            raise ValueError("empty memo")
        with transaction(self.db):
            cursor = self.db.execute(
                "INSERT INTO memo (segment_id, coder, text, created_at) VALUES (?, ?, ?, ?)",
                (segment_id, self.coder, text, now_iso()))
        return int(cursor.lastrowid)

    def memos(self, segment_id: int) -> list[Memo]:
        rows = self.db.execute(
            "SELECT id, segment_id, coder, text, created_at FROM memo WHERE segment_id = ?"
            " ORDER BY id", (segment_id,)).fetchall()
        return [Memo(*row) for row in rows]

    def split(self, segment_id: int, at: int) -> int:
        """Cut a segment at offset `at` of its own text; returns the new (second) segment id.

        The first part keeps the segment id, its decisions and memos; the second part
        inherits the scores and topic of the whole, and no decision.
        """
        with transaction(self.db):
            row = self.db.execute(
                "SELECT interview_id, turn_id, ord, start, text FROM segment WHERE id = ?",
                (segment_id,)).fetchone()
            if row is None:
                raise ProjectError(f"{self.path}: no segment {segment_id}")
            interview_id, turn_id, ord_, start, text = row
            if at not in split_points(text):
                raise ValueError(f"cannot split segment {segment_id} at {at}")
            first = text[:at].rstrip()
            lead = len(text[at:]) - len(text[at:].lstrip())
            second = text[at + lead:].rstrip()
            # Make room for the new segment right after this one (ord is UNIQUE).
            self.db.execute("UPDATE segment SET ord = -(ord + 1) WHERE interview_id = ? AND ord > ?",
                            (interview_id, ord_))
            self.db.execute("UPDATE segment SET ord = -ord WHERE interview_id = ? AND ord < 0",
                            (interview_id,))
            self.db.execute('UPDATE segment SET "end" = ?, text = ? WHERE id = ?',
                            (start + len(first), first, segment_id))
            second_start = start + at + lead
            new_id = int(self.db.execute(
                'INSERT INTO segment (interview_id, turn_id, ord, start, "end", text)'
                " VALUES (?, ?, ?, ?, ?, ?)",
                (interview_id, turn_id, ord_ + 1, second_start, second_start + len(second),
                 second)).lastrowid)
            self.db.execute(
                "INSERT INTO segment_score (segment_id, base_version, base_probs, probs, vector)"
                " SELECT ?, base_version, base_probs, probs, vector FROM segment_score"
                " WHERE segment_id = ?", (new_id, segment_id))
            self.db.execute(
                "INSERT INTO segment_topic (segment_id, topic_id, score)"
                " SELECT ?, topic_id, score FROM segment_topic WHERE segment_id = ?",
                (new_id, segment_id))
            self.db.execute(
                "INSERT INTO segment_split (segment_id, new_segment_id, at, coder, created_at)"
                " VALUES (?, ?, ?, ?, ?)",
                (segment_id, new_id, start + at, self.coder, now_iso()))
        return new_id
