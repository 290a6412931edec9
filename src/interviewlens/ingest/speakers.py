"""Who is the interviewer? Manifest first, then the format's own marks, then a guess.

The guess: the speaker who talks most is an interviewee; another speaker is an
interviewer when a larger share of their turns are questions. Guesses are
reported so the user can correct them in the manifest.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from interviewlens.domain import ActorType, Role, RoleOrigin
from interviewlens.ingest.manifest import FileEntry, Manifest
from interviewlens.ingest.model import ParsedSource, RawTurn, RoleHint

_QUESTION_START = re.compile(
    r"^(?:(?:et|mais|alors|donc|bon|euh|ben|oui|non|d'accord|ah|hum|mm)\s+)*"
    r"(?:est-ce|qu'est-ce|comment|pourquoi|quel|quelle|quels|quelles|combien|vous|votre|vos|"
    r"tu\s|à\s+votre\s+avis|selon\s+vous|d'après\s+vous|y\s+a-t-il|avez-vous|pensez-vous)",
    re.IGNORECASE,
)
_ADDRESS = {"vous", "votre", "vos"}
MIN_INTERVIEWER_TURNS = 5
_SELF = {"je", "j'", "moi", "me", "m'", "mon", "ma", "mes"}


@dataclass(frozen=True)
class ResolvedSpeaker:
    key: str
    name: str
    role: Role
    origin: RoleOrigin
    actor_type: ActorType | None


def is_question(turn: RawTurn) -> bool:
    text = " ".join(turn.chunks).strip()
    return "?" in text or bool(_QUESTION_START.match(text))


@dataclass
class _Stats:
    words: int = 0
    turns: int = 0
    questions: int = 0
    address: int = 0  # vous, votre, vos: speaking *to* the other person
    self_reference: int = 0  # je, moi, mon…: speaking about oneself

    @property
    def interviewer_score(self) -> float:
        """Positive when a speaker mostly asks and addresses the other, negative when they
        mostly talk about themselves (both as percentages of words)."""
        per_word = 100 / max(1, self.words)
        return (self.address - self.self_reference) * per_word + 10 * self.questions / max(1, self.turns)


def _stats(turns: list[RawTurn]) -> dict[str, _Stats]:
    stats: dict[str, _Stats] = {}
    for turn in turns:
        entry = stats.setdefault(turn.speaker, _Stats())
        words = " ".join(turn.chunks).lower().replace("’", "'").split()
        entry.words += len(words)
        entry.turns += 1
        entry.questions += is_question(turn)
        entry.address += sum(w in _ADDRESS for w in words)
        entry.self_reference += sum(w in _SELF or w.startswith(("j'", "m'")) for w in words)
    return stats


def resolve_speakers(source: ParsedSource, entry: FileEntry | None,
                     manifest: Manifest | None) -> dict[str, ResolvedSpeaker]:
    """Decide every speaker's role and actor type, recording where it came from."""
    roles: dict[str, tuple[Role, RoleOrigin]] = {}
    names: dict[str, str] = {}
    actors: dict[str, ActorType | None] = {}
    for key, info in source.speakers.items():
        names[key] = info.name
        listed = manifest.speaker(entry, key, info.name) if manifest else None
        actors[key] = listed.actor_type if listed else None
        if listed and listed.name:
            names[key] = listed.name
        if listed and listed.role:
            roles[key] = (listed.role, RoleOrigin.MANIFEST)
        elif info.role_hint is RoleHint.INTERVIEWER:
            roles[key] = (Role.INTERVIEWER, RoleOrigin.FORMAT)
        elif info.role_hint is RoleHint.INTERVIEWEE:
            roles[key] = (Role.INTERVIEWEE, RoleOrigin.FORMAT)
        if entry and entry.actor_type and actors[key] is None and roles.get(key, (None,))[0] \
                is not Role.INTERVIEWER:
            actors[key] = entry.actor_type
    unknown = [k for k in source.speakers if k not in roles]
    if unknown:
        stats = _stats(source.turns)
        known_interviewer = any(r is Role.INTERVIEWER for r, _ in roles.values())
        if known_interviewer:
            for key in unknown:
                roles[key] = (Role.INTERVIEWEE, RoleOrigin.GUESS)
        else:
            # The one who talks most is interviewed; the others are interviewers when they
            # ask and address more than they speak of themselves.
            talkers = [k for k in source.speakers if k in stats]
            # Enough turns to judge: 5, or a fifth of a short interview's turns.
            min_turns = min(MIN_INTERVIEWER_TURNS, max(2, len(source.turns) // 5))
            main = max(talkers, key=lambda k: stats[k].words) if talkers else None
            for key in unknown:
                entry = stats.get(key, _Stats())
                asks = main is not None and key != main and entry.interviewer_score > 0 \
                    and entry.words < stats[main].words and entry.turns >= min_turns
                roles[key] = (Role.INTERVIEWER if asks else Role.INTERVIEWEE, RoleOrigin.GUESS)
            others = [k for k in talkers if k != main and roles[k][1] is RoleOrigin.GUESS]
            if others and not any(roles[k][0] is Role.INTERVIEWER for k in roles):
                # Nobody looks like an interviewer (e.g. one who only says "hm hm"): in a
                # conversation, the most active other speaker is the likeliest.
                likeliest = max(others, key=lambda k: (stats[k].turns, stats[k].interviewer_score))
                if stats[likeliest].turns >= min_turns:
                    roles[likeliest] = (Role.INTERVIEWER, RoleOrigin.GUESS)
    return {
        key: ResolvedSpeaker(key, names[key], roles[key][0], roles[key][1],
                             actors[key] if roles[key][0] is Role.INTERVIEWEE else None)
        for key in source.speakers
    }
