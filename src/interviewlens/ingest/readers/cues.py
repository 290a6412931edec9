"""Subtitle files from speech-to-text (.srt, .vtt): cues → speaker turns.

Speakers come from WebVTT voice tags (`<v Marie Durand>`), from a label at the
start of a cue (`MARIE : …`, `[Marie] …`), or are absent. A cue without a
speaker continues the previous speaker's turn; a file without any speaker
names is attributed to a single speaker, and the ingest report says so.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from interviewlens.errors import InputError
from interviewlens.ingest.decode import decode_text
from interviewlens.ingest.model import ParsedSource, RawTurn, SpeakerInfo
from interviewlens.ingest.readers.text import LONE_SPEAKER
from interviewlens.ingest.speaker_labels import clean_label, match_label, role_hint_for_label

_TIME = r"(?:(\d{1,3}):)?(\d{1,2}):(\d{2})[,.](\d{1,3})"
_TIMING = re.compile(rf"^\s*{_TIME}\s*-->\s*{_TIME}(?:\s+.*)?$")
_VOICE = re.compile(r"<v(?:\.[\w.-]+)?\s+([^>]+)>")
_TAG = re.compile(r"</?[a-zA-Z][^>]*>|<\d{1,3}:\d{2}[:.\d]*>")
_BRACKET_SPEAKER = re.compile(r"^\s*[\[(]([A-ZÀ-Ý][\w' .-]{0,40})[\])]\s*:?\s*")
_DIALOGUE_DASH = re.compile(r"^\s*[-–]\s+")


@dataclass(frozen=True)
class Cue:
    line: int
    start: float
    end: float
    speaker: str | None
    text: str


def _seconds(groups: tuple[str | None, ...]) -> float:
    hours, minutes, seconds, millis = groups
    return int(hours or 0) * 3600 + int(minutes) * 60 + int(seconds) + int(millis.ljust(3, "0")) / 1000


def _split_blocks(lines: list[str]) -> list[tuple[int, list[str]]]:
    blocks: list[tuple[int, list[str]]] = []
    current: list[str] = []
    start = 1
    for number, line in enumerate(lines, start=1):
        if line.strip():
            if not current:
                start = number
            current.append(line)
        elif current:
            blocks.append((start, current))
            current = []
    if current:
        blocks.append((start, current))
    return blocks


def _cue_from_block(start_line: int, block: list[str], path: Path, *, vtt: bool) -> Cue | None:
    timing_index = next((i for i, line in enumerate(block) if "-->" in line), None)
    if timing_index is None:
        if vtt and block[0].split()[0] in {"NOTE", "STYLE", "REGION"}:
            return None
        if not vtt and len(block) == 1 and block[0].strip().isdigit():
            return None
        raise InputError(path, "subtitle block without a timing line",
                         "each cue needs a line like 00:00:01,000 --> 00:00:04,000",
                         line=start_line)
    timing = _TIMING.match(block[timing_index])
    if not timing:
        raise InputError(path, f"unreadable cue timing {block[timing_index].strip()!r}",
                         "expected HH:MM:SS,mmm --> HH:MM:SS,mmm",
                         line=start_line + timing_index)
    groups = timing.groups()
    start, end = _seconds(groups[:4]), _seconds(groups[4:])
    raw = " ".join(line.strip() for line in block[timing_index + 1:])
    speaker = None
    if voice := _VOICE.search(raw):
        speaker = voice.group(1).strip()
    text = _TAG.sub("", raw).strip()
    if speaker is None and (bracket := _BRACKET_SPEAKER.match(text)):
        speaker, text = bracket.group(1).strip(), text[bracket.end():]
    text = _DIALOGUE_DASH.sub("", text)
    return Cue(start_line + timing_index, start, end, speaker, text.strip())


def _label_speakers(cues: list[Cue]) -> list[Cue]:
    """Apply `NAME : text` labels that recur (or follow interview conventions)."""
    matches = [match_label(c.text) if c.speaker is None else None for c in cues]
    counts = Counter(m.label for m in matches if m)
    out = []
    for cue, match in zip(cues, matches, strict=True):
        if match and (counts[match.label] >= 2 or role_hint_for_label(match.label).value != "unknown"):
            cue = Cue(cue.line, cue.start, cue.end, clean_label(match.label), match.rest)
        out.append(cue)
    return out


def parse_cues(data: bytes, path: Path, *, vtt: bool) -> ParsedSource:
    text = decode_text(data, path).text
    lines = text.split("\n")
    if vtt:
        if not lines[0].lstrip().startswith("WEBVTT"):
            raise InputError(path, "not a WebVTT file (first line is not WEBVTT)",
                             "check the export, or rename the file to .srt", line=1)
        lines = [""] + lines[1:]
    cues = [c for start, block in _split_blocks(lines)
            if (c := _cue_from_block(start, block, path, vtt=vtt)) is not None]
    cues = [c for c in _label_speakers(cues) if c.text]
    if not cues:
        raise InputError(path, "no subtitle cue with text found",
                         "expected cues like 00:00:01,000 --> 00:00:04,000 followed by text")
    turns: list[RawTurn] = []
    speakers: dict[str, SpeakerInfo] = {}
    named = any(c.speaker for c in cues)
    current_speaker = LONE_SPEAKER
    group: list[Cue] = []

    def flush() -> None:
        if group:
            turns.append(RawTurn(current_speaker, tuple(c.text for c in group),
                                 time_start=group[0].start, time_end=group[-1].end,
                                 line=group[0].line))

    for cue in cues:
        speaker = cue.speaker or current_speaker
        if speaker != current_speaker or not group:
            flush()
            group = []
            current_speaker = speaker
        if speaker not in speakers:
            speakers[speaker] = SpeakerInfo(speaker, speaker, role_hint_for_label(speaker))
        group.append(cue)
    flush()
    metadata = {} if named else {"speaker_labels": "none found"}
    return ParsedSource(format="vtt" if vtt else "srt", turns=turns, speakers=speakers,
                        metadata=metadata)


def read_srt(data: bytes, path: Path) -> list[ParsedSource]:
    return [parse_cues(data, path, vtt=False)]


def read_vtt(data: bytes, path: Path) -> list[ParsedSource]:
    return [parse_cues(data, path, vtt=True)]
