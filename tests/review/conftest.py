"""A classified and analysed demo project, built once, copied for each test."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from interviewlens.analyse import AnalyseOptions, analyse_project
from interviewlens.classify.project_model import classify_project
from interviewlens.ingest.pipeline import IngestOptions, ingest
from interviewlens.store import connect_project
from tests.conftest import DEMO


@pytest.fixture(scope="session")
def demo_built(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("review-demo") / "demo.ilens"
    ingest(path, [DEMO], IngestOptions(manifest=DEMO / "manifest.yaml"))
    db = connect_project(path)
    classify_project(db)
    db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    db.close()
    analyse_project(path, AnalyseOptions(spacy_model="fr_core_news_sm", seed=3))
    db = connect_project(path)
    db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    db.close()
    return path


@pytest.fixture
def demo(demo_built, tmp_path) -> Path:
    """A fresh copy of the demo project for one test."""
    copy = tmp_path / "demo.ilens"
    shutil.copyfile(demo_built, copy)
    return copy


@pytest.fixture
def anyio_backend() -> str:
    return "asyncio"
