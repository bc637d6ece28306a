"""``check`` and ``fix`` reporting: each ``--output-format`` (exact output), the
statistics, the fixes, ``--exit-zero``, ``-q`` and ``-v``, ``--config``, ``.gitignore``."""

import json

import pytest

from conftest import run_in_process

DIRTY = "Add comment\nLukashenko met McKay in Minks .\n"


def run(cwd, *args):
    result = run_in_process(*args, cwd=cwd)
    return result.returncode, result.stdout.decode(), result.stderr.decode()


@pytest.fixture
def tree(tmp_path):
    (tmp_path / "a.txt").write_text(DIRTY)
    (tmp_path / "b.txt").write_text("Nothing to do here.\n")
    return tmp_path


def test_full_is_the_file_names(tree):
    assert run(tree, "check", ".") == (1, "Would fix a.txt\n", "1 file would be fixed, 1 file left unchanged.\n")


def test_concise_is_one_line_per_change_at_original_positions(tree):
    code, out, err = run(tree, "check", "--output-format", "concise", ".")
    assert code == 1
    assert out == (
        'a.txt:1:1: chrome.comment-form remove "Add comment"\n'
        'a.txt:2:16: names.makei "McKay" → "Makei"\n'
        'a.txt:2:25: names.minsk "Minks" → "Minsk"\n'
        'a.txt:2:30: punctuation.space-before-comma-or-stop remove " "\n'
    )


def test_json_is_a_list_of_changes(tree):
    code, out, _ = run(tree, "check", "--output-format", "json", ".")
    assert code == 1
    assert json.loads(out)[:2] == [
        {
            "path": "a.txt",
            "line": 1,
            "column": 1,
            "end_line": 1,
            "end_column": 12,
            "rule": "chrome.comment-form",
            "before": "Add comment",
            "after": "",
        },
        {
            "path": "a.txt",
            "line": 2,
            "column": 16,
            "end_line": 2,
            "end_column": 21,
            "rule": "names.makei",
            "before": "McKay",
            "after": "Makei",
        },
    ]
    assert len(json.loads(out)) == 4


def test_json_of_nothing_is_an_empty_list(tree):
    assert run(tree, "check", "--output-format", "json", "b.txt")[:2] == (0, "[]\n")


def test_github_annotations(tree):
    code, out, _ = run(tree, "check", "--output-format", "github", ".")
    assert out.splitlines()[1] == (
        '::warning file=a.txt,line=2,col=16,endLine=2,endColumn=21,title=names.makei::names.makei "McKay" → "Makei"'
    )
    assert code == 1 and len(out.splitlines()) == 4


def test_fix_with_a_format_still_writes(tree):
    code, out, _ = run(tree, "fix", "--output-format", "concise", "a.txt")
    assert code == 1 and out.startswith("a.txt:1:1: chrome.comment-form")
    assert (tree / "a.txt").read_text() == "Lukashenko met Makei in Minsk.\n"


def test_statistics_show_fixes_exit_zero(tree):
    code, out, err = run(tree, "check", "--statistics", "--show-fixes", "--exit-zero", ".")
    assert code == 0
    assert out == (
        "Would fix a.txt\n"
        '  a.txt:1:1: chrome.comment-form remove "Add comment"\n'
        '  a.txt:2:16: names.makei "McKay" → "Makei"\n'
        '  a.txt:2:25: names.minsk "Minks" → "Minsk"\n'
        '  a.txt:2:30: punctuation.space-before-comma-or-stop remove " "\n'
        "    1  chrome.comment-form\n"
        "    1  names.makei\n"
        "    1  names.minsk\n"
        "    1  punctuation.space-before-comma-or-stop\n"
    )


def test_exit_zero_keeps_errors(tree):
    assert run(tree, "check", "--exit-zero", "missing.txt")[0] == 2


def test_quiet_and_verbose(tree):
    assert run(tree, "check", "-q", ".") == (1, "", "")
    assert run(tree, "check", "-v", ".")[2] == (
        "cleaner: b.txt: unchanged\n1 file would be fixed, 1 file left unchanged.\n"
    )


def test_config_path_is_used_instead_of_the_found_one(tree):
    (tree / "other.toml").write_text('select = ["typo-prompt"]\n')
    assert run(tree, "check", "--config", "other.toml", "a.txt")[0] == 0
    assert run(tree, "check", "a.txt")[0] == 1


def test_folder_walks_respect_gitignore(tree):
    (tree / "build").mkdir()
    (tree / "build" / "c.txt").write_text(DIRTY)
    (tree / "d.txt").write_text(DIRTY)
    (tree / ".gitignore").write_text("build/\nd.txt\n")
    assert run(tree, "check", ".")[1] == "Would fix a.txt\n"
    assert run(tree, "check", "--no-gitignore", ".")[1] == "Would fix a.txt\nWould fix d.txt\nWould fix build/c.txt\n"
    # a file named on the command line is taken as it is
    assert run(tree, "check", "d.txt")[1] == "Would fix d.txt\n"
