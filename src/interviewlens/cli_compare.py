"""`interviewlens compare`: SWOT profiles, themes and vocabulary across communes or actor types."""

from __future__ import annotations

import math
from pathlib import Path


def run_compare(projects: list[Path], *, by: str, output: Path, n_topics: int | None = None,
                seed: int = 0, embedding: str = "auto") -> int:
    """Compare, write the tables and the report into `output`, print a short summary."""
    from rich.console import Console

    from interviewlens.compare import compare_projects
    from interviewlens.compare.outputs import prepare_folder, write_outputs
    from interviewlens.compare.sources import DIMENSIONS
    from interviewlens.errors import InputError

    if by not in DIMENSIONS:
        raise InputError("--by", f"unknown grouping {by!r}", "use commune or actor_type")
    prepare_folder(output)  # fail on a bad folder before the long part
    console = Console(highlight=False, stderr=False)
    with console.status("comparing (topics are fitted on every segment together)…"):
        comparison = compare_projects(projects, by=by, n_topics=n_topics, seed=seed,
                                      embedding=embedding)
    for section, reason in comparison.missing.items():
        console.print(f"not computed — {section}: {reason}")
    for note in comparison.notes:
        console.print(f"note: {note}")
    written = write_outputs(comparison, output)
    console.print(f"compared {len(comparison.groups)} {by.replace('_', ' ')}s "
                  f"({', '.join(comparison.groups)}) over {len(comparison.segments)} segments")
    if comparison.chi2 is not None and not math.isnan(comparison.chi2.statistic):
        chi2 = comparison.chi2
        console.print(f"SWOT profiles: chi2 = {chi2.statistic:.2f}, {chi2.dof} dof, "
                      f"p = {chi2.p_value:.2g}, Cramér's V = {chi2.cramers_v:.2f}"
                      + (" (warning: " + "; ".join(chi2.warnings) + ")" if chi2.warnings else ""))
    if comparison.topics is not None:
        specific = int((comparison.topics.over_in != "").sum())
        console.print(f"themes: {len(comparison.topics)} topics, {specific} over-represented "
                      "somewhere")
    report = next((p for p in written if p.suffix == ".html"), None)
    console.print(f"{len(written)} files written to {output}"
                  + (f" — open {report}" if report else ""))
    return 0
