"""`interviewlens train`: rebuild the base SWOT model from `corpora/swot-train/`.

The training corpus is every `*.csv` of the folder with columns `text,label`
(and optionally `question`). Training is deterministic: the same corpus and
configuration give the same model and the same version string.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from dataclasses import asdict, dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING

from interviewlens.classify.model import LABELS, ModelConfig, SwotModel, fit_model
from interviewlens.errors import InputError

if TYPE_CHECKING:
    import pandas as pd

CANDIDATES = {
    "five-way": ModelConfig(kind="five-way", calibrate=False),
    "five-way, balanced classes": ModelConfig(kind="five-way", calibrate=False,
                                              class_weight="balanced"),
    "five-way + vectors": ModelConfig(kind="five-way", use_vectors=True, calibrate=False),
    "two-axis": ModelConfig(kind="two-axis", calibrate=False),
}


@dataclass(frozen=True)
class Comparison:
    name: str
    macro_f1: float
    accuracy: float


def load_training_corpus(folder: Path) -> pd.DataFrame:
    """All statements of the training folder, checked."""
    import pandas as pd

    files = sorted(folder.glob("*.csv"))
    if not files:
        raise InputError(folder, "no training CSV files here", "expected corpora/swot-train/*.csv")
    frames = []
    for path in files:
        frame = pd.read_csv(path, dtype=str, keep_default_na=False)
        missing = {"text", "label"} - set(frame.columns)
        if missing:
            raise InputError(path, f"missing column(s) {', '.join(sorted(missing))}",
                             "training files need text and label columns", line=1)
        bad = frame[~frame.label.isin(LABELS)]
        if len(bad):
            raise InputError(path, f"unknown label {bad.label.iloc[0]!r}",
                             f"use one of {', '.join(LABELS)}", line=int(bad.index[0]) + 2)
        frame["source"] = path.name
        if "question" not in frame.columns:
            frame["question"] = ""
        frames.append(frame[["text", "label", "question", "source"]])
    corpus = pd.concat(frames, ignore_index=True)
    return corpus[corpus.text.str.strip() != ""].reset_index(drop=True)


def corpus_digest(corpus: pd.DataFrame, config: ModelConfig) -> str:
    digest = hashlib.sha256()
    for row in corpus.itertuples():
        digest.update(f"{row.text}\t{row.label}\t{row.question}\n".encode())
    digest.update(repr(sorted(asdict(config).items())).encode())
    return digest.hexdigest()[:12]


def cross_validate(features: pd.DataFrame, labels: pd.Series, config: ModelConfig,
                   folds: int = 5, seed: int = 0) -> Comparison:
    import numpy as np
    from sklearn.metrics import accuracy_score, f1_score
    from sklearn.model_selection import StratifiedKFold

    predicted = np.empty(len(labels), dtype=object)
    splitter = StratifiedKFold(folds, shuffle=True, random_state=seed)
    for train, test in splitter.split(features, labels):
        model = fit_model(features.iloc[train], labels.iloc[train], config)
        probabilities = model.predict_proba(features.iloc[test])
        predicted[test] = np.array(LABELS)[probabilities.argmax(axis=1)]
    return Comparison("", f1_score(labels, predicted, average="macro"),
                      accuracy_score(labels, predicted))


def train(corpus: pd.DataFrame, features: pd.DataFrame, config: ModelConfig,
          comparisons: list[Comparison] | None = None) -> SwotModel:
    """Fit the final model on the whole corpus and describe it."""
    model = fit_model(features, corpus.label, config)
    digest = corpus_digest(corpus, config)
    model.metadata = {
        "version": f"swot-base-{digest}",
        "trained_at": datetime.now(UTC).date().isoformat(),
        "labels": list(LABELS),
        "training_rows": len(corpus),
        "training_files": sorted(corpus.source.unique().tolist()),
        "label_counts": corpus.label.value_counts().to_dict(),
        "comparison": [asdict(c) for c in comparisons or []],
    }
    return model


def compare(features: pd.DataFrame, labels: pd.Series,
            report: Callable[[Comparison], None] | None = None) -> list[Comparison]:
    results = []
    for name, config in CANDIDATES.items():
        result = cross_validate(features, labels, config)
        result = Comparison(name, round(result.macro_f1, 4), round(result.accuracy, 4))
        results.append(result)
        if report:
            report(result)
    return results
