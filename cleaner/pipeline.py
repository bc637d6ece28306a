"""The pipeline: one document in, its clean text out, stage by stage.

1. Unicode repair (``unicode``)
2. line rules: boilerplate lines dropped (``lines``)
3. name variants (``names``), then replace rules (punctuation repair); if these
   changed anything, the line rules once more
4. opt-in: straight quotes, ASCII transliteration
5. whitespace (``whitespace``)

Within a stage, rules apply in the order they were loaded: built-in files by
name, then the user's files as given, each file top to bottom.
"""

from __future__ import annotations

from typing import Optional

import ftfy.fixes
from unidecode import unidecode

from .changes import NO_LOG, Change, ChangeLog, RuleCounter
from .lines import LineRules, drop_lines
from .loader import builtin_rules_dir, load_rules, select_rules
from .names import VariantIndex
from .errors import CleanerError
from .settings import Config
from .unicode import repair
from .whitespace import tidy


class Cleaner:
    """Rules compiled once, applied to as many texts as you like.

    >>> Cleaner().clean("Minsk sent Vladimir McKay.\\nAdd comment\\n")
    'Minsk sent Vladimir Makei.\\n'
    """

    def __init__(self, config: Optional[Config] = None, rules: Optional[list] = None):
        """Load the rules ``config`` names, or use ``rules`` already loaded."""
        self.config = config or Config()
        if rules is None:
            sources = [builtin_rules_dir()] if self.config.default_rules else []
            rules = load_rules([*sources, *self.config.rules], self.config.timeout)
            rules = select_rules(rules, self.config.select, self.config.ignore)
        self.rules = rules
        self.line_rules = LineRules([r for r in self.rules if r.stage == "lines"])
        self.variants = VariantIndex([r for r in self.rules if r.stage == "names"])
        self.text_rules = [r for r in self.rules if r.stage == "text"]

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
        if len(text) > MAX_LINE:
            _refuse_overlong_lines(text)
        text = repair(text, log)
        final_newline = text.endswith("\n")
        if final_newline:  # put back at the end; it is no blank line to tidy away
            text = text[:-1]
        matched: dict = {}  # which line matched which line rule, for both runs below
        text = drop_lines(text, self.line_rules, log, matched)
        dropped = text
        text = self.variants.apply(text, log)
        for rule in self.text_rules:
            text = rule.apply(text, log)
        if text != dropped:
            # A name or text rule can turn a line into boilerplate ("Сообщите об
            # ошибке ." loses its space): drop it now, not on the next run.
            text = drop_lines(text, self.line_rules, log, matched)
        if self.config.straight_quotes:
            text = _whole_text_option(text, "option.straight-quotes", ftfy.fixes.uncurl_quotes, log)
        if self.config.ascii:
            text = _whole_text_option(text, "option.ascii", unidecode, log)
        text = tidy(text, log)
        return text + "\n" if final_newline and text else text


# A line longer than this is refused: no news text has one, and the regexes and
# ftfy would need several times its size in memory.
MAX_LINE = 16 * 1024 * 1024


def _refuse_overlong_lines(text: str) -> None:
    start = 0
    for number, end in enumerate(_line_ends(text), 1):
        if end - start > MAX_LINE:
            raise CleanerError(
                f"line {number} has {end - start:,} characters, more than the {MAX_LINE:,} a line may have"
            )
        start = end + 1


def _line_ends(text: str):
    start = 0
    while (end := text.find("\n", start)) != -1:
        yield end
        start = end + 1
    yield len(text)


def _whole_text_option(text: str, rule: str, transform, log: ChangeLog) -> str:
    lines = text.split("\n")
    for number, line in enumerate(lines, 1):
        changed = transform(line)
        if changed != line:
            log.line(number, rule, line, changed)
            lines[number - 1] = changed
    return "\n".join(lines)


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
