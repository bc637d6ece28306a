"""Stage 2, line rules: drop boilerplate lines and tail blocks.

``drop-tail`` rules cut first, in rule order. Then ``drop-line`` rules: head and
anywhere rules from the top down, tail rules from the bottom up. A line's
distance from an edge counts only kept non-blank lines, so a block of several
boilerplate lines at the end is dropped whole.
"""

from __future__ import annotations

from .changes import ChangeLog
from .rules import DropLine, DropTail


def drop_lines(text: str, rules: list, log: ChangeLog) -> str:
    lines = text.split("\n")
    dropped_by: dict[int, str] = {}  # line index -> rule id

    end = len(lines)
    for rule in (r for r in rules if isinstance(r, DropTail)):
        cut = _tail_marker(lines, end, rule)
        if cut is not None:
            dropped_by.update((i, rule.id) for i in range(cut, end) if i not in dropped_by)
            end = cut

    line_rules = [r for r in rules if isinstance(r, DropLine)]
    top_down = [r for r in line_rules if r.where != "tail"]
    bottom_up = [r for r in line_rules if r.where == "tail"]
    _drop_from_edge(lines, range(end), top_down, dropped_by)
    _drop_from_edge(lines, range(end - 1, -1, -1), bottom_up, dropped_by)

    if not dropped_by:
        return text
    for index in sorted(dropped_by):
        log.line(index + 1, dropped_by[index], lines[index], "")
    return "\n".join(line for i, line in enumerate(lines) if i not in dropped_by)


def _tail_marker(lines: list, end: int, rule: DropTail):
    """Index of the topmost line matching ``rule`` within its tail window, if any."""
    marker = None
    seen = 0
    for index in range(end - 1, -1, -1):
        if not lines[index].strip():
            continue
        if seen >= rule.within:
            break
        if rule.matches(lines[index]):
            marker = index
        seen += 1
    return marker


def _drop_from_edge(lines: list, order, rules: list, dropped_by: dict) -> None:
    """Walk lines from one edge; ``kept`` counts kept non-blank lines passed so far."""
    kept = 0
    for index in order:
        line = lines[index]
        if index in dropped_by or not line.strip():
            continue
        rule = next(
            (r for r in rules if (r.where == "anywhere" or kept < r.within) and r.matches(line)),
            None,
        )
        if rule is None:
            kept += 1
        else:
            dropped_by[index] = rule.id
