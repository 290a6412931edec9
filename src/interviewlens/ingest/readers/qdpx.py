"""REFI-QDA projects (`.qdpx`): text sources and their coded selections.

Works for interviewlens' own exports and for other tools' (NVivo, ATLAS.ti, MAXQDA,
QualCoder, Taguette). Selection offsets count Unicode code points over the source's
plain text as stored; the text is then normalised (NFC, `\\n` line ends) and the offsets
follow. Each paragraph opening with `Name : ` is a speaker turn (the layout of our own
exports); other paragraphs continue the current turn. Coded selections become segments
(gaps are segmented as usual), SWOT codes become decisions by the user who coded them,
other codes are kept as memos; our own topic codes are skipped (`analyse` recomputes them).
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path
from xml.etree.ElementTree import Element

from interviewlens.domain import Label, strip_accents
from interviewlens.errors import InputError
from interviewlens.ingest.model import ImportedCoding, ParsedSource, RawTurn, RoleHint, SpeakerInfo
from interviewlens.ingest.segment import segment_turn
from interviewlens.ingest.xmlsafe import local_name, parse_xml
from interviewlens.ingest.zipsafe import open_zip, read_member

MODEL_PREFIX = "interviewlens — modèle"
VALIDATION_SUFFIX = " (validation)"
TOPICS_PARENT = "Thèmes"
DEFAULT_SPEAKER = "Texte"
_LABEL = re.compile(r"(?P<label>[A-ZÀ-Ý0-9][^\n:.?!;]{0,79}?) ?: ")
_PARAGRAPH = re.compile(r"(?:[^\n]|\n(?![ \t]*\n))+")
_ROLE_HINTS = {"enqueteur": RoleHint.INTERVIEWER, "enqueteuse": RoleHint.INTERVIEWER,
               "enquetrice": RoleHint.INTERVIEWER, "interviewer": RoleHint.INTERVIEWER,
               "personne interrogee": RoleHint.INTERVIEWEE, "interviewee": RoleHint.INTERVIEWEE}
_LABELS = {
    Label.FORCE: {"force", "forces", "force / atout", "forces / atouts", "atout", "atouts",
                  "strength", "strengths"},
    Label.FAIBLESSE: {"faiblesse", "faiblesses", "faiblesse / limite", "faiblesses / limites",
                      "limite", "limites", "weakness", "weaknesses"},
    Label.OPPORTUNITE: {"opportunite", "opportunites", "opportunity", "opportunities"},
    Label.VIGILANCE: {"vigilance", "point de vigilance", "points de vigilance", "menace",
                      "menaces", "threat", "threats", "risque", "risques"},
    Label.AUCUN: {"aucun"},
}
_LABEL_OF = {name: label for label, names in _LABELS.items() for name in names}


def label_for_code(name: str) -> Label | None:
    return _LABEL_OF.get(" ".join(strip_accents(name).lower().split()))


@dataclass
class _Code:
    name: str
    parent: str | None


@dataclass
class _Selection:
    start: int
    end: int
    codings: list[tuple[str, str | None, str | None]]  # (code guid, user guid, created)


@dataclass
class _Turn:
    speaker: str
    chunks: list[tuple[int, str]] = field(default_factory=list)  # (offset in text, chunk)

    @property
    def speech_offsets(self) -> list[int]:
        """Start of each chunk inside `" ".join(chunks)`."""
        offsets, position = [], 0
        for _, chunk in self.chunks:
            offsets.append(position)
            position += len(chunk) + 1
        return offsets

    def to_speech(self, offset: int) -> int | None:
        """Text offset → offset in the joined speech (None when outside the turn)."""
        for (start, chunk), rel in zip(self.chunks, self.speech_offsets):
            if start <= offset <= start + len(chunk):
                return rel + offset - start
        return None


def normalise(text: str) -> tuple[str, list[int]]:
    """NFC with `\\n` line ends, and where each original offset (0…len) lands."""
    text = text.removeprefix("\ufeff")
    pieces: list[tuple[int, str]] = []  # (original start, original piece)
    i = 0
    while i < len(text):
        j = i + 1
        if text[i] == "\r":
            j = i + 2 if text[i + 1:i + 2] == "\n" else i + 1
        else:
            while j < len(text) and unicodedata.combining(text[j]):
                j += 1
        pieces.append((i, text[i:j]))
        i = j
    mapping = [0] * (len(text) + 1)
    out: list[str] = []
    position = 0
    for start, piece in pieces:
        new = "\n" if piece.startswith("\r") else unicodedata.normalize("NFC", piece)
        for k in range(len(piece)):
            mapping[start + k] = position
        out.append(new)
        position += len(new)
    mapping[len(text)] = position
    return "".join(out), mapping


def _turns(text: str) -> list[_Turn]:
    turns: list[_Turn] = []
    for match in _PARAGRAPH.finditer(text):
        paragraph = match.group()
        offset = match.start()
        stripped = paragraph.lstrip()
        offset += len(paragraph) - len(stripped)
        label = _LABEL.match(stripped)
        speaker = turns[-1].speaker if turns else DEFAULT_SPEAKER
        if label:
            speaker = label.group("label").strip()
            offset += label.end()
            stripped = stripped[label.end():]
        body = stripped.rstrip()
        if not body:
            continue
        if label or not turns:
            turns.append(_Turn(speaker))
        turns[-1].chunks.append((offset, body))
    return turns


def _codes(root: Element) -> dict[str, _Code]:
    codes: dict[str, _Code] = {}

    def walk(element: Element, parent: str | None) -> None:
        for child in element:
            if local_name(child.tag) == "Code":
                codes[child.get("guid", "")] = _Code(child.get("name", ""), parent)
                walk(child, child.get("name", ""))
            elif local_name(child.tag) == "Codes":
                walk(child, parent)

    for element in root.iter():
        if local_name(element.tag) == "CodeBook":
            walk(element, None)
    return codes


def _variables(root: Element) -> dict[str, str]:
    return {v.get("guid", ""): v.get("name", "") for v in root.iter()
            if local_name(v.tag) == "Variable"}


def _values(element: Element, variables: dict[str, str]) -> dict[str, str]:
    values = {}
    for value in element:
        if local_name(value.tag) != "VariableValue":
            continue
        ref = next((c.get("targetGUID") for c in value if local_name(c.tag) == "VariableRef"), None)
        text = next((c.text for c in value if local_name(c.tag) != "VariableRef"), None)
        if ref in variables and text:
            values[strip_accents(variables[ref]).lower()] = text.strip()
    return values


def _role_hints(root: Element, variables: dict[str, str]) -> dict[str, RoleHint]:
    hints = {}
    for case in root.iter():
        if local_name(case.tag) == "Case":
            role = _values(case, variables).get("role", "")
            hint = _ROLE_HINTS.get(strip_accents(role).lower())
            if hint and case.get("name"):
                hints[case.get("name")] = hint
    return hints


def _source_text(source: Element, archive, path: Path) -> str:
    for child in source:
        if local_name(child.tag) == "PlainTextContent":
            return child.text or ""
    location = source.get("plainTextPath")
    if not location:
        raise InputError(path, f"source {source.get('name')!r} has no plain text",
                         "export the project again with its sources")
    member = location.removeprefix("internal://").lstrip("/")
    names = set(archive.namelist())
    for candidate in (f"sources/{member}", member, f"Sources/{member}"):
        if candidate in names:
            data = read_member(archive, candidate, path, what="REFI-QDA")
            try:
                return data.decode("utf-8")
            except UnicodeDecodeError:
                raise InputError(path, f"source {member} is not UTF-8 text",
                                 "REFI-QDA plain texts must be UTF-8") from None
    raise InputError(path, f"source text {member} is missing from the archive",
                     "export the project again with its sources")


def _selections(source: Element) -> list[_Selection]:
    found = []
    for selection in source:
        if local_name(selection.tag) != "PlainTextSelection":
            continue
        try:
            start, end = int(selection.get("startPosition", "")), int(selection.get("endPosition", ""))
        except ValueError:
            continue
        codings = []
        for coding in selection:
            if local_name(coding.tag) != "Coding":
                continue
            ref = next((c.get("targetGUID") for c in coding if local_name(c.tag) == "CodeRef"), None)
            if ref:
                codings.append((ref, coding.get("creatingUser") or selection.get("creatingUser"),
                                coding.get("creationDateTime") or selection.get("creationDateTime")))
        if codings and end > start:
            found.append(_Selection(start, end, codings))
    return sorted(found, key=lambda s: (s.start, s.end))


def _coding(code: _Code, user: str | None, created: str | None,
            turn: int, span: tuple[int, int]) -> ImportedCoding | None:
    if code.parent == TOPICS_PARENT:
        return None
    label = label_for_code(code.name)
    source, coder, validated, version = "human", user, False, None
    if user and user.startswith(MODEL_PREFIX):
        source, coder, version = "model", None, user[len(MODEL_PREFIX):].strip() or None
    elif user and user.endswith(VALIDATION_SUFFIX):
        coder, validated = user[: -len(VALIDATION_SUFFIX)], True
    return ImportedCoding(turn, span[0], span[1], label.value if label else None, code.name,
                          coder, source, validated, created, version)


def _place(turns: list[_Turn], start: int, end: int) -> list[tuple[int, int, int]]:
    """Split a text span into (turn index, speech start, speech end) pieces."""
    pieces = []
    for index, turn in enumerate(turns):
        first, last = turn.chunks[0][0], turn.chunks[-1][0] + len(turn.chunks[-1][1])
        a, b = max(start, first), min(end, last)
        if a >= b:
            continue
        rel_a = next(r for r in (turn.to_speech(x) for x in range(a, b)) if r is not None)
        rel_b = next(r for r in (turn.to_speech(x) for x in range(b, a, -1)) if r is not None)
        if rel_b > rel_a:
            pieces.append((index, rel_a, rel_b))
    return pieces


def _segments(speech: str, forced: list[tuple[int, int]]) -> tuple[tuple[int, int], ...]:
    """Coded spans as they are; the text between them segmented as usual."""
    spans: list[tuple[int, int]] = []
    position = 0
    for a, b in forced:
        if a > position:
            spans += [(position + x, position + y) for x, y in segment_turn(speech[position:a])]
        spans.append((a, b))
        position = b
    spans += [(position + x, position + y) for x, y in segment_turn(speech[position:])]
    return tuple(spans)


def read_qdpx(data: bytes, path: Path) -> list[ParsedSource]:
    archive = open_zip(data, path, what="REFI-QDA (.qdpx)")
    root = parse_xml(read_member(archive, "project.qde", path, what="REFI-QDA (.qdpx)"), path,
                     what="REFI-QDA project")
    if local_name(root.tag) != "Project":
        raise InputError(path, "project.qde is not a REFI-QDA project", "export it again")
    users = {u.get("guid"): u.get("name") or u.get("guid") for u in root.iter()
             if local_name(u.tag) == "User"}
    codes = _codes(root)
    variables = _variables(root)
    hints = _role_hints(root, variables)
    sources: list[ParsedSource] = []
    for element in root.iter():
        if local_name(element.tag) != "TextSource" or element.get("plainTextPath") is None \
                and not any(local_name(c.tag) == "PlainTextContent" for c in element):
            continue
        raw = _source_text(element, archive, path)
        text, mapping = normalise(raw)
        turns = _turns(text)
        if not turns:
            continue
        values = _values(element, variables)
        forced: dict[int, list[tuple[int, int]]] = {}
        codings: list[ImportedCoding] = []
        for selection in _selections(element):
            if selection.end > len(raw):
                continue
            for turn, a, b in _place(turns, mapping[selection.start], mapping[selection.end]):
                spans = forced.setdefault(turn, [])
                overlap = [s for s in spans if s[0] < b and a < s[1]]
                span = max(overlap, key=lambda s: min(b, s[1]) - max(a, s[0])) if overlap else (a, b)
                if not overlap:
                    spans.append(span)
                for ref, user, created in selection.codings:
                    if ref in codes:
                        coding = _coding(codes[ref], users.get(user), created, turn, span)
                        if coding:
                            codings.append(coding)
        raw_turns = []
        for index, turn in enumerate(turns):
            speech = " ".join(chunk for _, chunk in turn.chunks)
            spans = sorted(forced.get(index, []))
            raw_turns.append(RawTurn(turn.speaker, tuple(c for _, c in turn.chunks),
                                     segments=_segments(speech, spans) if spans else None))
        speakers = {t.speaker: SpeakerInfo(t.speaker, t.speaker,
                                           hints.get(t.speaker, RoleHint.UNKNOWN))
                    for t in turns}
        title = re.sub(r"^[EQ]\d+ — ", "", element.get("name") or "") or path.stem
        sources.append(ParsedSource(
            format="qdpx", turns=raw_turns, speakers=speakers, title=title,
            date=values.get("date"), commune=values.get("commune"),
            metadata={"qdpx_source": element.get("name") or "",
                      "origin": root.get("origin") or ""},
            ordinal=len(sources), codings=codings))
    if not sources:
        raise InputError(path, "no text source in this REFI-QDA project",
                         "only text sources are imported (not PDF, pictures, audio or video)")
    return sources
