"""``dump`` keeps what it reads: outputs apart from inputs, compressed inputs
read whole or refused, records kept byte for byte but for their text, a record
that breaks the cleaner rejected, not the run (issue 12)."""

import gzip
import json
import os

import pytest
import zstandard

from cleaner import Cleaner, Config
from cleaner.dump import dump

from conftest import run_in_process


def files_under(folder):
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def test_output_folder_that_is_the_input_is_refused_before_anything_is_written(tmp_path):
    t = tmp_path / "t"
    t.mkdir()
    (t / "a.txt").write_bytes(b"McKay\n")
    (t / "b.txt").write_bytes(b"x\x00")
    before = files_under(t)
    result = run_in_process("dump", t, "-o", t)
    assert result.returncode == 2
    assert result.stderr.decode() == (
        f"cleaner: {t}: the output folder is the input {t}: choose a folder apart from the inputs\n"
    )
    assert files_under(t) == before


def test_output_folder_holding_an_input_or_inside_one_is_refused(tmp_path):
    (tmp_path / "a.jsonl").write_bytes(b'{"text": "McKay"}\n')
    result = run_in_process("dump", "a.jsonl", "-o", ".", cwd=tmp_path)
    assert (result.returncode, result.stderr.decode()) == (
        2,
        "cleaner: .: the output folder holds the input a.jsonl: choose a folder apart from the inputs\n",
    )
    result = run_in_process("dump", ".", "-o", "clean", cwd=tmp_path)
    assert result.returncode == 2 and b"the output folder is inside the input ." in result.stderr
    assert sorted(os.listdir(tmp_path)) == ["a.jsonl"]


def test_an_output_reached_through_a_link_to_the_inputs_is_refused(tmp_path):
    source = tmp_path / "in"
    (source / "news").mkdir(parents=True)
    (source / "news" / "a.jsonl").write_bytes(b'{"text": "McKay"}\n')
    out = tmp_path / "out"
    out.mkdir()
    (out / "news").symlink_to(source / "news")  # OUTDIR/news/a.jsonl is the input itself
    result = run_in_process("dump", source, "-o", out)
    assert result.returncode == 2
    assert result.stderr.decode() == (
        f"cleaner: {source / 'news' / 'a.jsonl'}: its output {out.resolve() / 'news' / 'a.jsonl'} would be an input file\n"
    )
    assert (source / "news" / "a.jsonl").read_bytes() == b'{"text": "McKay"}\n'


@pytest.mark.parametrize("suffix", [".gz", ".zst"])
def test_a_truncated_compressed_input_is_an_error_not_a_partial_read(tmp_path, suffix):
    payload = b"".join(b'{"n": %d, "text": "Vladimir McKay"}\n' % i for i in range(2_000))
    whole = gzip.compress(payload, mtime=0) if suffix == ".gz" else zstandard.ZstdCompressor().compress(payload)
    source = tmp_path / "in"
    source.mkdir()
    (source / f"cut.jsonl{suffix}").write_bytes(whole[: len(whole) // 2])
    (source / "fine.jsonl").write_bytes(b'{"text": "McKay"}\n')
    result = run_in_process("dump", source, "-o", tmp_path / "out", "--jobs", "1")
    assert result.returncode == 2
    errors = [line for line in result.stderr.decode().splitlines() if "cut.jsonl" in line]
    assert len(errors) == 1 and errors[0].startswith(f"cleaner: {source / ('cut.jsonl' + suffix)}: cannot read: ")
    assert sorted(files_under(tmp_path / "out")) == [
        ".cleaner-dump/fine.jsonl.done.json",
        ".cleaner-dump/fine.jsonl.rejects.jsonl",
        ".cleaner-dump/lock",
        "fine.jsonl",
        "rejects.jsonl",
    ]


def test_a_changed_record_keeps_every_byte_but_its_text(tmp_path):
    source = tmp_path / "in"
    source.mkdir()
    records = (
        b'\xef\xbb\xbf{"big": 1e400, "n": 12345678901234567890.5, "text" : "Minks, Belarus", "note": "\\ud800"}\r\n'
        b'{"id":7,"text":"Minks, Belarus \\u00e9\\ud83d\\ude00","tail":[1.0, 2E+3]}\n'
        b'{"text": "Minks", "text": "McKay"}\n'
        b'{"text": "unchanged \\u0041"}\n'
    )
    (source / "a.jsonl").write_bytes(records)
    report = dump([source], tmp_path / "out", Config(), jobs=1)
    assert (tmp_path / "out" / "a.jsonl").read_bytes() == (
        b'\xef\xbb\xbf{"big": 1e400, "n": 12345678901234567890.5, "text" : "Minsk, Belarus", "note": "\\ud800"}\r\n'
        + '{"id":7,"text":"Minsk, Belarus é😀","tail":[1.0, 2E+3]}\n'.encode()
        + b'{"text": "unchanged \\u0041"}\n'
    )
    rejects = [json.loads(line) for line in (tmp_path / "out" / "rejects.jsonl").read_text().splitlines()]
    assert [(r["line"], r["reason"]) for r in rejects] == [(3, "field 'text' appears twice")]
    assert (report.stats.documents, report.stats.changed, report.stats.rejected) == (3, 2, 1)


def test_an_unchanged_text_file_is_written_as_it_was_read(tmp_path):
    source = tmp_path / "in"
    source.mkdir()
    mixed = b"One line.\r\nAnother line.\nA third.\r\n"
    (source / "mixed.txt").write_bytes(mixed)
    report = dump([source], tmp_path / "out", Config(), jobs=1)
    assert (tmp_path / "out" / "mixed.txt").read_bytes() == mixed
    assert report.stats.changed == 0


def test_a_record_that_breaks_the_cleaner_is_rejected_and_the_run_goes_on(tmp_path, monkeypatch):
    # No rule crashes today: a cleaner that raises on one record stands for the bug to come.
    real = Cleaner.clean_with_counts

    def breaks_on_boom(self, text, site=None):
        if "boom" in text:
            raise IndexError("list index out of range")
        return real(self, text, site)

    monkeypatch.setattr(Cleaner, "clean_with_counts", breaks_on_boom)
    source = tmp_path / "in"
    source.mkdir()
    (source / "a.jsonl").write_bytes(b'{"text": "Minks, Belarus"}\n{"text": "boom"}\n{"text": "Minks"}\n')
    for flags in ((), ("--resume",)):
        result = run_in_process("dump", source, "-o", tmp_path / "out", "--jobs", "1", *flags)
        assert result.returncode == 0, result.stderr
    assert (tmp_path / "out" / "a.jsonl").read_bytes() == b'{"text": "Minsk, Belarus"}\n{"text": "Minks"}\n'
    reject = json.loads((tmp_path / "out" / "rejects.jsonl").read_bytes())
    assert (reject["line"], reject["reason"]) == (2, "internal error: IndexError: list index out of range")


def test_a_reject_from_a_file_whose_name_is_not_utf8(tmp_path):
    source = tmp_path / "in"
    source.mkdir()
    name = os.fsdecode(b"caf\xe9.jsonl")
    (source / name).write_bytes(b'{"text": "Minks, Belarus"}\nnot json\n')
    result = run_in_process("dump", source, "-o", tmp_path / "out", "--jobs", "1")
    assert result.returncode == 0, result.stderr
    reject = json.loads((tmp_path / "out" / "rejects.jsonl").read_bytes())
    assert reject["source"] == str(source) + "/caf\\xe9.jsonl"
    assert (tmp_path / "out" / name).read_bytes() == b'{"text": "Minsk, Belarus"}\n'
    again = run_in_process("dump", source, "-o", tmp_path / "out", "--jobs", "1", "--resume")
    assert again.returncode == 0 and b"Cleaned 1 documents from 1 files" in again.stderr


def test_bad_rules_end_a_many_worker_run_with_one_line(tmp_path):
    source = tmp_path / "in"
    source.mkdir()
    (source / "a.jsonl").write_bytes(b'{"text": "McKay"}\n')
    (tmp_path / "bad.yaml").write_text("rules: [{id: x, kind: nonsense}]\n")
    for flags in (("--rules", tmp_path / "bad.yaml"), ("--select", "nmaes")):
        result = run_in_process("dump", source, "-o", tmp_path / "out", "--jobs", "2", *flags)
        assert result.returncode == 2
        assert len(result.stderr.splitlines()) == 1 and result.stderr.startswith(b"cleaner: ")
    assert not (tmp_path / "out").exists()


def test_a_second_dump_into_the_same_folder_refuses(tmp_path):
    import fcntl

    source = tmp_path / "in"
    source.mkdir()
    (source / "a.jsonl").write_bytes(b'{"text": "McKay"}\n')
    lock_path = tmp_path / "out" / ".cleaner-dump" / "lock"
    lock_path.parent.mkdir(parents=True)
    first_temp = tmp_path / "out" / ".a.jsonl.first.cleaner-tmp"
    first_temp.write_bytes(b"the first dump's work")
    with open(lock_path, "ab") as held:  # the first dump, still running
        fcntl.flock(held, fcntl.LOCK_EX)
        result = run_in_process("dump", source, "-o", tmp_path / "out", "--jobs", "1")
    assert (result.returncode, result.stderr.decode()) == (
        2,
        f"cleaner: {tmp_path / 'out'}: another cleaner dump is writing into this folder\n",
    )
    assert first_temp.read_bytes() == b"the first dump's work"


def test_dask_engine_ships_absolute_rule_paths(tmp_path, monkeypatch):
    from cleaner import dask as cleaner_dask

    shipped = []
    monkeypatch.setattr(
        cleaner_dask.DaskEngine,
        "run",
        lambda self, files, outdir, config, *rest: (
            shipped.append(config) or (__import__("cleaner.records").records.Stats(), [])
        ),
    )
    (tmp_path / "mine.yaml").write_text("rules: []\n")
    source = tmp_path / "in"
    source.mkdir()
    (source / "a.jsonl").write_bytes(b'{"text": "McKay"}\n')
    result = run_in_process(
        "dump", "in", "-o", "out", "--rules", "mine.yaml", "--engine", "dask", "--scheduler", "tcp://x:1", cwd=tmp_path
    )
    assert result.returncode == 0, result.stderr
    assert shipped[0].rules == (str(tmp_path / "mine.yaml"),)
