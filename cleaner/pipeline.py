"""The pipeline: one document in, its clean text out, stage by stage.

``Cleaner.stages`` lists the stages in the order they run. A rule's kind names
its stage (``Rule.stage``); within a stage, rules apply in the order they were
loaded: built-in files by name, then the user's files as given, each file top
to bottom.
"""

from __future__ import annotations

from typing import Optional

import ftfy.fixes
from unidecode import unidecode

from .changes import NO_LOG, Change, ChangeLog, RuleCounter, explain
from .kinds.base import Rule
from .lines import LineStage, LineStageAround
from .loader import builtin_rules_dir, load_rules, select_rules
from .names import VariantIndex
from .settings import Config
from .stages import InTurn, RefuseOverlongLines, Stage, WholeTextOption, WithoutFinalNewline
from .unicode import UnicodeRepair
from .whitespace import Whitespace


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
        self.stages: list[Stage] = [
            RefuseOverlongLines(),
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
        """Every change ``clean`` makes, as ``Change`` records at their line and
        column in ``text``, ordered by position (see ``changes.explain``)."""
        return explain(self.stages, text)

    def _run(self, text: str, log: ChangeLog) -> str:
        for stage in self.stages:
            text = stage.apply(text, log)
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
