"""The literal text a regex cannot match without: a test in ``str`` that spares the regex.

Most documents hold none of what most rules look for. ``required(source)`` reads a pattern once, at
load, and finds strings of which every match holds at least one (in itself or in what its lookarounds
see); a document holding none of them cannot match, so the regex need not run on it (``Required.absent_from``).

The pattern is read with the standard library's parser, the syntax ``regex`` shares with ``re``.
Property classes (``\\p{L}``) are read as another class (classes give no literal); a lookbehind of
varying width, which an older parser refuses, is then read as a lookahead (and nothing is joined to
what stands beside a lookaround). Anything else only ``regex`` knows, a group that ignores case, and
anything the parser reads otherwise than ``regex`` would (a fuzzy ``{e<=1}``, a POSIX ``[[:alpha:]]``),
gives no literal: the regex then always runs. A regex that ignores case as a whole needs its strings
casefolded in the text casefolded (``str.casefold``: the same Unicode case folding as regex's own).

>>> required(r"\\b(?:Aleksandr|Alyaksandr)(?=\\s+(?:G\\.\\s+)?Lukashenk)").groups
(('Lukashenk',), ('Al',), ('eksandr', 'yaksandr'))
>>> required(r"\\b(?:Belarus\\w*|Minsk|Lukashenk\\w*)\\b").groups
(('Belarus', 'Lukashenk', 'Minsk'),)
>>> required(r"(?<=\\p{Latin}[^\\p{L}\\n]*)<(…|\\.\\.\\.)>").groups
(('<',), ('>',), ('...', '…'))
>>> required(r"[ ]+(?=,|\\.)").groups  # a space, then a comma or a stop: " ," or " ."
((' ',), (' ,', ' .'), (',', '.'))
>>> required(r"[-–—]+").groups, required(r"[^-–—]+"), required(r"[a-z]+")  # a class of characters, not ranges
((('-', '–', '—'),), None, None)
>>> required("Lukashenk").absent_from("Minsk"), required("Lukashenk").absent_from("Lukashenko")
(True, False)
>>> required(r"(?i)News").absent_from("NEWS"), required(r"a?b*"), required(r"x{e<=1}")
(False, None, None)
"""

from __future__ import annotations

import functools
import itertools
import re
import sys
from typing import Any, Iterator, NamedTuple, Optional, Sequence

import ahocorasick

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

REPEATS = (sre.MAX_REPEAT, sre.MIN_REPEAT, getattr(sre, "POSSESSIVE_REPEAT", sre.MAX_REPEAT))


class Required(NamedTuple):
    """Groups of strings: a match holds at least one string of each group
    (casefolded, if ``folded``: the regex ignores case)."""

    groups: tuple
    folded: bool = False

    def absent_from(self, text: str, folded: Optional[str] = None) -> bool:
        """Does ``text`` lack every string of some group (so no match is in it)?
        ``folded`` is ``text.casefold()``, if the caller has it."""
        if self.folded:
            text = text.casefold() if folded is None else folded
        return not all(any(s in text for s in strings) for strings in self.groups)

    def rarest(self) -> tuple:
        """The group whose least ``rarity`` is highest: the one a text most often
        lacks (" in " is in most lines, "next" is not; "/ " in fewer than "AP").

        >>> required(r"(?:Next|Previous) (?:Story|Post) in [A-Z]").rarest()
        ('Next', 'Previous')
        >>> required(r"(?:[A-Z]\\w* ){1,4}/ (?:AP|Reuters)").rarest()
        ('/ ',)
        """
        return max(self.groups, key=lambda strings: min(map(rarity, strings)))


def rarity(string: str) -> int:
    """How rarely a text holds ``string``: its length, spaces not counted, and 2 more a sign prose seldom writes."""
    return len(string.strip()) + 2 * sum(not c.isalnum() and not c.isspace() and c not in COMMON for c in string)


COMMON = frozenset(".,:;'\"-()")  # the signs of most sentences: no rarer than a letter


class OneOf(NamedTuple):
    """Strings one of which a text holds if any of some regexes matches it: the ``Required.rarest`` group
    of each (casefolded, for those that ignore case). One group a regex, not all: a few ``in`` tests,
    cheaper than a timed regex call.

    >>> wanted = one_of([required("Read more"), required("(?i)share")])
    >>> wanted.lacked_by("SHARE"), wanted.lacked_by("Read on"), one_of([required("News"), None])
    (False, True, None)
    """

    exact: tuple
    folded: tuple

    def lacked_by(self, text: str, folded: Optional[str] = None) -> bool:
        """Does ``text`` (``folded``: its casefolded form, if the caller has it) hold none of the strings?"""
        if any(string in text for string in self.exact):
            return False
        if not self.folded:
            return True
        folded = text.casefold() if folded is None else folded
        return not any(string in folded for string in self.folded)


def one_of(needs: Sequence[Optional[Required]]) -> Optional[OneOf]:
    """What a text needs for one of the regexes of ``needs`` to match; None if one needs nothing known."""
    if any(need is None for need in needs):
        return None
    return OneOf(
        tuple(s for need in needs if need is not None and not need.folded for s in need.rarest()),
        tuple(s for need in needs if need is not None and need.folded for s in need.rarest()),
    )


# A string shorter than this occurs in most texts: a regex needing one is always possible (its own
# test says more), since the automaton would take a step in Python for each of its many occurrences.
AUTOMATON_MIN = 3
# A pass of the automaton over a text costs about what the own tests of this
# many regexes cost (the built-in replace rules are fewer): with fewer, it is not made.
SIEVE_MIN = 16


class Sieve:
    """Which of many regexes a text may match, found in one pass over the text.

    Each regex is filed under its ``Required.rarest`` group: a text holding none of that group's strings
    cannot match, as ``absent_from`` would say. The strings are looked for all at once by an Aho-Corasick
    automaton (pyahocorasick), so a thousand replace rules cost one pass, not a thousand tests. A regex
    with nothing required is always possible.

    >>> sieve = Sieve([required("Lukashenk"), required(r"(?i)minsk"), None, required(r" ,")] * 8)
    >>> sorted(sieve.possible("MINSK, Lukashenko"))[:4], sorted(sieve.possible("Brest"))[:4]
    ([0, 1, 2, 3], [2, 3, 6, 7])
    """

    def __init__(self, needs: Sequence[Optional[Required]]):
        filed: dict[bool, dict[str, list]] = {False: {}, True: {}}  # folded -> string -> indexes
        for index, need in enumerate(needs):
            if need is None or min(map(len, need.rarest())) < AUTOMATON_MIN:
                continue  # always possible: the rule's own test is as quick
            for string in need.rarest():
                filed[need.folded].setdefault(string, []).append(index)
        sieved = {index for strings in filed.values() for indexes in strings.values() for index in indexes}
        if len(sieved) < SIEVE_MIN:
            sieved, filed = set(), {False: {}, True: {}}
        self.always = frozenset(range(len(needs))) - sieved
        self.exact = automaton({string: tuple(indexes) for string, indexes in filed[False].items()})
        self.folded = automaton({string: tuple(indexes) for string, indexes in filed[True].items()})
        self.useful = bool(sieved)  # False: every regex is always possible

    def possible(self, text: str) -> set:
        """The indexes of the regexes ``text`` may match."""
        found = set(self.always)
        if self.exact is not None:
            for indexes in {indexes for _, indexes in self.exact.iter(text)}:
                found.update(indexes)
        if self.folded is not None:
            for indexes in {indexes for _, indexes in self.folded.iter(text.casefold())}:
                found.update(indexes)
        return found


class Gate:
    """Whether a text may match one of some regexes: it holds a string of the ``rarest`` group of one of
    them (casefolded, in the text casefolded, for those that ignore case), found by one automaton pass.
    Unlike ``Sieve``, it does not say which regex: the first string found answers.

    >>> gate = Gate([required("Share on"), required("(?i)Related news")])
    >>> gate.admits("Share on X"), gate.admits("RELATED NEWS"), gate.admits("Related")
    (True, True, False)
    """

    def __init__(self, needs: Sequence[Required]):
        self.exact = automaton({s: s for need in needs if not need.folded for s in need.rarest()})
        self.folded = automaton({s: s for need in needs if need.folded for s in need.rarest()})

    def admits(self, text: str) -> bool:
        return (self.exact is not None and next(self.exact.iter(text), None) is not None) or (
            self.folded is not None and next(self.folded.iter(text.casefold()), None) is not None
        )


def automaton(strings: dict) -> Any:
    """An Aho-Corasick automaton finding the keys of ``strings`` in a text (its ``iter`` gives the end
    of each occurrence and the key's value), or None if there are none."""
    if not strings:
        return None
    found = ahocorasick.Automaton()
    for string, value in strings.items():
        found.add_word(string, value)
    found.make_automaton()
    return found


@functools.lru_cache(maxsize=4096)  # learnt rules repeat a few hundred patterns over a thousand sites
def required(source: str, flags: int = 0) -> Optional[Required]:
    """What every match of ``source`` (compiled with ``flags``) needs, fewest strings first; None: nothing known."""
    read = _parse(source)
    if read is None:
        return None
    parsed, adjacent = read
    folded = bool((flags | parsed.state.flags) & re.IGNORECASE)
    found = _requirements(parsed, adjacent)
    groups = {tuple(sorted({s.casefold() if folded else s for s in strings})) for strings in found}
    if not groups:
        return None
    return Required(tuple(sorted(groups, key=lambda g: (len(g), -min(map(len, g)), g))), folded)


@functools.lru_cache(maxsize=4096)
def starts(source: str, flags: int = 0) -> Optional[Required]:
    """The strings one of which every match of ``source`` starts with, as one
    group (casefolded if it ignores case); None: not known. A line that a
    pattern matches whole starts with one of them.

    >>> [starts(source).groups for source in (r"(?i)(?:Tel(?:efon)?|Fax)\\s*:", r"[-–]+", r"\\b(?:[-•] )?Share")]
    [(('fax', 'tel'),), (('-', '–'),), (('-', 'Share', '•'),)]
    >>> starts(r".{0,60}Share"), starts(r"(?:Page )?\\d+ of \\d+")
    (None, None)
    """
    read = _parse(source)
    found = None if read is None else _starts(read[0])
    if not found:
        return None
    folded = bool((flags | read[0].state.flags) & re.IGNORECASE)  # type: ignore[index]
    return Required((tuple(sorted({s.casefold() if folded else s for s in found})),), folded)


@functools.lru_cache(maxsize=4096)
def widest(source: str) -> Optional[int]:
    """The most characters a match of ``source`` spans, if it has a bound (a
    lookaround spans none; ignoring case, a character matches one): a line
    longer than that is no match of it whole.

    >>> widest(r"(?i)(?:Page )?\\d{1,3} of \\d{1,3}"), widest(r"(?=\\w)Share(?: on \\w+)?"), widest(r"Share.*")
    (15, None, None)
    """
    read = _parse(source)
    if read is None:
        return None
    high = read[0].getwidth()[1]
    return high if high < sre.MAXREPEAT else None


def _parse(source: str) -> Optional[tuple]:
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


def _best(items: Any, adjacent: bool) -> Optional[frozenset]:
    """Of the sequence ``items``' requirements, the one whose shortest string is longest."""
    options = list(_requirements(items, adjacent))
    return max(options, key=lambda strings: min(map(len, strings)), default=None)


def _requirements(items: Any, adjacent: bool) -> Iterator[frozenset]:
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
                yield from _requirements(body, adjacent)
        elif op in REPEATS:
            low, _high, body = argument
            if low >= 1:
                yield from _requirements(body, adjacent)
                repeated = [chr(value) for kind, value in body if kind is sre.LITERAL]
                if adjacent and len(repeated) == len(body) == 1:  # x{low,}: the run so far, then low x's
                    run = repeated * low
                    if before:
                        yield frozenset([before + "".join(run)])
        elif op is sre.ASSERT:
            direction, body = argument
            yield from _requirements(body, adjacent)
            starts = _starts(body) if adjacent and direction == 1 and before else None
            if starts:
                yield frozenset(before + start for start in starts)
        elif op is sre.BRANCH:  # one string of some requirement of each branch
            branches = [_best(branch, adjacent) for branch in argument[1]]
            if all(branches):
                yield frozenset(s for strings in branches if strings for s in strings)
        elif op is sre.IN and all(kind is sre.LITERAL for kind, _ in argument):
            yield frozenset(chr(value) for _, value in argument)  # a class of a few characters: one of them
        # else: a wider class, an anchor, a negative lookaround, a backreference... needs no literal
    if run:
        yield frozenset(["".join(run)])


def _starts(items: Any) -> Optional[frozenset]:
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
        branches = [_starts(branch) for branch in argument[1]]
        return frozenset().union(*branches) if all(branches) else None  # type: ignore[arg-type]
    if op is sre.SUBPATTERN and not argument[1] & sre.SRE_FLAG_IGNORECASE:
        return _starts(argument[3])
    if op in (sre.AT, sre.ASSERT, sre.ASSERT_NOT):  # takes no character: what follows starts the match
        return _starts(items[1:])
    if op in REPEATS and argument[:2] == (0, 1) and [kind for kind, _ in argument[2]] == [sre.LITERAL]:
        rest = _starts(items[1:])  # an optional character: the rest's starts, with it or without
        return rest and rest | {chr(argument[2][0][1]) + start for start in rest}
    if op in REPEATS and argument[0] >= 1:  # at least once: the body starts the match
        return _starts(argument[2])
    if op in REPEATS:  # perhaps not at all: the body starts the match, or the rest does
        body, rest = _starts(argument[2]), _starts(items[1:])
        return body | rest if body and rest else None
    return None
