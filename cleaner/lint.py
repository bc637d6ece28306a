"""``cleaner rules lint``: what makes a rule file wrong, fragile or untested.

Every finding is ``path:line:col: CODE message``, like ruff. Errors (E) are
what the loader refuses; warnings (W) load, but deserve a look.
"""

from __future__ import annotations

from typing import Iterable, Iterator, NamedTuple, Optional

import regex

from .errors import RuleError
from .kinds import KIND_CLASSES, Rule
from .kinds.base import Place, RegexUse
from .lint_codes import (
    BACKTRACKING,
    DUPLICATE_ID,
    MATCHES_EMPTY,
    NO_EXAMPLES,
    NO_NEGATIVE_EXAMPLE,
    NO_POSITIVE_EXAMPLE,
    RULES_FEED_EACH_OTHER,
)
from .loader import load_file, rule_files


class Finding(NamedTuple):
    path: str
    line: int
    column: int
    code: str
    message: str

    def __str__(self) -> str:
        return f"{self.path}:{self.line}:{self.column}: {self.code} {self.message}"


def lint(paths: Iterable) -> list[Finding]:
    """Every finding in the rule files of ``paths``, in file and line order."""
    findings: list[Finding] = []
    rules: list[Rule] = []
    first: dict[str, Rule] = {}
    try:
        files = rule_files(paths)
    except RuleError as exc:
        return [Finding(exc.path, exc.line, exc.column, exc.code, exc.message)]
    for path in files:
        try:
            loaded = load_file(path)
        except RuleError as exc:
            findings.append(Finding(exc.path, exc.line, exc.column, exc.code, exc.message))
            continue
        for rule in loaded:
            if rule.id in first:
                other = first[rule.id]
                findings.append(
                    _at(
                        rule,
                        "id",
                        DUPLICATE_ID.code,
                        f"duplicate rule id {rule.id!r} (first at {other.path}:{other.line})",
                    )
                )
            else:
                first[rule.id] = rule
                rules.append(rule)
    for rule in rules:
        findings.extend(_regex_findings(rule))
        findings.extend(_example_findings(rule))
    for kind, cls in KIND_CLASSES.items():
        together = cls.lint_together([rule for rule in rules if rule.kind == kind])
        findings.extend(_at(f.rule, f.place, f.code, f.message) for f in together)
    findings.extend(_order_findings(rules))
    return sorted(set(findings))


def _at(rule: Rule, key: Place, code: str, message: str) -> Finding:
    return Finding(rule.path, rule.spec.line_of(key), rule.spec.column_of(key), code, f"{rule.id}: {message}")


def _regex_findings(rule: Rule) -> Iterator[Finding]:
    for place, source, use in rule.spec.regexes(rule.keys):
        if use is RegexUse.EDITS and regex.compile(source).fullmatch(""):
            yield _at(rule, place, MATCHES_EMPTY.code, f"pattern {source!r} matches the empty string")
        problem = backtracking_risk(source)
        if problem:
            yield _at(rule, place, BACKTRACKING.code, f"pattern {source!r}: {problem}")


# Nested bounded repeats whose counts multiply to this many ways of splitting a run are a risk.
MANY_SPLITS = 1000


def backtracking_risk(source: str) -> Optional[str]:
    """Why ``source`` risks catastrophic backtracking, or None.

    A group holding an unbounded quantifier, itself repeated without bound; a
    group holding a bounded one, repeated boundedly, the two counts multiplying
    to ``MANY_SPLITS`` or more; or a repeated group whose alternatives can match
    the same text (equal, or one made of the others).

    >>> backtracking_risk(r"(a+)+$")
    "group '(a+)' holds a quantifier and is repeated by '+'"
    >>> backtracking_risk(r"(a|a)*")
    "alternatives of group '(a|a)' repeat each other and it is repeated by '*'"
    >>> backtracking_risk(r"(a|aa)+$")
    "alternatives of group '(a|aa)' repeat each other and it is repeated by '+'"
    >>> backtracking_risk(r"(?:a{1,50}){1,50}$")
    "group '(?:a{1,50})' holds a quantifier of up to 50 and is repeated by '{1,50}': 2,500 ways to split a run"
    >>> backtracking_risk(r"(?:\\w+ ){0,5}said") is None  # bounded: fine
    True
    >>> backtracking_risk(r"(?:ab|cd)+") is None
    True
    """
    stack: list[list] = []  # per open group: [start, holds an unbounded quantifier, largest bounded count inside]
    i, n = 0, len(source)
    while i < n:
        char = source[i]
        if char == "\\":
            i += 2
            continue
        if char == "[":  # skip a character class
            i += 2 if source[i + 1 : i + 2] == "^" else 1
            i += 1 if source[i : i + 1] == "]" else 0
            while i < n and source[i] != "]":
                i += 2 if source[i] == "\\" else 1
        elif char == "(":
            stack.append([i, False, 1])
        elif char == ")" and stack:
            start, holds, inner = stack.pop()
            group = source[start : i + 1]
            repeat = _unbounded_quantifier(source, i + 1)
            bounded = _bounded_quantifier(source, i + 1)
            if (repeat or bounded) and not group.startswith("(?>"):
                if holds and repeat:
                    return f"group {group!r} holds a quantifier and is repeated by {repeat!r}"
                if bounded and inner * bounded[1] >= MANY_SPLITS:
                    return (
                        f"group {group!r} holds a quantifier of up to {inner} and is repeated by {bounded[0]!r}:"
                        f" {inner * bounded[1]:,} ways to split a run"
                    )
                body = regex.sub(r"^\((?:\?(?:[:=!]|<[=!]|P?<\w+>))?", "", group)[:-1]
                if repeat and _alternatives_overlap(_top_level_alternatives(body)):
                    return f"alternatives of group {group!r} repeat each other and it is repeated by {repeat!r}"
            if stack:
                stack[-1][1] = stack[-1][1] or holds or bool(repeat)
                stack[-1][2] = max(stack[-1][2], inner * (bounded[1] if bounded else 1))
        elif char in "+*" or (char == "{" and regex.match(r"\{\d*,\}", source[i:])):
            if stack:
                stack[-1][1] = True
        elif char == "{" and stack:
            bounded = _bounded_quantifier(source, i)
            if bounded:
                stack[-1][2] = max(stack[-1][2], bounded[1])
        i += 1
    return None


def _unbounded_quantifier(source: str, i: int) -> Optional[str]:
    if source[i : i + 1] in ("+", "*") and source[i + 1 : i + 2] != "+":  # a possessive one is safe
        return source[i]
    match = regex.match(r"\{\d*,\}(?!\+)", source[i:])
    return match.group() if match else None


def _bounded_quantifier(source: str, i: int) -> Optional[tuple]:
    """A ``{m,n}`` at ``i`` that lets the count vary (n > m), and n; a possessive one is safe."""
    match = regex.match(r"\{(\d*),(\d+)\}(?!\+)", source[i:])
    if match and int(match[2]) > int(match[1] or 0):
        return match.group(), int(match[2])
    return None


LITERAL = regex.compile(r"[^\\\[\](){}.*+?^$|]+")


def _alternatives_overlap(alternatives: list) -> bool:
    """Can two ways through the alternatives match the same text? Equal ones can,
    and a literal one that the others match, alone or one after another.

    >>> _alternatives_overlap(["a", "aa"]), _alternatives_overlap([r"\\w", "x"]), _alternatives_overlap(["ab", "cd"])
    (True, True, False)
    """
    if len(alternatives) != len(set(alternatives)):
        return True
    for i, alternative in enumerate(alternatives):
        others = alternatives[:i] + alternatives[i + 1 :]
        if not others or not LITERAL.fullmatch(alternative):
            continue
        try:
            if regex.fullmatch(f"(?:{'|'.join(others)})(?:{'|'.join(alternatives)})*", alternative, timeout=1):
                return True
        except (regex.error, TimeoutError):
            continue
    return False


def _top_level_alternatives(body: str) -> list:
    parts, depth, start, i = [], 0, 0, 0
    while i < len(body):
        char = body[i]
        if char == "\\":
            i += 2
            continue
        depth += char == "("
        depth -= char == ")"
        if char == "|" and depth == 0:
            parts.append(body[start:i])
            start = i + 1
        i += 1
    return parts + [body[start:]]


def _example_findings(rule: Rule) -> Iterator[Finding]:
    if not rule.examples:
        yield _at(rule, "id", NO_EXAMPLES.code, "no examples")
        return
    if not any(e.output is None for e in rule.examples):
        yield _at(rule, "examples", NO_NEGATIVE_EXAMPLE.code, "no negative example (an input that must stay unchanged)")
    if not any(e.output is not None and e.output != e.input for e in rule.examples):
        yield _at(rule, "examples", NO_POSITIVE_EXAMPLE.code, "no positive example (an input the rule changes)")


def _order_findings(rules: list) -> Iterator[Finding]:
    """Examples that all the rules together do not clean in one run: cleaning
    the result again changes it, so some rules feed each other."""
    from .pipeline import Cleaner, Config
    from .sites import site_of_example

    everything = Cleaner(Config(), rules)
    ids = {r.id for r in rules}
    for rule in rules:
        for number, example in enumerate(rule.examples, 1):
            site = site_of_example(example, rule.sites)
            once = everything.clean(example.input, site)
            again = sorted({c.rule for c in everything.explain(once, site) if c.rule in ids})
            if again:
                yield _at(
                    rule,
                    ("examples", number - 1),
                    RULES_FEED_EACH_OTHER.code,
                    f"example {number} is not clean after one run: {', '.join(again)} change it again; "
                    "reorder the rules so that no rule runs before one whose output it changes",
                )
