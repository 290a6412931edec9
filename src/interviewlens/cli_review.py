"""`interviewlens review`: open the Textual review interface on a project."""

from __future__ import annotations

import getpass
from pathlib import Path

from interviewlens.errors import InputError
from interviewlens.store import connect_project


def run_review(project: Path, *, coder: str | None, supervisor: bool, lang: str) -> int:
    """Check the arguments, then run the app until the user quits."""
    if lang not in ("fr", "en"):
        raise InputError("--lang", f"unknown interface language {lang!r}", "use fr or en")
    coder = (coder or getpass.getuser() or "").strip()
    if not coder:
        raise InputError("--coder", "no coder name", "give one with --coder NAME")
    connect_project(project).close()  # one clear line if the project is missing or newer
    from interviewlens.review.app import ReviewApp

    ReviewApp(project, coder=coder, supervisor=supervisor, lang=lang).run()
    return 0
