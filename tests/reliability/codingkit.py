"""A coder process for the crash and concurrency tests, and the checks run after it.

Run as a script, it codes a burst of decisions through `CodingStore` and prints one line
per operation *after* the call returned (i.e. once the change is durable):

    D <decision id> <segment id> <label>     a decision
    M <memo id> <segment id> <text>          a memo
    U <decision id>                          an undo (retraction of that decision)
    S <segment id> <new segment id>          a split

    python codingkit.py PROJECT CODER SEED COUNT [--mixed] [--undo] [--pace SECONDS]

The parent reads these lines (the "reported as saved" record), possibly SIGKILLs the
child at any point, and checks the project with `check_reported`.
"""

from __future__ import annotations

import random
import sqlite3
import subprocess
import sys
import time
from dataclasses import dataclass, field
from itertools import pairwise
from pathlib import Path

LABELS = ("force", "faiblesse", "opportunite", "vigilance", "aucun")


def child(project: str, coder: str, seed: int, count: int, mixed: bool, undo: bool,
          pace: float) -> None:
    from interviewlens.coding import CodingStore, split_points

    rng = random.Random(seed)
    with CodingStore(project, coder) as store:
        segments = [int(r[0]) for r in store.db.execute("SELECT id FROM segment ORDER BY id")]
        print("ready", flush=True)
        for _ in range(count):
            if pace:
                time.sleep(rng.uniform(0, pace))  # a (very fast) human between two keys
            roll = rng.random()
            segment = rng.choice(segments)
            if mixed and roll < 0.05:
                text = f"memo {coder} {rng.randrange(10**9)}"
                memo = store.add_memo(segment, text)
                print(f"M {memo} {segment} {text}", flush=True)
            elif mixed and roll < 0.07:
                row = store.db.execute("SELECT text FROM segment WHERE id = ?",
                                       (segment,)).fetchone()
                points = split_points(row[0])
                if points:
                    new = store.split(segment, rng.choice(points))
                    segments.append(new)
                    print(f"S {segment} {new}", flush=True)
            elif undo and roll < 0.12:
                undone = store.undo()
                if undone is not None:
                    print(f"U {undone.decision_id}", flush=True)
            else:
                label = rng.choice(LABELS)
                decision = store.code(segment, label)
                print(f"D {decision} {segment} {label}", flush=True)


@dataclass
class Reported:
    """What coder processes said they saved."""

    decisions: dict[int, tuple[int, str, str]] = field(default_factory=dict)  # id → seg, label, coder
    memos: dict[int, tuple[int, str]] = field(default_factory=dict)
    undone: set[int] = field(default_factory=set)
    splits: dict[int, int] = field(default_factory=dict)  # new segment → segment

    def read(self, output: bytes, coder: str) -> None:
        """Record the complete lines of a child's output (a half-written last line is not
        a report: the child died before it finished telling)."""
        for raw in output.split(b"\n")[:-1]:
            kind, *rest = raw.decode().split(" ", 3)
            if kind == "D":
                self.decisions[int(rest[0])] = (int(rest[1]), rest[2], coder)
            elif kind == "M":
                self.memos[int(rest[0])] = (int(rest[1]), rest[2])
            elif kind == "U":
                self.undone.add(int(rest[0]))
            elif kind == "S":
                self.splits[int(rest[1])] = int(rest[0])


def run_child(project: Path, coder: str, seed: int, count: int, *, mixed: bool = False,
              undo: bool = False, pace: float = 0.0) -> subprocess.Popen:
    args = [sys.executable, __file__, str(project), coder, str(seed), str(count)]
    args += ["--mixed"] * mixed + ["--undo"] * undo + ["--pace", str(pace)]
    return subprocess.Popen(args, stdout=subprocess.PIPE, stderr=subprocess.PIPE)


def kill_cycle(project: Path, rng: random.Random, reported: Reported, *,
               max_delay: float = 0.06) -> int:
    """Start a coder, SIGKILL it after a random delay; returns its exit code (-9 if killed)."""
    proc = run_child(project, "crash", rng.randrange(2**31), 100_000, mixed=True)
    assert proc.stdout is not None
    # The delay starts once the child has opened the project (its imports take a while);
    # one kill in ten lands before that, during start-up and the WAL recovery of the open.
    if rng.random() < 0.9:
        first = proc.stdout.readline()
        assert first == b"ready\n" or proc.poll() is not None, first
    time.sleep(rng.uniform(0, max_delay))
    proc.kill()
    out, err = proc.communicate()
    reported.read(out, "crash")
    if proc.returncode != -9:
        raise AssertionError(f"coder exited {proc.returncode} before the kill: {err.decode()}")
    return proc.returncode


def check_reported(project: Path, reported: Reported) -> dict[str, int]:
    """Assert the project is intact and holds everything reported; returns counts."""
    db = sqlite3.connect(project)
    try:
        assert db.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
        assert db.execute("PRAGMA foreign_key_check").fetchall() == []
        stored = {row[0]: (row[1], row[2], row[3]) for row in
                  db.execute("SELECT id, segment_id, label, coder FROM decision")}
        lost = {i: v for i, v in reported.decisions.items() if stored.get(i) != v}
        assert not lost, f"{len(lost)} decisions reported as saved are missing or changed: " \
                         f"{list(lost.items())[:5]}"
        memos = {row[0]: (row[1], row[2]) for row in
                 db.execute("SELECT id, segment_id, text FROM memo")}
        assert all(memos.get(i) == v for i, v in reported.memos.items()), "memo lost"
        retracted = {row[0] for row in db.execute("SELECT decision_id FROM decision_retraction")}
        assert reported.undone <= retracted, "undo lost"
        splits = dict(db.execute("SELECT new_segment_id, segment_id FROM segment_split"))
        assert all(splits.get(n) == s for n, s in reported.splits.items()), "split lost"
        # Splits are all-or-nothing: every segment is its interview's text, in order.
        for interview, text in db.execute("SELECT id, text FROM interview"):
            rows = db.execute('SELECT ord, start, "end", text FROM segment'
                              " WHERE interview_id = ? ORDER BY ord", (interview,)).fetchall()
            assert [r[0] for r in rows] == list(range(len(rows)))
            assert all(text[s:e] == t for _, s, e, t in rows)
            assert all(a[2] <= b[1] for a, b in pairwise(rows))
        return {"decisions": len(stored), "memos": len(memos), "retractions": len(retracted),
                "splits": len(splits), "lost": len(lost)}
    finally:
        db.close()


if __name__ == "__main__":
    flags = sys.argv[5:]
    child(sys.argv[1], sys.argv[2], int(sys.argv[3]), int(sys.argv[4]),
          "--mixed" in flags, "--undo" in flags,
          float(flags[flags.index("--pace") + 1]) if "--pace" in flags else 0.0)
