"""One regex time budget per document: many lines that each take a little
under the limit fail the document as surely as one line over it, and the
error names the rule that ran out."""

import time

import pytest

from conftest import run_in_process

SLOW_LINE = "a" * 18 + "b{}"  # (a|a)+$ backtracks about 0.1 s on it: under the limit alone


def run(cwd, *args):
    """Exit status, error and the CPU seconds the run took: CPU, not wall time, so
    that a busy machine (the tests share it) cannot fail the bound. (The budget
    counts CPU time too, as the regex module does.)"""
    started = time.process_time()
    result = run_in_process(*args, cwd=cwd)
    return result.returncode, result.stderr.decode(), time.process_time() - started


@pytest.mark.slow  # spends the 1 s budget
def test_many_slow_lines_share_one_budget(tmp_path):
    (tmp_path / "evil.yaml").write_text("rules:\n  - id: evil.slow\n    kind: drop-line\n    patterns: ['(a|a)+$']\n")
    (tmp_path / "a.txt").write_text("\n".join(SLOW_LINE.format(i) for i in range(120)) + "\n")
    code, err, seconds = run(tmp_path, "clean", "--no-default-rules", "--rules", "evil.yaml", "--timeout", "1", "a.txt")
    assert (code, err) == (2, "cleaner: a.txt: rule evil.slow (evil.yaml:2) took more than 1 s on this document\n")
    assert seconds < 8  # 120 lines at a per-line limit took 14 s or more (the regex module overshoots its limits)


@pytest.mark.slow  # spends the 1 s budget
def test_the_rule_at_fault_is_named_after_the_line_prefilter_gives_up(tmp_path):
    rules = (
        "rules:\n  - id: fine.first\n    kind: drop-line\n    lines: [Advertisement]\n"
        "  - id: evil.slow\n    kind: drop-line\n    patterns: ['(a|a)+$']\n"
    )
    (tmp_path / "evil.yaml").write_text(rules)
    (tmp_path / "a.txt").write_text("a" * 24 + "b\n")  # seconds of backtracking
    code, err, seconds = run(tmp_path, "clean", "--no-default-rules", "--rules", "evil.yaml", "--timeout", "1", "a.txt")
    assert (code, err) == (2, "cleaner: a.txt: rule evil.slow (evil.yaml:5) took more than 1 s on this document\n")
    assert seconds < 8  # the regex module overshoots its limits on a loaded machine


def test_each_document_has_its_own_budget():
    from cleaner import Cleaner, Config
    from cleaner.budget import BUDGET

    cleaner = Cleaner(Config(timeout=3))
    assert cleaner.clean("Minsk sent Vladimir McKay.\n") == "Minsk sent Vladimir Makei.\n"
    assert BUDGET.get() is None  # closed with its document
    assert cleaner.timeout == 3.0


@pytest.mark.parametrize("value", ["inf", "nan", "-1", "0"])
def test_timeout_flag_takes_only_a_positive_finite_number(tmp_path, value):
    result = run_in_process("check", f"--timeout={value}", cwd=tmp_path)
    assert (result.returncode, result.stderr.decode()) == (
        2,
        f"cleaner check: error: argument --timeout: expected a positive number of seconds, got '{value}'"
        " (see 'cleaner check --help')\n",
    )


@pytest.mark.parametrize("value, shown", [("inf", "inf"), ("nan", "nan"), ("-1", "-1"), ("0", "0"), ("-inf", "-inf")])
def test_timeout_in_toml_takes_only_a_positive_finite_number(tmp_path, value, shown):
    (tmp_path / ".cleaner.toml").write_text(f"timeout = {value}\n")
    result = run_in_process("check", cwd=tmp_path)
    assert result.returncode == 2
    assert result.stderr.decode().endswith(f"timeout: expected a positive number of seconds, got {shown}\n")


@pytest.mark.parametrize(
    "pattern, problem",
    [
        ("(a|aa)+$", "alternatives of group '(a|aa)' repeat each other and it is repeated by '+'"),
        (r"(\w|x)*y", r"alternatives of group '(\\w|x)' repeat each other and it is repeated by '*'"),
        (
            "(?:a{1,50}){1,50}$",
            "group '(?:a{1,50})' holds a quantifier of up to 50 and is repeated by '{1,50}': 2,500 ways to split a run",
        ),
    ],
)
def test_lint_sees_ambiguous_alternatives_and_large_nested_bounded_repeats(tmp_path, pattern, problem):
    (tmp_path / "bad.yaml").write_text(f"rules:\n  - id: bad.slow\n    kind: drop-line\n    patterns: ['{pattern}']\n")
    out = run_in_process("rules", "lint", "bad.yaml", cwd=tmp_path).stdout.decode()
    assert f"W202 bad.slow: pattern {pattern!r}: {problem}" in out


@pytest.mark.parametrize("pattern", [r"(?:\w+ ){0,5}said", "(?:ab|cd)+", "(?:a{1,3}-){1,5}", "(?:a|b)++"])
def test_lint_leaves_safe_repeats_alone(pattern):
    from cleaner.lint import backtracking_risk

    assert backtracking_risk(pattern) is None


def test_builtin_rules_stay_lint_clean(tmp_path):
    result = run_in_process("rules", "lint", cwd=tmp_path)
    assert (result.returncode, result.stdout.decode() + result.stderr.decode()) == (0, "All checks passed.\n")


def test_the_budget_counts_cpu_time_as_the_regex_timeout_does(tmp_path):
    """The regex module's timeout counts the process's CPU time, so the budget does
    too: time the process waits (a busy host's other work) spends none of it. On
    wall time, a second's wait inside a rule's call spent the whole budget."""
    from cleaner.budget import document_budget
    from cleaner.loader import load_file

    (tmp_path / "r.yaml").write_text("rules:\n  - id: slow.host\n    kind: drop-line\n    patterns: ['x']\n")
    (rule,) = load_file(tmp_path / "r.yaml", timeout=0.5)
    limit = rule.limit  # what the rule's regex calls run under
    with document_budget(0.5) as budget:
        with limit:
            time.sleep(1.0)  # waiting: no CPU
        with limit:
            assert limit.seconds > 0.4
        assert budget.left > 0.4


def test_the_line_prefilter_asks_the_cpu_clock_before_giving_up(tmp_path):
    """The line prefilter draws on the budget too: when the wall time charged has
    spent it (a busy host), it tries the patterns with what the CPU clock leaves,
    instead of giving up and sending every line to the rules."""
    from cleaner.budget import document_budget
    from cleaner.lines import LineStage
    from cleaner.loader import load_file

    rules = "rules:\n  - id: busy.host\n    kind: drop-line\n    patterns: ['Share \\d+']\n"
    (tmp_path / "r.yaml").write_text(rules)
    stage = LineStage(load_file(tmp_path / "r.yaml", timeout=0.5))
    memo: dict = {}
    with document_budget(0.5) as budget:
        budget.left = -1.0  # what a second's wait in a regex call left of it by the wall clock
        stage.prefilter(["Share 12", "Share this"], memo)
    assert (memo[None, "Share 12"], memo[None, "Share this"]) == (True, False)  # given up: both True
