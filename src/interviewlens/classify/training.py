"""`interviewlens train`: rebuild the base SWOT model from `corpora/swot-train/`.

The training corpus is every `*.csv` of the folder with columns `text,label`
(and optionally `question`, and `before`/`after`: the neighbouring segments of the same
turn, for segments cut from interviews). Training is deterministic: the same corpus and
configuration give the same model and the same version string.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from dataclasses import asdict, dataclass, replace
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING

from interviewlens.classify.model import LABELS, ModelConfig, SwotModel, fit_model
from interviewlens.errors import InputError

if TYPE_CHECKING:
    import pandas as pd

# The candidate designs, all variations of one five-way logistic regression; the shipped one
# is chosen on the "unseen interviews" figure (differences under 0.005 count as ties).
BASE = ModelConfig(kind="five-way", segment_weight=6.0, calibrate=False)
CANDIDATES = {
    "five-way, segments weigh 6": BASE,
    "five-way, segments weigh 3": replace(BASE, segment_weight=3.0),
    "five-way, segments weigh 1": replace(BASE, segment_weight=1.0),
    "five-way, balanced classes": replace(BASE, class_weight="balanced"),
    "five-way + vectors": replace(BASE, use_vectors=True),
    "two-axis": replace(BASE, kind="two-axis"),
    "five-way + context counts": replace(BASE, use_context=True),
    "five-way + context counts and words": replace(BASE, use_context=True, context_words=True),
}
SHIPPED = "five-way + context counts"
FINAL = replace(CANDIDATES[SHIPPED], calibrate=True)


@dataclass(frozen=True)
class Comparison:
    name: str
    macro_f1: float
    accuracy: float
    # Interview-held-out figures: segments of the interviews in `corpora/swot-train/
    # interviews/`, each interview's segments scored by a model that never saw it.
    segments_macro_f1: float | None = None
    segments_accuracy: float | None = None


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
        for optional in ("question", "before", "after", "file"):
            if optional not in frame.columns:
                frame[optional] = ""
        frames.append(frame[["text", "label", "question", "before", "after", "file", "source"]])
    corpus = pd.concat(frames, ignore_index=True)
    return corpus[corpus.text.str.strip() != ""].reset_index(drop=True)


def corpus_digest(corpus: pd.DataFrame, config: ModelConfig) -> str:
    digest = hashlib.sha256()
    for row in corpus.itertuples():
        context = f"\t{row.before}\t{row.after}" if row.before or row.after else ""
        origin = f"\t{row.source}:{row.file}" if row.file else ""  # decides the row's weight
        digest.update(f"{row.text}\t{row.label}\t{row.question}{context}{origin}\n".encode())
    digest.update(repr(sorted(asdict(config).items())).encode())
    return digest.hexdigest()[:12]


def _fold_predictions(features: pd.DataFrame, labels: pd.Series, weights, config: ModelConfig,
                      folds: list[tuple[object, object]]) -> list:
    """Fit one model per (train rows, test rows) fold, on all cores; predicted codes per fold."""
    import os

    import numpy as np
    from joblib import Parallel, delayed

    def run(train_rows, test_rows):
        model = fit_model(features.iloc[train_rows], labels.iloc[train_rows], config,
                          weights[train_rows])
        return np.array(LABELS)[model.predict_proba(features.iloc[test_rows]).argmax(axis=1)]

    jobs = min(len(folds), os.cpu_count() or 1)
    return Parallel(n_jobs=jobs)(delayed(run)(train, test) for train, test in folds)


def cross_validate(features: pd.DataFrame, corpus: pd.DataFrame, config: ModelConfig,
                   folds: int = 5, seed: int = 0) -> Comparison:
    """Stratified k-fold over all rows (statements and segments mixed)."""
    import numpy as np
    from sklearn.metrics import accuracy_score, f1_score
    from sklearn.model_selection import StratifiedKFold

    labels = corpus.label
    splits = list(StratifiedKFold(folds, shuffle=True, random_state=seed).split(features, labels))
    predicted = np.empty(len(labels), dtype=object)
    for (_train, test), codes in zip(splits, _fold_predictions(
            features, labels, row_weights(corpus, config), config, splits), strict=True):
        predicted[test] = codes
    return Comparison("", f1_score(labels, predicted, average="macro"),
                      accuracy_score(labels, predicted))


def interview_groups(corpus: pd.DataFrame) -> pd.Series:
    """Each interview segment's interview ("" for stand-alone statements)."""
    return (corpus.source + ":" + corpus.file).where(corpus.file != "", "")


def row_weights(corpus: pd.DataFrame, config: ModelConfig):
    """Sample weights: interview segments weigh `config.segment_weight`, statements 1."""
    import numpy as np

    return np.where(interview_groups(corpus).to_numpy() != "", config.segment_weight, 1.0)


def segment_cross_validate(features: pd.DataFrame, corpus: pd.DataFrame, config: ModelConfig,
                           folds: int = 5) -> Comparison | None:
    """Interview-held-out cross-validation: the interviews are split in `folds` groups; each
    group's segments are scored by a model trained on every statement and the other groups'
    segments. This is the figure closest to real use (whole interviews never seen)."""
    import numpy as np
    from sklearn.metrics import accuracy_score, f1_score
    from sklearn.model_selection import GroupKFold

    groups = interview_groups(corpus)
    segments = np.flatnonzero(groups.to_numpy() != "")
    if groups.iloc[segments].nunique() < folds:
        return None
    statements = np.flatnonzero(groups.to_numpy() == "")
    labels = corpus.label
    splits = [(np.concatenate([statements, segments[train]]), segments[test])
              for train, test in GroupKFold(folds).split(segments, groups=groups.iloc[segments])]
    predicted = np.empty(len(corpus), dtype=object)
    for (_train, test), codes in zip(splits, _fold_predictions(
            features, labels, row_weights(corpus, config), config, splits), strict=True):
        predicted[test] = codes
    gold = labels.iloc[segments]
    return Comparison("", f1_score(gold, predicted[segments], average="macro"),
                      accuracy_score(gold, predicted[segments]))


def train(corpus: pd.DataFrame, features: pd.DataFrame, config: ModelConfig,
          comparisons: list[Comparison] | None = None) -> SwotModel:
    """Fit the final model on the whole corpus and describe it."""
    model = fit_model(features, corpus.label, config, row_weights(corpus, config))
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


def compare(features: pd.DataFrame, corpus: pd.DataFrame,
            report: Callable[[Comparison], None] | None = None) -> list[Comparison]:
    """Every candidate design: 5-fold CV over all rows, and interview-held-out CV."""
    results = []
    for name, config in CANDIDATES.items():
        result = cross_validate(features, corpus, config)
        held_out = segment_cross_validate(features, corpus, config)
        result = Comparison(name, round(result.macro_f1, 4), round(result.accuracy, 4),
                            round(held_out.macro_f1, 4) if held_out else None,
                            round(held_out.accuracy, 4) if held_out else None)
        results.append(result)
        if report:
            report(result)
    return results
