"""`interviewlens export`: not implemented yet (spreadsheets, reports, REFI-QDA, Iramuteq)."""

from __future__ import annotations

from pathlib import Path

from interviewlens.errors import NotImplementedYet


def run_export(project: Path, *, format: str, output: Path, validated_only: bool, coder: str | None, pseudonymise: bool) -> int:
    """Refuse honestly until the feature lands."""
    raise NotImplementedYet("`interviewlens export` is not implemented yet (spreadsheets, reports, REFI-QDA, Iramuteq); "
                            "see README.md for what works today")
