from interviewlens.nlp.normalise import display_name, mention_key, strip_determiner


def test_case_accents_articles_and_plural_merge():
    keys = {mention_key(t) for t in ("la mairie", "La Mairie", "les mairies", "MAIRIE", "mairie")}
    assert keys == {"mairie"}
    assert mention_key("l'association des parents d'élèves") == \
        mention_key("association parents eleves") == mention_key("les associations de parents d’élèves")
    assert mention_key("les conseils municipaux") == mention_key("le conseil municipal")
    assert mention_key("Communauté de communes") == mention_key("communautés de communes")


def test_names_are_not_singularised():
    assert mention_key("Paris") == "paris"
    assert mention_key("les États-Unis") == mention_key("Etats Unis") == "etats unis"
    assert mention_key("Pays-Bas") == "pays bas"


def test_the_commune_of_the_interview_is_dropped_from_the_key():
    assert mention_key("la mairie de Plouvénec", "Plouvénec") == "mairie"
    assert mention_key("la mairie de Valmesnil", "Valmesnil-sur-Risle") == "mairie"
    assert mention_key("la mairie de Rouen", "Plouvénec") == "mairie rouen"


def test_display_name_is_the_most_frequent_form_without_determiner():
    assert strip_determiner("l'École des Genêts") == "École des Genêts"
    assert strip_determiner("de la mairie") == "mairie"
    assert display_name(["le comité de jumelage", "comité de jumelage", "Comité de Jumelage"]) \
        == "comité de jumelage"
