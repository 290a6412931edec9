"""Countries, demonyms, French regions, departments and towns, and well-known foreign places.

Read from the two small files in `nlp/data/` (shipped with the package); keys are the
normalised mention keys of `nlp.normalise`, so *États-Unis*, *Etats Unis* and *les États-Unis*
find the same entry.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

from interviewlens.nlp.normalise import mention_key
from interviewlens.nlp.vocabulary import strip_accents, word_forms

HOME_COUNTRY = "France"


@dataclass(frozen=True, slots=True)
class Place:
    name: str
    kind: str  # country, region, department, city
    country: str | None  # None: abroad, but no single country (Afrique, Europe)

    @property
    def scope(self) -> str:
        return "france" if self.country == HOME_COUNTRY else "foreign"


@dataclass(frozen=True, slots=True)
class Gazetteer:
    places: dict[str, Place]
    demonyms: dict[str, str]  # lower-case form (with and without accents) -> country

    def lookup(self, text: str) -> Place | None:
        return self.places.get(mention_key(text))


def _lines(name: str) -> list[list[str]]:
    text = resources.files("interviewlens.nlp").joinpath("data", name).read_text("utf-8")
    return [line.split("|") for line in text.splitlines()
            if line.strip() and not line.startswith("#")]


@lru_cache(maxsize=1)
def gazetteer() -> Gazetteer:
    places: dict[str, Place] = {}
    demonyms: dict[str, str] = {}
    for name, adjectives, others, capital in _lines("pays.txt"):
        country = Place(name, "country", name)
        for alias in [name, *filter(None, others.split(","))]:
            places[mention_key(alias)] = country
        if capital:
            places.setdefault(mention_key(capital), Place(capital, "city", name))
        if name != HOME_COUNTRY:  # "le français" is mostly the language
            for adjective in filter(None, adjectives.split(",")):
                for form in word_forms(adjective):
                    demonyms[form] = name
                    demonyms[strip_accents(form)] = name
    for name, kind, country in _lines("lieux.txt"):
        places[mention_key(name)] = Place(name, kind, None if country == "-" else country)
    return Gazetteer(places, demonyms)
