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
    dash: bool = False  # starts with a dialogue dash: a new speaker in subtitle convention


SECOND_SPEAKER = "Locuteur 2"
MAX_QUESTION_WORDS = 30
MAX_PREAMBLE_WORDS = 6
_SENTENCE_END = re.compile(r"[.!?…][»\"')\]]*$")


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


def _cue_from_block(start_line: int, block: list[str], path: Path, *, vtt: bool) -> list[Cue]:
    """The cue(s) of one block: a cue with dialogue dashes holds one cue per dash."""
    timing_index = next((i for i, line in enumerate(block) if "-->" in line), None)
    if timing_index is None:
        if vtt and block[0].split()[0] in {"NOTE", "STYLE", "REGION"}:
            return []
        if not vtt and len(block) == 1 and block[0].strip().isdigit():
            return []
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
    line = start_line + timing_index
    pieces: list[tuple[bool, list[str]]] = []
    for raw_line in block[timing_index + 1:]:
        dash = bool(_DIALOGUE_DASH.match(_TAG.sub("", raw_line)))
        if dash or not pieces:
            pieces.append((dash, []))
        pieces[-1][1].append(raw_line.strip())
    cues = []
    for dash, lines in pieces:
        raw = " ".join(lines)
        speaker = None
        if voice := _VOICE.search(raw):
            speaker = voice.group(1).strip()
        text = _TAG.sub("", raw).strip()
        if speaker is None and (bracket := _BRACKET_SPEAKER.match(text)):
            speaker, text = bracket.group(1).strip(), text[bracket.end():]
        text = _DIALOGUE_DASH.sub("", text)
        cues.append(Cue(line, start, end, speaker, text.strip(), dash))
    return cues


def _label_speakers(cues: list[Cue]) -> list[Cue]:
    """Apply `NAME : text` labels that recur (or follow interview conventions)."""
    matches = [match_label(c.text) if c.speaker is None else None for c in cues]
    counts = Counter(m.label for m in matches if m)
    out = []
    for cue, match in zip(cues, matches, strict=True):
        if match and (counts[match.label] >= 2 or role_hint_for_label(match.label).value != "unknown"):
            cue = Cue(cue.line, cue.start, cue.end, clean_label(match.label), match.rest, cue.dash)
        out.append(cue)
    return out


def parse_cues(data: bytes, path: Path, *, vtt: bool) -> ParsedSource:
    text = decode_text(data, path).text
    lines = text.split("\n")
    if vtt:
        if not lines[0].lstrip().startswith("WEBVTT"):
            raise InputError(path, "not a WebVTT file (first line is not WEBVTT)",
                             "check the export, or rename the file to .srt", line=1)
        # The header block (WEBVTT and optional metadata lines such as "Kind: captions")
        # runs to the first blank line.
        header_end = next((i for i, line in enumerate(lines) if not line.strip()), len(lines))
        lines = [""] * header_end + lines[header_end:]
    cues = [c for start, block in _split_blocks(lines)
            for c in _cue_from_block(start, block, path, vtt=vtt)]
    cues = [c for c in _label_speakers(cues) if c.text]
    if not cues:
        raise InputError(path, "no subtitle cue with text found",
                         "expected cues like 00:00:01,000 --> 00:00:04,000 followed by text")
    if any(c.speaker for c in cues):
        how = "names"
    elif any(c.dash for c in cues):
        cues, how = _speakers_from_dashes(cues), "dialogue dashes"
    else:
        cues, how = _speakers_from_questions(cues)
    turns, speakers = _turns(cues)
    metadata = {} if how == "names" else {"speaker_labels": how}
    return ParsedSource(format="vtt" if vtt else "srt", turns=turns, speakers=speakers,
                        metadata=metadata)


def _with_speaker(cue: Cue, speaker: str) -> Cue:
    return Cue(cue.line, cue.start, cue.end, speaker, cue.text, cue.dash)


def _speakers_from_dashes(cues: list[Cue]) -> list[Cue]:
    """Subtitle convention: each dash starts the other speaker's line."""
    current, out = SECOND_SPEAKER, []
    for cue in cues:
        if cue.dash:
            current = LONE_SPEAKER if current == SECOND_SPEAKER else SECOND_SPEAKER
        out.append(_with_speaker(cue, current))
    return out


def _speakers_from_questions(cues: list[Cue]) -> tuple[list[Cue], str]:
    """Raw speech-to-text without speakers: short sentences ending in a question mark are
    taken as one speaker's (the interviewer's), everything else as the other's."""
    sentences: list[list[Cue]] = [[]]
    for cue in cues:
        sentences[-1].append(cue)
        if _SENTENCE_END.search(cue.text):
            sentences.append([])
    sentences = [s for s in sentences if s]
    asks = [_is_question(" ".join(c.text for c in s)) for s in sentences]
    if not any(asks) or all(asks):
        return [_with_speaker(c, LONE_SPEAKER) for c in cues], "none found"
    out = [_with_speaker(cue, LONE_SPEAKER if ask else SECOND_SPEAKER)
           for sentence, ask in zip(sentences, asks, strict=True) for cue in sentence]
    return out, "questions"


def _is_question(text: str) -> bool:
    """A short question, possibly after a short preamble ("D'accord. Et l'école ?")."""
    if not text.endswith("?") or len(text.split()) > MAX_QUESTION_WORDS:
        return False
    parts = re.split(r"(?<=[.!?…])\s+", text)
    preamble = " ".join(parts[:-1])
    return len(preamble.split()) <= MAX_PREAMBLE_WORDS


def _turns(cues: list[Cue]) -> tuple[list[RawTurn], dict[str, SpeakerInfo]]:
    """Consecutive cues of one speaker form a turn; each cue is a chunk. A cue without a
    speaker continues the previous speaker's turn."""
    turns: list[RawTurn] = []
    speakers: dict[str, SpeakerInfo] = {}
    group: list[Cue] = []
    current = LONE_SPEAKER

    def flush() -> None:
        if group:
            turns.append(RawTurn(current, tuple(c.text for c in group), time_start=group[0].start,
                                 time_end=group[-1].end, line=group[0].line))

    for cue in cues:
        speaker = cue.speaker or current
        if speaker != current:
            flush()
            group = []
            current = speaker
        speakers.setdefault(speaker, SpeakerInfo(speaker, speaker, role_hint_for_label(speaker)))
        group.append(cue)
    flush()
    return turns, speakers


def read_srt(data: bytes, path: Path) -> list[ParsedSource]:
    return [parse_cues(data, path, vtt=False)]


def read_vtt(data: bytes, path: Path) -> list[ParsedSource]:
    return [parse_cues(data, path, vtt=True)]
