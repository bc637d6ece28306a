"""``cleaner rules test``: run the examples embedded in rules as tests.

An example's expected output is what the pipeline makes of its input with only
that rule loaded (Unicode repair, the rule, whitespace tidying), so examples
need not spell out the blank lines a dropped line leaves. Each example must also
be stable: cleaning the output again, with the rule alone and with all the
loaded rules, changes nothing. The examples of a rule with ``sites`` are
documents of its first site (``sites.example_site``).
"""

from __future__ import annotations

import difflib
from typing import NamedTuple

from .kinds import Example, Rule
from .pipeline import Cleaner, Config
from .sites import site_of_example


class ExampleFailure(NamedTuple):
    rule: Rule
    number: int  # 1-based position of the example in the rule
    example: Example
    actual: str
    problem: str


def failing_examples(rules: list[Rule]) -> list[ExampleFailure]:
    """Every failing example of ``rules``, checked against ``rules`` as a whole too."""
    everything = Cleaner(Config(), rules)
    failures: list[ExampleFailure] = []
    for rule in rules:
        alone = Cleaner(Config(), [rule])
        for number, example in enumerate(rule.examples, 1):
            site = site_of_example(example, rule.sites)
            actual = alone.clean(example.input, site)
            if actual != example.expected:
                failures.append(ExampleFailure(rule, number, example, actual, "unexpected output"))
                continue
            again = alone.clean(actual, site)
            if again != actual:
                failures.append(ExampleFailure(rule, number, example, again, "not idempotent (rule alone)"))
                continue
            once = everything.clean(example.input, site)
            twice = everything.clean(once, site)
            if twice != once:
                failures.append(ExampleFailure(rule, number, example, twice, "not idempotent (all rules)"))
    return failures


def failure_report(failure: ExampleFailure) -> str:
    """``path:line: rule-id: example N`` and what went wrong; a compact diff for long texts."""
    example = failure.example
    head = f"{failure.rule.path}:{example.line}: {failure.rule.id}: example {failure.number}: {failure.problem}"
    expected = example.expected
    if max(len(example.input), len(expected), len(failure.actual)) <= 72 and "\n" not in expected + failure.actual:
        return "\n".join(
            [head, f"  input:    {example.input!r}", f"  expected: {expected!r}", f"  actual:   {failure.actual!r}"]
        )
    diff = difflib.unified_diff(
        expected.splitlines(), failure.actual.splitlines(), "expected", "actual", lineterm="", n=1
    )
    return "\n".join([head, *("  " + line for line in diff)])
