"""interviewlens: from territorial-diagnostic interviews to a validated SWOT analysis."""

from interviewlens.domain import ActorType, DecisionSource, Label, Role

__version__ = "0.1.0"
__all__ = ["open_project", "Label", "ActorType", "Role", "DecisionSource", "__version__"]


def open_project(path):  # noqa: ANN001, ANN201 - re-exported lazily to keep imports light
    """Open a project file and return a `Project` whose methods return DataFrames."""
    from interviewlens.project import open_project as _open

    return _open(path)
