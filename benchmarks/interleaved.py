"""What more rule files cost to clean with, the load of a shared machine cancelled out.

    python benchmarks/interleaved.py DUMP.jsonl RULES.json [RULES.json ...]

Two Cleaners in one process, the built-in rules alone and with ``RULES``
besides, clean each record of the JSON Lines file (its ``text``, its ``url``
as the site) one after the other, the CPU seconds of each summed apart: both
meet the same load, moment by moment. Each goes first on every other record:
the second to clean a text finds what the first left in the caches they share
(lines the Unicode repair left untouched, short lines' shapes). Rule loading
is not counted. Two
passes: the first meets each site for the first time (its stages are made at
its first document), the second only sites seen. ``bench.py --only rules``
gives the row with process start and loading; this gives what it leaves.
"""

from __future__ import annotations

import argparse
import gc
import json
import time
from pathlib import Path

from cleaner import Cleaner, Config


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("dump", type=Path, help="a JSON Lines file with 'text' (and 'url') fields")
    parser.add_argument("rules", nargs="+", help="rule files loaded besides the built-in ones")
    args = parser.parse_args()
    records = [json.loads(line) for line in args.dump.open(encoding="utf-8")]
    alone, more = Cleaner(), Cleaner(Config(rules=tuple(args.rules)))
    gc.freeze()  # as cleaner dump does: the rules are no garbage
    for name in ("first pass (each site met for the first time)", "second pass (every site seen)"):
        seconds = {alone: 0.0, more: 0.0}
        for number, record in enumerate(records):
            for cleaner in (alone, more) if number % 2 else (more, alone):
                started = time.process_time()
                cleaner.clean(record["text"], record.get("url"))
                seconds[cleaner] += time.process_time() - started
        print(
            f"{name}: built-in rules alone {seconds[alone]:.2f} CPU s, with the rule files {seconds[more]:.2f} "
            f"({seconds[alone] / seconds[more]:.2f}x)"
        )


if __name__ == "__main__":
    main()
