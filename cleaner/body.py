"""Where the article's body stands in whole-page text (``drop-context``'s ``body-gap``).

The body is the stretch of prose lines, each at most ``gap`` lines from the
next, that holds the most prose characters; a prose line outside it is a
teaser's, a comment's or a footer's. Two things keep the stretch from running
on past the article into the teasers below it:

- a prose line cut short with an ellipsis ("… the card that is right for
  you …", "Read more...") is a teaser's, never the article's: it neither
  starts the body nor links two of its parts (it stays inside the body when
  the body's own lines stand on both sides of it);
- with ``dropped_ends``, the lines other rules dropped below the body count in
  the gap: a share widget, a "More on this story" block or a comment form that
  line rules took ends the article, and the teasers that follow it are not
  the article's even though, those lines gone, they stand close. The body's
  start is found as before: what stands above it (a headline's deck above a
  caption and a sidebar) is judged by the lines that are there.

Below a body that outweighs the rest of the page, place is evidence:
``member_below_body`` says which lines that are not link-like still belong to
the run they stand in there (a headline list's dates, a widget's counts and
notes).
"""

from __future__ import annotations

import functools
from typing import TYPE_CHECKING, Optional, Sequence

from .shapes import DIGIT, LETTER, is_dated

if TYPE_CHECKING:  # the kind imports the line stage, which imports this module
    from .kinds.drop_context import DropContext


# How a line cut short ends: a teaser's sentence, as headline lists show them ("… said on Monday …").
CUT_SHORT = ("…", "...")


def outside_body(
    lines: Sequence[str], prose: Sequence[bool], gap: Optional[int], gone: Optional[Sequence[int]] = None
) -> list[bool]:
    """Which prose lines stand outside the article's body (none without a
    ``gap``). ``gone[k]``: how many lines other rules dropped right above line
    ``k``, counted in the gap below the body (``dropped_ends``); None: not.

    >>> lines = ["A teaser.", "Home", "News", "Body one.", "Body two, longer."]
    >>> outside_body(lines, [True, False, False, True, True], 1)
    [True, False, False, False, False]
    >>> outside_body(lines, [True, False, False, True, True], 2)
    [False, False, False, False, False]
    >>> lines = ["Body one, the longest line.", "Body two.", "Share", "Recent", "A teaser."]
    >>> outside_body(lines, [True, True, False, False, True], 2)
    [False, False, False, False, False]
    >>> outside_body(lines, [True, True, False, False, True], 2, [0, 0, 0, 1, 0, 0])
    [False, False, False, False, True]
    >>> lines = ["Body one, the longest line.", "Home", "A teaser cut …", "News", "A teaser."]
    >>> outside_body(lines, [True, False, True, False, True], 1)
    [False, False, True, False, True]
    """
    evidence = [is_prose_line and not line.endswith(CUT_SHORT) for line, is_prose_line in zip(lines, prose)]
    if gap is None or not any(evidence):
        evidence = list(prose)
    if gap is None or not any(evidence):
        return [False] * len(lines)
    first, last = _heaviest(lines, evidence, gap, range(len(lines)))
    if gone is not None:
        places, total = [], 0
        for k in range(len(lines)):
            total += gone[k]
            places.append(k + total)
        start, end = _heaviest(lines, evidence, gap, places)
        if first <= start <= end <= last:  # the same body, its end where the dropped lines end it
            last = end
    return [is_prose_line and not first <= i <= last for i, is_prose_line in enumerate(prose)]


def _heaviest(lines: Sequence[str], evidence: Sequence[bool], gap: int, places: Sequence[int]) -> tuple[int, int]:
    """The first and last line of the stretch of ``evidence`` lines, each at
    most ``gap`` lines from the next (counted by ``places``), with the most
    characters."""
    body, heaviest = (-1, -1), -1  # the first stretch of the most characters wins a tie
    first = last = -1
    weight = 0
    for i, is_evidence in enumerate(evidence):  # one pass, each stretch weighed as it grows
        if not is_evidence:
            continue
        if last < 0 or places[i] - places[last] - 1 > gap:  # a new stretch starts here
            if last >= 0 and weight > heaviest:
                body, heaviest = (first, last), weight
            first, weight = i, 0
        weight += len(lines[i])
        last = i
    return (first, last) if weight > heaviest else body


def body_outweighs(lines: Sequence[str], body: Sequence[bool], teasers: Sequence[bool], weight: float = 1) -> bool:
    """Do the body's prose lines hold more than ``weight`` times the characters
    of the page's other prose lines (teasers, blurbs)? Tuned on the even
    trafilatura pages of benchmarks/real: a weight of one half took a
    section's heading above its blurbs, of two lost chrome on whole pages (a
    page judged in part asks for more)."""
    body_weight = sum(len(line) for line, in_body in zip(lines, body) if in_body)
    return body_weight > weight * sum(len(line) for line, teaser in zip(lines, teasers) if teaser)


def member_below_body(line: str, rule: DropContext, shapes: dict) -> bool:
    """Below a clear body, is ``line`` a member of the run it stands in, though
    not link-like: a date or a count (``after_body_dates``: "13 Oct 05 |
    Technology", a share button's "0"), or a widget's note, a short sentence
    (``after_body_notes``: "Thank you for your support!", "Es gibt noch keine
    Kommentare.")?"""
    dated = rule.after_body_dates and _dated_or_count(line)
    return dated or rule.after_body_notes and _note(line, shapes)


# Lines below a body whose answer is remembered: each pass of the line stage over a page, and each
# round, asks about the same lines, and a regex call (``is_dated``) is the dearest part of the answer.
DATED_REMEMBERED = 2**13


@functools.lru_cache(maxsize=DATED_REMEMBERED)
def _dated_or_count(line: str) -> bool:
    return is_dated(line) or _count(line)


def _note(line: str, shapes: dict) -> bool:
    """A short sentence, too short to be prose: a widget's or a form's note.

    >>> shapes = {"Thank you for your support!": (False, False), "He left.": (False, False), "…": (False, False)}
    >>> [_note(line, shapes) for line in shapes]
    [True, True, False]
    """
    return not shapes[line][1] and line[-1:] in ".!?" and LETTER.search(line) is not None


def _count(line: str) -> bool:
    """A count, a score or a number alone: a share button's "0", a gallery's
    "1 / 5", a poll's "27.4%" (no letter, a digit).

    >>> _count("0"), _count("1 / 5"), _count("27.4%"), _count("___"), _count("3 comments")
    (True, True, True, False, False)
    """
    return LETTER.search(line) is None and DIGIT.search(line) is not None
