"""Everything an export needs, read once from the project and pseudonymised.

`load_export_data` chooses the code of every segment (current, validated only, or one
coder's), maps segment offsets onto the pseudonymised interview texts, and reads the
analysis tables when they exist. Every exporter works from this object only.
"""

from __future__ import annotations

import json
import re
import sqlite3
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

from interviewlens.domain import ActorType, Label
from interviewlens.export.pseudonymise import Pseudonymiser, pseudonymiser_for

QUESTIONNAIRE_FORMATS = {"csv", "xlsx", "reports"}


@dataclass(frozen=True)
class ExportOptions:
    validated_only: bool = False
    coder: str | None = None
    pseudonymise: bool = True
    spacy_model: str = "fr_core_news_md"


@dataclass
class Speaker:
    id: int
    key: str
    name: str
    role: str
    actor_type: str | None


@dataclass
class Interview:
    id: int
    number: int                     # 1, 2, … in project order, interviews and forms apart
    file: str
    title: str
    commune: str
    date: str | None
    format: str
    text: str                       # pseudonymised when asked; every offset points here
    speakers: list[Speaker]
    metadata: dict[str, str]

    @property
    def is_questionnaire(self) -> bool:
        return self.format in QUESTIONNAIRE_FORMATS

    @property
    def code(self) -> str:
        return f"Q{self.number}" if self.is_questionnaire else f"E{self.number}"

    @property
    def interviewees(self) -> list[Speaker]:
        return [s for s in self.speakers if s.role == "interviewee"]


@dataclass
class Segment:
    id: int
    interview_id: int
    ord: int
    speaker_id: int
    speaker: str
    actor_type: str | None
    start: int
    end: int
    text: str
    label: str | None = None
    source: str | None = None       # model, human, validated, rule
    coder: str | None = None
    confidence: float | None = None
    topic: int | None = None        # topic number


@dataclass
class Coding:
    """One decision exported as a coding (REFI-QDA keeps every coder's)."""

    decision_id: int
    segment_id: int
    label: str
    source: str
    coder: str | None
    model_version: str | None
    validated: bool
    created_at: str


@dataclass
class Topic:
    number: int
    label: str
    words: list[tuple[str, float]]
    size: int
    grid_theme: str | None
    prevalence: dict[tuple[str, str], float] = field(default_factory=dict)

    @property
    def title(self) -> str:
        return self.grid_theme or self.label.capitalize()


@dataclass
class Agreement:
    coder_a: str
    coder_b: str
    segments: int
    observed: float
    kappa: float | None


@dataclass
class ExportData:
    project: Path
    generated_at: datetime
    options: ExportOptions
    interviews: list[Interview]
    segments: list[Segment]
    codings: list[Coding]
    topics: list[Topic]
    actors: list[dict]
    edges: list[dict]
    places: list[dict]
    coders: list[str]
    model_versions: list[str]
    agreements: list[Agreement]
    analysed: bool
    classified: bool
    persons: int

    def interview(self, interview_id: int) -> Interview:
        return self._by_id[interview_id]

    def __post_init__(self) -> None:
        self._by_id = {i.id: i for i in self.interviews}

    @property
    def communes(self) -> list[str]:
        return sorted({i.commune for i in self.interviews})

    @property
    def coded(self) -> list[Segment]:
        return [s for s in self.segments if s.label is not None]

    def topic(self, number: int | None) -> Topic | None:
        return next((t for t in self.topics if t.number == number), None)


def actor_french(value: str | None) -> str:
    if not value:
        return "non précisé"
    try:
        return ActorType(value).french
    except ValueError:
        return value


def label_french(value: str | None) -> str:
    return Label(value).french if value else ""


SOURCE_FR = {"model": "suggestion du modèle", "human": "codeur", "validated": "validé",
             "rule": "règle", None: ""}


def _has_rows(db: sqlite3.Connection, table: str) -> bool:
    exists = db.execute("SELECT 1 FROM sqlite_master WHERE type='table' AND name=?",
                        (table,)).fetchone()
    return bool(exists) and db.execute(f"SELECT 1 FROM {table} LIMIT 1").fetchone() is not None


_DECISION_COLUMNS = "d.id, d.segment_id, d.label, d.source, d.coder, d.model_version," \
                    " d.confidence, d.validated, d.created_at"
_NOT_RETRACTED = "d.id NOT IN (SELECT decision_id FROM decision_retraction)"


def _chosen_decisions(db: sqlite3.Connection, options: ExportOptions) -> list[sqlite3.Row]:
    """One decision per segment, following the export's options."""
    if options.coder is None and not options.validated_only:
        return db.execute(f"SELECT {_DECISION_COLUMNS} FROM current_decision d").fetchall()
    where = [_NOT_RETRACTED]
    params: list[object] = []
    if options.validated_only:
        where.append("d.validated = 1")
    if options.coder is not None:
        where.append("d.coder = ? AND d.source = 'human'")
        params.append(options.coder)
    latest: dict[int, sqlite3.Row] = {}
    for row in db.execute(f"SELECT {_DECISION_COLUMNS} FROM decision d"
                          f" WHERE {' AND '.join(where)} ORDER BY d.id", params):
        latest[row["segment_id"]] = row
    return list(latest.values())


def _all_codings(db: sqlite3.Connection, options: ExportOptions,
                 chosen: list[sqlite3.Row]) -> list[Coding]:
    """The chosen decisions plus, by default, each human coder's latest code."""
    rows = {row["id"]: row for row in chosen}
    if options.coder is None and not options.validated_only:
        for row in db.execute(f"SELECT {_DECISION_COLUMNS} FROM coder_decision d"):
            rows.setdefault(row["id"], row)
    return [Coding(r["id"], r["segment_id"], r["label"], r["source"], r["coder"],
                   r["model_version"], bool(r["validated"]), r["created_at"])
            for _, r in sorted(rows.items())]


def agreements(db: sqlite3.Connection) -> list[Agreement]:
    """Cohen's kappa for every pair of human coders, over the segments both coded."""
    codes: dict[str, dict[int, str]] = {}
    for row in db.execute("SELECT coder, segment_id, label FROM coder_decision"):
        codes.setdefault(row[0], {})[row[1]] = row[2]
    names = sorted(codes)
    result = []
    for i, a in enumerate(names):
        for b in names[i + 1:]:
            shared = sorted(set(codes[a]) & set(codes[b]))
            if not shared:
                continue
            left = [codes[a][s] for s in shared]
            right = [codes[b][s] for s in shared]
            result.append(Agreement(a, b, len(shared),
                                    sum(x == y for x, y in zip(left, right)) / len(shared),
                                    cohen_kappa(left, right)))
    return result


def cohen_kappa(left: list[str], right: list[str]) -> float | None:
    """Cohen's kappa; None when chance agreement is total (a single code used by both)."""
    n = len(left)
    labels = set(left) | set(right)
    observed = sum(x == y for x, y in zip(left, right)) / n
    expected = sum((left.count(k) / n) * (right.count(k) / n) for k in labels)
    if expected >= 1:
        return None
    return (observed - expected) / (1 - expected)


def load_export_data(project: Path, db: sqlite3.Connection, options: ExportOptions) -> ExportData:
    pseudo = pseudonymiser_for(db, options.pseudonymise, spacy_model=options.spacy_model)
    interviews, maps = _interviews(db, pseudo)
    chosen = _chosen_decisions(db, options)
    by_segment = {row["segment_id"]: row for row in chosen}
    analysed = _has_rows(db, "topic") or _has_rows(db, "actor")
    topic_of = {}
    if _has_rows(db, "segment_topic"):
        topic_of = {row[0]: row[1] for row in db.execute(
            "SELECT st.segment_id, t.number FROM segment_topic st JOIN topic t ON t.id = st.topic_id")}
    segments = []
    texts = {i.id: i.text for i in interviews}
    for row in db.execute(
            "SELECT s.id, s.interview_id, s.ord, s.start, s.\"end\", sp.id AS speaker_id,"
            " sp.name, sp.actor_type FROM segment s JOIN turn t ON t.id = s.turn_id"
            " JOIN speaker sp ON sp.id = t.speaker_id ORDER BY s.interview_id, s.ord"):
        offsets = maps[row["interview_id"]]
        start, end = offsets.start(row["start"]), offsets.end(row["end"])
        segment = Segment(row["id"], row["interview_id"], row["ord"], row["speaker_id"],
                          pseudo(row["name"]) or "", row["actor_type"], start, end,
                          texts[row["interview_id"]][start:end], topic=topic_of.get(row["id"]))
        decision = by_segment.get(row["id"])
        if decision is not None:
            segment.label = decision["label"]
            segment.source = "validated" if decision["validated"] else decision["source"]
            segment.coder = pseudo(decision["coder"])
            segment.confidence = decision["confidence"]
        segments.append(segment)
    coders = [row[0] for row in db.execute(
        "SELECT DISTINCT coder FROM decision WHERE source = 'human' AND coder IS NOT NULL"
        " ORDER BY coder")]
    versions = [row[0] for row in db.execute(
        "SELECT DISTINCT model_version FROM decision WHERE source = 'model'"
        " AND model_version IS NOT NULL ORDER BY model_version")]
    places = [_pseudo_row(r, pseudo, "name") for r in _rows(
        db, "SELECT * FROM place ORDER BY mentions DESC, name")] if analysed else []
    for place in places:
        place["commune_names"] = [row[0] for row in db.execute(
            "SELECT DISTINCT c.name FROM place_mention pm JOIN segment s ON s.id = pm.segment_id"
            " JOIN interview i ON i.id = s.interview_id JOIN commune c ON c.id = i.commune_id"
            " WHERE pm.place_id = ? ORDER BY c.name", (place["id"],))]
    return ExportData(
        project=project, generated_at=datetime.now(), options=options, interviews=interviews,
        segments=segments, codings=[_pseudo_coding(c, pseudo) for c in _all_codings(db, options, chosen)],
        topics=_topics(db) if analysed else [],
        actors=[_pseudo_row(r, pseudo, "name") for r in _rows(db, "SELECT * FROM actor ORDER BY mentions DESC, name")] if analysed else [],
        edges=_rows(db, "SELECT a.name AS source, b.name AS target, e.weight, e.interviews"
                        " FROM actor_edge e JOIN actor a ON a.id = e.source_id"
                        " JOIN actor b ON b.id = e.target_id ORDER BY e.weight DESC") if analysed else [],
        places=places,
        coders=[pseudo(c) or "" for c in coders], model_versions=versions,
        agreements=[Agreement(pseudo(a.coder_a) or "", pseudo(a.coder_b) or "", a.segments,
                              a.observed, a.kappa) for a in agreements(db)],
        analysed=analysed, classified=_has_rows(db, "decision"),
        persons=len(set(pseudo.forms.values())),
    )


def _pseudo_coding(coding: Coding, pseudo: Pseudonymiser) -> Coding:
    coding.coder = pseudo(coding.coder)
    return coding


def _rows(db: sqlite3.Connection, sql: str) -> list[dict]:
    return [dict(row) for row in db.execute(sql)]


def _pseudo_row(row: dict, pseudo: Pseudonymiser, key: str) -> dict:
    row[key] = pseudo(row[key])
    if "variants" in row:
        row["variants"] = [pseudo(v) for v in json.loads(row["variants"] or "[]")]
    return row


def _interviews(db: sqlite3.Connection, pseudo: Pseudonymiser):
    speakers: dict[int, list[Speaker]] = {}
    for row in db.execute("SELECT * FROM speaker ORDER BY interview_id, id"):
        speakers.setdefault(row["interview_id"], []).append(
            Speaker(row["id"], row["key"], pseudo(row["name"]) or "", row["role"],
                    row["actor_type"]))
    interviews, maps = [], {}
    counters = {True: 0, False: 0}
    for row in db.execute(
            "SELECT i.*, sf.name AS file, c.name AS commune_name FROM interview i"
            " JOIN source_file sf ON sf.id = i.source_file_id"
            " LEFT JOIN commune c ON c.id = i.commune_id ORDER BY i.id"):
        counters[row["format"] in QUESTIONNAIRE_FORMATS] += 1
        number = counters[row["format"] in QUESTIONNAIRE_FORMATS]
        text, offsets = pseudo.with_map(row["text"])
        metadata = json.loads(row["metadata"] or "{}")
        code = f"{'Q' if row['format'] in QUESTIONNAIRE_FORMATS else 'E'}{number}"
        interviews.append(Interview(
            row["id"], number, _safe_file_name(pseudo, row["file"], code),
            _safe_title(pseudo, row["title"]),
            row["commune_name"] or "Sans commune", row["date"], row["format"], text,
            speakers.get(row["id"], []),
            {k: pseudo(str(v)) or "" for k, v in metadata.items()}))
        maps[row["id"]] = offsets
    return interviews, maps


_FILE_LIKE = re.compile(r"\S*(?:_|/|\.(?:trs|txt|md|docx|odt|srt|vtt|eaf|xml|tei|wav|mp3|mp4))\S*")


def _safe_title(pseudo: Pseudonymiser, title: str) -> str:
    """Titles sometimes quote a file name or a URL, which often carries a surname."""
    title = pseudo(title) or ""
    if pseudo.active:
        title = _FILE_LIKE.sub("[fichier]", pseudo.file_name(title))
    return title


def _safe_file_name(pseudo: Pseudonymiser, name: str, code: str) -> str:
    """A file name without the names we know; if a capitalised word is left in it (a
    surname we do not know, as in `Lea_Samvarian_F_55_2e`), the interview's number instead."""
    if not pseudo.active:
        return name
    cleaned = pseudo.file_name(name)
    stem = cleaned.rsplit("/", 1)[-1]
    if any(len(w) >= 3 and w[0].isupper() for w in re.findall(r"[^\W\d_]+", stem)):
        suffix = "." + stem.rsplit(".", 1)[1] if "." in stem else ""
        cleaned = cleaned[: len(cleaned) - len(stem)] + f"entretien-{code}{suffix}"
    return cleaned


def _topics(db: sqlite3.Connection) -> list[Topic]:
    topics = {}
    for row in db.execute("SELECT * FROM topic ORDER BY number"):
        topics[row["id"]] = Topic(row["number"], row["label"],
                                  [tuple(w) for w in json.loads(row["words"])], row["size"],
                                  row["grid_theme"])
    for row in db.execute("SELECT * FROM topic_prevalence"):
        if row["topic_id"] in topics:
            topics[row["topic_id"]].prevalence[(row["dimension"], row["value"])] = row["share"]
    return list(topics.values())
