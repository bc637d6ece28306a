"""``drop-block``: drop a heading of links and the link titles under it."""

from __future__ import annotations

from ..lines import LineRule, LineStage, Walk
from .base import Choice, GUARD_KEYS, IGNORE_CASE, Key, listed_lines, RegexUse, Spec, STRING_LIST


class DropBlock(LineRule):
    """Drop a block of links: a heading (``lines`` or ``patterns``, as in
    ``drop-line``) wherever it stands, and the lines under it that are not
    prose, up to ``max-lines`` of them ("Related Stories" and the headlines it
    lists). When a prose line (a sentence of six words or more, or a line over
    100 characters) comes within those lines, the heading alone goes: short
    lines leading into prose are its title, byline or subheadings.
    """

    kind = "drop-block"
    keys = (
        Key("lines", STRING_LIST, "Literal heading lines (compared stripped).", default=[]),
        Key(
            "patterns",
            STRING_LIST,
            "Regexes that must match the whole stripped heading line.",
            default=[],
            regex=RegexUse.EDITS,
        ),
        IGNORE_CASE,
        Key(
            "max-lines",
            {"type": "integer", "minimum": 0, "maximum": 50},
            "The most lines under the heading that the block takes.",
            default=10,
        ),
        *GUARD_KEYS[:2],  # when, when-not
    )
    choice = Choice(("lines", "patterns"))
    stage = LineStage
    walk = Walk.BLOCK
    windowed = False

    def __init__(self, spec: Spec):
        literals, patterns = listed_lines(spec)  # mypyc passes a star-argument wrongly beside a keyword
        super().__init__(spec, literals, patterns, default_within=1)
        self.max_lines: int = self.setting("max-lines")
