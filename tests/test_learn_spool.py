"""``dump --learn`` cleans again only the records that the learned rules can
change: every other output is the first pass's, kept in a spool file. The
outputs must be exactly those of cleaning every record with the learned rules
(``--rules OUT/learned-rules.yaml``), and the spool must never outlive the run."""

import json
import random
from pathlib import Path

import pytest
import yaml

from conftest import run_in_process
from test_learn import CHROME, body, sentence

# delta.example has two documents: too few to learn from, but the built-in rules change them
DELTA = [
    "Talks resume in Minks, Belarus\nThe ministers met on Monday in Minks, Belarus, officials said.\nAdd comment",
    "Border trade grows\nTrade across the border grew again this spring, the report said.\nRelated Articles",
]


def learning_dump(folder: Path) -> None:
    """Two input files: the three sites of ``test_learn``, a fourth of two
    documents, records naming no site, a blank line and a record that is no JSON."""
    rng = random.Random(23)
    first, second = [], []
    for number in range(150):
        site = sorted(CHROME)[number % 3]
        head, middle, tail = CHROME[site]
        lines = body(rng, site, number // 3)
        text = head + lines[:-1] + middle + lines[-1:] + [sentence(rng), sentence(rng)] + tail
        record = {"id": number, "url": f"https://www.{site}/{number}", "text": "\n".join(text)}
        (first if number < 100 else second).append(json.dumps(record, ensure_ascii=False))
    first.insert(10, json.dumps({"id": "delta-0", "url": "https://delta.example/0", "text": DELTA[0]}))
    first.insert(20, json.dumps({"id": "no-site", "text": DELTA[0]}))
    first.insert(30, "")
    first.insert(40, '{"id": "broken", "text": ')
    second.insert(5, json.dumps({"id": "delta-1", "url": "https://delta.example/1", "text": DELTA[1]}))
    (folder / "in").mkdir()
    (folder / "in" / "a.jsonl").write_text("\n".join(first) + "\n", encoding="utf-8")
    (folder / "in" / "b.jsonl").write_text("\n".join(second) + "\n", encoding="utf-8")


def tree(folder: Path) -> dict:
    """Every file a dump left in ``folder``, by its path there, but the lock and the learned rules."""
    return {
        str(path.relative_to(folder)): path.read_bytes()
        for path in sorted(folder.rglob("*"))
        if path.is_file() and path.name not in ("lock", "learned-rules.yaml")
    }


@pytest.fixture(scope="module")
def reference(tmp_path_factory):
    """The dump, learned once, and every record cleaned with the learned rules (the full second pass)."""
    folder = tmp_path_factory.mktemp("spool")
    learning_dump(folder)
    learned = run_in_process("dump", "in", "-o", "learned", "--site-field", "url", "--learn", cwd=folder)
    assert learned.returncode == 0, learned.stderr
    rules = folder / "learned" / "learned-rules.yaml"
    full = run_in_process("dump", "in", "-o", "full", "--site-field", "url", "--rules", rules, cwd=folder)
    assert full.returncode == 0, full.stderr
    return folder


def test_two_sites_learn_and_two_do_not(reference):
    """gamma's chrome is the built-in rules' already ("Most Read", "Privacy
    Policy"), delta has two documents: their records are not cleaned again."""
    rules = yaml.safe_load((reference / "learned" / "learned-rules.yaml").read_text(encoding="utf-8"))["rules"]
    assert {site for rule in rules for site in rule["sites"]} == {"alpha.example", "beta.example"}
    lines = (reference / "full" / "a.jsonl").read_text(encoding="utf-8").splitlines()
    full = {r["id"]: r["text"] for r in map(json.loads, filter(None, lines))}
    clean = "Talks resume in Minsk, Belarus\nThe ministers met on Monday in Minsk, Belarus, officials said."
    assert full["delta-0"] == full["no-site"] == clean


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_learn_writes_what_cleaning_every_record_with_the_learned_rules_writes(reference, jobs):
    out = f"out-{jobs}"
    result = run_in_process("dump", "in", "-o", out, "--site-field", "url", "--learn", "--jobs", jobs, cwd=reference)
    assert result.returncode == 0, result.stderr
    learned = (reference / out / "learned-rules.yaml").read_bytes()
    assert learned == (reference / "learned" / "learned-rules.yaml").read_bytes()
    outputs = tree(reference / out)
    assert outputs == tree(reference / "full")  # outputs, rejects and each input's counts
    assert b"broken" in outputs["rejects.jsonl"] and len(outputs) == 7
    assert not [path for path in (reference / out).rglob("*") if "spool" in path.name or "cleaner-tmp" in path.name]


def test_a_failed_learn_run_leaves_no_spool_and_no_partial_output(reference):
    (reference / "failed" / "a.jsonl" / "in-the-way").mkdir(parents=True)  # the first output cannot be renamed
    result = run_in_process("dump", "in", "-o", "failed", "--site-field", "url", "--learn", cwd=reference)
    assert result.returncode != 0
    assert (reference / "failed" / "learned-rules.yaml").is_file()  # the second pass had begun
    left = sorted(str(path.relative_to(reference / "failed")) for path in (reference / "failed").rglob("*"))
    assert left == [".cleaner-dump", ".cleaner-dump/lock", "a.jsonl", "a.jsonl/in-the-way", "learned-rules.yaml"]


def test_the_learned_rules_reach_the_records_of_their_sites_only(tmp_path):
    from cleaner.learn import Reach
    from cleaner.pipeline import Cleaner, Config

    path = tmp_path / "learned.yaml"
    rules = [
        {"id": "a", "kind": "drop-line", "sites": ["alpha.example"], "lines": ["Menu"]},
        {"id": "b", "kind": "drop-line", "sites": ["*.beta.example"], "lines": ["Menu"]},
    ]
    path.write_text(yaml.safe_dump({"rules": rules}), encoding="utf-8")
    reach = Reach(Cleaner(Config(rules=(str(path),))), path)
    assert [reach.reaches(site) for site in ("alpha.example", "https://www.Alpha.example/x", "news.beta.example")] == [
        True,
        True,
        True,
    ]
    assert [reach.reaches(site) for site in ("beta.example", "gamma.example", None, "")] == [False, False, False, False]
    # a rule with a document guard may fire on a record of unknown site; one scoped to no site, everywhere
    guarded = rules + [{"id": "c", "kind": "drop-line", "sites": ["gamma.example"], "lines": ["Menu"], "when": "x"}]
    path.write_text(yaml.safe_dump({"rules": guarded}), encoding="utf-8")
    reach = Reach(Cleaner(Config(rules=(str(path),))), path)
    assert reach.reaches(None) and not reach.reaches("delta.example")
    path.write_text(yaml.safe_dump({"rules": rules + [{"id": "d", "kind": "drop-line", "lines": ["Menu"]}]}))
    reach = Reach(Cleaner(Config(rules=(str(path),))), path)
    assert reach.reaches(None) and reach.reaches("delta.example")
    # rules loaded from another file are not the learned ones
    assert not Reach(Cleaner(Config(rules=(str(path),))), tmp_path / "other.yaml").reaches("alpha.example")


def test_the_outputs_kept_from_the_first_pass_carry_their_provenance(reference):
    """``--provenance`` names the rules that fired in a changed record: those
    of a record written from the spool are the first pass's, as a second
    cleaning would name them."""
    options = ["in", "--site-field", "url", "--provenance", "--jobs", "2"]
    learned = run_in_process("dump", *options, "-o", "prov", "--learn", cwd=reference)
    assert learned.returncode == 0, learned.stderr
    rules = reference / "prov" / "learned-rules.yaml"
    full = run_in_process("dump", *options, "-o", "prov-full", "--rules", rules, cwd=reference)
    assert full.returncode == 0, full.stderr
    assert tree(reference / "prov") == tree(reference / "prov-full")
    delta = [
        json.loads(line) for line in (reference / "prov" / "a.jsonl").read_text().splitlines() if "delta-0" in line
    ]
    assert delta[0]["cleaner_rules"] == {"names.minsk": 2, "chrome.comment-form": 1}
