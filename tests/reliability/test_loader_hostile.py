"""A hostile rule file is refused with one line naming it, before anything is
built: no alias bomb, no stack overflow, no traceback; a rule folder that is
the whole file system is refused too."""

import subprocess
import sys
import time

import pytest

from cleaner.loader import MAX_RULE_FOLDER_ENTRIES, load_rules
from cleaner.errors import RuleError
from conftest import run_in_process

LAUGHS = (
    "a: &a [lol,lol,lol,lol,lol,lol,lol,lol,lol]\n"
    + "".join(f"{n}: &{n} [{','.join(['*' + p] * 9)}]\n" for p, n in zip("abcdefgh", "bcdefghi"))
    + "rules: *i\n"
)

LIBYAML_DEEP = ":1: YAML error: exceeded maximum nesting depth"

HOSTILE = {
    "bomb.yaml": (LAUGHS, "bomb.yaml:6: YAML aliases expand to more than 100,000 values"),
    # the newer libyaml refuses 1,000 levels itself, before the first event; ours refuses 54
    "deep.yaml": ("rules: " + "[" * 30_000, ("deep.yaml:1: nested more than 50 levels deep", LIBYAML_DEEP)),
    "deep.json": (
        '{"rules": ' + "[" * 5_000 + "]" * 5_000 + "}",
        ("deep.json:1: nested more than 50 levels deep", LIBYAML_DEEP),
    ),
    "deeper.yaml": ("rules: " + "[" * 500 + "]" * 500, "deeper.yaml:1: nested more than 50 levels deep"),
    "long.json": (
        '{"rules": [{"id": "a.b", "kind": "replace", "pattern": "x", "replacement": "y", "n": ' + "9" * 4301 + "}]}",
        "long.json:1: value cannot be read: Exceeds the limit (4300 digits) for integer string conversion",
    ),
    "key.yaml": ("rules:\n- ? [a]\n  : b\n", "key.yaml:2: a key must be text, not a list or a mapping"),
}


def test_the_alias_bomb_is_small():
    assert len(LAUGHS) < 400


@pytest.mark.parametrize("command", [("clean", "--rules"), ("rules", "lint"), ("rules", "test", "--rules")])
@pytest.mark.parametrize("name", HOSTILE)
def test_hostile_rule_files_are_one_line(tmp_path, name, command):
    text, messages = HOSTILE[name]
    messages = (messages,) if isinstance(messages, str) else (messages[0], name + messages[1])
    (tmp_path / name).write_text(text)
    started = time.monotonic()
    result = run_in_process(*command, name, input=b"McKay\n", cwd=tmp_path)
    assert time.monotonic() - started < 5
    if command[1] == "lint":  # NAME:LINE:COLUMN: CODE problem, and the count
        lines = result.stdout.decode().splitlines()
        assert (result.returncode, len(lines), result.stderr) == (1, 1, b"Found 1 problem.\n")
        shown = [message.split(": ", 1) for message in messages]
        assert any(lines[0].startswith(where + ":") and problem in lines[0] for where, problem in shown), lines
    else:
        lines = result.stderr.decode().splitlines()
        assert (result.returncode, len(lines)) == (2, 1)
        assert any(lines[0].startswith(f"cleaner: {message}") for message in messages), lines


@pytest.mark.slow  # a real process, PyYAML's pure-Python parser on 30,000 brackets
def test_deep_nesting_is_refused_by_the_pure_python_yaml_loader_too(tmp_path):
    """Without libyaml (PyYAML built without it), nothing refuses 30,000 levels
    before the composer recurses into them: the check of the parser's events does."""
    (tmp_path / "deep.yaml").write_text("rules: " + "[" * 30_000)
    code = "import sys, yaml; del yaml.CSafeLoader; from cleaner.cli import main; sys.exit(main(sys.argv[1:]))"
    result = subprocess.run(
        [sys.executable, "-c", code, "clean", "--rules", "deep.yaml"],
        input=b"McKay\n",
        cwd=tmp_path,
        capture_output=True,
    )
    assert (result.returncode, result.stderr.decode()) == (2, "cleaner: deep.yaml:1: nested more than 50 levels deep\n")


@pytest.mark.parametrize("replacement", [r"\q", r"\x", r"\g<1", r"\N{FOO}"])
def test_bad_replacements_are_refused_at_load(tmp_path, replacement):
    (tmp_path / "r.yaml").write_text(
        f"rules:\n  - id: test.bad\n    kind: replace\n    pattern: '(Mc)Kay'\n    replacement: '{replacement}'\n"
    )
    result = run_in_process("clean", "--rules", "r.yaml", input=b"no match here\n", cwd=tmp_path)
    assert result.returncode == 2
    assert result.stderr.decode().startswith("cleaner: r.yaml:5: test.bad: invalid replacement: ")
    assert len(result.stderr.decode().splitlines()) == 1


def test_a_good_replacement_still_loads(tmp_path):
    (tmp_path / "r.yaml").write_text(
        "rules:\n  - id: test.good\n    kind: replace\n    pattern: '(Mc)Kay'\n    replacement: '\\g<1>\\N{EM DASH}\\n'\n"
    )
    assert run_in_process("clean", "--rules", "r.yaml", input=b"McKay\n", cwd=tmp_path).stdout == "Mc\u2014\n".encode()


@pytest.mark.parametrize("special", ["/dev/zero", "/dev/null"])
def test_only_regular_rule_files_are_read(special):
    with pytest.raises(RuleError, match=f"^{special}:0: skipped: not a regular file"):
        load_rules([special])


@pytest.mark.slow  # 10,001 files made
def test_a_rule_folder_with_too_many_entries_is_refused(tmp_path):
    for n in range(MAX_RULE_FOLDER_ENTRIES + 1):
        (tmp_path / f"{n}.txt").touch()
    with pytest.raises(RuleError, match="more than 10,000 files and folders under this rule folder"):
        load_rules([tmp_path])


def test_a_rule_folder_is_searched_for_rule_files_only(tmp_path):
    (tmp_path / "notes.txt").write_text("not rules")
    (tmp_path / ".git").mkdir()
    (tmp_path / ".git" / "x.yaml").write_text("not: rules")
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "r.yml").write_text(
        "rules:\n  - id: test.one\n    kind: replace\n    pattern: a\n    replacement: b\n"
    )
    assert [rule.id for rule in load_rules([tmp_path])] == ["test.one"]


def test_an_id_with_a_line_break_is_still_one_line(tmp_path):
    # found by atheris (fuzz/fuzz_loader.py): the unchecked id went into the message as written
    path = tmp_path / "rules.yaml"
    path.write_text('rules:\n  - id: "a\\nb"\n    lines: [x]\n', encoding="utf-8")
    with pytest.raises(RuleError) as caught:
        load_rules([path])
    assert str(caught.value) == f"{path}:2: 'a\\nb': missing key 'kind'"
