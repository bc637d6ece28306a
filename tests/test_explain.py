"""``cleaner explain``: several files, changes ordered by position, at the line
and column of the original file even when earlier stages dropped or edited lines."""

import json

from conftest import run_in_process


def run(cwd, *args, input=None):
    result = run_in_process(*args, input=input, cwd=cwd)
    return result.returncode, result.stdout.decode(), result.stderr.decode()


def test_lines_dropped_before_a_later_change_keep_original_coordinates(tmp_path):
    # Lines 1-3 go (chrome, a blank line), line 4 has its double space tidied,
    # and only then do the name and punctuation rules run, on what was line 5.
    (tmp_path / "a.txt").write_text("menu\nAdd comment\n\nLukashenko  spoke.\nHe met McKay in Minks .\n")
    code, out, err = run(tmp_path, "explain", "a.txt")
    assert code == 0
    assert out == (
        "a.txt:1:1: chrome.navigation  [-menu-]\n"
        "a.txt:2:1: chrome.comment-form  [-Add comment-]\n"
        "a.txt:3:1: whitespace.blank-lines  \n"
        "a.txt:4:11: whitespace.spaces  [-  -]{+ +}  (U+0020 U+0020)\n"
        "a.txt:5:8: names.makei  [-McKay-]{+Makei+}\n"
        "a.txt:5:17: names.minsk  [-Minks-]{+Minsk+}\n"
        "a.txt:5:22: punctuation.space-before-comma-or-stop  [- -]\n"
    )
    text = (tmp_path / "a.txt").read_text().split("\n")
    for line in out.splitlines()[3:]:  # each change is where it says
        _, number, column, rest = line.split(":", 3)
        before = rest.split("[-")[1].split("-]")[0]
        assert text[int(number) - 1][int(column) - 1 :].startswith(before)


def test_a_line_edited_earlier_maps_its_column_back(tmp_path):
    # ftfy repairs the line first ("â€™" becomes one character): names sees shifted columns
    (tmp_path / "a.txt").write_text("Lukashenkoâ€™s aide met McKay in Minks.\n")
    out = run(tmp_path, "explain", "a.txt", "--select", "names")[1]
    assert out.splitlines()[1] == "a.txt:1:25: names.makei  [-McKay-]{+Makei+}"


def test_several_files_in_order_json_names_the_path(tmp_path):
    (tmp_path / "a.txt").write_text("Lukashenko met McKay in Minks.\n")
    (tmp_path / "b.txt").write_text("Add comment\n")
    code, out, err = run(tmp_path, "explain", "--format", "json", "b.txt", "a.txt")
    assert [(c["path"], c["line"], c["column"], c["rule"]) for c in json.loads(out)] == [
        ("b.txt", 1, 1, "chrome.comment-form"),
        ("b.txt", 2, 1, "whitespace.blank-lines"),
        ("a.txt", 1, 16, "names.makei"),
        ("a.txt", 1, 25, "names.minsk"),
    ]
    assert run(tmp_path, "explain", "a.txt", "b.txt")[2] == "4 changes.\n"
