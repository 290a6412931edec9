"""Writing a comparison into a folder: CSV tables, one XLSX workbook, the report in Markdown
(with its PNG charts in `graphiques/`) and in one self-contained HTML file."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from interviewlens.errors import InputError

if TYPE_CHECKING:
    from interviewlens.compare.api import Comparison

FORMATS = ("csv", "xlsx", "md", "html")
REPORT = "rapport-comparaison"


def prepare_folder(output: Path | str) -> Path:
    """The output folder, created if needed (one clear error if it cannot be)."""
    folder = Path(output)
    if folder.exists() and not folder.is_dir():
        raise InputError(folder, "exists and is not a folder", "give a folder name with -o")
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise InputError(folder, f"cannot create the output folder ({exc.strerror})",
                         "choose another folder with -o") from exc
    return folder


def write_outputs(comparison: Comparison, output: Path | str, *,
                  formats: tuple[str, ...] = FORMATS) -> list[Path]:
    """Write every requested format; return the files written."""
    from interviewlens.compare import report
    from interviewlens.compare.tables import named_tables, write_csv, write_xlsx

    unknown = set(formats) - set(FORMATS)
    if unknown:
        raise InputError("formats", f"unknown format(s) {', '.join(sorted(unknown))}",
                         "use " + ", ".join(FORMATS))
    folder = prepare_folder(output)
    written: list[Path] = []
    tables = named_tables(comparison)
    if "csv" in formats:
        written += write_csv(tables, folder)
    if "xlsx" in formats and tables:
        written.append(write_xlsx(tables, folder / "comparaison.xlsx"))
    if "md" in formats or "html" in formats:
        blocks = report.build(comparison)
        title = blocks[0].text
        if "md" in formats:
            images = folder / "graphiques"
            images.mkdir(exist_ok=True)
            for block in blocks:
                if isinstance(block, report.Image):
                    path = images / f"{block.name}.png"
                    path.write_bytes(block.png)
                    written.append(path)
            path = folder / f"{REPORT}.md"
            path.write_text(report.to_markdown(blocks), encoding="utf-8")
            written.append(path)
        if "html" in formats:
            path = folder / f"{REPORT}.html"
            path.write_text(report.to_html(blocks, title), encoding="utf-8")
            written.append(path)
    return written
