"""What `train`, `classify`, `classify-file` and `evaluate` print."""

from __future__ import annotations

from pathlib import Path

from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table as RichTable

from interviewlens.errors import InputError

console = Console(highlight=False)


def _progress() -> Progress:
    return Progress(TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(),
                    TimeElapsedColumn(), console=console, transient=True)


def run_train(corpus_dir: Path, output: Path, *, compare: bool, spacy_model: str) -> int:
    from interviewlens.classify.features import DISABLED_COMPONENTS, featurize
    from interviewlens.classify.model import save_model
    from interviewlens.classify.model_card import write_model_card
    from interviewlens.classify.training import (
        FINAL,
        interview_groups,
        load_training_corpus,
        train,
    )
    from interviewlens.classify.training import compare as compare_models
    from interviewlens.nlp.loading import load_french

    corpus = load_training_corpus(corpus_dir)
    segments = int((interview_groups(corpus) != "").sum())
    console.print(f"training corpus: {len(corpus)} rows ({len(corpus) - segments} statements, "
                  f"{segments} interview segments) from {corpus.source.nunique()} files")
    nlp = load_french(spacy_model, DISABLED_COMPONENTS)
    with _progress() as progress:
        task = progress.add_task("features", total=len(corpus))
        features = featurize(corpus.text.tolist(), nlp, questions=corpus.question.tolist(),
                             context=list(zip(corpus.before, corpus.after, strict=True)),
                             progress=lambda n: progress.advance(task, n))
    comparisons = None
    if compare:
        console.print("5-fold cross-validation of the candidate designs (uncalibrated):")
        comparisons = compare_models(features, corpus, report=lambda c: console.print(
            f"  {c.name:<26} macro-F1 {c.macro_f1:.3f}  accuracy {c.accuracy:.3f}"
            + (f"  | unseen interviews: macro-F1 {c.segments_macro_f1:.3f}"
               f"  accuracy {c.segments_accuracy:.3f}" if c.segments_macro_f1 else "")))
    with console.status("fitting the final model…"):
        model = train(corpus, features, FINAL, comparisons)
    save_model(model, output)
    write_model_card(model, output)
    console.print(f"saved {model.version} to {output} (model card: {output / 'MODEL_CARD.md'})")
    return 0


def run_classify(project: Path, *, model_dir: Path | None, spacy_model: str) -> int:
    from interviewlens.classify.project_model import classify_project
    from interviewlens.store import connect_project

    db = connect_project(project)
    try:
        count = db.execute("SELECT COUNT(*) FROM segment").fetchone()[0]
        with _progress() as progress:
            task = progress.add_task("classifying", total=count)
            result = classify_project(db, model_dir=model_dir, spacy_model=spacy_model,
                                      progress=lambda n: progress.advance(task, n))
        humans = db.execute(
            "SELECT COUNT(DISTINCT segment_id) FROM decision WHERE source = 'human'").fetchone()[0]
    finally:
        db.close()
    console.print(f"{result.scored} segments scored with {result.model_version}; "
                  f"{result.decisions_added} suggestions added; {humans} segments keep their "
                  "human code.")
    console.print("suggested: " + ", ".join(f"{k} {v}" for k, v in result.label_counts.items()))
    return 0


def run_classify_file(source: Path, output: Path, *, column: str, question_column: str | None,
                      sheet: str | None, model_dir: Path | None, spacy_model: str) -> int:
    from interviewlens.classify.files import classify_table

    written = classify_table(source, output, column=column, question_column=question_column,
                             sheet=sheet, model_dir=model_dir, spacy_model=spacy_model)
    console.print(f"{written} texts coded → {output}")
    return 0


def run_evaluate(gold_path: Path, *, column: str, label_column: str, question_column: str | None,
                 group_column: str | None, simulate: bool, model_dir: Path | None,
                 spacy_model: str) -> int:
    from interviewlens.classify.evaluate import agreement
    from interviewlens.classify.evaluate import simulate as simulate_curve
    from interviewlens.classify.files import read_gold
    from interviewlens.classify.model import LABELS
    from interviewlens.classify.scoring import score_texts

    gold = read_gold(gold_path, column=column, label_column=label_column,
                     question_column=question_column, group_column=group_column)
    with _progress() as progress:
        task = progress.add_task("scoring", total=len(gold.texts))
        model, scores = score_texts(gold.texts, questions=gold.questions, context=gold.context,
                                    model_dir=model_dir,
                                    spacy_model=spacy_model,
                                    progress=lambda n: progress.advance(task, n))
    predicted = [LABELS[i] for i in scores.probs.argmax(axis=1)]
    result = agreement(gold.labels, predicted)
    table = RichTable(title=f"{model.version} vs {gold_path.name} ({len(gold.labels)} segments)",
                      title_justify="left")
    for name in ("code", "precision", "recall", "F1", "support"):
        table.add_column(name, justify="left" if name == "code" else "right")
    for label, values in result.per_class.items():
        table.add_row(label, f"{values['precision']:.3f}", f"{values['recall']:.3f}",
                      f"{values['f1']:.3f}", str(values["support"]))
    console.print(table)
    console.print(f"macro-F1 {result.macro_f1:.3f}   accuracy {result.accuracy:.3f}   "
                  f"Cohen's kappa {result.kappa:.3f}")
    matrix = RichTable(title="confusion (rows: gold, columns: predicted)", title_justify="left")
    matrix.add_column("")
    for label in LABELS:
        matrix.add_column(label[:5], justify="right")
    for label, row in zip(LABELS, result.confusion, strict=True):
        matrix.add_row(label, *(str(v) for v in row))
    console.print(matrix)
    if simulate:
        if gold.groups is None:
            raise InputError(gold_path, "--simulate spreads corrections across interviews",
                             "add a column naming each text's interview (--group-column)")
        curve = simulate_curve(scores.probs, scores.vectors, gold.labels, gold.groups)
        console.print("simulated coder, most uncertain first — macro-F1 on the rest:")
        for corrections, f1 in curve:
            console.print(f"  after {corrections:>3} corrections: {f1:.3f}")
    return 0
