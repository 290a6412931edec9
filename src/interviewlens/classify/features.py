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
- `v_*`: the spaCy document vector.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable, Sequence
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


def featurize(texts: Sequence[str], nlp: Language, *, questions: Sequence[str] | None = None,
              progress=None) -> pd.DataFrame:
    """One row of features per text (see the module docstring). `questions`, when given,
    holds the interviewer's question before each text ("" when there is none)."""
    import numpy as np
    import pandas as pd

    rows: list[dict[str, object]] = []
    vectors: list[np.ndarray] = []
    width = nlp.vocab.vectors_length or 0
    for doc in nlp.pipe(_clean(texts), batch_size=BATCH_SIZE):
        rows.append(_doc_features(doc))
        vectors.append(doc.vector if width and doc.has_vector else np.zeros(width, dtype="float32"))
        if progress:
            progress(1)
    asked = list(questions) if questions is not None else [""] * len(rows)
    known = [i for i, q in enumerate(asked) if str(q).strip()]
    question_docs = dict(zip(known, nlp.pipe((str(asked[i]) for i in known),
                                             batch_size=BATCH_SIZE), strict=True))
    for i, row in enumerate(rows):
        row.update(_question_features(question_docs.get(i)))
    frame = pd.DataFrame(rows)
    if width:
        matrix = np.vstack(vectors) if vectors else np.zeros((0, width), dtype="float32")
        vector_frame = pd.DataFrame(matrix, columns=[f"{VECTOR_PREFIX}{i}" for i in range(width)])
        frame = pd.concat([frame, vector_frame], axis=1)
    return frame


def _clean(texts: Iterable[str]) -> Iterable[str]:
    for text in texts:
        yield " ".join(str(text).split()) or "."
