"""Write a coding sheet: every interviewee segment of a project, ready to be coded by hand.

Used to build segment-level training data (`corpora/swot-train/part7-*.csv`) from the
fictional interviews under `corpora/swot-train/interviews/`: ingest them, run this script,
fill the `label` column following docs/codebook.md.

    .venv/bin/interviewlens ingest /tmp/SET.ilens corpora/swot-train/interviews/SET \
        --manifest corpora/swot-train/interviews/SET/manifest.yaml
    .venv/bin/python scripts/coding_sheet.py /tmp/SET.ilens -o /tmp/SET-sheet.csv

Columns: file, speaker, actor_type, turn, segment, question, before, text, after, label.
`turn` numbers the interviewee's turns in a file, `segment` the segments of a file;
`before` / `after` are the neighbouring segments of the same turn ("" at the turn's ends).
"""

from __future__ import annotations

import argparse
import csv
import sqlite3
import sys
from pathlib import Path

from interviewlens.classify.context import turn_neighbours
from interviewlens.store.questions import QUESTION_BEFORE_TURN, register_functions

SQL = f"""
SELECT sf.name AS file, sp.name AS speaker, sp.actor_type, t.id AS turn_id, s.text,
       {QUESTION_BEFORE_TURN} AS question
FROM segment s
JOIN turn t ON t.id = s.turn_id
JOIN speaker sp ON sp.id = t.speaker_id
JOIN interview i ON i.id = s.interview_id
JOIN source_file sf ON sf.id = i.source_file_id
WHERE sp.role != 'interviewer'
ORDER BY i.id, s.ord
"""

COLUMNS = ["file", "speaker", "actor_type", "turn", "segment", "question", "before", "text",
           "after", "label"]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("project", type=Path)
    parser.add_argument("-o", "--output", type=Path, required=True)
    args = parser.parse_args(argv)
    if not args.project.is_file():
        print(f"error: {args.project}: no such project; run interviewlens ingest first",
              file=sys.stderr)
        return 2
    db = sqlite3.connect(f"file:{args.project}?mode=ro", uri=True)
    db.row_factory = sqlite3.Row
    register_functions(db)
    rows = [dict(r) for r in db.execute(SQL)]
    neighbours = turn_neighbours([r["text"] for r in rows], [r["turn_id"] for r in rows])
    turn_numbers: dict[str, dict[int, int]] = {}  # file -> turn id -> its number in the file
    segment_numbers: dict[str, int] = {}
    for row, (before, after) in zip(rows, neighbours, strict=True):
        row["before"], row["after"] = before, after
        numbers = turn_numbers.setdefault(row["file"], {})
        row["turn"] = numbers.setdefault(row["turn_id"], len(numbers))
        row["segment"] = segment_numbers.get(row["file"], 0)
        segment_numbers[row["file"]] = row["segment"] + 1
        row["question"] = " ".join((row["question"] or "").split())
        row["actor_type"] = row["actor_type"] or ""
        row["label"] = ""
    with args.output.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.DictWriter(handle, COLUMNS, extrasaction="ignore")
        writer.writeheader()
        writer.writerows(rows)
    print(f"{len(rows)} segments from {len(segment_numbers)} files -> {args.output}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
