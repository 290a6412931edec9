"""Transcriber (.trs) reader.

A Transcriber file is `<Trans>` with `<Speakers>` and `<Episode><Section><Turn>`.
Inside a turn, `<Sync time>` points cut the speech into chunks; `<Event>`,
`<Comment>` and `<Background>` are markup without words. An overlap turn
(`speaker="spk1 spk2"`) holds `<Who nb="1"/>…<Who nb="2"/>…`: each `Who` piece
becomes its own RawTurn.

"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from xml.etree.ElementTree import Element

from interviewlens.errors import InputError
from interviewlens.ingest.model import ParsedSource, RawTurn, SpeakerInfo
from interviewlens.ingest.readers.xml_common import (
    ChunkBuilder,
    check_declared_utf8,
    element_lines,
    no_speech_error,
    parse_seconds,
    resolve_speaker,
    speaker_info,
)
from interviewlens.ingest.xmlsafe import local_name, parse_xml


@dataclass
class _Piece:
    """One speaker's stretch inside a <Turn> (the whole turn, or one <Who> of it)."""

    speaker: str | None
    start: float | None
    line: int | None
    end: float | None = None
    text: ChunkBuilder = field(default_factory=ChunkBuilder)


def _trs_speakers(root: Element) -> dict[str, SpeakerInfo]:
    speakers: dict[str, SpeakerInfo] = {}
    for element in root.iter():
        if isinstance(element.tag, str) and local_name(element.tag) == "Speaker":
            key = (element.get("id") or "").strip()
            if key:
                speakers[key] = speaker_info(key, element.get("name"))
    return speakers


def _trs_metadata(root: Element) -> dict[str, str]:
    metadata = {local_name(k): v.strip() for k, v in root.attrib.items() if v.strip()}
    topics = [t.get("desc", "").strip() for t in root.iter()
              if isinstance(t.tag, str) and local_name(t.tag) == "Topic"]
    if any(topics):
        metadata["topics"] = "; ".join(t for t in topics if t)
    for episode in root.iter():
        if isinstance(episode.tag, str) and local_name(episode.tag) == "Episode":
            for key in ("program", "air_date"):
                if (episode.get(key) or "").strip():
                    metadata[key] = episode.get(key, "").strip()
            break
    return metadata


def _read_turn(turn: Element, path: Path, lines: dict[Element, int]) -> list[_Piece]:
    """Split a <Turn> into per-speaker pieces (one per <Who> in overlap turns).

    A piece ends at the first <Sync> after it (when another piece follows) or
    at the turn's end time.
    """
    ids = (turn.get("speaker") or "").split()
    line = lines.get(turn)
    start = parse_seconds(turn.get("startTime"), path, "Turn startTime", line)
    end = parse_seconds(turn.get("endTime"), path, "Turn endTime", line)
    pieces = [_Piece(ids[0] if ids else None, start, line)]
    pending_end: float | None = None  # last sync seen while the current piece was open
    last_sync = start
    pieces[0].text.add(turn.text)
    for child in turn:
        name = local_name(child.tag) if isinstance(child.tag, str) else ""
        current = pieces[-1]
        if name == "Sync":
            time = parse_seconds(child.get("time"), path, "Sync time", lines.get(child, line))
            current.text.cut()
            if time is not None:
                for piece in pieces[:-1]:
                    if piece.end is None:
                        piece.end = time
                current.start = time if current.start is None else current.start
                pending_end = last_sync = time
        elif name == "Who":
            current.end = pending_end
            pending_end = None
            who_line = lines.get(child, line)
            pieces.append(_Piece(_who_speaker(child, ids), last_sync, who_line))
        elif name:  # Event, Comment, Background…: markup without words
            current.text.gap()
        pieces[-1].text.add(child.tail)
    for piece in pieces:
        if piece.end is None:
            piece.end = end
    return pieces


def _who_speaker(who: Element, ids: list[str]) -> str | None:
    """The nb-th speaker of the turn; None (→ `inconnu`) when nb names no listed speaker.

    Real files have `<Who nb="2"/>` in turns listing a single speaker: the
    second voice was never identified, so it is not attributed to anyone.
    """
    raw = (who.get("nb") or "").strip()
    if raw.isdigit() and 1 <= int(raw) <= len(ids):
        return ids[int(raw) - 1]
    return None


def read_trs(data: bytes, path: Path) -> list[ParsedSource]:
    """Read a Transcriber .trs file into one ParsedSource."""
    check_declared_utf8(data, path, "Transcriber file")
    root = parse_xml(data, path, what="Transcriber XML")
    if local_name(root.tag) != "Trans":
        raise InputError(path, f"not a Transcriber file: the root element is "
                         f"<{local_name(root.tag)}>, not <Trans>",
                         "export the transcription again from Transcriber (.trs)")
    lines = element_lines(data, root, {"Turn", "Who", "Sync"})
    speakers = _trs_speakers(root)
    declared = bool(speakers)
    turns: list[RawTurn] = []
    for turn in root.iter():
        if not (isinstance(turn.tag, str) and local_name(turn.tag) == "Turn"):
            continue
        for piece in _read_turn(turn, path, lines):
            chunks = piece.text.finish()
            if not chunks:
                continue
            key = resolve_speaker(piece.speaker, speakers, declared=declared, path=path,
                                  line=piece.line, where="<Speakers>")
            turns.append(RawTurn(key, chunks, piece.start, piece.end, piece.line))
    if not turns:
        raise no_speech_error(path, "Transcriber file")
    return [ParsedSource(format="trs", turns=turns, speakers=speakers, title=path.stem,
                         metadata=_trs_metadata(root))]
