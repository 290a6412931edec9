"""Cross-commune comparison: SWOT profiles, joint themes and distinctive vocabulary.

    >>> from interviewlens.compare import compare_projects
    >>> result = compare_projects(["plouvenec.ilens", "valmesnil.ilens"], by="commune")
    >>> result.shares, result.residuals, result.topic_prevalence, result.keyness

Nothing here imports Textual; pandas, scipy and BERTopic load when a comparison runs.
"""

from interviewlens.compare.api import Comparison, compare_projects

__all__ = ["Comparison", "compare_projects", "write_outputs"]


def write_outputs(comparison: Comparison, output, *, formats=("csv", "xlsx", "md", "html")):
    """Write the tables and the report of `comparison` into the folder `output`."""
    from interviewlens.compare.outputs import write_outputs as _write

    return _write(comparison, output, formats=formats)
