"""Review UI benchmark: time to first screen and label-to-next latency at 50,000 segments.

    .venv/bin/python bench/bench_review.py [--corpora PATH] [--segments 50000] [--presses 300]

The project is built from real transcripts (CFPP2000, ESLO, then Grand Débat reports
until the target size). Scoring 50,000 segments with spaCy would take long and does not
change what is measured, so each segment gets a model decision and scores drawn from
a Dirichlet distribution (seeded); the review UI then runs as it does for a user, with
the project-model worker on, driven by Textual's Pilot in a headless terminal of 80×24.

Figures: time from `ReviewApp(...)` (imports included) to the first frame showing a
segment; per key press, the time from the key event to the first frame drawn with the
next segment (median, p95), and the part spent in the key handler (the durable write and
the widgets' update); the same with 5,000 human codes already in the project.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
DEFAULT_CORPORA = REPO.parent / "shared" / "corpora-real"
CODE_KEYS = "flovn"


def build_project(path: Path, corpora: Path, target: int) -> int:
    import numpy as np

    from interviewlens.ingest.pipeline import IngestOptions, ingest
    from interviewlens.store import connect_project
    from interviewlens.store.connection import transaction
    from interviewlens.store.writes import now_iso

    sources = [corpora / "cfpp2000_paris", corpora / "eslo_orleans"]
    ingest(path, sources, IngestOptions(commune="Paris"))
    db = connect_project(path)
    for report in sorted((corpora / "gdn_reunions_locales").glob("*.txt")):
        if db.execute("SELECT COUNT(*) FROM segment").fetchone()[0] >= target:
            break
        db.close()
        ingest(path, [report], IngestOptions(commune="Grand Débat"))
        db = connect_project(path)
    ids = [r[0] for r in db.execute("SELECT id FROM segment ORDER BY id")]
    rng = np.random.default_rng(0)
    probs = rng.dirichlet(np.full(5, 0.6), size=len(ids)).astype(np.float32)
    vectors = rng.normal(size=(len(ids), 96)).astype(np.float16)
    labels = ["force", "faiblesse", "opportunite", "vigilance", "aucun"]
    now = now_iso()
    with transaction(db):
        db.executemany(
            "INSERT INTO segment_score (segment_id, base_version, base_probs, probs, vector)"
            " VALUES (?, 'bench', ?, ?, ?)",
            [(s, p.tobytes(), p.tobytes(), v.tobytes()) for s, p, v in zip(ids, probs, vectors)])
        db.executemany(
            "INSERT INTO decision (segment_id, label, source, model_version, confidence,"
            " created_at) VALUES (?, ?, 'model', 'bench', ?, ?)",
            [(s, labels[int(p.argmax())], float(p.max()), now) for s, p in zip(ids, probs)])
    db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    db.close()
    return len(ids)


def add_human_codes(path: Path, n: int) -> None:
    import sqlite3

    from interviewlens.coding import CodingStore
    db = sqlite3.connect(path)
    ids = [r[0] for r in db.execute("SELECT id FROM segment ORDER BY id DESC LIMIT ?", (n,))]
    db.close()
    labels = ["force", "faiblesse", "opportunite", "vigilance", "aucun"]
    with CodingStore(path, "bench") as store:
        for i, segment in enumerate(ids):
            store.code(segment, labels[i % 5])


async def drive(path: Path, presses: int) -> dict[str, float]:
    """Start the app, then press code keys; time each key to the frame showing the next segment."""
    started = time.perf_counter()
    from interviewlens.review import screens
    from interviewlens.review.app import ReviewApp

    app = ReviewApp(path, coder="bench")
    frames: list[float] = []
    shown: list[float] = []
    display = app._display

    def timed_display(screen, renderable) -> None:
        display(screen, renderable)
        frames.append(time.perf_counter())

    app._display = timed_display
    show_current = screens.QueueScreen.show_current

    def timed_show(self) -> None:
        show_current(self)
        shown.append(time.perf_counter())

    screens.QueueScreen.show_current = timed_show
    try:
        async with app.run_test(size=(80, 24)) as pilot:
            while not shown or not frames or frames[-1] < shown[0]:
                await asyncio.sleep(0.001)
            first_screen = next(f for f in frames if f >= shown[0]) - started
            latencies, handlers = [], []
            for i in range(presses):
                before, mark = app.queue.current, len(shown)
                t0 = time.perf_counter()
                await pilot.press(CODE_KEYS[i % 5])
                await pilot.pause()
                assert app.queue.current != before
                drawn = next(f for f in frames if f >= shown[mark])
                latencies.append(drawn - t0)
                handlers.append(shown[mark] - t0)
            await app.workers.wait_for_complete()
    finally:
        screens.QueueScreen.show_current = show_current
    latencies.sort()
    return {"first_screen_s": round(first_screen, 3),
            "label_to_next_median_ms": round(1000 * statistics.median(latencies), 1),
            "label_to_next_p95_ms": round(1000 * latencies[int(0.95 * len(latencies))], 1),
            "key_handler_median_ms": round(1000 * statistics.median(handlers), 1)}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpora", type=Path, default=DEFAULT_CORPORA)
    parser.add_argument("--segments", type=int, default=50_000)
    parser.add_argument("--presses", type=int, default=300)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        base = Path(tmp) / "big.ilens"
        t0 = time.perf_counter()
        n = build_project(base, args.corpora, args.segments)
        print(f"project: {n} segments, built in {time.perf_counter() - t0:.0f} s", file=sys.stderr)
        results = {"segments": n}
        for humans in (0, 5000):
            path = Path(tmp) / f"run-{humans}.ilens"
            shutil.copyfile(base, path)
            if humans:
                add_human_codes(path, humans)
            figures = asyncio.run(drive(path, args.presses))
            results.update({f"{k}@{humans}_human": v for k, v in figures.items()})
            print(f"{humans} human codes: {figures}", file=sys.stderr)
    print(json.dumps({"bench": "review", **results}))


if __name__ == "__main__":
    main()
