"""Embedding backends behind one small interface: texts in, one row per text out.

- `SpacyVectorEmbedder` (default): mean of the static word vectors of a text's words
  (fr_core_news_md has 300-d vectors). Segments are embedded from their content lemmas.
- `LsaEmbedder`: TF-IDF + truncated SVD fitted on the corpus, for pipelines without vectors
  (fr_core_news_sm).
- `SentenceTransformerEmbedder`: a sentence-transformers model read from a local folder;
  never downloads (the hub is switched off before the library is imported).
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import TYPE_CHECKING, Protocol

import numpy as np

from interviewlens.errors import InputError

if TYPE_CHECKING:
    from spacy.vocab import Vocab


class Embedder(Protocol):
    name: str
    embeds_raw_text: bool  # True: segments are embedded from their text, not their lemmas

    def embed(self, texts: list[str]) -> np.ndarray: ...


def _safe_rows(matrix: np.ndarray) -> np.ndarray:
    """float32 rows; an all-zero row (no known word) becomes the mean row."""
    matrix = np.asarray(matrix, dtype=np.float32)
    empty = ~np.any(matrix, axis=1)
    if empty.any() and (~empty).any():
        matrix[empty] = matrix[~empty].mean(axis=0)
    return matrix


class SpacyVectorEmbedder:
    """Average of the spaCy vectors of the space-separated words of each text."""

    embeds_raw_text = False

    def __init__(self, vocab: Vocab, model: str):
        self.vectors = vocab.vectors
        self.strings = vocab.strings
        self.name = f"spacy-vectors:{model}"

    def embed(self, texts: list[str]) -> np.ndarray:
        table = self.vectors.data
        out = np.zeros((len(texts), table.shape[1]), dtype=np.float32)
        for i, text in enumerate(texts):
            words = text.split()
            if not words:
                continue
            rows = self.vectors.find(keys=[self.strings.add(w) for w in words])
            rows = rows[rows >= 0]
            if len(rows):
                out[i] = np.asarray(table[rows]).mean(axis=0)
        return out


class LsaEmbedder:
    """TF-IDF of the corpus reduced by truncated SVD (deterministic for a seed)."""

    embeds_raw_text = False
    name = "lsa"

    def __init__(self, corpus: list[str], *, seed: int = 0, dimensions: int = 100):
        from sklearn.decomposition import TruncatedSVD
        from sklearn.feature_extraction.text import TfidfVectorizer

        self.tfidf = TfidfVectorizer(token_pattern=r"[^ ]+", lowercase=False, sublinear_tf=True)
        matrix = self.tfidf.fit_transform([t or "_" for t in corpus] or ["_"])
        k = min(dimensions, matrix.shape[1] - 1, matrix.shape[0] - 1)
        self.svd = TruncatedSVD(n_components=k, random_state=seed) if k >= 2 else None
        if self.svd is not None:
            self.svd.fit(matrix)

    def embed(self, texts: list[str]) -> np.ndarray:
        matrix = self.tfidf.transform(texts)
        if self.svd is None:
            return matrix.toarray().astype(np.float32)
        return self.svd.transform(matrix).astype(np.float32)


class SentenceTransformerEmbedder:
    """A sentence-transformers model stored in a local folder."""

    embeds_raw_text = True

    def __init__(self, folder: Path, *, batch_size: int = 64):
        folder = Path(folder)
        if not (folder / "modules.json").is_file() and not (folder / "config.json").is_file():
            raise InputError(folder, "not a sentence-transformers model folder (no modules.json"
                             " or config.json)", "give the folder the model was saved into")
        go_offline()
        from sentence_transformers import SentenceTransformer

        try:
            self.model = SentenceTransformer(str(folder), device="cpu", local_files_only=True)
        except (OSError, ValueError) as exc:
            raise InputError(folder, f"cannot load the embedding model ({exc})",
                             "check that the folder holds a complete saved model") from exc
        self.batch_size = batch_size
        self.name = f"sentence-transformers:{folder.name}"

    def embed(self, texts: list[str]) -> np.ndarray:
        return self.model.encode(texts, batch_size=self.batch_size, show_progress_bar=False,
                                 convert_to_numpy=True).astype(np.float32)


def go_offline() -> None:
    """Forbid every hub access, even if huggingface_hub was imported before."""
    for name in ("HF_HUB_OFFLINE", "TRANSFORMERS_OFFLINE", "HF_HUB_DISABLE_TELEMETRY",
                 "HF_HUB_DISABLE_PROGRESS_BARS"):
        os.environ[name] = "1"
    import huggingface_hub.constants
    import transformers

    huggingface_hub.constants.HF_HUB_OFFLINE = True
    transformers.utils.logging.set_verbosity_error()
    transformers.utils.logging.disable_progress_bar()


def embed_documents(embedder: Embedder, texts: list[str]) -> np.ndarray:
    if not texts:
        return np.zeros((0, 1), dtype=np.float32)
    return _safe_rows(embedder.embed(texts))
