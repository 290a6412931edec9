"""`interviewlens review`: not implemented yet (the review interface in the terminal)."""

from __future__ import annotations

from pathlib import Path

from interviewlens.errors import NotImplementedYet


def run_review(project: Path, *, coder: str | None, supervisor: bool, lang: str) -> int:
    """Refuse honestly until the feature lands."""
    raise NotImplementedYet("`interviewlens review` is not implemented yet (the review interface in the terminal); "
                            "see README.md for what works today")
