"""What the Cyrillic code-page repair costs on the benchmark dump, in one run.

    python benchmarks/cyrillic/speed.py [--size 5] [--rounds 10]

Makes the dump benchmarks/bench.py makes and cleans every document of it with
all the built-in rules, with the Unicode stage as it is and with the stage
without the Cyrillic repair (``plain_stage``: ftfy's gates and repair alone, as
the stage was before the repair came). The two take turns document by
document, which goes first alternating, so that whatever else slows the
machine (other programs, and on a virtual machine its host, whose stolen time
the guest counts as the process's) falls on both alike: timed as two whole
passes, one round's ratio moved from 0.7 to 1.6 on an idle machine. Time is
the process's CPU time. The repair's memos (judged lines, searched chunks) are
emptied before each round, so that a round judges its lines anew, as a first
cleaning would.

Two figures, each the median over the rounds: the ratio of the two totals of
one round (the issue's "no more than 5% slower"), and the CPU spent inside the
Unicode stage with the repair less that without it, as a share of the total
without it (timed alike around both stages, so the timer cancels out).
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import tempfile
import time
from pathlib import Path

import ftfy.fixes

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from bench import make_dump  # noqa: E402

from cleaner import Cleaner, Config, cyrillic, unicode  # noqa: E402


def plain_stage(text: str, log) -> str:
    """The Unicode stage without the Cyrillic repair."""
    if unicode.TEXT_NEEDS_REPAIR.search(text) is not None or "  " in text:
        return unicode._repair_lines(ftfy.fixes.fix_line_breaks(text), log)
    return text


def timed(function, spent: list[float]):
    """``function``, adding the CPU seconds of each call to ``spent[0]``."""

    def call(*args):
        started = time.process_time()
        try:
            return function(*args)
        finally:
            spent[0] += time.process_time() - started

    return call


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--size", type=float, default=5, help="size of the dump in MB (default 5)")
    parser.add_argument("--rounds", type=int, default=10)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="cleaner-cyrillic-speed-") as work:
        make_dump(Path(work), args.size, shards=8)
        texts = [json.loads(line)["text"] for path in sorted(Path(work).glob("*.jsonl")) for line in open(path)]
    clean = Cleaner(Config()).clean
    stages = {"with": unicode.repair, "without": plain_stage}
    whole = unicode._repair
    totals: dict[str, list[float]] = {"with": [], "without": []}
    inside: dict[str, list[float]] = {"with": [], "without": []}
    for _ in range(args.rounds):
        cyrillic.forget()  # each round judges its lines anew, as a first cleaning would
        spent = {name: [0.0] for name in stages}
        repair = {name: timed(stages[name], spent[name]) for name in stages}
        total = dict.fromkeys(stages, 0.0)
        for number, text in enumerate(texts):
            for name in sorted(stages, reverse=number % 2 == 1):  # which goes first alternates
                # UnicodeRepair.apply calls the module's _repair (each round repairing the whole text)
                unicode._repair = lambda text, log, left, repair=repair[name]: (repair(text, log), None)
                started = time.process_time()
                clean(text)
                total[name] += time.process_time() - started
        for name in stages:
            totals[name].append(total[name])
            inside[name].append(spent[name][0])
    unicode._repair = whole
    ratios = [with_ / without for with_, without in zip(totals["with"], totals["without"])]
    shares = [(a - b) / total for a, b, total in zip(inside["with"], inside["without"], totals["without"])]
    print(f"{len(texts)} documents ({args.size:g} MB), all built-in rules, CPU seconds, {args.rounds} rounds:")
    for name in stages:
        print(
            f"  {name:8} the repair: total median {statistics.median(totals[name]):6.2f} "
            f"(fastest {min(totals[name]):.2f}), Unicode stage median {statistics.median(inside[name]):.3f}"
        )
    fastest = min(totals["with"]) / min(totals["without"])
    print(f"  with / without, median of the rounds' ratios: {statistics.median(ratios):.3f}", end="")
    print(f" (from {min(ratios):.3f} to {max(ratios):.3f}; fastest / fastest {fastest:.3f})")
    print(f"  the repair's own CPU (stage with it less stage without): {statistics.median(shares):.1%}", end="")
    print(f" of the total without it (from {min(shares):.1%} to {max(shares):.1%})")


if __name__ == "__main__":
    main()
