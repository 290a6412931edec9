"""Export timings: every format from an analysed and classified project.

    .venv/bin/python bench/bench_export.py [PROJECT]

Without PROJECT, builds the demo project first (ingest, analyse, classify). Prints one row
per format: seconds, output size. The first export also builds the pseudonymisation mapping
(a NER pass over interviewer turns); its time is shown apart. Figures go to BENCHMARKS.md.
"""

from __future__ import annotations

import argparse
import sqlite3
import tempfile
import time
from pathlib import Path

from interviewlens.export import FORMATS, SUFFIX, ExportOptions, export_project

REPO = Path(__file__).resolve().parents[1]


def build_demo(folder: Path) -> Path:
    from interviewlens.analyse import analyse_project
    from interviewlens.ingest.pipeline import IngestOptions, ingest

    demo = REPO / "corpora" / "demo"
    project = folder / "demo.ilens"
    ingest(project, [demo], IngestOptions(manifest=demo / "manifest.yaml"))
    analyse_project(project)
    from interviewlens.cli_classify import run_classify

    run_classify(project, model_dir=None, spacy_model="fr_core_news_md")
    return project


def size(paths: list[Path]) -> int:
    return sum(p.stat().st_size for p in paths if p.is_file())


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("project", type=Path, nargs="?")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        project = args.project or build_demo(folder)
        copy = folder / "bench.ilens"
        source = sqlite3.connect(project)
        target = sqlite3.connect(copy)
        source.backup(target)
        source.close()
        target.close()
        db = sqlite3.connect(copy)
        db.executescript("DELETE FROM pseudonym; DELETE FROM pseudonym_scan;")
        db.close()
        start = time.perf_counter()
        from interviewlens.export.pseudonymise import build_mapping
        from interviewlens.store import connect_project

        connection = connect_project(copy)
        mapping = build_mapping(connection)
        connection.close()
        print(f"pseudonymisation mapping: {len(mapping)} forms, "
              f"{time.perf_counter() - start:.1f} s (first export only)")
        print("| format | seconds | output |")
        print("|---|---:|---:|")
        for fmt in FORMATS:
            output = folder / (f"out-{fmt}" + ("" if fmt == "csv" else SUFFIX[fmt]))
            start = time.perf_counter()
            result = export_project(copy, fmt, output, ExportOptions())
            seconds = time.perf_counter() - start
            print(f"| {fmt} | {seconds:.1f} | {size(result.written) / 1024:.0f} KB |")


if __name__ == "__main__":
    main()
