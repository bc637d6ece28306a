"""The Dask engine cuts a large JSON Lines file into byte ranges: on a real
LocalCluster, the output is byte for byte the local engine's."""

import json

import pytest

from cleaner import Config
from cleaner.dask import DaskEngine
from cleaner.dask_split import byte_ranges
from cleaner.dump import dump, plan
from cleaner.outputs import gather_rejects

from conftest import ROOT


def big_jsonl(path):
    """Real seed texts as records, with blank lines, bad records and CRLF endings among them."""
    seeds = [p.read_text(encoding="utf-8") for p in sorted((ROOT / "seeds" / "input").glob("*.txt"))]
    lines = []
    for i in range(300):
        lines.append(json.dumps({"id": i, "text": seeds[i % len(seeds)]}, ensure_ascii=False))
        if i % 37 == 0:
            lines.append("{bad json")
        if i % 41 == 0:
            lines.append("")
    path.write_bytes(("\r\n".join(lines[:50]) + "\r\n" + "\n".join(lines[50:]) + "\n").encode("utf-8"))
    return path


def test_ranges_start_at_line_starts_and_cover_the_file(tmp_path):
    source = big_jsonl(tmp_path / "big.jsonl")
    data = source.read_bytes()
    ranges = byte_ranges(source, 4096)
    assert len(ranges) > 10
    assert ranges[0].start == 0 and ranges[-1].end == len(data)
    for before, after in zip(ranges, ranges[1:]):
        assert before.end == after.start and data[after.start - 1 : after.start] == b"\n"
        assert after.first_line == data[: after.start].count(b"\n") + 1


@pytest.mark.slow  # a real Dask cluster
@pytest.mark.xdist_group("dask")  # one cluster (conftest.cluster) for all
def test_a_split_file_is_written_as_the_local_engine_writes_it(tmp_path, cluster):
    inputs = tmp_path / "in"
    inputs.mkdir()
    big_jsonl(inputs / "big.jsonl")
    (inputs / "small.jsonl").write_text('{"text": "Minks, Belarus"}\n', encoding="utf-8")
    local = dump([inputs], tmp_path / "local", Config(), jobs=1, provenance="cleaner_rules")

    outdir = tmp_path / "dask"
    outdir.mkdir()
    files = plan([inputs], outdir)
    engine = DaskEngine(cluster.scheduler_address, split_bytes=8192)
    assert len(byte_ranges(inputs / "big.jsonl", engine.split_bytes)) > 10
    stats, errors = engine.run(files, outdir, Config(), "text", provenance="cleaner_rules")
    gather_rejects(files, outdir)

    assert errors == [] and stats.as_dict() == local.stats.as_dict()
    assert stats.rejected == 9 and stats.changed > 100
    for name in ("big.jsonl", "small.jsonl", "rejects.jsonl"):
        assert (outdir / name).read_bytes() == (tmp_path / "local" / name).read_bytes(), name
    assert not [p for p in outdir.rglob("*") if ".part" in p.name]  # the parts are gone
