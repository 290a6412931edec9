"""XML parsing that refuses hostile documents with a clear error.

Every XML parse in interviewlens goes through `parse_xml`: defusedxml refuses
entity declarations (billion laughs), external entities and external DTD
loading; deep nesting and oversized files are refused before they cost memory.
"""

from __future__ import annotations

import re
from pathlib import Path
from xml.etree.ElementTree import Element, ParseError

import defusedxml.ElementTree as SafeET
from defusedxml import DefusedXmlException

from interviewlens.errors import InputError

MAX_XML_BYTES = 200 * 1024 * 1024
MAX_DEPTH = 200


def local_name(tag: str) -> str:
    """`{namespace}name` → `name`."""
    return tag.rsplit("}", 1)[-1]


def _depth_exceeds(data: bytes, limit: int) -> bool:
    depth = 0
    for match in re.finditer(rb"<(/?)[A-Za-z_][^>]*?(/?)>", data):
        closing, selfclosing = match.group(1), match.group(2)
        if closing:
            depth -= 1
        elif not selfclosing:
            depth += 1
            if depth > limit:
                return True
    return False


def parse_xml(data: bytes, path: Path | str, *, what: str = "XML") -> Element:
    """Parse `data` safely and return the root element, or raise `InputError`."""
    if not data.strip():
        raise InputError(path, "the file is empty", "check that the export was saved")
    if len(data) > MAX_XML_BYTES:
        raise InputError(path, f"{what} file larger than {MAX_XML_BYTES // 2**20} MB",
                         "split it into smaller files")
    if _depth_exceeds(data, MAX_DEPTH):
        raise InputError(path, f"{what} nested more than {MAX_DEPTH} levels deep",
                         "this is not a transcript; check the file")
    try:
        return SafeET.fromstring(data, forbid_dtd=False, forbid_entities=True,
                                 forbid_external=True)
    except DefusedXmlException as exc:
        raise InputError(
            path, f"refused unsafe {what}: it declares entities or external references ({exc})",
            "export the transcript again from its tool; never open files of unknown origin",
        ) from exc
    except ParseError as exc:
        line = exc.position[0] if getattr(exc, "position", None) else None
        detail = str(exc).split(":")[0]
        hint = "the file is damaged or not " + what
        if "invalid token" in detail or "not well-formed" in detail:
            hint = "the file is damaged, or its bytes do not match its declared encoding"
        raise InputError(path, f"malformed {what} ({detail})", hint, line=line) from exc
    except (ValueError, LookupError) as exc:  # unknown encoding name, bad declaration
        raise InputError(path, f"cannot read {what} ({exc})",
                         "re-save the file as UTF-8 XML") from exc
    except RecursionError as exc:
        raise InputError(path, f"{what} nested too deeply", "check the file") from exc
