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


def exported_texts(path: Path) -> list[tuple[str, str]]:
    """(file or member, text) of everything an export wrote, zip members included."""
    import zipfile

    files = sorted(p for p in path.rglob("*") if p.is_file()) if path.is_dir() else [path]
    if path.suffix == ".md":
        files += sorted(path.with_name(path.stem + "_images").glob("*"))
    texts = []
    for file in files:
        texts.append((file.name, file.name))
        if zipfile.is_zipfile(file):
            with zipfile.ZipFile(file) as archive:
                for member in archive.namelist():
                    texts.append((member, member))
                    texts.append((member, archive.read(member).decode("utf-8", "ignore")))
        elif file.suffix != ".png":
            texts.append((file.name, file.read_text(encoding="utf-8-sig", errors="ignore")))
    return texts
