"""Places outside the commune, and which of them are candidate partner territories.

A place is a LOC entity, a demonym (*les Sénégalais* → Sénégal), or an ORG/MISC entity whose
key is known as a place. Its kind and country come from the gazetteer; a place the gazetteer
does not know takes the foreign country named around it (two exchanges either side) for at
least half of its mentions and in the same turn at least once (*Thiobène, une commune du
Sénégal*); a Paris street that once comes up near a trip to China stays unknown.
Foreign places are the candidate partner territories.
"""

from __future__ import annotations

import json
import sqlite3
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field

from interviewlens.nlp.gazetteer import HOME_COUNTRY, Gazetteer, Place, gazetteer
from interviewlens.nlp.normalise import display_name, mention_key
from interviewlens.nlp.ruler import DEMONYM_LABEL
from interviewlens.nlp.store import EntityRow
from interviewlens.nlp.vocabulary import noise_words

NEARBY_TURNS = 4  # turn ids are consecutive inside an interview: two exchanges either side


@dataclass(slots=True)
class PlaceRecord:
    key: str
    kind: str
    country: str | None
    mentions: list[EntityRow] = field(default_factory=list)
    canonical: str | None = None  # the gazetteer's name, when it knows the place
    known_scope: str | None = None  # the gazetteer's scope, when it knows the place

    @property
    def scope(self) -> str:
        if self.known_scope:
            return self.known_scope
        if self.country is None:
            return "unknown"
        return "france" if self.country == HOME_COUNTRY else "foreign"

    @property
    def name(self) -> str:
        return self.canonical or display_name(m.text for m in self.mentions)


def _is_own_commune(key: str, commune: str | None) -> bool:
    if not commune:
        return False
    own = mention_key(commune).split()
    tokens = key.split()
    return bool(tokens) and tokens == own[:len(tokens)]


def build_places(entities: Iterable[EntityRow], communes: Iterable[str],
                 people: Iterable[str] = ()) -> list[PlaceRecord]:
    """Group place mentions by key, skipping each interview's own commune.

    `people` are speaker names: a LOC guess that is one of their words (*Nathalie*) or that
    spaCy more often calls a person is not a place.
    """
    gaz = gazetteer()
    noise = noise_words()
    entities = list(entities)
    project_communes = {mention_key(c): c for c in communes}
    labels = Counter((mention_key(e.text), e.label) for e in entities)
    loc_keys = {key for key, label in labels if label == "LOC"}
    person_words = {w for name in people for w in mention_key(name).split()}
    not_places = {key for key in loc_keys if set(key.split()) <= person_words
                  or labels[key, "PER"] > labels[key, "LOC"]}
    found: dict[str, tuple[Place | None, list[EntityRow]]] = {}
    for row in entities:
        if row.label == DEMONYM_LABEL:
            key = mention_key(row.kind or "")
        elif row.label in ("LOC", "ORG", "MISC"):
            key = mention_key(row.text)
            if row.label != "LOC" and key not in loc_keys and key not in gaz.places:
                continue
        else:
            continue
        entry = gaz.places.get(key) or _demonym_country(gaz, row.text)
        if not key or key in noise or _is_own_commune(key, row.commune):
            continue
        if entry is None and (not any(c.isupper() for c in row.text) or len(key) < 3
                              or row.text.isupper() or key in not_places):
            continue  # lower-case "LOC" guesses on spoken text are mostly noise
        if entry is None and key in project_communes:
            entry = Place(project_communes[key], "city", HOME_COUNTRY)
        found.setdefault(key, (entry, []))[1].append(row)
    by_interview: dict[int, list[tuple[int, str]]] = defaultdict(list)
    for entry, rows in found.values():
        if entry is not None and entry.country not in (None, HOME_COUNTRY):
            for row in rows:
                by_interview[row.interview_id].append((row.turn_id, entry.country))
    records = []
    for key, (entry, rows) in found.items():
        if entry is not None:
            records.append(PlaceRecord(key, entry.kind, entry.country, rows, entry.name,
                                       entry.scope))
            continue
        records.append(PlaceRecord(key, "place", _nearby_country(rows, by_interview), rows))
    return sorted(records, key=lambda r: (-len(r.mentions), r.key))


def _demonym_country(gaz: Gazetteer, text: str) -> Place | None:
    """*les Anglais* tagged LOC by the NER: the country."""
    country = gaz.demonyms.get(text.lower().removeprefix("les ").strip())
    return gaz.places.get(mention_key(country)) if country else None


def _nearby_country(rows: list[EntityRow],
                    by_interview: dict[int, list[tuple[int, str]]]) -> str | None:
    """The foreign country named near at least half of the place's mentions, if any.

    It must also be named in the same turn as one of them at least once.
    """
    near: Counter[str] = Counter()
    closest: Counter[str] = Counter()
    for row in rows:
        found: dict[str, int] = {}
        for turn, country in by_interview.get(row.interview_id, ()):
            distance = abs(turn - row.turn_id)
            if distance <= NEARBY_TURNS:
                found[country] = min(distance, found.get(country, distance))
        near.update(found.keys())
        closest.update({c: 1 for c, d in found.items() if d == 0})
    ranked = sorted(near, key=lambda c: (-near[c], -closest[c], c))
    if ranked and near[ranked[0]] * 2 >= len(rows) and closest[ranked[0]]:
        return ranked[0]
    return None


def write_places(db: sqlite3.Connection, records: list[PlaceRecord]) -> int:
    """Insert places and their mentions (inside the caller's transaction)."""
    for record in records:
        rows = record.mentions
        place_id = db.execute(
            "INSERT INTO place (key, name, kind, country, scope, partner_candidate, mentions,"
            " interviews, communes, variants) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (record.key, record.name, record.kind, record.country, record.scope,
             int(record.scope == "foreign"), len(rows), len({r.interview_id for r in rows}),
             len({r.commune for r in rows if r.commune}),
             json.dumps(sorted({r.text for r in rows}), ensure_ascii=False)),
        ).lastrowid
        db.executemany(
            "INSERT INTO place_mention (place_id, entity_id, segment_id, surface)"
            " VALUES (?, ?, ?, ?)", [(place_id, r.id, r.segment_id, r.text) for r in rows])
    return len(records)


def place_entity_ids(records: Iterable[PlaceRecord]) -> set[int]:
    return {row.id for record in records for row in record.mentions}
