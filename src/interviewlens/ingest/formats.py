"""Which reader handles which file: by extension, else by sniffing the content."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from interviewlens.errors import InputError
from interviewlens.ingest.model import ParsedSource
from interviewlens.ingest.readers.questionnaire import TableOptions

Reader = Callable[[bytes, Path, TableOptions], list[ParsedSource]]

TEXT_EXTENSIONS = {".txt", ".md", ".markdown"}
TABLE_EXTENSIONS = {".csv", ".xlsx"}
KNOWN_EXTENSIONS = TEXT_EXTENSIONS | TABLE_EXTENSIONS | {
    ".docx", ".odt", ".srt", ".vtt", ".trs", ".xml", ".tei", ".eaf", ".qdpx"}


def _sniff_xml(head: bytes) -> str | None:
    sample = head[:4000].lstrip(b"\xef\xbb\xbf \t\r\n")
    if not sample.startswith(b"<"):
        return None
    if b"<Trans" in sample:
        return "trs"
    if b"<TEI" in sample:
        return "tei"
    if b"<ANNOTATION_DOCUMENT" in sample:
        return "eaf"
    return "xml"


def detect_format(path: Path, head: bytes) -> str:
    """Return the format name for `path`, or raise a clear `InputError`."""
    suffix = path.suffix.lower()
    if suffix in TEXT_EXTENSIONS:
        from interviewlens.ingest.readers.reports import CONTRIBUTION

        sample = head[:4000].decode("utf-8", errors="ignore")
        return "reports" if CONTRIBUTION.search(sample) else "text"
    simple = {".docx": "docx", ".odt": "odt", ".srt": "srt", ".vtt": "vtt", ".trs": "trs",
              ".eaf": "eaf", ".csv": "csv", ".xlsx": "xlsx", ".tei": "tei", ".qdpx": "qdpx"}
    if suffix in simple:
        return simple[suffix]
    if suffix == ".xml" or suffix == "":
        sniffed = _sniff_xml(head)
        if sniffed and sniffed != "xml":
            return sniffed
        if sniffed == "xml":
            raise InputError(path, "XML file of an unknown kind",
                             "supported XML: Transcriber (.trs), TEI transcriptions, ELAN (.eaf)")
    raise InputError(
        path, f"unknown file type {suffix or '(no extension)'!r}",
        "supported: .txt .md .docx .odt .srt .vtt .trs .eaf TEI .xml, questionnaires .csv .xlsx,"
        " REFI-QDA projects .qdpx",
    )


def reader_for(fmt: str) -> Reader:
    from interviewlens.ingest.readers import cues, office, questionnaire, reports, text

    def plain(read: Callable[[bytes, Path], list[ParsedSource]]) -> Reader:
        return lambda data, path, _options: read(data, path)

    if fmt in {"trs", "tei", "eaf", "qdpx"}:
        import importlib

        module = importlib.import_module(f"interviewlens.ingest.readers.{fmt}")
        return plain(getattr(module, f"read_{fmt}"))
    readers: dict[str, Reader] = {
        "text": plain(text.read_text),
        "reports": plain(reports.read_reports),
        "docx": plain(office.read_docx),
        "odt": plain(office.read_odt),
        "srt": plain(cues.read_srt),
        "vtt": plain(cues.read_vtt),
        "csv": questionnaire.read_csv,
        "xlsx": questionnaire.read_xlsx,
    }
    return readers[fmt]
