"""Exception types whose message is the one line a user sees."""

from __future__ import annotations

from pathlib import Path


class InterviewLensError(Exception):
    """Base class: `str(error)` is a complete, user-facing sentence."""

    exit_code = 1


class InputError(InterviewLensError):
    """A file the user gave us cannot be used.

    The message says what is wrong, in which file (and line), and what to do.
    """

    def __init__(self, path: Path | str, problem: str, hint: str = "", line: int | None = None):
        self.path = str(path)
        self.problem = problem
        self.hint = hint
        self.line = line
        where = self.path if line is None else f"{self.path}, line {line}"
        message = f"{where}: {problem}"
        if hint:
            message += f" — {hint}"
        super().__init__(message)


class ProjectError(InterviewLensError):
    """The project file is missing, locked, corrupt or of a newer version."""


class NotImplementedYet(InterviewLensError):
    """A command that a later release will provide."""

    exit_code = 2
