"""The rule kinds: what a rule of each kind matches and how it applies.

The engine knows kinds, never particular rules: every rule comes from a YAML
file (see ``loader``) and becomes one of the classes here.

Stages run in this order, and a rule's kind fixes its stage:
``lines`` (drop-tail, drop-line), ``names`` (variants), ``text`` (replace).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Callable, Optional

import regex

from .changes import ChangeLog
from .settings import DEFAULT_TIMEOUT
from .errors import RuleError, RuleTimeout

MAX_PATTERN_LENGTH = 10_000
WORD_CHAR = regex.compile(r"\w")
BACKREFERENCE = regex.compile(r"\\[1-9]|\(\?P=|\\g<")
WORD = regex.compile(r"\w+")


@dataclass(frozen=True)
class Example:
    input: str
    output: Optional[str]  # None: the input must come out unchanged
    line: int

    @property
    def expected(self) -> str:
        return self.input if self.output is None else self.output


@dataclass
class Spec:
    """A rule's validated YAML mapping, with where each of its parts stands.

    ``lines`` maps paths in the file to line numbers: ``where`` is the rule's own
    path, and a key is a key of the rule (``"pattern"``) or a key and an index
    (``("patterns", 2)``). Looked up only when needed: for errors and examples.
    """

    data: dict
    path: str
    line: int
    lines: dict
    where: tuple
    timeout: float = DEFAULT_TIMEOUT  # seconds a regex of the rule may run on one document

    def line_of(self, key) -> int:
        key = key if isinstance(key, tuple) else (key,)
        return self.lines.get(self.where + key) or self.lines.get(self.where + key[:1], self.line)

    def column_of(self, key) -> int:
        key = key if isinstance(key, tuple) else (key,)
        return self.lines.get(("column",) + self.where + key) or 1

    def error(self, key, message: str, code: str = "E102") -> RuleError:
        return RuleError(self.path, self.line_of(key), f"{self.data['id']}: {message}", code, self.column_of(key))

    def compile(self, key, pattern: str, flags: int = 0) -> regex.Pattern:
        """Compile a rule's regex, refusing it with the line it stands on."""
        if len(pattern) > MAX_PATTERN_LENGTH:
            raise self.error(key, f"regex has {len(pattern):,} characters, more than {MAX_PATTERN_LENGTH:,}", "E103")
        try:
            return regex.compile(pattern, flags)
        except regex.error as exc:
            raise self.error(key, f"invalid regex {pattern!r}: {exc}", "E103") from None

    def compile_list(self, key: str) -> list:
        return [self.compile((key, i), p) for i, p in enumerate(self.data.get(key, []))]


class TimeLimit:
    """Wraps a rule's regex calls: past ``seconds`` on one document (a hostile or
    careless pattern backtracking without end), the document fails with an error
    naming the rule, instead of hanging the run.

    The regex module raises TimeoutError, an OSError: it is turned into a
    RuleTimeout here so that no caller mistakes it for a file error."""

    def __init__(self, spec: Spec):
        self.seconds = spec.timeout
        self.rule = f"rule {spec.data['id']} ({spec.path}:{spec.line})"

    def __enter__(self) -> "TimeLimit":
        return self

    def __exit__(self, kind, error, traceback) -> None:
        if kind is not None and issubclass(kind, TimeoutError):
            raise RuleTimeout(f"{self.rule} took more than {self.seconds:g} s on this document") from None


def overlaps(span: tuple, spans: list) -> bool:
    start, end = span
    return any(s < end and start < e for s, e in spans)


class Rule:
    """What every kind has: identity, origin and examples."""

    kind = ""
    stage = ""

    def __init__(self, spec: Spec):
        self.spec = spec  # the rule as written, and where each part stands
        self.id: str = spec.data["id"]
        self.description: str = spec.data.get("description", "")
        self.path = spec.path
        self.line = spec.line
        self.examples = [
            Example(ex["input"], ex.get("output"), spec.line_of(("examples", i)))
            for i, ex in enumerate(spec.data.get("examples", []))
        ]

    def __repr__(self) -> str:
        return f"<{type(self).__name__} {self.id} at {self.path}:{self.line}>"


class Guard:
    """``when`` / ``when-not`` (the document must / must not match) and
    ``unless`` (contexts never touched)."""

    def __init__(self, spec: Spec):
        when, when_not = spec.data.get("when"), spec.data.get("when-not")
        self.when = spec.compile("when", when) if when else None
        self.when_not = spec.compile("when-not", when_not) if when_not else None
        self.unless = spec.compile_list("unless")
        self.limit = TimeLimit(spec)

    def admits(self, text: str) -> bool:
        seconds = self.limit.seconds
        with self.limit:
            if self.when is not None and self.when.search(text, timeout=seconds) is None:
                return False
            return self.when_not is None or self.when_not.search(text, timeout=seconds) is None

    def protected_spans(self, text: str) -> list:
        with self.limit:
            return [m.span() for p in self.unless for m in p.finditer(text, timeout=self.limit.seconds)]


class LineRule(Rule):
    """A rule that recognises whole lines, literally or by regex (stripped)."""

    stage = "lines"

    def __init__(self, spec: Spec, literals: list, patterns: dict, default_within: int):
        """``patterns`` maps each regex's key in the spec (for errors) to its source."""
        super().__init__(spec)
        self.ignore_case: bool = spec.data.get("ignore-case", False)
        flags = regex.IGNORECASE if self.ignore_case else 0
        self.literal_lines = [line.strip() for line in literals]
        self.pattern_sources = list(patterns.values())
        self.literals = frozenset(self._fold(line) for line in self.literal_lines)
        compiled = [spec.compile(key, source, flags) for key, source in patterns.items()]
        # One regex for all the patterns: one call a line instead of one a pattern
        # (every call pays for the time limit). Inline flags stay scoped to their
        # group; backreferences would be renumbered, so such patterns stay apart.
        if len(compiled) > 1 and not any(BACKREFERENCE.search(source) for source in patterns.values()):
            compiled = [regex.compile("|".join(f"(?:{source})" for source in patterns.values()), flags)]
        self.patterns = compiled
        self.within: int = spec.data.get("within", default_within)
        self.limit = TimeLimit(spec)

    def _fold(self, line: str) -> str:
        return line.casefold() if self.ignore_case else line

    def matches(self, stripped: str, folded: str) -> bool:
        """Does the line match? It comes stripped, and also casefolded (done once per line)."""
        if (folded if self.ignore_case else stripped) in self.literals:
            return True
        with self.limit:
            for pattern in self.patterns:
                if pattern.fullmatch(stripped, timeout=self.limit.seconds):
                    return True
        return False


class DropLine(LineRule):
    """Drop boilerplate lines: ``lines`` (literal) and ``patterns`` (whole-line regexes).

    ``where: head`` or ``tail`` limits the rule to lines that have fewer than
    ``within`` kept non-blank lines between them and that edge of the document.
    """

    kind = "drop-line"

    def __init__(self, spec: Spec):
        patterns = {("patterns", i): p for i, p in enumerate(spec.data.get("patterns", []))}
        super().__init__(spec, spec.data.get("lines", []), patterns, default_within=3)
        self.where: str = spec.data.get("where", "anywhere")


class DropTail(LineRule):
    """Drop a marker line and everything after it, when it stands in the tail.

    The tail is the last ``within`` non-blank lines, so at most ``within``
    lines of text can ever be dropped by such a rule.
    """

    kind = "drop-tail"

    def __init__(self, spec: Spec):
        marker = spec.data.get("marker")
        pattern = spec.data.get("pattern")
        super().__init__(
            spec,
            [marker] if marker is not None else [],
            {"pattern": pattern} if pattern is not None else {},
            default_within=5,
        )


_GROUP_REFERENCE = regex.compile(r"\\(\d+)|\\g<([^>]*)>")


class Replace(Rule):
    """Replace every match of ``pattern`` (``^``/``$`` match at line ends) by ``replacement``."""

    kind = "replace"
    stage = "text"

    def __init__(self, spec: Spec):
        super().__init__(spec)
        self.pattern = spec.compile("pattern", spec.data["pattern"], regex.MULTILINE)
        self.replacement: str = spec.data["replacement"]
        self.guard = Guard(spec)
        for number, name in _GROUP_REFERENCE.findall(self.replacement):
            ref = number or name
            known = ref.isdigit() and int(ref) <= self.pattern.groups or ref in self.pattern.groupindex
            if not known:
                raise spec.error("replacement", f"replacement refers to unknown group {ref!r}")

    def apply(self, text: str, log: ChangeLog) -> str:
        if not self.guard.admits(text):
            return text
        protected = self.guard.protected_spans(text)

        def substitute(match: regex.Match) -> str:
            if protected and overlaps(match.span(), protected):
                return match.group()
            after = match.expand(self.replacement)
            log.at(text, match.start(), self.id, match.group(), after)
            return after

        with self.guard.limit:
            return self.pattern.sub(substitute, text, timeout=self.guard.limit.seconds)


class Variants(Rule):
    """Replace whole-word ``variants`` of a name by its ``canonical`` spelling.

    Applied for all rules at once by ``names.VariantIndex``.
    """

    kind = "variants"
    stage = "names"

    def __init__(self, spec: Spec):
        super().__init__(spec)
        self.canonical: str = spec.data["canonical"]
        self.variants: list = spec.data["variants"]
        self.ignore_case: bool = spec.data.get("ignore-case", False)
        self.guard = Guard(spec)
        # (variant, its first word): the key the variant index files it under
        self.first_words: list = []
        for i, variant in enumerate(self.variants):
            key = variant.casefold() if self.ignore_case else variant
            first = WORD.match(key)
            if not (first and WORD_CHAR.match(variant, len(variant) - 1)):
                raise spec.error(
                    ("variants", i), f"variant {variant!r} must start and end with a letter or digit"
                )
            self.first_words.append((variant, first.group()))
            if variant == self.canonical:
                raise spec.error(("variants", i), f"variant {variant!r} is the canonical form")


KIND_CLASSES: dict[str, Callable[[Spec], Rule]] = {
    "drop-line": DropLine,
    "drop-tail": DropTail,
    "replace": Replace,
    "variants": Variants,
}
