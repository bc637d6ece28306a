"""The pipeline: one document in, its clean text out, stage by stage.

``Cleaner.stages`` lists the stages in the order they run. A rule's kind names
its stage (``Rule.stage``); within a stage, rules apply in the order they were
loaded: built-in files by name, then the user's files as given, each file top
to bottom.

The stages after the first run again while they change the text (at most
``MAX_ROUNDS`` times): a guard then sees the text as the other rules leave it,
an option's output meets the rules it can feed (``--ascii`` writes
``Sergei``, which a name rule spells ``Sergey``), and a repair that one rule
makes possible is made in the same run. So ``clean`` is idempotent. A later
round's Unicode stage repairs only the lines the rules changed since
(``unicode.Left``): the repair is line-local.
"""

from __future__ import annotations

from typing import Optional, Sequence

import ftfy.fixes
from unidecode import unidecode

from .changes import NO_LOG, Change, ChangeLog, RuleCounter, explain
from .budget import document_budget
from .kinds.base import Rule
from .line_prefilter import Prefilter
from .lines import LineStage, LineStageAround
from .loader import builtin_rules_dir, load_rules, select_rules
from .names import VariantIndex
from .settings import Config
from .sites import SiteIndex, site_of
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

    A document may name its site (a host, or a URL whose host is taken): rules
    with ``sites`` then apply to the documents of those sites only. On a
    document of unknown site, such a rule applies only when its ``when`` guard
    matches the document. Choosing a document's rules costs one lookup of its
    site; each combination of rules gets its stages built once.
    """

    def __init__(self, config: Optional[Config] = None, rules: Optional[list[Rule]] = None):
        """Load the rules ``config`` names, or use ``rules`` already loaded."""
        self.config = config or Config()
        if rules is None:
            sources = [builtin_rules_dir()] if self.config.default_rules else []
            rules = load_rules([*sources, *self.config.rules], self.config.timeout)
            rules = select_rules(rules, self.config.select, self.config.ignore)
        self.rules = rules
        # seconds of regex time each document has (rules loaded here all have the config's)
        self.timeout = min((rule.spec.timeout for rule in rules), default=self.config.timeout)
        self._position = {id(rule): number for number, rule in enumerate(rules)}
        everywhere = [r for r in rules if not r.sites and not _chosen_per_document(r)]
        # line rules with a document guard, and site rules: chosen for each document
        self._guarded = [r for r in rules if not r.sites and _chosen_per_document(r)]
        self._sites = SiteIndex({rule: rule.sites for rule in rules if rule.sites})
        self._site_rules_with_when = [r for r in rules if r.sites and r.guard.when is not None]
        # rules bound to each document's site (a title's suffix compared with the site's name)
        self._need_site = any(rule.needs_site for rule in rules)
        self._placed: set[type] = set()
        self._lines = LineStage(self._rules_of(LineStage, everywhere))
        self._variants = VariantIndex(self._rules_of(VariantIndex, everywhere))
        self._replace = InTurn(self._rules_of(InTurn, everywhere))
        self.stages: list[Stage] = self._assemble(self._lines, self._variants, self._replace)
        self._stages_for_rules: dict[tuple, list[Stage]] = {}
        self._prefilters: dict[tuple, Prefilter] = {}  # a group of line rules -> their prefilter (``_own_filters``)
        self._site_choices: dict[str, tuple] = {}
        unplaced = {rule.kind for rule in rules if rule.stage not in self._placed}
        if unplaced:  # a new kind whose stage is missing above
            raise TypeError(f"no stage of the pipeline applies {', '.join(sorted(unplaced))} rules")

    def _rules_of(self, stage: type, rules: list) -> list:
        self._placed.add(stage)
        return [rule for rule in rules if rule.stage is stage]

    def _assemble(self, lines: LineStage, variants: VariantIndex, replace: InTurn) -> list[Stage]:
        """The pipeline, top-down."""
        return [
            RefuseOverlongLines(),
            UnicodeRepair(),  # mojibake, invisible characters, odd spaces
            WithoutFinalNewline(
                [
                    LineStageAround(
                        lines,
                        [  # drop-tail, drop-line
                            variants,  # variants
                            replace,  # replace
                        ],
                    ),
                    *self._options(),
                    Whitespace(),
                ]
            ),
        ]

    def _options(self) -> list[Stage]:
        """The opt-in stages: straight quotes, then ASCII transliteration."""
        options: list[Stage] = []
        if self.config.straight_quotes:
            options.append(WholeTextOption("option.straight-quotes", ftfy.fixes.uncurl_quotes))
        if self.config.ascii:
            options.append(WholeTextOption("option.ascii", unidecode))
        return options

    def stages_for(self, text: str, site: Optional[str] = None) -> list[Stage]:
        """The stages that clean ``text``, a document of ``site`` (None: unknown)."""
        fixed: tuple
        if site is None:
            fixed, per_document = (), self._site_rules_with_when
        else:
            fixed, per_document = self._site_choice(site)
        chosen = _admitted((*per_document, *self._guarded), text)
        bound_to = site if self._need_site else None
        if not chosen and not fixed and bound_to is None:
            return self.stages
        if chosen:
            fixed = tuple(sorted((*fixed, *chosen), key=lambda rule: self._position[id(rule)]))
        key = (fixed, bound_to)
        stages = self._stages_for_rules.get(key)
        if stages is None:
            if len(self._stages_for_rules) >= MAX_RULE_COMBINATIONS:
                self._stages_for_rules.clear()
            stages = self._stages_for_rules[key] = self._with(*key)
        return stages

    def _site_choice(self, site: str) -> tuple:
        """The rules scoped to ``site``: those it always meets, in load order, and
        those a document guard chooses (or not) for each document. Worked out once
        per site: a site's documents are cleaned in several rounds each."""
        choice = self._site_choices.get(site)
        if choice is None:
            if len(self._site_choices) >= MAX_RULE_COMBINATIONS:
                self._site_choices.clear()
            rules = sorted(self._sites.rules_for(site), key=lambda rule: self._position[id(rule)])
            fixed = tuple(rule for rule in rules if not _chosen_per_document(rule))
            choice = self._site_choices[site] = (fixed, [rule for rule in rules if _chosen_per_document(rule)])
        return choice

    def _with(self, extra: tuple, site: Optional[str] = None) -> list[Stage]:
        """The stages of the rules every document meets and of ``extra``, for a document of ``site``."""

        def merged(stage: type, base: Sequence) -> Sequence:
            own = [rule for rule in extra if rule.stage is stage]
            return sorted([*base, *own], key=lambda rule: self._position[id(rule)]) if own else base

        lines = merged(LineStage, self._lines.rules)
        variants = merged(VariantIndex, self._variants.rules)
        replace = [rule.for_site(site) for rule in merged(InTurn, self._replace.rules)]
        return self._assemble(  # the stages of the rules every document meets, unless extra has rules of theirs
            LineStage(lines, self._lines, self._own_filters(extra)) if lines is not self._lines.rules else self._lines,
            VariantIndex(variants) if variants is not self._variants.rules else self._variants,
            self._replace if replace == list(self._replace.rules) else InTurn(replace, shared=self._replace),
        )

    def _own_filters(self, extra: tuple) -> list[Prefilter]:
        """The prefilters of ``extra``'s line rules: one of those scoped to the site, one of those
        a document guard chose, each made once. A site's documents make two or three combinations
        of them (``threads.comments`` chosen or not), and each compiled the union of its regexes again."""
        own = [rule for rule in extra if rule.stage is LineStage]
        filters = []
        for group in (tuple(r for r in own if r.sites), tuple(r for r in own if not r.sites)):
            if not group:
                continue
            made = self._prefilters.get(group)
            if made is None:
                if len(self._prefilters) >= MAX_RULE_COMBINATIONS:
                    self._prefilters.clear()
                made = self._prefilters[group] = Prefilter(group)
            filters.append(made)
        return filters

    def clean(self, text: str, site: Optional[str] = None) -> str:
        return self._run(text, NO_LOG, site)

    def clean_with_counts(self, text: str, site: Optional[str] = None) -> tuple:
        """The clean text, and a Counter of how often each rule fired."""
        counter = RuleCounter()
        return self._run(text, counter, site), counter.counts

    def explain(self, text: str, site: Optional[str] = None) -> list:
        """Every change ``clean`` makes, as ``Change`` records at their line and
        column in ``text``, ordered by position (see ``changes.explain``)."""
        with document_budget(self.timeout):
            return explain(lambda text: self.stages_for(text, site_of(site)), text, MAX_ROUNDS)

    def _run(self, text: str, log: ChangeLog, site: Optional[str]) -> str:
        site = site_of(site)
        with document_budget(self.timeout):  # one budget per document, not per regex call
            for _ in range(MAX_ROUNDS):
                before = text
                # chosen again each round, on the text the last round left: a guard
                # may match only once the Unicode repair has run ("agency \0Inforos"),
                # and the last round then runs what cleaning its output would run
                for stage in self.stages_for(text, site):
                    text = stage.apply(text, log)
                if text == before:
                    break
        return text


# Rule combinations whose stages are kept: one per site in a dump of many sites.
MAX_RULE_COMBINATIONS = 4096


def _admitted(rules: Sequence[Rule], text: str) -> list:
    """The ``rules`` whose document guard admits ``text``, each distinct guard
    asked once: a site's rules share their guard ("when: Written by The
    Frontier Post" on three rules)."""
    answers: dict = {}
    chosen = []
    for rule in rules:
        guard = rule.guard
        key = (guard.when, guard.when_not)  # compiled patterns: equal when their source and flags are
        admits = answers.get(key)
        if admits is None:
            admits = answers[key] = guard.admits(text)
        if admits:
            chosen.append(rule)
    return chosen


def _chosen_per_document(rule: Rule) -> bool:
    """A line rule with a document guard: the walk over lines cannot ask the
    guard, so the rule is chosen (or not) for each document beforehand."""
    return rule.stage is LineStage and rule.guard.conditional


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
