"""The `interviewlens` command. Each command is a thin wrapper around a library function.

Heavy libraries (spaCy, BERTopic, torch, Textual, pandas) are imported inside the
commands that need them, so `interviewlens --help` stays fast.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated

import typer

from interviewlens.errors import InterviewLensError, NotImplementedYet

app = typer.Typer(
    name="interviewlens",
    help="Turn territorial-diagnostic interviews into a validated SWOT analysis.",
    no_args_is_help=True,
    rich_markup_mode="rich",
    pretty_exceptions_enable=False,
    add_completion=False,
)

ProjectArg = Annotated[Path, typer.Argument(help="Project file, e.g. duclair.ilens.",
                                            show_default=False)]


def _fail(error: InterviewLensError) -> None:
    typer.echo(f"error: {error}", err=True)
    raise typer.Exit(error.exit_code)


def _split_columns(value: str | None) -> tuple[str, ...]:
    if not value:
        return ()
    return tuple(part.strip() for part in value.replace(";", ",").split(",") if part.strip())


@app.command()
def ingest(
    project: ProjectArg,
    inputs: Annotated[list[Path], typer.Argument(help="Transcript files or folders.",
                                                 show_default=False)],
    commune: Annotated[str | None, typer.Option(help="Commune of files the manifest does not place.")] = None,
    manifest: Annotated[Path | None, typer.Option(help="Manifest (YAML or CSV): communes, dates, speakers.")] = None,
    text_columns: Annotated[str | None, typer.Option(help="Questionnaires: open-ended columns, comma-separated.")] = None,
    id_column: Annotated[str | None, typer.Option(help="Questionnaires: respondent id column.")] = None,
    commune_column: Annotated[str | None, typer.Option(help="Questionnaires: commune column.")] = None,
    skip_errors: Annotated[bool, typer.Option("--skip-errors", help="Ingest the good files even if some are bad (exit code 3).")] = False,
) -> None:
    """Read transcripts (txt, md, docx, odt, srt, vtt, trs, TEI, eaf) and questionnaires (csv, xlsx)."""
    from interviewlens.cli_ingest import run_ingest
    from interviewlens.ingest.pipeline import IngestOptions

    options = IngestOptions(commune=commune, manifest=manifest,
                            text_columns=_split_columns(text_columns), id_column=id_column,
                            commune_column=commune_column, skip_errors=skip_errors)
    try:
        code = run_ingest(project, inputs, options)
    except InterviewLensError as error:
        _fail(error)
    raise typer.Exit(code)


@app.command()
def info(project: ProjectArg) -> None:
    """Summarise a project: communes, interviews, speakers, segments."""
    from interviewlens.cli_info import print_info

    try:
        print_info(project)
    except InterviewLensError as error:
        _fail(error)


_COMING = {
    "analyse": ("spaCy tokens, actors, places and BERTopic topics", "issue 3"),
    "topics": ("list topics, with --evaluate for NPMI and diversity", "issue 3"),
    "classify": ("suggest a SWOT code for every interviewee segment", "issue 4"),
    "classify-file": ("code the texts of a CSV or XLSX file", "issue 4"),
    "evaluate": ("score the model against a gold file", "issue 4"),
    "train": ("rebuild the shipped SWOT model", "issue 4"),
    "review": ("the review interface in the terminal", "issue 8"),
    "export": ("spreadsheets, reports, REFI-QDA, Iramuteq", "issue 5"),
    "compare": ("compare communes", "issue 6"),
}


def _coming_command(name: str, what: str) -> None:
    @app.command(name=name, help=f"Not implemented yet (coming): {what}.",
                 context_settings={"allow_extra_args": True, "ignore_unknown_options": True})
    def _not_yet(ctx: typer.Context) -> None:
        _fail(NotImplementedYet(f"`interviewlens {name}` is not implemented yet ({what}); "
                                "see README.md for what works today"))


for _name, (_what, _issue) in _COMING.items():
    _coming_command(_name, _what)


def main() -> None:
    try:
        app()
    except KeyboardInterrupt:
        typer.echo("interrupted", err=True)
        sys.exit(130)


if __name__ == "__main__":
    main()
