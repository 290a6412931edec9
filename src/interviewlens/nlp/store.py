"""Reading segments for the spaCy stage and writing its annotations."""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Sequence
from dataclasses import dataclass

from interviewlens.nlp.pipeline import Annotation
from interviewlens.store.connection import transaction

DERIVED_TABLES = ("topic_prevalence", "segment_topic", "topic", "actor_edge", "actor_mention",
                  "actor", "place_mention", "place")


@dataclass(frozen=True, slots=True)
class PendingSegment:
    id: int
    start: int  # offset of the segment in its interview's text
    text: str


def segments_to_annotate(db: sqlite3.Connection, pipeline: str) -> list[PendingSegment]:
    """Segments never annotated, or annotated by another pipeline (model, version, patterns)."""
    rows = db.execute(
        "SELECT s.id, s.start, s.text FROM segment s"
        " LEFT JOIN segment_nlp n ON n.segment_id = s.id"
        " WHERE n.segment_id IS NULL OR n.pipeline != ? ORDER BY s.id", (pipeline,)).fetchall()
    return [PendingSegment(r[0], r[1], r[2]) for r in rows]


def clear_derived(db: sqlite3.Connection) -> None:
    """Drop actors, places and topics; `analyse` rebuilds them from the annotations."""
    for table in DERIVED_TABLES:
        db.execute(f"DELETE FROM {table}")


def save_annotations(db: sqlite3.Connection, pipeline: str,
                     batch: Sequence[tuple[PendingSegment, Annotation]]) -> None:
    """Store one batch (annotations and entities) in one transaction."""
    with transaction(db):
        ids = [(segment.id,) for segment, _ in batch]
        db.executemany("DELETE FROM entity WHERE segment_id = ?", ids)
        db.executemany(
            "INSERT OR REPLACE INTO segment_nlp (segment_id, pipeline, tokens, lemmas, pos,"
            " content, words) VALUES (?, ?, ?, ?, ?, ?, ?)",
            [(segment.id, pipeline, _json(a.tokens), _json(a.lemmas), _json(a.pos),
              _json(a.content), a.words) for segment, a in batch])
        db.executemany(
            "INSERT INTO entity (segment_id, start, end, text, label, kind, source)"
            " VALUES (?, ?, ?, ?, ?, ?, ?)",
            [(segment.id, segment.start + e.start, segment.start + e.end, e.text, e.label,
              e.kind, e.source) for segment, a in batch for e in a.entities])


def _json(values: list[str]) -> str:
    return json.dumps(values, ensure_ascii=False, separators=(",", ":"))


TOPIC_POS = frozenset({"NOUN", "PROPN", "ADJ"})


@dataclass(frozen=True, slots=True)
class SegmentContent:
    segment_id: int
    interview_id: int
    content: list[str]  # content lemmas, verbs included
    terms: list[str]    # the content lemmas that are nouns, names or adjectives: topic terms


def segment_contents(db: sqlite3.Connection) -> list[SegmentContent]:
    """Content lemmas and topic terms of every annotated segment, in interview order."""
    out = []
    for segment_id, interview_id, content, lemmas, pos in db.execute(
            "SELECT n.segment_id, s.interview_id, n.content, n.lemmas, n.pos FROM segment_nlp n"
            " JOIN segment s ON s.id = n.segment_id ORDER BY s.interview_id, s.ord"):
        content = json.loads(content)
        nominal = {lemma.lower().replace("’", "'") for lemma, tag in zip(json.loads(lemmas), json.loads(pos),
                                                        strict=True) if tag in TOPIC_POS}
        out.append(SegmentContent(segment_id, interview_id, content,
                                  [w for w in content if w in nominal]))
    return out


@dataclass(frozen=True, slots=True)
class EntityRow:
    id: int
    segment_id: int
    text: str
    label: str
    kind: str | None
    turn_id: int
    interview_id: int
    commune: str | None
    speaker_id: int


def entity_rows(db: sqlite3.Connection) -> list[EntityRow]:
    rows = db.execute(
        "SELECT e.id, e.segment_id, e.text, e.label, e.kind, s.turn_id, s.interview_id, c.name,"
        " t.speaker_id FROM entity e JOIN segment s ON s.id = e.segment_id"
        " JOIN turn t ON t.id = s.turn_id JOIN interview i ON i.id = s.interview_id"
        " LEFT JOIN commune c ON c.id = i.commune_id ORDER BY e.id").fetchall()
    return [EntityRow(*tuple(r)) for r in rows]
