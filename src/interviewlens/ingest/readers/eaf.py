"""ELAN (.eaf) reader.

Speech lives in the top-level tiers (no PARENT_REF); dependent tiers hold
translations, glosses and the like and are ignored. The speaker of a tier is
its PARTICIPANT, else its TIER_ID. All speech annotations are merged, sorted by
start time (ties: tier order, then document order), and consecutive
annotations of the same speaker form one RawTurn whose chunks are the annotations.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from xml.etree.ElementTree import Element

from interviewlens.errors import InputError
from interviewlens.ingest.model import ParsedSource, RawTurn, RoleHint, SpeakerInfo
from interviewlens.ingest.readers.xml_common import (
    check_declared_utf8,
    clean_chunk,
    element_lines,
    no_speech_error,
    speaker_info,
)
from interviewlens.ingest.xmlsafe import local_name, parse_xml

_ANNOTATIONS = {"ALIGNABLE_ANNOTATION", "REF_ANNOTATION"}


@dataclass(frozen=True)
class _Item:
    """One speech annotation, ready to be sorted."""

    order: tuple[float, int, int]  # (estimated start, tier index, position in the tier)
    speaker: str
    text: str
    start: float | None
    end: float | None
    line: int | None


def _name(element: Element) -> str:
    return local_name(element.tag) if isinstance(element.tag, str) else ""


def _children(element: Element, name: str) -> list[Element]:
    return [child for child in element if _name(child) == name]


def _time_slots(root: Element, path: Path, lines: dict[Element, int]
                ) -> tuple[dict[str, float | None], dict[str, float]]:
    """(slot id → seconds or None when unaligned, slot id → estimated seconds for sorting)."""
    real: dict[str, float | None] = {}
    estimate: dict[str, float] = {}
    previous = 0.0
    for order in _children(root, "TIME_ORDER"):
        for slot in _children(order, "TIME_SLOT"):
            key = slot.get("TIME_SLOT_ID", "").strip()
            raw = (slot.get("TIME_VALUE") or "").strip()
            seconds = None
            if raw:
                try:
                    seconds = float(raw) / 1000
                except ValueError:
                    seconds = math.nan
                if not math.isfinite(seconds) or seconds < 0:
                    raise InputError(path, f"time slot {key!r} has a TIME_VALUE that is not a "
                                     f"time in milliseconds: {raw!r}",
                                     "repair the time in ELAN and save again", line=lines.get(slot))
                previous = seconds
            real[key] = seconds
            estimate[key] = previous  # unaligned slots sort with the last aligned one
    return real, estimate


def _alignable_slots(root: Element) -> dict[str, tuple[str, str]]:
    """Annotation id → (slot1, slot2), following REF_ANNOTATION chains to their alignable root."""
    direct: dict[str, tuple[str, str]] = {}
    refs: dict[str, str] = {}
    for element in root.iter():
        name = _name(element)
        key = element.get("ANNOTATION_ID", "")
        if name == "ALIGNABLE_ANNOTATION":
            direct[key] = (element.get("TIME_SLOT_REF1", ""), element.get("TIME_SLOT_REF2", ""))
        elif name == "REF_ANNOTATION":
            refs[key] = element.get("ANNOTATION_REF", "")
    for key in refs:
        seen = {key}
        target = refs[key]
        while target in refs and target not in seen:
            seen.add(target)
            target = refs[target]
        if target in direct:
            direct.setdefault(key, direct[target])
    return direct


def _metadata(root: Element) -> dict[str, str]:
    metadata: dict[str, str] = {}
    for key in ("AUTHOR", "DATE"):
        if (root.get(key) or "").strip():
            metadata["eaf_" + key.lower()] = root.get(key, "").strip()
    for header in _children(root, "HEADER"):
        for media in _children(header, "MEDIA_DESCRIPTOR"):
            url = media.get("MEDIA_URL") or media.get("RELATIVE_MEDIA_URL") or ""
            if url.strip() and "media" not in metadata:
                metadata["media"] = PurePosixPath(url.strip().replace("\\", "/")).name
        for prop in _children(header, "PROPERTY"):
            if (prop.get("NAME") or "").strip() and (prop.text or "").strip():
                metadata[prop.get("NAME", "").strip()] = clean_chunk(prop.text or "")
    return metadata


def _merge(speakers: dict[str, SpeakerInfo], key: str, info: SpeakerInfo) -> None:
    """Register a tier's speaker (interviewer if any of its tiers says so)."""
    known = speakers.get(key)
    if known is None or (info.role_hint is RoleHint.INTERVIEWER
                         and known.role_hint is not RoleHint.INTERVIEWER):
        speakers[key] = info


def read_eaf(data: bytes, path: Path) -> list[ParsedSource]:
    """Read an ELAN .eaf file into one ParsedSource."""
    check_declared_utf8(data, path, "ELAN file")
    root = parse_xml(data, path, what="ELAN XML")
    if _name(root) != "ANNOTATION_DOCUMENT":
        raise InputError(path, f"not an ELAN file: the root element is <{_name(root)}>, "
                         "not <ANNOTATION_DOCUMENT>", "save the annotation again from ELAN (.eaf)")
    lines = element_lines(data, root, _ANNOTATIONS | {"TIME_SLOT", "TIER"})
    real, estimate = _time_slots(root, path, lines)
    slots_of = _alignable_slots(root)
    speakers: dict[str, SpeakerInfo] = {}
    items: list[_Item] = []
    speech_tiers = [t for t in _children(root, "TIER") if not (t.get("PARENT_REF") or "").strip()]
    for tier_index, tier in enumerate(speech_tiers):
        tier_id = (tier.get("TIER_ID") or "").strip()
        key = (tier.get("PARTICIPANT") or "").strip() or tier_id or f"tier{tier_index + 1}"
        position = 0
        for wrapper in _children(tier, "ANNOTATION"):
            for annotation in (a for a in wrapper if _name(a) in _ANNOTATIONS):
                line = lines.get(annotation, lines.get(tier))
                values = _children(annotation, "ANNOTATION_VALUE")
                text = clean_chunk("".join(values[0].itertext())) if values else ""
                ann_id = annotation.get("ANNOTATION_ID", "")
                slot1, slot2 = slots_of.get(ann_id, ("", ""))
                if _name(annotation) == "ALIGNABLE_ANNOTATION":
                    slot1 = annotation.get("TIME_SLOT_REF1", "")
                    slot2 = annotation.get("TIME_SLOT_REF2", "")
                if not slot1 and not slot2:
                    target = annotation.get("ANNOTATION_REF", "")
                    raise InputError(path, f"annotation {ann_id!r} of tier {tier_id!r} refers to "
                                     f"annotation {target!r}, which has no time slots",
                                     "repair the file in ELAN and save again", line=line)
                for slot in (slot1, slot2):
                    if slot not in real:
                        raise InputError(path, f"annotation {ann_id!r} of tier {tier_id!r} refers "
                                         f"to time slot {slot!r}, which TIME_ORDER does not define",
                                         "repair the file in ELAN and save again", line=line)
                if not text:
                    continue
                _merge(speakers, key, speaker_info(key, key, tier_id))
                position += 1
                items.append(_Item((estimate[slot1], tier_index, position), key, text,
                                   real[slot1], real[slot2], line))
    items.sort(key=lambda item: item.order)
    turns: list[RawTurn] = []
    group: list[_Item] = []
    for item in [*items, None]:
        if group and (item is None or item.speaker != group[0].speaker):
            ends = [i.end for i in group if i.end is not None]
            turns.append(RawTurn(group[0].speaker, tuple(i.text for i in group),
                                 group[0].start, max(ends, default=None), group[0].line))
            group = []
        if item is not None:
            group.append(item)
    if not turns:
        raise no_speech_error(path, "ELAN file")
    return [ParsedSource(format="eaf", turns=turns, speakers=speakers, title=path.stem,
                         metadata=_metadata(root))]
