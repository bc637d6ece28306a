"""Which lines are repeated records after the article (``drop-records``).

A comment thread is a record repeated: a byline ("Rarst · March 10, 2017 at
1:26 AM", "NAME says:"), then a reader's sentences, then the next byline; a
block of related stories is a headline, a teaser, a date, and again. Their
lines are sentences, so no line rule can take them, and a headline list is
often too short or too close to prose for ``drop-context``. What shows them
to be chrome is their structure and their place, never one line's words:

- a record's first line (or its last, for teasers closed by a date or a
  "More like this": ``marks: end``) matches the rule's patterns;
- at least ``min_records`` markers follow each other, each record holding
  ``min_record_lines`` to ``max_record_lines`` lines (a table's dated rows
  are records of one line, and stay);
- the lines before them hold fewer than ``min_records`` markers: a forum's
  posts, or a live blog's entries, further apart than ``max_record_lines``,
  are the document, not what follows it;
- the records stand after the article: at least ``min_prose_before`` prose
  lines before them, and ``prose_share`` of the prose (in characters, outside
  any such records) before them, not after: an interview's questions, a
  timeline or a live blog inside the article have its prose after them, or
  are most of it; the short sentences of a page's footer ("Notify me of new
  posts by email.") weigh little.

A record opened by a marker ends at the next marker; the last one takes the
line below its marker (a comment of a few words) when a record may be two
lines, and the prose lines after it (a long comment) up to
``max_record_lines``, but the place is judged as if
it were no longer than the longest record before it: an article's last
paragraphs after a dated list weigh as prose after the records.
A record closed by a marker starts after the marker before; the first one
takes as many lines above its marker as the shortest record after it, so
that the article's last paragraph stays.

Dropping records only removes lines that no other record counted as prose,
so cleaning the result again drops nothing more.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Collection, Sequence

from .shapes import is_prose

if TYPE_CHECKING:  # the kind imports the line stage, which imports this module
    from .kinds.drop_records import DropRecords


def records_after_article(lines: Sequence[str], marker_lines: Collection[str], rule: DropRecords) -> list[int]:
    """The positions in ``lines`` (the kept non-blank lines, stripped) of the
    records that ``rule`` finds after the article; ``marker_lines`` are the
    lines that match its patterns.

    >>> from types import SimpleNamespace as Rule
    >>> rule = Rule(opens=True, min_records=3, min_record_lines=2, max_record_lines=4,
    ...     min_prose_before=1, prose_share=0.7)
    >>> lines = ["The talks went on for a long time, officials said.", "Ann says:", "Well done, this is great work.",
    ...     "Bob says:", "I think the talks will fail again.", "Cy says:", "Why would they? Nobody knows.", "Home"]
    >>> records_after_article(lines, {line for line in lines if line.endswith("says:")}, rule)
    [1, 2, 3, 4, 5, 6]
    """
    markers = [line in marker_lines for line in lines]
    runs = _marker_runs(markers, rule)
    if not runs:  # most documents: no line need be judged as prose
        return []
    prose = [is_prose(line) for line in lines]
    blocks = [_block(run, prose, rule) for run in runs]
    inside = {position for start, stop, _ in blocks for position in range(start, stop)}
    found: list[int] = []
    for start, stop, judged in blocks:
        before = [len(lines[i]) for i in range(start) if prose[i] and i not in inside]
        after = sum(len(lines[i]) for i in range(judged, len(lines)) if prose[i] and (i < stop or i not in inside))
        loose = sum(markers[i] for i in range(start) if i not in inside)  # a forum's posts, further apart
        if (
            len(before) >= rule.min_prose_before
            and sum(before) >= rule.prose_share * (sum(before) + after)
            and loose < rule.min_records
        ):
            found.extend(range(start, stop))
    return found


def _marker_runs(markers: Sequence[bool], rule: DropRecords) -> list[list[int]]:
    """The runs of ``min_records`` markers or more that stand between
    ``min_record_lines`` and ``max_record_lines`` lines apart. Markers on
    adjacent lines are one: a byline may take two lines ("NAME says:", then
    the date), and a table's dated rows are one record; unless a record may
    be one line (``min_record_lines`` 1: a gallery's captions, each opened by
    its counter).

    >>> from types import SimpleNamespace as Rule
    >>> _marker_runs([True, False, True, False, False, True, False, True, True], Rule(min_records=2, min_record_lines=2,
    ...     max_record_lines=2))
    [[0, 2], [5, 7]]
    >>> _marker_runs([False, True, True, True, False], Rule(min_records=3, min_record_lines=1, max_record_lines=1))
    [[1, 2, 3]]
    """
    merged = rule.min_record_lines > 1
    runs: list[list[int]] = []
    for position in (i for i, marker in enumerate(markers) if marker and not (merged and i and markers[i - 1])):
        gap = position - runs[-1][-1] if runs else 0
        if runs and rule.min_record_lines <= gap <= rule.max_record_lines:
            runs[-1].append(position)
        else:
            runs.append([position])
    return [run for run in runs if len(run) >= rule.min_records]


def _block(run: list[int], prose: Sequence[bool], rule: DropRecords) -> tuple[int, int, int]:
    """The (start, stop) of the records that the markers at ``run`` open or
    close, and where the last one would end if it were no longer than the
    longest before it (what the place is judged by)."""
    if rule.opens:
        stop = min(len(prose), run[-1] + min(2, rule.max_record_lines))
        while stop < len(prose) and stop - run[-1] < rule.max_record_lines and prose[stop]:
            stop += 1
        longest = max(after - before for before, after in zip(run, run[1:]))
        return run[0], stop, min(stop, run[-1] + longest)
    shortest = min(after - before for before, after in zip(run, run[1:]))
    return max(0, run[0] - shortest + 1), run[-1] + 1, run[-1] + 1
