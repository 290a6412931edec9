"""The training corpus: interview segments match what interviewlens cuts today, with context."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest

from interviewlens.classify.context import turn_neighbours
from interviewlens.classify.training import interview_groups, load_training_corpus
from interviewlens.ingest.pipeline import IngestOptions, ingest
from tests.conftest import REPO

TRAIN = REPO / "corpora" / "swot-train"
INTERVIEW_SETS = sorted(p for p in (TRAIN / "interviews").iterdir() if p.is_dir())


def test_the_corpus_mixes_statements_and_interview_segments():
    corpus = load_training_corpus(TRAIN)
    groups = interview_groups(corpus)
    segments = corpus[groups != ""]
    assert len(corpus) >= 2000 and len(segments) >= 1000
    assert groups[groups != ""].nunique() >= 25  # whole interviews, for interview-held-out CV
    # Segments inside a turn have neighbours; stand-alone statements never do.
    assert (segments.before != "").mean() > 0.3
    assert (corpus[groups == ""].before == "").all()
    assert set(corpus.label) == {"force", "faiblesse", "opportunite", "vigilance", "aucun"}


@pytest.mark.parametrize("folder", INTERVIEW_SETS, ids=lambda p: p.name)
def test_coded_segments_are_exactly_what_the_segmenter_cuts(folder: Path, tmp_path):
    """If segmentation changes, the hand codes must be carried over (scripts/coding_sheet.py)."""
    project = tmp_path / "set.ilens"
    report = ingest(project, [folder], IngestOptions(manifest=folder / "manifest.yaml"))
    assert not report.errors, [str(e) for e in report.errors]
    sheet = tmp_path / "sheet.csv"
    done = subprocess.run([sys.executable, str(REPO / "scripts" / "coding_sheet.py"), str(project),
                           "-o", str(sheet)], capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stderr
    fresh = pd.read_csv(sheet, dtype=str, keep_default_na=False)
    coded = pd.read_csv(TRAIN / f"part7-{folder.name}.csv", dtype=str, keep_default_na=False)
    columns = ["file", "turn", "segment", "question", "before", "text", "after"]
    assert coded[columns].equals(fresh[columns])


def test_turn_neighbours_stop_at_the_turn():
    texts = ["a", "b", "c", "d"]
    assert turn_neighbours(texts, [1, 1, 1, 2]) == [("", "b"), ("a", "c"), ("b", ""), ("", "")]


def test_unseen_interview_cross_validation_never_scores_a_segment_with_its_own_interview():
    from interviewlens.classify.features import DISABLED_COMPONENTS, featurize
    from interviewlens.classify.model import LABELS, ModelConfig
    from interviewlens.classify.training import segment_cross_validate, train
    from interviewlens.nlp.loading import load_french

    corpus = load_training_corpus(TRAIN)
    groups = interview_groups(corpus)
    interviews = sorted(groups[groups != ""].unique())[:6]
    sample = pd.concat([corpus[groups == ""].groupby("label").sample(20, random_state=0),
                        corpus[groups.isin(interviews)]]).reset_index(drop=True)
    nlp = load_french("fr_core_news_sm", DISABLED_COMPONENTS)
    features = featurize(sample.text.tolist(), nlp, questions=sample.question.tolist())
    config = ModelConfig(calibrate=False, segment_weight=3.0)
    held_out = segment_cross_validate(features, sample, config)
    assert held_out is not None and 0.2 < held_out.macro_f1 < 0.95
    # Scored by a model that saw them, the same segments are nearly all right.
    seen = train(sample, features, config)
    segments = (interview_groups(sample) != "").to_numpy()
    predicted = [LABELS[i] for i in seen.predict_proba(features[segments]).argmax(axis=1)]
    in_sample = (pd.Series(predicted) == sample.label[segments].reset_index(drop=True)).mean()
    assert in_sample > held_out.accuracy + 0.1


def test_the_model_version_follows_everything_that_shapes_the_model():
    from interviewlens.classify.training import FINAL, corpus_digest

    corpus = load_training_corpus(TRAIN)
    segment = corpus[interview_groups(corpus) != ""].head(20).reset_index(drop=True)
    base = corpus_digest(segment, FINAL)
    assert corpus_digest(segment.copy(), FINAL) == base
    as_statements = segment.assign(file="")  # same texts, but weighed as statements
    relabelled = segment.assign(label=segment.label.where(segment.index != 0, "aucun"
                                if segment.label[0] != "aucun" else "force"))
    requestioned = segment.assign(question="et les jeunes ?")
    for changed in (as_statements, relabelled, requestioned):
        assert corpus_digest(changed, FINAL) != base
    assert corpus_digest(segment, FINAL.__class__(segment_weight=3.0)) != base
