"""What a format reader returns: sources made of speaker turns, before any storage.

Readers know nothing about the project store. They turn bytes into `ParsedSource`
objects; `interviewlens.ingest.assemble` builds the normalised interview text,
the turns and the segments from them.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum


class RoleHint(StrEnum):
    """What the file itself says about a speaker's role."""

    INTERVIEWER = "interviewer"
    INTERVIEWEE = "interviewee"
    UNKNOWN = "unknown"


@dataclass(frozen=True)
class SpeakerInfo:
    """A speaker as declared in the source.

    `key` is the identifier turns refer to (e.g. ``spk1`` or the label ``Q``);
    `name` is the human-readable name shown to coders.
    """

    key: str
    name: str
    role_hint: RoleHint = RoleHint.UNKNOWN


@dataclass(frozen=True)
class RawTurn:
    """One speaker's uninterrupted speech.

    `chunks` are the pieces of speech between the format's own boundaries
    (sync points, pauses, timestamps, paragraphs, subtitle cues). The segmenter
    treats each chunk boundary as a preferred place to cut. `line` is the
    1-based line in the source file where the turn starts, when known.
    """

    speaker: str
    chunks: tuple[str, ...]
    time_start: float | None = None
    time_end: float | None = None
    line: int | None = None
    #: segment spans fixed by the source (offsets in " ".join(chunks)), e.g. coded
    #: selections of a REFI-QDA project; None lets the segmenter cut the turn
    segments: tuple[tuple[int, int], ...] | None = None


@dataclass(frozen=True)
class ImportedCoding:
    """A code given in the source (REFI-QDA import) to the segment `turn`/`start`/`end`.

    Offsets are in the turn's speech, like `RawTurn.segments`. `label` is the SWOT code
    when the source's code maps to one, else None (the code is kept as a memo).
    """

    turn: int
    start: int
    end: int
    label: str | None
    code: str
    coder: str | None
    source: str = "human"          # human or model
    validated: bool = False
    created_at: str | None = None
    model_version: str | None = None


@dataclass
class ParsedSource:
    """One interview (or one questionnaire respondent) read from a file."""

    format: str
    turns: list[RawTurn]
    speakers: dict[str, SpeakerInfo]
    title: str = ""
    date: str | None = None
    commune: str | None = None
    metadata: dict[str, str] = field(default_factory=dict)
    #: position of this source inside its file (0 for single-source files)
    ordinal: int = 0
    #: codes the source already carries (REFI-QDA), stored as decisions or memos
    codings: list[ImportedCoding] = field(default_factory=list)
    #: what the reader wants the user to know about the file (shown by ingest, not stored)
    notes: list[str] = field(default_factory=list)
