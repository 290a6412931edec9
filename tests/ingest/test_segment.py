import re

from hypothesis import given, settings
from hypothesis import strategies as st

from interviewlens.ingest.segment import MIN_WORDS, SPLIT_ABOVE, segment_turn

UNPUNCTUATED = (
    "ben le comité de jumelage euh il marche encore mais franchement les jeunes ils viennent "
    "plus du tout et on a du mal à trouver des familles pour recevoir les Allemands parce que "
    "les anciens ils fatiguent et puis la mairie elle nous aide pas beaucoup donc on se demande "
    "un peu ce qu'on va devenir dans dix ans quoi enfin moi je dis ça mais bon il y a quand même "
    "des choses qui bougent avec l'école du bourg qui voudrait faire un échange en ligne"
)


def words(text: str) -> int:
    return len(text.split())


def test_punctuated_speech_is_cut_into_sentences():
    text = "Le festival marche bien. Par contre il manque de bénévoles ! Et la salle ? Trop petite."
    spans = segment_turn(text)
    assert [text[a:b] for a, b in spans] == [
        "Le festival marche bien.",
        "Par contre il manque de bénévoles !",
        "Et la salle ? Trop petite.",  # "Et la salle ?" is too short alone and is glued on
    ]


def test_abbreviations_do_not_end_sentences():
    text = "On a vu M. Durand et Mme. Leroy à la mairie hier. Ils étaient d'accord sur tout."
    assert len(segment_turn(text)) == 2


def test_long_unpunctuated_speech_is_bounded_and_cut_at_markers():
    spans = segment_turn(UNPUNCTUATED)
    pieces = [UNPUNCTUATED[a:b] for a, b in spans]
    assert len(pieces) >= 2
    assert all(MIN_WORDS <= words(p) <= SPLIT_ABOVE for p in pieces)
    # With no punctuation and no format boundary, every cut falls before a discourse marker.
    openers = {p.split()[0] for p in pieces[1:]}
    assert openers <= {"mais", "parce", "donc", "enfin", "puis", "bon", "alors", "et"}


def test_format_boundaries_are_preferred_cut_points():
    chunks = ["on a beaucoup d'associations ici vraiment beaucoup une quarantaine au moins",
              "le problème c'est que personne ne veut prendre les responsabilités dans les bureaux",
              "et la mairie n'a pas d'agent pour les aider à monter les dossiers de subvention",
              "alors on se débrouille comme on peut avec les moyens du bord mais ça fatigue tout le monde"]
    text = " ".join(chunks)
    starts, position = set(), 0
    for chunk in chunks:
        starts.add(position)
        position += len(chunk) + 1
    spans = segment_turn(text, starts)
    assert {a for a, _ in spans} <= starts


def test_short_whole_turn_stays_one_segment():
    assert segment_turn("oui oui") == [(0, 7)]


@settings(max_examples=200, deadline=None)
@given(st.lists(st.sampled_from(["euh", "mais", "donc", "le", "jumelage", "marche", "bien.", "et",
                                 "voilà", "?", "les", "jeunes", "partent", "M.", "à", "Rouen,"]),
                min_size=1, max_size=400))
def test_segments_cover_every_word_once_and_respect_the_hard_bound(tokens):
    text = " ".join(tokens)
    spans = segment_turn(text)
    rebuilt = " ".join(text[a:b] for a, b in spans)
    assert rebuilt.split() == text.split()
    assert all(a < b for a, b in spans)
    assert all(b1 <= a2 for (_, b1), (a2, _) in zip(spans, spans[1:]))
    for a, b in spans:
        assert words(text[a:b]) <= 80
        assert not re.match(r"\s", text[a:b]) and not re.search(r"\s$", text[a:b])
    if words(text) >= MIN_WORDS:
        assert all(words(text[a:b]) >= MIN_WORDS for a, b in spans)
