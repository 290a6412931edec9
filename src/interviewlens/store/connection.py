"""Opening a project file: WAL, foreign keys, busy timeout, migrations."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from interviewlens.errors import ProjectError
from interviewlens.store.migrations import SCHEMA_VERSION, applied_version, migrate
from interviewlens.store.questions import register_functions

PROJECT_SUFFIX = ".ilens"
BUSY_TIMEOUT_MS = 30_000


def _configure(db: sqlite3.Connection) -> None:
    db.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
    db.execute("PRAGMA foreign_keys = ON")
    mode = db.execute("PRAGMA journal_mode = WAL").fetchone()[0]
    if mode.lower() != "wal":
        raise ProjectError(f"could not switch the project to WAL mode (got {mode})")
    # FULL: a decision reported as saved survives a power cut, not only a crash.
    db.execute("PRAGMA synchronous = FULL")


def _open(path: Path) -> sqlite3.Connection:
    db = sqlite3.connect(path, isolation_level=None, timeout=BUSY_TIMEOUT_MS / 1000,
                         check_same_thread=False)
    db.row_factory = sqlite3.Row
    register_functions(db)
    return db


def connect_project(path: Path | str, *, create: bool = False) -> sqlite3.Connection:
    """Open (or with `create`, create) a project and bring its schema up to date."""
    path = Path(path)
    if not path.exists():
        if not create:
            raise ProjectError(
                f"{path}: no such project — create it with `interviewlens ingest {path} FILES…`"
            )
        if not path.parent.exists():
            raise ProjectError(f"{path}: folder {path.parent} does not exist — create it first")
    elif path.is_dir():
        raise ProjectError(f"{path}: is a folder, not a project file — name a file such as "
                           f"{path.name or 'projet'}{PROJECT_SUFFIX}")
    else:
        with path.open("rb") as handle:
            header = handle.read(16)
        if header and header != b"SQLite format 3\x00":
            raise ProjectError(f"{path}: not an interviewlens project (not a SQLite file) — "
                               "check the path; projects end in .ilens")
    db = _open(path)
    try:
        _configure(db)
        version = applied_version(db)
        if version > SCHEMA_VERSION:
            raise ProjectError(
                f"{path}: made by a newer interviewlens (schema {version}, this one knows "
                f"{SCHEMA_VERSION}) — upgrade interviewlens"
            )
        if version == 0 and path.stat().st_size > 0 and not create and _has_tables(db):
            raise ProjectError(f"{path}: a SQLite file but not an interviewlens project")
        migrate(db)
    except sqlite3.DatabaseError as exc:
        db.close()
        raise ProjectError(f"{path}: cannot open the project ({exc}) — is it a .ilens file?") from exc
    except BaseException:
        db.close()
        raise
    return db


def create_project(path: Path | str) -> sqlite3.Connection:
    return connect_project(path, create=True)


def _has_tables(db: sqlite3.Connection) -> bool:
    return db.execute(
        "SELECT COUNT(*) FROM sqlite_master WHERE type='table' AND name != 'schema_migrations'"
    ).fetchone()[0] > 0


@contextmanager
def transaction(db: sqlite3.Connection) -> Iterator[sqlite3.Connection]:
    """BEGIN IMMEDIATE … COMMIT, rolled back on any exception."""
    db.execute("BEGIN IMMEDIATE")
    try:
        yield db
    except BaseException:
        db.execute("ROLLBACK")
        raise
    db.execute("COMMIT")
