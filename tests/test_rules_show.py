"""``cleaner rules show ID`` and ``cleaner rules lint --explain CODE``."""

import pytest

from conftest import ROOT, run_in_process


def run(*args):
    result = run_in_process(*args)
    return result.returncode, result.stdout.decode(), result.stderr.decode()


@pytest.mark.source_tree  # the built-in rules' paths are under rules/ here
def test_show_a_drop_line_rule():
    lines = (ROOT / "rules" / "site-inforos.yaml").read_text(encoding="utf-8").splitlines()
    rule = lines.index("  - id: inforos.rate-it") + 1
    first = next(n for n, line in enumerate(lines, 1) if n > rule and "input:" in line)  # its examples' lines
    assert run("rules", "show", "inforos.rate-it") == (
        0,
        (
            f"inforos.rate-it  (drop-line)  rules/site-inforos.yaml:{rule}\n"
            "\n"
            "The rating widget under the title.\n"
            "\n"
            "lines:\n"
            "  Rate it\n"
            "\n"
            "where:\n"
            "  head\n"
            "\n"
            "sites:\n"
            "  inforos.ru\n"
            "\n"
            "when:\n"
            "  News\\s+agency\\s+Inforos\n"
            "\n"
            "examples:\n"
            '  "Title / News / News agency Inforos\\nRate it\\nBody." → "Title / News / News agency Inforos\\nBody."'
            f"  (line {first})\n"
            f'  "Title\\nRate it\\nBody." → unchanged  (line {first + 2})\n'
            f'  "Title\\nBody one.\\nBody two.\\nBody three.\\nRate it\\nBody four." → unchanged  (line {first + 3})\n'
            f'  "Title\\nRate it on a scale of one to ten, he said." → unchanged  (line {first + 4})\n'
        ),
        "",
    )


@pytest.mark.source_tree  # the built-in rules' paths are under rules/ here
def test_show_a_variants_rule_with_its_guards():
    out = run("rules", "show", "names.makei")[1]
    assert out.startswith("names.makei  (variants)  rules/names.yaml:42\n")
    assert "\nvariants:\n  McKay\n  Makey\n" in out
    assert "\nwhen:\n  \\b(?:Belarus\\w*|Minsk|Lukashenk\\w*|Lavrov)\\b\n" in out
    assert '"Director Adam McKay said his film about Belarus is done." → unchanged  (line 58)' in out


def test_show_an_unknown_rule_is_one_line():
    assert run("rules", "show", "names.mkei") == (
        2,
        "",
        "cleaner: no rule 'names.mkei' (did you mean 'names.makei'?)\n",
    )


def test_lint_explain():
    assert run("rules", "lint", "--explain", "w202") == (
        0,
        (
            "W202: nested unbounded quantifiers or repeated alternatives: catastrophic backtracking\n"
            "Why: a document can make the regex run past its time limit\n"
            "Example: `patterns: ['(a+)+$']`\n"
        ),
        "",
    )
    assert run("rules", "lint", "--explain", "W999")[0] == 2


def test_completion_scripts():
    for shell, marker in (
        ("bash", "complete -o bashdefault -F _shtab_cleaner cleaner"),
        ("zsh", "#compdef cleaner"),
        ("fish", "complete -c cleaner"),
    ):
        code, out, _ = run("completion", shell)
        assert code == 0 and marker in out and "--output-format" in out
