"""``drop-run``: drop a run of menu items at a document's edge."""

from __future__ import annotations

from ..lines import LineRule, LineStage, Walk
from .base import GUARD_KEYS, Key, Spec


class DropRun(LineRule):
    """Drop the navigation menu at the head or the footer links at the tail of
    whole-page text: the run of menu items (a capitalised word or few, no
    digits, no sentence punctuation) that starts at that edge, when it has at
    least ``min-lines`` of them. At the head, the run's last item stays when
    prose follows it: a short title of the article, not a menu item.
    """

    kind = "drop-run"
    keys = (
        Key("edge", {"enum": ["head", "tail"]}, "The edge of the document the run starts at.", required=True),
        Key("min-lines", {"type": "integer", "minimum": 2}, "The fewest items a run needs to be dropped.", default=4),
        Key("max-words", {"type": "integer", "minimum": 1, "maximum": 6}, "The most words a menu item has.", default=3),
        *GUARD_KEYS[:2],  # when, when-not
    )
    stage = LineStage
    walk = Walk.RUN
    windowed = False

    def __init__(self, spec: Spec):
        super().__init__(spec, [], {}, default_within=1)
        self.edge: str = spec.data["edge"]
        self.min_lines: int = self.setting("min-lines")
        self.max_words: int = self.setting("max-words")
