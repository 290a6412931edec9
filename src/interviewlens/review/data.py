"""What the review UI reads from a project: small queries, never a whole-table load of text.

At start-up only ids, interviews, communes and score blobs are loaded (a few MB for
50,000 segments); texts and context are fetched one segment at a time.
"""

from __future__ import annotations

import json
import sqlite3
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

from interviewlens.domain import Label
from interviewlens.store import connect_project

LABELS = [label.value for label in Label]
CONTEXT_CHARS = 240


@dataclass(frozen=True)
class SegmentView:
    """One segment with everything the queue screen shows about it."""

    id: int
    text: str
    interview_id: int
    interview: str
    file: str
    commune: str | None
    speaker: str
    actor_type: str | None
    question: str | None
    before: str | None
    after: str | None
    topic: str | None
    current: tuple[str, str, str | None, bool] | None   # label, source, coder, validated
    mine: str | None                                     # this coder's own code
    model: tuple[str, float] | None                      # stored model suggestion
    memos: int


@dataclass
class Filters:
    """The queue's filters; empty fields do not filter."""

    text: str = ""
    commune: str | None = None
    interview: int | None = None
    topic: int | None = None
    code: str | None = None          # a label, or "uncoded"
    source: str | None = None        # model, human, validated
    max_confidence: float | None = None

    def active(self) -> bool:
        return any(v not in (None, "") for v in vars(self).values())


@dataclass
class ProjectIndex:
    """Ids of every segment in transcript order, with their interview and commune."""

    segment_ids: np.ndarray
    interview_of: dict[int, int]
    commune_of_interview: dict[int, str | None]
    titles: dict[int, str]
    probs: dict[int, np.ndarray] = field(default_factory=dict)


class ReviewData:
    """Read-side of the review UI. One instance per thread."""

    def __init__(self, path: Path | str, coder: str):
        self.path = Path(path)
        self.coder = coder
        self.db: sqlite3.Connection = connect_project(self.path)

    def close(self) -> None:
        self.db.close()

    # -- start-up ---------------------------------------------------------------------------
    def index(self) -> ProjectIndex:
        rows = self.db.execute(
            "SELECT s.id, s.interview_id, sc.probs FROM segment s"
            " LEFT JOIN segment_score sc ON sc.segment_id = s.id"
            " ORDER BY s.interview_id, s.ord").fetchall()
        interviews = self.db.execute(
            "SELECT i.id, i.title, c.name FROM interview i LEFT JOIN commune c"
            " ON c.id = i.commune_id").fetchall()
        scored = [r for r in rows if r[2] is not None]
        matrix = (np.frombuffer(b"".join(r[2] for r in scored), dtype=np.float32)
                  .reshape(len(scored), -1) if scored else np.zeros((0, len(LABELS))))
        return ProjectIndex(
            segment_ids=np.array([r[0] for r in rows], dtype=np.int64),
            interview_of={r[0]: r[1] for r in rows},
            commune_of_interview={int(r[0]): r[2] for r in interviews},
            titles={int(r[0]): r[1] for r in interviews},
            probs=dict(zip((r[0] for r in scored), matrix)),
        )

    def coded_by(self, coder: str) -> dict[int, str]:
        """This coder's current codes (retracted ones left out)."""
        return {int(s): label for s, label in self.db.execute(
            "SELECT segment_id, label FROM coder_decision WHERE coder = ?", (coder,))}

    def validated(self) -> dict[int, str]:
        return {int(s): label for s, label in self.db.execute(
            "SELECT d.segment_id, d.label FROM decision d WHERE d.validated = 1"
            " AND d.id NOT IN (SELECT decision_id FROM decision_retraction)"
            " ORDER BY d.id")}

    # -- one segment ------------------------------------------------------------------------
    def segment(self, segment_id: int) -> SegmentView:
        row = self.db.execute(
            "SELECT s.id, s.text, s.interview_id, s.turn_id, s.ord, t.ord, sp.name,"
            " sp.actor_type, i.title, sf.name, c.name"
            " FROM segment s JOIN turn t ON t.id = s.turn_id"
            " JOIN speaker sp ON sp.id = t.speaker_id JOIN interview i ON i.id = s.interview_id"
            " JOIN source_file sf ON sf.id = i.source_file_id"
            " LEFT JOIN commune c ON c.id = i.commune_id WHERE s.id = ?",
            (segment_id,)).fetchone()
        if row is None:
            raise KeyError(segment_id)
        sid, text, interview_id, turn_id, ord_, turn_ord, speaker, actor, title, file, commune = row
        question = self._turn_text(
            "SELECT t.start, t.\"end\", sp.name FROM turn t JOIN speaker sp ON sp.id = t.speaker_id"
            " JOIN interview i ON i.id = t.interview_id"
            " WHERE t.interview_id = ? AND t.ord < ? AND sp.role = 'interviewer'"
            " AND NOT is_backchannel(SUBSTR(i.text, t.start + 1, t.\"end\" - t.start))"
            " ORDER BY t.ord DESC LIMIT 1", (interview_id, turn_ord), interview_id)
        before = self._neighbour(interview_id, turn_id, ord_, turn_ord, -1)
        after = self._neighbour(interview_id, turn_id, ord_, turn_ord, +1)
        topic = self.db.execute(
            "SELECT tp.label FROM segment_topic st JOIN topic tp ON tp.id = st.topic_id"
            " WHERE st.segment_id = ?", (sid,)).fetchone()
        current = self.db.execute(
            "SELECT label, source, coder, validated FROM current_decision WHERE segment_id = ?",
            (sid,)).fetchone()
        mine = self.db.execute(
            "SELECT label FROM coder_decision WHERE segment_id = ? AND coder = ?",
            (sid, self.coder)).fetchone()
        model = self.db.execute(
            "SELECT label, confidence FROM decision WHERE segment_id = ? AND source = 'model'"
            " ORDER BY id DESC LIMIT 1", (sid,)).fetchone()
        memos = self.db.execute("SELECT COUNT(*) FROM memo WHERE segment_id = ?",
                                (sid,)).fetchone()[0]
        return SegmentView(
            id=sid, text=text, interview_id=interview_id, interview=title, file=file,
            commune=commune, speaker=speaker, actor_type=actor, question=question,
            before=before, after=after, topic=topic[0] if topic else None,
            current=(current[0], current[1], current[2], bool(current[3])) if current else None,
            mine=mine[0] if mine else None,
            model=(model[0], float(model[1] or 0.0)) if model else None, memos=int(memos))

    def _turn_text(self, sql: str, params: tuple, interview_id: int) -> str | None:
        row = self.db.execute(sql, params).fetchone()
        if row is None:
            return None
        return f"{row[2]} : {_shorten(self._raw(interview_id, row[0], row[1]), tail=True)}"

    def _neighbour(self, interview_id: int, turn_id: int, ord_: int, turn_ord: int,
                   step: int) -> str | None:
        """The segment next to this one in the same turn, else the neighbouring turn."""
        same = self.db.execute(
            "SELECT text FROM segment WHERE interview_id = ? AND ord = ? AND turn_id = ?",
            (interview_id, ord_ + step, turn_id)).fetchone()
        if same:
            return _shorten(same[0], tail=step < 0)
        row = self.db.execute(
            "SELECT t.start, t.\"end\", sp.name, sp.role FROM turn t"
            " JOIN speaker sp ON sp.id = t.speaker_id WHERE t.interview_id = ? AND t.ord = ?",
            (interview_id, turn_ord + step)).fetchone()
        if row is None or (step < 0 and row[3] == "interviewer"):
            return None  # the question is shown on its own line
        return f"{row[2]} : {_shorten(self._raw(interview_id, row[0], row[1]), tail=step < 0)}"

    def _raw(self, interview_id: int, start: int, end: int) -> str:
        return self.db.execute("SELECT SUBSTR(text, ?, ?) FROM interview WHERE id = ?",
                               (start + 1, end - start, interview_id)).fetchone()[0]

    def memo_texts(self, segment_id: int) -> list[str]:
        return [f"{coder or '?'} : {text}" for coder, text in self.db.execute(
            "SELECT coder, text FROM memo WHERE segment_id = ? ORDER BY id", (segment_id,))]

    # -- filters ----------------------------------------------------------------------------
    def communes(self) -> list[str]:
        return [r[0] for r in self.db.execute("SELECT name FROM commune ORDER BY name")]

    def interviews(self) -> list[tuple[int, str]]:
        return [(int(r[0]), r[1]) for r in self.db.execute(
            "SELECT id, title FROM interview ORDER BY id")]

    def topics(self) -> list[tuple[int, str]]:
        return [(int(r[0]), r[1]) for r in self.db.execute(
            "SELECT id, label FROM topic ORDER BY number")]

    def filter_ids(self, filters: Filters) -> set[int]:
        """Segment ids matching every active filter."""
        clauses, params = [], []
        if filters.text:
            clauses.append("s.text LIKE ? ESCAPE '\\'")
            escaped = filters.text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
            params.append(f"%{escaped}%")
        if filters.commune:
            clauses.append("s.interview_id IN (SELECT i.id FROM interview i JOIN commune c"
                           " ON c.id = i.commune_id WHERE c.name = ?)")
            params.append(filters.commune)
        if filters.interview is not None:
            clauses.append("s.interview_id = ?")
            params.append(filters.interview)
        if filters.topic is not None:
            clauses.append("s.id IN (SELECT segment_id FROM segment_topic WHERE topic_id = ?)")
            params.append(filters.topic)
        if filters.code == "uncoded":
            clauses.append("s.id NOT IN (SELECT segment_id FROM current_decision"
                           " WHERE source = 'human' OR validated = 1)")
        elif filters.code:
            clauses.append("s.id IN (SELECT segment_id FROM current_decision WHERE label = ?)")
            params.append(filters.code)
        if filters.source == "validated":
            clauses.append("s.id IN (SELECT segment_id FROM current_decision WHERE validated = 1)")
        elif filters.source:
            clauses.append("s.id IN (SELECT segment_id FROM current_decision"
                           " WHERE source = ? AND validated = 0)")
            params.append(filters.source)
        if filters.max_confidence is not None:
            clauses.append("s.id IN (SELECT segment_id FROM current_decision WHERE source ="
                           " 'model' AND confidence <= ?)")
            params.append(filters.max_confidence)
        where = " AND ".join(clauses) or "1"
        return {int(r[0]) for r in self.db.execute(f"SELECT s.id FROM segment s WHERE {where}",
                                                    params)}

    # -- transcript -------------------------------------------------------------------------
    def transcript(self, interview_id: int) -> list[tuple[int | None, str, str, str | None]]:
        """Lines of an interview: (segment id or None for other turns, speaker, text, label)."""
        labels = {int(r[0]): r[1] for r in self.db.execute(
            "SELECT segment_id, label FROM current_decision WHERE segment_id IN"
            " (SELECT id FROM segment WHERE interview_id = ?)", (interview_id,))}
        segments: dict[int, list[tuple[int, str]]] = {}
        for sid, turn_id, text in self.db.execute(
                "SELECT id, turn_id, text FROM segment WHERE interview_id = ? ORDER BY ord",
                (interview_id,)):
            segments.setdefault(int(turn_id), []).append((int(sid), text))
        lines: list[tuple[int | None, str, str, str | None]] = []
        for turn_id, start, end, name in self.db.execute(
                "SELECT t.id, t.start, t.\"end\", sp.name FROM turn t JOIN speaker sp"
                " ON sp.id = t.speaker_id WHERE t.interview_id = ? ORDER BY t.ord",
                (interview_id,)):
            if turn_id in segments:
                for sid, text in segments[turn_id]:
                    lines.append((sid, name, text, labels.get(sid)))
            else:
                lines.append((None, name, self._raw(interview_id, start, end), None))
        return lines

    # -- SWOT matrix ------------------------------------------------------------------------
    def actor_types(self) -> list[str]:
        return [r[0] for r in self.db.execute(
            "SELECT DISTINCT actor_type FROM speaker WHERE actor_type IS NOT NULL"
            " AND role = 'interviewee' ORDER BY actor_type")]

    def quadrant(self, label: str, commune: str | None, actor_type: str | None,
                 limit: int = 500) -> list[tuple[int, str, str | None, str, float | None]]:
        """Segments currently coded `label`: (id, text, topic, source, confidence), best first."""
        where, params = _where(commune, actor_type, label)
        return [(int(r[0]), r[1], r[2], r[3], r[4]) for r in self.db.execute(
            "SELECT s.id, s.text, tp.label,"
            " CASE WHEN cd.validated = 1 THEN 'validated' ELSE cd.source END, cd.confidence"
            f" {_CODED_SEGMENTS}"
            " LEFT JOIN segment_topic st ON st.segment_id = s.id"
            " LEFT JOIN topic tp ON tp.id = st.topic_id"
            f" WHERE {where}"
            " ORDER BY cd.validated DESC, cd.source = 'human' DESC, cd.confidence DESC, s.id"
            " LIMIT ?", [*params, limit])]

    def label_counts(self, commune: str | None, actor_type: str | None) -> dict[str, int]:
        where, params = _where(commune, actor_type)
        counts = dict.fromkeys(LABELS, 0)
        for label, n in self.db.execute(
                f"SELECT cd.label, COUNT(*) {_CODED_SEGMENTS} WHERE {where} GROUP BY cd.label",
                params):
            counts[label] = int(n)
        return counts

    # -- topics and actors ------------------------------------------------------------------
    def topic_table(self) -> list[tuple[int, int, str, int, list[str], dict[str, int]]]:
        """(id, number, label, size, top words, segments per commune) per topic."""
        per_commune: dict[int, dict[str, int]] = {}
        for topic_id, value, n in self.db.execute(
                "SELECT topic_id, value, segments FROM topic_prevalence"
                " WHERE dimension = 'commune'"):
            per_commune.setdefault(int(topic_id), {})[value] = int(n)
        return [(int(tid), int(number), label, int(size),
                 [w for w, _weight in json.loads(words)[:8]], per_commune.get(int(tid), {}))
                for tid, number, label, size, words in self.db.execute(
                    "SELECT id, number, label, size, words FROM topic ORDER BY number")]

    def topic_segments(self, topic_id: int, limit: int = 500) -> list[tuple[int, str]]:
        return [(int(r[0]), r[1]) for r in self.db.execute(
            "SELECT s.id, s.text FROM segment_topic st JOIN segment s ON s.id = st.segment_id"
            " WHERE st.topic_id = ? ORDER BY st.score DESC LIMIT ?", (topic_id, limit))]

    def actor_table(self, limit: int = 200) -> list[tuple[int, str, str, int, int]]:
        return [(int(r[0]), r[1], r[2], int(r[3]), int(r[4])) for r in self.db.execute(
            "SELECT id, name, kind, mentions, communes FROM actor ORDER BY mentions DESC, name"
            " LIMIT ?", (limit,))]

    def actor_segments(self, actor_id: int, limit: int = 500) -> list[tuple[int, str]]:
        return [(int(r[0]), r[1]) for r in self.db.execute(
            "SELECT DISTINCT s.id, s.text FROM actor_mention m JOIN segment s"
            " ON s.id = m.segment_id WHERE m.actor_id = ? ORDER BY s.id LIMIT ?",
            (actor_id, limit))]

    def partner_places(self) -> list[tuple[int, str, str | None, int]]:
        return [(int(r[0]), r[1], r[2], int(r[3])) for r in self.db.execute(
            "SELECT id, name, country, mentions FROM place WHERE partner_candidate = 1"
            " ORDER BY mentions DESC, name")]

    def place_segments(self, place_id: int, limit: int = 500) -> list[tuple[int, str]]:
        return [(int(r[0]), r[1]) for r in self.db.execute(
            "SELECT DISTINCT s.id, s.text FROM place_mention m JOIN segment s"
            " ON s.id = m.segment_id WHERE m.place_id = ? ORDER BY s.id LIMIT ?",
            (place_id, limit))]

    # -- supervision ------------------------------------------------------------------------
    def all_coder_codes(self) -> dict[str, dict[int, str]]:
        codes: dict[str, dict[int, str]] = {}
        for segment_id, coder, label in self.db.execute(
                "SELECT segment_id, coder, label FROM coder_decision"):
            codes.setdefault(coder, {})[int(segment_id)] = label
        return codes

    def codes_for(self, segment_id: int) -> dict[str, str]:
        """Each coder's current code for one segment."""
        return {coder: label for coder, label in self.db.execute(
            "SELECT coder, label FROM coder_decision WHERE segment_id = ? ORDER BY coder",
            (segment_id,))}

    def model_codes(self) -> dict[int, str]:
        return {int(r[0]): r[1] for r in self.db.execute(
            "SELECT segment_id, label FROM decision WHERE id IN"
            " (SELECT MAX(id) FROM decision WHERE source = 'model' GROUP BY segment_id)")}


_CODED_SEGMENTS = (
    "FROM current_decision cd JOIN segment s ON s.id = cd.segment_id"
    " JOIN turn t ON t.id = s.turn_id JOIN speaker sp ON sp.id = t.speaker_id"
    " JOIN interview i ON i.id = s.interview_id LEFT JOIN commune c ON c.id = i.commune_id")


def _where(commune: str | None, actor_type: str | None,
           label: str | None = None) -> tuple[str, list[str]]:
    """WHERE clause (over _CODED_SEGMENTS) for the matrix's commune, actor and code."""
    clauses, params = ["1"], []
    for column, value in (("cd.label", label), ("c.name", commune), ("sp.actor_type", actor_type)):
        if value:
            clauses.append(f"{column} = ?")
            params.append(value)
    return " AND ".join(clauses), params


def _shorten(text: str, tail: bool = False, limit: int = CONTEXT_CHARS) -> str:
    text = " ".join(text.split())
    if len(text) <= limit:
        return text
    return "…" + text[-limit:] if tail else text[:limit] + "…"
