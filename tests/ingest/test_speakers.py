from interviewlens.domain import Role, RoleOrigin
from interviewlens.ingest.model import ParsedSource, RawTurn, RoleHint, SpeakerInfo
from interviewlens.ingest.speakers import resolve_speakers


def source(turns: list[tuple[str, str]], hints: dict[str, RoleHint] | None = None) -> ParsedSource:
    hints = hints or {}
    speakers = {k: SpeakerInfo(k, k, hints.get(k, RoleHint.UNKNOWN)) for k, _ in turns}
    return ParsedSource("text", [RawTurn(k, (t,)) for k, t in turns], speakers)


INTERVIEW = [
    ("JK", "alors vous êtes né à Orléans"),
    ("PERS", "oui je suis né rue de Bourgogne en mille neuf cent vingt et mon père était boulanger"),
    ("JK", "et qu'est-ce que vous pensez de la ville aujourd'hui"),
    ("PERS", "elle a beaucoup changé il y a plus de voitures mais les gens sont restés aimables"),
    ("OU", "est-ce que vous allez au théâtre"),
    ("PERS", "de temps en temps avec ma femme surtout l'hiver quand il y a les tournées"),
    ("JK", "d'accord"),
]


def test_interviewers_are_guessed_from_questions_and_share_of_speech():
    resolved = resolve_speakers(source(INTERVIEW * 5), None, None)
    assert resolved["PERS"].role is Role.INTERVIEWEE
    assert resolved["JK"].role is Role.INTERVIEWER
    assert resolved["OU"].role is Role.INTERVIEWER
    assert all(s.origin is RoleOrigin.GUESS for s in resolved.values())


def test_a_format_marked_interviewer_makes_everyone_else_interviewee():
    turns = INTERVIEW + [("MARIE", "est-ce que je peux ajouter quelque chose ?")]
    resolved = resolve_speakers(source(turns, {"JK": RoleHint.INTERVIEWER}), None, None)
    assert resolved["JK"].origin is RoleOrigin.FORMAT
    assert resolved["OU"].role is Role.INTERVIEWEE
    assert resolved["MARIE"].role is Role.INTERVIEWEE


def test_a_single_speaker_is_an_interviewee():
    resolved = resolve_speakers(source([("A", "le bourg manque de commerces ?")]), None, None)
    assert resolved["A"].role is Role.INTERVIEWEE


def test_a_speaker_with_a_passing_question_is_not_an_interviewer():
    resolved = resolve_speakers(source(INTERVIEW * 5 + [("VOISIN", "vous voulez un café ?")]),
                                None, None)
    assert resolved["VOISIN"].role is Role.INTERVIEWEE


def test_a_back_channel_only_partner_is_the_interviewer_when_nobody_asks():
    turns = [("PERS", "alors le dossier scolaire je vais vous expliquer comment on le remplit"),
             ("PB", "hm hm")] * 6
    resolved = resolve_speakers(source(turns), None, None)
    assert resolved["PB"].role is Role.INTERVIEWER
    assert resolved["PERS"].role is Role.INTERVIEWEE
