"""`interviewlens info`: a summary of a project."""

from __future__ import annotations

from pathlib import Path
from statistics import median

from rich import box
from rich.console import Console
from rich.table import Table

from interviewlens.store import connect_project


def print_info(project: Path) -> None:
    db = connect_project(project)
    try:
        console = Console(highlight=False)
        table = Table(title=f"{project.name}", title_justify="left", box=box.SIMPLE_HEAD,
                      pad_edge=False)
        for column in ("commune", "interviews", "forms", "people", "segments",
                       "model", "human"):
            table.add_column(column, justify="right" if column != "commune" else "left",
                             no_wrap=True)
        rows = db.execute(
            """SELECT COALESCE(c.name, '(no commune)') AS commune,
                      COUNT(DISTINCT CASE WHEN i.format NOT IN ('csv', 'xlsx', 'reports')
                                          THEN i.id END),
                      COUNT(DISTINCT CASE WHEN i.format IN ('csv', 'xlsx', 'reports')
                                          THEN i.id END),
                      (SELECT COUNT(*) FROM speaker sp JOIN interview i2 ON i2.id = sp.interview_id
                       WHERE sp.role = 'interviewee' AND i2.commune_id IS c.id),
                      COUNT(DISTINCT s.id),
                      COUNT(DISTINCT CASE WHEN d.source = 'model' THEN d.segment_id END),
                      COUNT(DISTINCT CASE WHEN d.source = 'human' THEN d.segment_id END)
               FROM interview i LEFT JOIN commune c ON c.id = i.commune_id
               LEFT JOIN segment s ON s.interview_id = i.id
               LEFT JOIN decision d ON d.segment_id = s.id
               GROUP BY c.id ORDER BY commune"""
        ).fetchall()
        for row in rows:
            table.add_row(*(str(v) for v in row))
        console.print(table)
        console.print("people: interviewees; model: segments with a suggestion; human: segments "
                      "coded by a person", style="dim", soft_wrap=True)
        lengths = [len(r[0].split()) for r in db.execute("SELECT text FROM segment")]
        if lengths:
            lengths.sort()
            p95 = lengths[min(len(lengths) - 1, int(0.95 * len(lengths)))]
            console.print(f"segment length in words: median {median(lengths):g}, 95th percentile "
                          f"{p95}, max {lengths[-1]}, min {lengths[0]}")
        actors = db.execute(
            "SELECT COALESCE(actor_type, '(unknown)'), COUNT(*) FROM speaker"
            " WHERE role = 'interviewee' GROUP BY 1 ORDER BY 2 DESC").fetchall()
        if actors:
            console.print("interviewees by actor type: "
                          + ", ".join(f"{a} {n}" for a, n in actors), soft_wrap=True)
    finally:
        db.close()
