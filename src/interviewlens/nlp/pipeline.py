"""The spaCy stage: tokens, lemmas, content words and entities of each segment.

The parser is disabled (nothing here needs syntax); the morphologizer stays because French
lemmas depend on its part-of-speech tags. Texts go through `nlp.pipe` in batches.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING

from interviewlens.nlp.loading import DEFAULT_MODEL, load_french
from interviewlens.nlp.ruler import (
    ACRONYM_KINDS,
    RULER_NAME,
    TokenView,
    actor_patterns,
    add_actor_ruler,
    demonym_patterns,
    refine_entities,
)
from interviewlens.nlp.vocabulary import filler_phrase_mask, is_wordlike, noise_words, stop_words

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc

DISABLED = ("parser",)
CONTENT_POS = frozenset({"NOUN", "PROPN", "ADJ", "VERB"})
BATCH_SIZE = 256
_ANNOTATION = re.compile(r"\[[^\]\n]{0,60}\]|\((?:rire|rires|inaudible|bruit|pause)[^)\n]{0,30}\)",
                         re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class EntitySpan:
    start: int  # character offsets inside the segment text
    end: int
    text: str
    label: str
    kind: str | None
    source: str  # "ner" or "ruler"


@dataclass(frozen=True, slots=True)
class Annotation:
    tokens: list[str]
    lemmas: list[str]
    pos: list[str]
    content: list[str]
    words: int
    entities: list[EntitySpan]


@lru_cache(maxsize=2)
def analysis_nlp(model: str = DEFAULT_MODEL) -> Language:
    """The French pipeline used by `analyse`: parser off, actor ruler before the NER.

    Its own object (the uncached loader): adding the ruler must not change the pipeline
    other stages get from `load_french`.
    """
    return add_actor_ruler(load_french.__wrapped__(model, disable=DISABLED))


def pipeline_key(nlp: Language) -> str:
    """Identifies what produced an annotation: model, version, patterns and word lists."""
    from interviewlens.nlp import ruler

    recipe = [actor_patterns(nlp), demonym_patterns(), sorted(noise_words()),
              sorted(CONTENT_POS), ruler.ACRONYMS, ruler.NAMED_HEADS, ruler.QUALIFIERS,
              ruler.LINKS, _ANNOTATION.pattern, ruler.RULER_VERSION]
    digest = hashlib.sha256(json.dumps(recipe, sort_keys=True).encode()).hexdigest()[:10]
    return f"{model_name(nlp)}@{nlp.meta['version']}+ruler-{digest}"


def model_name(nlp: Language) -> str:
    return f"{nlp.meta.get('lang', 'fr')}_{nlp.meta['name']}"


def annotation_of(doc: Doc, noise: frozenset[str],
                  memo: dict[tuple[str, str], str] | None = None) -> Annotation:
    """Tokens, lemmas, tags, content lemmas and entities of one processed text.

    The tokens are walked once (each walk builds a Python object per token: it shows), and
    the content decision is memoised per (lemma, form, tag).
    """
    memo = {} if memo is None else memo
    rows = [(t.text, t.lemma_, t.pos_, t.ent_iob) for t in doc]
    if not rows:
        return Annotation([], [], [], [], 0, [])
    tokens = [r[0] for r in rows]
    lemmas = [r[1] for r in rows]
    pos = [r[2] for r in rows]
    text = doc.text  # built from the tokens on every access: once
    if "’" in text:
        lowers = [w.lower().replace("’", "'") for w in tokens]
    else:
        lowers = [w.lower() for w in tokens]
    fillers = filler_phrase_mask(lowers)
    skipped: set[int] = set()
    if "[" in text or "(" in text:
        for match in _ANNOTATION.finditer(text):
            span = doc.char_span(match.start(), match.end(), alignment_mode="expand")
            if span is not None:
                skipped.update(range(span.start, span.end))
    content: list[str] = []
    words = 0
    for i, row in enumerate(rows):
        tag = row[2]
        if tag in _NOT_WORDS:
            continue
        words += 1
        if tag not in CONTENT_POS or fillers[i] or i in skipped:
            continue
        key = (row[1], lowers[i])
        lemma = memo.get(key)
        if lemma is None:
            lemma = memo[key] = _content_lemma(row[1], lowers[i], noise)
        if lemma:
            content.append(lemma)
    # doc.ents walks every token: only call it when one token begins an entity (IOB 3).
    ents = [(e.start, e.end, e.label_, e.ent_id_) for e in doc.ents] if any(
        r[3] == 3 for r in rows) else []
    entities = []
    if ents or any(t in ACRONYM_KINDS for t in tokens):
        view = TokenView(tokens, lowers, pos, stop_words())
        for s, e, label, kind in refine_entities(ents, view):
            if skipped.isdisjoint(range(s, e)):
                span = doc[s:e]
                entities.append(EntitySpan(span.start_char, span.end_char, span.text, label,
                                           kind or None, "ruler" if kind else "ner"))
    return Annotation(tokens, lemmas, pos, content, words, entities)


_NOT_WORDS = frozenset({"PUNCT", "SPACE", "SYM"})


def _content_lemma(lemma: str, lower: str, noise: frozenset[str]) -> str:
    """The lower-case lemma of a content word, '' for noise."""
    lemma = lemma.lower().replace("’", "'")
    if lemma in noise or lower in noise or not is_wordlike(lemma):
        return ""
    return lemma


def annotate(texts: Iterable[str], nlp: Language, *,
             batch_size: int = BATCH_SIZE) -> Iterator[Annotation]:
    """Annotate texts in order, streaming through `nlp.pipe`."""
    noise = noise_words()
    memo: dict[tuple[str, str], str] = {}  # (lemma, form) → content lemma or ''
    for doc in nlp.pipe(texts, batch_size=batch_size):
        yield annotation_of(doc, noise, memo)


def model_has_vectors(nlp: Language) -> bool:
    return nlp.vocab.vectors.shape[0] > 0


__all__ = ["RULER_NAME", "Annotation", "EntitySpan", "analysis_nlp", "annotate",
           "model_has_vectors", "pipeline_key"]
