"""A rule's guards: ``when`` / ``when-not`` (must / must not match the document)
and ``unless`` (contexts never touched)."""

from __future__ import annotations

from typing import Iterator, Optional

import regex

from ..budget import TimeLimit
from ..literals import OneOf, Required, one_of, required
from .base import Spec


# Lines whose answer a guard's regex remembers (a few MB at most); then it starts anew.
LINES_REMEMBERED = 2**13


class Guard:
    """``when`` / ``when-not`` (the document must / must not match) and
    ``unless`` (contexts never touched).

    A guard's match stays within one line unless its regex names the line
    break (``\\n``): a headline's last word and the next line's first are no
    phrase, so each line is searched on its own (``^`` and ``$`` are its ends).

    >>> from cleaner.kinds.base import Spec
    >>> spec = Spec({"id": "x", "when-not": r"[A-Z]\\w+\\s+McKay"}, "r.yml", 1, {}, ())
    >>> Guard(spec).admits("Talks ended in Minsk\\nMcKay said")
    True
    >>> Guard(spec).admits("Talks ended in Minsk McKay said")
    False
    """

    def __init__(self, spec: Spec):
        when, when_not = spec.data.get("when"), spec.data.get("when-not")
        self.when = spec.compile("when", when) if when else None
        self.when_not = spec.compile("when-not", when_not) if when_not else None
        self.unless = spec.compile_list("unless")
        # what a document needs for each regex to match in it (None: unknown)
        self.needs = {p: required(p.pattern) for p in (self.when, self.when_not, *self.unless) if p is not None}
        self.across_lines = {p for p in self.needs if _names_line_break(p.pattern)}  # searched in the whole text
        self.wanted = {p: one_of([need]) for p, need in self.needs.items()}  # what a line needs for p to match in it
        self.limit = TimeLimit(spec)
        self.answers: dict = {p: {} for p in (self.when, self.when_not) if p is not None}  # line -> p matches in it

    @property
    def conditional(self) -> bool:
        """Does the document decide whether the rule runs (``when``, ``when-not``)?"""
        return self.when is not None or self.when_not is not None

    def admits(self, text: str) -> bool:
        if self.when is not None and self._absent(self.when, text):
            return False
        when_not = None if self.when_not is None or self._absent(self.when_not, text) else self.when_not
        if self.when is None and when_not is None:
            return True
        with self.limit:
            if self.when is not None and not self._found(self.when, text):
                return False
            return when_not is None or not self._found(when_not, text)

    def protected_spans(self, text: str) -> list:
        unless = [p for p in self.unless if not self._absent(p, text)]
        if not unless:
            return []
        with self.limit:
            return [span for p in unless for span in self._matches(p, text)]

    def _absent(self, pattern: regex.Pattern, text: str) -> bool:
        """Does ``text`` lack what every match of ``pattern`` needs? Then no regex need run."""
        needs: Optional[Required] = self.needs[pattern]
        return needs is not None and needs.absent_from(text)

    def _found(self, pattern: regex.Pattern, text: str) -> bool:
        """Does ``pattern`` match in ``text``? Each line's answer is remembered:
        the stages run again while they change the text, and the lines a guard
        searches (those holding ':' for ``\\d:\\d\\d``) mostly come back unchanged
        in the next round, or in the next page of the site. A pattern searched
        line by line matches in the text if and only if it matches in one of those lines."""
        if pattern in self.across_lines:
            return next(self._matches(pattern, text), None) is not None
        seconds, answers = self.limit.seconds, self.answers[pattern]
        for _start, line in _lines_holding(text, self.wanted[pattern]):
            found = answers.get(line)
            if found is None:
                if len(answers) >= LINES_REMEMBERED:
                    answers.clear()
                found = answers[line] = pattern.search(line, timeout=seconds) is not None
            if found:
                return True
        return False

    def _matches(self, pattern: regex.Pattern, text: str) -> Iterator[tuple]:
        """The spans of ``pattern`` in ``text``, line by line unless it names the line break;
        a line lacking what the pattern needs is not searched (a timed regex call costs ~10 µs)."""
        seconds = self.limit.seconds
        if pattern in self.across_lines:
            yield from (m.span() for m in pattern.finditer(text, timeout=seconds))
            return
        for start, line in _lines_holding(text, self.wanted[pattern]):
            for m in pattern.finditer(line, timeout=seconds):
                yield start + m.start(), start + m.end()


def _lines_holding(text: str, wanted: Optional[OneOf]) -> Iterator[tuple]:
    """Each line of ``text`` holding one of ``wanted``'s strings (all, if None),
    with where it starts, in order. The lines are found by ``str.find`` over
    the text, not by testing every line in Python: most guards look for what
    few lines hold.

    >>> list(_lines_holding("a: 1\\nb\\nc: 2: 3", one_of([required(":")])))
    [(0, 'a: 1'), (7, 'c: 2: 3')]
    """
    if wanted is None or wanted.folded or not all(s and "\n" not in s for s in wanted.exact):
        start = 0
        for line in text.split("\n"):
            if wanted is None or not wanted.lacked_by(line):
                yield start, line
            start += len(line) + 1
        return
    spans = set()
    for string in wanted.exact:
        at = text.find(string)
        while at != -1:
            start, end = text.rfind("\n", 0, at) + 1, text.find("\n", at)
            end = len(text) if end == -1 else end
            spans.add((start, end))
            at = text.find(string, end)  # on the next line, if any
    for start, end in sorted(spans):
        yield start, text[start:end]


def _names_line_break(source: str) -> bool:
    r"""Whether a regex asks for a line break by name: ``\n``, or a newline written in it.

    >>> _names_line_break(r"Minsk\n"), _names_line_break(r"Minsk\s+\w"), _names_line_break(r"a\\n")
    (True, False, False)
    """
    return "\n" in source or regex.search(r"(?<!\\)(?:\\\\)*\\n", source) is not None
