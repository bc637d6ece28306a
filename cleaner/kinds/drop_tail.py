"""``drop-tail``: drop a marker line near the end and everything after it."""

from __future__ import annotations

from ..lines import LineRule, LineStage, Walk
from .base import GUARD_KEYS, IGNORE_CASE, SHARE, Choice, Key, RegexUse, Spec, window


class DropTail(LineRule):
    """Drop a marker line and everything after it, when it stands in the tail.

    The tail is the last ``within`` non-blank lines, so at most ``within``
    lines of text can ever be dropped by such a rule. With ``prose-share``,
    the marker must also stand after that share of the document's prose: a
    footer's notice closes the article, the same notice above the article
    (a wire copy's) does not.
    """

    kind = "drop-tail"
    keys = (
        Key("marker", {"type": "string"}, "Literal line that starts the tail block."),
        Key("pattern", {"type": "string"}, "Regex matching the whole stripped marker line.", regex=RegexUse.EDITS),
        IGNORE_CASE,
        window(default=5),
        Key(
            "prose-share",
            SHARE,
            "The least share of the prose (in characters) that must stand before the marker.",
            default=0.0,
        ),
        *GUARD_KEYS[:2],  # when, when-not
    )
    choice = Choice(("marker", "pattern"), exactly_one=True)
    stage = LineStage
    walk = Walk.CUT_TAIL

    def __init__(self, spec: Spec):
        marker = spec.data.get("marker")
        pattern = spec.data.get("pattern")
        super().__init__(
            spec,
            [marker] if marker is not None else [],
            {"pattern": pattern} if pattern is not None else {},
            default_within=5,
        )
        self.prose_share: float = self.setting("prose-share")
