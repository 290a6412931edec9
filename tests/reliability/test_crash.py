"""SIGKILL a coder in the middle of a burst of decisions: nothing reported as saved is lost.

The coder is a real process using `CodingStore` (what the review UI uses); it prints each
decision id only after `code()` returned. The parent kills it at random points, again and
again on the same project, then checks the file (thousands of kills: bench/bench_crash.py).
"""

from __future__ import annotations

import random

from tests.reliability.codingkit import Reported, check_reported, kill_cycle

KILLS = 60


def test_sigkill_during_coding_loses_nothing_reported(one_interview):
    rng = random.Random(7)
    reported = Reported()
    for _ in range(KILLS):
        kill_cycle(one_interview, rng, reported)
    counts = check_reported(one_interview, reported)
    assert counts["lost"] == 0
    # The kills really landed in the middle of work: hundreds of decisions were made,
    # and at most one change per kill was committed but not yet reported.
    assert len(reported.decisions) > 5 * KILLS
    assert counts["decisions"] - len(reported.decisions) <= KILLS
    assert reported.memos and reported.splits
