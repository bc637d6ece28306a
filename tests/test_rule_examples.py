"""The built-in rules: their embedded examples pass, and each has a negative one."""

import functools

import pytest

from cleaner.loader import builtin_rules_dir, load_rules
from cleaner.rule_tests import failing_examples

RULES = load_rules([builtin_rules_dir()])


@functools.lru_cache(maxsize=None)
def failures() -> list:
    """Every failing example, run once: each rule alone and all rules together."""
    return failing_examples(RULES)


@pytest.mark.parametrize("rule", RULES, ids=lambda r: r.id)
def test_examples_pass(rule):
    assert [(f.number, f.problem, f.actual) for f in failures() if f.rule is rule] == []


@pytest.mark.parametrize("rule", RULES, ids=lambda r: r.id)
def test_rule_has_positive_and_negative_examples(rule):
    assert any(e.output is not None and e.output != e.input for e in rule.examples), "no positive example"
    assert any(e.output is None for e in rule.examples), "no negative example"


def test_builtin_rule_files_and_order():
    files = sorted({r.path.rsplit("/", 1)[-1] for r in RULES})
    assert files == [
        "chrome.yaml",
        "names.yaml",
        "page.yaml",
        "punctuation.yaml",
        "site-frontier-post.yaml",
        "site-inforos.yaml",
        "threads.yaml",
        "titles.yaml",
        "typo-prompts.yaml",
    ]
    # load order: files by name, then position in the file
    assert [r.path.rsplit("/", 1)[-1] for r in RULES] == sorted((r.path.rsplit("/", 1)[-1] for r in RULES))
