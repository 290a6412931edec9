"""Exports: tables (csv, xlsx, json), the diagnostic report (md, html, docx), REFI-QDA
(qdpx, qdc) and Iramuteq. One module per format; `export_project` dispatches."""

from __future__ import annotations

import os
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from interviewlens.errors import InputError
from interviewlens.export.data import ExportData, ExportOptions

FORMATS = ("csv", "xlsx", "json", "md", "html", "docx", "qdpx", "qdc", "iramuteq")
SUFFIX = {"xlsx": ".xlsx", "json": ".json", "md": ".md", "html": ".html", "docx": ".docx",
          "qdpx": ".qdpx", "qdc": ".qdc", "iramuteq": ".txt"}

__all__ = ["FORMATS", "ExportOptions", "ExportResult", "export_project"]


@dataclass
class ExportResult:
    format: str
    written: list[Path]
    data: ExportData


def _writer(fmt: str) -> Callable[[ExportData, Path], list[Path]]:
    if fmt == "csv":
        from interviewlens.export.tables import write_csv
        return write_csv
    if fmt == "xlsx":
        from interviewlens.export.tables import write_xlsx
        return write_xlsx
    if fmt == "json":
        from interviewlens.export.tables import write_json
        return write_json
    if fmt in {"md", "html", "docx"}:
        from interviewlens.export.report import build_report

        def report(data: ExportData, output: Path) -> list[Path]:
            doc = build_report(data)
            if fmt == "md":
                from interviewlens.export.report_md import write_markdown
                return write_markdown(doc, output)
            if fmt == "html":
                from interviewlens.export.report_html import write_html
                return write_html(doc, output)
            from interviewlens.export.report_docx import write_docx
            return write_docx(doc, output)
        return report
    if fmt == "qdpx":
        from interviewlens.export.refi_qda import write_qdpx
        return write_qdpx
    if fmt == "qdc":
        from interviewlens.export.refi_qda import write_qdc
        return write_qdc
    from interviewlens.export.iramuteq import write_iramuteq
    return write_iramuteq


def check_request(fmt: str, output: Path) -> str:
    """Refuse a bad format or output before the project is opened."""
    fmt = fmt.strip().lower().lstrip(".")
    if fmt in {"markdown"}:
        fmt = "md"
    if fmt not in FORMATS:
        raise InputError("--format", f"unknown export format {fmt!r}",
                         "choose one of: " + ", ".join(FORMATS))
    parent = output.parent if str(output.parent) else Path(".")
    if not parent.is_dir():
        raise InputError(output, f"folder {parent} does not exist", "create it first")
    if fmt == "csv" and output.exists() and not output.is_dir():
        raise InputError(output, "csv export writes a folder of tables, and this is a file",
                         "give a folder name, e.g. -o tableaux")
    if fmt != "csv" and output.is_dir():
        raise InputError(output, "is a folder", f"give a file name, e.g. -o rapport{SUFFIX[fmt]}")
    return fmt


_DEFAULTS = ExportOptions()


def export_project(project: Path, fmt: str, output: Path,
                   options: ExportOptions = _DEFAULTS) -> ExportResult:
    """Write `project` as `fmt` to `output` (a folder for csv)."""
    from interviewlens.export.data import load_export_data
    from interviewlens.store import connect_project

    fmt = check_request(fmt, output)
    db = connect_project(project)
    try:
        if options.coder is not None:
            known = [r[0] for r in db.execute(
                "SELECT DISTINCT coder FROM decision WHERE coder IS NOT NULL ORDER BY coder")]
            if options.coder not in known:
                raise InputError("--coder", f"no codes by {options.coder!r} in {project.name}",
                                 "coders in this project: " + (", ".join(known) or "none yet"))
        data = load_export_data(project, db, options)
    finally:
        db.close()
    writer = _writer(fmt)
    if fmt == "csv" or fmt == "md":
        return ExportResult(fmt, writer(data, output), data)
    # Single files: write aside, then move into place, so a failure leaves no half file.
    handle, temporary = tempfile.mkstemp(prefix=".interviewlens-", suffix=output.suffix,
                                         dir=output.parent if str(output.parent) else ".")
    os.close(handle)
    try:
        writer(data, Path(temporary))
        umask = os.umask(0)
        os.umask(umask)
        os.chmod(temporary, 0o666 & ~umask)
        os.replace(temporary, output)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
    return ExportResult(fmt, [output], data)
