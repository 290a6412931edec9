"""The demo project built once per session (ingest, analyse, classify) and its exports."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from tests.conftest import DEMO

FORMAT_NAMES = {"csv": "tableaux", "xlsx": "demo.xlsx", "json": "demo.json", "md": "rapport.md",
                "html": "rapport.html", "docx": "rapport.docx", "qdpx": "demo.qdpx",
                "qdc": "codes.qdc", "iramuteq": "corpus.txt"}


def run_cli(*args: object) -> None:
    from interviewlens.cli import app

    result = CliRunner().invoke(app, [str(a) for a in args], catch_exceptions=False)
    assert result.exit_code == 0, result.output


@pytest.fixture(scope="session")
def demo_project(tmp_path_factory) -> Path:
    """The whole demo corpus, analysed and classified (about 1.5 min, once)."""
    project = tmp_path_factory.mktemp("demo") / "demo.ilens"
    run_cli("ingest", project, DEMO, "--manifest", DEMO / "manifest.yaml")
    run_cli("analyse", project)
    run_cli("classify", project)
    return project


@pytest.fixture(scope="session")
def demo_exports(demo_project, tmp_path_factory) -> dict[str, Path]:
    """Every format exported from the demo project, pseudonymised (the default)."""
    folder = tmp_path_factory.mktemp("exports")
    paths = {}
    for fmt, name in FORMAT_NAMES.items():
        run_cli("export", demo_project, "--format", fmt, "-o", folder / name)
        paths[fmt] = folder / name
    return paths


@pytest.fixture(scope="session")
def two_coder_project(demo_project, tmp_path_factory) -> Path:
    """A copy of the demo where two coders coded the first 60 segments, and a supervisor
    validated ten of them."""
    import interviewlens

    project = tmp_path_factory.mktemp("coders") / "coders.ilens"
    shutil.copy(demo_project, project)
    labels = ["force", "faiblesse", "opportunite", "vigilance", "aucun"]
    with interviewlens.open_project(project) as p:
        segments = p.segments().head(60)
        for index, row in enumerate(segments.itertuples()):
            first = labels[index % 5]
            second = first if index % 4 else labels[(index + 1) % 5]
            p.add_decision(row.segment_id, first, source="human", coder="Camille Renaud")
            p.add_decision(row.segment_id, second, source="human", coder="Bruno")
            if index < 10:
                p.add_decision(row.segment_id, second, source="human", coder="Superviseure",
                               validated=True)
    return project
