"""Domain vocabulary: codes, roles, actor types and sources of decisions. No I/O."""

from __future__ import annotations

import unicodedata
from enum import StrEnum


class Label(StrEnum):
    """The five codes of the SWOT codebook (see docs/codebook.md)."""

    FORCE = "force"
    FAIBLESSE = "faiblesse"
    OPPORTUNITE = "opportunite"
    VIGILANCE = "vigilance"
    AUCUN = "aucun"

    @property
    def french(self) -> str:
        return _LABEL_FR[self]


_LABEL_FR = {
    Label.FORCE: "Force / atout",
    Label.FAIBLESSE: "Faiblesse / limite",
    Label.OPPORTUNITE: "Opportunité",
    Label.VIGILANCE: "Point de vigilance",
    Label.AUCUN: "Aucun",
}


class Role(StrEnum):
    INTERVIEWER = "interviewer"
    INTERVIEWEE = "interviewee"


class RoleOrigin(StrEnum):
    """How a speaker's role was established, so a guess can be shown as a guess."""

    MANIFEST = "manifest"
    FORMAT = "format"
    GUESS = "guess"


class ActorType(StrEnum):
    ELU = "elu"
    TECHNICIEN = "technicien"
    AGENT = "agent"
    ASSOCIATIF = "associatif"
    ECONOMIQUE = "economique"
    EDUCATIF = "educatif"
    CULTUREL = "culturel"
    HABITANT = "habitant"
    AUTRE = "autre"

    @property
    def french(self) -> str:
        return _ACTOR_FR[self]

    @classmethod
    def parse(cls, value: str) -> ActorType:
        """Accept the French spelling with or without accents, any case."""
        key = strip_accents(value.strip().lower())
        try:
            return cls(key)
        except ValueError:
            allowed = ", ".join(a.french for a in cls)
            raise ValueError(f"unknown actor type {value!r} (expected one of: {allowed})") from None


_ACTOR_FR = {
    ActorType.ELU: "élu",
    ActorType.TECHNICIEN: "technicien",
    ActorType.AGENT: "agent",
    ActorType.ASSOCIATIF: "associatif",
    ActorType.ECONOMIQUE: "économique",
    ActorType.EDUCATIF: "éducatif",
    ActorType.CULTUREL: "culturel",
    ActorType.HABITANT: "habitant",
    ActorType.AUTRE: "autre",
}


class DecisionSource(StrEnum):
    RULE = "rule"
    MODEL = "model"
    HUMAN = "human"


def strip_accents(text: str) -> str:
    decomposed = unicodedata.normalize("NFD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c))
