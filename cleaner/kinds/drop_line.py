"""``drop-line``: drop boilerplate lines, literal or matched whole by a regex."""

from __future__ import annotations

from ..lines import LineRule, LineStage, Walk
from .base import Choice, GUARD_KEYS, IGNORE_CASE, Key, listed_lines, RegexUse, Spec, STRING_LIST, window


class DropLine(LineRule):
    """Drop boilerplate lines: ``lines`` (literal) and ``patterns`` (whole-line regexes).

    ``where: head`` or ``tail`` limits the rule to lines that have fewer than
    ``within`` kept non-blank lines between them and that edge of the document.
    """

    kind = "drop-line"
    keys = (
        Key("lines", STRING_LIST, "Literal lines (compared stripped).", default=[]),
        Key(
            "patterns",
            STRING_LIST,
            "Regexes that must match the whole stripped line.",
            default=[],
            regex=RegexUse.EDITS,
        ),
        IGNORE_CASE,
        Key(
            "where",
            {"enum": ["head", "tail", "anywhere"]},
            "The edge of the document the line must be near.",
            default="anywhere",
        ),
        window(default=3),
        *GUARD_KEYS[:2],  # when, when-not
    )
    choice = Choice(("lines", "patterns"))
    stage = LineStage

    def __init__(self, spec: Spec):
        literals, patterns = listed_lines(spec)  # mypyc passes a star-argument wrongly beside a keyword
        super().__init__(spec, literals, patterns, default_within=3)
        self.where: str = spec.data.get("where", "anywhere")
        self.walk = Walk.BOTTOM_UP if self.where == "tail" else Walk.TOP_DOWN
        self.windowed = self.where != "anywhere"
