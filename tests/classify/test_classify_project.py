"""classify, the project model, classify-file and evaluate with the shipped model."""

from __future__ import annotations

import re

import numpy as np
import pandas as pd
import pytest

from interviewlens import open_project
from interviewlens.classify.project_model import ProjectModel
from interviewlens.ingest.pipeline import IngestOptions, ingest
from tests.conftest import DEMO


@pytest.fixture(scope="module")
def classified(tmp_path_factory):
    """The demo project, with two human codes, classified by the shipped model."""
    from typer.testing import CliRunner

    from interviewlens.cli import app

    path = tmp_path_factory.mktemp("classify") / "demo.ilens"
    ingest(path, [DEMO], IngestOptions(manifest=DEMO / "manifest.yaml"))
    with open_project(path) as project:
        first, second = project.segments().segment_id[:2]
        project.add_decision(int(first), "vigilance", source="human", coder="lea")
        project.add_decision(int(second), "force", source="human", coder="lea")
    result = CliRunner().invoke(app, ["classify", str(path)])
    assert result.exit_code == 0, result.output
    return path, int(first), int(second), result.output


def test_every_segment_gets_a_model_suggestion_and_human_codes_stay(classified):
    path, first, second, output = classified
    with open_project(path) as project:
        segments = project.segments().set_index("segment_id")
        decisions = project.decisions()
    model_rows = decisions[decisions.source == "model"]
    assert set(model_rows.segment_id) == set(segments.index)
    assert model_rows.model_version.str.startswith("swot-base-").all()
    assert model_rows.confidence.between(0.2, 1).all()
    assert segments.loc[first, "label"] == "vigilance" and segments.loc[first, "source"] == "human"
    assert segments.loc[second, "label"] == "force"
    assert "2 segments keep their human code" in " ".join(output.split())


def test_classify_again_adds_nothing(classified, cli):
    path = classified[0]
    with open_project(path) as project:
        before = len(project.decisions())
    assert cli("classify", path).exit_code == 0
    with open_project(path) as project:
        assert len(project.decisions()) == before


def test_project_model_learns_from_human_codes(classified):
    path = classified[0]
    gold = pd.read_csv(DEMO / "gold.csv", keep_default_na=False)
    with open_project(path) as project:
        model = ProjectModel.load(project.db)
        segments = project.segments()
    assert model is not None and len(model.human) == 2
    by_text = dict(zip(zip(gold.file, gold.text), gold.label))
    codes = {row.segment_id: by_text[(row.file, row.text)] for row in segments.itertuples()}
    chosen = list(codes)[10:210]
    rows = [model.row_of[s] for s in chosen]
    before = np.array([model.probs[r][model_label(codes[s])] for r, s in zip(rows, chosen)])
    for segment_id in chosen:
        model.set_human(segment_id, codes[segment_id])
    model.update()
    after = np.array([model.probs[r][model_label(codes[s])] for r, s in zip(rows, chosen)])
    assert after.mean() > before.mean() + 0.05  # the coded segments now lean to their codes
    queue = model.queue()
    assert not set(queue) & set(chosen) and len(queue) == len(segments) - len(model.human)
    with open_project(path) as project:
        model.save(project.db)
        stored = project.db.execute("SELECT human_labels FROM project_model").fetchone()[0]
    assert stored == len(model.human)


def model_label(label: str) -> int:
    from interviewlens.classify.model import LABELS

    return LABELS.index(label)


def test_classify_file_writes_labels_and_probabilities(tmp_path, cli):
    source = tmp_path / "reponses.csv"
    pd.DataFrame({"id": [1, 2, 3], "reponse": [
        "il n'y a plus aucun commerce dans le bourg",
        "ce serait bien de créer un jumelage avec une ville italienne",
        "",
    ]}).to_csv(source, index=False)
    out = tmp_path / "codees.xlsx"
    result = cli("classify-file", source, "--column", "reponse", "-o", out)
    assert result.exit_code == 0, result.output
    coded = pd.read_excel(out, dtype=str)
    assert list(coded.columns[-7:]) == ["label", "confidence", "p_force", "p_faiblesse",
                                        "p_opportunite", "p_vigilance", "p_aucun"]
    assert coded.label.iloc[0] == "faiblesse" and coded.label.iloc[1] == "opportunite"
    assert pd.isna(coded.label.iloc[2])  # empty text: left uncoded
    probs = coded.iloc[:2, -5:].astype(float).sum(axis=1)
    assert np.allclose(probs, 1, atol=0.01)
    missing = cli("classify-file", source, "--column", "texte", "-o", tmp_path / "x.csv")
    assert missing.exit_code == 1 and "no column named 'texte'" in missing.stderr


def test_evaluate_with_simulation_on_the_demo_gold(cli):
    result = cli("evaluate", DEMO / "gold.csv", "--simulate")
    assert result.exit_code == 0, result.output
    assert re.search(r"macro-F1 0\.\d{3}\s+accuracy 0\.\d{3}\s+Cohen's kappa", result.output)
    curve = [float(v) for v in re.findall(r"after +\d+ corrections: (0\.\d+)", result.output)]
    assert len(curve) == 5
    assert curve[-1] > curve[0]  # the learning curve rises


def test_evaluate_rejects_unknown_gold_labels(tmp_path, cli):
    gold = tmp_path / "gold.csv"
    gold.write_text("text,label\nc'est bien,super\n", encoding="utf-8")
    result = cli("evaluate", gold)
    assert result.exit_code == 1
    assert "gold.csv, line 2: unknown label 'super'" in result.stderr
