"""``drop-context``: drop the runs of link-like lines that stand away from prose in whole-page text."""

from __future__ import annotations

from typing import Optional

from ..lines import LineRule, LineStage, Walk
from ..shapes import MAX_CHROME_LENGTH
from .base import COUNT, GUARD_KEYS, SHARE, Key, Spec


class DropContext(LineRule):
    """Drop the menus, headline lists and archive lists of whole-page text by
    their context, where no line rule can tell them from an article's short
    lines: runs of link-like lines (capitalised, not sentences, few digits)
    away from prose, in a document that has many of them (see ``context``).
    An article's subheadings, lists, datelines and captions stand near prose
    or between prose lines, and stay.
    """

    kind = "drop-context"
    keys = (
        Key(
            "min-lines",
            {"type": "integer", "minimum": 2},
            "The fewest link-like lines in a row that can be dropped.",
            default=5,
        ),
        Key(
            "distance",
            COUNT,
            "Link-like lines this many lines or fewer from a prose line stay.",
            default=2,
        ),
        Key(
            "max-length",
            {"type": "integer", "minimum": 1},
            "The most characters a link-like line has.",
            default=MAX_CHROME_LENGTH,
        ),
        Key(
            "min-share",
            SHARE,
            "The share of link-like lines the stretch between two prose lines needs for any of them to go.",
            default=0.7,
        ),
        Key(
            "keep-between",
            COUNT,
            "A stretch of this many lines or fewer between two prose lines stays whole.",
            default=15,
        ),
        Key(
            "page-lines",
            COUNT,
            "The fewest link-like lines a document needs to be taken for a whole page.",
            default=40,
        ),
        Key(
            "page-share",
            SHARE,
            "The share of its non-blank lines that must be link-like for a document to be taken for a whole page.",
            default=0.6,
        ),
        Key(
            "part-page-share",
            SHARE,
            "A document with fewer link-like lines than `page-share` asks, but at least this share, is judged in"
            " part: only below the article's body, when the body outweighs the rest of the page's prose"
            " `part-page-weight` times, do runs go, more than `keep-between` lines below it and with `min-lines`"
            " and `min-share` (not the `after-body-` keys). Default: `page-share` (no document is judged in part).",
        ),
        Key(
            "part-page-weight",
            {"type": "number", "minimum": 1},
            "On a page judged in part (`part-page-share`), how many times the prose characters of the rest of the"
            " page the article's body must hold: a weaker page needs a clearer body.",
            default=1,
        ),
        Key(
            "body-gap",
            COUNT,
            "Only the article's prose shields the lines near it: the stretch of prose lines at most this many"
            " lines apart with the most prose characters. A prose line outside it (a teaser's) stays, but neither"
            " shields its neighbours nor breaks a run. Without it, every prose line counts.",
        ),
        Key(
            "body-gap-dropped",
            {"type": "boolean"},
            "Below the article's body, the lines other rules dropped (a share widget, a related block, a comment"
            " form) count in `body-gap`: the body ends there, and the teasers after them are not the article's."
            " Its start is found as without.",
            default=False,
        ),
        Key(
            "after-body-min-lines",
            {"type": "integer", "minimum": 2},
            "`min-lines` below the article's body, when the body holds more prose than the rest of the page:"
            " there place is evidence, and a footer's links may be fewer in a row. Default: `min-lines`.",
        ),
        Key(
            "after-body-min-share",
            SHARE,
            "`min-share` below the article's body, when the body holds more prose than the rest of the page:"
            " a footer's links may stand among more dates, counts and labels. Default: `min-share`.",
        ),
        Key(
            "after-body-dates",
            {"type": "boolean"},
            "Below the article's body, when the body holds more prose than the rest of the page, a line holding"
            " a date or a time (not a sentence), or a number alone (a share button's \"0\", a gallery's"
            " \"1 / 5\"), counts as link-like: a headline list's dates and a widget's counts go with it.",
            default=False,
        ),
        Key(
            "after-body-notes",
            {"type": "boolean"},
            "Below the article's body, when the body holds more prose than the rest of the page, a short"
            ' sentence (too short to be prose: "Thank you for your support!", "Es gibt noch keine'
            " Kommentare.\") counts as link-like: a widget's and a form's notes go with the run they stand in.",
            default=False,
        ),
        *GUARD_KEYS[:2],  # when, when-not
    )
    stage = LineStage
    walk = Walk.CONTEXT
    windowed = False

    def __init__(self, spec: Spec):
        super().__init__(spec, [], {}, default_within=1)
        self.min_lines: int = self.setting("min-lines")
        self.distance: int = self.setting("distance")
        self.max_length: int = self.setting("max-length")
        self.min_share: float = self.setting("min-share")
        self.keep_between: int = self.setting("keep-between")
        self.page_lines: int = self.setting("page-lines")
        self.page_share: float = self.setting("page-share")
        part_share = self.setting("part-page-share")
        self.part_page_share: float = self.page_share if part_share is None else min(part_share, self.page_share)
        self.part_page_weight: float = self.setting("part-page-weight")
        self.body_gap: Optional[int] = self.setting("body-gap")
        self.body_gap_dropped: bool = self.setting("body-gap-dropped")
        self.after_body_dates: bool = self.setting("after-body-dates")
        self.after_body_notes: bool = self.setting("after-body-notes")
        after_lines, after_share = self.setting("after-body-min-lines"), self.setting("after-body-min-share")
        self.after_body_min_lines: int = self.min_lines if after_lines is None else after_lines
        self.after_body_min_share: float = self.min_share if after_share is None else after_share
