"""Loading the spaCy French pipelines, offline, from their PyPI packages."""

from __future__ import annotations

from functools import lru_cache
from typing import TYPE_CHECKING

from interviewlens.errors import InterviewLensError

if TYPE_CHECKING:
    from spacy.language import Language

DEFAULT_MODEL = "fr_core_news_md"
SMALL_MODEL = "fr_core_news_sm"
KNOWN_MODELS = (DEFAULT_MODEL, SMALL_MODEL)


@lru_cache(maxsize=4)
def load_french(name: str = DEFAULT_MODEL, disable: tuple[str, ...] = ()) -> Language:
    """Load an installed French pipeline (never downloads). Cached per (name, disable)."""
    import spacy

    try:
        return spacy.load(name, disable=list(disable))
    except OSError as exc:
        raise InterviewLensError(
            f"spaCy model {name!r} is not installed — install the PyPI package "
            f"{name.replace('_', '-')} (it comes with interviewlens's dependencies)"
        ) from exc
