"""Printing for `interviewlens analyse` and `interviewlens topics` (rich)."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from rich.console import Console
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    SpinnerColumn,
    TextColumn,
    TimeElapsedColumn,
    TimeRemainingColumn,
)
from rich.table import Table

from interviewlens.analyse import Advance, AnalyseOptions, analyse_project
from interviewlens.errors import ProjectError
from interviewlens.store import connect_project

TOP_ROWS = 12


@contextmanager
def _rich_progress(console: Console) -> Iterator:
    bars = Progress(SpinnerColumn(), TextColumn("{task.description}"), BarColumn(),
                    MofNCompleteColumn(), TimeElapsedColumn(), TimeRemainingColumn(),
                    console=console, transient=False, disable=not console.is_terminal)

    @contextmanager
    def stage(description: str, total: int | None = None) -> Iterator[Advance]:
        task = bars.add_task(description, total=total)
        yield lambda n: bars.advance(task, n)
        bars.update(task, total=total or 1, completed=total or 1)

    with bars:
        yield stage


def run_analyse(project: Path, *, spacy_model: str, embedding_model: Path | None,
                grid: Path | None, seed: int, n_topics: int | None) -> int:
    """`interviewlens analyse`: run the stage, then summarise topics, actors and places."""
    console = Console()
    options = AnalyseOptions(spacy_model=spacy_model, embedding_model=embedding_model, grid=grid,
                             seed=seed, n_topics=n_topics)
    with _rich_progress(console) as stage:
        report = analyse_project(project, options, progress=stage)
    console.print(
        f"analysed {report.segments} segments ({report.annotated} newly annotated) in "
        f"{report.seconds:.1f} s: {len(report.topics)} topics ({report.clustering}, "
        f"{report.embedding}), {report.actors} actors, {report.places} places "
        f"({report.partners} foreign).")
    db = connect_project(project)
    try:
        _print_topics(console, db)
        _print_actors(console, db)
        _print_places(console, db)
    finally:
        db.close()
    return 0


def run_topics(project: Path, *, evaluate: bool) -> int:
    """`interviewlens topics`: list the stored topics; `--evaluate` scores them against NMF."""
    console = Console()
    db = connect_project(project)
    try:
        if not db.execute("SELECT 1 FROM sqlite_master WHERE name = 'topic'").fetchone() or \
                not db.execute("SELECT 1 FROM topic LIMIT 1").fetchone():
            raise ProjectError(f"{project}: no topics yet — run `interviewlens analyse {project}`"
                               " first")
        _print_topics(console, db, limit=None)
        if evaluate:
            from interviewlens.topics.evaluate import evaluate_topics

            with console.status("NPMI and diversity: BERTopic and the NMF baseline…"):
                scores = evaluate_topics(db)
            table = Table(title=f"Topic quality (top {scores[0].top_n} words, NPMI over the "
                                "project's segments)")
            for column in ("model", "topics", "NPMI", "diversity"):
                table.add_column(column, justify="left" if column == "model" else "right")
            for score in scores:
                table.add_row(score.model, str(score.n_topics), f"{score.npmi:+.3f}",
                              f"{score.diversity:.3f}")
            console.print(table)
    finally:
        db.close()
    return 0


def _print_topics(console: Console, db: sqlite3.Connection, limit: int | None = TOP_ROWS) -> None:
    from interviewlens.topics.store import prevalence, stored_topics

    topics = stored_topics(db)
    communes = prevalence(db, "commune")
    table = Table(title=f"Topics ({len(topics)})")
    for column in ("#", "segments", "label", "top words", "grid theme", "most in"):
        table.add_column(column, overflow="fold")
    for topic in topics[:limit]:
        shares = communes.get(topic.number, {})
        most = max(shares.items(), key=lambda kv: kv[1])[0] if len(shares) > 1 else ""
        table.add_row(str(topic.number), str(topic.size), topic.label,
                      ", ".join(topic.words[4:10]), topic.grid_theme or "", most)
    console.print(table)


def _print_actors(console: Console, db: sqlite3.Connection) -> None:
    rows = db.execute(
        "SELECT a.name, a.kind, a.mentions, a.interviews, a.communes, a.speakers,"
        " (SELECT COUNT(*) FROM actor_edge e WHERE a.id IN (e.source_id, e.target_id))"
        " FROM actor a ORDER BY a.mentions DESC, a.key LIMIT ?", (TOP_ROWS,)).fetchall()
    table = Table(title="Actors (most mentioned)")
    for column in ("actor", "kind", "mentions", "interviews", "communes", "speakers", "linked to"):
        table.add_column(column, justify="left" if column in ("actor", "kind") else "right")
    for row in rows:
        table.add_row(*(str(v) for v in row))
    console.print(table)


def _print_places(console: Console, db: sqlite3.Connection) -> None:
    rows = db.execute(
        "SELECT name, kind, COALESCE(country, ''), mentions, interviews FROM place"
        " WHERE partner_candidate = 1 ORDER BY mentions DESC, key LIMIT ?",
        (TOP_ROWS,)).fetchall()
    table = Table(title="Candidate partner territories (places abroad)")
    for column in ("place", "kind", "country", "mentions", "interviews"):
        table.add_column(column, justify="right" if column in ("mentions", "interviews")
                         else "left")
    for row in rows:
        table.add_row(*(str(v) for v in row))
    console.print(table)
