"""The question shown and used for an answer skips the interviewer's back-channel turns."""

from interviewlens.classify.project_model import SEGMENTS_WITH_QUESTIONS
from interviewlens.ingest.pipeline import IngestOptions, ingest
from interviewlens.review.data import ReviewData
from interviewlens.store.connection import connect_project
from interviewlens.store.questions import is_backchannel

TRANSCRIPT = """\
Enquêtrice : et qu'est-ce qui manque le plus ici à votre avis
Michel : ben le bus euh il passe deux fois par jour pas plus
Enquêtrice : hm hm
Michel : alors les jeunes sans permis ils sont coincés c'est ça le problème
Enquêtrice : ah oui d'accord (rires)
Michel : voilà
Enquêtrice : et les associations
Michel : elles tiennent bon
"""


def test_backchannels_are_told_from_short_questions():
    for text in ("hm hm", "Hm hm.", "d'accord", "ah oui d’accord (rires)", "oui oui tout à fait",
                 "", "…"):
        assert is_backchannel(text), text
    for text in ("et les jeunes", "Lesquelles ?", "d'accord et l'école", "pourquoi",
                 "Merci beaucoup."):
        assert not is_backchannel(text), text


def test_the_question_of_an_answer_after_a_backchannel_is_the_real_question(tmp_path):
    source = tmp_path / "entretien.txt"
    source.write_text(TRANSCRIPT, encoding="utf-8")
    project = tmp_path / "p.ilens"
    report = ingest(project, [source], IngestOptions())
    assert not report.errors
    db = connect_project(project)
    questions = {r["text"]: r["question"] for r in db.execute(SEGMENTS_WITH_QUESTIONS)}
    db.close()
    missing = "et qu'est-ce qui manque le plus ici à votre avis"
    by_start = {text.split()[0]: question for text, question in questions.items()}
    assert by_start["ben"] == missing
    assert by_start["alors"] == missing  # after "hm hm"
    assert by_start["voilà"] == missing  # after "ah oui d'accord (rires)"
    assert by_start["elles"] == "et les associations"
    review = ReviewData(project, coder="test")
    try:
        after_hm = next(sid for sid, in review.db.execute(
            "SELECT id FROM segment WHERE text LIKE 'alors%'"))
        assert missing in (review.segment(after_hm).question or "")
    finally:
        review.close()
