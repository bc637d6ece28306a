"""The name stage: one pass over the words of the text for all rules.

Variants are looked up by their first word in a dict. One pass of an
Aho-Corasick automaton of the first words finds where the text holds one (most
texts hold none), and those standing as whole words are tried, so the cost of
this stage grows with the text, not with the number of variants. (With rules
ignoring case, or more first words than the automaton is made for, the words
of the text are intersected with the dict's keys as sets instead, and the few
first words found searched for by a regex.) A variant matches whole words
only: ``McKay's`` holds ``McKay``, ``McKayla`` does not.
"""

from __future__ import annotations

import functools
from typing import TYPE_CHECKING, Any, NamedTuple, Optional, Sequence

import regex

from .changes import ChangeLog
from .kinds.base import overlaps
from .literals import automaton

if TYPE_CHECKING:
    from .kinds.variants import Variants

WORD_CHAR = regex.compile(r"\w")
WORD = regex.compile(r"\w+")
# Up to this many first words the automaton is made (about 4 MB); beyond, its
# memory (200 bytes a word) outweighs the time it saves.
SIEVE_MAX_WORDS = 20_000


class FirstWord(NamedTuple):
    """A variant and its first word (casefolded if the rule ignores case), the key it is filed under."""

    variant: str
    word: str


class Candidate(NamedTuple):
    """A variant filed under its first word; candidates sort longest first, then in rule order."""

    minus_length: int
    order: int
    variant: str
    rule: "Variants"


class VariantIndex:
    """All ``variants`` rules, indexed by the first word of each variant.

    For each first word, candidates are tried longest first (``Sergei Lavrov``
    before ``Sergei``), then in rule order.
    """

    def __init__(self, rules: Sequence["Variants"]):
        self.rules = list(rules)
        self.exact: dict[str, list[Candidate]] = {}
        self.folded: dict[str, list[Candidate]] = {}
        for order, rule in enumerate(rules):
            table = self.folded if rule.ignore_case else self.exact
            for variant, first_word in rule.first_words:
                table.setdefault(first_word, []).append(Candidate(-len(variant), order, variant, rule))
        for table in (self.exact, self.folded):
            for candidates in table.values():
                candidates.sort(key=lambda c: c[:2])
        # a first word is a substring of the text (of the text casefolded) where it is a word of it
        self.exact_sieve, self.folded_sieve = (
            automaton({word: word for word in table}) if len(table) <= SIEVE_MAX_WORDS else None
            for table in (self.exact, self.folded)
        )

    def apply(self, text: str, log: ChangeLog) -> str:
        words = self._words_in(text)
        if not words:
            return text
        out: list[str] = []
        done = 0  # text[:done] is already in out
        guards = _GuardCache(text)
        for start, word in words:
            if start < done:
                continue
            hit = self._match(text, start, word, guards)
            if hit is None:
                continue
            end, rule = hit
            out.append(text[done:start])
            out.append(rule.canonical)
            log.at(text, start, rule.id, text[start:end], rule.canonical)
            done = end
        if not out:
            return text
        out.append(text[done:])
        return "".join(out)

    def _words_in(self, text: str) -> list:
        """Where the text has an indexed first word as a whole word: (start, word), in order."""
        if self.folded or self.exact_sieve is None:
            first_words = self._first_words_in(text)
            if not first_words:
                return []
            return [(m.start(), m.group()) for m in _scanner(first_words, bool(self.folded)).finditer(text)]
        # The automaton's occurrences standing between non-word characters: a first
        # word is made of word characters, so these are the words of the text it finds.
        words = []
        for end, word in self.exact_sieve.iter(text):
            start = end + 1 - len(word)
            if (start == 0 or not WORD_CHAR.match(text, start - 1)) and not WORD_CHAR.match(text, end + 1):
                words.append((start, word))
        return sorted(words)

    def _first_words_in(self, text: str) -> frozenset:
        """The indexed first words the text holds, found at C speed: most texts hold none."""
        found: set = set()
        if self.exact and _may_hold(self.exact_sieve, text):
            found = self.exact.keys() & set(WORD.findall(text))
        if self.folded:
            folded = text.casefold()
            if _may_hold(self.folded_sieve, folded):
                found |= self.folded.keys() & set(WORD.findall(folded))
        return frozenset(found)

    def _match(self, text: str, start: int, word: str, guards: "_GuardCache") -> Optional[tuple]:
        candidates = self.exact.get(word, [])
        if self.folded:
            candidates = candidates + self.folded.get(word.casefold(), [])
        for _, _, variant, rule in candidates:
            end = start + len(variant)
            found = text[start:end]
            if (found.casefold() == variant.casefold()) if rule.ignore_case else (found == variant):
                if end < len(text) and WORD_CHAR.match(text, end):
                    continue
                if guards.allows(rule, (start, end)):
                    return end, rule
        return None


def _may_hold(sieve: Optional[Any], text: str) -> bool:
    """False when the automaton ``sieve`` finds none of its words in ``text`` (None: not made)."""
    return sieve is None or next(sieve.iter(text), None) is not None


@functools.lru_cache(maxsize=1024)
def _scanner(words: frozenset, ignore_case: bool) -> regex.Pattern:
    """A regex finding whole-word occurrences of ``words``, longest first."""
    alternatives = "|".join(regex.escape(w) for w in sorted(words, key=lambda w: (-len(w), w)))
    return regex.compile(rf"(?<!\w)(?:{alternatives})(?!\w)", regex.IGNORECASE if ignore_case else 0)


class _GuardCache:
    """Evaluates each rule's guards at most once per text, and only on a hit."""

    def __init__(self, text: str):
        self.text = text
        self.admitted: dict[str, bool] = {}
        self.protected: dict[str, list] = {}

    def allows(self, rule: "Variants", span: tuple) -> bool:
        if rule.id not in self.admitted:
            self.admitted[rule.id] = admitted = rule.guard.admits(self.text)
            self.protected[rule.id] = rule.guard.protected_spans(self.text) if admitted else []
        return self.admitted[rule.id] and not overlaps(span, self.protected[rule.id])
