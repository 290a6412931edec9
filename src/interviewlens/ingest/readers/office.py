"""Word (.docx) and OpenDocument (.odt) transcripts: paragraphs → labelled lines."""

from __future__ import annotations

from pathlib import Path
from xml.etree.ElementTree import Element

from interviewlens.errors import InputError
from interviewlens.ingest.decode import normalise_text
from interviewlens.ingest.model import ParsedSource
from interviewlens.ingest.readers.text import parse_labelled_lines
from interviewlens.ingest.xmlsafe import local_name, parse_xml
from interviewlens.ingest.zipsafe import open_zip, read_member

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_TEXT_NS = "{urn:oasis:names:tc:opendocument:xmlns:text:1.0}"
MAX_SPACES = 1000


def _docx_paragraph_text(paragraph: Element) -> str:
    parts: list[str] = []
    for node in paragraph.iter():
        tag = node.tag
        if tag == f"{_W}t" and node.text:
            parts.append(node.text)
        elif tag == f"{_W}tab":
            parts.append("\t")
        elif tag in (f"{_W}br", f"{_W}cr"):
            parts.append("\n")
    return "".join(parts)


def _paragraph_lines(paragraphs: list[str]) -> list[str]:
    """Each paragraph becomes its own block, separated by a blank line."""
    lines: list[str] = []
    for paragraph in paragraphs:
        text = normalise_text(paragraph)
        if not text.strip():
            continue
        lines.extend(text.split("\n"))
        lines.append("")
    return lines


def read_docx(data: bytes, path: Path) -> list[ParsedSource]:
    archive = open_zip(data, path, what=".docx")
    root = parse_xml(read_member(archive, "word/document.xml", path, what=".docx"), path,
                     what="Word XML")
    paragraphs = [_docx_paragraph_text(p) for p in root.iter(f"{_W}p")]
    lines = _paragraph_lines(paragraphs)
    if not lines:
        raise InputError(path, "the document has no text", "check that it is the right file")
    return [parse_labelled_lines(lines, path, fmt="docx", line_numbers=None)]


def _odt_text(node: Element, parts: list[str]) -> None:
    name = local_name(node.tag)
    if name == "s":
        # A run of spaces; the count is clamped (a hostile file could ask for 10^12).
        parts.append(" " * max(0, min(int(node.get(f"{_TEXT_NS}c", "1") or 1), MAX_SPACES)))
    elif name == "tab":
        parts.append("\t")
    elif name == "line-break":
        parts.append("\n")
    elif name in {"note", "annotation"}:
        pass  # footnotes and comments are not speech
    else:
        if node.text:
            parts.append(node.text)
        for child in node:
            _odt_text(child, parts)
            if child.tail:
                parts.append(child.tail)
        return


def read_odt(data: bytes, path: Path) -> list[ParsedSource]:
    archive = open_zip(data, path, what=".odt")
    root = parse_xml(read_member(archive, "content.xml", path, what=".odt"), path,
                     what="OpenDocument XML")
    paragraphs: list[str] = []
    for node in root.iter():
        if node.tag in (f"{_TEXT_NS}p", f"{_TEXT_NS}h"):
            parts: list[str] = []
            try:
                _odt_text(node, parts)
            except ValueError as exc:
                raise InputError(path, f"damaged OpenDocument text ({exc})",
                                 "save it again as .odt") from exc
            paragraphs.append("".join(parts))
    lines = _paragraph_lines(paragraphs)
    if not lines:
        raise InputError(path, "the document has no text", "check that it is the right file")
    return [parse_labelled_lines(lines, path, fmt="odt")]
