"""The SWOT model: a scikit-learn pipeline over `features.featurize` output.

Two designs are built from the same features and compared in training:

- `five-way`: one calibrated logistic regression over the five codes;
- `two-axis`: the codebook's two axes as two calibrated classifiers — polarity
  (positive / negative / none) and modality (actual / potential, trained on
  judged statements only) — combined as P(force) = P(positive)·P(actual), …,
  P(aucun) = P(none).

Text features are hashed (`HashingVectorizer` + `TfidfTransformer`), and buckets seen in
fewer than `MIN_DF` training texts are dropped (`VarianceThreshold` after their idf weight
is set to zero), as `min_df` does for a vocabulary: the saved model holds no vocabulary,
only arrays, so it loads in a few seconds.
Models are saved with skops (never pickle) and loaded only if every type in the
file is on the explicit trusted list below.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from interviewlens.domain import Label
from interviewlens.errors import InterviewLensError

if TYPE_CHECKING:
    import numpy as np
    import pandas as pd

LABELS: tuple[str, ...] = tuple(label.value for label in Label)
POLARITY = {"force": "pos", "opportunite": "pos", "faiblesse": "neg", "vigilance": "neg",
            "aucun": "none"}
MODALITY = {"force": "actual", "faiblesse": "actual", "opportunite": "potential",
            "vigilance": "potential"}
MODEL_FILE = "model.skops"
META_FILE = "model.json"
WORD_BITS = 18  # hashed lemma uni- and bigrams per text column: 2**WORD_BITS buckets
CHAR_BITS = 18  # hashed character 2–5-grams: 2**CHAR_BITS buckets
MIN_DF = 2  # a hashed bucket must occur in this many training texts to be kept

# Every type a saved model may contain; anything else makes loading fail.
TRUSTED_TYPES = [
    "builtins.dict", "builtins.list", "builtins.str", "builtins.tuple",
    "numpy.dtype", "numpy.ndarray", "numpy.float64", "numpy.int64", "numpy.str_",
    "scipy.sparse._csr.csr_matrix",
    "sklearn.calibration.CalibratedClassifierCV",
    "sklearn.calibration._CalibratedClassifier",
    "sklearn.calibration._SigmoidCalibration",
    "sklearn.compose._column_transformer.ColumnTransformer",
    "sklearn.feature_extraction.text.HashingVectorizer",
    "sklearn.feature_extraction.text.TfidfTransformer",
    "sklearn.feature_selection._variance_threshold.VarianceThreshold",
    "sklearn.linear_model._logistic.LogisticRegression",
    "sklearn.pipeline.Pipeline",
    "sklearn.preprocessing._data.StandardScaler",
    "sklearn.utils._bunch.Bunch",
    "collections.defaultdict",
    "builtins.slice",
    "builtins.bool",
    "builtins.int",
    "builtins.float",
    "builtins.NoneType",
]


@dataclass(frozen=True)
class ModelConfig:
    kind: str = "five-way"  # or "two-axis"
    C: float = 2.0  # chosen by cross-validation (0.5 / 1 / 2 / 4)
    use_vectors: bool = False
    calibrate: bool = True
    seed: int = 0
    class_weight: str | None = None  # or "balanced"
    use_context: bool = False  # counts of the neighbouring segments of the same turn
    context_words: bool = False  # and their lemmas (with use_context)
    segment_weight: float = 1.0  # weight of interview segments relative to statements


@dataclass
class SwotModel:
    """A trained model and what is known about it."""

    config: ModelConfig
    estimators: dict[str, Any]
    metadata: dict[str, Any] = field(default_factory=dict)

    @property
    def version(self) -> str:
        return str(self.metadata.get("version", "unversioned"))

    def predict_proba(self, features: pd.DataFrame) -> np.ndarray:
        """Probabilities, one column per code in `LABELS` order."""
        import numpy as np

        if self.config.kind == "five-way":
            estimator = self.estimators["five-way"]
            raw = estimator.predict_proba(features)
            order = [list(estimator.classes_).index(label) for label in LABELS]
            return raw[:, order]
        polarity, modality = self.estimators["polarity"], self.estimators["modality"]
        p = dict(zip(polarity.classes_, polarity.predict_proba(features).T, strict=True))
        m = dict(zip(modality.classes_, modality.predict_proba(features).T, strict=True))
        columns = {
            "force": p["pos"] * m["actual"], "faiblesse": p["neg"] * m["actual"],
            "opportunite": p["pos"] * m["potential"], "vigilance": p["neg"] * m["potential"],
            "aucun": p["none"],
        }
        return np.column_stack([columns[label] for label in LABELS])


def _pipeline(config: ModelConfig, numeric: list[str], vectors: list[str]):
    from sklearn.calibration import CalibratedClassifierCV
    from sklearn.compose import ColumnTransformer
    from sklearn.feature_extraction.text import HashingVectorizer, TfidfTransformer
    from sklearn.linear_model import LogisticRegression
    from sklearn.pipeline import Pipeline
    from sklearn.preprocessing import StandardScaler

    def hashed(bits: int, **options) -> Pipeline:
        return Pipeline([
            ("hash", HashingVectorizer(n_features=2**bits, alternate_sign=False, norm=None,
                                       **options)),
            ("tfidf", TfidfTransformer(sublinear_tf=True)),
            ("kept", "passthrough"),  # set by `_drop_rare_buckets`
        ])

    def words() -> Pipeline:
        return hashed(WORD_BITS, ngram_range=(1, 2), token_pattern=r"\S+", lowercase=False)

    parts = [
        ("lemmas", words(), "lemmas"),
        ("tail", words(), "tail"),
        ("question", words(), "question"),
        ("chars", hashed(CHAR_BITS, analyzer="char_wb", ngram_range=(2, 5)), "text"),
        ("numeric", StandardScaler(), numeric),
    ]
    if config.use_context and config.context_words:
        parts.insert(3, ("context", hashed(WORD_BITS, token_pattern=r"\S+", lowercase=False),
                         "context"))
    if config.use_vectors and vectors:
        parts.append(("vectors", StandardScaler(), vectors))
    classifier = LogisticRegression(C=config.C, max_iter=5000, random_state=config.seed,
                                    class_weight=config.class_weight)
    if config.calibrate:
        classifier = CalibratedClassifierCV(classifier, method="sigmoid", cv=5, ensemble=False)
    return Pipeline([("features", ColumnTransformer(parts)), ("classifier", classifier)])


def _drop_rare_buckets(columns: Any, frame: pd.DataFrame) -> None:
    """`min_df` for hashed text: zero the idf of buckets seen in fewer than `MIN_DF` texts
    (so they weigh nothing, in the l2 norm too), then keep only the buckets that remain
    (an all-zero row is appended so that a bucket present in every text is kept too)."""
    import numpy as np
    import scipy.sparse as sp
    from sklearn.feature_selection import VarianceThreshold

    for _name, transformer, column in columns.transformers_:
        steps = getattr(transformer, "named_steps", {})
        if "hash" not in steps:
            continue
        counts = steps["hash"].transform(frame[column])
        seen = np.bincount(counts.indices, minlength=counts.shape[1])
        idf = steps["tfidf"].idf_.copy()
        idf[seen < MIN_DF] = 0.0
        steps["tfidf"].idf_ = idf
        weighted = steps["tfidf"].transform(counts)
        padded = sp.vstack([weighted, sp.csr_matrix((1, weighted.shape[1]))])
        transformer.steps[-1] = ("kept", VarianceThreshold(0.0).fit(padded))


def fit_model(features: pd.DataFrame, labels: pd.Series, config: ModelConfig,
              sample_weight: np.ndarray | None = None) -> SwotModel:
    from interviewlens.classify.features import CONTEXT_PREFIXES, NUMERIC_PREFIX, VECTOR_PREFIX

    numeric = [c for c in features.columns if c.startswith(NUMERIC_PREFIX)
               and (config.use_context or not c.startswith(CONTEXT_PREFIXES))]
    vectors = [c for c in features.columns if c.startswith(VECTOR_PREFIX)]

    def fit(x: pd.DataFrame, y: pd.Series, w: np.ndarray | None):
        pipeline = _pipeline(config, numeric, vectors)
        columns, classifier = pipeline.named_steps["features"], pipeline.named_steps["classifier"]
        columns.fit(x)
        _drop_rare_buckets(columns, x)
        matrix = columns.transform(x)
        if w is None:
            classifier.fit(matrix, y)
        else:
            classifier.fit(matrix, y, sample_weight=w)
        return pipeline

    if config.kind == "five-way":
        return SwotModel(config, {"five-way": fit(features, labels, sample_weight)})
    polarity = labels.map(POLARITY)
    modality = labels.map(MODALITY)
    judged = modality.notna().to_numpy()
    return SwotModel(config, {
        "polarity": fit(features, polarity, sample_weight),
        "modality": fit(features[judged], modality[judged],
                        None if sample_weight is None else sample_weight[judged]),
    })


def save_model(model: SwotModel, folder: Path) -> None:
    import zipfile

    import skops.io as sio

    folder.mkdir(parents=True, exist_ok=True)
    sio.dump({"kind": model.config.kind, **model.estimators}, folder / MODEL_FILE,
             compression=zipfile.ZIP_DEFLATED, compresslevel=9)
    metadata = {**model.metadata, "config": model.config.__dict__}
    (folder / META_FILE).write_text(json.dumps(metadata, indent=2, ensure_ascii=False) + "\n",
                                    encoding="utf-8")


def types_in_file(path: Path) -> set[str]:
    """Every `module.Class` a skops file would build, read from its JSON schema (no code runs).

    skops trusts many scikit-learn types by default; we check against our own explicit list.
    """
    import zipfile

    with zipfile.ZipFile(path) as archive:
        schema = json.loads(archive.read("schema.json"))
    found: set[str] = set()

    def walk(node: object) -> None:
        if isinstance(node, dict):
            if "__class__" in node and "__module__" in node:
                found.add(f"{node['__module__']}.{node['__class__']}")
            for value in node.values():
                walk(value)
        elif isinstance(node, list):
            for value in node:
                walk(value)

    walk(schema)
    return found


def load_model(folder: Path) -> SwotModel:
    """Load a model folder, refusing any file that holds a type not on the trusted list."""
    import skops.io as sio

    path = folder / MODEL_FILE
    if not path.is_file():
        raise InterviewLensError(f"{path}: no model here — run `interviewlens train` "
                                 "or point --model to a model folder")
    try:
        present = types_in_file(path)
        untrusted = sio.get_untrusted_types(file=path)
    except Exception as exc:  # a damaged or foreign file
        raise InterviewLensError(f"{path}: not a readable skops model ({type(exc).__name__}) — "
                                 "retrain with `interviewlens train`") from exc
    refused = sorted((present | set(untrusted)) - set(TRUSTED_TYPES))
    if refused:
        raise InterviewLensError(f"{path}: refused, it contains types that are not trusted "
                                 f"({', '.join(refused[:3])}) — only load models you trained")
    try:
        content = sio.load(path, trusted=sorted(set(untrusted)))
        metadata = json.loads((folder / META_FILE).read_text(encoding="utf-8"))
    except Exception as exc:
        raise InterviewLensError(f"{path}: cannot load the model ({type(exc).__name__}: {exc}) — "
                                 "retrain with `interviewlens train`") from exc
    config = ModelConfig(**metadata.get("config", {}))
    estimators = {k: v for k, v in content.items() if k != "kind"}
    return SwotModel(config, estimators, metadata)
