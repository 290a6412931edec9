"""`interviewlens export`: tables, the diagnostic report, REFI-QDA or an Iramuteq corpus.

Only the standard library at import time: the export package loads pandas, matplotlib,
python-docx or spaCy inside the functions that need them.
"""

from __future__ import annotations

from pathlib import Path

import typer


def run_export(project: Path, *, format: str, output: Path, validated_only: bool,
               coder: str | None, pseudonymise: bool) -> int:
    """Export `project`; prints what was written. Returns the exit code."""
    from interviewlens.export import ExportOptions, check_request, export_project

    check_request(format, output)
    options = ExportOptions(validated_only=validated_only, coder=coder, pseudonymise=pseudonymise)
    result = export_project(project, format, output, options)
    data = result.data
    coded = len(data.coded)
    typer.echo(f"exported {len(data.interviews)} interview(s), {len(data.segments)} segments "
               f"({coded} coded) as {result.format}:")
    for path in result.written[:8]:
        typer.echo(f"  {path}")
    if len(result.written) > 8:
        typer.echo(f"  … and {len(result.written) - 8} more file(s)")
    if pseudonymise:
        typer.echo(f"person names replaced by pseudonyms ({data.persons} people); "
                   "the mapping stays in the project")
    else:
        typer.echo("warning: person names kept (--no-pseudonymise): do not share this export",
                   err=True)
    if not data.classified:
        typer.echo("note: nothing is coded yet — run `interviewlens classify` first", err=True)
    if not data.analysed and result.format in {"md", "html", "docx", "xlsx", "csv", "json", "qdpx"}:
        typer.echo("note: no topics, actors or places — run `interviewlens analyse` for them",
                   err=True)
    return 0
