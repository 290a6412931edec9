"""Demo projects for the comparison tests, built once per session.

- `demo_coded`: the whole demo in one project (three communes), analysed with spaCy and
  carrying the hand codes of `corpora/demo/gold.csv` as human decisions;
- `demo_split`: the interviews of each commune in a project of its own, with the same codes
  and the annotations copied from `demo_coded` (same segments: no second spaCy pass).
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pandas as pd
import pytest

from interviewlens import open_project
from interviewlens.ingest.pipeline import IngestOptions, ingest
from tests.conftest import DEMO

COMMUNE_FOLDERS = {"plouvenec": "Plouvénec", "valmesnil": "Valmesnil-sur-Risle",
                   "villebrenne": "Villebrenne-sur-Cher"}


def add_gold_codes(path: Path) -> int:
    gold = pd.read_csv(DEMO / "gold.csv", keep_default_na=False)
    by_text = {}
    for row in gold.itertuples():
        by_text[(Path(row.file).name, row.text)] = row.label
    added = 0
    with open_project(path) as project:
        for row in project.segments().itertuples():
            project.add_decision(int(row.segment_id), by_text[(Path(row.file).name, row.text)],
                                 source="human", coder="gold")
            added += 1
    return added


@pytest.fixture(scope="session")
def demo_coded(tmp_path_factory) -> Path:
    from interviewlens.analyse import AnalyseOptions, analyse_project

    path = tmp_path_factory.mktemp("compare") / "demo.ilens"
    report = ingest(path, [DEMO], IngestOptions(manifest=DEMO / "manifest.yaml"))
    assert not report.errors
    analyse_project(path, AnalyseOptions(n_topics=4))  # its own topics are not used here
    assert add_gold_codes(path) == 885
    return path


def copy_annotations(source: Path, target: Path) -> int:
    key_sql = ("SELECT i.title, s.ord, s.text, s.id FROM segment s"
               " JOIN interview i ON i.id = s.interview_id")
    db = sqlite3.connect(source)
    ids = {(t, o, x): i for t, o, x, i in db.execute(key_sql)}
    rows = {r[0]: r[1:] for r in db.execute(
        "SELECT segment_id, pipeline, tokens, lemmas, pos, content, words FROM segment_nlp")}
    db.close()
    db = sqlite3.connect(target)
    copied = [(i, *rows[ids[(t, o, x)]]) for t, o, x, i in db.execute(key_sql)]
    with db:
        db.executemany("INSERT INTO segment_nlp (segment_id, pipeline, tokens, lemmas, pos,"
                       " content, words) VALUES (?, ?, ?, ?, ?, ?, ?)", copied)
    db.close()
    return len(copied)


@pytest.fixture(scope="session")
def demo_split(demo_coded, tmp_path_factory) -> list[Path]:
    folder = tmp_path_factory.mktemp("compare-split")
    paths = []
    for name in COMMUNE_FOLDERS:
        path = folder / f"{name}.ilens"
        report = ingest(path, [DEMO / name], IngestOptions(manifest=DEMO / "manifest.yaml"))
        assert not report.errors
        assert copy_annotations(demo_coded, path) > 200
        add_gold_codes(path)
        paths.append(path)
    return paths


@pytest.fixture(scope="session")
def demo_comparison(demo_coded):
    from interviewlens.compare import compare_projects

    return compare_projects(demo_coded, by="commune")
