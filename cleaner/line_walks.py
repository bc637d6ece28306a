"""The line stage's walks over a document's lines (``lines.drop_lines`` runs them):
from an edge, a tail's marker, a heading's block, a run of menu items.

Each walk counts only kept non-blank lines (``kept_lines``), and asks a rule
about a line only if the prefilter noted that some rule could match it.
"""

from __future__ import annotations

import bisect
from typing import TYPE_CHECKING, Iterator, Optional, Sequence

from .shapes import is_menu_item, is_prose

if TYPE_CHECKING:  # the line stage imports this module
    from .kinds.drop_block import DropBlock
    from .kinds.drop_run import DropRun
    from .kinds.drop_tail import DropTail
    from .lines import LineRule, LineStage, Memo
    from .rule_index import WalkRules


def kept_lines(keys: list, dropped_by: dict, order: Sequence[int]) -> Iterator[tuple[int, bool]]:
    """Indexes of the non-blank lines not dropped, each with whether it counts
    towards a window (a repeat of the kept line before it does not)."""
    previous = None
    for index in order:
        key = keys[index]
        if key and index not in dropped_by:
            yield index, key != previous
            previous = key


# The prefilter's answer for a line that some rule lists as a literal line and that no rule's
# pattern could match: only the rules listing it can match it (a site's learned lines, where a
# guarded rule's regex ran on each). Truthy, as the answer "some rule could" is.
LISTED = "listed"


def matches(rule: LineRule, key: str, memo: Memo, tag: Optional[LineStage]) -> bool:
    could = memo[tag, key]
    if not could:  # no line rule can match this line
        return False
    if could is LISTED:
        return rule.lists(key)
    found = memo.get((rule, key))
    if found is None:
        found = memo[rule, key] = rule.matches(key, key.casefold())
    return found


def tail_marker(keys: list, dropped_by: dict, rule: DropTail, memo: Memo, tag: Optional[LineStage]) -> Optional[int]:
    """Index of the topmost line matching ``rule`` within its tail window, if
    any, that stands after ``rule.prose_share`` of the kept prose."""
    markers = []
    seen = 0
    for index, counts in kept_lines(keys, dropped_by, range(len(keys) - 1, -1, -1)):
        if seen >= rule.within:
            break
        if matches(rule, keys[index], memo, tag):
            markers.append(index)
        seen += counts
    if not markers or not rule.prose_share:
        return markers[-1] if markers else None
    kept = [index for index, _ in kept_lines(keys, dropped_by, range(len(keys)))]
    prose = [(index, len(keys[index])) for index in kept if is_prose(keys[index])]
    for marker in reversed(markers):  # the topmost first: the lower ones have more prose above
        before = sum(size for index, size in prose if index < marker)
        after = sum(size for index, size in prose if index > marker)  # the marker itself may read as prose
        if before >= rule.prose_share * (before + after):
            return marker
    return None


def drop_from_edge(
    keys: list, order: range, walk: WalkRules, dropped_by: dict, memo: Memo, tag: Optional[LineStage], could: list
) -> None:
    """Walk lines from one edge (``order``: top-down, or bottom-up); ``kept``
    counts kept non-blank lines passed so far; ``could``: the indexes, top-down,
    of the lines the prefilter noted some rule could match.

    A head or tail rule leaves the walk once its window is passed, so the walk
    from the tail, which has only such rules, stops after a few lines. Past the
    widest window the rules left are those without one, which no count
    concerns: only the lines of ``could`` are asked, not every line walked to.
    """
    kept = 0
    active = walk.all
    widest = walk.widest
    for index, counts in kept_lines(keys, dropped_by, order):
        if not active:
            return
        if not _drop_first(index, keys[index], walk, active, dropped_by, memo, tag) and counts:
            kept += 1
            if kept <= widest:  # past the widest window only rules without one are left
                active = walk.closing.get(kept, active)
        if kept > widest:
            break
    else:
        return
    if not active:
        return
    after = (
        could[bisect.bisect_right(could, index) :]
        if order.step > 0
        else could[: bisect.bisect_left(could, index)][::-1]
    )
    for later in after:
        if later not in dropped_by:
            _drop_first(later, keys[later], walk, active, dropped_by, memo, tag)


def _drop_first(
    index: int, key: str, walk: WalkRules, active: frozenset, dropped_by: dict, memo: Memo, tag: Optional[LineStage]
) -> bool:
    """Drops line ``index`` by the first of the ``active`` rules of ``walk`` that
    matches it, if any: asked only if some rule could, then only the rules that could."""
    answer = memo[tag, key]
    if answer is LISTED:  # no rule's pattern could match it
        could = walk.listing(key)
    else:  # (no shared rule's pattern could either, when the shared rules' answer is LISTED)
        could = walk.candidates(key, memo[None, key] is True) if answer else []
    rule = next((r for r in could if r in active and matches(r, key, memo, tag)), None)
    if rule is not None:
        dropped_by[index] = rule.id
    return rule is not None


def drop_blocks(
    keys: list, dropped_by: dict, rule: DropBlock, memo: Memo, tag: Optional[LineStage], could: list
) -> None:
    """Drop each heading ``rule`` matches and the link titles under it: up to
    ``max_lines`` kept lines that are not prose. When prose follows those
    lines, only the heading goes: short lines that lead into prose are its
    title, byline or subheadings, not a list of links. A heading is one of
    ``could``, the lines some rule could match (top-down): most documents have
    none, and the kept lines need not be walked."""
    headings = [index for index in could if index not in dropped_by and matches(rule, keys[index], memo, tag)]
    if not headings:
        return
    kept = [index for index, _ in kept_lines(keys, dropped_by, range(len(keys)))]
    for index in headings:
        if index in dropped_by:  # in the block of a heading above
            continue
        position = bisect.bisect_left(kept, index)
        dropped_by[index] = rule.id
        block: list[int] = []
        for below in kept[position + 1 : position + 1 + rule.max_lines + 1]:
            if is_prose(keys[below]):
                block = []
                break
            block.append(below)
        dropped_by.update((below, rule.id) for below in block[: rule.max_lines] if below not in dropped_by)


def drop_run(keys: list, dropped_by: dict, rule: DropRun) -> None:
    """Drop the run of menu items at the rule's edge, if it has ``min_lines``
    of them. At the head, the run's last item is kept when prose follows it:
    that is the title of what follows, not a menu item."""
    order = range(len(keys)) if rule.edge == "head" else range(len(keys) - 1, -1, -1)
    run = []
    after = None
    for index, _ in kept_lines(keys, dropped_by, order):
        if not is_menu_item(keys[index], rule.max_words):
            after = index
            break
        run.append(index)
    if rule.edge == "head" and run and after is not None and is_prose(keys[after]):
        run.pop()
    if len(run) >= rule.min_lines:
        dropped_by.update((index, rule.id) for index in run)
