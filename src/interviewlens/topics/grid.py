"""The interview grid as seed themes: one theme per line, optional keywords after a colon.

    # grille d'entretien
    Jumelage : comité, Allemagne, échanges
    Jeunesse : jeunes, collège, lycée
    Vie associative
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from interviewlens.errors import InputError


@dataclass(frozen=True, slots=True)
class GridTheme:
    name: str
    keywords: tuple[str, ...]

    @property
    def words(self) -> tuple[str, ...]:
        """The theme's own words and its keywords, lower case, deduplicated."""
        words = re.findall(r"[^\W\d_][\w'’-]*", self.name.lower()) + [k.lower() for k in
                                                                        self.keywords]
        return tuple(dict.fromkeys(w for w in words if len(w) > 2))


def read_grid(path: Path) -> list[GridTheme]:
    """Parse a grid file; errors name the file and line."""
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8-sig")
    except FileNotFoundError:
        raise InputError(path, "no such grid file", "give the path of a text file, one theme"
                         " per line") from None
    except UnicodeDecodeError:
        raise InputError(path, "not UTF-8 text", "save the grid as UTF-8 text") from None
    themes = []
    for number, line in enumerate(text.splitlines(), start=1):
        line = line.strip().lstrip("-*•").strip()
        if not line or line.startswith("#"):
            continue
        name, _, rest = line.partition(":")
        name = name.strip()
        if not name:
            raise InputError(path, "a line has keywords but no theme before the colon",
                             "write `Theme : keyword, keyword`", line=number)
        keywords = tuple(k.strip() for k in re.split(r"[,;]", rest) if k.strip())
        themes.append(GridTheme(name, keywords))
    if not themes:
        raise InputError(path, "the grid holds no theme", "write one theme per line")
    return themes
