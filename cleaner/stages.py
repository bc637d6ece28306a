"""What a pipeline stage is, and the stages that are not about one kind of rule.

A stage takes the text and the change log, and returns the new text
(``Cleaner`` in ``pipeline`` lists them in order):

>>> from cleaner.changes import ChangeLog
>>> log = ChangeLog()
>>> WithoutFinalNewline([WholeTextOption("option.upper", str.upper)]).apply("a\\nb\\n", log)
'A\\nB\\n'
>>> [(c.rule, c.line, c.before, c.after) for c in log.changes]
[('option.upper', 1, 'a', 'A'), ('option.upper', 2, 'b', 'B')]
"""

from __future__ import annotations

from typing import Callable, Iterator, Optional, Protocol, Sequence

from .changes import ChangeLog
from .errors import CleanerError
from .literals import Sieve


class Stage(Protocol):
    def apply(self, text: str, log: ChangeLog) -> str: ...


class InTurn:
    """Rules that each apply to the whole text, in the order they were loaded.

    A rule may say what a text needs for it to change anything (``needs``, a
    ``literals.Required``): with many rules, one ``Sieve`` pass over the text
    picks those to run, so that a thousand rules cost little more than a few;
    after a rule changed the text, the rules after it are picked again.
    """

    def __init__(self, rules: Sequence[Stage], shared: Optional[InTurn] = None):
        self.rules = rules
        needs = [getattr(rule, "needs", None) for rule in rules]
        # A site's stages hold the shared rules, some bound to the site
        # (``Rule.for_site``), with the needs they had: the shared sieve serves.
        # Building it again for each of a thousand sites cost more than cleaning.
        same = shared is not None and needs == [getattr(rule, "needs", None) for rule in shared.rules]
        self.sieve: Sieve = shared.sieve if shared is not None and same else Sieve(needs)

    def apply(self, text: str, log: ChangeLog) -> str:
        if not self.sieve.useful:
            for rule in self.rules:
                text = rule.apply(text, log)
            return text
        possible = sorted(self.sieve.possible(text))
        position = 0
        while position < len(possible):
            index = possible[position]
            position += 1
            changed = self.rules[index].apply(text, log)
            if changed != text:
                text = changed
                possible = [later for later in sorted(self.sieve.possible(text)) if later > index]
                position = 0
        return text


class WholeTextOption:
    """An opt-in transformation of every line, logged as the rule ``name``."""

    def __init__(self, name: str, transform: Callable[[str], str]):
        self.name = name
        self.transform = transform

    def apply(self, text: str, log: ChangeLog) -> str:
        lines = text.split("\n")
        for number, line in enumerate(lines, 1):
            changed = self.transform(line)
            if changed != line:
                log.line(number, self.name, line, changed)
                lines[number - 1] = changed
        return "\n".join(lines)


class WithoutFinalNewline:
    """``inside`` see the text without its final newline, put back at the end
    (if any text is left): it is no blank line for them to tidy away."""

    def __init__(self, inside: Sequence[Stage]):
        self.inside = inside

    def apply(self, text: str, log: ChangeLog) -> str:
        final_newline = text.endswith("\n")
        if final_newline:
            text = text[:-1]
        for stage in self.inside:
            text = stage.apply(text, log)
        return text + "\n" if final_newline and text else text


# A line longer than this is refused: no news text has one, and the regexes and
# ftfy would need several times its size in memory.
MAX_LINE = 16 * 1024 * 1024


class RefuseOverlongLines:
    """Refuses a text with a line longer than ``MAX_LINE``, naming the line."""

    def apply(self, text: str, log: ChangeLog) -> str:
        if len(text) > MAX_LINE:
            start = 0
            for number, end in enumerate(_line_ends(text), 1):
                if end - start > MAX_LINE:
                    raise CleanerError(
                        f"line {number} has {end - start:,} characters, more than the {MAX_LINE:,} a line may have"
                    )
                start = end + 1
        return text


def _line_ends(text: str) -> Iterator[int]:
    start = 0
    while (end := text.find("\n", start)) != -1:
        yield end
        start = end + 1
    yield len(text)
