"""Two coders (an intern and a supervisor) coding one project at the same moment.

Each is a real process with its own `CodingStore`; the supervisor also undoes, writes memos
and splits segments while the intern codes. Neither may crash on "database is locked", and
every change either reported is in the project afterwards, exactly as reported.
"""

from __future__ import annotations

import sqlite3
from itertools import pairwise

from tests.reliability.codingkit import Reported, check_reported, run_child

PER_CODER = 1500
PACE = 0.002  # up to 2 ms between two operations of one coder


def test_intern_and_supervisor_code_at_once_and_nothing_is_lost(one_interview):
    intern = run_child(one_interview, "stagiaire", 1, PER_CODER, pace=PACE)
    supervisor = run_child(one_interview, "superviseur", 2, PER_CODER, mixed=True, undo=True,
                           pace=PACE)
    reported = Reported()
    for proc, coder in ((intern, "stagiaire"), (supervisor, "superviseur")):
        out, err = proc.communicate(timeout=300)
        assert proc.returncode == 0, err.decode()
        assert b"locked" not in err and not err.strip(), err.decode()
        reported.read(out, coder)
    counts = check_reported(one_interview, reported)
    assert counts["lost"] == 0
    db = sqlite3.connect(one_interview)
    by_coder = dict(db.execute("SELECT coder, COUNT(*) FROM decision GROUP BY coder"))
    retracted = {r[0] for r in db.execute("SELECT decision_id FROM decision_retraction")}
    interleaved = [r[0] for r in db.execute("SELECT coder FROM decision ORDER BY id")]
    db.close()
    # Nothing extra either: both processes ended normally, so the project holds exactly
    # what they reported.
    assert by_coder["stagiaire"] == PER_CODER
    assert by_coder["superviseur"] == sum(1 for v in reported.decisions.values()
                                          if v[2] == "superviseur")
    assert retracted == reported.undone and reported.undone
    assert counts["memos"] == len(reported.memos) > 0
    assert counts["splits"] == len(reported.splits) > 0
    assert len(reported.decisions) + len(reported.memos) + len(reported.undone) \
        + len(reported.splits) >= 2 * PER_CODER - 200  # splits may find no split point
    # The two really wrote at the same time: their decisions alternate many times.
    switches = sum(a != b for a, b in pairwise(interleaved))
    assert switches > PER_CODER // 10
