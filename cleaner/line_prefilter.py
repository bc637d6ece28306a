"""The line prefilter: whether any of some line rules could match a line.

Most lines are prose that no line rule matches; the prefilter rules them out
without asking each rule (``lines.LineStage.prefilter`` runs it).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Optional, Sequence

import regex

from .literals import Gate, Sieve, required

if TYPE_CHECKING:
    from .lines import LineRule

BACKREFERENCE = regex.compile(r"\\[1-9]|\(\?P=|\\g<")


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
        for ignore_case, source in sources:
            # simple case folding, as the rules' own regexes: full folding (straße = STRASSE) made
            # some patterns backtrack for a second on a long line of German words that they fail in 0.1 ms
            alternative = f"{'(?i:' if ignore_case else '(?:'}{source})"
            need = required(source, regex.IGNORECASE if ignore_case else 0)
            if need is None:
                ungated.append(alternative)
            else:
                gated.append(alternative)
                needs.append(need)
        if gated:
            sieved = Sieved(gated, needs)
            self.unions.append((None, sieved) if sieved.sieve.useful else (Gate(needs), sieved.union))
        if ungated:
            self.unions.append((None, regex.compile("|".join(ungated))))

    def has_literal(self, key: str) -> bool:
        return key in self.exact or (bool(self.folded) and key.casefold() in self.folded)


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
    lines) was most of the line stage's time on real pages."""

    def __init__(self, alternatives: Sequence[str], needs: Sequence):
        self.sieve = Sieve(needs)
        self.union = regex.compile("|".join(alternatives))
        self.patterns = [regex.compile(alternative) for alternative in alternatives]
        always = sorted(self.sieve.always)
        self.always = frozenset(always)
        self.short = (
            (Gate([needs[i] for i in always]), regex.compile("|".join(alternatives[i] for i in always)))
            if always
            else None
        )

    def fullmatch(self, key: str, timeout: float):
        """A match of some pattern over the whole of ``key``, or None: what the
        union's ``fullmatch`` would say."""
        if self.short is not None and self.short[0].admits(key):
            found = self.short[1].fullmatch(key, timeout=timeout)
            if found is not None:
                return found
        for index in self.sieve.possible(key) - self.always:
            found = self.patterns[index].fullmatch(key, timeout=timeout)
            if found is not None:
                return found
        return None
