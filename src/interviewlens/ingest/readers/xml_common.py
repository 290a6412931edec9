"""Helpers shared by the XML transcript readers (Transcriber, TEI, ELAN): chunk text,
source line numbers of elements, declared-encoding checks, times and speakers."""

from __future__ import annotations

import math
import re
from pathlib import Path
from xml.etree.ElementTree import Element

from interviewlens.errors import InputError
from interviewlens.ingest.decode import normalise_text
from interviewlens.ingest.model import RoleHint, SpeakerInfo
from interviewlens.ingest.xmlsafe import local_name

UNKNOWN_SPEAKER = "inconnu"


_SPACES = re.compile(r"\s+")
# Regions whose text is not markup: comments, CDATA, processing instructions, DOCTYPE.
_NOT_TAGS = re.compile(
    rb"<!--.*?-->|<!\[CDATA\[.*?\]\]>|<\?.*?\?>|<!DOCTYPE[^\[>]*(?:\[.*?\])?\s*>", re.S
)
_DECLARED_ENCODING = re.compile(rb"""^\s*<\?xml[^>]*?encoding\s*=\s*["']([A-Za-z0-9._-]+)["']""")


def clean_chunk(text: str) -> str:
    """Normalise a piece of speech: NFC, no control characters, single spaces, stripped."""
    return _SPACES.sub(" ", normalise_text(text)).strip()


class ChunkBuilder:
    """Collects text pieces and cuts them into non-empty, cleaned chunks."""

    def __init__(self) -> None:
        self._parts: list[str] = []
        self.chunks: list[str] = []

    def add(self, text: str | None) -> None:
        if text:
            self._parts.append(text)

    def gap(self) -> None:
        """Markup without words sat here: keep the words on either side apart."""
        self._parts.append(" ")

    def cut(self) -> None:
        """A chunk boundary (sync point, pause, anchor…)."""
        chunk = clean_chunk("".join(self._parts))
        self._parts = []
        if chunk:
            self.chunks.append(chunk)

    def finish(self) -> tuple[str, ...]:
        self.cut()
        return tuple(self.chunks)


def element_lines(data: bytes, root: Element, names: set[str]) -> dict[Element, int]:
    """Source line of each element whose local name is in `names`.

    ElementTree keeps no line numbers, so the start tags are found in the raw
    bytes (skipping comments, CDATA and the DOCTYPE) and matched to the parsed
    elements in document order. Returns {} when the two do not line up (for
    instance in a UTF-16 file), so callers simply report no line.
    """
    alternatives = b"|".join(re.escape(name.encode("ascii")) for name in sorted(names))
    tag = re.compile(rb"<(?:[A-Za-z_][\w.-]*:)?(?:" + alternatives + rb")(?=[\s/>])")
    text = _NOT_TAGS.sub(lambda m: b"\n" * m.group(0).count(b"\n"), data)
    lines: list[int] = []
    line, pos = 1, 0
    for match in tag.finditer(text):
        line += text.count(b"\n", pos, match.start())
        pos = match.start()
        lines.append(line)
    elements = [e for e in root.iter() if isinstance(e.tag, str) and local_name(e.tag) in names]
    if len(elements) != len(lines):
        return {}
    return dict(zip(elements, lines, strict=True))


def check_declared_utf8(data: bytes, path: Path | str, what: str) -> None:
    """Refuse, with the line, a file declared (or defaulting to) UTF-8 that is not UTF-8."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return
    declared = _DECLARED_ENCODING.match(data)
    name = declared.group(1).decode("ascii").lower().replace("_", "-") if declared else "utf-8"
    if name not in {"utf-8", "utf8"}:
        return
    try:
        data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        raise InputError(
            path,
            f"{what} declared as UTF-8 contains a byte that is not UTF-8 "
            f"(0x{data[exc.start]:02X}, probably a Latin-1 accent)",
            'convert the file to UTF-8, or declare encoding="ISO-8859-1" in its first line',
            line=line,
        ) from exc


def parse_seconds(value: str | None, path: Path | str, what: str, line: int | None) -> float | None:
    """A time attribute in seconds; None when absent; InputError when not a number."""
    if value is None or not value.strip():
        return None
    try:
        seconds = float(value.strip())
    except ValueError:
        seconds = math.nan
    if not math.isfinite(seconds) or seconds < 0:
        raise InputError(path, f"{what} is not a valid time in seconds: {value.strip()!r}",
                         "correct the time in the transcription tool and export again", line=line)
    return seconds


_ROLE_WORDS = r"enqu[êe]t(?:eur|rice|euse)s?|intervieweu(?:r|se)s?|interviewer"
_ROLE_IN_BRACKETS = re.compile(rf"\s*[(\[]\s*(?:enq|{_ROLE_WORDS})\.?\s*\d*\s*[)\]]", re.I)
_TRAILING_ENQ = re.compile(r"[\s_-]+enq\.?\s*\d*\s*$", re.I)
_LETTER = r"[^\W\d_]"
_ROLE_WORD = re.compile(rf"(?<!{_LETTER})(?:{_ROLE_WORDS}|enq(?=[\s._:-]))(?!{_LETTER})", re.I)
_WHOLE_LABEL = re.compile(r"(?:q|enq|question)[\s._-]*\d*", re.I)


def interviewer_marker(label: str) -> tuple[str, bool]:
    """(`label` without its interviewer marker, whether it had one).

    Recognises `Name (ENQ)`, `(Enq)`, `Name Enq`, `ENQ-Name`, the words
    enquêteur/enquêtrice/interviewer (also in ids like `Interviewer_1`), and bare
    labels such as `Q`, `ENQ` or `Q2`.
    """
    label = label.strip()
    cleaned = _TRAILING_ENQ.sub("", _ROLE_IN_BRACKETS.sub("", label)).strip()
    marked = cleaned != label or bool(_ROLE_WORD.search(label) or _WHOLE_LABEL.fullmatch(label))
    return (cleaned or label), marked


def speaker_info(key: str, name: str | None, *labels: str) -> SpeakerInfo:
    """A SpeakerInfo whose hint comes from the name (or extra labels such as a tier id)."""
    raw = (name or "").strip()
    clean, marked = interviewer_marker(raw) if raw else (key, False)
    marked = marked or any(interviewer_marker(label)[1] for label in labels if label)
    hint = RoleHint.INTERVIEWER if marked else RoleHint.UNKNOWN
    return SpeakerInfo(key=key, name=clean_chunk(clean) or key, role_hint=hint)


def resolve_speaker(key: str | None, speakers: dict[str, SpeakerInfo], *, declared: bool,
                    path: Path | str, line: int | None, where: str) -> str:
    """The speaker key a turn belongs to; adds synthetic speakers when sensible.

    A turn without speaker goes to `inconnu`. A speaker missing from a file that
    declares none is created on the fly; missing from a declared list is an error.
    """
    if not key:
        speakers.setdefault(UNKNOWN_SPEAKER, SpeakerInfo(UNKNOWN_SPEAKER, UNKNOWN_SPEAKER))
        return UNKNOWN_SPEAKER
    if key not in speakers:
        if declared:
            raise InputError(path, f"a turn refers to speaker {key!r}, which {where} "
                             "does not declare",
                             "declare the speaker in the transcription tool, or fix the turn",
                             line=line)
        speakers[key] = SpeakerInfo(key, key)
    return key


def no_speech_error(path: Path | str, what: str) -> InputError:
    return InputError(path, f"no speech found in this {what}",
                      "check that the transcription was saved with its text")
