"""`interviewlens compare`: not implemented yet (compare communes)."""

from __future__ import annotations

from pathlib import Path

from interviewlens.errors import NotImplementedYet


def run_compare(projects: list[Path], *, by: str, output: Path) -> int:
    """Refuse honestly until the feature lands."""
    raise NotImplementedYet("`interviewlens compare` is not implemented yet (compare communes); "
                            "see README.md for what works today")
