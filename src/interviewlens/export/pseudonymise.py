"""Pseudonymisation: person names → "Personne N", consistently, offsets kept in step.

Names come from the speakers (as named by the manifest or the file), from interview
metadata values that look like names, and from spaCy's PER entities (the `entity`
table when the project was analysed, else a lazy NER pass over the segments). Each
person gets one number; their full name, surname and first name all map to it. The
mapping is stored in the project (`pseudonym`, migration 5) and never exported.
"""

from __future__ import annotations

import json
import re
import sqlite3
from bisect import bisect_right
from collections.abc import Iterable
from dataclasses import dataclass

from interviewlens.domain import strip_accents
from interviewlens.store.connection import transaction
from interviewlens.store.writes import now_iso

PSEUDONYM = "Personne {n}"
SECOND_MODEL = "fr_core_news_sm"
_TITLES = {"monsieur", "madame", "mademoiselle", "m.", "mme", "mme.", "mlle", "mlle.", "herr",
           "frau", "docteur", "dr", "dr.", "maître", "père", "mère", "sœur", "frère", "tonton",
           "tata", "mister", "mrs", "mr", "ms"}
# Words spaCy's French model often tags PER in transcribed speech, and labels that are not
# people (generic speakers).
_NOT_NAMES = {
    "ben", "bah", "bon", "oui", "non", "voilà", "hein", "euh", "ouais", "alors", "bonjour",
    "merci", "madame", "monsieur", "d'accord", "enfin", "donc", "mais", "pareil", "regardez",
    "questionnaire", "répondant", "repondant", "locuteur", "locutrice", "enquêteur",
    "enquêtrice", "enqueteur", "enquetrice", "interviewer", "intervieweur", "participant",
    "participante", "speaker", "intervenant", "intervenante", "inconnu", "inconnue", "anonyme",
    "public", "salle", "tous", "plusieurs", "voix", "homme", "femme", "x", "xx", "xxx",
    "npers", "nprenom", "nom", "prénom", "le", "la", "les", "de", "du", "des", "saint", "sainte",
}
_PARTICLES = {"le", "la", "de", "du", "des", "van", "von", "da", "di", "del", "ben", "el", "al",
              "d'", "l'", "mac", "mc"}
_WORD = re.compile(r"[\w'’-]+")
_META_NAME_KEYS = {"scribe", "transcriber", "transcripteur", "interviewer", "enqueteur",
                   "enquêteur", "author", "auteur", "speaker", "name", "nom", "informant",
                   "locuteur", "participant"}


def _tokens(name: str) -> list[str]:
    return _WORD.findall(re.sub(r"\([^)]*\)", " ", name))


def clean_person(name: str) -> str | None:
    """The name part of a candidate person mention, or None when it is not a name."""
    tokens = _tokens(name)
    while tokens and tokens[0].lower() in _TITLES:
        tokens = tokens[1:]
    if not tokens or any(any(c.isdigit() for c in t) for t in tokens):
        return None
    if any(t.lower() in _NOT_NAMES and t.lower() not in _PARTICLES for t in tokens):
        return None
    letters = [t for t in tokens if t.lower() not in _PARTICLES]
    if not letters or any(not t[0].isupper() for t in letters):
        return None
    if len(tokens) == 1 and (len(tokens[0]) < 3 or tokens[0].isupper() and len(tokens[0]) <= 3):
        return None  # initials (IH, ML) and one-letter labels (Q, R)
    return " ".join(tokens)


def name_forms(full: str) -> list[str]:
    """The full name, then its surname and first name when the name has several parts."""
    tokens = full.split()
    forms = [full]
    if len(tokens) >= 2 and tokens[0].lower() not in _PARTICLES:
        surname = " ".join(tokens[1:])
        for form in (surname, tokens[-1] if tokens[-2].lower() not in _PARTICLES else None,
                     tokens[0]):
            if form and len(form) >= 3 and form not in forms:
                forms.append(form)
    return forms


@dataclass(frozen=True)
class Replacement:
    start: int
    end: int
    new_start: int
    new_end: int


class OffsetMap:
    """Maps offsets of an original text to the pseudonymised one."""

    def __init__(self, replacements: list[Replacement]):
        self.replacements = replacements
        self._starts = [r.start for r in replacements]

    def _locate(self, offset: int) -> Replacement | None:
        index = bisect_right(self._starts, offset) - 1
        return self.replacements[index] if index >= 0 else None

    def start(self, offset: int) -> int:
        r = self._locate(offset)
        if r is None:
            return offset
        if offset < r.end:
            return r.new_start
        return offset + (r.new_end - r.end)

    def end(self, offset: int) -> int:
        r = self._locate(offset - 1) if offset > 0 else None
        if r is None:
            return offset
        if offset <= r.end:
            return r.new_end
        return offset + (r.new_end - r.end)


class Pseudonymiser:
    """Replaces every known name form; the identity when `forms` is empty."""

    def __init__(self, forms: dict[str, str]):
        self.forms = forms
        self._pattern = None
        if forms:
            ordered = sorted(forms, key=len, reverse=True)
            alternation = "|".join(re.escape(f) for f in ordered)
            self._pattern = re.compile(rf"(?<![\w-])(?:{alternation})(?![\w-])")
        self._slugs = sorted(((_slug(f), v) for f, v in forms.items() if len(_slug(f)) >= 3),
                             key=lambda pair: len(pair[0]), reverse=True)

    @property
    def active(self) -> bool:
        return self._pattern is not None

    def __call__(self, text: str | None) -> str | None:
        if text is None or self._pattern is None:
            return text
        return self._pattern.sub(lambda m: self.forms[m.group()], text)

    def with_map(self, text: str) -> tuple[str, OffsetMap]:
        if self._pattern is None:
            return text, OffsetMap([])
        parts: list[str] = []
        replacements: list[Replacement] = []
        last = shift = 0
        for match in self._pattern.finditer(text):
            new = self.forms[match.group()]
            parts.append(text[last:match.start()])
            new_start = match.start() + shift
            replacements.append(Replacement(match.start(), match.end(), new_start,
                                            new_start + len(new)))
            parts.append(new)
            shift += len(new) - (match.end() - match.start())
            last = match.end()
        parts.append(text[last:])
        return "".join(parts), OffsetMap(replacements)

    def file_name(self, name: str) -> str:
        """File names carry names as slugs (`01-maire-le-bihan.txt`, `Anita_MUSSO_F_46`)."""
        if self._pattern is None:
            return name
        result = name
        folded = _fold(name)
        for slug, pseudonym in self._slugs:
            replacement = _slug(pseudonym)
            pattern = re.compile(r"(?<![a-z0-9])" + re.escape(slug).replace(r"\-", "[-_ .]")
                                 + r"(?![a-z0-9])")
            for match in reversed(list(pattern.finditer(folded))):
                result = result[:match.start()] + replacement + result[match.end():]
                folded = folded[:match.start()] + replacement + folded[match.end():]
        return result


def _fold(text: str) -> str:
    """Lower case without accents, same length as `text` for the characters we slugify."""
    return "".join(strip_accents(c).lower()[:1] or c for c in text)


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", strip_accents(text).lower()).strip("-")


# ----------------------------------------------------------------------------- collection

def _speaker_names(db: sqlite3.Connection) -> list[tuple[str, str]]:
    found: list[tuple[str, str]] = []
    for row in db.execute("SELECT name FROM speaker ORDER BY interview_id, id"):
        found.append((row[0], "manifest"))
    for row in db.execute("SELECT metadata FROM interview ORDER BY id"):
        try:
            metadata = json.loads(row[0] or "{}")
        except json.JSONDecodeError:
            continue
        for key, value in metadata.items():
            if isinstance(value, str) and strip_accents(key.lower()) in _META_NAME_KEYS:
                found.extend((part, "metadata") for part in re.split(r"[;,/]| et ", value))
    return found


def _blocked_words(db: sqlite3.Connection) -> set[str]:
    """Communes, places and organisations: never taken for persons. A place the analysis
    only guessed from context (kind 'place') counts when placed in a country and cited in
    two interviews or more ("Thiobène"), not once ("Aminata", a first name), and never
    when the analysis also saw a person in it ("Gwenaëlle")."""
    def words(sql: str) -> set[str]:
        found: set[str] = set()
        for (value,) in db.execute(sql):
            for item in json.loads(value) if value.startswith("[") else [value]:
                found.update(t.lower() for t in re.findall(r"\w+", item) if len(t) > 2)
        return found

    blocked = words("SELECT name FROM commune")
    persons = words("SELECT name FROM actor WHERE kind = 'person'") \
        if _has_table(db, "actor") else set()
    if _has_table(db, "place"):
        sure = "WHERE kind IN ('country', 'region', 'department', 'city')"
        blocked |= words(f"SELECT name FROM place {sure}") | words(f"SELECT variants FROM place {sure}")
        guessed = "WHERE kind = 'place' AND interviews >= 2 AND country IS NOT NULL"
        blocked |= words(f"SELECT variants FROM place {guessed}") - persons
    if _has_table(db, "actor"):
        # "association d'Yvonne Tanguy" is an organisation named after a person.
        blocked |= words("SELECT variants FROM actor WHERE kind NOT IN ('person', 'role')") - persons
    return blocked


_NAME = r"[A-ZÀ-Ý][a-zà-ÿ]+(?:-[A-ZÀ-Ý][a-zà-ÿ]+)?"
# Who is greeted or given a title is a person, whatever the NER says ("Bonjour Hélène").
_ADDRESSED = re.compile(
    r"(?<![\w-])(?:[Bb]onjour|[Bb]onsoir|[Mm]erci|[Ss]alut|[Mm]adame|[Mm]onsieur|[Mm]ademoiselle"
    rf"|Mme|Mlle|M\.|Frau|Herr|Mrs?\.?|Ms\.?|[Dd]octeur|Dr\.?)\s+(?P<name>{_NAME}(?:\s+(?:(?:[Ll]e|[Dd]e|[Dd]u|[Ll]a)\s+)?{_NAME})?)")


def _addressed_names(db: sqlite3.Connection) -> list[str]:
    return [m.group("name") for (text,) in db.execute("SELECT text FROM interview ORDER BY id")
            for m in _ADDRESSED.finditer(text)]


def _has_table(db: sqlite3.Connection, name: str) -> bool:
    return db.execute("SELECT 1 FROM sqlite_master WHERE name = ?", (name,)).fetchone() is not None


def _ner_candidates(db: sqlite3.Connection, spacy_model: str) -> list[str]:
    """PER entities of every interview not scanned yet; records the scan."""
    scanned = {row[0] for row in db.execute("SELECT interview_id FROM pseudonym_scan")}
    interviews = [row[0] for row in db.execute("SELECT id FROM interview ORDER BY id")
                  if row[0] not in scanned]
    if not interviews:
        return []
    analysed = set()
    if _has_table(db, "segment_nlp"):
        analysed = {row[0] for row in db.execute(
            "SELECT DISTINCT s.interview_id FROM segment s"
            " JOIN segment_nlp n ON n.segment_id = s.id")}
    names: list[str] = []
    methods: dict[int, str] = {}
    from_analysis = [i for i in interviews if i in analysed]
    for interview_id in from_analysis:
        names += [row[0] for row in db.execute(
            "SELECT e.text FROM entity e JOIN segment s ON s.id = e.segment_id"
            " WHERE s.interview_id = ? AND e.label = 'PER' ORDER BY e.start", (interview_id,))]
        methods[interview_id] = "analysis"
    rest = [i for i in interviews if i not in analysed]
    marks = ",".join("?" * len(interviews))
    # Interviewer turns are never analysed, and they name people too ("Bonjour Hélène").
    texts = [row[0] for row in db.execute(
        "SELECT SUBSTR(i.text, t.start + 1, t.\"end\" - t.start) FROM turn t"
        " JOIN speaker sp ON sp.id = t.speaker_id JOIN interview i ON i.id = t.interview_id"
        f" WHERE sp.role = 'interviewer' AND t.interview_id IN ({marks}) ORDER BY t.id",
        interviews)]
    rest_marks = ",".join("?" * len(rest))
    unanalysed = [row[0] for row in db.execute(
        f"SELECT text FROM segment WHERE interview_id IN ({rest_marks}) ORDER BY id", rest)]
    if texts or unanalysed:
        names += _run_ner(texts + unanalysed, spacy_model)
    # A second, different model: the two miss different names ("Aminata" is a place for
    # fr_core_news_md, a person for fr_core_news_sm).
    if SECOND_MODEL != spacy_model:
        all_segments = [row[0] for row in db.execute(
            f"SELECT text FROM segment WHERE interview_id IN ({marks}) ORDER BY id", interviews)]
        names += _run_ner(texts + all_segments, SECOND_MODEL)
    used = "+".join(dict.fromkeys([spacy_model, SECOND_MODEL]))
    methods.update({i: f"{methods[i]}+{used}" if i in methods else used for i in interviews})
    with transaction(db):
        db.executemany("INSERT OR REPLACE INTO pseudonym_scan (interview_id, method, scanned_at)"
                       " VALUES (?, ?, ?)", [(i, m, now_iso()) for i, m in methods.items()])
    return names


def _run_ner(texts: list[str], spacy_model: str) -> list[str]:
    from interviewlens.nlp.loading import load_french

    # Only the NER and what it feeds on: several times faster than the full pipeline.
    nlp = load_french(spacy_model, disable=("morphologizer", "parser", "attribute_ruler",
                                            "lemmatizer", "senter"))
    names: list[str] = []
    for doc in nlp.pipe(texts, batch_size=128):
        names += [ent.text for ent in doc.ents if ent.label_ == "PER"]
    return names


def _common_words(db: sqlite3.Connection) -> set[str]:
    """Words written in lower case somewhere in the corpus: "Rires", "Pouvez" or
    "Dynamisme" at the start of a turn are not names."""
    words: set[str] = set()
    for (text,) in db.execute("SELECT text FROM interview"):
        words.update(re.findall(r"(?<![\w-])[a-zà-ÿ][\w-]*", text))
    return words


def build_mapping(db: sqlite3.Connection, *, spacy_model: str = "fr_core_news_md",
                  ner: bool = True) -> dict[str, str]:
    """Bring the stored mapping up to date with the project and return form → pseudonym."""
    from interviewlens.nlp.gazetteer import gazetteer

    places = gazetteer()
    stored = db.execute("SELECT name, person, origin FROM pseudonym").fetchall()
    existing = {row[0]: row[1] for row in stored}
    blocked = _blocked_words(db)
    candidates = list(_speaker_names(db))
    if ner:
        common = _common_words(db)
        candidates += [(name, "ner") for name in _ner_candidates(db, spacy_model)
                       if " " in name.strip() or name.strip().lower() not in common]
        candidates += [(name, "ner") for name in _addressed_names(db)]
    rows: list[tuple[str, int, str, str]] = []
    next_person = max(existing.values(), default=0) + 1
    for raw, origin in candidates:
        full = clean_person(raw)
        if full is None:
            continue
        parts = [w.lower() for w in re.findall(r"\w+", full) if w.lower() not in _PARTICLES]
        if origin == "ner" and (any(p in blocked for p in parts) or places.lookup(full)):
            continue
        forms = name_forms(full) if origin != "ner" or len(full.split()) > 1 else [full]
        known = [existing[f] for f in forms if f in existing]
        person = known[0] if known else None
        if person is None:
            person, next_person = next_person, next_person + 1
        for form in forms:
            if form in existing or (origin == "ner" and form != full and form.lower() in blocked):
                continue
            existing[form] = person
            rows.append((form, person, origin, now_iso()))
    if rows:
        with transaction(db):
            db.executemany("INSERT OR IGNORE INTO pseudonym (name, person, origin, created_at)"
                           " VALUES (?, ?, ?, ?)", rows)
    # Forms found by NER before `analyse` knew them as places or organisations are kept in
    # the project but no longer applied.
    dropped = {name for name, _, origin in stored if origin == "ner" and any(
        w.lower() in blocked for w in re.findall(r"\w+", name) if w.lower() not in _PARTICLES)}
    return {name: PSEUDONYM.format(n=person) for name, person in existing.items()
            if name not in dropped}


def pseudonymiser_for(db: sqlite3.Connection, enabled: bool, **kwargs) -> Pseudonymiser:
    return Pseudonymiser(build_mapping(db, **kwargs) if enabled else {})


def apply_all(pseudo: Pseudonymiser, values: Iterable[str]) -> list[str]:
    return [pseudo(v) or "" for v in values]
