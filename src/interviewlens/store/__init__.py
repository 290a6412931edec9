"""The project store: one SQLite file per project."""

from interviewlens.store.connection import connect_project, create_project
from interviewlens.store.migrations import SCHEMA_VERSION

__all__ = ["connect_project", "create_project", "SCHEMA_VERSION"]
