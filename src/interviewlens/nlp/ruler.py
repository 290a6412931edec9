"""An EntityRuler for the actors of a territory: institutions, associations, schools…

The ruler holds phrase patterns only (spaCy's PhraseMatcher on LOWER: fast), one per
spelling: with and without accents, singular and plural. Matches are labelled ``ACTOR`` with
the kind as entity id and come before the statistical NER, which keeps them. Then
`refine_entities` lets the heads that take a name (*association*, *école*, *club*…) absorb it
(*l'école des Genêts*, *l'association Kenavo*), drops role words that are not nouns (*j'ai
été élu*) and adds acronyms in capitals (*OFAJ*, *LEADER*, not *leader*).
Demonyms (*les Sénégalais*) are labelled ``NAT`` with their country as id.
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass
from typing import Any

from spacy.language import Language
from spacy.pipeline import EntityRuler
from spacy.tokens import Doc

from interviewlens.nlp.vocabulary import word_forms

RULER_NAME = "interviewlens_actors"
RULER_VERSION = "1"
ACTOR_LABEL = "ACTOR"
DEMONYM_LABEL = "NAT"  # *sénégalais*, *les Allemands*: the country is the entity id

# kind -> fixed expressions (lower case, as written).
TERMS: dict[str, tuple[str, ...]] = {
    "institution": (
        "mairie", "municipalité", "conseil municipal", "conseil communautaire",
        "conseil départemental", "conseil général", "conseil régional", "département", "région",
        "communauté de communes", "communauté d'agglomération", "agglomération",
        "intercommunalité", "interco", "préfecture", "sous-préfecture", "ambassade", "consulat",
        "ministère", "union européenne", "commission européenne", "parlement européen",
        "office de tourisme", "agence de l'eau", "syndicat mixte", "centre social",
        "mission locale", "pôle emploi", "france travail", "caisse d'allocations familiales",
    ),
    "role": (
        "maire", "adjoint", "adjointe", "premier adjoint", "première adjointe", "élu",
        "élue", "conseiller municipal", "conseillère municipale", "secrétaire de mairie",
        "directeur général des services", "président", "présidente", "bénévole",
        "enseignant", "enseignante", "professeur", "instituteur", "institutrice",
    ),
    "association": (
        "association", "comité de jumelage", "comité des fêtes", "comité", "club", "bagad",
        "amicale", "foyer rural", "maison des jeunes", "fanfare", "chorale", "harmonie",
        "association des parents d'élèves", "parents d'élèves", "ong", "secours populaire",
        "secours catholique", "croix-rouge", "scouts",
    ),
    "education": (
        "école", "école primaire", "école maternelle", "école élémentaire", "collège", "lycée",
        "lycée agricole", "université", "centre de loisirs", "accueil de loisirs", "crèche",
        "éducation nationale", "rectorat", "inspection académique",
    ),
    "culture": (
        "médiathèque", "bibliothèque", "musée", "cinéma", "théâtre", "salle des fêtes",
        "festival", "école de musique", "conservatoire",
    ),
    "economic": (
        "entreprise", "boulangerie", "épicerie", "commerçant", "artisan", "agriculteur",
        "exploitant agricole", "coopérative", "chambre d'agriculture",
        "chambre de commerce", "chambre des métiers", "office notarial",
    ),
    "programme": (
        "erasmus", "erasmus+", "service civique", "corps européen de solidarité",
        "volontariat européen", "etwinning", "festisol", "fonds européens", "programme leader",
        "jumelage",
    ),
    "network": ("réseau régional", "réseau multi-acteurs"),
}

# Acronyms, matched in capitals only (so *leader* the noun is not the LEADER programme).
ACRONYMS: dict[str, tuple[str, ...]] = {
    "institution": ("CCAS", "CAF", "UE", "DGS", "EPCI", "DRAJES", "DREETS"),
    "association": ("MJC", "APE", "ONG", "FCPE"),
    "programme": ("LEADER", "OFAJ", "CERV", "FEDER", "FSE", "AFD", "ECSI", "RRMA"),
    "economic": ("CCI", "CMA"),
}

# Heads that can take a name or a qualifier after them.
NAMED_HEADS = ("association", "club", "école", "collège", "lycée", "festival", "comité",
               "bagad", "entreprise", "amicale", "foyer", "harmonie", "fanfare")
QUALIFIERS = ("public", "publique", "privé", "privée", "primaire", "maternelle", "municipal",
              "municipale", "communal", "communale", "intercommunal", "intercommunale",
              "départemental", "départementale", "régional", "régionale", "européen",
              "européenne", "culturel", "culturelle", "sportif", "sportive", "local", "locale",
              "agricole", "catholique", "laïque", "franco-allemand", "franco-allemande")
LINKS = ("de", "du", "des", "d'", "d’", "la", "le", "les", "l'", "l’", "pour")


def _phrases(tokens: list[str]) -> list[str]:
    """Every spelling of a multi-word term: each word as written or unaccented, ± plural."""
    small = {"de", "du", "des", "d'", "la", "le", "les", "l'", "et", "à", "pour"}
    choices = [[t] if t in small else word_forms(t) for t in tokens]
    spellings = {" ".join(c).replace("' ", "'") for c in itertools.product(*choices)}
    return sorted(spellings | {s.replace("'", "’") for s in spellings})


def actor_patterns(nlp: Language) -> list[dict[str, Any]]:
    """EntityRuler phrase patterns (matched on LOWER) for every term and its spellings."""
    patterns: list[dict[str, Any]] = []
    for kind, terms in TERMS.items():
        for term in terms:
            for phrase in _phrases([t.lower_ for t in nlp.make_doc(term)]):
                patterns.append({"label": ACTOR_LABEL, "id": kind, "pattern": phrase})
    return patterns


def demonym_patterns() -> list[dict[str, Any]]:
    """One phrase pattern per demonym form, labelled NAT with the country as id."""
    from interviewlens.nlp.gazetteer import gazetteer

    return [{"label": DEMONYM_LABEL, "id": country, "pattern": form}
            for form, country in sorted(gazetteer().demonyms.items())]


_HEAD_FORMS = frozenset(f for head in NAMED_HEADS for f in word_forms(head))
_QUALIFIER_FORMS = frozenset(f for q in QUALIFIERS for f in word_forms(q))
ACRONYM_KINDS = {a: kind for kind, acronyms in ACRONYMS.items() for a in acronyms}
_NOUN_KINDS = ("role", "economic")


@dataclass(frozen=True, slots=True)
class TokenView:
    """What the refinement needs of a doc's tokens, read once by the caller."""

    texts: list[str]
    lowers: list[str]
    pos: list[str]
    stop_words: frozenset[str]


def _name_end(view: TokenView, end: int) -> int:
    """Where a head's name or qualifier ends: *école* → *école publique des Genêts*."""
    n = len(view.texts)
    if end < n and view.lowers[end] in _QUALIFIER_FORMS:
        end += 1
    i = end + 1 if end < n and view.lowers[end] in LINKS else end
    names = 0
    stops = view.stop_words
    while i < n and names < 3 and view.texts[i].istitle() and view.lowers[i] not in stops:
        i += 1
        names += 1
    return i if names else end


def refine_entities(ents: list[tuple[int, int, str, str]],
                    view: TokenView) -> list[tuple[int, int, str, str]]:
    """Entities (token start, end, label, kind) after the ruler and the NER.

    Heads that take a name absorb it, role words that are not nouns are dropped (*j'ai été
    élu*), acronyms in capitals become actors (*OFAJ, LEADER*; not *leader*). Done here, on
    token lists the caller reads anyway, rather than in a pipeline component: a component
    would walk every doc's tokens and entities once more.
    """
    spans = []
    for start, end, label, kind in ents:
        if label == ACTOR_LABEL:
            if kind in _NOUN_KINDS and end - start == 1 and view.pos[start] not in ("NOUN",
                                                                                    "PROPN"):
                continue
            if view.lowers[end - 1] in _HEAD_FORMS:
                end = _name_end(view, end)
        elif end - start == 1 and view.texts[start] in ACRONYM_KINDS:
            label, kind = ACTOR_LABEL, ACRONYM_KINDS[view.texts[start]]
        spans.append((start, end, label, kind))
    for i, text in enumerate(view.texts):
        if text in ACRONYM_KINDS:
            spans.append((i, i + 1, ACTOR_LABEL, ACRONYM_KINDS[text]))
    kept: list[tuple[int, int, str, str]] = []
    taken: set[int] = set()
    for span in sorted(spans, key=lambda s: (s[0] - s[1], s[0])):  # longest first
        if not taken.intersection(range(span[0], span[1])):
            kept.append(span)
            taken.update(range(span[0], span[1]))
    return sorted(kept)


class PhraseEntityRuler(EntityRuler):
    """spaCy's EntityRuler for phrase patterns only, leaving documents without a match alone.

    The stock `__call__` counts every pattern, runs the (empty) token matcher and rebuilds
    `doc.ents` for every document, which shows on 30,000 short spoken segments; most of them
    mention no actor.
    """

    def __call__(self, doc: Doc) -> Doc:
        matches = {(m, s, e) for m, s, e in self.phrase_matcher(doc) if s != e}
        if matches:
            self.set_annotations(doc, sorted(matches, key=lambda m: (m[2] - m[1], -m[1]),
                                             reverse=True))
        return doc


@Language.factory("interviewlens_entity_ruler",
                  default_config={"phrase_matcher_attr": "LOWER", "overwrite_ents": False})
def make_phrase_entity_ruler(nlp: Language, name: str, phrase_matcher_attr: str,
                             overwrite_ents: bool) -> PhraseEntityRuler:
    return PhraseEntityRuler(nlp, name, phrase_matcher_attr=phrase_matcher_attr,
                             overwrite_ents=overwrite_ents)


def add_actor_ruler(nlp: Language) -> Language:
    """Add the actor ruler before the NER (once per pipeline object)."""
    if RULER_NAME not in nlp.pipe_names:
        before = "ner" if "ner" in nlp.pipe_names else None
        ruler = nlp.add_pipe("interviewlens_entity_ruler", name=RULER_NAME, before=before)
        ruler.add_patterns(actor_patterns(nlp) + demonym_patterns())  # type: ignore[attr-defined]
    return nlp
