"""Time each stage of `interviewlens compare` on analysed and classified projects.

    .venv/bin/python bench/bench_compare.py PROJECT... [--by commune] [--embedding auto]

Prints one Markdown row per stage (seconds) and the peak RSS of the process. Build the
projects first (ingest, analyse, classify); nothing is written to them.
"""

from __future__ import annotations

import argparse
import resource
import tempfile
import time
from pathlib import Path


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("projects", nargs="+", type=Path)
    parser.add_argument("--by", default="commune")
    parser.add_argument("--embedding", default="auto")
    args = parser.parse_args()

    from interviewlens.compare.profiles import swot_profiles
    from interviewlens.compare.sources import load_corpus
    from interviewlens.compare.themes import joint_topics
    from interviewlens.compare.vocabulary import keyness, swot_keyness

    timings: list[tuple[str, float]] = []

    def timed(name, function, *a, **k):
        start = time.perf_counter()
        value = function(*a, **k)
        timings.append((name, time.perf_counter() - start))
        return value

    started = time.perf_counter()
    corpus = timed("read segments and lemmas", load_corpus, args.projects, args.by)
    groups = corpus.groups
    timed("SWOT profiles + chi2", swot_profiles, corpus.segments, groups)
    analysed = corpus.segments[corpus.segments.analysed]
    themes = timed("joint topics (embeddings, BERTopic, specificities)", joint_topics, analysed,
                   groups, corpus.name_words, embedding=args.embedding)
    timed("keyness (G2)", keyness, analysed, groups, corpus.name_words)
    timed("keyness within each code", swot_keyness, analysed, groups, corpus.name_words)
    from interviewlens.compare import compare_projects, write_outputs

    comparison = compare_projects(args.projects, by=args.by, embedding=args.embedding)
    with tempfile.TemporaryDirectory() as folder:
        timed("write CSV, XLSX, Markdown, HTML (charts)", write_outputs, comparison, folder)
    total = time.perf_counter() - started
    print(f"{len(corpus.segments)} segments, {len(groups)} groups, "
          f"{len(themes.topics) if themes else 0} topics ({themes.embedding if themes else '-'})")
    print("| stage | s |\n|---|---:|")
    for name, seconds in timings:
        print(f"| {name} | {seconds:.1f} |")
    print(f"| whole script (stages above + one full compare_projects) | {total:.1f} |")
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"peak RSS: {peak:.0f} MB")


if __name__ == "__main__":
    main()
