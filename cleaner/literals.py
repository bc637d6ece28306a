"""The literal text a regex cannot match without: a test in ``str`` that spares the regex.

Most documents hold none of what most rules look for. ``required(source)`` reads a pattern once, at
load, and finds strings of which every match holds at least one (in itself or in what its lookarounds
see); a document holding none of them cannot match, so the regex need not run on it (``Required.absent_from``).

The pattern is read with the standard library's parser (``pattern_tree``): classes give no literal;
anything only ``regex`` knows, a group that ignores case, and anything the parser reads otherwise
than ``regex`` would (a fuzzy ``{e<=1}``, a POSIX ``[[:alpha:]]``), gives no literal: the regex then
always runs. A regex that ignores case as a whole needs its strings
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
import re
from typing import Any, NamedTuple, Optional, Sequence

import ahocorasick
import regex

from .pattern_tree import MAXREPEAT, lookahead_bound, parse, requirements, runs, starts_of


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
    read = parse(source)
    if read is None:
        return None
    parsed, adjacent = read
    folded = bool((flags | parsed.state.flags) & re.IGNORECASE)
    found = requirements(parsed, adjacent)
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
    read = parse(source)
    found = None if read is None else starts_of(read[0])
    if not found:
        return None
    folded = bool((flags | read[0].state.flags) & re.IGNORECASE)  # type: ignore[index]
    return Required((tuple(sorted({s.casefold() if folded else s for s in found})),), folded)


@functools.lru_cache(maxsize=4096)
def widest(source: str) -> Optional[int]:
    """The most characters a line that ``source`` matches whole may have, if
    known: the most a match spans (a lookaround spans none; ignoring case, a
    character matches one), or what a lookahead at its start allows
    (``pattern_tree.lookahead_bound``): a longer line is no match of it whole.

    >>> widest(r"(?i)(?:Page )?\\d{1,3} of \\d{1,3}"), widest(r"(?=\\w)Share(?: on \\w+)?"), widest(r"Share.*")
    (15, None, None)
    >>> widest(r"(?=.{0,80}$)(?:\\w+ )+"), widest(r"(?m)(?=.{0,80}$)(?:\\w+ )+")
    (81, None)
    """
    read = parse(source)
    if read is None:
        return None
    parsed, adjacent = read
    bounds = [parsed.getwidth()[1]]
    if adjacent:  # no lookbehind read as a lookahead
        bounds.append(lookahead_bound(parsed, parsed.state.flags))
    return min((bound for bound in bounds if bound is not None and bound < MAXREPEAT), default=None)


SHAPE_MIN = 3  # characters: a shorter run is held by most lines
CATEGORY = re.compile(r"\\[dDsS]")  # in a ``pattern_tree.character``: a class such as digits (a literal is \U...)


@functools.lru_cache(maxsize=4096)
def shape(source: str, flags: int = 0) -> Optional[Any]:
    """A regex that finds, in any text a match of ``source`` (compiled with
    ``flags``) lies in, the longest run of characters every match holds side by
    side (``pattern_tree.runs``) if it has ``SHAPE_MIN`` or more, one of them no
    class such as digits (four digits are in more lines than a "©"): a time of day's
    digits and colon (``\\d:\\d\\d``) where ``required`` knows only the colon,
    which a tenth of a page's lines hold. It runs in one pass over many lines;
    it cannot backtrack (each of its characters matches one). None: none known.

    >>> stamp = shape(r"(?i)(?=.*\\d:\\d\\d\\s?[ap]m).*")
    >>> bool(stamp.search("Posted: 2:51 PM")), bool(stamp.search("Note: at 2 pm"))
    (True, False)
    >>> shape(r"\\d+-?\\d+"), shape(r"\\d{4}")  # too short; no character but a class
    (None, None)
    >>> [bool(shape(r"\\d{4}-\\d\\dT\\d").search(text)) for text in ("on 2009-04T1", "2009-04-06")]
    [True, False]
    """
    read = parse(source)
    if read is None:
        return None
    parsed = read[0]
    ignore_case = bool((flags | parsed.state.flags) & re.IGNORECASE)
    found = max(runs(parsed, ignore_case), key=lambda run: len(run[1]), default=None)
    if found is None or len(found[1]) < SHAPE_MIN or all(CATEGORY.search(c) for c in found[1]):
        return None
    folded, characters = found
    # from its first literal character on, what stands before it behind: the search skips to that
    # character's occurrences (three to four times as fast as trying a digit at every character)
    first = next((at for at, c in enumerate(characters) if c.startswith("\\U")), 0)
    source = "".join(characters[first:])
    if first:
        source = f"(?<={''.join(characters[:first])}){source}"
    return regex.compile(f"(?i:{source})" if folded else source)
