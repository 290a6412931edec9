"""Crash and concurrency figures for coding: SIGKILL survival, and `code()` latency.

    .venv/bin/python bench/bench_crash.py [--kills 1000] [--decisions 2000] [--json]

1. SIGKILL a coder (a real process using CodingStore, printing each decision id once
   `code()` returned) at random points, KILLS times on one project (a real demo interview),
   then check `PRAGMA integrity_check` and that every reported decision, memo, undo and split
   is in the project: kills survived, decisions lost (must be 0).
2. Latency of `CodingStore.code()` (a durable commit, WAL + synchronous=FULL): one coder
   alone, then two coders at once on the same project; baseline: a bare SQLite INSERT +
   COMMIT with the same pragmas, same machine, same run.
"""

from __future__ import annotations

import argparse
import json
import random
import shutil
import sqlite3
import statistics
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from tests.reliability.codingkit import Reported, check_reported, kill_cycle, run_child

ONE_INTERVIEW = REPO / "corpora" / "demo" / "plouvenec" / "01-maire-le-bihan.txt"


def build(folder: Path) -> Path:
    from interviewlens.ingest.pipeline import IngestOptions, ingest

    project = folder / "one.ilens"
    ingest(project, [ONE_INTERVIEW], IngestOptions(commune="Plouvénec"))
    return project


def kills(project: Path, count: int, seed: int) -> dict:
    rng = random.Random(seed)
    reported = Reported()
    start = time.perf_counter()
    for _ in range(count):
        kill_cycle(project, rng, reported)
    counts = check_reported(project, reported)
    return {"kills": count, "kills_survived": count, "decisions_reported": len(reported.decisions),
            "memos_reported": len(reported.memos), "splits_reported": len(reported.splits),
            "decisions_lost": counts["lost"], "integrity": "ok",
            "seconds": round(time.perf_counter() - start, 1)}


def _latencies(project: Path, coder: str, n: int) -> list[float]:
    from interviewlens.coding import CodingStore

    with CodingStore(project, coder) as store:
        segments = [r[0] for r in store.db.execute("SELECT id FROM segment")]
        times = []
        for i in range(n):
            start = time.perf_counter()
            store.code(segments[i % len(segments)], "force")
            times.append(time.perf_counter() - start)
    return times


def _bare_insert(folder: Path, n: int) -> list[float]:
    folder.mkdir(exist_ok=True)
    db = sqlite3.connect(folder / "bare.db", isolation_level=None)
    db.execute("PRAGMA journal_mode = WAL")
    db.execute("PRAGMA synchronous = FULL")
    db.execute("CREATE TABLE d (id INTEGER PRIMARY KEY, segment INTEGER, label TEXT, t TEXT)")
    times = []
    for i in range(n):
        start = time.perf_counter()
        db.execute("BEGIN IMMEDIATE")
        db.execute("INSERT INTO d (segment, label, t) VALUES (?, 'force', 'x')", (i,))
        db.execute("COMMIT")
        times.append(time.perf_counter() - start)
    db.close()
    return times


def _ms(values: list[float], q: float) -> float:
    values = sorted(values)
    return round(1000 * values[min(len(values) - 1, int(q * len(values)))], 2)


def latency(project: Path, folder: Path, n: int) -> dict:
    bare = _bare_insert(folder, n // 2)
    alone = _latencies(project, "seul", n // 2)
    other = run_child(project, "superviseur", 3, 10**9)  # codes flat out until stopped
    assert other.stdout is not None
    other.stdout.readline()
    together = _latencies(project, "stagiaire", n)
    other.kill()
    out, _ = other.communicate()
    alone += _latencies(project, "seul", n - n // 2)  # before and after: same disk weather
    bare += _bare_insert(folder / "after", n - n // 2)
    return {"n": n, "other_coder_decisions": out.count(b"\nD ") + out.startswith(b"D "), "bare_p50_ms": _ms(bare, 0.5), "bare_p99_ms": _ms(bare, 0.99),
            "alone_p50_ms": _ms(alone, 0.5), "alone_p99_ms": _ms(alone, 0.99),
            "concurrent_p50_ms": _ms(together, 0.5), "concurrent_p99_ms": _ms(together, 0.99),
            "concurrent_max_ms": round(1000 * max(together), 1),
            "alone_per_s": round(n / sum(alone)), "bare_per_s": round(n / sum(bare)),
            "median_ratio_alone_vs_bare": round(statistics.median(alone)
                                                / statistics.median(bare), 2)}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--kills", type=int, default=1000)
    parser.add_argument("--decisions", type=int, default=2000)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--json", action="store_true", help="one JSON line only")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        base = build(folder)
        project = folder / "kills.ilens"
        shutil.copy(base, project)
        crash = kills(project, args.kills, args.seed)
        shutil.copy(base, folder / "latency.ilens")
        lat = latency(folder / "latency.ilens", folder, args.decisions)
    result = {"bench": "crash", **crash, **lat}
    if not args.json:
        print(f"kills survived: {crash['kills_survived']} / {crash['kills']}; decisions reported"
              f" {crash['decisions_reported']}, lost {crash['decisions_lost']}; integrity ok")
        print(f"code() latency: alone p50 {lat['alone_p50_ms']} ms, p99 {lat['alone_p99_ms']} ms;"
              f" with a second coder p50 {lat['concurrent_p50_ms']} ms,"
              f" p99 {lat['concurrent_p99_ms']} ms; bare INSERT+COMMIT p50 {lat['bare_p50_ms']} ms")
    print(json.dumps(result))


if __name__ == "__main__":
    main()
