"""The pipeline: one document in, its clean text out, stage by stage.

``Cleaner.stages`` lists the stages in the order they run. A rule's kind names
its stage (``Rule.stage``); within a stage, rules apply in the order they were
loaded: built-in files by name, then the user's files as given, each file top
to bottom.

The stages after the first run again while they change the text (at most
``MAX_ROUNDS`` times): a guard then sees the text as the other rules leave it,
an option's output meets the rules it can feed (``--ascii`` writes
``Sergei``, which a name rule spells ``Sergey``), and a repair that one rule
makes possible is made in the same run. So ``clean`` is idempotent.
"""

from __future__ import annotations

from typing import Optional

import ftfy.fixes
from unidecode import unidecode

from .changes import NO_LOG, Change, ChangeLog, RuleCounter
from .kinds.base import Rule
from .lines import LineStage, LineStageAround
from .loader import builtin_rules_dir, load_rules, select_rules
from .names import VariantIndex
from .settings import Config
from .stages import InTurn, RefuseOverlongLines, Stage, WholeTextOption, WithoutFinalNewline
from .unicode import UnicodeRepair
from .whitespace import Whitespace


# Rounds of the stages at most: real rules settle in two or three; rules that
# undo each other (A -> B, B -> A) stop here instead of running forever.
MAX_ROUNDS = 5


class Cleaner:
    """Rules compiled once, applied to as many texts as you like.

    >>> Cleaner().clean("Minsk sent Vladimir McKay.\\nAdd comment\\n")
    'Minsk sent Vladimir Makei.\\n'
    """

    def __init__(self, config: Optional[Config] = None, rules: Optional[list[Rule]] = None):
        """Load the rules ``config`` names, or use ``rules`` already loaded."""
        self.config = config or Config()
        if rules is None:
            sources = [builtin_rules_dir()] if self.config.default_rules else []
            rules = load_rules([*sources, *self.config.rules], self.config.timeout)
            rules = select_rules(rules, self.config.select, self.config.ignore)
        self.rules = rules
        self._placed: set[type] = set()
        self.refuse = RefuseOverlongLines()
        self.stages: list[Stage] = [
            UnicodeRepair(),  # mojibake, invisible characters, odd spaces
            WithoutFinalNewline([
                LineStageAround(LineStage(self._rules_of(LineStage)), [  # drop-tail, drop-line
                    VariantIndex(self._rules_of(VariantIndex)),  # variants
                    InTurn(self._rules_of(InTurn)),  # replace
                ]),
                *self._options(),
                Whitespace(),
            ]),
        ]
        unplaced = {rule.kind for rule in rules if rule.stage not in self._placed}
        if unplaced:  # a new kind whose stage is missing above
            raise TypeError(f"no stage of the pipeline applies {', '.join(sorted(unplaced))} rules")

    def _rules_of(self, stage: type) -> list:
        self._placed.add(stage)
        return [rule for rule in self.rules if rule.stage is stage]

    def _options(self) -> list[Stage]:
        """The opt-in stages: straight quotes, then ASCII transliteration."""
        options: list[Stage] = []
        if self.config.straight_quotes:
            options.append(WholeTextOption("option.straight-quotes", ftfy.fixes.uncurl_quotes))
        if self.config.ascii:
            options.append(WholeTextOption("option.ascii", unidecode))
        return options

    def clean(self, text: str) -> str:
        return self._run(text, NO_LOG)

    def clean_with_counts(self, text: str) -> tuple:
        """The clean text, and a Counter of how often each rule fired."""
        counter = RuleCounter()
        return self._run(text, counter), counter.counts

    def explain(self, text: str) -> list:
        """Every change ``clean`` makes, in order, as ``Change`` records."""
        log = ChangeLog()
        self._run(text, log)
        return log.changes

    def _run(self, text: str, log: ChangeLog) -> str:
        text = self.refuse.apply(text, log)
        for _ in range(MAX_ROUNDS):
            before = text
            for stage in self.stages:
                text = stage.apply(text, log)
            if text == before:
                break
        return text


_default: Optional[Cleaner] = None


def clean(text: str) -> str:
    """Clean ``text`` with the built-in rules.

    >>> clean("Lukashenkoâ€™s envoy met Vladimir McKay in Minks .\\nAdd comment")
    'Lukashenko’s envoy met Vladimir Makei in Minsk.'
    """
    global _default
    if _default is None:
        _default = Cleaner()
    return _default.clean(text)


__all__ = ["Change", "Cleaner", "Config", "clean"]
