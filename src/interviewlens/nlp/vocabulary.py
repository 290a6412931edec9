"""Words that carry no theme in spoken French: stop words, fillers, back-channels, light verbs.

`NOISE_WORDS` is the single list every stage filters with (content words, the topic
vectorizer, topic labels), so a filler can never reach a topic label.
"""

from __future__ import annotations

import re
import unicodedata

# Hesitations, back-channels and discourse particles of oral French (lower case, accented).
FILLERS = frozenset(["euh", "euhm", "heu", "heum", "hum", "hm", "hmm", "hmhm", "mh", "mhm", "mm", "mmh", "mmm", "ah", "ha", "oh", "ho", "eh", "hé", "hein", "ben", "bah", "beh", "bé", "bon", "ben", "voilà", "voila", "quoi", "enfin", "genre", "ouais", "ouai", "ouaih", "oui", "ouiouais", "non", "nan", "si", "okay", "ok", "d'accord", "bref", "pff", "pfff", "bof", "ouf", "tiens", "allez", "dis", "disons", "style", "carrément", "grave", "trop", "effectivement", "évidemment", "forcément", "justement", "exactement", "absolument", "tellement", "vraiment", "bien", "sûr", "alors", "donc", "puis", "ensuite", "après", "ainsi", "aussi", "déjà", "encore", "comme", "rire", "rires", "inaudible", "incompréhensible", "xxx", "npers", "nprenom", "nnom", "nlieu", "nville", "norg"])

# Multi-word fillers, matched on lower-case token sequences.
FILLER_PHRASES: tuple[tuple[str, ...], ...] = tuple(tuple(p.split()) for p in (
    "du coup", "en fait", "de toute façon", "tu vois", "vous voyez", "tu sais", "vous savez",
    "je veux dire", "je sais pas", "je sais", "je pense", "je crois", "c' est - à - dire",
    "et cetera", "etc", "quand même", "en tout cas", "à la limite",
    "on va dire", "si vous voulez", "comment dire", "il y a", "y a", "pas mal",
))

# Verbs and nouns too frequent in speech to name a theme (lemmas).
LIGHT_WORDS = frozenset(["être", "avoir", "faire", "aller", "dire", "pouvoir", "vouloir", "savoir", "falloir", "voir", "mettre", "venir", "prendre", "devoir", "croire", "penser", "trouver", "passer", "rester", "donner", "parler", "sembler", "arriver", "demander", "connaître", "comprendre", "appeler", "rendre", "tenir", "laisser", "partir", "sortir", "entendre", "attendre", "chose", "truc", "machin", "fois", "an", "année", "jour", "moment", "temps", "monde", "gens", "coup", "façon", "manière", "sorte", "côté", "part", "fait", "cas", "question", "problème", "niveau", "point", "vrai", "bien", "petit", "grand", "gros", "beaucoup", "peu", "plein", "tout", "rien", "personne", "quelqu'un", "autre", "même", "seul", "bon", "mauvais", "nouveau", "dernier", "premier", "aujourd'hui", "maintenant", "toujours", "jamais", "souvent", "ici", "là-bas", "monsieur", "madame", "mademoiselle"])


def _french_stop_words() -> frozenset[str]:
    from spacy.lang.fr.stop_words import STOP_WORDS

    return frozenset(STOP_WORDS)


_STOP: frozenset[str] | None = None


def stop_words() -> frozenset[str]:
    """spaCy's French stop words (loaded once; spaCy's language data is light)."""
    global _STOP
    if _STOP is None:
        _STOP = _french_stop_words()
    return _STOP


def noise_words() -> frozenset[str]:
    """Stop words, fillers and light words, with and without accents."""
    words = set(stop_words()) | FILLERS | LIGHT_WORDS
    words |= {strip_accents(w) for w in words}
    return frozenset(words)


def strip_accents(text: str) -> str:
    decomposed = unicodedata.normalize("NFD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c))


_WORDLIKE = re.compile(r"^[^\W\d_](?:[\w'’-]*[^\W_])?$")


def is_wordlike(text: str) -> bool:
    """A word of letters (apostrophes and hyphens inside), at least two characters."""
    return len(text) >= 2 and bool(_WORDLIKE.match(text))


def filler_phrase_mask(lowers: list[str]) -> list[bool]:
    """True for every token that belongs to a multi-word filler such as *du coup*."""
    mask = [False] * len(lowers)
    if _FIRST_WORDS.isdisjoint(lowers):
        return mask
    for i, word in enumerate(lowers):
        for phrase in _PHRASES_BY_FIRST.get(word, ()):
            n = len(phrase)
            if tuple(lowers[i:i + n]) == phrase:
                mask[i:i + n] = [True] * n
    return mask


_PHRASES_BY_FIRST: dict[str, list[tuple[str, ...]]] = {}
for _phrase in FILLER_PHRASES:
    _PHRASES_BY_FIRST.setdefault(_phrase[0], []).append(_phrase)
_FIRST_WORDS = frozenset(_PHRASES_BY_FIRST)


def _plural(word: str) -> str:
    if word.endswith(("s", "x", "z")):
        return word
    if word.endswith("al"):
        return word[:-2] + "aux"
    if word.endswith(("eau", "eu")):
        return word + "x"
    return word + "s"


def word_forms(word: str) -> list[str]:
    """A word's lower-case forms: as written and unaccented, singular and plural."""
    forms = {word, _plural(word)}
    forms |= {strip_accents(f) for f in forms}
    return sorted(forms)
