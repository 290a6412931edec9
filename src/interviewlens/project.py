"""The Python API for notebooks: `open_project(path)` → DataFrames.

    >>> import interviewlens
    >>> project = interviewlens.open_project("demo.ilens")
    >>> project.segments().groupby("commune").size()
"""

from __future__ import annotations

import sqlite3
from pathlib import Path
from typing import TYPE_CHECKING, Any

from interviewlens.domain import DecisionSource, Label
from interviewlens.store import connect_project
from interviewlens.store.connection import transaction
from interviewlens.store.writes import now_iso

if TYPE_CHECKING:
    import pandas as pd

_SEGMENTS_SQL = """
SELECT s.id AS segment_id, i.id AS interview_id, sf.name AS file, i.title AS interview,
       c.name AS commune, s.ord AS segment_ord, sp.name AS speaker, sp.role, sp.actor_type,
       s.start, s."end", s.text,
       cd.label, cd.source, cd.coder, cd.confidence, cd.validated
FROM segment s
JOIN turn t ON t.id = s.turn_id
JOIN speaker sp ON sp.id = t.speaker_id
JOIN interview i ON i.id = s.interview_id
JOIN source_file sf ON sf.id = i.source_file_id
LEFT JOIN commune c ON c.id = i.commune_id
LEFT JOIN current_decision cd ON cd.segment_id = s.id
ORDER BY i.id, s.ord
"""

_INTERVIEWS_SQL = """
SELECT i.id AS interview_id, sf.name AS file, i.ordinal, i.title, c.name AS commune, i.date,
       i.format, sf.encoding, LENGTH(i.text) AS characters,
       (SELECT COUNT(*) FROM turn t WHERE t.interview_id = i.id) AS turns,
       (SELECT COUNT(*) FROM segment s WHERE s.interview_id = i.id) AS segments,
       (SELECT GROUP_CONCAT(name, ', ') FROM speaker
        WHERE interview_id = i.id AND role = 'interviewer') AS interviewers,
       (SELECT GROUP_CONCAT(name, ', ') FROM speaker
        WHERE interview_id = i.id AND role = 'interviewee') AS interviewees,
       i.metadata
FROM interview i
JOIN source_file sf ON sf.id = i.source_file_id
LEFT JOIN commune c ON c.id = i.commune_id
ORDER BY i.id
"""


class Project:
    """An open project file. Use as a context manager, or call `close()`."""

    def __init__(self, path: Path | str):
        self.path = Path(path)
        self.db: sqlite3.Connection = connect_project(self.path)

    def __enter__(self) -> Project:
        return self

    def __exit__(self, *_exc: object) -> None:
        self.close()

    def close(self) -> None:
        self.db.close()

    def _frame(self, sql: str, params: tuple[Any, ...] = ()) -> pd.DataFrame:
        import pandas as pd

        cursor = self.db.execute(sql, params)
        columns = [d[0] for d in cursor.description]
        return pd.DataFrame([tuple(r) for r in cursor.fetchall()], columns=columns)

    def interviews(self) -> pd.DataFrame:
        """One row per interview (or questionnaire respondent)."""
        return self._frame(_INTERVIEWS_SQL)

    def speakers(self) -> pd.DataFrame:
        return self._frame(
            "SELECT sp.id AS speaker_id, sp.interview_id, sp.key, sp.name, sp.role,"
            " sp.role_origin, sp.actor_type FROM speaker sp ORDER BY sp.interview_id, sp.id")

    def turns(self) -> pd.DataFrame:
        return self._frame(
            "SELECT t.id AS turn_id, t.interview_id, t.ord, sp.name AS speaker, sp.role,"
            " t.start, t.\"end\", t.time_start, t.time_end, t.source_line,"
            " SUBSTR(i.text, t.start + 1, t.\"end\" - t.start) AS text"
            " FROM turn t JOIN speaker sp ON sp.id = t.speaker_id"
            " JOIN interview i ON i.id = t.interview_id ORDER BY t.interview_id, t.ord")

    def segments(self) -> pd.DataFrame:
        """Interviewee segments with their context and current code (if any)."""
        return self._frame(_SEGMENTS_SQL)

    def decisions(self) -> pd.DataFrame:
        """The full, append-only decision log."""
        return self._frame(
            "SELECT id AS decision_id, segment_id, label, source, coder, model_version,"
            " confidence, validated, created_at, note FROM decision ORDER BY id")

    def interview_text(self, interview_id: int) -> str:
        row = self.db.execute("SELECT text FROM interview WHERE id = ?", (interview_id,)).fetchone()
        if row is None:
            raise KeyError(f"no interview {interview_id}")
        return row[0]

    def add_decision(self, segment_id: int, label: Label | str, *, source: DecisionSource | str,
                     coder: str | None = None, model_version: str | None = None,
                     confidence: float | None = None, validated: bool = False,
                     note: str | None = None) -> int:
        """Append one decision; returns its id once it is durably stored."""
        label = Label(label)
        source = DecisionSource(source)
        with transaction(self.db):
            cursor = self.db.execute(
                "INSERT INTO decision (segment_id, label, source, coder, model_version, confidence,"
                " validated, created_at, note) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (segment_id, label.value, source.value, coder, model_version, confidence,
                 int(validated), now_iso(), note),
            )
        return int(cursor.lastrowid)


def open_project(path: Path | str) -> Project:
    """Open an existing project file (``*.ilens``)."""
    return Project(path)
