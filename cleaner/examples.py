"""Run the examples embedded in rules.

An example's expected output is what the pipeline makes of its input with only
that rule loaded (Unicode repair, the rule, whitespace tidying), so examples
need not spell out the blank lines a dropped line leaves. Each example must also
be stable: cleaning the output again, with the rule alone and with all the
loaded rules, changes nothing.
"""

from __future__ import annotations

from typing import NamedTuple

from .pipeline import Cleaner, Config
from .rules import Example, Rule


class Failure(NamedTuple):
    rule: Rule
    number: int  # 1-based position of the example in the rule
    example: Example
    actual: str
    problem: str


def check_examples(rules: list) -> list:
    """Every failing example of ``rules``, checked against ``rules`` as a whole too."""
    everything = Cleaner(Config(), rules)
    failures = []
    for rule in rules:
        alone = Cleaner(Config(), [rule])
        for number, example in enumerate(rule.examples, 1):
            actual = alone.clean(example.input)
            if actual != example.expected:
                failures.append(Failure(rule, number, example, actual, "unexpected output"))
                continue
            again = alone.clean(actual)
            if again != actual:
                failures.append(Failure(rule, number, example, again, "not idempotent (rule alone)"))
                continue
            once = everything.clean(example.input)
            twice = everything.clean(once)
            if twice != once:
                failures.append(Failure(rule, number, example, twice, "not idempotent (all rules)"))
    return failures
