"""Speaker labels in plain-text transcripts: `Q :`, `Enquêteur :`, `Marie Durand :`…

A line starts a turn when it begins with a label (optionally wrapped in Markdown
bold and surrounded by timestamps) followed by a colon. To avoid reading prose
such as "Remarque : …" as a speaker, a label must either be a known interview
convention or recur in the document.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from interviewlens.domain import strip_accents
from interviewlens.ingest.model import RoleHint

_TIME = r"\d{1,2}:\d{2}(?::\d{2})?(?:[.,]\d{1,3})?"
_STAMP = rf"(?:\[{_TIME}\]|\({_TIME}\)|{_TIME})"
# A label: capitalised words (names with particles and hyphens), initials, codes like E1, or
# numbered participants of a group ("Participant 1", "Habitante 12").
_NAME_WORD = r"[A-ZÀ-ÖØ-Þ][\w'’.\-]*"
# Lower-case name particles (French, Dutch, German, Italian, Portuguese, Spanish, Arabic).
_PARTICLE = (r"(?:de|du|des|d'|le|la|van|von|der|den|ter|da|di|del|della|do|dos|das|"
             r"y|ben|bent|ibn|el|al)")
_LABEL = (
    rf"(?:{_NAME_WORD}(?:\s+(?:{_PARTICLE}\s+){{0,2}}{_NAME_WORD}){{0,3}}(?:\s+\d{{1,3}})?"
    r"(?:\s*\((?:ENQ|Enq|enq)\))?)"
)
_LINE = re.compile(
    rf"""^\s*(?:[-–]\s*)?
    (?:(?P<stamp1>{_STAMP})\s*)?
    (?:\*\*|__)?(?P<label>{_LABEL})(?:\*\*|__)?
    \s*(?:(?P<stamp2>{_STAMP})\s*)?
    (?:\*\*|__)?\s*[:：]\s*(?:\*\*|__)?
    \s*(?:(?P<stamp3>{_STAMP})\s*)?
    (?P<rest>.*)$""",
    re.VERBOSE,
)
_STAMP_ONLY = re.compile(rf"^\s*{_STAMP}\s*")

_INTERVIEWER_LABELS = {
    "q", "question", "enqueteur", "enqueteuse", "enquetrice", "intervieweur",
    "intervieweuse", "interviewer", "int", "enq", "i",
}
_INTERVIEWEE_LABELS = {"r", "reponse", "enquete", "enquetee", "interviewe", "interviewee"}
_NOT_LABELS = {
    "remarque", "note", "nb", "attention", "exemple", "par exemple", "objet", "date", "lieu",
    "titre", "theme", "themes", "sujet", "conclusion", "resume", "source", "duree", "http",
    "https", "ps", "important", "definition", "proposition", "constat", "probleme",
}


@dataclass(frozen=True)
class LabelledLine:
    label: str
    rest: str
    seconds: float | None


def _normal_key(label: str) -> str:
    return strip_accents(label.strip().lower().rstrip("."))


def role_hint_for_label(label: str) -> RoleHint:
    key = _normal_key(re.sub(r"\s*\((?:ENQ|Enq|enq)\)", "", label))
    if "(enq)" in label.lower() or re.sub(r"\d+$", "", key) in _INTERVIEWER_LABELS:
        return RoleHint.INTERVIEWER
    if key in _INTERVIEWEE_LABELS:
        return RoleHint.INTERVIEWEE
    return RoleHint.UNKNOWN


def clean_label(label: str) -> str:
    return re.sub(r"\s*\((?:ENQ|Enq|enq)\)", "", label).strip()


def parse_timestamp(stamp: str | None) -> float | None:
    if not stamp:
        return None
    parts = stamp.strip("[]()").replace(",", ".").split(":")
    try:
        values = [float(p) for p in parts]
    except ValueError:
        return None
    seconds = 0.0
    for value in values:
        seconds = seconds * 60 + value
    return seconds


def match_label(line: str) -> LabelledLine | None:
    """Split `line` into label and speech if it looks like a speaker label line."""
    match = _LINE.match(line)
    if not match:
        return None
    label = match.group("label").strip()
    key = _normal_key(label)
    if key in _NOT_LABELS or len(label) > 60:
        return None
    stamp = match.group("stamp1") or match.group("stamp2") or match.group("stamp3")
    return LabelledLine(label=label, rest=match.group("rest").strip(), seconds=parse_timestamp(stamp))


_NUMBERED_PARTICIPANT = re.compile(
    r"(?:participant|participante|habitant|habitante|intervenant|intervenante|personne"
    r"|locuteur|locutrice|jeune|parent|élu|élue|elu|elue)\s+\d{1,3}", re.IGNORECASE)


def is_known_convention(label: str) -> bool:
    return role_hint_for_label(label) is not RoleHint.UNKNOWN or bool(
        re.fullmatch(r"[A-Z]{1,3}\d{0,2}|[A-Z]\.[A-Z]\.?", label)
        or _NUMBERED_PARTICIPANT.fullmatch(label)
    )


def strip_leading_stamp(line: str) -> tuple[str, float | None]:
    match = _STAMP_ONLY.match(line)
    if not match:
        return line, None
    return line[match.end():], parse_timestamp(match.group(0).strip())
