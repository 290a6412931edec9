"""Agreement with a gold standard, and the simulated learning curve."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from interviewlens.classify.adapter import ResidualAdapter, adapter_inputs
from interviewlens.classify.model import LABELS
from interviewlens.classify.queue import uncertainty_order

CHECKPOINTS = (0, 25, 50, 100, 200)


@dataclass
class Agreement:
    per_class: dict[str, dict[str, float]]  # label -> precision, recall, f1, support
    macro_f1: float
    accuracy: float
    kappa: float
    confusion: np.ndarray  # rows: gold, columns: predicted, LABELS order


def agreement(gold: Sequence[str], predicted: Sequence[str]) -> Agreement:
    from sklearn.metrics import (
        accuracy_score,
        cohen_kappa_score,
        confusion_matrix,
        precision_recall_fscore_support,
    )

    labels = list(LABELS)
    precision, recall, f1, support = precision_recall_fscore_support(
        gold, predicted, labels=labels, zero_division=0)
    per_class = {
        label: {"precision": float(p), "recall": float(r), "f1": float(f), "support": int(s)}
        for label, p, r, f, s in zip(labels, precision, recall, f1, support, strict=True)
    }
    present = [label for label in labels if per_class[label]["support"] > 0]
    macro = float(np.mean([per_class[label]["f1"] for label in present])) if present else 0.0
    return Agreement(per_class, macro, float(accuracy_score(gold, predicted)),
                     float(cohen_kappa_score(gold, predicted, labels=labels)),
                     confusion_matrix(gold, predicted, labels=labels))


def simulate(base_probs: np.ndarray, vectors: np.ndarray, gold: Sequence[str],
             groups: Sequence[object], checkpoints: Sequence[int] = CHECKPOINTS,
             ) -> list[tuple[int, float]]:
    """Replay the gold as a human coder, most uncertain first (spread across `groups`).

    After each correction the project model is updated; at each checkpoint the macro-F1 on
    the segments not yet corrected is recorded.
    """
    gold_index = np.array([LABELS.index(g) for g in gold])
    x, _mean, _scale = adapter_inputs(base_probs, vectors)
    adapter = ResidualAdapter(x.shape[1])
    groups = list(groups)
    coded: list[int] = []
    curve: list[tuple[int, float]] = []
    probs = base_probs
    for target in sorted(set(checkpoints)):
        if target > len(gold) - 1:
            break
        while len(coded) < target:
            remaining = [i for i in range(len(gold)) if i not in set(coded)]
            order = uncertainty_order(probs[remaining], [groups[i] for i in remaining])
            coded.append(remaining[order[0]])
            adapter.fit(base_probs[coded], x[coded], gold_index[coded])
            probs = adapter.predict_proba(base_probs, x)
        rest = sorted(set(range(len(gold))) - set(coded))
        predicted = [LABELS[i] for i in probs[rest].argmax(axis=1)]
        curve.append((target, agreement([gold[i] for i in rest], predicted).macro_f1))
    return curve
