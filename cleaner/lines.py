"""Stage 2, line rules: drop boilerplate lines and tail blocks.

``drop-tail`` rules cut first, in rule order. Then ``drop-line`` rules: head and
anywhere rules from the top down, tail rules from the bottom up. A line's
distance from an edge counts only kept non-blank lines, and a line repeating
the kept line before it does not count (whitespace tidying will remove it).
Rules see each line as tidying will leave it: stripped, runs of spaces single.
Dropping lines can bring a marker into a window, so the stage repeats until
nothing more is dropped: cleaning its result again drops nothing.
"""

from __future__ import annotations

from typing import Optional

import regex

from .changes import ChangeLog
from .rules import BACKREFERENCE, DropLine, DropTail
from .whitespace import SPACE_RUN


class LineRules:
    """The line rules, sorted once for the walks of every document, and one
    regex matching any line that any of them could match: most lines are prose
    that it rules out in a single call."""

    def __init__(self, rules: list):
        self.rules = rules
        self.tails = [r for r in rules if isinstance(r, DropTail)]
        self.top_down = [r for r in rules if isinstance(r, DropLine) and r.where != "tail"]
        self.bottom_up = [r for r in rules if isinstance(r, DropLine) and r.where == "tail"]
        self.any_rule = _union(rules)
        self.timeout = min((r.limit.seconds for r in rules), default=None)

    def could_match(self, key: str) -> bool:
        if self.any_rule is None:
            return True
        try:
            return self.any_rule.fullmatch(key, timeout=self.timeout) is not None
        except TimeoutError:
            return True  # let the rules themselves run, so that the one at fault is named


def _union(rules: list):
    """A regex for the union of the rules' lines and patterns, or None."""
    alternatives = []
    for rule in rules:
        sources = [regex.escape(line) for line in rule.literal_lines] + rule.pattern_sources
        if any(BACKREFERENCE.search(source) for source in sources):
            return None
        # full case folding: literal lines compare casefolded (straße = STRASSE)
        flag = "(?fi:" if rule.ignore_case else "(?:"
        alternatives.extend(f"{flag}{source})" for source in sources)
    return regex.compile("|".join(alternatives)) if alternatives else None


def drop_lines(text: str, stage: LineRules, log: ChangeLog, memo: Optional[dict] = None) -> str:
    """``memo`` remembers which line matched which rule; pass the same dict to
    the runs over one document, and no line is matched against a rule twice."""
    memo = {} if memo is None else memo
    lines = text.split("\n")
    keys = [_key(line) for line in lines]
    for key in set(keys):
        if key and (None, key) not in memo:
            memo[None, key] = stage.could_match(key)
    dropped_by: dict[int, str] = {}  # line index -> rule id

    while True:
        before = len(dropped_by)
        for rule in stage.tails:
            cut = _tail_marker(keys, dropped_by, rule, memo)
            if cut is not None:
                dropped_by.update((i, rule.id) for i in range(cut, len(keys)) if i not in dropped_by)
        _drop_from_edge(keys, range(len(keys)), stage.top_down, dropped_by, memo)
        _drop_from_edge(keys, range(len(keys) - 1, -1, -1), stage.bottom_up, dropped_by, memo)
        if len(dropped_by) == before:
            break

    if not dropped_by:
        return text
    for index in sorted(dropped_by):
        log.line(index + 1, dropped_by[index], lines[index], "")
    return "\n".join(line for i, line in enumerate(lines) if i not in dropped_by)


def _key(line: str) -> str:
    """The line as tidying will leave it, which is what rules compare."""
    stripped = line.strip()
    return SPACE_RUN.sub(" ", stripped) if "  " in stripped else stripped


def _kept_lines(keys: list, dropped_by: dict, order):
    """Indexes of the non-blank lines not dropped, each with whether it counts
    towards a window (a repeat of the kept line before it does not)."""
    previous = None
    for index in order:
        key = keys[index]
        if key and index not in dropped_by:
            yield index, key != previous
            previous = key


def _matches(rule, key: str, memo: dict) -> bool:
    if not memo[None, key]:  # no line rule can match this line
        return False
    found = memo.get((rule, key))
    if found is None:
        found = memo[rule, key] = rule.matches(key, key.casefold())
    return found


def _tail_marker(keys: list, dropped_by: dict, rule: DropTail, memo: dict):
    """Index of the topmost line matching ``rule`` within its tail window, if any."""
    marker = None
    seen = 0
    for index, counts in _kept_lines(keys, dropped_by, range(len(keys) - 1, -1, -1)):
        if seen >= rule.within:
            break
        if _matches(rule, keys[index], memo):
            marker = index
        seen += counts
    return marker


def _drop_from_edge(keys: list, order, rules: list, dropped_by: dict, memo: dict) -> None:
    """Walk lines from one edge; ``kept`` counts kept non-blank lines passed so far.

    A head or tail rule leaves the walk once its window is passed, so the walk
    from the tail, which has only such rules, stops after a few lines.
    """
    kept = 0
    active = rules
    widest = max((r.within for r in rules if r.where != "anywhere"), default=0)
    for index, counts in _kept_lines(keys, dropped_by, order):
        if not active:
            break
        rule = next((r for r in active if _matches(r, keys[index], memo)), None)
        if rule is not None:
            dropped_by[index] = rule.id
        elif counts:
            kept += 1
            if kept <= widest:  # past the widest window only anywhere rules are left
                active = [r for r in active if r.where == "anywhere" or kept < r.within]
