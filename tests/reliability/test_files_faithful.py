"""``fix`` changes no byte a rule did not touch: each line keeps its own ending
(CR, LF or CRLF), a file keeps its byte order and its byte order mark or its
absence, and a NUL anywhere in a file makes it binary."""

import codecs

import pytest

from cleaner.files import TextDocument
from conftest import run_in_process

RULE = "rules:\n  - id: test.mckay\n    kind: replace\n    pattern: McKay\n    replacement: Makei\n"
DROP = "rules:\n  - id: test.drop\n    kind: drop-line\n    lines: ['Advert here']\n"


def fix(tmp_path, data: bytes, *args, rules=RULE):
    (tmp_path / "rules.yaml").write_text(rules)
    (tmp_path / "a.txt").write_bytes(data)
    result = run_in_process("fix", "--rules", "rules.yaml", *args, "a.txt", cwd=tmp_path)
    return result.returncode, (tmp_path / "a.txt").read_bytes(), result.stderr.decode()


@pytest.mark.parametrize(
    "before, after",
    [
        (b"McKay one\rtwo\r", b"Makei one\rtwo\r"),
        (b"McKay\r\nplain\nthird\r\nlast", b"Makei\r\nplain\nthird\r\nlast"),
        (b"a\nb\r\nc\r\nMcKay\r\n", b"a\nb\r\nc\r\nMakei\r\n"),
    ],
)
def test_each_line_keeps_its_own_ending(tmp_path, before, after):
    assert fix(tmp_path, before)[:2] == (1, after)


def test_a_dropped_line_leaves_the_others_their_endings(tmp_path):
    code, data, _ = fix(tmp_path, b"one\r\nAdvert here\ntwo\rMcKay\n", rules=DROP)
    assert (code, data) == (1, b"one\r\ntwo\rMcKay\n")


@pytest.mark.parametrize(
    "bom, codec", [(codecs.BOM_UTF16_BE, "utf-16-be"), (codecs.BOM_UTF16_LE, "utf-16-le"), (b"", "utf-16-le")]
)
def test_utf16_keeps_its_byte_order(tmp_path, bom, codec):
    code, data, _ = fix(tmp_path, bom + "McKay\n".encode(codec), "--encoding", "utf-16")
    assert (code, data) == (1, bom + "Makei\n".encode(codec))


@pytest.mark.parametrize("bom", [b"", codecs.BOM_UTF8])
def test_utf8_sig_adds_no_mark_that_was_not_there(tmp_path, bom):
    assert fix(tmp_path, bom + b"McKay\n", "--encoding", "utf-8-sig")[:2] == (1, bom + b"Makei\n")


def test_a_nul_after_the_first_8_kib_makes_a_file_binary(tmp_path):
    data = b"McKay\n" + b"x" * 10_000 + b"\x00\n"
    code, after, err = fix(tmp_path, data)
    assert (code, after, err.splitlines()[0]) == (0, data, "cleaner: a.txt: skipped: binary file")


def test_clean_of_a_binary_file_says_so(tmp_path):
    (tmp_path / "b.txt").write_bytes(b"x" * 10_000 + b"\x00")
    result = run_in_process("clean", "b.txt", cwd=tmp_path)
    assert (result.returncode, result.stdout, result.stderr) == (2, b"", b"cleaner: b.txt: skipped: binary file\n")


def test_added_lines_take_the_ending_of_the_line_before():
    doc = TextDocument.decode(b"a\r\nb\rc\n", "t.txt")
    assert doc.encode("a\nnew\nb\nc\n") == b"a\r\nnew\r\nb\rc\n"
