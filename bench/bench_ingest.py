"""Ingestion throughput and segment lengths on the real corpora (../shared/corpora-real).

    .venv/bin/python bench/bench_ingest.py [--corpora PATH]

Prints, per corpus: files, sources, turns, words, seconds, words/s, and the distribution of
segment lengths in words. Not a test: figures go to BENCHMARKS.md.
"""

from __future__ import annotations

import argparse
import tempfile
import time
from pathlib import Path

from interviewlens import open_project
from interviewlens.ingest.pipeline import IngestOptions, ingest

DEFAULT = Path(__file__).resolve().parents[1].parent / "shared" / "corpora-real"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpora", type=Path, default=DEFAULT)
    args = parser.parse_args()
    print("| corpus | files | sources | segments | words | s | words/s | "
          "median | p90 | p99 | max | < 3 words (whole turns) |")
    print("|---|---|---|---|---|---|---|---|---|---|---|---|")
    for corpus in sorted(p for p in args.corpora.iterdir() if p.is_dir()):
        with tempfile.TemporaryDirectory() as tmp:
            project = Path(tmp) / "bench.ilens"
            start = time.perf_counter()
            report = ingest(project, [corpus], IngestOptions())
            seconds = time.perf_counter() - start
            assert not report.errors, report.errors
            with open_project(project) as opened:
                segments = opened.segments()
                turns = opened.turns()
            words = int(turns.text.str.split().str.len().sum())
            lengths = segments.text.str.split().str.len()
            print(f"| {corpus.name} | {len(report.ingested)} | "
                  f"{sum(len(p.interviews) for p in report.ingested)} | {len(segments)} | {words} | "
                  f"{seconds:.1f} | {words / seconds:,.0f} | {lengths.median():g} | "
                  f"{lengths.quantile(0.9):g} | {lengths.quantile(0.99):g} | {lengths.max()} | "
                  f"{(lengths < 3).mean():.0%} |")


if __name__ == "__main__":
    main()
