"""What every rule kind is made of: its declared keys, the rule as written
(``Spec``), its examples and guards (their time limit: ``budget``).

A kind is one class (one module of this package) that declares its keys, its
stage and how it matches and applies; the JSON Schema, the loader's messages,
lint's regex checks and the table of keys in docs/rules.md are made from the
declarations.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, ClassVar, Iterable, Iterator, NamedTuple, Optional, Union

import regex

from ..errors import RuleError
from ..lint_codes import INVALID_REGEX, INVALID_RULE
from ..settings import DEFAULT_TIMEOUT

if TYPE_CHECKING:  # guard.py reads a rule's Spec
    from .guard import Guard

MAX_PATTERN_LENGTH = 10_000

# Rules' regexes compiled, by source and flags: learnt rules repeat the same
# patterns across sites, more distinct ones than the regex module's own cache
# (500) keeps, which then compiled most of them again. Bounded like its cache.
_COMPILED: dict = {}
MAX_COMPILED = 50_000

# Where a part of a rule stands: a key of the rule ("pattern") or a key and an index (("patterns", 2)).
Place = Union[str, tuple]


class RegexUse(enum.Enum):
    """What a key's regexes do: a match that edits text must not be empty; a guard's may."""

    EDITS = "edits"
    GUARDS = "guards"


@dataclass(frozen=True)
class Key:
    """One key a kind takes: its JSON Schema, its one-line meaning, and whether it is needed."""

    name: str
    schema: dict  # the JSON Schema of the value, without its description
    doc: str
    required: bool = False
    default: Any = None  # what leaving the key out means, for the docs
    regex: Optional[RegexUse] = None  # the key holds a regex or a list of them

    def property_schema(self) -> dict:
        return {**self.schema, "description": self.doc}


@dataclass(frozen=True)
class Choice:
    """Keys of which a rule needs one (``exactly_one``) or at least one."""

    keys: tuple
    exactly_one: bool = False

    def schema(self) -> dict:
        return {"oneOf" if self.exactly_one else "anyOf": [{"required": [key]} for key in self.keys]}

    def message(self, kind: str) -> str:
        """
        >>> Choice(("marker", "pattern"), exactly_one=True).message("drop-tail")
        "a drop-tail rule needs exactly one of 'marker' or 'pattern'"
        """
        keys = " or ".join(repr(key) for key in self.keys)
        return f"a {kind} rule needs {'exactly one of ' if self.exactly_one else ''}{keys}"


STRING_LIST = {"type": "array", "items": {"type": "string"}}
COUNT = {"type": "integer", "minimum": 0}  # lines, characters: none or more
SHARE = {"type": "number", "minimum": 0, "maximum": 1}
STRING_LIST_OF_HOSTS = {"type": "array", "items": {"type": "string", "pattern": r"^[^\s/:]+$"}, "minItems": 1}

# Keys every rule has, whatever its kind ("kind" lists the registered kinds: see ``schema``).
COMMON_KEYS = (
    Key(
        "id",
        {"type": "string", "pattern": r"^[a-z0-9][a-z0-9_-]*(\.[a-z0-9_-]+)*$"},
        "Stable id, unique across all loaded files, e.g. 'names.makei'.",
        required=True,
    ),
    Key("kind", {}, "What the rule matches and how it applies.", required=True),
    Key("description", {"type": "string"}, "What the rule removes or fixes, and why."),
    Key(
        "sites",
        STRING_LIST_OF_HOSTS,
        "Host globs of the sites the rule is for ('inforos.ru', '*.bbc.co.uk'): "
        "it never fires on a document of another site, and on a document whose site is unknown only when "
        "its 'when' guard matches.",
        default=[],
    ),
    Key(
        "examples",
        {
            "type": "array",
            "items": {
                "type": "object",
                "properties": {
                    "input": {"type": "string"},
                    "output": {"type": "string"},
                    "site": {"type": "string", "pattern": r"^[^\s/:]+$"},
                },
                "required": ["input"],
                "additionalProperties": False,
            },
        },
        "Tests: an input and its expected output; no output means unchanged; 'site' is the document's site "
        "(default: the rule's first site).",
    ),
)

IGNORE_CASE = Key("ignore-case", {"type": "boolean"}, "Compare letters ignoring their case.", default=False)


def window(default: int) -> Key:
    return Key(
        "within",
        {"type": "integer", "minimum": 1},
        "How many kept non-blank lines may stand between the line and the edge, plus one.",
        default=default,
    )


def listed_lines(spec: "Spec") -> tuple[list, dict]:
    """A line kind's ``lines`` and ``patterns``, the latter by their place in the
    spec (for errors): what ``lines.LineRule`` takes."""
    return spec.data.get("lines", []), {("patterns", i): p for i, p in enumerate(spec.data.get("patterns", []))}


# The guards a kind may take (see ``Guard``).
GUARD_KEYS = (
    Key("when", {"type": "string"}, "Regex the document must match for the rule to run.", regex=RegexUse.GUARDS),
    Key(
        "when-not", {"type": "string"}, "Regex the document must not match for the rule to run.", regex=RegexUse.GUARDS
    ),
    Key(
        "unless",
        STRING_LIST,
        "Regexes; a match of the rule inside a match of one of these is left alone.",
        default=[],
        regex=RegexUse.GUARDS,
    ),
)


@dataclass(frozen=True)
class Example:
    input: str
    output: Optional[str]  # None: the input must come out unchanged
    line: int
    site: Optional[str] = None  # the document's site, when the example gives one

    @property
    def expected(self) -> str:
        return self.input if self.output is None else self.output


class RegexAt(NamedTuple):
    place: Place
    source: str
    use: RegexUse


@dataclass
class Spec:
    """A rule's validated YAML mapping, with where each of its parts stands.

    ``lines`` maps paths in the file to line numbers: ``where`` is the rule's own
    path, and a key is a ``Place`` of the rule. Looked up only when needed: for
    errors and examples.
    """

    data: dict
    path: str
    line: int
    lines: dict
    where: tuple
    timeout: float = DEFAULT_TIMEOUT  # seconds a regex of the rule may run on one document

    def line_of(self, key: Place) -> int:
        key = key if isinstance(key, tuple) else (key,)
        return self.lines.get(self.where + key) or self.lines.get(self.where + key[:1], self.line)

    def column_of(self, key: Place) -> int:
        key = key if isinstance(key, tuple) else (key,)
        return self.lines.get(("column",) + self.where + key) or 1

    def error(self, key: Place, message: str, code: str = INVALID_RULE.code) -> RuleError:
        return RuleError(self.path, self.line_of(key), f"{self.data['id']}: {message}", code, self.column_of(key))

    def compile(self, key: Place, pattern: str, flags: int = 0) -> regex.Pattern:
        """Compile a rule's regex, refusing it with the line it stands on."""
        if len(pattern) > MAX_PATTERN_LENGTH:
            raise self.error(
                key, f"regex has {len(pattern):,} characters, more than {MAX_PATTERN_LENGTH:,}", INVALID_REGEX.code
            )
        compiled = _COMPILED.get((pattern, flags))
        if compiled is not None:
            return compiled
        try:
            compiled = regex.compile(pattern, flags)
        except regex.error as exc:
            raise self.error(key, f"invalid regex {pattern!r}: {exc}", INVALID_REGEX.code) from None
        if len(_COMPILED) >= MAX_COMPILED:
            _COMPILED.clear()
        _COMPILED[pattern, flags] = compiled
        return compiled

    def compile_list(self, key: str) -> list:
        return [self.compile((key, i), p) for i, p in enumerate(self.data.get(key, []))]

    def regexes(self, keys: Iterable[Key]) -> Iterator["RegexAt"]:
        """Each regex the rule holds under ``keys``, with its place and use."""
        for key in keys:
            value = self.data.get(key.name)
            if key.regex is None or value is None:
                continue
            if isinstance(value, str):
                yield RegexAt(key.name, value, key.regex)
            else:
                for i, source in enumerate(value):
                    yield RegexAt((key.name, i), source, key.regex)


def overlaps(span: tuple, spans: list) -> bool:
    start, end = span
    return any(s < end and start < e for s, e in spans)


class RuleFinding(NamedTuple):
    """A lint finding about one rule, at one of its places (see ``lint``)."""

    rule: "Rule"
    place: Place
    code: str
    message: str


class Rule:
    """What every kind has: identity, origin and examples.

    A kind sets ``kind`` (its name in rule files), ``keys`` (those it takes
    besides ``COMMON_KEYS``), ``choice`` (keys of which it needs one, if any) and
    ``stage`` (the class of the pipeline stage that applies its rules).
    """

    kind: ClassVar[str] = ""
    keys: ClassVar[tuple] = ()
    choice: ClassVar[Optional[Choice]] = None
    stage: ClassVar[type]
    needs_site: ClassVar[bool] = False  # does it apply differently on each site? (``for_site``)
    guard: Guard  # each kind makes its own, from the 'when' keys it takes

    def __init__(self, spec: Spec):
        self.spec = spec  # the rule as written, and where each part stands
        self.id: str = spec.data["id"]
        self.description: str = spec.data.get("description", "")
        self.path = spec.path
        self.line = spec.line
        self.sites: tuple[str, ...] = tuple(spec.data.get("sites", ()))
        self.examples = [
            Example(ex["input"], ex.get("output"), spec.line_of(("examples", i)), ex.get("site"))
            for i, ex in enumerate(spec.data.get("examples", []))
        ]

    def setting(self, name: str) -> Any:
        """The rule's value of its kind's key ``name``, or the default the key declares."""
        key = next(key for key in type(self).keys if key.name == name)
        return self.spec.data.get(name, key.default)

    def for_site(self, site: Optional[str]) -> Any:
        """What applies the rule to a document of ``site`` (None: unknown): the
        rule itself, unless its kind ``needs_site``."""
        return self

    @classmethod
    def lint_together(cls, rules: list) -> Iterator[RuleFinding]:
        """Findings that only the loaded rules of this kind taken together show."""
        return iter(())

    def __repr__(self) -> str:
        return f"<{type(self).__name__} {self.id} at {self.path}:{self.line}>"
