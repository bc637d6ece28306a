"""What the Cyrillic code-page repair costs on the benchmark dump, in one run.

    python benchmarks/cyrillic/speed.py [--size 5] [--rounds 5]

Makes the dump benchmarks/bench.py makes and cleans every document of it with
all the built-in rules, with the repair and without it (made to return its
text as given), in alternating rounds, each call timed alike. Time is the
process's CPU time, not the clock's, so that other programs on a shared machine
do not count; the fastest round of each is compared. The repair's memos (judged
lines, searched chunks) are emptied before each round, so that a round does
not reuse the judgements of the one before.
The CPU time spent inside the repair (its scan, its gate and its judging) is
counted too: on a shared machine the difference of two totals is noisier than
the part. That count holds the timer's own cost around each call, which the
same count around the repair doing nothing shows.
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from bench import make_dump  # noqa: E402

from cleaner import Cleaner, Config, cyrillic  # noqa: E402


def unrepaired(text: str, log) -> str:
    """The pipeline without the repair."""
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


def cpu_seconds(clean, texts: list[str]) -> float:
    started = time.process_time()
    for text in texts:
        clean(text)
    return time.process_time() - started


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--size", type=float, default=5, help="size of the dump in MB (default 5)")
    parser.add_argument("--rounds", type=int, default=5)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="cleaner-cyrillic-speed-") as work:
        make_dump(Path(work), args.size, shards=8)
        texts = [json.loads(line)["text"] for path in sorted(Path(work).glob("*.jsonl")) for line in open(path)]
    clean = Cleaner(Config()).clean
    repair = cyrillic.repair
    runs: dict[str, list[float]] = {"with": [], "without": []}
    shares: dict[str, list[float]] = {"with": [], "without": []}
    for _ in range(args.rounds):
        for name, function in (("with", repair), ("without", unrepaired)):
            inside = [0.0]
            cyrillic.repair = timed(function, inside)  # the same timer around both: the totals compare the repair alone
            cyrillic.forget()  # each round judges its lines anew, as a first cleaning would
            runs[name].append(cpu_seconds(clean, texts))
            shares[name].append(inside[0] / runs[name][-1])
    cyrillic.repair = repair
    best = {name: min(times) for name, times in runs.items()}
    print(
        f"{len(texts)} documents ({args.size:g} MB), all built-in rules, CPU seconds, fastest of {args.rounds} rounds:"
    )
    for name, seconds in best.items():
        print(f"  {name:8} the repair {seconds:6.2f}")
    print(f"  with / without: {best['with'] / best['without']:.3f}")
    low, high = min(shares["with"]), max(shares["with"])
    print(f"  the repair itself (scan, gate, judging): {low:.1%} to {high:.1%} of the CPU with it")
    low, high = min(shares["without"]), max(shares["without"])
    print(f"    of which the timer around each call: {low:.1%} to {high:.1%} (measured around a repair doing nothing)")


if __name__ == "__main__":
    main()
