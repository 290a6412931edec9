"""Classification inside a project: base suggestions, then the project's own model.

`classify_project` scores every interviewee segment with the base model and appends
one model decision per segment (source=model, model version, confidence); it never
touches a human decision. `ProjectModel` is the active-learning loop: it refits the
residual adapter on the human decisions and re-scores every segment in memory
(numpy only: no spaCy), so the review UI can call it from a worker thread.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from interviewlens.classify.adapter import ResidualAdapter, adapter_inputs
from interviewlens.classify.model import LABELS
from interviewlens.classify.queue import stopping_hint, uncertainty_order
from interviewlens.domain import DecisionSource
from interviewlens.store.connection import transaction
from interviewlens.store.questions import QUESTION_BEFORE_TURN
from interviewlens.store.writes import now_iso

HUMAN_WEIGHT = 1.0

SEGMENTS_WITH_QUESTIONS = f"""
SELECT s.id, s.text, s.interview_id,
       LAG(s.text) OVER (PARTITION BY s.turn_id ORDER BY s.ord) AS before,
       LEAD(s.text) OVER (PARTITION BY s.turn_id ORDER BY s.ord) AS after,
       {QUESTION_BEFORE_TURN} AS question
FROM segment s
JOIN turn t ON t.id = s.turn_id
JOIN interview i ON i.id = s.interview_id
ORDER BY s.id
"""


@dataclass
class ClassifyResult:
    model_version: str
    scored: int
    decisions_added: int
    label_counts: dict[str, int]


def classify_project(db: sqlite3.Connection, *, model_dir: Path | None = None,
                     spacy_model: str | None = None,
                     progress: Callable[[int], None] | None = None) -> ClassifyResult:
    from interviewlens.classify.scoring import score_texts
    from interviewlens.nlp.loading import DEFAULT_MODEL

    rows = db.execute(SEGMENTS_WITH_QUESTIONS).fetchall()
    if not rows:
        return ClassifyResult("-", 0, 0, {})
    model, scores = score_texts([r["text"] for r in rows],
                                questions=[r["question"] or "" for r in rows],
                                context=[(r["before"] or "", r["after"] or "") for r in rows],
                                model_dir=model_dir, spacy_model=spacy_model or DEFAULT_MODEL,
                                progress=progress)
    version = model.version
    already = {r[0] for r in db.execute(
        "SELECT segment_id FROM decision WHERE source = 'model' AND model_version = ?", (version,))}
    now = now_iso()
    labels = scores.probs.argmax(axis=1)
    added = 0
    with transaction(db):
        db.executemany(
            "INSERT OR REPLACE INTO segment_score (segment_id, base_version, base_probs, probs,"
            " vector) VALUES (?, ?, ?, ?, ?)",
            [(r["id"], version, p.astype(np.float32).tobytes(), p.astype(np.float32).tobytes(),
              v.astype(np.float16).tobytes()) for r, p, v in zip(rows, scores.probs, scores.vectors,
                                                                 strict=True)],
        )
        new = [(r["id"], LABELS[label], DecisionSource.MODEL.value, version,
                float(p[label]), now)
               for r, p, label in zip(rows, scores.probs, labels, strict=True)
               if r["id"] not in already]
        db.executemany(
            "INSERT INTO decision (segment_id, label, source, model_version, confidence,"
            " created_at) VALUES (?, ?, ?, ?, ?, ?)", new)
        added = len(new)
        db.execute("DELETE FROM project_model")
    counts = {label: int((labels == i).sum()) for i, label in enumerate(LABELS)}
    return ClassifyResult(version, len(rows), added, counts)


class ProjectModel:
    """Scores of every segment, and the residual adapter fitted on human decisions."""

    def __init__(self, segment_ids: np.ndarray, interview_ids: np.ndarray, base_probs: np.ndarray,
                 vectors: np.ndarray, base_version: str):
        self.segment_ids = segment_ids
        self.interview_ids = interview_ids
        self.base_probs = base_probs
        self.x, self.mean, self.scale = adapter_inputs(base_probs, vectors)
        self.base_version = base_version
        self.adapter = ResidualAdapter(self.x.shape[1])
        self.probs = base_probs.copy()
        self.row_of = {int(s): i for i, s in enumerate(segment_ids)}
        self.human: dict[int, int] = {}  # row -> code index

    @classmethod
    def load(cls, db: sqlite3.Connection) -> ProjectModel | None:
        rows = db.execute(
            "SELECT sc.segment_id, s.interview_id, sc.base_version, sc.base_probs, sc.vector"
            " FROM segment_score sc JOIN segment s ON s.id = sc.segment_id ORDER BY sc.segment_id"
        ).fetchall()
        if not rows:
            return None
        model = cls(
            np.array([r[0] for r in rows]), np.array([r[1] for r in rows]),
            np.vstack([np.frombuffer(r[3], dtype=np.float32) for r in rows]).astype(np.float64),
            np.vstack([np.frombuffer(r[4], dtype=np.float16) for r in rows]),
            rows[0][2],
        )
        for segment_id, label in db.execute(
                "SELECT segment_id, label FROM current_decision WHERE source = 'human'"):
            model.set_human(int(segment_id), label)
        return model

    def set_human(self, segment_id: int, label: str | None) -> None:
        row = self.row_of.get(segment_id)
        if row is None:
            return
        if label is None:
            self.human.pop(row, None)
        else:
            self.human[row] = LABELS.index(label)

    def update(self) -> None:
        """Refit the adapter on the human codes and re-score every segment."""
        rows = np.fromiter(self.human.keys(), dtype=np.int64, count=len(self.human))
        codes = np.fromiter(self.human.values(), dtype=np.int64, count=len(self.human))
        self.adapter.fit(self.base_probs[rows], self.x[rows], codes,
                         np.full(len(rows), HUMAN_WEIGHT))
        self.probs = self.adapter.predict_proba(self.base_probs, self.x)

    def suggestion(self, segment_id: int) -> tuple[str, float]:
        p = self.probs[self.row_of[segment_id]]
        best = int(p.argmax())
        return LABELS[best], float(p[best])

    def queue(self) -> list[int]:
        """Segment ids without a human code, most uncertain first, spread across interviews."""
        open_rows = np.array([i for i in range(len(self.segment_ids)) if i not in self.human])
        if len(open_rows) == 0:
            return []
        order = uncertainty_order(self.probs[open_rows], self.interview_ids[open_rows])
        return [int(self.segment_ids[open_rows[i]]) for i in order]

    def hint(self, recent_agreement: float | None = None) -> str | None:
        open_rows = [i for i in range(len(self.segment_ids)) if i not in self.human]
        return stopping_hint(self.probs[open_rows], len(self.human), recent_agreement)

    def save(self, db: sqlite3.Connection) -> None:
        """Persist the adapter and the current scores (derived data, replaceable)."""
        with transaction(db):
            db.execute(
                "INSERT OR REPLACE INTO project_model (id, base_version, weights, vector_mean,"
                " vector_scale, human_labels, updated_at) VALUES (1, ?, ?, ?, ?, ?, ?)",
                (self.base_version, self.adapter.to_bytes(), self.mean.tobytes(),
                 self.scale.tobytes(), len(self.human), now_iso()))
            db.executemany("UPDATE segment_score SET probs = ? WHERE segment_id = ?",
                           [(p.astype(np.float32).tobytes(), int(s))
                            for s, p in zip(self.segment_ids, self.probs, strict=True)])
