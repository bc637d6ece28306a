"""Errors that cleaner reports to users as one line, never as a traceback."""

from __future__ import annotations


# The stable codes of rule-file findings: E for what the loader refuses (a
# RuleError's code), W for what ``cleaner rules lint`` warns about.
CODES = {
    "E100": "the file cannot be read or is not valid YAML",
    "E101": "unknown key",
    "E102": "invalid rule",
    "E103": "invalid regex",
    "E104": "duplicate rule id",
    "E105": "YAML tag not allowed",
    "E106": "duplicate key",
    "W201": "a pattern matches the empty string",
    "W202": "nested unbounded quantifiers or repeated alternatives: catastrophic backtracking",
    "W203": "a variant is another rule's canonical form: the rules undo each other",
    "W204": "rules feed each other: an example is not clean after one run",
    "W205": "no examples",
    "W206": "no negative example (an input that must stay unchanged)",
    "W207": "no positive example (an input the rule changes)",
}


class CleanerError(Exception):
    """A problem the user can fix; ``str()`` is the whole one-line message."""


class RuleError(CleanerError):
    """A rule file that cannot be loaded, located as ``path:line: message``.

    ``code`` is one of ``CODES``, stable, for ``cleaner rules lint``.

    >>> str(RuleError("rules/x.yaml", 4, "unknown kind 'drop'"))
    "rules/x.yaml:4: unknown kind 'drop'"
    """

    def __init__(self, path: str, line: int, message: str, code: str = "E102", column: int = 1):
        super().__init__(f"{path}:{line}: {message}")
        self.path = path
        self.line = line
        self.column = column
        self.message = message
        self.code = code


class RuleTimeout(CleanerError):
    """A rule's regex ran longer than its time limit on one document."""
