"""A record of what the pipeline changed, for ``Cleaner.explain``.

Stages report every change to a log. Cleaning without explaining passes the
``NO_LOG`` singleton, whose methods do nothing, so the fast path pays nothing
for positions it would never show.
"""

from __future__ import annotations

from collections import Counter
from typing import NamedTuple


class Change(NamedTuple):
    """One change: which rule, where (1-based, in the text as that stage saw it), what."""

    rule: str
    line: int
    column: int
    before: str
    after: str
    note: str = ""


class ChangeLog:
    """Collects changes in the order the pipeline makes them.

    >>> log = ChangeLog()
    >>> log.at("ab\\ncd", 4, "demo", "d", "D")
    >>> log.changes
    [Change(rule='demo', line=2, column=2, before='d', after='D', note='')]
    """

    def __init__(self) -> None:
        self.changes: list[Change] = []

    def at(self, text: str, offset: int, rule: str, before: str, after: str, note: str = "") -> None:
        """Record a change at character ``offset`` of ``text``."""
        line_start = text.rfind("\n", 0, offset) + 1
        line = text.count("\n", 0, offset) + 1
        self.changes.append(Change(rule, line, offset - line_start + 1, before, after, note))

    def line(self, line: int, rule: str, before: str, after: str, note: str = "") -> None:
        """Record a change of a whole line (1-based ``line``)."""
        self.changes.append(Change(rule, line, 1, before, after, note))


class RuleCounter(ChangeLog):
    """Counts how often each rule fired, without positions: for dump statistics."""

    def __init__(self) -> None:
        self.counts: Counter = Counter()

    def at(self, text, offset, rule, *args, **kwargs) -> None:
        self.counts[rule] += 1

    def line(self, line, rule, *args, **kwargs) -> None:
        self.counts[rule] += 1


class _NoLog(ChangeLog):
    def at(self, *args, **kwargs) -> None:
        pass

    def line(self, *args, **kwargs) -> None:
        pass


NO_LOG = _NoLog()
