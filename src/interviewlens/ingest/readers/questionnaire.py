"""Questionnaire exports (CSV, XLSX): each respondent becomes one source.

Each chosen open-ended column becomes a question (an interviewer turn, shown as
context) followed by the respondent's answer (an interviewee turn). The other
columns are kept as the respondent's metadata.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass, field
from pathlib import Path

from interviewlens.errors import InputError
from interviewlens.ingest.decode import decode_text, normalise_text
from interviewlens.ingest.model import ParsedSource, RawTurn, RoleHint, SpeakerInfo
from interviewlens.ingest.zipsafe import open_zip

QUESTION_SPEAKER = "Questionnaire"
RESPONDENT_SPEAKER = "Répondant"
MAX_ROWS = 200_000
MAX_CELLS = 5_000_000


@dataclass(frozen=True)
class TableOptions:
    text_columns: tuple[str, ...] = ()
    id_column: str | None = None
    commune_column: str | None = None
    sheet: str | None = None


@dataclass
class Table:
    header: list[str]
    rows: list[list[str]]
    #: 1-based line (CSV) or row number (XLSX) of each data row
    row_numbers: list[int] = field(default_factory=list)


def _read_csv(data: bytes, path: Path) -> Table:
    text = decode_text(data, path).text
    sample = text[:20_000]
    try:
        dialect = csv.Sniffer().sniff(sample, delimiters=",;\t|")
        delimiter = dialect.delimiter
    except csv.Error:
        delimiter = ";" if sample.count(";") > sample.count(",") else ","
    reader = csv.reader(io.StringIO(text), delimiter=delimiter)
    try:
        header = next(reader)
    except StopIteration:
        raise InputError(path, "the CSV file has no header row", "export it with column names") from None
    except csv.Error as exc:
        raise InputError(path, f"unreadable CSV ({exc})", "export it again as CSV", line=1) from exc
    rows, numbers = [], []
    try:
        for row in reader:
            if len(rows) >= MAX_ROWS:
                raise InputError(path, f"more than {MAX_ROWS} rows", "split the file")
            rows.append(row)
            numbers.append(reader.line_num)
    except csv.Error as exc:
        raise InputError(path, f"unreadable CSV ({exc})", "check quotes in that row",
                         line=reader.line_num) from exc
    return Table([h.strip() for h in header], rows, numbers)


def _read_xlsx(data: bytes, path: Path, sheet: str | None) -> Table:
    open_zip(data, path, what=".xlsx")  # refuses zip bombs before openpyxl expands anything
    import openpyxl  # openpyxl parses through defusedxml when it is installed

    try:
        workbook = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises many types for damaged files
        raise InputError(path, f"unreadable spreadsheet ({type(exc).__name__})",
                         "open it in a spreadsheet program and save it again as .xlsx") from exc
    try:
        return _xlsx_table(workbook, path, sheet)
    except InputError:
        raise
    except Exception as exc:  # read-only sheets are parsed lazily: damage shows up here
        raise InputError(path, f"unreadable spreadsheet ({type(exc).__name__})",
                         "open it in a spreadsheet program and save it again as .xlsx") from exc
    finally:
        workbook.close()


def _xlsx_table(workbook, path: Path, sheet: str | None) -> Table:
    if sheet is not None and sheet not in workbook.sheetnames:
        raise InputError(path, f"no sheet named {sheet!r} (sheets: {', '.join(workbook.sheetnames)})",
                         "give an existing sheet name")
    if not workbook.worksheets:
        raise InputError(path, "the spreadsheet has no sheet", "check that it is the right file")
    worksheet = workbook[sheet] if sheet else workbook.worksheets[0]
    # The declared dimension (A1:XFD1048576 costs nothing to write) would pad every row to
    # its width: read the cells that are there instead.
    if hasattr(worksheet, "reset_dimensions"):
        worksheet.reset_dimensions()
    values = worksheet.iter_rows(values_only=True)
    header_row = next(values, None)
    if header_row is None:
        raise InputError(path, "the spreadsheet is empty", "check the sheet")
    header = ["" if v is None else str(v).strip() for v in header_row]
    rows, numbers = [], []
    cells = len(header)
    for number, row in enumerate(values, start=2):
        cells += len(row)
        if len(rows) >= MAX_ROWS or cells > MAX_CELLS:
            raise InputError(path, f"more than {MAX_ROWS} rows or {MAX_CELLS} cells",
                             "split the file")
        cells_ = ["" if v is None else str(v) for v in row]
        rows.append(cells_ + [""] * (len(header) - len(cells_)))  # as wide as the header
        numbers.append(number)
    return Table(header, rows, numbers)


def _column_index(table: Table, name: str, path: Path, role: str) -> int:
    if name in table.header:
        return table.header.index(name)
    folded = [h.casefold() for h in table.header]
    if name.casefold() in folded:
        return folded.index(name.casefold())
    available = ", ".join(repr(h) for h in table.header if h)
    raise InputError(path, f"no column named {name!r} for {role} (columns: {available})",
                     "fix --text-columns or the manifest", line=1)


def _question_text(column: str) -> str:
    return column.replace("_", " ").strip()


def read_table(path: Path, sheet: str | None = None) -> Table:
    """Any CSV or XLSX file as a header and rows of strings (for classify-file, evaluate)."""
    data = path.read_bytes()
    if path.suffix.lower() == ".xlsx":
        return _read_xlsx(data, path, sheet)
    return _read_csv(data, path)


def column_index(table: Table, name: str, path: Path, role: str) -> int:
    return _column_index(table, name, path, role)


def parse_table(table: Table, path: Path, options: TableOptions, fmt: str) -> list[ParsedSource]:
    if not options.text_columns:
        available = ", ".join(repr(h) for h in table.header if h)
        raise InputError(path, "a questionnaire needs its open-ended columns",
                         f"name them with --text-columns or in the manifest (columns: {available})")
    text_indexes = [_column_index(table, c, path, "answers") for c in options.text_columns]
    id_index = _column_index(table, options.id_column, path, "respondent ids") \
        if options.id_column else None
    commune_index = _column_index(table, options.commune_column, path, "communes") \
        if options.commune_column else None
    sources: list[ParsedSource] = []
    for ordinal, (row, number) in enumerate(zip(table.rows, table.row_numbers, strict=True)):
        cells = row + [""] * (len(table.header) - len(row))
        respondent = cells[id_index].strip() if id_index is not None else ""
        respondent = respondent or str(ordinal + 1)
        turns: list[RawTurn] = []
        for index in text_indexes:
            answer = normalise_text(cells[index]).strip()
            if not answer:
                continue
            question = _question_text(table.header[index])
            turns.append(RawTurn(QUESTION_SPEAKER, (question,), line=number))
            chunks = tuple(part.strip() for part in answer.split("\n") if part.strip())
            turns.append(RawTurn(RESPONDENT_SPEAKER, chunks, line=number))
        if not turns:
            continue
        metadata = {
            header: cells[i].strip()
            for i, header in enumerate(table.header)
            if header and i not in text_indexes and cells[i].strip()
        }
        metadata["row"] = str(number)
        sources.append(ParsedSource(
            format=fmt,
            turns=turns,
            speakers={
                QUESTION_SPEAKER: SpeakerInfo(QUESTION_SPEAKER, QUESTION_SPEAKER, RoleHint.INTERVIEWER),
                RESPONDENT_SPEAKER: SpeakerInfo(RESPONDENT_SPEAKER, f"{RESPONDENT_SPEAKER} {respondent}",
                                                RoleHint.INTERVIEWEE),
            },
            title=f"{path.stem} — répondant {respondent}",
            commune=cells[commune_index].strip() or None if commune_index is not None else None,
            metadata=metadata,
            ordinal=ordinal,
        ))
    if not sources:
        raise InputError(path, "no answers in the chosen columns "
                         f"({', '.join(options.text_columns)})", "check the column names")
    answered = {source.ordinal for source in sources}
    empty = [number for ordinal, number in enumerate(table.row_numbers) if ordinal not in answered]
    if empty:
        shown = ", ".join(str(n) for n in empty[:5]) + (", …" if len(empty) > 5 else "")
        sources[0].notes.append(f"{len(empty)} respondent(s) without any answer in the chosen "
                                f"columns left out (line {shown})")
    return sources


def read_csv(data: bytes, path: Path, options: TableOptions) -> list[ParsedSource]:
    return parse_table(_read_csv(data, path), path, options, "csv")


def read_xlsx(data: bytes, path: Path, options: TableOptions) -> list[ParsedSource]:
    return parse_table(_read_xlsx(data, path, options.sheet), path, options, "xlsx")
