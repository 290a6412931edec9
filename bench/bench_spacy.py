"""Throughput of analyse's spaCy stage vs bare `nlp.pipe`, on the segments of a real corpus.

    .venv/bin/python bench/bench_spacy.py [--corpus ../shared/corpora-real/cfpp2000_paris]
        [--model fr_core_news_md] [--repeat 2] [--limit N]

The corpus is ingested into a temporary project and its segments (what `analyse` reads) are
the texts. Measured, alternating so that neither side profits from a warmer machine:
- bare: `spacy.load(model, disable=["parser"])` then `list(nlp.pipe(texts, batch_size=256))`
  — the same components analyse runs, without the actor ruler or any extraction;
- stage: `annotate(texts, analysis_nlp(model))` — ruler, name extender, lemmas, content words,
  entities, everything analyse stores, but not the SQLite writes;
- stage + store: the same written into the project (`save_annotations`), once.
Also printed: the full pipeline (parser on) for reference. Words are whitespace words.
"""

from __future__ import annotations

import argparse
import platform
import statistics
import sys
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
DEFAULT_CORPUS = REPO.parent / "shared" / "corpora-real" / "cfpp2000_paris"


def segments(corpus: Path, project: Path) -> list[tuple[int, int, str]]:
    from interviewlens.ingest.pipeline import IngestOptions, ingest
    from interviewlens.store import connect_project

    report = ingest(project, [corpus], IngestOptions())
    if report.errors:
        sys.exit(f"ingest failed: {report.errors[0]}")
    db = connect_project(project)
    rows = db.execute("SELECT id, start, text FROM segment ORDER BY id").fetchall()
    db.close()
    return [tuple(r) for r in rows]


def timed(run) -> float:
    start = time.perf_counter()
    run()
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    parser.add_argument("--model", default="fr_core_news_md")
    parser.add_argument("--repeat", type=int, default=2)
    parser.add_argument("--limit", type=int, default=None)
    args = parser.parse_args()

    import spacy

    from interviewlens.nlp.pipeline import DISABLED, analysis_nlp, annotate, pipeline_key
    from interviewlens.nlp.store import PendingSegment, save_annotations
    from interviewlens.store import connect_project

    with tempfile.TemporaryDirectory() as tmp:
        project = Path(tmp) / "bench.ilens"
        rows = segments(args.corpus, project)[: args.limit]
        texts = [text for _, _, text in rows]
        words = sum(len(t.split()) for t in texts)
        bare = spacy.load(args.model, disable=list(DISABLED))
        full = spacy.load(args.model)
        ours = analysis_nlp(args.model)
        warm = texts[:200]
        list(bare.pipe(warm)), list(full.pipe(warm)), list(annotate(warm, ours))
        times: dict[str, list[float]] = {"bare": [], "stage": []}
        for _ in range(args.repeat):
            times["bare"].append(timed(lambda: list(bare.pipe(texts, batch_size=256))))
            times["stage"].append(timed(lambda: list(annotate(texts, ours))))
        full_time = timed(lambda: list(full.pipe(texts, batch_size=256)))

        key = pipeline_key(ours)
        db = connect_project(project)

        def stage_and_store() -> None:
            pending = [PendingSegment(i, start, text) for i, start, text in rows]
            for first in range(0, len(pending), 1024):
                chunk = pending[first:first + 1024]
                annotations = annotate((s.text for s in chunk), ours)
                save_annotations(db, key, list(zip(chunk, annotations, strict=True)))

        store_time = timed(stage_and_store)
        db.close()

    best = {name: min(values) for name, values in times.items()}
    print(f"# bench_spacy — {datetime.now(UTC):%Y-%m-%d %H:%M} UTC, {platform.node()}, "
          f"{platform.processor() or platform.machine()}, Python {platform.python_version()}, "
          f"spaCy {spacy.__version__}, {args.model} {ours.meta['version']}")
    print(f"corpus: {args.corpus.name}, {len(texts)} segments, {words} words; "
          f"repeat {args.repeat} (best of, alternating)")
    for name, label in (("bare", "bare nlp.pipe (parser off)"),
                        ("stage", "analyse spaCy stage (no writes)")):
        runs = ", ".join(f"{t:.1f}" for t in times[name])
        print(f"{label:34s} {words / best[name]:8.0f} words/s  (runs: {runs} s)")
    print(f"{'analyse spaCy stage + SQLite writes':34s} {words / store_time:8.0f} words/s")
    print(f"{'full pipeline (parser on)':34s} {words / full_time:8.0f} words/s")
    print(f"ratio stage / bare: {best['bare'] / best['stage']:.3f} "
          f"(median runs: {statistics.median(times['bare']) / statistics.median(times['stage']):.3f})"
          f"; with writes: {best['bare'] / store_time:.3f}")


if __name__ == "__main__":
    main()
