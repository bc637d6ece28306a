"""Bad input is refused clearly or skipped with a note; nothing is altered silently."""

import json

import pytest

from cleaner import Cleaner, CleanerError
from cleaner.loader import load_rules
from cleaner.errors import RuleError
from conftest import run_in_process


DIRTY = "Lavrov met Vladimir McKay in Minsk.\n"


def run(cwd, *args, input=None):
    result = run_in_process(*args, cwd=cwd, input=input)
    return result.returncode, result.stdout.decode(), result.stderr.decode()


def test_empty_files_everywhere(tmp_path):
    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / "empty.jsonl").write_bytes(b"")
    assert run(tmp_path, "clean", "empty.txt") == (0, "", "")
    assert run(tmp_path, "fix", "empty.txt")[:2] == (0, "")
    assert (tmp_path / "empty.txt").read_bytes() == b""
    code, _, err = run(tmp_path, "dump", "empty.jsonl", "empty.txt", "-o", "out")
    assert code == 0, err
    assert (tmp_path / "out" / "empty.jsonl").read_bytes() == b""
    assert (tmp_path / "out" / "empty.txt").read_bytes() == b""


def test_nul_bytes_skipped_by_fix_rejected_by_dump(tmp_path):
    (tmp_path / "blob.txt").write_bytes(b"PK\x03\x04\x00\x00binary")
    assert (
        run(tmp_path, "fix")[2] == "cleaner: blob.txt: skipped: binary file\n0 files fixed, 0 files left unchanged.\n"
    )
    assert (tmp_path / "blob.txt").read_bytes() == b"PK\x03\x04\x00\x00binary"
    run(tmp_path, "dump", "blob.txt", "-o", "out")
    assert json.loads((tmp_path / "out" / "rejects.jsonl").read_text())["reason"] == "binary file (NUL bytes)"


@pytest.mark.slow
def test_a_line_over_the_limits_is_refused_clearly(tmp_path):
    line = b"a" * (65 * 1024 * 1024)  # over the document and record limits (64 MiB), and the line limit
    (tmp_path / "huge.txt").write_bytes(line)
    code, out, err = run(tmp_path, "fix", "huge.txt")
    assert (code, out) == (2, "")
    assert err.splitlines()[0] == (
        "cleaner: huge.txt: file has more than 67,108,864 bytes, the most allowed"
    )  # refused before it is read whole: the document limit comes before the line limit
    (tmp_path / "huge.jsonl").write_bytes(b'{"text": "' + line + b'"}\n{"text": "Minks, Belarus"}\n')
    code, _, err = run(tmp_path, "dump", "huge.jsonl", "-o", "out")
    assert code == 0, err
    assert (tmp_path / "out" / "huge.jsonl").read_text() == '{"text": "Minsk, Belarus"}\n'
    reject = json.loads((tmp_path / "out" / "rejects.jsonl").read_text())
    assert reject == {
        "source": str(tmp_path / "huge.jsonl"),
        "line": 1,
        "reason": "record of 68,157,453 bytes, more than the 67,108,864 a record may have (not kept)",
    }


def test_overlong_line_refused_by_the_api():
    with pytest.raises(CleanerError) as caught:
        Cleaner().clean("ok\n" + "b" * (16 * 1024 * 1024 + 1))
    assert str(caught.value) == "line 2 has 16,777,217 characters, more than the 16,777,216 a line may have"


def test_very_deep_yaml_is_refused(tmp_path):
    path = tmp_path / "deep.yaml"
    path.write_text("rules:\n  - id: a.b\n    kind: drop-line\n    lines: " + "[" * 200 + "]" * 200 + "\n")
    with pytest.raises(RuleError) as caught:
        load_rules([path])
    assert str(caught.value) == f"{path}:4: nested more than 50 levels deep"


def test_very_long_yaml_is_refused(tmp_path):
    path = tmp_path / "long.yaml"
    path.write_bytes(b"# " + b"x" * (32 * 1024 * 1024) + b"\nrules: []\n")
    with pytest.raises(RuleError) as caught:
        load_rules([path])
    assert str(caught.value) == f"{path}:0: rule file has more than 33,554,432 bytes, the most allowed"


def test_overlong_pattern_is_refused(tmp_path):
    path = tmp_path / "p.yaml"
    path.write_text(
        "rules:\n  - id: a.b\n    kind: replace\n    pattern: '" + "x" * 10_001 + "'\n    replacement: ''\n"
    )
    with pytest.raises(RuleError) as caught:
        load_rules([path])
    assert str(caught.value) == f"{path}:4: a.b: regex has 10,001 characters, more than 10,000"


def test_python_tags_never_run(tmp_path):
    marker = tmp_path / "pwned"
    path = tmp_path / "evil.yaml"
    path.write_text(f'rules:\n  - !!python/object/apply:os.system ["touch {marker}"]\n')
    code, _, err = run(tmp_path, "clean", "--rules", path, input=b"x")
    assert (code, err) == (
        2,
        f"cleaner: {path}:2: YAML tag '!!python/object/apply:os.system' is not allowed in rule files\n",
    )
    assert not marker.exists()


def test_dump_outputs_cannot_escape_the_output_folder(tmp_path):
    inside = tmp_path / "in" / "deep"
    inside.mkdir(parents=True)
    (inside / "a.jsonl").write_text('{"text": "x"}\n')
    (tmp_path / "elsewhere.jsonl").write_text('{"text": "y"}\n')
    (inside / "link.jsonl").symlink_to(tmp_path / "elsewhere.jsonl")
    code, _, err = run(tmp_path, "dump", "in/deep/../deep", "../" + tmp_path.name + "/elsewhere.jsonl", "-o", "out")
    assert code == 0, err
    written = sorted(
        p.relative_to(tmp_path / "out").as_posix()
        for p in (tmp_path / "out").rglob("*")
        if p.is_file() and ".cleaner-dump" not in p.parts
    )
    assert written == ["a.jsonl", "elsewhere.jsonl", "link.jsonl", "rejects.jsonl"]
    assert all((tmp_path / "out").resolve() in p.resolve().parents for p in (tmp_path / "out").rglob("*"))


def test_invalid_utf8_is_refused_and_untouched(tmp_path):
    path = tmp_path / "latin.txt"
    raw = "café Belarussian\n".encode("latin-1")
    path.write_bytes(raw)
    (tmp_path / "ok.txt").write_text(DIRTY)
    code, out, err = run(tmp_path, "fix")
    assert (code, out) == (2, "Fixed ok.txt\n")  # the other files are still fixed
    assert err == (
        "cleaner: latin.txt: not valid UTF-8 at byte 3 (try --encoding)\n"
        "1 file fixed, 0 files left unchanged, 1 file with errors.\n"
    )
    assert path.read_bytes() == raw
    assert run(tmp_path, "fix", "--encoding", "latin-1", "latin.txt")[:2] == (1, "Fixed latin.txt\n")
    assert path.read_bytes() == "café Belarusian\n".encode("latin-1")
