"""Features that carry the codebook's two axes (polarity, actual vs potential).

`featurize` runs spaCy once over the texts and returns a DataFrame that the
scikit-learn pipeline consumes (so the saved model holds only standard
scikit-learn objects):

- `text`: the lower-cased text without hesitations (*euh*, *ben*…) and with immediate
  repetitions collapsed (*on a on a* → *on a*), for character n-grams (robust to spelling
  and transcription noise);
- `lemmas`: lemmas with negation scope marked (`NEG_salle` in *il n'y a aucune
  salle*): negation flips polarity; hesitations and repetitions are left out, so that real
  speech (far more disfluent than the training statements) reads like them;
- `tail`: the lemmas of the main clause of a concession (after the last *mais*,
  *pourtant*…): in a concession the main clause wins;
- `m_*`: counts of verbal mood and tense (conditional, future, subjunctive,
  imperfect), modal verbs (*pouvoir, falloir, devoir, vouloir*), concessive
  connectives, negators, questions, cue-lexicon groups, length;
- `question`: lemmas of the interviewer's preceding question, prefixed `Q_`
  (empty when unknown): *qu'est-ce qui vous manque ?* frames the answer;
- `context`: lemmas of the neighbouring segments of the same turn, prefixed `B_`
  (before) and `A_` (after), and `m_before_*` / `m_after_*` counts of their mood, tense and
  cue groups: a judgement is often cut over two segments (*le festival c'est* / *vraiment ce
  qui fait vivre le village*), and *et ça c'est dommage* takes its object from before;
- `v_*`: the spaCy document vector.
"""

from __future__ import annotations

import math
import re
from collections.abc import Sequence
from typing import TYPE_CHECKING

from interviewlens.classify.lexicon import (
    BACKCHANNEL,
    CONCESSIVE,
    FILLERS,
    GROUPS,
    HESITATIONS,
    NEGATORS,
)

if TYPE_CHECKING:
    import pandas as pd
    from spacy.language import Language
    from spacy.tokens import Doc

MODALS = ("pouvoir", "falloir", "devoir", "vouloir", "aimer", "souhaiter")
NEGATION_WINDOW = 5
REPEAT_SPAN = 4  # longest word sequence whose immediate repetition is collapsed
BATCH_SIZE = 256
NUMERIC_PREFIX = "m_"
VECTOR_PREFIX = "v_"
# Pipeline components the features need: lemmas depend on the morphologizer.
DISABLED_COMPONENTS = ("parser", "ner")


def _bare(token_text: str) -> str:
    return token_text.lower().replace("’", "'")


def _negation_marks(doc: Doc) -> list[bool]:
    """True for tokens inside a negation's scope (a few tokens after a negator)."""
    marks = [False] * len(doc)
    remaining = 0
    for i, token in enumerate(doc):
        bare = _bare(token.text)
        if (token.is_punct and bare in {".", "!", "?", ";", ",", "…"}) or bare in CONCESSIVE:
            remaining = 0
        if bare in NEGATORS or token.lemma_.lower() in {"manquer", "manque"}:
            remaining = NEGATION_WINDOW
            continue
        if remaining:
            marks[i] = True
            remaining -= 1
    return marks


def _lemma(token) -> str:
    return _bare(token.lemma_ or token.text)


def _drop_repeat(items: list[str]) -> bool:
    """Remove an immediate repetition at the end of `items` (*c' est c' est* → *c' est*)."""
    bare = [item.removeprefix("NEG_") for item in items[-2 * REPEAT_SPAN:]]
    for n in range(1, REPEAT_SPAN + 1):
        if len(bare) >= 2 * n and bare[-n:] == bare[-2 * n:-n]:
            del items[-n:]
            return True
    return False


_HESITATION = re.compile(r"(?<![\w'-])(?:" + "|".join(sorted(HESITATIONS, key=len, reverse=True))
                         + r")(?![\w'-])")
_REPEAT = re.compile(r"(?<![\w'-])((?:[\w'-]+\s+){0,"
                     + str(REPEAT_SPAN - 1) + r"}[\w'-]+)(?:\s+\1)+(?![\w'-])")


def speech_text(text: str) -> str:
    """Lower-cased text without hesitations and with immediate repetitions collapsed."""
    cleaned = " ".join(_HESITATION.sub(" ", text.lower().replace("’", "'")).split())
    previous = None
    while previous != cleaned:
        previous, cleaned = cleaned, _REPEAT.sub(r"\1", cleaned)
    return cleaned


def _doc_features(doc: Doc) -> dict[str, object]:
    negated = _negation_marks(doc)
    lemmas: list[str] = []
    cut = 0
    counts: dict[str, float] = {
        "cond": 0, "fut": 0, "subj": 0, "imp": 0, "past": 0, "pres": 0, "inf": 0,
        "neg": 0, "concessive": 0, "question": 0, "backchannel": 0, "filler": 0,
        **{f"modal_{m}": 0 for m in MODALS},
        **{f"cue_{g}": 0 for g in GROUPS}, **{f"neg_cue_{g}": 0 for g in GROUPS},
        **{f"tail_cue_{g}": 0 for g in GROUPS},
    }
    for i, token in enumerate(doc):
        if token.is_space:
            continue
        bare, lemma = _bare(token.text), _lemma(token)
        morph = token.morph
        if "Cnd" in morph.get("Mood"):
            counts["cond"] += 1
        if "Sub" in morph.get("Mood"):
            counts["subj"] += 1
        tense = morph.get("Tense")
        counts["fut"] += "Fut" in tense
        counts["imp"] += "Imp" in tense
        counts["past"] += "Past" in tense
        counts["pres"] += "Pres" in tense and token.pos_ in {"VERB", "AUX"}
        counts["inf"] += "Inf" in morph.get("VerbForm")
        if lemma in MODALS:
            counts[f"modal_{lemma}"] += 1
        if bare in NEGATORS:
            counts["neg"] += 1
        if bare in CONCESSIVE:
            counts["concessive"] += 1
            cut = len(lemmas) + 1
        if bare == "?":
            counts["question"] += 1
        if bare in BACKCHANNEL:
            counts["backchannel"] += 1
        if bare in FILLERS:
            counts["filler"] += 1
        for group, words in GROUPS.items():
            if lemma in words or bare in words:
                counts[f"{'neg_' if negated[i] else ''}cue_{group}"] += 1
        if token.is_punct or bare in HESITATIONS:
            continue
        lemmas.append(f"NEG_{lemma}" if negated[i] else lemma)
        while _drop_repeat(lemmas):
            cut = min(cut, len(lemmas))
    tail = lemmas[cut:] if cut else lemmas
    for group, words in GROUPS.items():
        counts[f"tail_cue_{group}"] = sum(w.removeprefix("NEG_") in words for w in tail)
    n_words = sum(1 for t in doc if not t.is_punct and not t.is_space)
    counts["log_words"] = math.log1p(n_words)
    counts["backchannel_share"] = counts["backchannel"] / max(1, n_words)
    features: dict[str, object] = {
        "text": speech_text(doc.text),
        "lemmas": " ".join(lemmas),
        "tail": " ".join(tail),
    }
    features.update({f"{NUMERIC_PREFIX}{k}": float(v) for k, v in counts.items()})
    return features


def numeric_columns(frame: pd.DataFrame) -> list[str]:
    return [c for c in frame.columns if c.startswith((NUMERIC_PREFIX, VECTOR_PREFIX))]


def _question_features(doc: Doc | None) -> dict[str, object]:
    if doc is None:
        return {"question": "Q_NONE", **{f"{NUMERIC_PREFIX}q_cue_{g}": 0.0 for g in GROUPS},
                f"{NUMERIC_PREFIX}q_known": 0.0}
    lemmas = [_lemma(t) for t in doc if not t.is_punct and not t.is_space]
    features: dict[str, object] = {"question": " ".join(f"Q_{lemma}" for lemma in lemmas)}
    for group, words in GROUPS.items():
        features[f"{NUMERIC_PREFIX}q_cue_{group}"] = float(sum(w in words for w in lemmas))
    features[f"{NUMERIC_PREFIX}q_known"] = 1.0
    return features


CONTEXT_PREFIXES = (f"{NUMERIC_PREFIX}before_", f"{NUMERIC_PREFIX}after_")
CONTEXT_COUNTS = ("cond", "fut", "subj", "imp", "neg", "concessive", "question", "log_words",
                  *(f"cue_{g}" for g in GROUPS), *(f"neg_cue_{g}" for g in GROUPS),
                  *(f"tail_cue_{g}" for g in GROUPS))


def _context_features(before: dict[str, object] | None,
                      after: dict[str, object] | None) -> dict[str, object]:
    """What the neighbouring segments of the same turn say (`None`: no neighbour)."""
    words: list[str] = []
    features: dict[str, object] = {}
    for side, prefix, neighbour in (("before", "B_", before), ("after", "A_", after)):
        features[f"{NUMERIC_PREFIX}{side}_known"] = float(neighbour is not None)
        for name in CONTEXT_COUNTS:
            value = neighbour[f"{NUMERIC_PREFIX}{name}"] if neighbour is not None else 0.0
            features[f"{NUMERIC_PREFIX}{side}_{name}"] = value
        if neighbour is not None:
            words.extend(f"{prefix}{lemma}" for lemma in str(neighbour["lemmas"]).split())
    features["context"] = " ".join(words)
    return features


def featurize(texts: Sequence[str], nlp: Language, *, questions: Sequence[str] | None = None,
              context: Sequence[tuple[str, str]] | None = None,
              progress=None) -> pd.DataFrame:
    """One row of features per text (see the module docstring). `questions`, when given,
    holds the interviewer's question before each text ("" when there is none); `context`
    the segments just before and after each text in the same turn ("" when there is none).
    Each distinct text is parsed once, so neighbours that are themselves scored cost nothing.
    """
    import numpy as np

    texts = [" ".join(str(t).split()) or "." for t in texts]
    neighbours = [(" ".join(str(b).split()), " ".join(str(a).split()))
                  for b, a in (context if context is not None else [("", "")] * len(texts))]
    if len(neighbours) != len(texts):
        raise ValueError("featurize: one (before, after) pair per text")
    distinct = list(dict.fromkeys([*texts, *(n for pair in neighbours for n in pair if n)]))
    parsed: dict[str, dict[str, object]] = {}
    vector_of: dict[str, np.ndarray] = {}
    width = nlp.vocab.vectors_length or 0
    docs = nlp.pipe(distinct, batch_size=BATCH_SIZE)
    for count, (text, doc) in enumerate(zip(distinct, docs, strict=True)):
        parsed[text] = _doc_features(doc)
        vector_of[text] = (doc.vector if width and doc.has_vector
                           else np.zeros(width, dtype="float32"))
        if progress and count < len(texts):
            progress(1)
    rows: list[dict[str, object]] = []
    vectors: list[np.ndarray] = []
    for text, (before, after) in zip(texts, neighbours, strict=True):
        row = dict(parsed[text])
        row.update(_context_features(parsed.get(before) if before else None,
                                     parsed.get(after) if after else None))
        rows.append(row)
        vectors.append(vector_of[text])
    return _assemble(rows, vectors, width, questions, nlp)


def _assemble(rows: list[dict[str, object]], vectors: list, width: int,
              questions: Sequence[str] | None, nlp: Language) -> pd.DataFrame:
    import numpy as np
    import pandas as pd

    asked = [str(q).strip() for q in questions] if questions is not None else [""] * len(rows)
    distinct = list(dict.fromkeys(q for q in asked if q))
    question_features = {q: _question_features(doc) for q, doc in zip(
        distinct, nlp.pipe(distinct, batch_size=BATCH_SIZE), strict=True)}
    for question, row in zip(asked, rows, strict=True):
        row.update(question_features[question] if question else _question_features(None))
    frame = pd.DataFrame(rows)
    if width:
        matrix = np.vstack(vectors) if vectors else np.zeros((0, width), dtype="float32")
        vector_frame = pd.DataFrame(matrix, columns=[f"{VECTOR_PREFIX}{i}" for i in range(width)])
        frame = pd.concat([frame, vector_frame], axis=1)
    return frame
