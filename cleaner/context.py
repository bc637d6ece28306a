"""Which lines of whole-page text are chrome by their context (``drop-context``).

A line rule sees one line; a menu item, a headline in a "Recent posts" list and
an article's subheading can be the same line. What tells them apart is what
stands around them, as in jusText (Pomikálek 2011): prose lines are the
article's evidence, and short lines take the class of their neighbours. Plain
text has no links to count, so a link is recognised by its shape
(``shapes.is_link_like``), and only what is clearly away from prose goes:

- the document must look like a whole page: many link-like lines, and a large
  share of its lines (an article, or an extractor's output, has few); a
  document with a smaller share (``part_page_share``: a long article, long
  comment threads) is judged in part: only the runs more than
  ``keep_between`` lines below a body that outweighs the rest of the page's
  prose ``part_page_weight`` times go, with the usual ``min_lines`` and
  ``min_share`` (a fact box or a list right below the article stays);
- a line goes only inside a run of ``min_lines`` link-like lines, more than
  ``distance`` lines away from the nearest prose line (a short label in lower
  case counts as link-like too: "jobs", "real estate");
- the stretch of non-prose lines holding the run must be mostly link-like
  (``min_share``): a table's or an infobox's rows have digits and clauses;
- a stretch of at most ``keep_between`` lines between two prose lines stays
  whole: a list, the subheadings and captions of an article;
- a line that stands right above prose elsewhere in the document stays: a
  table of contents lists the subheadings of the text below it;
- the first line stays: the page's title; and so does the article's headline:
  a line of three words or more nearly all of which are words of the title, or
  the lowest line that would go of a run that prose follows within
  ``HEADLINE_REACH`` lines;
- with ``body_gap``, only the article's prose is evidence: the article's body
  is the stretch of prose lines, each at most ``body_gap`` lines from the
  next, that holds the most prose characters (``body``: a line cut short
  with "…" is no evidence, and with ``body_gap_dropped`` the lines other
  rules dropped below it count in the gap); a prose line outside it is a
  teaser's ("Recent posts" with a sentence under each headline, a footer's
  blurb). Such a line stays, but the lines near it are not near prose, and
  it does not break a run of link-like lines: place is evidence where shape
  is not. What stands right above it or between it and another
  prose line within ``keep_between`` lines still stays: a subheading or a
  list of the article's other part, when the body is not that part; unless
  the body holds more prose than the rest of the page: then the body is
  clearly found, a teaser's headline and what stands between two teasers,
  or between the body's end and a teaser, go (a heading of two prose lines
  or more stays), and below the body shorter
  runs in less link-like stretches go (``after_body_min_lines``,
  ``after_body_min_share``: a footer's links among dates and counts), and
  with ``after_body_dates`` a line there holding a date or a time, or a
  number alone, is a member of its run and goes with it ("13 Oct 05 |
  Technology" under each headline of a list, a share button's "0"; within
  ``distance`` of the body, a story's own date stays), and with
  ``after_body_notes`` a short sentence too ("Thank you for your support!");
- a line that another rule dropped (a learned menu item, "Privacy Policy")
  still counts as a link-like member of its run and its stretch, and takes no
  place otherwise (distances are counted in kept lines, but for the body's
  end): a menu that line rules took in part is still a menu, and what is
  left of it still goes.

Dropping lines only moves the rest closer to prose, shortens runs and lowers
the counts; it may join two stretches of prose into a larger body, which only
shields more. The line stage runs its walks again until nothing more goes, so
cleaning the result again drops nothing more: the kept lines are the same, and
the lines other rules dropped, gone from the result, count in no run.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Optional, Sequence

import regex

from .body import body_outweighs, member_below_body, outside_body
from .headlines import is_headline, title_words
from .shapes import MAX_MENU_ITEM_LENGTH, is_link_like, is_prose

# A menu written in lower case ("jobs", "real estate", "open-core"): letters only, a few words.
LOWER_CASE_LABEL = regex.compile(r"^\p{Ll}[\p{L} &'’-]*$")
LABEL_WORDS = 3
HEADLINE_REACH = 4  # lines: a headline, its dateline, a byline, a caption, then prose

if TYPE_CHECKING:  # the kind imports the line stage, which imports this module
    from .kinds.drop_context import DropContext


Shapes = dict  # a document's distinct non-blank line -> (link-like to the rule, prose)


class KnownShapes:
    """The shapes of the lines a ``drop-context`` rule judged before: each
    pass of the line stage over a document, in each round, asks its lines
    again, and a site's next page asks most of them. Both are the line's
    alone; ``KNOWN_LINES`` lines at most, then they start again."""

    def __init__(self) -> None:
        self.link: dict[str, bool] = {}  # line -> link-like to the rule
        self.prose: dict[str, bool] = {}  # line -> prose


KNOWN_LINES = 2**14  # a whole page has a few thousand; about 2 MB


def whole_page_shapes(lines: Sequence[str], rule: DropContext, known: Optional[KnownShapes] = None) -> Optional[Shapes]:
    """If a document (its lines as it came, before any rule dropped one) looks
    like whole-page text to ``rule`` (enough link-like lines, and a large
    share: ``part_page_share`` at least), the shapes of its lines, which every pass of the line stage over
    it asks again; else None. ``known``: the shapes judged before, filled in."""
    lines = [line for line in lines if line]
    if len(lines) < rule.page_lines:  # most documents: no line need be looked at
        return None
    need = max(rule.page_lines, rule.part_page_share * len(lines))  # link-like lines
    longest = max(rule.max_length, MAX_MENU_ITEM_LENGTH)  # a longer line is not link-like
    if sum(len(line) <= longest for line in lines) < need:  # an article's lines: no shape need be judged
        return None
    known = KnownShapes() if known is None else known
    if len(known.link) > KNOWN_LINES:
        known.link.clear()
        known.prose.clear()
    link = known.link
    found, left = 0, len(lines)
    for line in lines:  # judged in order, until the lines left could not make up the number
        is_link = link.get(line)
        if is_link is None:
            is_link = link[line] = _link_like(line, rule)
        found, left = found + is_link, left - 1
        if found + left < need:
            return None
    distinct = set(lines)
    prose = known.prose
    for line in distinct.difference(prose):
        prose[line] = is_prose(line)
    return {line: (link[line], prose[line]) for line in distinct}


def chrome_by_context(
    lines: Sequence[str], rule: DropContext, gone: Sequence[int], shapes: Shapes, whole: bool = True
) -> list[int]:
    """The positions in ``lines`` (the kept non-blank lines, stripped, of a
    document that looks like a whole page) that ``rule`` finds to be chrome.
    ``gone[k]``: how many lines other rules dropped right above line ``k``
    (``gone[len(lines)]``: below the last); they count as chrome members of
    the runs and stretches they stand in, and take no place otherwise.
    ``shapes``: those of the lines, as ``whole_page_shapes`` gives them.
    Not ``whole`` (a page judged in part): only what stands below a body that
    outweighs the rest of the page may go."""
    links = [shapes[line][0] for line in lines]
    prose = [shapes[line][1] for line in lines]
    teasers = outside_body(lines, prose, rule.body_gap, gone if rule.body_gap_dropped else None)
    body = [is_prose_line and not teaser for is_prose_line, teaser in zip(prose, teasers)]
    clear = body_outweighs(lines, body, teasers)
    clearer = whole or body_outweighs(lines, body, teasers, rule.part_page_weight)
    subheadings, between = _near_prose(lines, prose, body if clear else prose, rule.keep_between)
    prose = body
    in_runs = [link or teaser for link, teaser in zip(links, teasers)]
    distance = _distance_to_prose(prose)
    title = title_words(lines[0]) if lines else set()
    body_end = max((i for i, is_prose_line in enumerate(prose) if is_prose_line), default=len(lines))
    if clear and whole and (rule.after_body_dates or rule.after_body_notes):  # below the body, members of runs
        links = [
            link or i > body_end and not teasers[i] and member_below_body(line, rule, shapes)
            for i, (line, link) in enumerate(zip(lines, links))
        ]
        in_runs = [link or teaser for link, teaser in zip(links, teasers)]
    found: list[int] = []
    for start, stop in _runs(prose, False):  # the stretches between the article's prose lines
        # below a body that is clearly the article's, place is evidence: a footer's links may be
        # fewer in a row, with more dates, counts and labels between them
        after = clear and start > body_end
        if not (whole or after and clearer):
            continue
        least, share = (
            (rule.after_body_min_lines, rule.after_body_min_share)
            if after and whole
            else (rule.min_lines, rule.min_share)
        )
        members = sum(gone[start : stop + 1])
        if sum(links[start:stop]) + members < share * (stop - start + members):
            continue
        for first, last in _runs(in_runs[start:stop], True):
            if sum(links[start + first : start + last]) + sum(gone[start + first : start + last + 1]) < least:
                continue
            going = [
                i
                for i in range(start + first, start + last)
                if links[i]
                and i not in between
                and distance[i] > (rule.distance if whole else rule.keep_between)
                and lines[i] not in subheadings
                and i > 0
                and not is_headline(lines[i], title)
            ]
            # the lowest line going, when the article starts right below the run, is its headline
            if going and any(prose[start + last : start + last + HEADLINE_REACH]):
                going.pop()
            found.extend(going)
    return found


def _near_prose(
    lines: Sequence[str], prose: Sequence[bool], own: Sequence[bool], keep_between: int
) -> tuple[set[str], set[int]]:
    """What may be the article's own by where it stands, and stays: the lines
    right above prose (subheadings, and their entries in a table of contents,
    as texts) and the positions of the stretches of at most ``keep_between``
    lines between two prose lines (a list, captions). ``own``: the prose lines
    that are evidence. Any prose is (``own`` is ``prose``), an article's other
    part's when the body is not that part; but when the body outweighs the
    rest of the page's prose (``body.body_outweighs``), the page is clearly whole
    and its body clearly found: then ``own`` is the body's prose, and only a
    stretch that the body's prose closes (a list that leads into the
    article's next paragraph) and a line that heads the body's prose or a
    paragraph of two prose lines or more stay, not a teaser's headline, nor
    what stands between two teasers ("More stories": a headline, a sentence, a
    headline...), nor what stands between the body's end and a teaser.

    >>> lines = ["Storm Hits Coast", "Trees fell on houses in the night, said the police.", "Cooking"]
    >>> lines += ["Bake a cake in ten minutes with what you have at home.", "A Long Body", "Body one is long."]
    >>> prose = [False, True, False, True, False, True]
    >>> subheadings, between = _near_prose(lines, prose, prose, 15)
    >>> sorted(subheadings), between
    (['A Long Body', 'Cooking', 'Storm Hits Coast'], {2, 4})
    >>> _near_prose(lines, prose, [False, False, False, False, False, True], 15)
    ({'A Long Body'}, {4})
    """
    heads = [own[i + 1] or prose[i + 1] and i + 2 < len(lines) and prose[i + 2] for i in range(len(lines) - 1)]
    subheadings = {lines[i] for i in range(len(lines) - 1) if heads[i] and not prose[i]}
    between = {
        i
        for start, stop in _runs(prose, False)
        if start > 0 and stop < len(lines) and stop - start <= keep_between and own[stop]
        for i in range(start, stop)
    }
    return subheadings, between


def context_drops(
    keys: Sequence[str], kept: Sequence[int], dropped_by: dict, rule: DropContext, shapes: Shapes
) -> list[int]:
    """The indexes in ``keys`` (a document's lines, stripped; ``shapes``: theirs)
    of the ``kept`` lines that ``rule`` finds to be chrome (``chrome_by_context``),
    the lines that other rules dropped (``dropped_by``: index to rule id)
    counting as chrome members of the runs they stood in: a menu partly taken
    by line rules is still a menu."""
    lines = [keys[index] for index in kept]
    found = chrome_by_context(
        lines, rule, _gone_between(keys, kept, dropped_by, rule.id), shapes, _whole(keys, rule, shapes)
    )
    return [kept[position] for position in found]


def _whole(keys: Sequence[str], rule: DropContext, shapes: Shapes) -> bool:
    """Does the document as it came (``keys``) have the link-like lines of a
    whole page (``page-share``), not only those of one judged in part?"""
    lines = [key for key in keys if key]
    return sum(shapes[line][0] for line in lines) >= max(rule.page_lines, rule.page_share * len(lines))


def _gone_between(keys: Sequence[str], kept: Sequence[int], dropped_by: dict, rule_id: str) -> list[int]:
    """How many non-blank lines of ``keys`` that rules other than ``rule_id``
    dropped stand right above each of the ``kept`` lines (their indexes in
    ``keys``), and below the last.

    >>> _gone_between(["Home", "", "News", "Body.", "Share"], [0, 3], {2: "learned", 4: "chrome.share"}, "page")
    [0, 1, 1]
    """
    counts = [0] * (len(kept) + 1)
    at = 0
    for index, key in enumerate(keys):
        if at < len(kept) and index == kept[at]:
            at += 1
        elif key and dropped_by.get(index, rule_id) != rule_id:
            counts[at] += 1
    return counts


def _link_like(line: str, rule: DropContext) -> bool:
    """A link's text by its shape (``shapes.is_link_like``), or a label in lower case."""
    return is_link_like(line, rule.max_length) or _lower_case_label(line)


def _lower_case_label(line: str) -> bool:
    """A menu item or tag written in lower case, which ``is_link_like`` (made
    to tell a link by its capital, for line rules too) does not know.

    >>> _lower_case_label("real estate"), _lower_case_label("open-core"), _lower_case_label("jobs")
    (True, True, True)
    >>> _lower_case_label("and sings the tune without the words"), _lower_case_label("2 eggs")
    (False, False)
    >>> _lower_case_label("Jobs")  # is_link_like's
    False
    """
    return len(line) <= MAX_MENU_ITEM_LENGTH and len(line.split()) <= LABEL_WORDS and bool(LOWER_CASE_LABEL.match(line))


def _runs(flags: Sequence[bool], value: bool) -> list[tuple[int, int]]:
    """The (start, stop) of each run of ``value`` in ``flags``.

    >>> _runs([True, False, False, True, False], False)
    [(1, 3), (4, 5)]
    """
    runs = []
    start = None
    for i, flag in enumerate([*flags, not value]):
        if flag == value and start is None:
            start = i
        elif flag != value and start is not None:
            runs.append((start, i))
            start = None
    return runs


def _distance_to_prose(prose: Sequence[bool]) -> list[int]:
    """How many lines each line stands from the nearest prose line (0 for prose).

    >>> _distance_to_prose([False, True, False, False, False, True])
    [1, 0, 1, 2, 1, 0]
    >>> _distance_to_prose([False, False])
    [2, 2]
    """
    far = len(prose)
    distance = [far] * len(prose)
    last = None
    for i, is_prose_line in enumerate(prose):
        last = i if is_prose_line else last
        distance[i] = far if last is None else i - last
    last = None
    for i in range(len(prose) - 1, -1, -1):
        last = i if prose[i] else last
        if last is not None:
            distance[i] = min(distance[i], last - i)
    return distance
