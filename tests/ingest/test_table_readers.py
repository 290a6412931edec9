from pathlib import Path

import pytest

from interviewlens.errors import InputError
from interviewlens.ingest.readers.questionnaire import TableOptions, read_csv, read_xlsx
from interviewlens.ingest.readers.reports import read_reports

CSV = """repondant;commune;age;atouts;idees
R1;Bréval;34;"Le marché, les assos";"Un jumelage avec l'Italie ?"
R2;Bréval;71;;
R3;Mondeville;16;rien pour les jeunes;"un skatepark
et un bus le soir"
"""


def write(tmp_path: Path, name: str, text: str) -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def first_note(sources) -> str:
    [note] = [note for source in sources for note in source.notes]
    return note


def test_questionnaire_rows_become_sources_with_questions_as_context(tmp_path):
    path = write(tmp_path, "q.csv", CSV)
    options = TableOptions(text_columns=("atouts", "idees"), id_column="repondant",
                           commune_column="commune")
    sources = read_csv(path.read_bytes(), path, options)
    assert len(sources) == 2  # R2 answered nothing
    assert first_note(sources) == "1 respondent(s) without any answer in the chosen columns left out (line 3)"
    first, third = sources
    assert [t.speaker for t in first.turns] == ["Questionnaire", "Répondant"] * 2
    assert first.turns[0].chunks == ("atouts",)
    assert first.speakers["Répondant"].name == "Répondant R1"
    assert first.commune == "Bréval" and first.metadata["age"] == "34"
    assert third.turns[-1].chunks == ("un skatepark", "et un bus le soir")
    assert third.turns[-1].line == 5


def test_questionnaire_missing_column_lists_the_columns(tmp_path):
    path = write(tmp_path, "q.csv", CSV)
    with pytest.raises(InputError) as caught:
        read_csv(path.read_bytes(), path, TableOptions(text_columns=("remarques",)))
    message = str(caught.value)
    assert "no column named 'remarques'" in message and "'atouts'" in message
    assert "q.csv, line 1" in message


def test_questionnaire_without_text_columns_says_how(tmp_path):
    path = write(tmp_path, "q.csv", CSV)
    with pytest.raises(InputError, match="--text-columns"):
        read_csv(path.read_bytes(), path, TableOptions())


def test_xlsx_questionnaire(tmp_path):
    import openpyxl

    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.append(["id", "difficultes"])
    sheet.append([1, "Pas de local pour les associations"])
    sheet.append([2, None])
    path = tmp_path / "q.xlsx"
    workbook.save(path)
    [source] = read_xlsx(path.read_bytes(), path, TableOptions(text_columns=("difficultes",)))
    assert source.turns[1].chunks == ("Pas de local pour les associations",)


REPORTS = """# Réunions locales
================

--- Contribution 12 ---

Titre: Réunion publique à Saint-Ouen
Combien de participants etaient presents: 35
Indiquez le lieu et la date de votre reunion: 02/02/2019
Quels ont ete les constats ou les diagnostics exprimes sur les themes du debat: Les services publics s'éloignent.
- La poste a fermé
- Plus de médecin depuis 2017
Quelles sons les propositions: pas un vrai champ
Quelles sont les propositions qui ont emerge des discussions: Rouvrir une maison de services
Ville: SAINT OUEN

--- Contribution 13 ---

Titre: Sans texte
Ville: NULLEPART
"""


def test_meeting_reports_become_question_and_answer_sources(tmp_path):
    path = write(tmp_path, "GD.txt", REPORTS)
    [source] = read_reports(path.read_bytes(), path)
    assert source.commune == "Saint Ouen"
    assert source.date == "2019-02-02"
    assert source.title == "Réunion publique à Saint-Ouen"
    findings = source.turns[1]
    assert findings.speaker == "Rapporteur"
    # Continuation lines (including one that merely looks like a field) stay in the answer.
    assert findings.chunks == ("Les services publics s'éloignent.", "- La poste a fermé",
                               "- Plus de médecin depuis 2017",
                               "Quelles sons les propositions: pas un vrai champ")
    assert findings.line == 9
    assert source.metadata["contribution"] == "12"
