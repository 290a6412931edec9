"""The `interviewlens` command. Each command is a thin wrapper around a library function.

Heavy libraries (spaCy, BERTopic, torch, Textual, pandas) are imported inside the
commands that need them, so `interviewlens --help` stays fast.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated

import typer

from interviewlens.errors import InterviewLensError

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


SpacyOption = Annotated[str, typer.Option("--spacy-model", help="fr_core_news_md or fr_core_news_sm.")]
ModelOption = Annotated[Path | None, typer.Option("--model", help="Model folder (default: the shipped models/swot-base).")]


@app.command()
def train(
    corpus: Annotated[Path, typer.Option(help="Folder of training CSVs (text,label[,question]).")] = Path("corpora/swot-train"),
    output: Annotated[Path, typer.Option("-o", "--output", help="Model folder to write.")] = Path("models/swot-base"),
    compare: Annotated[bool, typer.Option("--compare", help="Cross-validate the candidate designs first.")] = False,
    spacy_model: SpacyOption = "fr_core_news_md",
) -> None:
    """Rebuild the SWOT model from the training statements (reproducible)."""
    from interviewlens.cli_classify import run_train

    try:
        raise typer.Exit(run_train(corpus, output, compare=compare, spacy_model=spacy_model))
    except InterviewLensError as error:
        _fail(error)


@app.command()
def classify(project: ProjectArg, model: ModelOption = None,
             spacy_model: SpacyOption = "fr_core_news_md") -> None:
    """Suggest a SWOT code for every interviewee segment (never touches human codes)."""
    from interviewlens.cli_classify import run_classify

    try:
        raise typer.Exit(run_classify(project, model_dir=model, spacy_model=spacy_model))
    except InterviewLensError as error:
        _fail(error)


@app.command("classify-file")
def classify_file(
    source: Annotated[Path, typer.Argument(help="CSV or XLSX file.", show_default=False)],
    column: Annotated[str, typer.Option(help="Column holding the texts.")] = "text",
    output: Annotated[Path, typer.Option("-o", "--output", help="CSV or XLSX to write.")] = Path("codage.csv"),
    question_column: Annotated[str | None, typer.Option(help="Column holding the question asked, if any.")] = None,
    sheet: Annotated[str | None, typer.Option(help="XLSX sheet (default: the first).")] = None,
    model: ModelOption = None,
    spacy_model: SpacyOption = "fr_core_news_md",
) -> None:
    """Code the texts of a CSV/XLSX file: label, confidence and one probability per code."""
    from interviewlens.cli_classify import run_classify_file

    try:
        raise typer.Exit(run_classify_file(source, output, column=column,
                                           question_column=question_column, sheet=sheet,
                                           model_dir=model, spacy_model=spacy_model))
    except InterviewLensError as error:
        _fail(error)


@app.command()
def evaluate(
    gold: Annotated[Path, typer.Argument(help="CSV or XLSX with texts and their codes.", show_default=False)],
    column: Annotated[str, typer.Option(help="Column holding the texts.")] = "text",
    label_column: Annotated[str, typer.Option(help="Column holding the gold codes.")] = "label",
    question_column: Annotated[str | None, typer.Option(help="Column of preceding questions (default: 'question' if present).")] = None,
    group_column: Annotated[str | None, typer.Option(help="Column naming each text's interview (default: 'file' if present).")] = None,
    simulate: Annotated[bool, typer.Option("--simulate", help="Replay the gold as a coder, most uncertain first: learning curve.")] = False,
    model: ModelOption = None,
    spacy_model: SpacyOption = "fr_core_news_md",
) -> None:
    """Precision, recall, F1, confusion matrix and kappa of the model against a gold file."""
    from interviewlens.cli_classify import run_evaluate

    try:
        raise typer.Exit(run_evaluate(gold, column=column, label_column=label_column,
                                      question_column=question_column, group_column=group_column,
                                      simulate=simulate, model_dir=model, spacy_model=spacy_model))
    except InterviewLensError as error:
        _fail(error)


@app.command()
def analyse(
    project: ProjectArg,
    spacy_model: SpacyOption = "fr_core_news_md",
    embedding_model: Annotated[Path | None, typer.Option(help="Local sentence-transformers model folder (default: spaCy vectors).")] = None,
    grid: Annotated[Path | None, typer.Option(help="Interview grid: one theme per line, optional keywords after a colon.")] = None,
    seed: Annotated[int, typer.Option(help="Random seed (same input and seed, same topics).")] = 0,
    topics: Annotated[int | None, typer.Option("--topics", help="Number of topics (default: chosen from the corpus size).")] = None,
) -> None:
    """Tokens, actors, places and BERTopic topics of every segment (offline)."""
    from interviewlens.cli_analyse import run_analyse

    try:
        raise typer.Exit(run_analyse(project, spacy_model=spacy_model,
                                     embedding_model=embedding_model, grid=grid, seed=seed,
                                     n_topics=topics))
    except InterviewLensError as error:
        _fail(error)


@app.command("topics")
def list_topics(
    project: ProjectArg,
    evaluate: Annotated[bool, typer.Option("--evaluate", help="NPMI coherence and diversity, vs an NMF baseline.")] = False,
) -> None:
    """List the project's topics; --evaluate scores them."""
    from interviewlens.cli_analyse import run_topics

    try:
        raise typer.Exit(run_topics(project, evaluate=evaluate))
    except InterviewLensError as error:
        _fail(error)


@app.command()
def review(
    project: ProjectArg,
    coder: Annotated[str | None, typer.Option(help="Your name as a coder (default: the login name).")] = None,
    supervisor: Annotated[bool, typer.Option("--supervisor", help="Supervisor mode: compare coders, validate.")] = False,
    lang: Annotated[str, typer.Option("--lang", help="Interface language: fr or en.")] = "fr",
) -> None:
    """Open the review interface in the terminal: code, correct, validate."""
    from interviewlens.cli_review import run_review

    try:
        raise typer.Exit(run_review(project, coder=coder, supervisor=supervisor, lang=lang))
    except InterviewLensError as error:
        _fail(error)


@app.command()
def export(
    project: ProjectArg,
    format: Annotated[str, typer.Option("--format", "-f", help="csv, xlsx, json, md, html, docx, qdpx, qdc or iramuteq.")],
    output: Annotated[Path, typer.Option("-o", "--output", help="File (or folder for csv) to write.")],
    validated_only: Annotated[bool, typer.Option("--validated-only", help="Only codes a supervisor validated.")] = False,
    coder: Annotated[str | None, typer.Option(help="Only this coder's codes.")] = None,
    no_pseudonymise: Annotated[bool, typer.Option("--no-pseudonymise", help="Keep person names (pseudonymised by default).")] = False,
) -> None:
    """Export tables, the diagnostic report, REFI-QDA or an Iramuteq corpus."""
    from interviewlens.cli_export import run_export

    try:
        raise typer.Exit(run_export(project, format=format, output=output,
                                    validated_only=validated_only, coder=coder,
                                    pseudonymise=not no_pseudonymise))
    except InterviewLensError as error:
        _fail(error)


@app.command()
def compare(
    projects: Annotated[list[Path], typer.Argument(help="One or more project files.", show_default=False)],
    by: Annotated[str, typer.Option("--by", help="commune or actor_type.")] = "commune",
    output: Annotated[Path, typer.Option("-o", "--output", help="Folder for tables and the report.")] = Path("comparaison"),
    topics: Annotated[int | None, typer.Option("--topics", help="Number of joint topics (default: chosen from the size).")] = None,
    seed: Annotated[int, typer.Option(help="Random seed of the joint topics.")] = 0,
    embedding: Annotated[str, typer.Option(help="auto, spacy-vectors or lsa (lsa separates small communes better).")] = "auto",
) -> None:
    """Compare SWOT profiles, themes and vocabulary across communes or actor types."""
    from interviewlens.cli_compare import run_compare

    try:
        raise typer.Exit(run_compare(projects, by=by, output=output, n_topics=topics, seed=seed,
                                     embedding=embedding))
    except InterviewLensError as error:
        _fail(error)


def main() -> None:
    try:
        app()
    except KeyboardInterrupt:
        typer.echo("interrupted", err=True)
        sys.exit(130)


if __name__ == "__main__":
    main()
