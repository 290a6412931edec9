"""Turning the bytes of a text file into normalised text, or a clear error.

Text transcripts come from word processors (often Windows-1252), speech-to-text
services (UTF-8) and older tools (Latin-1). We accept a file that decodes
consistently in one of those, and refuse a file that mixes encodings, because
silently guessing per line would corrupt accents in the user's data.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path

from interviewlens.errors import InputError

_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
# Bytes 0x80-0x9F that cp1252 leaves undefined.
_CP1252_UNDEFINED = {0x81, 0x8D, 0x8F, 0x90, 0x9D}


@dataclass(frozen=True)
class DecodedText:
    text: str
    encoding: str


def normalise_text(text: str) -> str:
    """NFC, `\\n` line ends, no BOM and no control characters except tab/newline."""
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\ufeff", "")
    text = _CONTROL.sub("", text)
    return unicodedata.normalize("NFC", text)


def _line_of(data: bytes, offset: int) -> int:
    return data.count(b"\n", 0, offset) + 1


def _has_utf8_multibyte(data: bytes) -> bool:
    return re.search(rb"[\xc2-\xf4][\x80-\xbf]", data) is not None


def decode_text(data: bytes, path: Path | str) -> DecodedText:
    """Decode a text file: UTF-8 (with or without BOM), UTF-16 with BOM, else cp1252."""
    if not data.strip():
        raise InputError(path, "the file is empty", "check that the export or transcription was saved")
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return DecodedText(normalise_text(data.decode("utf-16")), "utf-16")
        except UnicodeDecodeError as exc:
            raise InputError(path, "invalid UTF-16 text", "re-save the file as UTF-8") from exc
    if b"\x00" in data:
        line = _line_of(data, data.index(b"\x00"))
        raise InputError(
            path, "this is not a text file (it contains NUL bytes)",
            "export the transcript as .txt, .docx or .odt", line=line,
        )
    try:
        return DecodedText(normalise_text(data.decode("utf-8-sig")), "utf-8")
    except UnicodeDecodeError as exc:
        bad_offset = exc.start
    if _has_utf8_multibyte(data):
        byte = data[bad_offset]
        raise InputError(
            path,
            f"mixed text encodings: the file is mostly UTF-8 but byte 0x{byte:02X} is not",
            "open it in a text editor and save it again as UTF-8",
            line=_line_of(data, bad_offset),
        )
    if any(b in _CP1252_UNDEFINED for b in data):
        return DecodedText(normalise_text(data.decode("latin-1")), "latin-1")
    return DecodedText(normalise_text(data.decode("cp1252")), "cp1252")
