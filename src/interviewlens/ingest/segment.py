"""Cutting an interviewee turn into segments a coder can judge.

Unpunctuated speech defeats sentence splitters (on CFPP2000, spaCy's
`fr_core_news_md` yields "sentences" of up to 316 tokens), so we combine what
the format offers: sentence punctuation where present, the format's own
boundaries (sync points, pauses, cues, paragraphs), discourse markers and
commas, and a length bound.

1. Cut after sentence-final punctuation; glue fragments of fewer than
   `MIN_WORDS` words to a neighbour.
2. Any piece longer than `SPLIT_ABOVE` words is cut recursively at its best
   boundary (format boundary > discourse marker or weak punctuation > "et"),
   choosing among the best-scored boundaries the one nearest the middle, so
   that both halves keep at least `MIN_PIECE` words.

Offsets are character offsets into the turn text; whitespace between segments
belongs to no segment.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

SPLIT_ABOVE = 40
MIN_WORDS = 4
MIN_PIECE = 8

_WORD = re.compile(r"\S+")
_SENTENCE_END = re.compile(r"(?:[.!?…]|\.\.\.)[»\"')\]]*$")
_WEAK_PUNCT = re.compile(r"[,;:]$|\.\.\.$|…$")
_ABBREVIATIONS = {
    "m.", "mm.", "mme.", "mlle.", "dr.", "st.", "ste.", "etc.", "p.", "cf.", "ex.", "av.",
    "bd.", "n°.", "vol.", "env.", "min.", "max.", "tél.", "réf.",
}
# A boundary *before* these words is a good place to cut unpunctuated speech.
_MARKERS = {
    "mais", "donc", "alors", "parce", "puisque", "enfin", "bref", "sinon", "ensuite",
    "puis", "après", "maintenant", "seulement", "pourtant", "cependant", "néanmoins",
    "toutefois", "d'ailleurs", "ailleurs", "franchement", "bon", "ben", "voilà",
    "autrement", "quand", "heureusement", "malheureusement", "justement",
}
_TWO_WORD_MARKERS = {
    ("du", "coup"), ("en", "fait"), ("par", "contre"), ("c'est-à-dire", "que"),
    ("et", "puis"), ("en", "revanche"), ("en", "plus"), ("de", "toute"), ("au", "niveau"),
}

SCORE_FORMAT = 3
SCORE_MARKER = 2
SCORE_ET = 1


@dataclass(frozen=True)
class Word:
    start: int
    end: int
    text: str


def _words(text: str) -> list[Word]:
    return [Word(m.start(), m.end(), m.group()) for m in _WORD.finditer(text)]


def _ends_sentence(word: str) -> bool:
    lowered = word.lower()
    if lowered in _ABBREVIATIONS or re.fullmatch(r"(?:[A-ZÀ-Ý]\.)+", word):
        return False
    return bool(_SENTENCE_END.search(word)) and not re.fullmatch(r"\d+\.", word)


def _boundary_scores(words: list[Word], chunk_starts: set[int]) -> list[int]:
    """scores[i] = how good it is to cut before word i (0 = never)."""
    scores = [0] * len(words)
    for i in range(1, len(words)):
        previous, word = words[i - 1], words[i]
        bare = word.text.lower().strip(",;:.!?…\"'«»()")
        previous_bare = previous.text.lower().strip(",;:.!?…\"'«»()")
        score = 0
        if word.start in chunk_starts:
            score = SCORE_FORMAT
        elif previous_bare in _MARKERS or previous_bare == "et":
            score = 0  # never cut inside "mais bon", "et puis", "donc alors"…
        elif _WEAK_PUNCT.search(previous.text):
            score = SCORE_MARKER
        elif bare in _MARKERS:
            score = SCORE_MARKER
        elif i + 1 < len(words) and (bare, words[i + 1].text.lower()) in _TWO_WORD_MARKERS:
            score = SCORE_MARKER
        elif bare == "et":
            score = SCORE_ET
        scores[i] = score
    return scores


def _sentences(words: list[Word]) -> list[tuple[int, int]]:
    """Word-index ranges [a, b) cut after sentence-final punctuation."""
    ranges, start = [], 0
    for i, word in enumerate(words):
        if _ends_sentence(word.text):
            ranges.append((start, i + 1))
            start = i + 1
    if start < len(words):
        ranges.append((start, len(words)))
    return ranges


def _glue_fragments(ranges: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Merge pieces shorter than MIN_WORDS into the following (or previous) piece."""
    merged: list[tuple[int, int]] = []
    carry: int | None = None
    for a, b in ranges:
        if carry is not None:
            a, carry = carry, None
        if b - a < MIN_WORDS:
            carry = a
            continue
        merged.append((a, b))
    if carry is not None:
        if merged:
            merged[-1] = (merged[-1][0], ranges[-1][1])
        else:
            merged.append((carry, ranges[-1][1]))
    return merged


def _split_long(a: int, b: int, scores: list[int]) -> list[tuple[int, int]]:
    if b - a <= SPLIT_ABOVE:
        return [(a, b)]
    candidates = [i for i in range(a + MIN_PIECE, b - MIN_PIECE + 1)]
    best_score = max((scores[i] for i in candidates), default=0)
    middle = (a + b) / 2
    if best_score == 0:
        cut = int(middle)
    else:
        # Prefer the best kind of boundary, but not at any distance from the middle:
        # a weaker boundary much nearer the middle wins over a strong one at the edge.
        def cost(i: int) -> float:
            return abs(i - middle) / (b - a) - 0.25 * scores[i]

        cut = min((i for i in candidates if scores[i] > 0), key=cost)
    return _split_long(a, cut, scores) + _split_long(cut, b, scores)


def segment_turn(text: str, chunk_starts: set[int] | None = None) -> list[tuple[int, int]]:
    """Character spans of the segments of one turn's text."""
    words = _words(text)
    if not words:
        return []
    scores = _boundary_scores(words, chunk_starts or set())
    pieces: list[tuple[int, int]] = []
    for a, b in _glue_fragments(_sentences(words)):
        pieces.extend(_split_long(a, b, scores))
    return [(words[a].start, words[b - 1].end) for a, b in pieces]
