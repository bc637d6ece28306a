"""A record of what the pipeline changed, for ``Cleaner.explain``.

Stages report every change to a log. Cleaning without explaining passes the
``NO_LOG`` singleton, whose methods do nothing, so the fast path pays nothing
for positions it would never show.
"""

from __future__ import annotations

import difflib
from collections import Counter
from typing import Callable, NamedTuple


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

    def line(self, line: int, rule: str, before: str, after: str, note: str = "", column: int = 1) -> None:
        """Record a change of a whole line (1-based ``line``), or of the text at ``column`` in it."""
        self.changes.append(Change(rule, line, column, before, after, note))


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


class Relocator:
    """Maps a position in the text a stage saw back to the original text, so that
    ``explain`` gives every change in the coordinates of the file on disk.

    Why a diff and not an offset map carried through the stages: every stage
    would have to report how it moved text (and stages that rebuild lines, such
    as ftfy's, cannot say so cheaply). A line diff between the original and the
    stage's input is computed only when explaining, and needs nothing from the
    stages. Lines the diff pairs as equal map exactly; a line an earlier stage
    edited maps to the original line it replaced, its column through a
    character diff of the two lines.

    >>> relocate = Relocator("menu\\nAdd comment\\nMcKay met\\n", "McKay met\\n")
    >>> relocate(1, 1)
    (3, 1)
    >>> Relocator("a  McKay\\n", "a McKay\\n")(1, 3)
    (1, 4)
    """

    def __init__(self, original: str, seen: str):
        self.original = original.split("\n")
        self.seen = seen.split("\n")
        self.lines: dict = {}  # line index in ``seen`` -> line index in ``original``
        matcher = difflib.SequenceMatcher(None, self.original, self.seen, autojunk=False)
        for tag, i1, i2, j1, j2 in matcher.get_opcodes():
            if tag == "equal":
                self.lines.update((j1 + k, i1 + k) for k in range(j2 - j1))
                continue
            start = i1  # edited lines: each to the most alike original line, in order
            for j in range(j1, j2):
                if i2 > start:
                    alike = lambda i, j=j: difflib.SequenceMatcher(None, self.original[i], self.seen[j]).ratio()
                    start = max(range(start, i2), key=alike)
                self.lines[j] = start if i2 > i1 else max(i1 - 1, 0)

    def __call__(self, line: int, column: int) -> tuple:
        if line - 1 not in self.lines:  # past the end: a change at the very end
            return line, column
        index = self.lines[line - 1]
        was, now = self.original[index], self.seen[line - 1]
        if was != now:
            column = _column_in(was, now, column - 1) + 1
        return index + 1, column


def _column_in(was: str, now: str, column: int) -> int:
    """The index in ``was`` of the character at ``column`` of ``now``, its edited form."""
    for tag, i1, i2, j1, j2 in difflib.SequenceMatcher(None, was, now, autojunk=False).get_opcodes():
        if j1 <= column < j2 or (column == j2 and tag == "equal" and j2 == len(now)):
            return i1 + min(column - j1, max(i2 - i1 - 1, 0)) if tag != "equal" else i1 + column - j1
    return len(was)


def explain(stages_for: Callable[[str], list], text: str, rounds: int) -> list:
    """Every change the stages ``stages_for(text)`` make to ``text``, in the original text's lines and
    columns, ordered by position (a stable sort: changes at one place keep the
    order the pipeline made them in). Stages that run others in turn are entered,
    so that each rule's changes are relocated from the text that rule saw. The
    stages run again while they change the text, at most ``rounds`` times, as
    ``Cleaner.clean`` runs them, chosen again for each round: a change of a
    later round is listed too."""
    from .lines import LineStageAround, drop_lines
    from .stages import InTurn, WithoutFinalNewline

    log = ChangeLog()
    original = text

    def run(stage, text: str) -> str:
        if isinstance(stage, InTurn):
            for rule in stage.rules:
                text = run(rule, text)
            return text
        if isinstance(stage, WithoutFinalNewline):  # keeps every line where it was
            final_newline = text.endswith("\n")
            text = text[:-1] if final_newline else text
            for inner in stage.inside:
                text = run(inner, text)
            return text + "\n" if final_newline and text else text
        if isinstance(stage, LineStageAround):  # as its ``apply``, each step relocated
            matched: dict = {}
            text = dropped = leaf(lambda t, log: drop_lines(t, stage.lines, log, matched), text)
            for inner in stage.inside:
                text = run(inner, text)
            return leaf(lambda t, log: drop_lines(t, stage.lines, log, matched), text) if text != dropped else text
        return leaf(stage.apply, text)

    def leaf(apply, text: str) -> str:
        first = len(log.changes)
        seen, text = text, apply(text, log)
        if seen.rstrip("\n") != original.rstrip("\n") and len(log.changes) > first:
            relocate = Relocator(original, seen)
            log.changes[first:] = [
                c._replace(**dict(zip(("line", "column"), relocate(c.line, c.column)))) for c in log.changes[first:]
            ]
        return text

    for _ in range(rounds):
        before, logged = text, len(log.changes)
        for stage in stages_for(text):
            text = run(stage, text)
        if text == before:  # what a round that changes nothing reports is no change (a blank line of "")
            del log.changes[logged:]
            break
    return sorted(log.changes, key=lambda c: (c.line, c.column))
