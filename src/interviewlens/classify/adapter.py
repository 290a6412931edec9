"""The project's own model: a residual on top of the base model, learnt from human codes.

    logits = log P_base(code | segment) + x · W + b

`x` holds the base model's log-probabilities (so the residual can re-weigh the
base codes, e.g. when a project's speakers use "aucun"-looking phrasing for
judgements) and the main components of the segment's document vector, all
standardised. With no human decision W = 0 and the
project model is the base model; each human decision moves W by L-BFGS from the
previous solution (warm start), so an update takes milliseconds even with
thousands of decisions. The L2 penalty keeps the base model as the prior while
human labels, which are the only training data of the residual, weigh more as
they accumulate. Only numpy and scipy: the review UI can run it in a thread.
"""

from __future__ import annotations

import io
from dataclasses import dataclass

import numpy as np

N_CODES = 5
COLD_ITERATIONS = 60
WARM_ITERATIONS = 15
PRIOR_LABELS = 100.0
EPSILON = 1e-6


def _softmax(z: np.ndarray) -> np.ndarray:
    z = z - z.max(axis=1, keepdims=True)
    e = np.exp(z)
    return e / e.sum(axis=1, keepdims=True)


@dataclass
class ResidualAdapter:
    n_features: int
    l2: float = 1.0
    weights: np.ndarray | None = None  # (n_features + 1, N_CODES); last row is the bias
    labels_seen: int = 0

    def __post_init__(self) -> None:
        if self.weights is None:
            self.weights = np.zeros((self.n_features + 1, N_CODES))

    @staticmethod
    def _design(x: np.ndarray) -> np.ndarray:
        return np.hstack([x, np.ones((x.shape[0], 1), dtype=x.dtype)])

    def predict_proba(self, base_probs: np.ndarray, x: np.ndarray) -> np.ndarray:
        from threadpoolctl import threadpool_limits

        with threadpool_limits(1):  # small products: threads only add overhead
            weights = self.weights.astype(x.dtype)
            logits = np.log(base_probs + EPSILON) + x @ weights[:-1] + weights[-1]
            return _softmax(logits)

    def fit(self, base_probs: np.ndarray, x: np.ndarray, y: np.ndarray,
            sample_weight: np.ndarray | None = None, max_iter: int | None = None
            ) -> ResidualAdapter:
        """Fit on human codes `y` (indexes into LABELS), warm-starting from the current W:
        after one more code the optimum moves little, so few iterations suffice."""
        if max_iter is None:
            max_iter = WARM_ITERATIONS if self.labels_seen else COLD_ITERATIONS
        from scipy.optimize import minimize

        self.labels_seen = len(y)
        if len(y) == 0:
            self.weights = np.zeros_like(self.weights)
            return self
        design = self._design(x.astype(np.float64))
        offset = np.log(base_probs.astype(np.float64) + EPSILON)
        target = np.zeros((len(y), N_CODES))
        target[np.arange(len(y)), y] = 1.0
        weight = np.ones(len(y)) if sample_weight is None else sample_weight.astype(np.float64)
        total = weight.sum()
        shape = self.weights.shape
        # The prior (the base model) holds firmly over the first labels and yields as
        # human labels accumulate: the penalty shrinks as 1/N beyond PRIOR_LABELS.
        l2 = self.l2 * PRIOR_LABELS / max(float(total), PRIOR_LABELS)

        def loss(flat: np.ndarray) -> tuple[float, np.ndarray]:
            w = flat.reshape(shape)
            probs = _softmax(offset + design @ w)
            nll = -(weight * np.log((probs * target).sum(axis=1) + EPSILON)).sum() / total
            grad = design.T @ ((probs - target) * weight[:, None]) / total
            # The bias is penalised too: uncertainty sampling picks unrepresentative
            # segments, whose code frequencies must not shift every suggestion.
            return nll + 0.5 * l2 * (w ** 2).sum(), grad + l2 * w

        from threadpoolctl import threadpool_limits

        with threadpool_limits(1):
            result = minimize(loss, self.weights.ravel(), jac=True, method="L-BFGS-B",
                              options={"maxiter": max_iter})
        self.weights = result.x.reshape(shape)
        return self

    def to_bytes(self) -> bytes:
        buffer = io.BytesIO()
        np.save(buffer, self.weights, allow_pickle=False)
        return buffer.getvalue()

    @classmethod
    def from_bytes(cls, data: bytes, l2: float = 1.0) -> ResidualAdapter:
        weights = np.load(io.BytesIO(data), allow_pickle=False)
        return cls(weights.shape[0] - 1, l2=l2, weights=weights)


VECTOR_COMPONENTS = 64
BASIS_SAMPLE = 5000


def adapter_inputs(base_probs: np.ndarray, vectors: np.ndarray
                   ) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """The adapter's features for each segment: the base log-probabilities and the
    document vectors reduced to their main components (PCA on an evenly spaced sample,
    deterministic), standardised. Returns the features and the vectors' (mean, scale)."""
    vectors = vectors.astype(np.float32)
    mean = vectors.mean(axis=0)
    centred = vectors - mean
    step = max(1, len(centred) // BASIS_SAMPLE)
    sample = centred[::step]
    if len(sample) > VECTOR_COMPONENTS and centred.shape[1] > VECTOR_COMPONENTS:
        from threadpoolctl import threadpool_limits

        with threadpool_limits(1):
            _values, vectors_of = np.linalg.eigh(sample.T @ sample)  # ascending eigenvalues
            basis = vectors_of[:, ::-1][:, :VECTOR_COMPONENTS]
            centred = centred @ basis
    reduced, _mean, scale = standardise(centred)
    logs, _, _ = standardise(np.log(base_probs.astype(np.float32) + EPSILON))
    return np.hstack([logs, reduced]).astype(np.float32), mean, scale


def standardise(vectors: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Zero-mean, unit-variance columns; returns the data and the (mean, scale) used."""
    mean = vectors.mean(axis=0)
    scale = vectors.std(axis=0)
    scale[scale < 1e-6] = 1.0
    return (vectors - mean) / scale, mean, scale
