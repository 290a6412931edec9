"""Printing what `interviewlens ingest` did."""

from __future__ import annotations

from pathlib import Path

from rich.console import Console

from interviewlens.domain import Role
from interviewlens.ingest.pipeline import IngestOptions, IngestReport, ingest

EXIT_PARTIAL = 3


def run_ingest(project: Path, inputs: list[Path], options: IngestOptions) -> int:
    console = Console(stderr=False, highlight=False)
    errors = Console(stderr=True, highlight=False)
    with console.status("reading files…") as status:
        report = ingest(project, inputs, options, progress=lambda name: status.update(f"reading {name}"))
    _print_report(console, report)
    for error in report.errors:
        errors.print(f"error: {error}", markup=False, soft_wrap=True)
    if report.errors:
        if options.skip_errors and report.written:
            errors.print(f"{len(report.errors)} file(s) refused; the others were ingested.",
                         soft_wrap=True)
            return EXIT_PARTIAL
        errors.print(f"nothing ingested: fix the file(s) above, or add --skip-errors "
                     f"to ingest the others. {project} is unchanged.", markup=False,
                     soft_wrap=True)
        return 1
    return 0


def _print_report(console: Console, report: IngestReport) -> None:
    for prepared in report.ingested:
        segments = sum(i.assembled.segment_count for i in prepared.interviews)
        turns = sum(len(i.assembled.turns) for i in prepared.interviews)
        first = prepared.interviews[0]
        interviewers = ", ".join(s.name for s in first.speakers.values() if s.role is Role.INTERVIEWER)
        what = f"{len(prepared.interviews)} sources, " if len(prepared.interviews) > 1 else ""
        encoding = f", {prepared.encoding}" if prepared.encoding not in (None, "utf-8") else ""
        console.print(
            f"[green]+[/] {prepared.name} [dim]({prepared.format}{encoding})[/]: {what}{turns} turns,"
            f" {segments} segments; interviewer: {interviewers or '—'}",
            soft_wrap=True,
        )
        for note in prepared.notes:
            console.print(f"    [yellow]note:[/] {note}", soft_wrap=True)
    for name in report.unchanged:
        console.print(f"[dim]= {name}: unchanged, already in the project[/]", soft_wrap=True)
    for name, reason in report.skipped:
        console.print(f"[dim]- {name}: skipped ({reason})[/]", soft_wrap=True)
    if report.ingested:
        interviews = sum(len(p.interviews) for p in report.ingested)
        segments = sum(i.assembled.segment_count for p in report.ingested for i in p.interviews)
        console.print(f"ingested {len(report.ingested)} file(s): {interviews} interview(s), "
                      f"{segments} segments to code.")
    elif not report.errors:
        console.print("nothing new to ingest.")
