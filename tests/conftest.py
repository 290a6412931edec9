"""Shared fixtures: paths, a CLI runner and a way to compare a project before/after."""

from __future__ import annotations

import hashlib
import sqlite3
from pathlib import Path

import pytest
from typer.testing import CliRunner

REPO = Path(__file__).resolve().parents[1]
FIXTURES = Path(__file__).resolve().parent / "fixtures"
DEMO = REPO / "corpora" / "demo"
REAL_CORPORA = REPO.parent / "shared" / "corpora-real"


@pytest.fixture
def cli():
    """Run the CLI in-process; returns the click Result (stdout and stderr separate)."""
    from interviewlens.cli import app

    runner = CliRunner()

    def run(*args: str):
        return runner.invoke(app, [str(a) for a in args], catch_exceptions=False)

    return run


def project_dump(path: Path) -> str:
    """Everything a project holds, as SQL text (independent of WAL checkpoints)."""
    if not path.exists():
        return "<absent>"
    db = sqlite3.connect(path)
    try:
        return "\n".join(db.iterdump())
    finally:
        db.close()


def dump_digest(path: Path) -> str:
    return hashlib.sha256(project_dump(path).encode()).hexdigest()


@pytest.fixture
def real_corpora() -> Path:
    if not REAL_CORPORA.is_dir():
        pytest.skip("../shared/corpora-real is absent")
    return REAL_CORPORA
