"""From parsed turns to the interview text that every offset points into.

The text of an interview is its turns in order, each written as
`Speaker name : speech`, separated by a blank line. A turn's span covers its
speech only; segments (interviewee turns only) are spans inside it.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from interviewlens.domain import Role
from interviewlens.ingest.model import ParsedSource
from interviewlens.ingest.segment import segment_turn
from interviewlens.ingest.speakers import ResolvedSpeaker

TURN_SEPARATOR = "\n\n"
LABEL_SEPARATOR = " : "


@dataclass
class AssembledTurn:
    speaker: str
    start: int
    end: int
    time_start: float | None
    time_end: float | None
    line: int | None
    segments: list[tuple[int, int]] = field(default_factory=list)


@dataclass
class AssembledInterview:
    text: str
    turns: list[AssembledTurn]

    @property
    def segment_count(self) -> int:
        return sum(len(t.segments) for t in self.turns)


def assemble(source: ParsedSource, speakers: dict[str, ResolvedSpeaker]) -> AssembledInterview:
    parts: list[str] = []
    position = 0
    turns: list[AssembledTurn] = []
    for raw in source.turns:
        if parts:
            parts.append(TURN_SEPARATOR)
            position += len(TURN_SEPARATOR)
        label = speakers[raw.speaker].name + LABEL_SEPARATOR
        parts.append(label)
        position += len(label)
        start = position
        first_part = len(parts)
        chunk_starts: set[int] = set()
        for index, chunk in enumerate(raw.chunks):
            if index:
                parts.append(" ")
                position += 1
            chunk_starts.add(position - start)
            parts.append(chunk)
            position += len(chunk)
        turn = AssembledTurn(raw.speaker, start, position, raw.time_start, raw.time_end, raw.line)
        if speakers[raw.speaker].role is Role.INTERVIEWEE:
            speech = "".join(parts[first_part:])  # this turn only: linear in the file
            spans = raw.segments if raw.segments is not None else segment_turn(speech, chunk_starts)
            turn.segments = [(start + a, start + b) for a, b in spans]
        turns.append(turn)
    return AssembledInterview("".join(parts), turns)
