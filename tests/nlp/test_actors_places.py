"""Actors and places built from entity rows (no spaCy needed)."""

from interviewlens.nlp.actors import build_actors, co_mention_graph
from interviewlens.nlp.places import build_places, place_entity_ids
from interviewlens.nlp.store import EntityRow

_ids = iter(range(1, 10_000))


def row(text, label, *, turn=1, interview=1, commune="Plouvénec", kind=None, speaker=1):
    return EntityRow(next(_ids), turn * 10, text, label, kind, turn, interview, commune, speaker)


def test_variants_merge_into_one_actor_with_counts():
    rows = [row("la mairie", "ACTOR", kind="institution", interview=1),
            row("Mairie", "ACTOR", kind="institution", interview=2, turn=2, speaker=2),
            row("mairies", "ACTOR", kind="institution", interview=2, turn=3, speaker=2),
            row("la mairie de Plouvénec", "ACTOR", kind="institution", interview=3, turn=4),
            row("le comité de jumelage", "ACTOR", kind="association"),
            row("Comité de Jumelage", "ACTOR", kind="association", turn=5, interview=3)]
    actors = {a.key: a for a in build_actors(rows)}
    assert set(actors) == {"mairie", "comite jumelage"}
    mairie = actors["mairie"]
    assert len(mairie.mentions) == 4 and mairie.kind == "institution"
    assert {r.interview_id for r in mairie.mentions} == {1, 2, 3}
    assert {r.speaker_id for r in mairie.mentions} == {1, 2}
    assert mairie.name == "mairie"


def test_ner_noise_is_not_an_actor():
    rows = [row("hein", "PER"), row("euh", "ORG"), row("Yvonne", "PER"), row("Sénégal", "ORG")]
    assert [a.key for a in build_actors(rows)] == ["yvonne"]


def test_co_mentions_in_one_turn_become_weighted_edges():
    rows = [row("mairie", "ACTOR", kind="institution", turn=1),
            row("école", "ACTOR", kind="education", turn=1),
            row("mairie", "ACTOR", kind="institution", turn=2, interview=2),
            row("école", "ACTOR", kind="education", turn=2, interview=2),
            row("bagad", "ACTOR", kind="association", turn=2, interview=2)]
    graph = co_mention_graph(build_actors(rows))
    assert graph["ecole"]["mairie"]["weight"] == 2
    assert graph["ecole"]["mairie"]["interviews"] == {1, 2}
    assert graph["bagad"]["mairie"]["weight"] == 1


def test_places_outside_the_commune_and_their_country():
    rows = [row("Plouvénec", "LOC"),                               # the commune itself
            row("Thiobène", "LOC", turn=1), row("Sénégal", "LOC", turn=1),
            row("Thiobène", "LOC", turn=2),
            row("Oberwaldstetten", "MISC", turn=3, commune="Valmesnil-sur-Risle"),
            row("Oberwaldstetten", "LOC", turn=3, commune="Valmesnil-sur-Risle"),
            row("Allemands", "NAT", kind="Allemagne", turn=3, commune="Valmesnil-sur-Risle"),
            row("Rouen", "LOC", turn=4), row("Europe", "LOC", turn=4),
            row("Nathalie", "LOC", turn=5), row("Kerlaouen", "LOC", turn=20)]
    places = {p.key: p for p in build_places(rows, ["Plouvénec", "Valmesnil-sur-Risle"],
                                             ["Nathalie Guéguen"])}
    assert "plouvenec" not in places and "nathalie" not in places
    assert (places["thiobene"].country, places["thiobene"].scope) == ("Sénégal", "foreign")
    assert len(places["thiobene"].mentions) == 2
    assert places["oberwaldstetten"].country == "Allemagne"
    assert len(places["oberwaldstetten"].mentions) == 2  # the MISC mention joins the LOC ones
    assert places["allemagne"].name == "Allemagne" and places["allemagne"].kind == "country"
    assert (places["rouen"].kind, places["rouen"].scope) == ("city", "france")
    assert places["europe"].scope == "foreign" and places["europe"].country is None
    assert places["kerlaouen"].scope == "unknown"
    assert place_entity_ids(places.values()) >= {r.id for r in rows if r.text == "Thiobène"}
