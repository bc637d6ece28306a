"""The ``cleaner`` command, run as a real process."""

import shutil
import subprocess
import sys
from pathlib import Path

from conftest import ROOT, run_in_process

SEEDS = sorted((ROOT / "seeds" / "input").glob("*.txt"))


def run(*args, input=None):
    return run_in_process(*args, input=input)


def test_console_script_is_installed():
    assert shutil.which("cleaner", path=str(Path(sys.executable).parent)) is not None


def test_version():
    from cleaner import __version__

    result = run("--version")
    assert (result.returncode, result.stdout.decode()) == (0, f"cleaner {__version__}\n")


def test_clean_one_file_prints_exact_result():
    result = run("clean", SEEDS[4])
    expected = (ROOT / "seeds" / "expected" / SEEDS[4].name).read_bytes()
    assert (result.returncode, result.stdout, result.stderr) == (0, expected, b"")


def test_clean_several_files_end_each_with_a_newline():
    result = run("clean", SEEDS[0], SEEDS[1])
    expected = b"".join((ROOT / "seeds" / "expected" / p.name).read_bytes() + b"\n" for p in SEEDS[:2])
    assert (result.returncode, result.stdout) == (0, expected)


def test_clean_stdin():
    result = run("clean", input="Belarussian envoy\u00a0 \nAdd comment\n".encode())
    assert (result.returncode, result.stdout) == (0, "Belarusian envoy\n".encode())
    assert run("clean", "-", input=b"x\n").stdout == b"x\n"


def test_options(tmp_path):
    rules = tmp_path / "mine.yaml"
    rules.write_text("rules:\n  - id: mine.x\n    kind: replace\n    pattern: envoy\n    replacement: ambassador\n")
    text = "“Belarussian envoy”\nAdd comment\n".encode()  # chrome under a title
    assert run("clean", "--rules", rules, input=text).stdout == "“Belarusian ambassador”\n".encode()
    assert run("clean", "--no-default-rules", input=text).stdout == text
    assert run("clean", "--straight-quotes", input=text).stdout == b'"Belarusian envoy"\n'
    assert run("clean", "--ascii", input="Лукашенко\n".encode()).stdout == b"Lukashenko\n"


def test_bad_rule_file_exit_2_one_line(tmp_path):
    rules = tmp_path / "bad.yaml"
    rules.write_text("rules:\n  - id: x.y\n    kind: drop\n")
    result = run("clean", "--rules", rules, input=b"x")
    assert result.returncode == 2
    assert result.stdout == b""
    assert result.stderr.decode() == f"cleaner: {rules}:3: x.y: unknown kind 'drop' (did you mean 'drop-run'?)\n"


def test_invalid_utf8_exit_2_names_byte_offset(tmp_path):
    bad = tmp_path / "bad.txt"
    bad.write_bytes(b"caf\xe9 au lait")
    result = run("clean", bad)
    assert (result.returncode, result.stdout) == (2, b"")
    assert result.stderr.decode() == f"cleaner: {bad}: not valid UTF-8 at byte 3 (try --encoding)\n"


def test_missing_file_exit_2(tmp_path):
    result = run("clean", tmp_path / "nope.txt")
    assert result.returncode == 2
    assert result.stderr.decode() == f"cleaner: {tmp_path / 'nope.txt'}: cannot read: No such file or directory\n"


def test_bad_usage_exit_2_one_line():
    result = run("clean", "--bogus")
    assert result.returncode == 2
    assert result.stderr.decode() == "cleaner: error: unrecognized arguments: --bogus (see 'cleaner --help')\n"
    assert run().returncode == 2


def test_help_explains_itself():
    result = run("clean", "--help")
    assert result.returncode == 0
    out = result.stdout.decode()
    for option in ["--rules PATH", "--no-default-rules", "--ascii", "--straight-quotes"]:
        assert option in out


def test_version_and_help_start_without_the_heavy_modules():
    """`cleaner --version` starts fast for pre-commit: the engine loads lazily."""
    probe = (
        "import sys; sys.argv = ['cleaner', '--version']\n"
        "from cleaner import cli\n"
        "try:\n    cli.main()\nexcept SystemExit:\n    pass\n"
        "heavy = {'ftfy', 'regex', 'yaml', 'jsonschema', 'fastjsonschema', 'unidecode'}\n"
        "print(sorted(m for m in sys.modules if m.split('.')[0] in heavy))"
    )
    result = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, cwd=ROOT)
    assert result.stdout.splitlines()[-1] == "[]"


def test_standard_output_that_cannot_be_written_is_one_line():
    """A full disk behind standard output: one line and exit 2, no traceback at exit."""
    with open("/dev/full", "wb") as full:
        result = subprocess.run(
            [sys.executable, "-m", "cleaner", "clean"], input=b"Minks\n", stdout=full, stderr=subprocess.PIPE, cwd=ROOT
        )
    assert (result.returncode, result.stderr.decode()) == (2, "cleaner: cannot write: No space left on device\n")


def test_help_of_a_setting_comes_from_the_settings_model():
    from cleaner.settings import SETTINGS

    out = run("check", "--help").stdout.decode()
    for name, setting in SETTINGS.items():
        first_words = " ".join(setting.metadata["help"].split()[:3])
        assert f"--{name.replace('_', '-')}" in out and first_words in out
