"""The datatrove step in a real datatrove run: its output is what ``cleaner dump`` writes."""

import json
import pickle

import pytest

from datatrove.data import Document
from datatrove.executor import LocalPipelineExecutor
from datatrove.pipeline.readers import JsonlReader
from datatrove.pipeline.writers import JsonlWriter

from cleaner import Cleaner, Config
from cleaner.integrations import datatrove as integration
from cleaner.integrations.datatrove import CleanerStep
from conftest import ROOT, run_in_process

ALL_CHROME = "Add comment\n"  # a document of nothing but a comment-form line


def _write_input(folder):
    """The seeds as JSON Lines in two files, so that each of two tasks gets one,
    and a document that cleaning leaves empty."""
    seeds = sorted((ROOT / "seeds" / "input").glob("*.txt"))
    records = [{"text": p.read_text(encoding="utf-8"), "id": p.stem} for p in seeds]
    records.append({"text": ALL_CHROME, "id": "all-chrome"})
    folder.mkdir()
    for name, part in (("a.jsonl", records[:3]), ("b.jsonl", records[3:])):
        with open(folder / name, "w", encoding="utf-8") as file:
            for record in part:
                file.write(json.dumps(record, ensure_ascii=False) + "\n")
    return {r["id"]: r["text"] for r in records}


def _read_jsonl(folder):
    paths = sorted(folder.glob("*.jsonl"))
    return [json.loads(line) for path in paths for line in path.read_text(encoding="utf-8").splitlines()]


# 2: the step goes to a pool of worker processes (slow: they start and import datatrove)
@pytest.mark.parametrize("workers", [1, pytest.param(2, marks=pytest.mark.slow)])
def test_a_datatrove_run_writes_what_dump_writes(tmp_path, workers):
    originals = _write_input(tmp_path / "in")
    dumped = run_in_process(
        "dump", tmp_path / "in", "-o", tmp_path / "dump", "--jobs", "1", "--stats", tmp_path / "stats.json"
    )
    assert dumped.returncode == 0, dumped.stderr
    by_dump = {r["id"]: r["text"] for r in _read_jsonl(tmp_path / "dump")}
    assert by_dump["all-chrome"] == ""  # dump keeps it, empty; the step drops it below

    integration._compiled.cache_clear()
    merged = LocalPipelineExecutor(
        pipeline=[
            JsonlReader(str(tmp_path / "in")),
            CleanerStep(drop_empty=True, exclusion_writer=JsonlWriter(str(tmp_path / "dropped"), compression=None)),
            JsonlWriter(str(tmp_path / "out"), compression=None),
        ],
        tasks=2,
        workers=workers,
        logging_dir=str(tmp_path / "logs"),
    ).run()

    if workers == 1:  # both tasks ran here: the rules were compiled once, and the second task reused them
        assert integration._compiled.cache_info()[:2] == (1, 1)  # hits, misses

    out = _read_jsonl(tmp_path / "out")
    assert sorted(r["id"] for r in out) == sorted(i for i in originals if i != "all-chrome")
    cleaner = Cleaner()
    for record in out:
        assert record["text"] == by_dump[record["id"]]
        fired = cleaner.clean_with_counts(originals[record["id"]])[1]
        assert fired and record["metadata"]["cleaner_rules"] == dict(fired)

    (dropped,) = _read_jsonl(tmp_path / "dropped")
    assert dropped["id"] == "all-chrome"
    assert dropped["text"] == ALL_CHROME  # as it came, for review
    assert dropped["metadata"]["filter_reason"] == "empty"
    assert dropped["metadata"]["cleaner_rules"] == dict(cleaner.clean_with_counts(ALL_CHROME)[1])

    # datatrove's merged stats count the rules as dump's stats do, over the same documents.
    (step,) = [s.stats for s in merged.stats if s.name == str(CleanerStep())]
    by_rule = {name.removeprefix("rule:"): m.total for name, m in step.items() if name.startswith("rule:")}
    assert by_rule == json.loads((tmp_path / "stats.json").read_text())["rules"]
    counts = [step[name].total for name in ("total", "changed", "forwarded", "dropped", "dropped_empty")]
    assert counts == [6, 5, 5, 1, 1]  # six documents: five seeds, all changed; one left empty


def test_a_config_and_its_fields_choose_the_rules():
    text = "Minsk sent Vladimir McKay.\nAdd comment\n"
    step = CleanerStep(select=["names"], metadata_key="fired")
    (doc,) = step.run([Document(text=text, id="x")])
    assert doc.text == Cleaner(Config(select=("names",))).clean(text)
    assert doc.metadata == {"fired": {"names.makei": 1}}
    assert step.config == CleanerStep(Config(select=("names",))).config


def test_a_document_dump_would_reject_is_dropped_not_fatal(tmp_path):
    """A line past the 16 MiB a line may have: dump rejects the record; the step
    drops it, hands it to the exclusion writer with the reason, and goes on."""
    huge = "x" * (16 * 1024 * 1024 + 1)
    step = CleanerStep(exclusion_writer=JsonlWriter(str(tmp_path), compression=None))
    docs = [Document(text=huge, id="huge"), Document(text="Minsk.\n", id="fine")]
    assert [doc.id for doc in step.run(docs)] == ["fine"]
    (dropped,) = _read_jsonl(tmp_path)
    assert dropped["id"] == "huge" and "more than the" in dropped["metadata"]["filter_reason"]
    assert step.stats["dropped_rejected"].total == 1


def test_the_step_travels_to_workers_without_its_rules():
    """A worker pool gets the step by pickling: it carries its Config, never a compiled Cleaner."""
    step = CleanerStep()
    list(step.run([Document(text=ALL_CHROME, id="x")]))  # compiles in this process
    assert not any(isinstance(value, Cleaner) for value in vars(step).values())
    assert len(pickle.dumps(step)) < len(pickle.dumps(Cleaner())) / 10
