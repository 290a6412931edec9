from interviewlens.nlp.vocabulary import FILLERS, filler_phrase_mask, is_wordlike, noise_words


def test_fillers_and_stop_words_are_noise_with_and_without_accents():
    noise = noise_words()
    for word in ("euh", "ben", "bah", "hein", "voilà", "voila", "quoi", "bon", "enfin", "genre",
                 "ouais", "hm", "mm", "le", "de", "être", "faire", "truc"):
        assert word in noise, word
    assert FILLERS <= noise
    for word in ("jumelage", "association", "mairie", "jeune", "école"):
        assert word not in noise, word


def test_multiword_fillers_are_masked():
    tokens = ["alors", "du", "coup", "en", "fait", "le", "coup", "de", "main", "c'", "est", "-", "à", "-", "dire"]
    mask = filler_phrase_mask(tokens)
    assert [t for t, m in zip(tokens, mask) if not m] == ["alors", "le", "coup", "de", "main"]


def test_wordlike():
    assert is_wordlike("aujourd'hui") and is_wordlike("sous-préfecture")
    assert not is_wordlike("x") and not is_wordlike("2020") and not is_wordlike("--")
