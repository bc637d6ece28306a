"""A hostile or careless regex cannot hang a run: each rule regex has a time
limit per document, and the document that trips it fails with the rule named."""

import json
import time

import pytest

from conftest import run_in_process

HOSTILE = "rules:\n  - id: evil.backtrack\n    kind: {kind}\n    {key}: '(a|a)+$'\n{extra}"
LONG_LINE = "a" * 60 + "b\n"


def run(cwd, *args):
    """Exit status, output, error and the CPU seconds the run took: CPU, not wall
    time, so that a busy machine (the tests share it) cannot fail the bound."""
    started = time.process_time()
    result = run_in_process(*args, cwd=cwd)
    return result.returncode, result.stdout.decode(), result.stderr.decode(), time.process_time() - started


def hostile(tmp_path, kind="drop-line"):
    key, extra = ("patterns", "") if kind == "drop-line" else ("pattern", "    replacement: x\n")
    if kind == "drop-line":
        text = HOSTILE.format(kind=kind, key=key, extra=extra).replace("'(a|a)+$'", "['(a|a)+$']")
    else:
        text = HOSTILE.format(kind=kind, key=key, extra=extra)
    (tmp_path / "evil.yaml").write_text(text)
    return tmp_path / "evil.yaml"


@pytest.mark.slow  # waits for the 0.5 s time limit
def test_clean_stops_the_document_and_names_the_rule(tmp_path):
    rules = hostile(tmp_path, "replace")
    (tmp_path / "a.txt").write_text(LONG_LINE)
    code, out, err, seconds = run(tmp_path, "clean", "--rules", rules, "--timeout", "0.5", "a.txt")
    assert (code, out) == (2, "")
    assert err == (f"cleaner: a.txt: rule evil.backtrack ({rules}:2) took more than 0.5 s on this document\n")
    assert seconds < 10


@pytest.mark.slow  # waits for the 0.5 s time limit
def test_fix_leaves_the_file_untouched_and_fixes_the_others(tmp_path):
    rules = hostile(tmp_path, "drop-line")
    (tmp_path / "a.txt").write_text(LONG_LINE)
    (tmp_path / "b.txt").write_text("Belarussian envoy\n")
    code, out, err, seconds = run(tmp_path, "fix", "--rules", rules, "--timeout", "0.5")
    assert (code, out) == (2, "Fixed b.txt\n")
    assert (
        err.splitlines()[0] == f"cleaner: a.txt: rule evil.backtrack ({rules}:2) took more than 0.5 s on this document"
    )
    assert (tmp_path / "a.txt").read_text() == LONG_LINE
    assert (tmp_path / "b.txt").read_text() == "Belarusian envoy\n"
    assert seconds < 10


@pytest.mark.slow  # waits for the 0.5 s time limit
def test_dump_rejects_the_record_and_goes_on(tmp_path):
    rules = hostile(tmp_path, "replace")
    source = tmp_path / "in.jsonl"
    source.write_text(json.dumps({"text": LONG_LINE}) + "\n" + json.dumps({"text": "Minks, Belarus"}) + "\n")
    code, _, err, seconds = run(tmp_path, "dump", source, "-o", tmp_path / "out", "--rules", rules, "--timeout", "0.5")
    assert code == 0, err
    assert (tmp_path / "out" / "in.jsonl").read_text() == '{"text": "Minsk, Belarus"}\n'
    reject = json.loads((tmp_path / "out" / "rejects.jsonl").read_text())
    assert reject["line"] == 1
    assert reject["reason"] == f"rule evil.backtrack ({rules}:2) took more than 0.5 s on this document"
    assert seconds < 15


def test_lint_warns_before_it_runs(tmp_path):
    rules = hostile(tmp_path, "replace")
    code, out, _, _ = run(tmp_path, "rules", "lint", rules)
    assert code == 1
    assert "W202 evil.backtrack: pattern '(a|a)+$': alternatives of group '(a|a)' repeat each other" in out
