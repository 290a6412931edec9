"""Embedding backends: spaCy vectors, LSA, and a sentence-transformers model from a folder."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from interviewlens.errors import InputError
from interviewlens.topics.embeddings import (
    LsaEmbedder,
    SentenceTransformerEmbedder,
    SpacyVectorEmbedder,
    embed_documents,
    go_offline,
)

WORDS = "le la les de et jumelage école festival comité allemagne jeune association mairie"


def tiny_sentence_model(folder: Path) -> Path:
    """A randomly initialised 1-layer BERT saved as a sentence-transformers model (offline)."""
    go_offline()
    import torch
    from sentence_transformers import SentenceTransformer
    from sentence_transformers.sentence_transformer import modules as models
    from transformers import BertConfig, BertModel, BertTokenizerFast

    vocab = folder / "vocab.txt"
    vocab.write_text("\n".join(["[PAD]", "[UNK]", "[CLS]", "[SEP]", "[MASK]", *WORDS.split()]),
                     encoding="utf-8")
    torch.manual_seed(0)
    config = BertConfig(vocab_size=5 + len(WORDS.split()), hidden_size=16, num_hidden_layers=1,
                        num_attention_heads=2, intermediate_size=32, max_position_embeddings=64)
    BertModel(config).save_pretrained(folder / "bert")
    BertTokenizerFast(vocab_file=str(vocab), do_lower_case=True).save_pretrained(folder / "bert")
    model = SentenceTransformer(modules=[models.Transformer(str(folder / "bert")),
                                         models.Pooling(16)], device="cpu")
    model.save(str(folder / "st"))
    return folder / "st"


@pytest.fixture(scope="module")
def sentence_model(tmp_path_factory) -> Path:
    return tiny_sentence_model(tmp_path_factory.mktemp("st"))


def test_sentence_transformers_model_from_a_local_folder(sentence_model):
    embedder = SentenceTransformerEmbedder(sentence_model)
    vectors = embed_documents(embedder, ["le jumelage avec allemagne", "la mairie", "école"])
    assert vectors.shape == (3, 16) and vectors.dtype == np.float32
    again = SentenceTransformerEmbedder(sentence_model).embed(["le jumelage avec allemagne"])
    assert np.allclose(vectors[0], again[0], atol=1e-6)


def test_a_folder_without_a_model_is_a_clear_error(tmp_path):
    with pytest.raises(InputError, match="not a sentence-transformers model folder"):
        SentenceTransformerEmbedder(tmp_path)


def test_spacy_vectors_average_known_words():
    import spacy

    vocab = spacy.load("fr_core_news_md", exclude=["tok2vec", "morphologizer", "parser",
                                                   "attribute_ruler", "lemmatizer", "ner"]).vocab
    embedder = SpacyVectorEmbedder(vocab, "fr_core_news_md")
    vectors = embedder.embed(["jumelage allemagne", "zzzqqq", ""])
    assert vectors.shape == (3, 300)
    assert np.any(vectors[0]) and not np.any(vectors[1]) and not np.any(vectors[2])
    assert not (~np.any(embed_documents(embedder, ["jumelage", "zzzqqq"]), axis=1)).any()


def test_lsa_is_deterministic_and_handles_tiny_corpora():
    docs = ["jumelage allemagne comité", "école élève classe", "festival concert", "jumelage"]
    first = LsaEmbedder(docs, seed=1).embed(docs)
    assert np.array_equal(first, LsaEmbedder(docs, seed=1).embed(docs))
    assert LsaEmbedder(["seul"], seed=0).embed(["seul", "autre"]).shape[0] == 2
