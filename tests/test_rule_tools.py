"""The rule author's toolkit: rules test, lint, list, schema, and explain."""

import json

import pytest

from cleaner import docs
from cleaner.schema import SCHEMA

from conftest import ROOT, run_in_process


def run(*args, cwd=ROOT, input=None):
    result = run_in_process(*args, cwd=cwd, input=input)
    return result.returncode, result.stdout.decode(), result.stderr.decode()


RULES = """\
rules:
  - id: mine.envoy
    kind: replace
    pattern: envoy
    replacement: ambassador
    examples:
      - input: the envoy
        output: the ambassador
      - input: the envoy said
        output: the envoy said
      - input: an envoy of the envoys office and the envoy of the envoy of the envoy of Minsk, long
        output: an ambassador of the ambassadors office and the ambassador of the ambassador of the envoy of Minsk, long
"""


def test_rules_test_reports_failures_with_path_line_and_diff(tmp_path):
    (tmp_path / "mine.yaml").write_text(RULES)
    code, out, err = run("rules", "test", "mine.yaml", cwd=tmp_path)
    assert code == 1
    assert out == (
        "mine.yaml:9: mine.envoy: example 2: unexpected output\n"
        "  input:    'the envoy said'\n"
        "  expected: 'the envoy said'\n"
        "  actual:   'the ambassador said'\n"
        "mine.yaml:11: mine.envoy: example 3: unexpected output\n"
        "  --- expected\n"
        "  +++ actual\n"
        "  @@ -1 +1 @@\n"
        "  -an ambassador of the ambassadors office and the ambassador of the ambassador of the envoy of Minsk, long\n"
        "  +an ambassador of the ambassadors office and the ambassador of the ambassador of the ambassador of Minsk, long\n"
    )
    assert err == "1 rules, 3 examples: 1 passed, 2 failed.\n"


def test_rules_test_checks_idempotence(tmp_path):
    (tmp_path / "grow.yaml").write_text(
        "rules:\n  - id: grow.a\n    kind: replace\n    pattern: a\n    replacement: aa\n"
        "    examples:\n      - input: a\n        output: aa\n      - input: b\n"
    )
    code, out, _ = run("rules", "test", "grow.yaml", cwd=tmp_path)
    assert (code, out) == (
        1,
        "grow.yaml:7: grow.a: example 1: unexpected output\n"
        "  input:    'a'\n  expected: 'aa'\n  actual:   'aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa'\n",
    )


def test_rules_test_exit_codes():
    from cleaner.loader import builtin_rules_dir, load_rules

    rules = load_rules([builtin_rules_dir()])
    examples = sum(len(r.examples) for r in rules)
    summary = f"{len(rules)} rules, {examples} examples: {examples} passed, 0 failed.\n"
    assert run("rules", "test")[::2] == (0, summary)
    code, out, err = run("rules", "test", "nope.yaml")
    assert (code, out, err) == (2, "", "cleaner: nope.yaml:0: no such rule file or folder\n")


EMPTY = """\
rules:
  - id: bad.empty
    kind: replace
    pattern: 'x*'
    replacement: y
"""

LINTED = """\
rules:
  - id: bad.backtrack
    kind: drop-line
    patterns: ['ok', '(a+)+$', '(b|b)*c']
    examples:
      - input: a
  - id: bad.minsk
    kind: variants
    canonical: Minsk
    variants: [Minks]
    examples:
      - input: Minks
        output: Minsk
      - input: Minsk
  - id: bad.minks
    kind: variants
    canonical: Minks
    variants: [Minsk]
    examples:
      - input: Minsk
        output: Minks
      - input: mink
"""


def test_rules_lint_findings(tmp_path):
    (tmp_path / "bad.yaml").write_text(LINTED)
    (tmp_path / "empty.yaml").write_text(EMPTY)
    (tmp_path / "broken.yaml").write_text("rules:\n  - id: b.c\n    kind: replace\n    pattern: a\n    replacment: b\n")
    code, out, err = run("rules", "lint", "bad.yaml", "broken.yaml", cwd=tmp_path)
    assert code == 1
    assert out.splitlines() == [
        "bad.yaml:4:22: W202 bad.backtrack: pattern '(a+)+$': group '(a+)' holds a quantifier and is repeated by '+'",
        "bad.yaml:4:32: W202 bad.backtrack: pattern '(b|b)*c': alternatives of group '(b|b)' repeat each other and it is repeated by '*'",
        "bad.yaml:5:5: W207 bad.backtrack: no positive example (an input the rule changes)",
        "bad.yaml:10:16: W203 bad.minsk: variant 'Minks' is the canonical form of bad.minks",
        "bad.yaml:12:9: W204 bad.minsk: example 1 is not clean after one run: bad.minks, bad.minsk change it again; "
        "reorder the rules so that no rule runs before one whose output it changes",
        "bad.yaml:14:9: W204 bad.minsk: example 2 is not clean after one run: bad.minks, bad.minsk change it again; "
        "reorder the rules so that no rule runs before one whose output it changes",
        "bad.yaml:18:16: W203 bad.minks: variant 'Minsk' is the canonical form of bad.minsk",
        "bad.yaml:20:9: W204 bad.minks: example 1 is not clean after one run: bad.minks, bad.minsk change it again; "
        "reorder the rules so that no rule runs before one whose output it changes",
        "broken.yaml:5:5: E101 b.c: unknown key 'replacment' (did you mean 'replacement'?)",
    ]
    assert err == "Found 9 problems.\n"
    assert run("rules", "lint", "empty.yaml", cwd=tmp_path)[1].splitlines() == [
        "empty.yaml:2:5: W205 bad.empty: no examples",
        "empty.yaml:4:5: W201 bad.empty: pattern 'x*' matches the empty string",
    ]


def test_builtin_rules_lint_clean():
    assert run("rules", "lint") == (0, "", "All checks passed.\n")


@pytest.mark.source_tree  # the built-in rules' paths are under rules/ here
def test_rules_list_json():
    code, out, _ = run("rules", "list", "--format", "json")
    listing = json.loads(out)
    from cleaner.loader import builtin_rules_dir, load_rules

    assert code == 0 and len(listing) == len(load_rules([builtin_rules_dir()]))
    chrome = (ROOT / "rules" / "chrome.yaml").read_text(encoding="utf-8").splitlines()
    assert listing[0] == {
        "id": "chrome.share-prompt",
        "kind": "drop-line",
        "file": "rules/chrome.yaml",
        "line": chrome.index("  - id: chrome.share-prompt") + 1,
        "description": "Invitations to share the story, left above the page footer.",
        "examples": 2,
    }
    assert [r["id"] for r in json.loads(run("rules", "list", "--format", "json", "--select", "punctuation")[1])] == [
        "punctuation.omission-mark",
        "punctuation.glued-closing-quote",
        "punctuation.reversed-closing-quote",
        "punctuation.dash-attribution",
        "punctuation.space-before-comma-or-stop",
    ]


@pytest.mark.source_tree  # the built-in rules' paths are under rules/ here
def test_rules_list_text_line():
    out = run("rules", "list", "--select", "inforos.rate-it")[1]
    line = (ROOT / "rules" / "site-inforos.yaml").read_text(encoding="utf-8").splitlines().index(
        "  - id: inforos.rate-it"
    ) + 1
    assert out == f"inforos.rate-it  drop-line  rules/site-inforos.yaml:{line}  The rating widget under the title.\n"


def test_schema_is_the_one_the_loader_uses_and_the_committed_copy():
    code, out, _ = run("rules", "schema")
    assert code == 0 and json.loads(out) == SCHEMA
    assert (ROOT / "docs" / "rules.schema.json").read_text() == out


def test_generated_docs_are_up_to_date():
    """The kinds and lint-code tables and the schema are made from the code."""
    regenerate = "made from the code: run `python -m cleaner.docs` and commit the result"
    rules_md = (ROOT / "docs" / "rules.md").read_text(encoding="utf-8")
    assert rules_md == docs.rules_md(rules_md), f"docs/rules.md is out of date: {regenerate}"
    schema = (ROOT / "docs" / "rules.schema.json").read_text(encoding="utf-8")
    assert schema == docs.schema_json(), f"docs/rules.schema.json is out of date: {regenerate}"


def test_explain_json_and_text():
    text = "Title / News / News agency Inforos\nRate it\nLukashenkoâ€™s aide met McKay in Minks.\n"
    code, out, _ = run("explain", "-", "--format", "json", input=text.encode())
    assert code == 0
    # ordered by position, at lines and columns of the original (mojibake) text
    assert [{k: v for k, v in c.items() if k != "path"} for c in json.loads(out)] == [
        {
            "rule": "inforos.title-suffix",
            "line": 1,
            "column": 6,
            "before": " / News / News agency Inforos",
            "after": "",
            "note": "",
        },
        {"rule": "inforos.rate-it", "line": 2, "column": 1, "before": "Rate it", "after": "", "note": ""},
        {
            "rule": "unicode.ftfy",
            "line": 3,
            "column": 1,
            "before": "Lukashenkoâ€™s aide met McKay in Minks.",
            "after": "Lukashenko’s aide met McKay in Minks.",
            "note": "encode sloppy-windows-1252; decode utf-8",
        },
        {"rule": "names.makei", "line": 3, "column": 25, "before": "McKay", "after": "Makei", "note": ""},
        {"rule": "names.minsk", "line": 3, "column": 34, "before": "Minks", "after": "Minsk", "note": ""},
    ]
    code, out, err = run("explain", "-", "--select", "names", input=text.encode())
    assert out == (
        "-:3:1: unicode.ftfy  [-Lukashenkoâ€™s aide met McKay in Minks.-]{+Lukashenko’s aide met McKay in Minks.+}"
        "  (encode sloppy-windows-1252; decode utf-8)\n"
        "-:3:25: names.makei  [-McKay-]{+Makei+}\n"
        "-:3:34: names.minsk  [-Minks-]{+Minsk+}\n"
    )
    assert err == "3 changes.\n"
