"""A cheap necessary condition for ftfy's mojibake detector, derived from its own pattern.

``ftfy.badness.is_bad`` searches a line with ``BADNESS_RE``, an alternation of
37 short sequences of character classes. On every line of a French, German or
Russian page (each holds a character outside ASCII, so the Unicode repair
asks) that search was most of cleaner's time, and it almost never matches.

Every alternative has a position that must match a character of a small,
finite class: this module reads ``BADNESS_RE`` with Python's own regex parser
and picks, for each alternative, the position whose class holds the fewest
characters of correct prose (weighted below). ``SUSPECT`` is the union of the
picked classes: a line holding none of its characters cannot match any
alternative, so ``is_bad`` is never asked about it. Nothing is copied from
ftfy: a new ftfy version's pattern gives a new ``SUSPECT`` at import, and a
construct this reading does not know makes the import fail, never the
condition wrong. ``tests/test_fast_paths.py`` checks the condition against
``is_bad`` exhaustively on the classes of every code point.

>>> may_be_bad("Ελληνικά, café, Сообщите"), may_be_bad("cafÃ©")
(False, True)
"""

from __future__ import annotations

import re
from re import _constants as sre
from re import _parser
from typing import AbstractSet, Optional

import ftfy.badness

# Characters of correct prose that ftfy's classes hold: a class made of fewer
# of them is the better one to require. Letters of Greek, Cyrillic and
# accented Latin, and the quotes and dashes of running text (ASCII weighs most).
_PROSE = set(
    "«»“”‘’„–—…\u00a0"
    + "".join(chr(code) for code in range(0x00C0, 0x0180))
    + "".join(chr(code) for code in range(0x0386, 0x03CF))  # Greek
    + "ЁёЄєІіЇїЎў"
    + "".join(chr(code) for code in range(0x0410, 0x0450))  # Cyrillic
)


def _class(node: tuple) -> Optional[frozenset]:
    """The characters one position of the pattern matches, or None when they are unbounded."""
    op, argument = node
    if op is sre.LITERAL:
        return frozenset(chr(argument))
    if op is not sre.IN:
        return None  # ANY, AT, repeats, categories: nothing required of this position
    characters: set = set()
    for item, value in argument:
        if item is sre.LITERAL:
            characters.add(chr(value))
        elif item is sre.RANGE:
            characters.update(chr(code) for code in range(value[0], value[1] + 1))
        else:  # CATEGORY (\s, \w) or NEGATE: unbounded
            return None
    return frozenset(characters)


def alternatives(pattern: re.Pattern) -> list[list[Optional[frozenset]]]:
    """Each alternative of ``pattern``, as the class of each of its positions (None: unbounded)."""
    parsed = _parser.parse(pattern.pattern, pattern.flags)
    (op, (_, branches)), *rest = parsed.data
    if op is not sre.BRANCH or rest:
        raise TypeError("ftfy's badness pattern is no longer one alternation")
    for branch in branches:  # the only assertion a window of the line may not change: ^ (see may_be_bad)
        if any(op is sre.AT and argument is not sre.AT_BEGINNING for op, argument in branch.data):
            raise TypeError("an alternative of ftfy's badness pattern has an assertion other than ^")
        if any(op in (sre.ASSERT, sre.ASSERT_NOT, sre.GROUPREF) for op, _ in branch.data):
            raise TypeError("an alternative of ftfy's badness pattern looks around or refers back")
    return [[_class(node) for node in branch.data] for branch in branches]


def widest_match(pattern: re.Pattern) -> int:
    """How many characters a match of ``pattern`` has at most."""
    return _parser.parse(pattern.pattern, pattern.flags).getwidth()[1]


def _prose_weight(characters: AbstractSet[str]) -> int:
    return sum(10_000 if c < "\x80" else 100 if c in _PROSE else 1 for c in characters)


def _bounded(positions: list[Optional[frozenset]]) -> list[frozenset]:
    bounded = [characters for characters in positions if characters is not None]
    if not bounded:
        raise TypeError("an alternative of ftfy's badness pattern requires no character of a finite class")
    return bounded


def required_characters(pattern: re.Pattern) -> frozenset:
    """A set that every match of ``pattern`` holds a character of: one class of each
    alternative. The alternatives whose best class weighs most choose first; the
    others then prefer a class already taken (the quotes that one needs, another can use)."""
    classes = sorted(map(_bounded, alternatives(pattern)), key=lambda bounded: -min(map(_prose_weight, bounded)))
    required: frozenset = frozenset()
    for bounded in classes:
        required |= min(bounded, key=lambda characters: _prose_weight(characters - required))
    return required


SUSPECT_CHARACTERS = required_characters(ftfy.badness.BADNESS_RE)
SUSPECT = re.compile("[" + "".join(re.escape(c) for c in sorted(SUSPECT_CHARACTERS)) + "]")
WIDEST = widest_match(ftfy.badness.BADNESS_RE)


def may_be_bad(line: str) -> bool:
    """``ftfy.badness.is_bad(line)``, searched only around the ``SUSPECT`` characters.

    A match holds one, and has at most ``WIDEST`` characters: it lies within
    ``WIDEST - 1`` characters of it on either side. The search is bounded
    with ``pos`` and ``endpos``, which leave ``^`` matching only at the
    line's real start, so a window finds a match exactly when the line has
    one there.
    """
    search = ftfy.badness.BADNESS_RE.search
    start = end = 0
    for suspect in SUSPECT.finditer(line):
        at = suspect.start()
        if at - WIDEST + 1 > end:  # apart from the window so far: search that one
            if end and search(line, start, end):
                return True
            start = max(at - WIDEST + 1, 0)
        end = at + WIDEST
    return bool(end) and search(line, start, end) is not None
