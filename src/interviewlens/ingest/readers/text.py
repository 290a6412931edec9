"""Plain-text and Markdown transcripts, and the line-based core shared with docx/odt."""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from interviewlens.errors import InputError
from interviewlens.ingest.decode import decode_text
from interviewlens.ingest.model import ParsedSource, RawTurn, RoleHint, SpeakerInfo
from interviewlens.ingest.speaker_labels import (
    clean_label,
    is_known_convention,
    match_label,
    role_hint_for_label,
    strip_leading_stamp,
)

_MD_HEADING = re.compile(r"^\s{0,3}#{1,6}\s+")
_MD_QUOTE = re.compile(r"^\s{0,3}>\s?")
_MD_RULE = re.compile(r"^\s{0,3}([-*_])(\s*\1){2,}\s*$")
_HEADER_FIELD = re.compile(r"^\s*(?P<key>[A-ZÀ-Ýa-zà-ÿ][\w' -]{1,30}?)\s*:\s*(?P<value>\S.*)$")
_DATE_KEYS = {"date", "date de l'entretien", "date entretien"}
LONE_SPEAKER = "Locuteur 1"


@dataclass
class _TurnBuilder:
    speaker: str
    line: int
    time_start: float | None
    chunks: list[str] = field(default_factory=list)
    pending: list[str] = field(default_factory=list)

    def add_line(self, text: str) -> None:
        if text.strip():
            self.pending.append(text.strip())

    def break_paragraph(self) -> None:
        if self.pending:
            self.chunks.append(" ".join(self.pending))
            self.pending = []

    def build(self) -> RawTurn | None:
        self.break_paragraph()
        chunks = tuple(c for c in self.chunks if c)
        if not chunks:
            return None
        return RawTurn(self.speaker, chunks, time_start=self.time_start, line=self.line)


def _clean_markdown(line: str) -> str:
    line = _MD_HEADING.sub("", line)
    line = _MD_QUOTE.sub("", line)
    return line


def _accepted_labels(lines: list[str]) -> set[str]:
    counts = Counter(m.label for m in map(match_label, lines) if m)
    return {label for label, n in counts.items() if n >= 2 or is_known_convention(label)}


def parse_labelled_lines(
    lines: list[str], path: Path | str, *, fmt: str, line_numbers: list[int] | None = None
) -> ParsedSource:
    """Build turns from transcript lines; a blank line separates paragraphs (chunks)."""
    numbers = line_numbers or list(range(1, len(lines) + 1))
    lines = [_clean_markdown(line) for line in lines]
    accepted = _accepted_labels(lines)
    if not accepted:
        return _lone_speaker_source(lines, numbers, path, fmt=fmt)

    header: list[str] = []
    metadata: dict[str, str] = {}
    turns: list[RawTurn] = []
    speakers: dict[str, SpeakerInfo] = {}
    current: _TurnBuilder | None = None
    for line, number in zip(lines, numbers, strict=True):
        if _MD_RULE.match(line):
            continue
        labelled = match_label(line)
        if labelled and labelled.label in accepted:
            if current and (built := current.build()):
                turns.append(built)
            key = clean_label(labelled.label)
            speakers.setdefault(key, SpeakerInfo(key, key, role_hint_for_label(labelled.label)))
            current = _TurnBuilder(key, number, labelled.seconds)
            current.add_line(labelled.rest)
        elif current is None:
            if line.strip():
                header.append(line.strip())
        elif not line.strip():
            current.break_paragraph()
        else:
            text, stamp = strip_leading_stamp(line)
            if stamp is not None:
                current.break_paragraph()
            current.add_line(text)
    if current and (built := current.build()):
        turns.append(built)
    if not turns:
        raise InputError(path, "no speech found after the speaker labels",
                         "check that the transcript is not empty")
    title = ""
    for entry in header:
        field_match = _HEADER_FIELD.match(entry)
        if field_match and len(entry) < 120:
            metadata[field_match["key"].strip()] = field_match["value"].strip()
        elif not title:
            title = entry.strip("*_ ")
    date = next((v for k, v in metadata.items() if k.lower() in _DATE_KEYS), None)
    used = {t.speaker for t in turns}
    speakers = {k: v for k, v in speakers.items() if k in used}
    return ParsedSource(format=fmt, turns=turns, speakers=speakers, title=title, date=date,
                        metadata=metadata)


def _lone_speaker_source(lines: list[str], numbers: list[int], path: Path | str, *,
                         fmt: str) -> ParsedSource:
    """A document without speaker labels: one speaker, one turn per paragraph."""
    turns: list[RawTurn] = []
    current = _TurnBuilder(LONE_SPEAKER, 0, None)
    title = ""
    paragraphs: list[tuple[int, list[str]]] = []
    block: list[str] = []
    start = 0
    for line, number in zip(lines, numbers, strict=True):
        if line.strip():
            if not block:
                start = number
            block.append(line.strip())
        elif block:
            paragraphs.append((start, block))
            block = []
    if block:
        paragraphs.append((start, block))
    if not paragraphs:
        raise InputError(path, "the file is empty", "check that the transcript was saved")
    first_line, first_block = paragraphs[0]
    if len(paragraphs) > 1 and len(first_block) == 1 and len(first_block[0].split()) <= 12 \
            and not first_block[0].rstrip().endswith((".", "?", "!")):
        title = first_block[0].strip("*_ ")
        paragraphs = paragraphs[1:]
    for start, block in paragraphs:
        current = _TurnBuilder(LONE_SPEAKER, start, None)
        for text in block:
            current.add_line(text)
        if built := current.build():
            turns.append(built)
    speaker = SpeakerInfo(LONE_SPEAKER, LONE_SPEAKER, RoleHint.UNKNOWN)
    return ParsedSource(format=fmt, turns=turns, speakers={LONE_SPEAKER: speaker}, title=title,
                        metadata={"speaker_labels": "none found"})


def read_text(data: bytes, path: Path) -> list[ParsedSource]:
    decoded = decode_text(data, path)
    fmt = "markdown" if path.suffix.lower() in {".md", ".markdown"} else "text"
    source = parse_labelled_lines(decoded.text.split("\n"), path, fmt=fmt)
    source.metadata["encoding"] = decoded.encoding
    return [source]
