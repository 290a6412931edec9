"""Coding texts from CSV/XLSX files (`classify-file`) and reading gold standards."""

from __future__ import annotations

import csv
from dataclasses import dataclass
from pathlib import Path

from interviewlens.classify.context import turn_neighbours
from interviewlens.classify.model import LABELS
from interviewlens.errors import InputError
from interviewlens.ingest.readers.questionnaire import column_index, read_table


@dataclass
class Gold:
    texts: list[str]
    labels: list[str]
    questions: list[str] | None
    groups: list[str] | None
    context: list[tuple[str, str]] | None = None  # (before, after) in the same turn


def _check_input(path: Path) -> None:
    if not path.is_file():
        raise InputError(path, "no such file", "check the path")
    if path.suffix.lower() not in {".csv", ".xlsx"}:
        raise InputError(path, f"unsupported table type {path.suffix or '(none)'!r}",
                         "use a .csv or .xlsx file")


def read_gold(path: Path, *, column: str, label_column: str, question_column: str | None,
              group_column: str | None) -> Gold:
    _check_input(path)
    table = read_table(path)
    text_at = column_index(table, column, path, "texts")
    label_at = column_index(table, label_column, path, "labels")

    def optional(name: str | None, default: str) -> int | None:
        wanted = name or default
        if name is None and wanted not in table.header:
            return None
        return column_index(table, wanted, path, wanted)

    question_at = optional(question_column, "question")
    group_at = optional(group_column, "file")
    turn_at = optional(None, "turn")
    texts, labels, questions, groups, turns = [], [], [], [], []
    for row, number in zip(table.rows, table.row_numbers, strict=True):
        cells = row + [""] * (len(table.header) - len(row))
        label = cells[label_at].strip()
        if not cells[text_at].strip():
            continue
        if label not in LABELS:
            raise InputError(path, f"unknown label {label!r}", f"use one of {', '.join(LABELS)}",
                             line=number)
        texts.append(cells[text_at])
        labels.append(label)
        questions.append(cells[question_at] if question_at is not None else "")
        groups.append(cells[group_at] if group_at is not None else "")
        turns.append((groups[-1], cells[turn_at] if turn_at is not None else questions[-1]))
    if not texts:
        raise InputError(path, "no coded text found", "check --column and --label-column")
    known_turns = group_at is not None and (turn_at is not None or question_at is not None)
    return Gold(texts, labels, questions if question_at is not None else None,
                groups if group_at is not None else None,
                turn_neighbours(texts, turns) if known_turns else None)


def classify_table(source: Path, output: Path, *, column: str, question_column: str | None,
                   sheet: str | None, model_dir: Path | None, spacy_model: str) -> int:
    """Write `source` with `label`, `confidence` and one probability column per code."""
    from interviewlens.classify.scoring import score_texts

    _check_input(source)
    if output.suffix.lower() not in {".csv", ".xlsx"}:
        raise InputError(output, "unsupported output type", "name a .csv or .xlsx file")
    if not output.parent.is_dir():
        raise InputError(output, f"folder {output.parent} does not exist", "create it first")
    table = read_table(source, sheet)
    text_at = column_index(table, column, source, "texts")
    question_at = column_index(table, question_column, source, "questions") \
        if question_column else None
    rows = [row + [""] * (len(table.header) - len(row)) for row in table.rows]
    texts = [row[text_at] for row in rows]
    questions = [row[question_at] for row in rows] if question_at is not None else None
    present = [i for i, text in enumerate(texts) if text.strip()]
    _model, scores = score_texts([texts[i] for i in present],
                                 questions=[questions[i] for i in present] if questions else None,
                                 model_dir=model_dir, spacy_model=spacy_model)
    extra = ["label", "confidence"] + [f"p_{label}" for label in LABELS]
    results: dict[int, list[str]] = {}
    for i, probs in zip(present, scores.probs, strict=True):
        best = int(probs.argmax())
        results[i] = [LABELS[best], f"{probs[best]:.3f}"] + [f"{p:.3f}" for p in probs]
    out_rows = [row + results.get(i, [""] * len(extra)) for i, row in enumerate(rows)]
    header = table.header + extra
    if output.suffix.lower() == ".xlsx":
        _write_xlsx(output, header, out_rows)
    else:
        with output.open("w", newline="", encoding="utf-8") as handle:
            writer = csv.writer(handle)
            writer.writerow(header)
            writer.writerows(out_rows)
    return len(present)


def _write_xlsx(path: Path, header: list[str], rows: list[list[str]]) -> None:
    import openpyxl

    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.title = "codage"
    sheet.append(header)
    for row in rows:
        sheet.append(row)
    sheet.freeze_panes = "A2"
    workbook.save(path)
