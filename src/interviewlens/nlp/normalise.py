"""Normalising actor and place mentions so that their variants merge.

*La Mairie*, *mairie*, *les mairies* and *la mairie de Plouvénec* (said in Plouvénec) share
the key ``mairie``; *l'association des parents d'élèves* and *association parents eleves*
share ``association parent eleve``. Capitalised words are names and are never singularised
(*Paris* stays *paris*).
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from collections.abc import Iterable

from interviewlens.nlp.vocabulary import strip_accents

DETERMINERS = frozenset(["le", "la", "les", "l", "un", "une", "des", "du", "de", "d", "au", "aux", "ce", "cet", "cette", "ces", "mon", "ma", "mes", "ton", "ta", "tes", "son", "sa", "ses", "notre", "nos", "votre", "vos", "leur", "leurs", "quelques", "plusieurs", "certains", "certaines"])
LINK_WORDS = frozenset(["de", "du", "des", "d", "la", "le", "les", "l", "et", "a", "au", "aux", "en", "pour", "sur"])
INVARIABLE = frozenset(["pays", "fois", "temps", "corps", "bus", "campus", "tennis", "bras", "dos", "prix", "choix", "voix", "paix", "croix", "puits", "cours", "concours", "secours", "discours", "parcours", "recours", "jus", "repas", "bois", "mois", "gaz", "nez", "riz", "fils", "virus", "fonds", "relais", "marais", "palais", "plus", "moins", "tres", "sans", "vers", "ailleurs", "alors", "volontiers"])

_SPLIT = re.compile(r"[\s\-–—_/]+|(?<=['’])")


def _singular(word: str) -> str:
    if len(word) <= 3 or word in INVARIABLE or word.endswith(("ais", "ois", "ss", "us")):
        return word
    if word.endswith("eaux"):
        return word[:-1]
    if word.endswith("aux"):
        return word[:-3] + "al"
    if word.endswith(("eux", "oux")):
        return word[:-1]
    if word.endswith("s"):
        return word[:-1]
    return word


def key_tokens(text: str) -> list[str]:
    """Lower-case, unaccented, singular tokens without determiners or link words."""
    text = unicodedata.normalize("NFC", text).replace("’", "'")
    out: list[str] = []
    for raw in _SPLIT.split(text):
        raw = raw.strip(".,;:!?«»\"()[]'")
        if not raw:
            continue
        word = strip_accents(raw.lower())
        if word in LINK_WORDS or word in DETERMINERS:
            continue
        out.append(word if raw[:1].isupper() and not raw.isupper() else _singular(word))
    return out


def mention_key(text: str, commune: str | None = None) -> str:
    """The key a mention is merged under; a trailing *de <commune>* is dropped."""
    tokens = key_tokens(text)
    if commune and len(tokens) > 1:
        own = key_tokens(commune)
        for cut in range(1, len(tokens)):
            tail = tokens[cut:]
            if tail == own[:len(tail)]:
                tokens = tokens[:cut]
                break
    return " ".join(tokens)


def strip_determiner(text: str) -> str:
    """The surface form without its leading determiner: *l'École des Genêts* → *École des Genêts*."""
    text = text.strip()
    while True:
        match = re.match(r"^(\w+)(?:\s+|(?<=[lLdD])['’])", text)
        if not match or strip_accents(match.group(1).lower()) not in DETERMINERS:
            return text
        rest = text[match.end():].lstrip()
        if not rest:
            return text
        text = rest


def display_name(surfaces: Iterable[str]) -> str:
    """The most frequent form, case aside (ties: the shortest), in its most frequent casing."""
    counts = Counter(strip_determiner(s) for s in surfaces)
    groups: dict[str, Counter[str]] = {}
    for surface, n in counts.items():
        groups.setdefault(surface.lower(), Counter())[surface] += n
    _, best = min(groups.items(), key=lambda kv: (-kv[1].total(), len(kv[0]), kv[0]))
    return min(best.items(), key=lambda kv: (-kv[1], kv[0].lower() != kv[0], kv[0]))[0]
