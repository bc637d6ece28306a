"""``cleaner fix``, ``check`` and ``diff`` on a real file system."""

import os

import pytest

from conftest import run_in_process

DIRTY = "Lavrov met Vladimir McKay in Minsk.\n"
CLEAN = "Lavrov met Vladimir Makei in Minsk.\n"


def run(cwd, *args):
    result = run_in_process(*args, cwd=cwd)
    return result.returncode, result.stdout.decode(), result.stderr.decode()


@pytest.fixture
def tree(tmp_path):
    (tmp_path / "sub").mkdir()
    (tmp_path / "dirty.txt").write_text(DIRTY)
    (tmp_path / "sub" / "also-dirty.txt").write_text(DIRTY)
    (tmp_path / "clean.txt").write_text(CLEAN)
    (tmp_path / "notes.md").write_text(DIRTY)  # not *.txt: a folder walk leaves it
    return tmp_path


def test_fix_rewrites_changed_files_and_exits_1(tree):
    assert run(tree, "fix") == (
        1,
        "Fixed dirty.txt\nFixed sub/also-dirty.txt\n",
        "2 files fixed, 1 file left unchanged.\n",
    )
    assert (tree / "dirty.txt").read_text() == CLEAN
    assert (tree / "sub" / "also-dirty.txt").read_text() == CLEAN
    assert (tree / "notes.md").read_text() == DIRTY
    assert run(tree, "fix") == (0, "", "0 files fixed, 3 files left unchanged.\n")


def test_fix_leaves_unchanged_files_untouched(tree):
    before = (tree / "clean.txt").stat()
    run(tree, "fix", "clean.txt")
    after = (tree / "clean.txt").stat()
    assert (after.st_ino, after.st_mtime_ns) == (before.st_ino, before.st_mtime_ns)


def test_check_writes_nothing_and_exits_1(tree):
    assert run(tree, "check") == (
        1,
        "Would fix dirty.txt\nWould fix sub/also-dirty.txt\n",
        "2 files would be fixed, 1 file left unchanged.\n",
    )
    assert (tree / "dirty.txt").read_text() == DIRTY
    assert run(tree, "check", "clean.txt") == (0, "", "0 files would be fixed, 1 file left unchanged.\n")


def test_diff_and_check_diff_print_a_unified_diff(tree):
    expected = (
        "--- a/dirty.txt\n+++ b/dirty.txt\n@@ -1 +1 @@\n"
        "-Lavrov met Vladimir McKay in Minsk.\n+Lavrov met Vladimir Makei in Minsk.\n"
    )
    assert run(tree, "diff", "dirty.txt")[:2] == (1, expected)
    assert run(tree, "check", "--diff", "dirty.txt")[:2] == (1, expected)
    assert (tree / "dirty.txt").read_text() == DIRTY
    assert run(tree, "diff", "clean.txt")[:2] == (0, "")


def test_include_and_exclude(tree):
    assert run(tree, "check", "--include", "*.md", "--exclude", "sub")[:2] == (1, "Would fix notes.md\n")
    assert run(tree, "check", "--exclude", "dirty.txt,sub/*")[:2] == (0, "")


@pytest.mark.parametrize(
    "raw, expected",
    [
        (b"Belarussian envoy\r\nAdd comment\r\n", b"Belarusian envoy\r\n"),  # CRLF stays CRLF
        (b"\xef\xbb\xbfBelarussian envoy\n", b"\xef\xbb\xbfBelarusian envoy\n"),  # BOM stays
        (b"Belarussian envoy", b"Belarusian envoy"),  # no final newline stays so
        (b"Belarussian envoy\n", b"Belarusian envoy\n"),
        (b"\xef\xbb\xbfBelarussian\r\nenvoy", b"\xef\xbb\xbfBelarusian\r\nenvoy"),
    ],
)
def test_fix_keeps_line_endings_bom_and_final_newline(tmp_path, raw, expected):
    path = tmp_path / "a.txt"
    path.write_bytes(raw)
    os.chmod(path, 0o640)
    assert run(tmp_path, "fix", "a.txt")[:2] == (1, "Fixed a.txt\n")
    assert path.read_bytes() == expected
    assert path.stat().st_mode & 0o777 == 0o640


def test_cp1251_with_encoding_option(tmp_path):
    path = tmp_path / "ru.txt"
    path.write_bytes("Текст.\nСообщите об орфографической ошибке\n".encode("cp1251"))
    assert run(tmp_path, "fix", "--encoding", "cp1251", "ru.txt")[0] == 1
    assert path.read_bytes() == "Текст.\n".encode("cp1251")


def test_binary_file_skipped_with_a_note(tmp_path):
    (tmp_path / "blob.txt").write_bytes(b"McKay\x00\x01")
    assert run(tmp_path, "fix") == (
        0,
        "",
        "cleaner: blob.txt: skipped: binary file\n0 files fixed, 0 files left unchanged.\n",
    )
    assert (tmp_path / "blob.txt").read_bytes() == b"McKay\x00\x01"


def test_write_is_complete_when_not_interrupted(tmp_path):
    from cleaner.files import write_atomically

    path = tmp_path / "a.txt"
    path.write_text("old")
    write_atomically(path, b"new")
    assert path.read_bytes() == b"new"
    assert [p.name for p in tmp_path.iterdir()] == ["a.txt"]


# --- configuration -------------------------------------------------------------


def test_pyproject_config_found_walking_up(tmp_path):
    (tmp_path / "pyproject.toml").write_text('[tool.cleaner]\nignore = ["names.makei"]\n')
    (tmp_path / "deep" / "er").mkdir(parents=True)
    (tmp_path / "deep" / "er" / "a.txt").write_text(DIRTY)
    assert run(tmp_path / "deep" / "er", "check")[0] == 0
    # a flag replaces the config's value
    assert run(tmp_path / "deep" / "er", "check", "--ignore", "names.minsk")[:2] == (1, "Would fix a.txt\n")


def test_cleaner_toml_wins_over_pyproject_in_the_same_folder(tmp_path):
    (tmp_path / "pyproject.toml").write_text('[tool.cleaner]\nignore = ["names"]\n')
    (tmp_path / ".cleaner.toml").write_text('select = ["names.makei"]\n')
    (tmp_path / "a.txt").write_text("Belarussian envoy met Vladimir McKay.\n")
    assert run(tmp_path, "fix")[0] == 1
    assert (tmp_path / "a.txt").read_text() == "Belarussian envoy met Vladimir Makei.\n"


def test_config_rules_are_relative_to_the_config_file(tmp_path):
    (tmp_path / "my-rules").mkdir()
    (tmp_path / "my-rules" / "x.yaml").write_text(
        "rules:\n  - id: mine.envoy\n    kind: replace\n    pattern: envoy\n    replacement: ambassador\n"
    )
    (tmp_path / "pyproject.toml").write_text(
        '[tool.cleaner]\nrules = ["my-rules"]\nexclude = ["skip*"]\ndefault-rules = false\n'
    )
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "a.txt").write_text("Belarussian envoy\n")
    (tmp_path / "sub" / "skip.txt").write_text("Belarussian envoy\n")
    assert run(tmp_path / "sub", "fix")[:2] == (1, "Fixed a.txt\n")
    assert (tmp_path / "sub" / "a.txt").read_text() == "Belarussian ambassador\n"
    assert (tmp_path / "sub" / "skip.txt").read_text() == "Belarussian envoy\n"
    # exclude applies to files named on the command line too (pre-commit names them)
    assert run(tmp_path / "sub", "fix", "skip.txt")[:2] == (0, "")
    # flags override: --default-rules brings the built-ins back
    assert run(tmp_path / "sub", "fix", "--default-rules", "a.txt")[:2] == (1, "Fixed a.txt\n")
    assert (tmp_path / "sub" / "a.txt").read_text() == "Belarusian ambassador\n"


def test_bad_config_is_one_line_exit_2(tmp_path):
    (tmp_path / "pyproject.toml").write_text('[project]\nname = "x"\n\n[tool.cleaner]\nignor = ["names"]\n')
    assert run(tmp_path, "check") == (
        2,
        "",
        f"cleaner: {tmp_path / 'pyproject.toml'}:5: unknown key 'ignor' (did you mean 'ignore'?)\n",
    )
    (tmp_path / "pyproject.toml").write_text("[tool.cleaner]\nascii = 'yes'\n")
    assert (
        run(tmp_path, "check")[2]
        == f"cleaner: {tmp_path / 'pyproject.toml'}:2: ascii: expected true or false, got 'yes'\n"
    )
    (tmp_path / "pyproject.toml").write_text("[tool.cleaner\n")
    code, _, err = run(tmp_path, "check")
    assert (code, err.startswith(f"cleaner: {tmp_path / 'pyproject.toml'}:1: TOML error: ")) == (2, True)


def test_unknown_rule_selection_is_an_error(tmp_path):
    assert run(tmp_path, "check", "--ignore", "names.makey") == (
        2,
        "",
        "cleaner: no loaded rule matches 'names.makey' (did you mean 'names.makei'?)\n",
    )
    assert run(tmp_path, "check", "--select", "name")[0] == 2  # prefixes are whole dotted words


@pytest.mark.parametrize(
    "args, message",
    [
        (["--timeout", "0"], "argument --timeout: expected a positive number of seconds, got '0'"),
        (["--timeout", "nan"], "argument --timeout: expected a positive number of seconds, got 'nan'"),
        (["--timeout", "inf"], "argument --timeout: expected a positive number of seconds, got 'inf'"),
        (
            ["--encoding", "utf9"],
            "argument --encoding: expected an encoding Python knows, e.g. utf-8 or cp1251, got 'utf9'",
        ),
    ],
)
def test_bad_flag_values_are_usage_errors_naming_the_flag(tmp_path, args, message):
    assert run(tmp_path, "check", *args) == (2, "", f"cleaner check: error: {message} (see 'cleaner check --help')\n")


def test_bad_dump_and_suggest_counts_are_usage_errors(tmp_path):
    code, _, err = run(tmp_path, "dump", "in", "-o", "out", "--jobs", "0")
    assert (code, err) == (
        2,
        "cleaner dump: error: argument -j/--jobs: expected a whole number of 1 or more, got '0' (see 'cleaner dump --help')\n",
    )
    code, _, err = run(tmp_path, "suggest", "in", "-o", "d.yaml", "--min-share", "2")
    assert (code, err) == (
        2,
        "cleaner suggest: error: argument --min-share: expected a number from 0 to 1, got '2' (see 'cleaner suggest --help')\n",
    )
    assert not (tmp_path / "out").exists()


@pytest.mark.parametrize(
    "line, message",
    [
        ("timeout = 0", "timeout: expected a positive number of seconds, got 0"),
        ("timeout = true", "timeout: expected a positive number of seconds, got True"),
        ("timeout = nan", "timeout: expected a positive number of seconds, got nan"),
        ('encoding = "utf9"', "encoding: expected an encoding Python knows, e.g. utf-8 or cp1251, got 'utf9'"),
        ('rules = "my-rules"', "rules: expected a list of rule files or folders, got 'my-rules'"),
        ("select = [1]", "select: expected a list of strings, got [1]"),
    ],
)
def test_bad_config_values_name_the_file_and_line(tmp_path, line, message):
    (tmp_path / ".cleaner.toml").write_text(f"# mine\n{line}\n")
    assert run(tmp_path, "check") == (2, "", f"cleaner: {tmp_path / '.cleaner.toml'}:2: {message}\n")


def test_config_values_from_the_file_are_used(tmp_path):
    (tmp_path / ".cleaner.toml").write_text('timeout = 2\nencoding = "cp1251"\nstraight-quotes = true\n')
    (tmp_path / "a.txt").write_bytes("«Лукашенко» “said”\n".encode("cp1251"))
    assert run(tmp_path, "fix")[:2] == (1, "Fixed a.txt\n")
    assert (tmp_path / "a.txt").read_bytes() == '«Лукашенко» "said"\n'.encode("cp1251")


def test_config_in_python_refuses_a_string_for_a_list():
    from cleaner import CleanerError, Config

    with pytest.raises(CleanerError) as caught:
        Config(rules="my-rules")
    assert str(caught.value) == "Config(rules='my-rules'): expected a list of rule files or folders, got 'my-rules'"
    assert Config(rules=["a"], timeout=1) == Config(rules=("a",), timeout=1.0)


def test_an_output_that_cannot_be_written_is_one_line(tmp_path):
    (tmp_path / "in.jsonl").write_text('{"text": "Minks"}\n')
    missing = tmp_path / "no" / "stats.json"
    code, _, err = run(tmp_path, "dump", "in.jsonl", "-o", "out", "--jobs", "1", "--stats", missing)
    assert (code, err.splitlines()[-1]) == (2, f"cleaner: {missing}: cannot write: No such file or directory")


def test_this_repository_is_clean_by_its_own_config():
    """A bare `cleaner check` (and so `cleaner fix`) here touches none of the test data."""
    from conftest import ROOT

    before = {p: p.stat().st_mtime_ns for p in ROOT.rglob("*.txt") if ".venv" not in p.parts}
    result = run_in_process("check", cwd=ROOT)
    assert (result.returncode, result.stdout) == (0, b"")
    assert result.stderr.decode().startswith("0 files would be fixed, ")
    assert {p: p.stat().st_mtime_ns for p in before} == before
