"""The line rules of one walk that could match a line, found by one lookup.

A site's learned rules are literal lines, one rule each, hundreds of them: a
walk that tried every rule on every line that any of them might match paid a
call per rule per line (on the Big9 pages, learned rules made cleaning 2.3
times dearer, nearly all of it there). ``WalkRules`` files each literal line
under the rules that list it, so a line meets only those rules and the ones
with patterns, in the walk's order: the first that matches names the drop,
as before. In a site's walk, the rules every document meets are skipped on
a line their prefilter has ruled out, and their literals are looked up in
the shared walk's tables, not copied into each site's (a thousand sites with
a document or three each copied them a thousand times).

>>> from cleaner.kinds.base import Spec
>>> from cleaner.kinds.drop_line import DropLine
>>> def rule(id, **keys):
...     return DropLine(Spec({"id": id, **keys}, "t.yml", 1, {}, ()))
>>> walk = WalkRules([rule("a", lines=["Home"]), rule("b", patterns=[r"\\d+ comments"]),
...                   rule("c", lines=["home"], **{"ignore-case": True})])
>>> [r.id for r in walk.candidates("Home")]
['a', 'b', 'c']
>>> [r.id for r in walk.candidates("Sport")]
['b']
"""

from __future__ import annotations

from collections.abc import Collection, Sequence
from typing import TYPE_CHECKING, Optional

if TYPE_CHECKING:  # lines imports this module
    from .lines import LineRule


class WalkRules:
    """A walk's rules in order, with every literal line looked up at once."""

    def __init__(self, rules: Sequence[LineRule], shared: Collection[LineRule] = (), base: Optional[WalkRules] = None):
        """``shared``: the rules of the stage every document meets, when this walk is a site's;
        ``base``: that stage's walk, whose tables are looked up too when ``rules`` are its
        rules and then the site's own (a thousand sites do not each file the shared literals again)."""
        self.rules = list(rules)
        self.all = frozenset(self.rules)  # a walk's rules still active, as it starts
        self.exact: dict[str, list[int]] = {}  # literal line -> positions of the rules listing it
        self.folded: dict[str, list[int]] = {}  # the same for rules that ignore case, casefolded
        self.patterned: list[int] = []
        self.base: Optional[WalkRules] = None  # whose rules, at the same positions, come first
        start = 0
        if base is not None and self.rules[: len(base.rules)] == base.rules:
            self.base, self.patterned, start = base, list(base.patterned), len(base.rules)
        for position in range(start, len(self.rules)):
            rule = self.rules[position]
            table = self.folded if rule.ignore_case else self.exact
            for literal in rule.literals:
                table.setdefault(literal, []).append(position)
            if rule.patterns:
                self.patterned.append(position)
        self.own_patterned = [position for position in self.patterned if self.rules[position] not in shared]
        windowed = [rule for rule in self.rules if rule.windowed]
        self.widest = max((rule.within for rule in windowed), default=0)  # the widest window of a rule
        # kept lines passed from the edge -> the rules still active from then on, at each count where a
        # window closes: a site's hundred learned rules, which have none, are not sifted again at every line
        self.closing = {
            kept: frozenset(rule for rule in self.rules if not rule.windowed or kept < rule.within)
            for kept in {rule.within for rule in windowed}
        }

    def __bool__(self) -> bool:
        return bool(self.rules)

    def candidates(self, key: str, shared_could: bool = True) -> list[LineRule]:
        """The rules that could match ``key`` (a line key), in walk order;
        ``shared_could``: whether any shared rule could (the prefilter's answer)."""
        listing = self._listing(key)
        patterned = self.patterned if shared_could else self.own_patterned
        return [self.rules[position] for position in (sorted({*listing, *patterned}) if listing else patterned)]

    def listing(self, key: str) -> list[LineRule]:
        """The rules that list ``key`` (a line key) as a literal line, in walk order."""
        return [self.rules[position] for position in sorted(set(self._listing(key)))]

    def _listing(self, key: str) -> list[int]:
        """The positions of the rules that list ``key`` (or its casefolded form, ignoring case)."""
        listing = self.exact.get(key, []) + (self.folded.get(key.casefold(), []) if self.folded else [])
        return listing if self.base is None else self.base._listing(key) + listing
