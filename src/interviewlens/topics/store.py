"""Writing topics, segment assignments and prevalence; reading them back for `topics`."""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Sequence
from dataclasses import dataclass

from interviewlens.topics.model import TopicFit

_PREVALENCE = """
INSERT INTO topic_prevalence (topic_id, dimension, value, segments, share)
SELECT st.topic_id, '{dimension}', {column}, COUNT(*),
       COUNT(*) * 1.0 / SUM(COUNT(*)) OVER (PARTITION BY {column})
FROM segment_topic st
JOIN segment s ON s.id = st.segment_id
JOIN turn t ON t.id = s.turn_id
JOIN speaker sp ON sp.id = t.speaker_id
JOIN interview i ON i.id = s.interview_id
LEFT JOIN commune c ON c.id = i.commune_id
WHERE {column} IS NOT NULL
GROUP BY st.topic_id, {column}
"""


def write_topics(db: sqlite3.Connection, run_id: int, fit: TopicFit, segment_ids: Sequence[int],
                 themes: Sequence[str | None]) -> dict[int, int]:
    """Insert topics, assignments and prevalence (in the caller's transaction).

    Returns topic number → topic id.
    """
    ids: dict[int, int] = {}
    for topic, theme in zip(fit.topics, themes, strict=True):
        ids[topic.number] = db.execute(
            "INSERT INTO topic (run_id, number, label, words, size, grid_theme)"
            " VALUES (?, ?, ?, ?, ?, ?)",
            (run_id, topic.number, topic.label,
             json.dumps([[w, round(s, 6)] for w, s in topic.words], ensure_ascii=False),
             topic.size, theme),
        ).lastrowid
    db.executemany(
        "INSERT INTO segment_topic (segment_id, topic_id, score) VALUES (?, ?, ?)",
        [(segment_id, ids[int(number)], round(float(score), 6))
         for segment_id, number, score in zip(segment_ids, fit.assignment, fit.scores, strict=True)
         if number >= 0])
    for dimension, column in (("commune", "c.name"), ("actor_type", "sp.actor_type")):
        db.execute(_PREVALENCE.format(dimension=dimension, column=column))
    return ids


@dataclass(frozen=True, slots=True)
class StoredTopic:
    number: int
    label: str
    words: list[str]
    size: int
    grid_theme: str | None
    run_id: int


def stored_topics(db: sqlite3.Connection) -> list[StoredTopic]:
    rows = db.execute(
        "SELECT number, label, words, size, grid_theme, run_id FROM topic ORDER BY number")
    return [StoredTopic(r[0], r[1], [w for w, _ in json.loads(r[2])], r[3], r[4], r[5])
            for r in rows]


def prevalence(db: sqlite3.Connection, dimension: str) -> dict[int, dict[str, float]]:
    """topic number → {group: share of the group's segments}."""
    out: dict[int, dict[str, float]] = {}
    for number, value, share in db.execute(
            "SELECT t.number, p.value, p.share FROM topic_prevalence p"
            " JOIN topic t ON t.id = p.topic_id WHERE p.dimension = ?"
            " ORDER BY t.number, p.value", (dimension,)):
        out.setdefault(number, {})[value] = share
    return out
