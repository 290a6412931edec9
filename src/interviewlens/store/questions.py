"""The question an answer replies to: the interviewer's last turn that says something.

In transcripts where the interviewer's back-channels ("hm hm", "d'accord", "ah oui") are
turns of their own, the interviewer's last turn before an answer is often one of them; the
question is the last interviewer turn that is not only a back-channel. `is_backchannel` is
registered as a SQL function on every project connection (`register_functions`).
"""

from __future__ import annotations

import re
import sqlite3

# Words a back-channel turn is made of (lower case). A turn made only of these, or of
# nothing but punctuation and notes such as "(rires)", is not a question.
BACKCHANNEL_WORDS = frozenset([
    "hm", "hmm", "hmhm", "hum", "mh", "mhm", "mm", "mmh", "mmm", "euh", "heu", "ben", "bah",
    "ah", "oh", "ha", "ho", "eh", "oui", "ouais", "ouai", "non", "nan", "si", "ok", "okay",
    "d'accord", "daccord", "accord", "bon", "bien", "sûr", "très", "voilà", "voila",
    "exactement", "effectivement", "absolument", "évidemment", "carrément", "tout", "à",
    "fait", "je", "vois", "entendu", "quand", "même", "super", "ah bon", "rires", "rire",
    "sourire", "inaudible", "c'est", "ça", "vrai", "intéressant", "bah", "tiens",
])
_WORD = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)?")


def is_backchannel(text: str | None) -> bool:
    """True for an interviewer turn that only acknowledges ("hm hm", "ah oui d'accord")."""
    words = _WORD.findall((text or "").lower().replace("’", "'"))
    return all(word in BACKCHANNEL_WORDS for word in words)


def register_functions(db: sqlite3.Connection) -> None:
    db.create_function("is_backchannel", 1, is_backchannel, deterministic=True)


# The question before turn `t` of interview `i` (a SQL expression; needs `register_functions`).
QUESTION_BEFORE_TURN = """(SELECT SUBSTR(i.text, q.start + 1, q."end" - q.start)
        FROM turn q JOIN speaker qs ON qs.id = q.speaker_id
        WHERE q.interview_id = t.interview_id AND q.ord < t.ord AND qs.role = 'interviewer'
          AND NOT is_backchannel(SUBSTR(i.text, q.start + 1, q."end" - q.start))
        ORDER BY q.ord DESC LIMIT 1)"""
