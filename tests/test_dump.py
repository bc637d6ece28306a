"""``cleaner dump`` on real files: accounting, formats, resume, and the Dask engine."""

import base64
import gzip
import json
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
import zstandard

from cleaner import Cleaner, Config
from cleaner.dump import dump, plan
from cleaner.engines import LocalEngine

from conftest import ROOT, run_in_process

DIRTY = "Vladimir McKay in Minks, Belarus.\nAdd comment"
CLEAN = "Vladimir Makei in Minsk, Belarus."
RECORDS = [
    json.dumps({"id": 1, "text": DIRTY, "meta": {"url": "https://example.org/1", "score": 1.5}}),
    json.dumps({"id": 2, "text": "Already clean.", "tags": ["a", "b"]}, ensure_ascii=False),
    "{bad json",
    json.dumps({"id": 4}),
    json.dumps({"id": 5, "text": None}),
    "",
    "[1, 2]",
    json.dumps({"text": "Последний, Belarussian.", "id": 8}, ensure_ascii=False),
]


def files_of(folder: Path) -> dict:
    return {
        p.relative_to(folder).as_posix(): p.read_bytes()
        for p in sorted(folder.rglob("*"))
        if p.is_file() and ".cleaner-dump" not in p.parts
    }


def run_cli(*args):
    result = run_in_process(*args)
    return result.returncode, result.stdout.decode(), result.stderr.decode()


@pytest.fixture
def jsonl_dump(tmp_path):
    source = tmp_path / "in"
    source.mkdir()
    (source / "part.jsonl").write_text("\n".join(RECORDS) + "\n", encoding="utf-8")
    return source


def test_bad_records_are_rejected_with_reasons_and_counted(tmp_path, jsonl_dump):
    code, out, err = run_cli("dump", jsonl_dump, "-o", tmp_path / "out", "--stats", tmp_path / "stats.json")
    assert code == 0
    lines = (tmp_path / "out" / "part.jsonl").read_text(encoding="utf-8").split("\n")
    assert [json.loads(line) if line else line for line in lines] == [
        {"id": 1, "text": CLEAN, "meta": {"url": "https://example.org/1", "score": 1.5}},
        {"id": 2, "text": "Already clean.", "tags": ["a", "b"]},
        "",  # the blank line stays where it was
        {"text": "Последний, Belarusian.", "id": 8},
        "",
    ]
    assert lines[1] == RECORDS[1]  # an unchanged record is written byte for byte
    source = str(jsonl_dump / "part.jsonl")
    rejects = [json.loads(line) for line in (tmp_path / "out" / "rejects.jsonl").read_text().splitlines()]
    assert rejects == [
        {
            "source": source,
            "line": 3,
            "reason": "invalid JSON: Expecting property name enclosed in double quotes: line 1 column 2 (char 1)",
            "record": "{bad json",
        },
        {"source": source, "line": 4, "reason": "no field 'text'", "record": '{"id": 4}'},
        {
            "source": source,
            "line": 5,
            "reason": "field 'text' is NoneType, not a string",
            "record": '{"id": 5, "text": null}',
        },
        {"source": source, "line": 7, "reason": "not a JSON object but list", "record": "[1, 2]"},
    ]
    stats = json.loads((tmp_path / "stats.json").read_text())
    assert {k: stats[k] for k in ("documents", "changed", "rejected", "files")} == {
        "documents": 3,
        "changed": 2,
        "rejected": 4,
        "files": 1,
    }
    assert stats["documents"] + stats["rejected"] == 7  # the non-blank lines of the input
    assert stats["rules"]["names.makei"] == 1 and stats["rules"]["names.belarusian"] == 1
    assert set(stats) >= {"documents", "changed", "rejected", "bytes_in", "bytes_out", "seconds", "rules"}
    assert err.startswith("Cleaned 3 documents from 1 files in ")
    assert "3 documents" in err and "2 changed, 4 rejected" in err


def test_strict_turns_rejects_into_exit_1(tmp_path, jsonl_dump):
    assert run_cli("dump", jsonl_dump, "-o", tmp_path / "out", "--strict")[0] == 1


def test_field_option_and_invalid_utf8_record(tmp_path):
    source = tmp_path / "in.jsonl"
    source.write_bytes(b'{"body": "Minks, Belarus"}\n{"body": "caf\xe9"}\n')
    assert run_cli("dump", source, "-o", tmp_path / "out", "--field", "body")[0] == 0
    assert (tmp_path / "out" / "in.jsonl").read_bytes() == b'{"body": "Minsk, Belarus"}\n'
    reject = json.loads((tmp_path / "out" / "rejects.jsonl").read_text())
    assert reject == {
        "source": str(source),
        "line": 2,
        "reason": "not valid UTF-8 at byte 13",
        "record_base64": base64.b64encode(b'{"body": "caf\xe9"}').decode(),
    }


def test_txt_folder_is_mirrored(tmp_path):
    source = tmp_path / "in"
    (source / "2021" / "06").mkdir(parents=True)
    for seed in sorted((ROOT / "seeds" / "input").glob("*.txt")):
        (source / "2021" / "06" / seed.name).write_bytes(seed.read_bytes())
    (source / "binary.txt").write_bytes(b"\x00\x01")
    (source / "notes.md").write_text("not a dump file")
    report = dump([source], tmp_path / "out", Config(), jobs=2)
    expected = {f"2021/06/{p.name}": p.read_bytes() for p in sorted((ROOT / "seeds" / "expected").glob("*.txt"))}
    assert files_of(tmp_path / "out") == {
        **expected,
        "rejects.jsonl": (tmp_path / "out" / "rejects.jsonl").read_bytes(),
    }
    assert json.loads((tmp_path / "out" / "rejects.jsonl").read_text()) == {
        "source": str(source / "binary.txt"),
        "line": None,
        "reason": "binary file (NUL bytes)",
        "record": "\x00\x01",
    }
    assert (report.stats.documents, report.stats.rejected, report.files) == (5, 1, 6)


def test_a_folder_walk_skips_hidden_folders(tmp_path):
    source = tmp_path / "in"
    (source / ".cache").mkdir(parents=True)
    (source / ".cache" / "old.jsonl").write_text('{"text": "Minks, Belarus"}\n')
    (source / "a.jsonl").write_text('{"text": "Minks, Belarus"}\n')
    report = dump([source], tmp_path / "out", Config(), jobs=1)
    assert files_of(tmp_path / "out") == {"a.jsonl": b'{"text": "Minsk, Belarus"}\n', "rejects.jsonl": b""}
    assert report.files == 1


@pytest.mark.parametrize("suffix", [".gz", ".zst"])
def test_compressed_round_trip(tmp_path, suffix):
    source = tmp_path / "in"
    source.mkdir()
    payload = ("\n".join(RECORDS) + "\n").encode("utf-8")
    compress = gzip.compress if suffix == ".gz" else zstandard.ZstdCompressor().compress
    (source / f"part.jsonl{suffix}").write_bytes(compress(payload))
    (source / "plain.jsonl").write_bytes(payload)
    dump([source], tmp_path / "out", Config(), jobs=1)
    compressed = (tmp_path / "out" / f"part.jsonl{suffix}").read_bytes()
    decompress = gzip.decompress if suffix == ".gz" else zstandard.ZstdDecompressor().decompressobj().decompress
    assert decompress(compressed) == (tmp_path / "out" / "plain.jsonl").read_bytes()
    # reproducible: the same input gives the same compressed bytes
    dump([source], tmp_path / "again", Config(), jobs=2)
    assert (tmp_path / "again" / f"part.jsonl{suffix}").read_bytes() == compressed


@pytest.mark.slow
def test_one_job_and_two_jobs_write_the_same_bytes(tmp_path):
    source = tmp_path / "in"
    source.mkdir()
    for n in range(3):
        (source / f"p{n}.jsonl").write_text(
            "\n".join(json.dumps({"n": i, "text": f"{DIRTY} {i}"}) for i in range(300)) + "\n"  # two batches each
        )
    one = dump([source], tmp_path / "one", Config(), jobs=1)
    two = dump([source], tmp_path / "two", Config(), jobs=2)
    assert files_of(tmp_path / "one") == files_of(tmp_path / "two")
    assert one.stats.as_dict() == two.stats.as_dict()


def test_workers_clean_with_the_rules_the_run_loaded_not_the_file_as_it_is_later(tmp_path):
    """The workers are forked with the Cleaner the run built and checked: they
    load no rule file again (each took 1.8 s of CPU with 20,000 site rules), so
    a rule file rewritten meanwhile cannot give two workers two rule sets."""
    rules = tmp_path / "rules.yaml"
    rules.write_text("rules:\n  - id: t.one\n    kind: replace\n    pattern: Alpha\n    replacement: One\n")
    config = Config(rules=(str(rules),))
    cleaner = Cleaner(config)
    rules.write_text("rules:\n  - id: t.two\n    kind: replace\n    pattern: Alpha\n    replacement: Two\n")
    source = tmp_path / "in.jsonl"
    source.write_text("\n".join(json.dumps({"n": n, "text": f"Alpha {n}"}) for n in range(600)) + "\n")
    LocalEngine(2, cleaner).run(plan([source], tmp_path / "out"), tmp_path / "out", config, "text")
    texts = {json.loads(line)["text"].split()[0] for line in (tmp_path / "out" / "in.jsonl").open()}
    assert texts == {"One"}


def test_jobs_is_also_dash_j_as_in_make_and_cargo(tmp_path):
    source = tmp_path / "in.jsonl"
    source.write_text(json.dumps({"text": "Minks, Belarus"}) + "\n")
    code, _, _ = run_cli("dump", source, "-o", tmp_path / "out", "-j", "1")
    assert code == 0
    assert json.loads((tmp_path / "out" / "in.jsonl").read_text())["text"] == "Minsk, Belarus"


def test_unreadable_input_is_an_error_others_still_written(tmp_path):
    source = tmp_path / "in"
    source.mkdir()
    (source / "broken.jsonl.gz").write_bytes(b"not gzip at all")
    (source / "good.jsonl").write_text(json.dumps({"text": "Minks, Belarus"}) + "\n")
    code, _, err = run_cli("dump", source, "-o", tmp_path / "out")
    assert code == 2
    assert err.splitlines()[0].startswith(f"cleaner: {source / 'broken.jsonl.gz'}: cannot read: ")
    assert (tmp_path / "out" / "good.jsonl").read_text() == '{"text": "Minsk, Belarus"}\n'
    assert not (tmp_path / "out" / "broken.jsonl.gz").exists()


@pytest.mark.slow
def test_resume_after_kill_loses_and_duplicates_nothing(tmp_path):
    source = tmp_path / "in"
    source.mkdir()
    for n in range(8):  # two batches each
        records = [json.dumps({"file": n, "i": i, "text": f"{DIRTY} number {i}."}) for i in range(300)]
        records.insert(7, "{bad")
        (source / f"part-{n:02}.jsonl").write_text("\n".join(records) + "\n")
    out = tmp_path / "out"
    run = subprocess.Popen(
        [sys.executable, "-m", "cleaner", "dump", str(source), "-o", str(out), "--jobs", "1"],
        stderr=subprocess.DEVNULL,
    )
    deadline = time.monotonic() + 300  # a bound for a hang, ample on a busy machine
    while len(list((out / ".cleaner-dump").glob("*.done.json"))) < 3 if out.exists() else True:
        assert run.poll() is None and time.monotonic() < deadline, "the run ended before it could be killed"
        time.sleep(0.01)
    run.send_signal(signal.SIGKILL)
    run.wait()
    finished_before = sorted(p.name for p in (out / ".cleaner-dump").glob("*.done.json"))
    assert 3 <= len(finished_before) < 8
    marker_times = {p.name: p.stat().st_mtime_ns for p in (out / ".cleaner-dump").glob("*.done.json")}

    code, _, err = run_cli("dump", source, "-o", out, "--resume", "--stats", tmp_path / "stats.json")
    assert code == 0, err
    for name in finished_before:  # completed inputs were skipped, not redone
        assert (out / ".cleaner-dump" / name).stat().st_mtime_ns == marker_times[name]
    fresh = dump([source], tmp_path / "fresh", Config(), jobs=2)
    assert files_of(out) == files_of(tmp_path / "fresh")
    stats = json.loads((tmp_path / "stats.json").read_text())
    assert (stats["documents"], stats["rejected"]) == (8 * 300, 8) == (fresh.stats.documents, fresh.stats.rejected)
    assert not [p for p in out.rglob("*") if p.name.endswith(".cleaner-tmp")]


# --- Dask ------------------------------------------------------------------------


@pytest.mark.slow
@pytest.mark.xdist_group("dask")  # one cluster (conftest.cluster) for all
def test_dask_engine_writes_the_same_bytes_as_the_local_engine(tmp_path, cluster, jsonl_dump):
    (jsonl_dump / "nested").mkdir()
    for seed in sorted((ROOT / "seeds" / "input").glob("*.txt")):
        (jsonl_dump / "nested" / seed.name).write_bytes(seed.read_bytes())
    (jsonl_dump / "part.jsonl.zst").write_bytes(
        zstandard.ZstdCompressor().compress((jsonl_dump / "part.jsonl").read_bytes())
    )
    local = dump([jsonl_dump], tmp_path / "local", Config(), jobs=2)
    remote = dump([jsonl_dump], tmp_path / "dask", Config(), scheduler=cluster.scheduler_address)
    assert files_of(tmp_path / "dask") == files_of(tmp_path / "local")
    assert remote.stats.as_dict() == local.stats.as_dict()


@pytest.mark.slow
@pytest.mark.xdist_group("dask")  # one cluster (conftest.cluster) for all
def test_dask_engine_from_the_command_line(tmp_path, cluster, jsonl_dump):
    code, _, err = run_cli(
        "dump", jsonl_dump, "-o", tmp_path / "out", "--engine", "dask", "--scheduler", cluster.scheduler_address
    )
    assert code == 0, err
    assert json.loads((tmp_path / "out" / "part.jsonl").read_text().splitlines()[0])["text"] == CLEAN
    assert run_cli("dump", jsonl_dump, "-o", tmp_path / "x", "--engine", "dask")[:3:2] == (
        2,
        "cleaner: --engine dask needs --scheduler ADDRESS\n",
    )


@pytest.mark.slow
@pytest.mark.xdist_group("dask")  # one cluster (conftest.cluster) for all
def test_dask_bag_and_dataframe_api(cluster):
    import dask.bag
    import dask.dataframe
    import pandas
    from distributed import Client

    from cleaner.dask import clean_bag, clean_dataframe

    with Client(cluster):
        bag = dask.bag.from_sequence([DIRTY, "Already clean.", "Belarussian envoy"], npartitions=2)
        assert clean_bag(bag).compute() == [CLEAN, "Already clean.", "Belarusian envoy"]
        frame = dask.dataframe.from_pandas(pandas.DataFrame({"id": [1, 2], "body": [DIRTY, "x"]}), npartitions=2)
        result = clean_dataframe(frame, "body").compute()
        assert result.to_dict("list") == {"id": [1, 2], "body": [CLEAN, "x"]}


@pytest.mark.slow
def test_progress_bar_on_a_terminal(tmp_path, jsonl_dump):
    """With standard error on a terminal, a progress bar with documents/s and MB/s."""
    import fcntl
    import os
    import pty
    import struct
    import termios

    leader, follower = pty.openpty()
    fcntl.ioctl(follower, termios.TIOCSWINSZ, struct.pack("HHHH", 24, 160, 0, 0))  # a 160-column terminal
    result = subprocess.run(
        [sys.executable, "-m", "cleaner", "dump", str(jsonl_dump), "-o", str(tmp_path / "out")],
        stdin=subprocess.DEVNULL,
        stdout=subprocess.PIPE,
        stderr=follower,
    )
    os.close(follower)
    shown = b""
    while True:
        try:
            chunk = os.read(leader, 65536)
        except OSError:
            break
        if not chunk:
            break
        shown += chunk
    os.close(leader)
    text = shown.decode(errors="replace")
    assert result.returncode == 0
    assert "cleaning" in text and "docs=7" in text and "docs_per_s=" in text and "B/s" in text
    assert "Cleaned 3 documents from 1 files" in text
