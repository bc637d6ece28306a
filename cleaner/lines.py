"""The line stage: drop boilerplate lines and tail blocks.

Rules that cut a tail block (``drop-tail``) cut first, in rule order. Then the
rules dropping single lines (``drop-line``): head and anywhere rules from the
top down, tail rules from the bottom up. A line's distance from an edge counts
only kept non-blank lines, not a repeat of the kept line before it (whitespace
tidying will remove it). Rules see each line as tidying will leave it (``line_key``).
Dropping lines can bring a marker into a window, so the stage repeats until
nothing more is dropped: cleaning its result again drops nothing.
"""

from __future__ import annotations

import enum
from time import monotonic
from typing import TYPE_CHECKING, Iterable, Optional, Sequence

import regex

from .changes import ChangeLog
from .context import KnownShapes, context_drops, whole_page_shapes
from .budget import BUDGET, Budget, TimeLimit
from .kinds.base import Rule, Spec
from .kinds.guard import Guard
from .line_prefilter import BACKREFERENCE, Lines, Prefilter
from .line_walks import LISTED, drop_blocks, drop_from_edge, drop_run, kept_lines, matches, tail_marker
from .literals import OneOf, one_of, required
from .stages import Stage
from .rule_index import WalkRules
from .shapes import line_keys
from .tail_records import records_after_article

if TYPE_CHECKING:  # the kinds import this module
    from .kinds.drop_block import DropBlock
    from .kinds.drop_context import DropContext
    from .kinds.drop_records import DropRecords
    from .kinds.drop_run import DropRun


class Walk(enum.Enum):
    """How the stage walks the lines for a rule."""

    CUT_TAIL = "cut the last lines from a marker on"
    TOP_DOWN = "from the top"
    BOTTOM_UP = "from the bottom"
    BLOCK = "a heading and the link titles under it"
    RUN = "a run of menu items at an edge"
    CONTEXT = "runs of link-like lines away from prose"
    RECORDS = "records repeated after the article"


class LineRule(Rule):
    """A rule that recognises whole lines, literally or by regex (stripped).

    A kind sets ``walk`` (or an instance does, from its keys), and ``windowed``:
    whether only lines within ``within`` of the edge it walks from are its own.
    """

    walk: Walk
    windowed = True

    def __init__(self, spec: Spec, literals: list, patterns: dict, default_within: int):
        """``patterns`` maps each regex's key in the spec (for errors) to its source."""
        super().__init__(spec)
        self.ignore_case: bool = spec.data.get("ignore-case", False)
        flags = regex.IGNORECASE if self.ignore_case else 0
        self.literal_lines = [line.strip() for line in literals]
        self.pattern_sources = list(patterns.values())
        self.literals = frozenset(line.casefold() if self.ignore_case else line for line in self.literal_lines)
        compiled = [spec.compile(key, source, flags) for key, source in patterns.items()]
        # One regex for all the patterns: one call a line, not one a pattern (each pays for the time limit).
        # Inline flags stay scoped to their group; backreferences would be renumbered: such patterns stay apart.
        if len(compiled) > 1 and not any(BACKREFERENCE.search(source) for source in patterns.values()):
            compiled = [regex.compile("|".join(f"(?:{source})" for source in patterns.values()), flags)]
        self.patterns = compiled
        self.within: int = spec.data.get("within", default_within)
        self.limit = TimeLimit(spec)
        self.guard = Guard(spec)  # when, when-not: checked when a document's rules are chosen
        self._needs: Optional[OneOf] = None
        self._needs_known = False

    @property
    def needs(self) -> Optional[OneOf]:
        """What a line needs for any pattern to match it: found when first asked (by
        hand, not ``functools.cached_property``, which a class compiled by mypyc lacks
        the ``__dict__`` for: it found it again at every call)."""
        if not self._needs_known:
            flags = regex.IGNORECASE if self.ignore_case else 0
            self._needs = one_of([required(source, flags) for source in self.pattern_sources])
            self._needs_known = True
        return self._needs

    def lists(self, key: str) -> bool:
        """Is the line (a line key) one of the rule's literal lines?"""
        return (key.casefold() if self.ignore_case else key) in self.literals

    def matches(self, stripped: str, folded: str) -> bool:
        """Does the line (stripped; ``folded``: casefolded) match? Patterns run only if it holds what they need."""
        if (folded if self.ignore_case else stripped) in self.literals:
            return True
        if not self.patterns or (self.needs is not None and self.needs.lacked_by(stripped, folded)):
            return False
        with self.limit:
            return any(pattern.fullmatch(stripped, timeout=self.limit.seconds) is not None for pattern in self.patterns)


Memo = dict  # (rule or a stage's tag, line key) -> whether it matches; a tag: whether any of its rules could (LISTED)
SHAPES = object()  # (a drop-context rule, SHAPES) -> the shapes of lines it judged (``context.KnownShapes``)
MEMO_LIMIT = 2**14  # entries remembered across documents (a few MB); then a new memo starts


class LineStage:
    """The line rules, sorted once for the walks of every document, and a
    prefilter saying whether any of them could match a line: most lines are
    prose that it rules out at once.

    A stage made for one site's documents (``shared``: the stage of the rules every
    document meets) reuses that stage's prefilter and walks' tables, adding the site's
    own rules, so that a thousand sites do not compile the shared rules a thousand times.

    The stage every document meets remembers which line matched which rule across
    documents (``memo``): chrome recurs from page to page. A site's stage shares
    that, its prefilter's answers filed under its own ``tag``."""

    def __init__(
        self, rules: Sequence[LineRule], shared: Optional["LineStage"] = None, filters: Optional[list[Prefilter]] = None
    ):
        """``filters``: the prefilters of the rules ``shared`` lacks, when made already (``pipeline.Cleaner``
        makes one of a site's rules and one of the rules a document guard chose, each once)."""
        self.rules = list(rules)
        walks: dict[Walk, list] = {walk: [] for walk in Walk}
        for rule in rules:  # one pass: a thousand sites each build a stage
            walks[rule.walk].append(rule)
        self.tails = walks[Walk.CUT_TAIL]
        known = set(shared.rules) if shared else set()  # a site's stage reuses the shared stage's prefilter
        self.top_down: WalkRules = WalkRules(walks[Walk.TOP_DOWN], known, shared.top_down if shared else None)
        self.bottom_up: WalkRules = WalkRules(walks[Walk.BOTTOM_UP], known, shared.bottom_up if shared else None)
        self.blocks: list[DropBlock] = walks[Walk.BLOCK]
        self.runs: list[DropRun] = walks[Walk.RUN]
        self.contexts: list[DropContext] = walks[Walk.CONTEXT]
        self.records: list[DropRecords] = walks[Walk.RECORDS]
        own = [Prefilter([r for r in rules if r not in known])] if filters is None else filters
        self.filters: list[Prefilter] = [*shared.filters, *own] if shared else own
        self.timeout: float = min((r.spec.timeout for r in rules), default=0.0)  # no rules: no union to time
        self.shared = shared
        self.remembered: Memo = {}
        self.document: Optional[Budget] = None  # that of the document the memo was last asked for
        self.tag: Optional[LineStage] = None if shared is None else self
        self.inherited = frozenset(known)

    def tag_of(self, rule: LineRule) -> Optional["LineStage"]:
        """The tag of the prefilter's answers that rule ``rule`` in or out: a rule of the shared
        stage has that stage's (None), which rules out the lines only the site's own rules could
        match (a site's hundred learned lines, which the shared rules were asked about)."""
        return None if rule in self.inherited else self.tag

    def memo(self) -> Memo:
        """Which line matched which rule: shared by the runs over documents, and the rounds over one."""
        if self.shared is not None:
            return self.shared.memo()
        # a new dict (a run under way in another thread keeps its own), only as a document starts: its
        # later rounds ask its lines again (a document's regex budget, BUDGET, is made for each document)
        document = BUDGET.get()
        if len(self.remembered) > MEMO_LIMIT and (document is None or document is not self.document):
            self.remembered = {}
        self.document = document
        return self.remembered

    def apply(self, text: str, log: ChangeLog) -> str:
        return drop_lines(text, self, log)

    def prefilter(self, keys: Iterable[str], memo: Memo) -> None:
        """Notes in ``memo`` whether any rule could match each line.

        A literal line is found by its key in a set; the regexes a line could
        match (found for all the lines at once, ``line_prefilter.Lines``: the
        patterns' union, or those whose literal it holds) may take a quarter of
        the document's regex time left on it; if it runs out, that time is not
        charged (the regex module overshoots short limits) and the rules
        themselves try every line from then on, with what is left: the one at
        fault is the one named. A document's regex time is thus at most 1.25
        times its budget. A site's stage takes the shared stage's answers
        (every site reuses them) and asks only its own rules.
        """
        if self.shared is not None:
            keys = [key for key in keys if key and (self, key) not in memo]
            self.shared.prefilter(keys, memo)
            memo.update(((self, key), True) for key in keys if memo[None, key])
        self._prefilter(self.filters if self.shared is None else self.filters[len(self.shared.filters) :], keys, memo)

    def _prefilter(self, filters: list, keys: Iterable[str], memo: Memo) -> None:
        tag = self.tag
        keys = [key for key in keys if key and (tag, key) not in memo]
        if not keys:
            return
        if any(f.gave_up for f in filters):
            memo.update(((tag, key), True) for key in keys)
            return
        lines = Lines(keys)  # one pass of each automaton over all of them
        literal: set[int] = set()
        tries: dict[int, list] = {}
        for f in filters:
            f.screen(lines, literal, tries)
        budget = BUDGET.get()
        gave_up = False
        for position, key in enumerate(keys):
            patterns = tries.get(position)
            if gave_up or not patterns:  # no regex to try: only the rules listing the line could match it
                memo[tag, key] = True if gave_up else LISTED if position in literal else False
                continue
            if position in literal:  # listed, and some regex might match it too
                memo[tag, key] = True
                continue
            seconds = self.timeout if budget is None else budget.left / 4
            if seconds <= 0 and budget is not None:  # by the wall clock; the CPU clock may leave more
                seconds = budget.cpu_left() / 4
            if seconds <= 0:  # (regex takes a timeout below 0 as none)
                gave_up = True
                memo[tag, key] = True
                continue
            started = monotonic()
            try:
                memo[tag, key] = any(pattern.fullmatch(key, timeout=seconds) is not None for pattern in patterns)
            except TimeoutError:  # not charged: the rules get the whole rest, to name the one at fault
                gave_up = True
                memo[tag, key] = True
            else:
                if budget is not None:
                    budget.left -= monotonic() - started


class LineStageAround:
    """The line stage, then ``inside``; if those changed the text, the line stage
    once more: a name or text rule can turn a line into boilerplate ("Сообщите
    об ошибке ." loses its space), to be dropped now, not on the next run. Both
    runs, and those of the pipeline's later rounds over the same document,
    share what they learnt of which line matches which rule (``LineStage.memo``)."""

    def __init__(self, lines: LineStage, inside: Sequence[Stage]):
        self.lines = lines
        self.inside = inside

    def apply(self, text: str, log: ChangeLog) -> str:
        matched = self.lines.memo()
        text = drop_lines(text, self.lines, log, matched)
        dropped = text
        for stage in self.inside:
            text = stage.apply(text, log)
        if text != dropped:
            text = drop_lines(text, self.lines, log, matched)
        return text


def drop_lines(text: str, stage: LineStage, log: ChangeLog, memo: Optional[Memo] = None) -> str:
    """``memo`` remembers which line matched which rule; pass the same dict to
    the runs over one document, and no line is matched against a rule twice."""
    memo = {} if memo is None else memo
    lines = text.split("\n")
    keys = line_keys(lines)
    distinct = set(keys)
    stage.prefilter(distinct, memo)
    dropped_by: dict[int, str] = {}  # line index -> rule id
    # The lines some rule could match (indexes, top-down): the walks ask only those past
    # their windows. Most documents have none: then only the walks judging lines by their
    # shape (drop-run, drop-context) can drop one.
    tag = stage.tag
    could_keys = {key for key in distinct if key and memo[tag, key]}
    could = [index for index, key in enumerate(keys) if key in could_keys] if could_keys else []
    whole_page = [
        (rule, shapes)
        for rule in stage.contexts
        for shapes in [whole_page_shapes(keys, rule, memo.setdefault((rule, SHAPES), KnownShapes()))]
        if shapes
    ]
    marked = {r: {k for k in could_keys if matches(r, k, memo, stage.tag_of(r))} for r in stage.records}

    while True:
        before = len(dropped_by)
        if could:
            for records_rule in [rule for rule in stage.records if marked[rule]]:
                kept = [index for index, _ in kept_lines(keys, dropped_by, range(len(keys)))]
                found = records_after_article([keys[index] for index in kept], marked[records_rule], records_rule)
                dropped_by.update((kept[at], records_rule.id) for at in found)
            for rule in stage.tails:
                cut = tail_marker(keys, dropped_by, rule, memo, stage.tag_of(rule))
                if cut is not None:
                    dropped_by.update((i, rule.id) for i in range(cut, len(keys)) if i not in dropped_by)
            drop_from_edge(keys, range(len(keys)), stage.top_down, dropped_by, memo, tag, could)
            drop_from_edge(keys, range(len(keys) - 1, -1, -1), stage.bottom_up, dropped_by, memo, tag, could)
            for rule in stage.blocks:
                drop_blocks(keys, dropped_by, rule, memo, stage.tag_of(rule), could)
        for rule in stage.runs:
            drop_run(keys, dropped_by, rule)
        for context_rule, shapes in whole_page:  # judged as the document came
            kept = [index for index, _ in kept_lines(keys, dropped_by, range(len(keys)))]
            found = context_drops(keys, kept, dropped_by, context_rule, shapes)
            dropped_by.update((index, context_rule.id) for index in found)
        if len(dropped_by) == before:
            break

    if not dropped_by:
        return text
    for index in sorted(dropped_by):
        log.line(index + 1, dropped_by[index], lines[index], "")
    return "\n".join(line for i, line in enumerate(lines) if i not in dropped_by)
