"""Scoring texts with a saved model: spaCy features → probabilities (+ vectors)."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import numpy as np

from interviewlens.classify.features import DISABLED_COMPONENTS, VECTOR_PREFIX, featurize
from interviewlens.classify.model import SwotModel, load_model
from interviewlens.nlp.loading import DEFAULT_MODEL, load_french

DEFAULT_MODEL_DIR = Path(__file__).resolve().parents[3] / "models" / "swot-base"


@dataclass
class Scores:
    probs: np.ndarray  # (n, 5) in LABELS order
    vectors: np.ndarray  # (n, d) spaCy document vectors


def resolve_model_dir(model_dir: Path | None) -> Path:
    return model_dir if model_dir is not None else DEFAULT_MODEL_DIR


@lru_cache(maxsize=2)
def _cached_model(folder: str, modified: float) -> SwotModel:
    return load_model(Path(folder))


def cached_model(model_dir: Path | None) -> SwotModel:
    """Load a model folder once per process (reloaded if the file changes)."""
    folder = resolve_model_dir(model_dir)
    path = folder / "model.skops"
    modified = path.stat().st_mtime if path.exists() else 0.0
    return _cached_model(str(folder.resolve()), modified)


def score_texts(texts: Sequence[str], *, questions: Sequence[str] | None = None,
                context: Sequence[tuple[str, str]] | None = None,
                model: SwotModel | None = None, model_dir: Path | None = None,
                spacy_model: str = DEFAULT_MODEL,
                progress: Callable[[int], None] | None = None) -> tuple[SwotModel, Scores]:
    model = model or cached_model(model_dir)
    nlp = load_french(spacy_model, DISABLED_COMPONENTS)
    features = featurize(texts, nlp, questions=questions, context=context,
                         progress=progress)
    vectors = features[[c for c in features.columns if c.startswith(VECTOR_PREFIX)]].to_numpy(
        dtype=np.float32)
    return model, Scores(model.predict_proba(features), vectors)
