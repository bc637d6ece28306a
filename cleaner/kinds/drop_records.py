"""``drop-records``: drop the repeated records after the article: comment threads, related-story teasers."""

from __future__ import annotations

from ..lines import LineRule, LineStage, Walk
from .base import Choice, COUNT, GUARD_KEYS, IGNORE_CASE, Key, listed_lines, RegexUse, SHARE, Spec, STRING_LIST

LINE_COUNT = {"type": "integer", "minimum": 1, "maximum": 50}


class DropRecords(LineRule):
    """Drop a comment thread or a block of related-story teasers after the
    article: records that a marker line (``lines`` or ``patterns``, as in
    ``drop-line``) opens, such as a comment's byline, or closes (``marks:
    end``), such as a teaser's date, repeated ``min-records`` times or
    more, each of ``min-record-lines`` to ``max-record-lines`` lines, with the
    article's prose before them and (nearly) none after them. The marker
    alone proves nothing: a record's sentences are a reader's or a teaser's,
    and an interview, a list of quotes or a timeline inside the article stay
    because prose follows them (see ``tail_records``).
    """

    kind = "drop-records"
    keys = (
        Key("lines", STRING_LIST, "Literal marker lines (compared stripped).", default=[]),
        Key(
            "patterns",
            STRING_LIST,
            "Regexes that must match the whole stripped marker line.",
            default=[],
            regex=RegexUse.EDITS,
        ),
        IGNORE_CASE,
        Key(
            "marks",
            {"enum": ["start", "end"]},
            "Whether a marker line is a record's first line (a byline) or its last (a teaser's date).",
            default="start",
        ),
        Key("min-records", {"type": "integer", "minimum": 2}, "The fewest records in a row that go.", default=3),
        Key(
            "min-record-lines",
            LINE_COUNT,
            "The fewest lines a record holds, its marker included (1: markers on adjacent lines open records of"
            " their own, as a gallery's captions; else they are one record's).",
            default=2,
        ),
        Key("max-record-lines", LINE_COUNT, "The most lines a record holds, its marker included.", default=12),
        Key(
            "min-prose-before",
            COUNT,
            "The fewest prose lines (the article) that must stand before the records, outside any records.",
            default=3,
        ),
        Key(
            "prose-share",
            SHARE,
            "The least share of the prose (in characters, outside any records) that must stand before the records.",
            default=0.7,
        ),
        *GUARD_KEYS[:2],  # when, when-not
    )
    choice = Choice(("lines", "patterns"))
    stage = LineStage
    walk = Walk.RECORDS
    windowed = False

    def __init__(self, spec: Spec):
        literals, patterns = listed_lines(spec)  # mypyc passes a star-argument wrongly beside a keyword
        super().__init__(spec, literals, patterns, default_within=1)
        self.opens: bool = self.setting("marks") == "start"
        self.min_records: int = self.setting("min-records")
        self.min_record_lines: int = self.setting("min-record-lines")
        self.max_record_lines: int = self.setting("max-record-lines")
        self.min_prose_before: int = self.setting("min-prose-before")
        self.prose_share: float = self.setting("prose-share")
