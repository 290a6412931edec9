"""Fixtures for the reliability tests: small real projects built from the demo corpus."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from interviewlens.ingest.pipeline import IngestOptions, ingest

REPO = Path(__file__).resolve().parents[2]
DEMO = REPO / "corpora" / "demo"
ONE_INTERVIEW = DEMO / "plouvenec" / "01-maire-le-bihan.txt"


def build_project(path: Path, inputs: list[Path], manifest: Path | None = None) -> Path:
    report = ingest(path, inputs, IngestOptions(manifest=manifest, commune="Plouvenec"))
    assert report.written and not report.errors, report.errors
    return path


@pytest.fixture(scope="session")
def one_interview_base(tmp_path_factory) -> Path:
    return build_project(tmp_path_factory.mktemp("base") / "one.ilens", [ONE_INTERVIEW])


@pytest.fixture
def one_interview(one_interview_base, tmp_path) -> Path:
    """A fresh copy of a project holding one real demo interview (42 segments)."""
    copy = tmp_path / "one.ilens"
    shutil.copy(one_interview_base, copy)
    return copy
