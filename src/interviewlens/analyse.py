"""`analyse`: spaCy annotations, actors and places, then topics — all stored in the project.

    annotations = annotate(segments)            # only segments new to this spaCy pipeline
    places, actors = build_places(…), build_actors(…)
    topics = fit_topics(content lemmas, embeddings)

Only the analysis tables are written; `decision` is never touched. Re-running after more
ingestion annotates the new segments and rebuilds actors, places and topics from all of them.
"""

from __future__ import annotations

import json
import re
import sqlite3
import time
from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager, contextmanager
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from interviewlens.errors import InputError, ProjectError
from interviewlens.nlp.loading import DEFAULT_MODEL
from interviewlens.store import connect_project
from interviewlens.store.connection import transaction
from interviewlens.store.writes import now_iso

if TYPE_CHECKING:
    from spacy.language import Language

    from interviewlens.topics.embeddings import Embedder
    from interviewlens.topics.model import FittedTopic

Advance = Callable[[int], None]
Progress = Callable[[str, int | None], AbstractContextManager[Advance]]


@contextmanager
def no_progress(_description: str, _total: int | None = None) -> Iterator[Advance]:
    yield lambda _n: None


@dataclass(frozen=True, slots=True)
class AnalyseOptions:
    spacy_model: str = DEFAULT_MODEL
    embedding_model: Path | None = None
    grid: Path | None = None
    seed: int = 0
    n_topics: int | None = None
    batch_size: int = 256


@dataclass(slots=True)
class AnalysisReport:
    run_id: int
    segments: int
    annotated: int
    actors: int = 0
    edges: int = 0
    places: int = 0
    partners: int = 0
    clustering: str = "none"
    embedding: str = ""
    topics: list[FittedTopic] = field(default_factory=list)
    seconds: float = 0.0


def analyse_project(path: Path | str, options: AnalyseOptions = AnalyseOptions(), *,
                    progress: Progress = no_progress) -> AnalysisReport:
    """Run the whole stage on a project; see the module docstring."""
    from interviewlens.topics.grid import read_grid

    started = time.perf_counter()
    themes = read_grid(options.grid) if options.grid else []
    if options.embedding_model is not None and not Path(options.embedding_model).is_dir():
        raise InputError(options.embedding_model, "no such model folder",
                         "give the folder of a sentence-transformers model saved on disk")
    if options.n_topics is not None and options.n_topics < 1:
        raise InputError("--topics", f"must be at least 1 (got {options.n_topics})")
    db = connect_project(path)
    try:
        _check_schema(db, path)
        total = db.execute("SELECT COUNT(*) FROM segment").fetchone()[0]
        if total == 0:
            raise ProjectError(f"{path}: no interviewee segment to analyse — ingest transcripts "
                               f"first with `interviewlens ingest {path} FILES…`")
        with progress(f"loading spaCy {options.spacy_model}", None):
            from interviewlens.nlp.pipeline import analysis_nlp, model_name, pipeline_key

            nlp = analysis_nlp(options.spacy_model)
            if nlp.lang != "fr":
                raise InputError("--spacy-model", f"{options.spacy_model} is not a French "
                                 "pipeline", "use fr_core_news_md or fr_core_news_sm")
            key = pipeline_key(nlp)
        run_id = _start_run(db, options, f"{model_name(nlp)}@{nlp.meta['version']}")
        try:
            report = AnalysisReport(run_id, total, _annotate(db, nlp, key, options, progress))
            with progress("actors and places", None), transaction(db):
                _actors_and_places(db, report)
            _topics(db, nlp, options, themes, report, progress)
        except BaseException:
            _finish_run(db, run_id, "failed", {})
            raise
        report.seconds = time.perf_counter() - started
        _finish_run(db, run_id, "done", {
            "segments": total, "annotated": report.annotated, "clustering": report.clustering,
            "embedding": report.embedding or None, "n_topics": len(report.topics)})
        return report
    finally:
        db.close()


def _check_schema(db: sqlite3.Connection, path: Path | str) -> None:
    if not db.execute("SELECT 1 FROM sqlite_master WHERE name = 'segment_nlp'").fetchone():
        raise ProjectError(f"{path}: this interviewlens has no analysis tables (schema "
                           "migration 2 missing) — reinstall interviewlens")


def _start_run(db: sqlite3.Connection, options: AnalyseOptions, model: str) -> int:
    parameters = {k: str(v) if isinstance(v, Path) else v for k, v in asdict(options).items()}
    with transaction(db):
        return int(db.execute(
            "INSERT INTO analysis_run (started_at, status, spacy_model, embedding, seed, grid,"
            " parameters) VALUES (?, 'running', ?, ?, ?, ?, ?)",
            (now_iso(), model, str(options.embedding_model or "spacy-vectors"), options.seed,
             str(options.grid) if options.grid else None, json.dumps(parameters)),
        ).lastrowid)


def _finish_run(db: sqlite3.Connection, run_id: int, status: str, values: dict) -> None:
    if db.in_transaction:
        db.execute("ROLLBACK")
    with transaction(db):
        db.execute(
            "UPDATE analysis_run SET finished_at = ?, status = ?, segments = ?, annotated = ?,"
            " clustering = ?, embedding = COALESCE(?, embedding), n_topics = ? WHERE id = ?",
            (now_iso(), status, values.get("segments"), values.get("annotated"),
             values.get("clustering"), values.get("embedding"), values.get("n_topics"), run_id))


def _annotate(db: sqlite3.Connection, nlp: Language, key: str, options: AnalyseOptions,
              progress: Progress) -> int:
    from interviewlens.nlp.pipeline import annotate
    from interviewlens.nlp.store import clear_derived, save_annotations, segments_to_annotate

    pending = segments_to_annotate(db, key)
    if not pending:
        return 0
    with transaction(db):
        clear_derived(db)  # entities are about to change under the actor and place mentions
    size = options.batch_size
    with progress("spaCy: tokens, lemmas, entities", len(pending)) as advance:
        for start in range(0, len(pending), size * 4):
            chunk = pending[start:start + size * 4]
            annotations = annotate((s.text for s in chunk), nlp, batch_size=size)
            save_annotations(db, key, list(zip(chunk, annotations, strict=True)))
            advance(len(chunk))
    return len(pending)


def _actors_and_places(db: sqlite3.Connection, report: AnalysisReport) -> None:
    from interviewlens.nlp.actors import build_actors, write_actors
    from interviewlens.nlp.places import build_places, place_entity_ids, write_places
    from interviewlens.nlp.store import DERIVED_TABLES, entity_rows

    for table in DERIVED_TABLES:
        db.execute(f"DELETE FROM {table}")
    entities = entity_rows(db)
    communes = [r[0] for r in db.execute("SELECT name FROM commune")]
    people = [r[0] for r in db.execute("SELECT DISTINCT name FROM speaker")]
    places = build_places(entities, communes, people)
    report.places = write_places(db, places)
    report.partners = sum(p.scope == "foreign" for p in places)
    report.actors, report.edges = write_actors(db, build_actors(entities, place_entity_ids(places)))


def _topics(db: sqlite3.Connection, nlp: Language, options: AnalyseOptions, themes: list,
            report: AnalysisReport, progress: Progress) -> None:
    from interviewlens.nlp.store import segment_contents
    from interviewlens.nlp.vocabulary import noise_words
    from interviewlens.topics.embeddings import embed_documents
    from interviewlens.topics.model import TopicSettings, fit_topics
    from interviewlens.topics.store import write_topics

    noise = noise_words() | _name_words(db)
    contents, docs = [], []
    for content in segment_contents(db):
        terms = [w for w in content.terms if w not in noise]
        if terms:
            contents.append(content)
            docs.append(" ".join(terms))
    seed_words = tuple(_lemmas(nlp, theme.words, noise) for theme in themes)
    with progress("topics: embeddings", None):
        embedder = _embedder(nlp, options, docs)
        report.embedding = embedder.name
        texts = _raw_texts(db, [c.segment_id for c in contents]) if embedder.embeds_raw_text \
            else docs
        embeddings = embed_documents(embedder, texts) if docs else None
    with progress(f"topics: BERTopic on {len(docs)} segments", None):
        settings = TopicSettings(seed=options.seed, n_topics=options.n_topics,
                                 seed_words=tuple(w for w in seed_words if w))
        fit = fit_topics(docs, embeddings, embedder, noise, settings) if docs else None
    with transaction(db):
        db.execute("DELETE FROM topic_prevalence")
        db.execute("DELETE FROM segment_topic")
        db.execute("DELETE FROM topic")
        if fit is None:
            return
        labels = [_grid_theme(t.words, themes, seed_words) for t in fit.topics]
        write_topics(db, report.run_id, fit, [c.segment_id for c in contents], labels)
    report.topics = fit.topics
    report.clustering = fit.clustering


def _embedder(nlp: Language, options: AnalyseOptions, docs: list[str]) -> Embedder:
    from interviewlens.nlp.pipeline import model_has_vectors, model_name
    from interviewlens.topics.embeddings import (
        LsaEmbedder,
        SentenceTransformerEmbedder,
        SpacyVectorEmbedder,
    )

    if options.embedding_model is not None:
        return SentenceTransformerEmbedder(Path(options.embedding_model))
    if model_has_vectors(nlp):
        return SpacyVectorEmbedder(nlp.vocab, model_name(nlp))
    return LsaEmbedder(docs, seed=options.seed)


def _name_words(db: sqlite3.Connection) -> frozenset[str]:
    """Words of the speakers' names (*Philippe*, *Deschamps*): names are not themes."""
    from interviewlens.nlp.vocabulary import strip_accents

    words = set()
    for (name,) in db.execute("SELECT DISTINCT name FROM speaker"):
        for word in re.findall(r"[^\W\d_][\w'-]+", name):
            if word[0].isupper() and not word.isupper():
                words |= {word.lower(), strip_accents(word.lower())}
    return frozenset(words)


def _raw_texts(db: sqlite3.Connection, ids: list[int]) -> list[str]:
    texts = dict(db.execute("SELECT id, text FROM segment").fetchall())
    return [texts[i] for i in ids]


def _lemmas(nlp: Language, words: tuple[str, ...], noise: frozenset[str]) -> tuple[str, ...]:
    lemmas = [t.lemma_.lower() for doc in nlp.pipe(words) for t in doc]
    return tuple(dict.fromkeys(w for w in lemmas if w not in noise and len(w) > 2))


def _grid_theme(words: list[tuple[str, float]], themes: list, seeds: tuple) -> str | None:
    """The grid theme sharing most words with the topic's top words, if any."""
    top = {part for w, _ in words for part in w.split()}
    best = max(((len(top & set(seed)), -i) for i, seed in enumerate(seeds)), default=(0, 0))
    return themes[-best[1]].name if best[0] > 0 else None
