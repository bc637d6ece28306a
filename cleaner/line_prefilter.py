"""The line prefilter: whether any of some line rules could match a line.

Most lines are prose that no line rule matches; the prefilter rules them out
without asking each rule (``lines.LineStage.prefilter`` runs it). A
document's lines are screened together (``Lines``): the automata that find
the literals the patterns need pass once over all of them, joined, so that
only the lines holding one cost a step in Python. Looked for line by line,
those steps (a casefold, two automaton calls, a set a line) were most of the
prefilter's time on whole pages, where nearly every line is new to it.
"""

from __future__ import annotations

import bisect
import itertools
from typing import TYPE_CHECKING, Any, Optional, Sequence

import regex

from .literals import Gate, Required, Sieve, required, shape, starts, widest

if TYPE_CHECKING:
    from .lines import LineRule

BACKREFERENCE = regex.compile(r"\\[1-9]|\(\?P=|\\g<")


# Up to this many strings (the sieve's case-sensitive " | ", the gate's "©", "(c)", "/ "), a text is
# searched for each with str.find, not passed through the automaton, which reads every character:
# on whole pages (one run) 0.077 -> 0.030 s for " | ", 0.076 -> 0.050 s for the gate's three.
FEW_STRINGS = 4

# Up to this many patterns, the prefilter tries the rules' own regexes: a site's
# few learnt patterns are not worth compiling into a union for its few documents.
FEW_PATTERNS = 4


class Prefilter:
    """Whether any of some line rules could match a line: their literal lines
    in two sets (as written, and casefolded for the rules that ignore case,
    compared as ``LineRule.matches`` compares them), their patterns in one
    union regex (``unions``; when they are few, the rules' own regexes, each
    behind a ``Gate`` of what it needs). The
    union of the patterns that need some literal text runs only on a line a
    ``literals.Gate`` finds it in: most lines are prose, holding none; when
    they are many, a ``Sieved`` union runs only the patterns whose literal
    the line holds. A
    pattern with a backreference cannot join a union: then the prefilter
    gives up (``gave_up``) and every line goes to the rules."""

    def __init__(self, rules: Sequence["LineRule"]):
        self.exact = frozenset(line for r in rules if not r.ignore_case for line in r.literals)
        self.folded = frozenset(line for r in rules if r.ignore_case for line in r.literals)
        self.gave_up = any(BACKREFERENCE.search(source) for r in rules for source in r.pattern_sources)
        sources = [(r.ignore_case, source) for r in rules for source in r.pattern_sources]
        self.unions: list = []  # (the Gate a line must pass first, or None; the regex)
        if not sources or self.gave_up:
            return
        if len(sources) <= FEW_PATTERNS:
            self.unions = [(_gate(r), p) for r in rules for p in r.patterns]
            return
        gated: list[str] = []
        ungated: list[str] = []
        needs = []
        first = []  # what each gated pattern's matches start with, if known
        for ignore_case, source in sources:
            # simple case folding, as the rules' own regexes: full folding (straße = STRASSE) made
            # some patterns backtrack for a second on a long line of German words that they fail in 0.1 ms
            alternative = f"{'(?i:' if ignore_case else '(?:'}{source})"
            flags = regex.IGNORECASE if ignore_case else 0
            need = required(source, flags)
            if need is None:
                ungated.append(alternative)
            else:
                gated.append(alternative)
                needs.append(need)
                first.append(starts(source, flags))
        if gated:
            sieved = Sieved(gated, needs, first)
            self.unions.append((None, sieved) if sieved.sieve.useful else (Gate(needs), sieved.union))
        if ungated:
            self.unions.append((None, regex.compile("|".join(ungated))))

    def screen(self, lines: Lines, literal: set, tries: dict) -> None:
        """Adds to ``literal`` the positions of ``lines`` that are a literal line
        of a rule, and to ``tries`` (position -> regexes) the regexes that could
        match each of the others: a line with none matches no pattern."""
        exact, folded = self.exact, self.folded
        literal.update(
            position
            for position, (key, folded_key) in enumerate(zip(lines.keys, lines.folded))
            if key in exact or folded_key in folded
        )
        for gate, union in self.unions:
            if isinstance(union, Sieved):
                for position, patterns in union.tries(lines).items():
                    tries.setdefault(position, []).extend(patterns)
                continue
            admitted = range(len(lines.keys)) if gate is None else lines.admitted(gate)
            for position in admitted:
                tries.setdefault(position, []).append(union)


class Lines:
    """A document's distinct line keys, searched as one text: each automaton
    passes once over them joined by newlines (casefolded, for the strings
    that ignore case), and an occurrence is placed in its line by its end.
    A literal holding the separator (a newline, which no line of a document
    has; else a character no key holds) could only make a line try a regex
    more. ``str.casefold`` folds character by character, so the text joined
    and folded is each line folded, joined.

    >>> lines = Lines(["Share on X", "STRASSE 1", "Body"])
    >>> lines.folded, sorted(lines.admitted(Gate([required("(?i)strasse"), required("Body")])))
    (['share on x', 'strasse 1', 'body'], [1, 2])
    """

    def __init__(self, keys: Sequence[str]):
        self.keys = keys
        self.text = "\n".join(keys)
        separator = "\n"
        if self.text.count(separator) != len(keys) - 1:  # a key not from a document's lines holds one
            separator = next(c for c in map(chr, itertools.count(1)) if c not in self.text)
            self.text = separator.join(keys)
        self.folded_text = self.text.casefold()
        self.folded = self.folded_text.split(separator)
        self.offsets = _offsets(keys)
        # folding makes no character shorter: as long in all, each line is as long folded
        self.folded_offsets = self.offsets if len(self.folded_text) == len(self.text) else _offsets(self.folded)

    def found(self, automaton: Any, folded: bool) -> dict:
        """Line position -> the values of the automaton's strings found in that line."""
        text, offsets = (self.folded_text, self.folded_offsets) if folded else (self.text, self.offsets)
        found: dict = {}
        line_of = bisect.bisect_right
        if len(automaton) <= FEW_STRINGS:
            for string, value in automaton.items():
                at = text.find(string)
                while at != -1:
                    found.setdefault(line_of(offsets, at + len(string) - 1) - 1, []).append(value)
                    at = text.find(string, at + 1)
            return found
        for end, value in automaton.iter(text):
            found.setdefault(line_of(offsets, end) - 1, []).append(value)
        return found

    def holding(self, pattern: Any) -> list:
        """The positions of the lines in which ``pattern`` (a ``literals.shape``) finds a match:
        past each line's first, the search goes on from the next line, so that a match running
        on over the separator hides none of the next line's."""
        holding = []
        offsets, text, position = self.offsets, self.text, 0
        while (hit := pattern.search(text, position)) is not None:
            line = bisect.bisect_right(offsets, hit.start()) - 1
            holding.append(line)
            if line + 1 == len(offsets):
                break
            position = offsets[line + 1]
        return holding

    def admitted(self, gate: Gate) -> set:
        """The positions of the lines ``gate`` admits: past each line's first
        string (found with ``str.find``), the search goes on from the next line."""
        admitted: set = set()
        for automaton, text, offsets in (
            (gate.exact, self.text, self.offsets),
            (gate.folded, self.folded_text, self.folded_offsets),
        ):
            if automaton is not None and len(automaton) <= FEW_STRINGS:
                for string in automaton.keys():
                    at = text.find(string)
                    while at != -1:
                        line = bisect.bisect_right(offsets, at + len(string) - 1) - 1
                        admitted.add(line)
                        at = text.find(string, offsets[line + 1]) if line + 1 < len(offsets) else -1
                continue
            # one pass: pyahocorasick copies the whole text at each ``iter`` (22 µs for 100,000
            # characters), so starting one again at each line admitted made a long document's pass quadratic
            for end, _ in automaton.iter(text) if automaton is not None else ():
                admitted.add(bisect.bisect_right(offsets, end) - 1)
        return admitted


def _offsets(lines: Sequence[str]) -> list[int]:
    """Where each line starts in the lines joined, one separator between two."""
    return [0, *itertools.accumulate([len(line) + 1 for line in lines[:-1]])]


def _gate(rule: "LineRule") -> Optional[Gate]:
    """What a line must hold for any of ``rule``'s patterns to match it, if known:
    the comment bylines of ``threads.comments`` have a time of day ("1:26 AM"),
    so only the lines with a colon are tried, not every line of a whole page."""
    flags = regex.IGNORECASE if rule.ignore_case else 0
    needs = [required(source, flags) for source in rule.pattern_sources]
    return None if any(need is None for need in needs) else Gate(needs)  # type: ignore[arg-type]


class Sieved:
    """Patterns each needing some literal text, matched as one union would be:
    a line is tried only against the patterns whose literal it holds (found by
    one ``literals.Sieve`` pass), those whose literal is too short to look for
    in one union behind a ``literals.Gate``. With a hundred patterns, the union
    of all of them on every line holding any literal (a ':' in a tenth of the
    lines) was most of the line stage's time on real pages.

    A pattern whose matches start with one of some strings (``first``, from
    ``literals.starts``: "Tel", "Fax", a dash) matches only a line that
    starts so: one ``str.startswith`` spares the regex call on the lines that
    merely hold its literal ("hotel"), and a short literal ("-", in one line
    in three) is not looked for at all. Nor is a pattern tried on a line
    longer than its widest match ("3 of 12" on a sentence holding " of "), or
    than a lookahead at its start allows (``(?=.{0,80}$)``). A short one whose
    matches hold a run of characters (``literals.shape``: a time of day's
    ``\\d:\\d\\d``) is tried only on the lines that one search of the
    document's lines finds it in, not on every line holding a colon."""

    def __init__(self, alternatives: Sequence[str], needs: Sequence, first: Sequence[Optional[Required]]):
        self.sieve = Sieve(needs)
        self.union = regex.compile("|".join(alternatives))
        self.patterns = [regex.compile(alternative) for alternative in alternatives]
        self.first = first
        self.widest = [widest(alternative) for alternative in alternatives]
        self.always = frozenset(self.sieve.always)
        # the short ones whose matches hold a run of characters (``literals.shape``), found by it
        shapes = {index: shape(alternatives[index]) for index in self.always if first[index] is None}
        self.shaped: dict[str, tuple] = {}  # a shape's source -> it, and the patterns holding it (one search)
        for index, found in sorted(shapes.items()):
            if found is not None:
                self.shaped.setdefault(found.pattern, (found, []))[1].append(index)
        always = sorted(index for index, found in shapes.items() if found is None)
        self.short = (
            (Gate([needs[i] for i in always]), regex.compile("|".join(alternatives[i] for i in always)))
            if always
            else None
        )
        # the short ones whose start is known, under the first character of each start
        self.by_first: dict[tuple[bool, str], list[int]] = {}
        for index in sorted(self.always):
            need = first[index]
            for start in need.groups[0] if need is not None else ():
                self.by_first.setdefault((need.folded, start[0]), []).append(index)  # type: ignore[union-attr]
        self.first_exact = frozenset(start for folded, start in self.by_first if not folded)
        self.first_folded = frozenset(start for folded, start in self.by_first if folded)

    def tries(self, lines: Lines) -> dict:
        """Line position -> the regexes to try on it, of which one matches the
        whole line where the union would: the union of the short ones if the
        line holds one's literal, each short one it starts as that one starts,
        then each pattern whose literal it holds; each pattern only if the line
        starts as its matches do and is no longer than its widest one."""
        tries: dict = {}
        if self.short is not None:
            tries = {position: [self.short[1]] for position in lines.admitted(self.short[0])}
        for found, indexes in self.shaped.values():
            for position in lines.holding(found):
                for index in indexes:
                    if self._may_match(index, lines.keys[position], lines.folded[position]):
                        tries.setdefault(position, []).append(self.patterns[index])
        if self.by_first:
            by_first, exact, folded = self.by_first, self.first_exact, self.first_folded
            for position, (key, folded_key) in enumerate(zip(lines.keys, lines.folded)):
                if key[:1] not in exact and folded_key[:1] not in folded:  # most lines: two set tests
                    continue
                indexes = by_first.get((False, key[:1]), []) + by_first.get((True, folded_key[:1]), [])
                for index in sorted(set(indexes)):
                    if self._may_match(index, key, folded_key):
                        tries.setdefault(position, []).append(self.patterns[index])
        sieve, always = self.sieve, self.always
        for automaton, ignore_case in ((sieve.exact, False), (sieve.folded, True)):
            if automaton is None:
                continue
            for position, found in lines.found(automaton, ignore_case).items():
                key, folded_key = lines.keys[position], lines.folded[position]
                possible = {index for indexes in found for index in indexes if index not in always}
                patterns = [self.patterns[i] for i in sorted(possible) if self._may_match(i, key, folded_key)]
                if patterns:
                    tries.setdefault(position, []).extend(patterns)
        return tries

    def _may_match(self, index: int, key: str, folded: str) -> bool:
        """Could pattern ``index`` match the whole line (``folded``: casefolded)? Not if it is
        longer than any match (``literals.widest``), nor if it starts otherwise than they do."""
        most = self.widest[index]
        if most is not None and len(key) > most:
            return False
        need = self.first[index]
        return need is None or (folded if need.folded else key).startswith(need.groups[0])
