"""Reading the segments of one or more projects into one table for comparison.

Every interviewee segment becomes a row with its project, commune, actor type, comparison
group, current code (`current_decision`) and, when `analyse` annotated it, its content lemmas
and topic terms. What is missing (codes, annotations, communes) becomes a French note.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from interviewlens.domain import ActorType
from interviewlens.errors import InputError, ProjectError

if TYPE_CHECKING:
    import pandas as pd

DIMENSIONS = ("commune", "actor_type")
TOPIC_POS = frozenset({"NOUN", "PROPN", "ADJ"})

_SQL = """
SELECT s.id AS segment_id, s.interview_id, i.title AS interview, c.name AS commune,
       sp.name AS speaker, sp.actor_type, s.text,
       cd.label, cd.source, cd.validated,
       n.content, n.lemmas, n.pos
FROM segment s
JOIN turn t ON t.id = s.turn_id
JOIN speaker sp ON sp.id = t.speaker_id
JOIN interview i ON i.id = s.interview_id
LEFT JOIN commune c ON c.id = i.commune_id
LEFT JOIN current_decision cd ON cd.segment_id = s.id
LEFT JOIN segment_nlp n ON n.segment_id = s.id
ORDER BY s.interview_id, s.ord
"""


@dataclass(slots=True)
class ProjectStatus:
    """What one project holds: enough to say what can be compared."""

    path: Path
    name: str
    segments: int = 0
    coded: int = 0
    human: int = 0
    validated: int = 0
    analysed: int = 0
    communes: list[str] = field(default_factory=list)


@dataclass(slots=True)
class Corpus:
    """All compared segments (`segments`, a DataFrame) and what was noticed reading them."""

    by: str
    segments: pd.DataFrame
    projects: list[ProjectStatus]
    name_words: frozenset[str]
    notes: list[str] = field(default_factory=list)

    @property
    def groups(self) -> list[str]:
        return sorted(self.segments.group.dropna().unique(), key=natural_key)


def natural_key(text: str) -> tuple:
    """'Paris 2e' before 'Paris 11e'; case and accents do not matter."""
    from interviewlens.domain import strip_accents

    parts = re.split(r"(\d+)", strip_accents(str(text)).casefold())
    return tuple(int(p) if p.isdigit() else p for p in parts)


def load_corpus(paths: list[Path | str], by: str = "commune") -> Corpus:
    """Read the segments of `paths` (project files); group them by commune or actor type."""
    import pandas as pd

    if by not in DIMENSIONS:
        raise InputError("--by", f"unknown grouping {by!r}", "use commune or actor_type")
    if not paths:
        raise InputError("PROJECT", "no project given", "name one or more .ilens files")
    unique: dict[Path, Path] = {}
    for path in map(Path, paths):
        unique.setdefault(path.resolve(), path)
    notes = []
    if len(unique) < len(paths):
        notes.append(f"{len(paths) - len(unique)} projet(s) donné(s) deux fois : comptés une "
                     "seule fois")
    names = _project_names(list(unique.values()))
    frames, statuses, name_words = [], [], set()
    for path, name in zip(unique.values(), names, strict=True):
        frame, status, words = _read_project(path, name)
        frames.append(frame)
        statuses.append(status)
        name_words |= words
    segments = pd.concat(frames, ignore_index=True)
    notes += _group(segments, by, statuses)
    segments = segments[segments.group.notna()].reset_index(drop=True)
    places = {c for status in statuses for c in status.communes}
    if by == "commune":
        places |= set(segments.group.unique())
    for place in places:
        name_words |= _words_of(place)
    return Corpus(by, segments, statuses, frozenset(name_words), notes)


def _project_names(paths: list[Path]) -> list[str]:
    stems = [p.stem for p in paths]
    return [p.stem if stems.count(p.stem) == 1 else str(p) for p in paths]


def _read_project(path: Path, name: str) -> tuple[pd.DataFrame, ProjectStatus, set[str]]:
    import pandas as pd

    from interviewlens.store import connect_project

    if not path.exists():
        raise ProjectError(f"{path}: no such project — check the path (projects end in .ilens)")
    db = connect_project(path)
    try:
        cursor = db.execute(_SQL)
        columns = [d[0] for d in cursor.description]
        frame = pd.DataFrame([tuple(r) for r in cursor.fetchall()], columns=columns)
        speakers = [r[0] for r in db.execute("SELECT DISTINCT name FROM speaker")]
        communes = [r[0] for r in db.execute("SELECT name FROM commune ORDER BY name")]
    finally:
        db.close()
    if frame.empty:
        raise ProjectError(f"{path}: no interviewee segment — ingest transcripts first with "
                           f"`interviewlens ingest {path} FILES…`")
    frame.insert(0, "project", name)
    frame["interview_key"] = name + ":" + frame.interview_id.astype(str)
    frame["analysed"] = frame.content.notna()
    frame["content"] = [json.loads(c) if isinstance(c, str) else [] for c in frame.content]
    frame["terms"] = [_terms(c, lemmas, pos) for c, lemmas, pos
                      in zip(frame.content, frame.lemmas, frame.pos, strict=True)]
    frame = frame.drop(columns=["lemmas", "pos"])
    status = ProjectStatus(
        path, name, segments=len(frame), coded=int(frame.label.notna().sum()),
        human=int((frame.source == "human").sum()),
        validated=int((frame.validated == 1).sum()), analysed=int(frame.analysed.sum()),
        communes=communes)
    words = set()
    for speaker in speakers:
        words |= _words_of(speaker, capitalised_only=True)
    return frame, status, words


def _terms(content: list[str], lemmas: str | None, pos: str | None) -> list[str]:
    """The nominal content lemmas (nouns, names, adjectives): the words topics are made of,
    as `analyse` selects them."""
    if not content or lemmas is None or pos is None:
        return []
    nominal = {lemma.lower().replace("’", "'") for lemma, tag
               in zip(json.loads(lemmas), json.loads(pos), strict=True) if tag in TOPIC_POS}
    return [w for w in content if w in nominal]


def _words_of(name: str, *, capitalised_only: bool = False) -> set[str]:
    """Lower-case words of a name, accented and not (names are not themes)."""
    from interviewlens.nlp.vocabulary import strip_accents

    words = set()
    for word in re.findall(r"[^\W\d_][\w'-]+", str(name)):
        if capitalised_only and not (word[0].isupper() and not word.isupper()):
            continue
        for part in {word.lower(), *word.lower().split("-")}:
            if len(part) > 2:
                words |= {part, strip_accents(part)}
    return words


def _group(segments: pd.DataFrame, by: str, statuses: list[ProjectStatus]) -> list[str]:
    """Fill `segments.group`; return notes on segments that could not be placed."""
    notes = []
    if by == "commune":
        segments["group"] = segments.commune
        for status in statuses:
            mine = segments.project == status.name
            missing = mine & segments.commune.isna()
            if not missing.any():
                continue
            if missing.all():
                segments.loc[missing, "group"] = status.name
                notes.append(f"{status.name} : aucune commune renseignée, le projet compte comme "
                             f"une commune nommée « {status.name} »")
            else:
                segments.loc[missing, "group"] = None
                notes.append(f"{status.name} : {int(missing.sum())} segments sans commune "
                             "laissés de côté (renseignez --commune ou le manifeste)")
    else:
        segments["group"] = [ActorType(a).french if isinstance(a, str) else None
                             for a in segments.actor_type]
        missing = int(segments.group.isna().sum())
        if missing == len(segments):
            raise ProjectError("no interviewee has an actor type in the given project(s) — give "
                               "actor_type per speaker in the manifest, or compare --by commune")
        if missing:
            notes.append(f"{missing} segments d'interlocuteurs sans type d'acteur laissés de côté "
                         "(renseignez actor_type dans le manifeste)")
    return notes
