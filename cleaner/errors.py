"""Errors that cleaner reports to users as one line, never as a traceback."""

from __future__ import annotations

from .lint_codes import CODES, INVALID_RULE

__all__ = ["CODES", "CleanerError", "RuleError", "RuleTimeout"]  # CODES: for the lint help


class CleanerError(Exception):
    """A problem the user can fix; ``str()`` is the whole one-line message."""


class RuleError(CleanerError):
    """A rule file that cannot be loaded, located as ``path:line: message``.

    ``code`` is one of ``lint_codes.CODES``, stable, for ``cleaner rules lint``.

    >>> str(RuleError("rules/x.yaml", 4, "unknown kind 'drop'"))
    "rules/x.yaml:4: unknown kind 'drop'"
    """

    def __init__(self, path: str, line: int, message: str, code: str = INVALID_RULE.code, column: int = 1):
        super().__init__(f"{path}:{line}: {message}")
        self.path = path
        self.line = line
        self.column = column
        self.message = message
        self.code = code


class RuleTimeout(CleanerError):
    """A rule's regex ran longer than its time limit on one document."""
