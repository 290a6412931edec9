"""Saving and loading models: skops only, trusted types only; reproducible training."""

import pickle
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from interviewlens.classify.features import DISABLED_COMPONENTS, featurize
from interviewlens.classify.model import ModelConfig, load_model, save_model
from interviewlens.classify.training import load_training_corpus, train
from interviewlens.errors import InputError, InterviewLensError
from interviewlens.nlp.loading import load_french
from tests.conftest import REPO

FAST = ModelConfig(calibrate=False)


@pytest.fixture(scope="module")
def small_corpus(tmp_path_factory) -> Path:
    """300 statements of the real training corpus, balanced by code."""
    corpus = load_training_corpus(REPO / "corpora" / "swot-train")
    sample = corpus.groupby("label").sample(30, random_state=1)
    folder = tmp_path_factory.mktemp("corpus")
    sample[["text", "label", "question"]].to_csv(folder / "sample.csv", index=False)
    return folder


@pytest.fixture(scope="module")
def nlp():
    return load_french("fr_core_news_sm", DISABLED_COMPONENTS)


def test_training_is_reproducible_and_the_model_round_trips(small_corpus, nlp, tmp_path):
    corpus = load_training_corpus(small_corpus)
    features = featurize(corpus.text.tolist(), nlp, questions=corpus.question.tolist())
    first = train(corpus, features, FAST)
    second = train(load_training_corpus(small_corpus), features.copy(), FAST)
    assert first.version == second.version
    assert np.allclose(first.predict_proba(features), second.predict_proba(features))
    save_model(first, tmp_path / "m")
    loaded = load_model(tmp_path / "m")
    assert loaded.version == first.version
    probs = loaded.predict_proba(features)
    assert np.allclose(probs, first.predict_proba(features))
    assert np.allclose(probs.sum(axis=1), 1)


def test_a_model_with_an_untrusted_type_is_refused(tmp_path):
    import skops.io as sio
    from sklearn.svm import SVC

    folder = tmp_path / "foreign"
    folder.mkdir()
    sio.dump({"kind": "five-way", "five-way": SVC()}, folder / "model.skops")
    (folder / "model.json").write_text("{}")
    with pytest.raises(InterviewLensError, match="refused, it contains types that are not trusted"):
        load_model(folder)


def test_a_pickle_renamed_as_a_model_is_refused(tmp_path):
    folder = tmp_path / "pickled"
    folder.mkdir()
    (folder / "model.skops").write_bytes(pickle.dumps({"kind": "five-way"}))
    with pytest.raises(InterviewLensError, match="not a readable skops model"):
        load_model(folder)


def test_training_corpus_errors_are_located(tmp_path):
    pd.DataFrame({"text": ["bien"], "label": ["menace"]}).to_csv(tmp_path / "x.csv", index=False)
    with pytest.raises(InputError) as caught:
        load_training_corpus(tmp_path)
    assert "unknown label 'menace'" in str(caught.value) and caught.value.line == 2


def test_features_mark_negation_scope_and_the_main_clause(nlp):
    frame = featurize(["il n'y a aucune salle pour les associations mais on se débrouille"], nlp,
                      questions=["qu'est-ce qui manque ?"])
    assert "NEG_salle" in frame.lemmas[0]
    assert frame["tail"][0].split()[0] == "on"  # after "mais"
    assert frame["question"][0].startswith("Q_")
    conditional = featurize(["on pourrait aller chercher des fonds européens"], nlp)
    assert conditional["m_cond"][0] >= 1 and conditional["m_modal_pouvoir"][0] == 1
