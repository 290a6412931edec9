"""TEI speech-transcription reader (CFPP2000 style, also TEI_CORPO output).

Speakers come from `particDesc/person` (`code`/`name` attributes, or the
TEI_CORPO layout `altGrp/alt@type` + `persName`). Turns are `annotatedU`,
`annotationGrp` or `annotationBlock` elements (`wh`/`who`, `start`/`end`
pointing into the `<timeline>`), each holding `<u>` elements; plain `<u who>`
elements outside them are read too. `<anchor>`, `<pause/>` and separate `<seg>`
elements cut chunks; `<incident>`, `<desc>`, `<spanGrp>` and `<link>` are not speech.
"""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path
from xml.etree.ElementTree import Element

from interviewlens.errors import InputError
from interviewlens.ingest.model import ParsedSource, RawTurn, SpeakerInfo
from interviewlens.ingest.readers.xml_common import (
    ChunkBuilder,
    check_declared_utf8,
    clean_chunk,
    element_lines,
    no_speech_error,
    parse_seconds,
    resolve_speaker,
    speaker_info,
)
from interviewlens.ingest.xmlsafe import local_name, parse_xml

_XML_ID = "{http://www.w3.org/XML/1998/namespace}id"
_TURNS = {"annotatedU", "annotationGrp", "annotationBlock"}
_CUTS = {"anchor", "pause", "lb", "seg", "p"}
_NOT_SPEECH = {"incident", "desc", "spanGrp", "span", "link", "note", "kinesic", "vocal",
               "gap", "event", "comment", "label"}
_MONTHS = {m: i for i, m in enumerate(
    "JAN FEB MAR APR MAY JUN JUL AUG SEP OCT NOV DEC".split(), start=1)}
_MONTHS.update({"FEV": 2, "AVR": 4, "MAI": 5, "JUIN": 6, "JUIL": 7, "AOU": 8,
                "SEPT": 9, "DEC": 12})


def _name(element: Element) -> str:
    return local_name(element.tag) if isinstance(element.tag, str) else ""


def _find_all(root: Element, name: str) -> list[Element]:
    return [e for e in root.iter() if _name(e) == name]


def _text(element: Element | None) -> str:
    return clean_chunk("".join(element.itertext())) if element is not None else ""


def _iso_date(raw: str) -> str | None:
    """`18-JUL-2008`, `2008-07-18` or `18/07/2008` → `2008-07-18`; else None."""
    raw = raw.strip().upper()
    match = re.fullmatch(r"(\d{1,2})[- ]([A-ZÉÛ]{3,4})\.?[- ](\d{4})", raw)
    try:
        if match and match.group(2) in _MONTHS:
            day, month, year = int(match.group(1)), _MONTHS[match.group(2)], int(match.group(3))
        elif match := re.fullmatch(r"(\d{4})-(\d{2})-(\d{2})", raw):
            year, month, day = (int(g) for g in match.groups())
        elif match := re.fullmatch(r"(\d{1,2})/(\d{1,2})/(\d{4})", raw):
            day, month, year = (int(g) for g in match.groups())
        else:
            return None
        return date(year, month, day).isoformat()
    except ValueError:  # 00-XXX-0000, 31-FEB-2008…
        return None


def _speakers(root: Element) -> dict[str, SpeakerInfo]:
    speakers: dict[str, SpeakerInfo] = {}
    for person in _find_all(root, "person"):
        alts = [a.get("type", "") for a in person.iter() if _name(a) == "alt"]
        key = (person.get("code") or person.get(_XML_ID) or next(iter(alts), "")).strip()
        if not key:
            continue
        pers_names = [e for e in person.iter() if _name(e) == "persName"]
        name = person.get("name") or (_text(pers_names[0]) if pers_names else "")
        speakers[key] = speaker_info(key, name)
    return speakers


def _metadata(root: Element) -> tuple[str, str | None, dict[str, str]]:
    """(title, ISO date, metadata) from the teiHeader."""
    header = next(iter(_find_all(root, "teiHeader")), root)
    metadata: dict[str, str] = {}
    titles = [t for t in _find_all(header, "title") if _text(t)]
    title = _text(titles[0]) if titles else ""
    iso = None
    for recording_date in (d for d in _find_all(header, "date") if _text(d) or d.get("when")):
        raw = _text(recording_date) or recording_date.get("when", "")
        metadata["recording_date"] = raw
        iso = _iso_date(recording_date.get("when", "")) or _iso_date(raw)
        if recording_date.get("dur"):
            metadata["duration_s"] = recording_date.get("dur", "")
        break
    for note in _find_all(header, "note"):
        if note.get("type") == "scribe" and _text(note):
            metadata["scribe"] = _text(note)
    for media in _find_all(header, "media"):
        file_name = media.get("mediaName") or media.get("url") or media.get("mediaLocation")
        if file_name:
            metadata["media"] = file_name.strip()
            break
    topics = [_text(a) for a in _find_all(header, "activity") if _text(a)]
    if topics:
        metadata["topics"] = "; ".join(topics)
    return title, iso, metadata


_CLOCK = re.compile(
    r"(?:\d{4}-\d{2}-\d{2}[T ])?((?:\d+:){0,2}\d+(?:\.\d+)?)(?:Z|[+-]\d{2}:?\d{2})?")


def _absolute(raw: str, path: Path, line: int | None) -> float:
    """`00:01:02.5`, `62.5` or an ISO date-time → seconds (of the day for date-times)."""
    match = _CLOCK.fullmatch(raw.strip())
    if not match:
        raise InputError(path, f"timeline absolute time is not a time: {raw.strip()!r}",
                         "repair the <timeline> of the file", line=line)
    seconds = 0.0
    for part in match.group(1).split(":"):
        seconds = seconds * 60 + float(part)
    return seconds


def _timeline(root: Element, path: Path, lines: dict[Element, int]) -> dict[str, float]:
    """`xml:id` → seconds for every `<when>` (absolute, or `interval` after `since`)."""
    whens = {w.get(_XML_ID, ""): w for w in _find_all(root, "when") if w.get(_XML_ID)}
    times: dict[str, float] = {}
    for first in whens:
        chain: list[str] = []  # points whose time depends on the next one in the chain
        key = first
        while key not in times:
            when = whens[key]
            line = lines.get(when)
            if when.get("absolute") is not None:
                times[key] = _absolute(when.get("absolute", ""), path, line)
                break
            since = (when.get("since") or "").strip().lstrip("#")
            if since not in whens or since in chain or since == key:
                raise InputError(path, f"timeline point {key!r} is relative to unknown point "
                                 f"{since!r}", "repair the <timeline> of the file", line=line)
            chain.append(key)
            key = since
        for key in reversed(chain):
            when = whens[key]
            interval = parse_seconds(when.get("interval"), path, "timeline interval",
                                     lines.get(when)) or 0.0
            times[key] = times[(when.get("since") or "").strip().lstrip("#")] + interval
    return times


def _time(ref: str | None, times: dict[str, float], path: Path, line: int | None) -> float | None:
    if not ref or not ref.strip():
        return None
    key = ref.strip().lstrip("#")
    if key not in times:
        raise InputError(path, f"time reference {ref.strip()!r} is not in the <timeline>",
                         "repair the file's timeline or the turn's start/end", line=line)
    return times[key]


def _collect(element: Element, text: ChunkBuilder) -> None:
    """Add the speech inside `element` (its text and its children's tails) to `text`."""
    text.add(element.text)
    for child in element:
        name = _name(child)
        if name in _CUTS:
            text.cut()
            if name in {"seg", "p"}:
                _collect(child, text)
                text.cut()
        elif name in _NOT_SPEECH or not name:
            text.gap()
        else:  # inline markup around words (w, hi, unclear, foreign…)
            _collect(child, text)
        text.add(child.tail)


def _utterances(turn: Element) -> list[Element]:
    if _name(turn) == "u":
        return [turn]
    return [u for u in turn.iter() if _name(u) == "u"]


def _turn_elements(root: Element) -> list[Element]:
    """Turn elements in document order: annotation wrappers, else free-standing <u>."""
    result: list[Element] = []

    def walk(element: Element) -> None:
        for child in element:
            name = _name(child)
            if name in _TURNS or (name == "u" and (child.get("who") or child.get("wh"))):
                result.append(child)
            elif name not in {"teiHeader", "timeline", "spanGrp"}:
                walk(child)

    walk(root)
    return result


def read_tei(data: bytes, path: Path) -> list[ParsedSource]:
    """Read a TEI speech transcription into one ParsedSource."""
    check_declared_utf8(data, path, "TEI file")
    root = parse_xml(data, path, what="TEI XML")
    if _name(root) != "TEI":
        raise InputError(path, f"not a TEI transcription: the root element is <{_name(root)}>, "
                         "not <TEI>", "give one TEI file per interview")
    lines = element_lines(data, root, _TURNS | {"u", "when"})
    speakers = _speakers(root)
    declared = bool(speakers)
    times = _timeline(root, path, lines)
    title, iso_date, metadata = _metadata(root)
    turns: list[RawTurn] = []
    for turn in _turn_elements(root):
        line = lines.get(turn)
        text = ChunkBuilder()
        for utterance in _utterances(turn):
            _collect(utterance, text)
            text.cut()
        chunks = text.finish()
        if not chunks:
            continue
        who = (turn.get("wh") or turn.get("who") or "").split()
        key = resolve_speaker(who[0].lstrip("#") if who else None, speakers, declared=declared,
                              path=path, line=line, where="<particDesc>")
        start = _time(turn.get("start"), times, path, line)
        end = _time(turn.get("end"), times, path, line)
        turns.append(RawTurn(key, chunks, start, end, line))
    if not turns:
        raise no_speech_error(path, "TEI file")
    return [ParsedSource(format="tei", turns=turns, speakers=speakers, title=title or path.stem,
                         date=iso_date, metadata=metadata)]
