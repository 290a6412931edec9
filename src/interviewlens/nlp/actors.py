"""Actors of the territory: ruler matches plus spaCy ORG and PER entities, merged by key.

Variants merge through `mention_key` (case, accents, determiners, plural, *de <commune>*).
Two actors are linked when one turn mentions both; the graph is built with networkx and
stored as weighted edges.
"""

from __future__ import annotations

import itertools
import json
import sqlite3
from collections import Counter, defaultdict
from collections.abc import Collection, Iterable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from interviewlens.nlp.gazetteer import gazetteer
from interviewlens.nlp.normalise import display_name, mention_key
from interviewlens.nlp.ruler import ACTOR_LABEL
from interviewlens.nlp.store import EntityRow
from interviewlens.nlp.vocabulary import noise_words

if TYPE_CHECKING:
    import networkx as nx

NER_KINDS = {"ORG": "organisation", "PER": "person"}


@dataclass(slots=True)
class ActorRecord:
    key: str
    mentions: list[EntityRow] = field(default_factory=list)
    kinds: Counter[str] = field(default_factory=Counter)

    @property
    def name(self) -> str:
        return display_name(m.text for m in self.mentions)

    @property
    def kind(self) -> str:
        ruled = {k: n for k, n in self.kinds.items() if k not in NER_KINDS.values()}
        pool = ruled or self.kinds
        return min(pool.items(), key=lambda kv: (-kv[1], kv[0]))[0]


def build_actors(entities: Iterable[EntityRow],
                 skip: Collection[int] = frozenset()) -> list[ActorRecord]:
    """Group actor mentions by key; `skip` holds entity ids already taken as places."""
    noise = noise_words()
    places = gazetteer().places
    actors: dict[str, ActorRecord] = {}
    for row in entities:
        if row.id in skip:
            continue
        if row.label == ACTOR_LABEL:
            kind = row.kind or "other"
        elif row.label in NER_KINDS:
            if not any(c.isupper() for c in row.text):
                continue  # NER on lower-case speech: "hein" as a person
            kind = NER_KINDS[row.label]
        else:
            continue
        key = mention_key(row.text, row.commune)
        tokens = key.split()
        if len(key) < 2 or all(t in noise for t in tokens):
            continue
        if row.label in NER_KINDS and key in places:
            continue
        record = actors.setdefault(key, ActorRecord(key))
        record.mentions.append(row)
        record.kinds[kind] += 1
    return sorted(actors.values(), key=lambda a: (-len(a.mentions), a.key))


def co_mention_graph(actors: Iterable[ActorRecord]) -> nx.Graph:
    """Actors as nodes (by key); an edge per pair mentioned in the same turn."""
    import networkx as nx

    graph = nx.Graph()
    by_turn: dict[int, set[str]] = defaultdict(set)
    interviews: dict[int, int] = {}
    for actor in actors:
        graph.add_node(actor.key)
        for row in actor.mentions:
            by_turn[row.turn_id].add(actor.key)
            interviews[row.turn_id] = row.interview_id
    for turn, keys in by_turn.items():
        for a, b in itertools.combinations(sorted(keys), 2):
            if graph.has_edge(a, b):
                graph[a][b]["weight"] += 1
                graph[a][b]["interviews"].add(interviews[turn])
            else:
                graph.add_edge(a, b, weight=1, interviews={interviews[turn]})
    return graph


def write_actors(db: sqlite3.Connection, actors: list[ActorRecord]) -> tuple[int, int]:
    """Insert actors, mentions and co-mention edges; returns (actors, edges)."""
    ids: dict[str, int] = {}
    for actor in actors:
        rows = actor.mentions
        ids[actor.key] = db.execute(
            "INSERT INTO actor (key, name, kind, mentions, interviews, communes, speakers,"
            " variants) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            (actor.key, actor.name, actor.kind, len(rows), len({r.interview_id for r in rows}),
             len({r.commune for r in rows if r.commune}), len({r.speaker_id for r in rows}),
             json.dumps(sorted({r.text for r in rows}), ensure_ascii=False)),
        ).lastrowid
        db.executemany(
            "INSERT INTO actor_mention (actor_id, entity_id, segment_id) VALUES (?, ?, ?)",
            [(ids[actor.key], r.id, r.segment_id) for r in rows])
    graph = co_mention_graph(actors)
    edges = []
    for a, b, data in graph.edges(data=True):
        source, target = sorted((ids[a], ids[b]))
        edges.append((source, target, data["weight"], len(data["interviews"])))
    db.executemany("INSERT INTO actor_edge (source_id, target_id, weight, interviews)"
                   " VALUES (?, ?, ?, ?)", sorted(edges))
    return len(actors), len(edges)
