"""A regex's source as the standard library's parser reads it, and what its parse tree says
every match holds: the reading under ``literals.required``, ``starts``, ``widest`` and ``shape``.

The parser reads the syntax ``regex`` shares with ``re``. Property classes (``\\p{L}``) are read as
another class (``\\w``, which therefore stands for no class of its own); a lookbehind of varying
width, which an older parser refuses, is then read as a lookahead (and nothing is joined to what
stands beside a lookaround). Anything the parser reads otherwise than ``regex`` would (a fuzzy
``{e<=1}``, a POSIX ``[[:alpha:]]``) is not read at all.
"""

from __future__ import annotations

import itertools
import re
import sys
from typing import Any, Iterator, Optional

# The parser re compiles with: a private module of re since Python 3.11, a
# top-level one (deprecated there) before. No stubs for either.
if sys.version_info >= (3, 11):
    import re._constants as sre  # type: ignore[import-not-found]
    import re._parser as sre_parse  # type: ignore[import-not-found]
else:
    import sre_constants as sre
    import sre_parse

# \p{...} and \P{...}, not escaped themselves: read as the class \w.
PROPERTY = re.compile(r"(?<!\\)((?:\\\\)*)\\[pP]\{[^}]*\}")
# A lookbehind, read as a lookahead where the standard parser refuses it (of varying width, which regex takes).
LOOKBEHIND = re.compile(r"(?<!\\)((?:\\\\)*)\(\?<([=!])")
# What the standard parser would read otherwise than regex does: a brace that
# is no {m,n} quantifier (regex's fuzzy matching), a POSIX class.
READ_OTHERWISE = re.compile(r"\{(?!\d*,?\d*\})|\[:\^?\w+:\]")

MAXREPEAT = sre.MAXREPEAT  # an unbounded repeat's upper bound, and the width of what has none
REPEATS = (sre.MAX_REPEAT, sre.MIN_REPEAT, getattr(sre, "POSSESSIVE_REPEAT", sre.MAX_REPEAT))


def parse(source: str) -> Optional[tuple]:
    """``source`` read by the standard parser, and whether what stands beside a lookaround is
    known: not when a lookbehind had to be read as a lookahead."""
    source = PROPERTY.sub(r"\1\\w", source)
    if READ_OTHERWISE.search(source):
        return None
    try:
        return sre_parse.parse(source), True
    except (re.error, RecursionError, OverflowError):
        try:  # lookbehinds read as lookaheads: what stands beside them is no longer known
            return sre_parse.parse(LOOKBEHIND.sub(r"\1(?\2", source)), False
        except (re.error, RecursionError, OverflowError):
            return None


def best(items: Any, adjacent: bool) -> Optional[frozenset]:
    """Of the sequence ``items``' requirements, the one whose shortest string is longest."""
    options = list(requirements(items, adjacent))
    return max(options, key=lambda strings: min(map(len, strings)), default=None)


def requirements(items: Any, adjacent: bool) -> Iterator[frozenset]:
    """Each requirement of the sequence ``items``: a frozenset of strings, one needed.

    With ``adjacent`` (lookarounds read as they are), a run of literal text
    also joins what stands right beside it: the last of a repeated character
    (`` +`` then ``,``: `` ,``), and the start of a lookahead (`` (?=,|\\.)``)."""
    run: list[str] = []
    for op, argument in items:
        if op is sre.LITERAL:
            run.append(chr(argument))
            continue
        before = "".join(run)
        if run:
            yield frozenset([before])
            run = []
        if op is sre.SUBPATTERN:
            _group, add_flags, _del_flags, body = argument
            if not add_flags & sre.SRE_FLAG_IGNORECASE:
                yield from requirements(body, adjacent)
        elif op in REPEATS:
            low, _high, body = argument
            if low >= 1:
                yield from requirements(body, adjacent)
                repeated = [chr(value) for kind, value in body if kind is sre.LITERAL]
                if adjacent and len(repeated) == len(body) == 1:  # x{low,}: the run so far, then low x's
                    run = repeated * low
                    if before:
                        yield frozenset([before + "".join(run)])
        elif op is sre.ASSERT:
            direction, body = argument
            yield from requirements(body, adjacent)
            starts = starts_of(body) if adjacent and direction == 1 and before else None
            if starts:
                yield frozenset(before + start for start in starts)
        elif op is sre.BRANCH:  # one string of some requirement of each branch
            branches = [best(branch, adjacent) for branch in argument[1]]
            if all(branches):
                yield frozenset(s for strings in branches if strings for s in strings)
        elif op is sre.IN and all(kind is sre.LITERAL for kind, _ in argument):
            yield frozenset(chr(value) for _, value in argument)  # a class of a few characters: one of them
        # else: a wider class, an anchor, a negative lookaround, a backreference... needs no literal
    if run:
        yield frozenset(["".join(run)])


def starts_of(items: Any) -> Optional[frozenset]:
    """The strings one of which every match of the sequence ``items`` starts with, if known."""
    items = list(items)
    if not items:
        return None
    op, argument = items[0]
    if op is sre.LITERAL:
        start = [chr(value) for _, value in itertools.takewhile(lambda item: item[0] is sre.LITERAL, items)]
        return frozenset(["".join(start)])
    if op is sre.IN and all(kind is sre.LITERAL for kind, _ in argument):
        return frozenset(chr(value) for _, value in argument)
    if op is sre.BRANCH:
        branches = [starts_of(branch) for branch in argument[1]]
        return frozenset().union(*branches) if all(branches) else None  # type: ignore[arg-type]
    if op is sre.SUBPATTERN and not argument[1] & sre.SRE_FLAG_IGNORECASE:
        return starts_of(argument[3])
    if op in (sre.AT, sre.ASSERT, sre.ASSERT_NOT):  # takes no character: what follows starts the match
        return starts_of(items[1:])
    if op in REPEATS and argument[:2] == (0, 1) and [kind for kind, _ in argument[2]] == [sre.LITERAL]:
        rest = starts_of(items[1:])  # an optional character: the rest's starts, with it or without
        return rest and rest | {chr(argument[2][0][1]) + start for start in rest}
    if op in REPEATS and argument[0] >= 1:  # at least once: the body starts the match
        return starts_of(argument[2])
    if op in REPEATS:  # perhaps not at all: the body starts the match, or the rest does
        body, rest = starts_of(argument[2]), starts_of(items[1:])
        return body | rest if body and rest else None
    return None


# The classes a parsed class may hold that stand for themselves (``\w`` may be a property read as it).
CATEGORIES = {sre.CATEGORY_DIGIT: r"\d", sre.CATEGORY_NOT_DIGIT: r"\D", sre.CATEGORY_SPACE: r"\s"}
CATEGORIES[sre.CATEGORY_NOT_SPACE] = r"\S"
ZERO_WIDTH = (sre.AT, sre.ASSERT, sre.ASSERT_NOT)


def runs(items: Any, ignore_case: bool) -> Iterator[tuple[bool, list[str]]]:
    """Each run of single characters (a literal, a class) that every match of the sequence
    ``items`` holds side by side, as ``regex`` sources of one character each, with whether it
    ignores case. What takes no character (an anchor, a lookaround) leaves a run whole; a
    repeat of one character ``low`` times or more ends the run with ``low`` of it and starts
    the next with as many (its first and its last ones); anything else ends it."""
    run: list[str] = []
    for op, argument in items:
        one = character(op, argument)
        if one is not None:
            run.append(one)
            continue
        if op in ZERO_WIDTH:
            if op is sre.ASSERT:
                yield from runs(argument[1], ignore_case)
            continue
        repeated = character(*argument[2][0]) if op in REPEATS and len(argument[2]) == 1 else None
        if repeated is not None and argument[0] == argument[1]:
            run.extend([repeated] * argument[0])
            continue
        if repeated is not None:  # x{low,high}: the run so far, then low x's; low x's, then what follows
            run.extend([repeated] * argument[0])
            if run:
                yield ignore_case, run
            run = [repeated] * argument[0]
            continue
        if run:
            yield ignore_case, run
        run = []
        if op is sre.SUBPATTERN:
            yield from runs(argument[3], ignore_case or bool(argument[1] & sre.SRE_FLAG_IGNORECASE))
        elif op in REPEATS and argument[0] >= 1:
            yield from runs(argument[2], ignore_case)
    if run:
        yield ignore_case, run


def character(op: Any, argument: Any) -> Optional[str]:
    """The ``regex`` source of an item matching one character, if it is one known as the parser read it."""
    if op is sre.LITERAL:
        return f"\\U{argument:08x}"
    if op is sre.NOT_LITERAL:
        return f"[^\\U{argument:08x}]"
    if op is not sre.IN:
        return None
    members = []
    for kind, value in argument:
        if kind is sre.NEGATE:
            members.append("^")
        elif kind is sre.LITERAL:
            members.append(f"\\U{value:08x}")
        elif kind is sre.RANGE:
            members.append(f"\\U{value[0]:08x}-\\U{value[1]:08x}")
        elif kind is sre.CATEGORY and value in CATEGORIES:
            members.append(CATEGORIES[value])
        else:
            return None
    return f"[{''.join(members)}]"


def lookahead_bound(items: Any, flags: int) -> Optional[int]:
    """The most characters a text may have for a match of ``items`` to start at its start, if a
    lookahead there says so: ``(?=.{0,80}$)`` lets 80 stand before the end, 81 if the last is a
    newline (``$`` matches before one). Not when ``$`` matches at every line's end (multiline)."""
    for op, argument in items:
        if op is sre.SUBPATTERN and len(items) == 1:
            return lookahead_bound(argument[3], flags | argument[1])
        if op is sre.ASSERT and argument[0] == 1 and argument[1] and not flags & sre.SRE_FLAG_MULTILINE:
            *body, last = argument[1]
            high = sre_parse.SubPattern(argument[1].state, body).getwidth()[1]
            if last in ((sre.AT, sre.AT_END), (sre.AT, sre.AT_END_STRING)) and high < sre.MAXREPEAT:
                return high + 1
        if op not in ZERO_WIDTH:
            return None
    return None
