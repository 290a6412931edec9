import pytest

from interviewlens.errors import InputError
from interviewlens.topics.grid import read_grid


def test_themes_with_and_without_keywords(tmp_path):
    grid = tmp_path / "grille.txt"
    grid.write_text("# grille d'entretien\n- Jumelage : comité, Allemagne; échanges\n\n"
                    "Vie associative\n", encoding="utf-8")
    themes = read_grid(grid)
    assert [t.name for t in themes] == ["Jumelage", "Vie associative"]
    assert themes[0].keywords == ("comité", "Allemagne", "échanges")
    assert themes[0].words == ("jumelage", "comité", "allemagne", "échanges")
    assert themes[1].words == ("vie", "associative")


@pytest.mark.parametrize(("content", "problem"), [
    ("Jeunesse\n: jeunes, collège\n", "line 2"),
    ("# nothing\n\n", "holds no theme"),
])
def test_bad_grids_name_the_file_and_line(tmp_path, content, problem):
    grid = tmp_path / "grille.txt"
    grid.write_text(content, encoding="utf-8")
    with pytest.raises(InputError, match=problem) as error:
        read_grid(grid)
    assert str(grid) in str(error.value)


def test_missing_grid(tmp_path):
    with pytest.raises(InputError, match="no such grid file"):
        read_grid(tmp_path / "absent.txt")
