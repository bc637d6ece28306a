"""``-`` on fix, check and diff: standard input as the file ``--stdin-filename``
names, the config's globs applied to that name, as editors and runners call formatters."""

from conftest import run_in_process

DIRTY = "Lukashenko met McKay in Minks .\n"
CLEAN = "Lukashenko met Makei in Minsk.\n"


def run(cwd, *args, input=DIRTY):
    result = run_in_process(*args, input=input.encode(), cwd=cwd)
    return result.returncode, result.stdout.decode(), result.stderr.decode()


def test_fix_writes_the_cleaned_text_to_standard_output(tmp_path):
    assert run(tmp_path, "fix", "-") == (1, CLEAN, "Fixed -\n1 file fixed, 0 files left unchanged.\n")
    assert run(tmp_path, "fix", "-", input=CLEAN) == (0, CLEAN, "0 files fixed, 1 file left unchanged.\n")


def test_check_and_diff_name_the_stdin_filename(tmp_path):
    assert run(tmp_path, "check", "-", "--stdin-filename", "news/a.txt")[:2] == (1, "Would fix news/a.txt\n")
    code, out, _ = run(tmp_path, "diff", "-", "--stdin-filename", "a.txt")
    assert code == 1 and out.startswith("--- a/a.txt\n+++ b/a.txt\n")
    code, out, _ = run(tmp_path, "check", "-", "--stdin-filename", "a.txt", "--output-format", "concise")
    assert out.splitlines()[0] == 'a.txt:1:16: names.makei "McKay" → "Makei"'


def test_config_excludes_and_includes_apply_to_the_name(tmp_path):
    (tmp_path / ".cleaner.toml").write_text('exclude = ["vendor/*"]\n')
    assert run(tmp_path, "fix", "-", "--stdin-filename", "vendor/a.txt") == (
        0,
        DIRTY,
        "0 files fixed, 1 file left unchanged.\n",
    )
    assert run(tmp_path, "fix", "-", "--stdin-filename", "notes.md")[:2] == (0, DIRTY)  # not *.txt
    assert run(tmp_path, "fix", "-", "--stdin-filename", "news/a.txt")[:2] == (1, CLEAN)


def test_config_rules_apply(tmp_path):
    (tmp_path / ".cleaner.toml").write_text('ignore = ["names"]\n')
    assert run(tmp_path, "fix", "-", "--stdin-filename", "a.txt")[1] == "Lukashenko met McKay in Minks.\n"
