"""Classification benchmarks: throughput, active-learning update latency, learning curve.

    .venv/bin/python bench/bench_classify.py [--corpora PATH]

0. seconds to load the shipped model (skops, trusted-types check included), in a fresh
   process, best of 3;
1. segments/s of `classify` scoring (spaCy features + model) on CFPP2000 segments;
2. p50/p95 latency of one project-model update (refit on all human codes + re-score every
   segment) in a 50,000-segment project with 500 and 5,000 human codes;
3. the simulated learning curve on corpora/demo/gold.csv.
"""

from __future__ import annotations

import argparse
import statistics
import tempfile
import time
from pathlib import Path

import numpy as np
import pandas as pd

REPO = Path(__file__).resolve().parents[1]
DEFAULT_CORPORA = REPO.parent / "shared" / "corpora-real"


def load_seconds(repeats: int = 3) -> float:
    """Best of `repeats` fresh-process loads of models/swot-base (imports excluded)."""
    import subprocess
    import sys

    code = ("import time, skops.io, sklearn.linear_model; from pathlib import Path; "
            "from interviewlens.classify.model import load_model; t = time.perf_counter(); "
            f"load_model(Path({str(REPO / 'models' / 'swot-base')!r})); "
            "print(time.perf_counter() - t)")
    runs = [float(subprocess.run([sys.executable, "-c", code], check=True, capture_output=True,
                                 text=True).stdout.split()[-1]) for _ in range(repeats)]
    return min(runs)


def throughput(corpora: Path, n: int = 3000) -> tuple[int, float]:
    from interviewlens import open_project
    from interviewlens.classify.scoring import score_texts
    from interviewlens.ingest.pipeline import IngestOptions, ingest
    from interviewlens.nlp.loading import DEFAULT_MODEL, load_french

    with tempfile.TemporaryDirectory() as tmp:
        project = Path(tmp) / "cfpp.ilens"
        ingest(project, [corpora / "cfpp2000_paris"], IngestOptions())
        with open_project(project) as opened:
            texts = opened.segments().text.tolist()[:n]
    load_french(DEFAULT_MODEL, ("parser", "ner"))  # load once, outside the timing
    start = time.perf_counter()
    score_texts(texts)
    return len(texts), len(texts) / (time.perf_counter() - start)


def update_latency(labels: int, segments: int = 50_000, repeats: int = 30) -> tuple[float, float]:
    from interviewlens.classify.adapter import ResidualAdapter, adapter_inputs

    rng = np.random.default_rng(0)
    base = rng.dirichlet(np.ones(5), size=segments)
    x, _, _ = adapter_inputs(base, rng.normal(size=(segments, 300)).astype(np.float16))
    codes = rng.integers(0, 5, size=segments)
    adapter = ResidualAdapter(x.shape[1])
    coded = list(range(labels))
    adapter.fit(base[coded], x[coded], codes[coded])  # the session's state before a new code
    timings = []
    for step in range(repeats):
        coded.append(labels + step)
        start = time.perf_counter()
        adapter.fit(base[coded], x[coded], codes[coded])
        adapter.predict_proba(base, x)
        timings.append((time.perf_counter() - start) * 1000)
    timings.sort()
    return statistics.median(timings), timings[int(0.95 * (len(timings) - 1))]


def learning_curve() -> list[tuple[int, float]]:
    from interviewlens.classify.evaluate import simulate
    from interviewlens.classify.files import read_gold
    from interviewlens.classify.scoring import score_texts

    # Read as `interviewlens evaluate --simulate` reads it (question and turn context).
    gold = read_gold(REPO / "corpora" / "demo" / "gold.csv", column="text", label_column="label",
                     question_column=None, group_column=None)
    _model, scores = score_texts(gold.texts, questions=gold.questions, context=gold.context)
    return simulate(scores.probs, scores.vectors, gold.labels, gold.groups)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpora", type=Path, default=DEFAULT_CORPORA)
    args = parser.parse_args()
    print(f"| load models/swot-base (fresh process, best of 3) | | {load_seconds():.1f} s |")
    n, rate = throughput(args.corpora)
    print(f"| classify scoring, fr_core_news_md | {n} CFPP2000 segments | {rate:,.0f} segments/s |")
    for labels in (500, 5000):
        p50, p95 = update_latency(labels)
        print(f"| project-model update, 50,000 segments, {labels} human codes | "
              f"p50 {p50:.0f} ms | p95 {p95:.0f} ms |")
    curve = learning_curve()
    print("| learning curve on demo gold (macro-F1 on the rest) | "
          + ", ".join(f"{k}: {v:.3f}" for k, v in curve) + " |")


if __name__ == "__main__":
    main()
