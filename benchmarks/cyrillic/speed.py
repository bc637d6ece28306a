"""What the Cyrillic code-page repair costs on the benchmark dump, in one run.

    python benchmarks/cyrillic/speed.py [--size 5] [--rounds 5]

Makes the dump benchmarks/bench.py makes and cleans every document of it with
all the built-in rules, with the repair and without it (its gate made to match
nothing), in alternating rounds. Time is the process's CPU time, not the
clock's, so that other programs on a shared machine do not count; the fastest
round of each is compared. The repair's memo of judged lines is emptied before
each round, so that a round does not reuse the judgements of the one before.
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


def never(text: str) -> bool:
    """A gate that lets nothing through: the pipeline without the repair."""
    return False


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
    gate = cyrillic.suspicious
    runs: dict[str, list[float]] = {"with": [], "without": []}
    for _ in range(args.rounds):
        cyrillic.suspicious = gate
        cyrillic.forget()  # each round judges its lines anew, as a first cleaning would
        runs["with"].append(cpu_seconds(clean, texts))
        cyrillic.suspicious = never
        runs["without"].append(cpu_seconds(clean, texts))
    cyrillic.suspicious = gate
    best = {name: min(times) for name, times in runs.items()}
    print(
        f"{len(texts)} documents ({args.size:g} MB), all built-in rules, CPU seconds, fastest of {args.rounds} rounds:"
    )
    for name, seconds in best.items():
        print(f"  {name:8} the repair {seconds:6.2f}")
    print(f"  with / without: {best['with'] / best['without']:.3f}")


if __name__ == "__main__":
    main()
