"""Where cleaner's time goes: CPU seconds per stage, first round and later rounds apart.

    python benchmarks/stages.py DUMP.jsonl [DUMP.jsonl ...]

Cleans each JSON Lines file's ``text`` fields in this process (no reading or
writing counted) with every stage timed, and prints one table per file. The
line stage's time is its own: the name and replace stages it runs around are
timed apart. "choosing rules" is ``stages_for`` (site rules, document guards).
``ftfy.fix_text`` cleans the same texts, for the ratio, the two taking turns
document by document (which goes first alternating): on this project's
virtual machine the host's stolen time counts as the process's, and two whole
passes one after the other moved the ratio by half from run to run.
"""

from __future__ import annotations

import argparse
import json
import time
from collections import Counter
from pathlib import Path

import ftfy

from cleaner import Cleaner


class Timed:
    """A stage that adds its time to ``clock[name, round]``."""

    def __init__(self, stage, name: str, clock: Counter, current: list):
        self.stage, self.name, self.clock, self.current = stage, name, clock, current

    def apply(self, text, log):
        started = time.process_time()
        try:
            return self.stage.apply(text, log)
        finally:
            self.clock[self.name, self.current[0]] += time.process_time() - started


class Profiled(Cleaner):
    """A Cleaner whose stages are each ``Timed``."""

    def __init__(self):
        self.clock: Counter = Counter()
        self.current = [1]  # the round under way: 1, or 2 for any later one
        super().__init__()

    def _assemble(self, lines, variants, replace):
        stages = super()._assemble(lines, variants, replace)
        refuse, unicode, inner = stages
        around, *rest = inner.inside
        names = ["variants", "replace"]
        around.inside = [self._timed(stage, name) for stage, name in zip(around.inside, names)]
        rest = [self._timed(stage, type(stage).__name__) for stage in rest]
        inner.inside = [self._timed(around, "lines (own time)"), *rest]
        return [self._timed(refuse, "overlong lines"), self._timed(unicode, "unicode repair"), inner]

    def _timed(self, stage, name):
        return Timed(stage, name, self.clock, self.current)

    def clean(self, text, site=None):
        self.current[0] = 0  # a new document: its first round is round 1
        return super().clean(text, site)

    def stages_for(self, text, site=None):
        """Called at the start of each round: counts it (1, then 2 for any later one)."""
        self.current[0] = min(self.current[0] + 1, 2)
        started = time.process_time()
        stages = super().stages_for(text, site)
        self.clock["choosing rules", self.current[0]] += time.process_time() - started
        return stages


def profile(path: Path) -> None:
    texts = [json.loads(line)["text"] for line in path.open(encoding="utf-8")]
    megabytes = sum(len(t.encode("utf-8")) for t in texts) / 1e6
    cleaner = Profiled()
    tools = {"cleaner": cleaner.clean, "ftfy": ftfy.fix_text}
    spent = dict.fromkeys(tools, 0.0)
    for number, text in enumerate(texts):
        for name in sorted(tools, reverse=number % 2 == 1):  # which goes first alternates
            started = time.process_time()
            tools[name](text)
            spent[name] += time.process_time() - started
    total, fixed = spent["cleaner"], spent["ftfy"]
    clock = cleaner.clock
    for number in (1, 2):
        clock["lines (own time)", number] -= sum(clock[name, number] for name in ("variants", "replace"))
    print(
        f"\n{path.name}: {megabytes:.1f} MB, {len(texts)} documents, {total:.2f} s ({megabytes / total:.2f} MB/s); "
        f"ftfy.fix_text {fixed:.2f} s: cleaner at {fixed / total:.2f}x ftfy"
    )
    print("| stage | round 1 s | later rounds s | share % | MB/s alone |\n| --- | ---: | ---: | ---: | ---: |")
    names = dict.fromkeys(name for name, _ in clock)
    for name in names:
        first, later = clock[name, 1], clock[name, 2]
        alone = megabytes / (first + later) if first + later else float("inf")
        print(f"| {name} | {first:.2f} | {later:.2f} | {100 * (first + later) / total:.0f} | {alone:.1f} |")
    timed = sum(clock.values())
    print(f"| (not in a stage: rounds, budget) | | | {100 * (total - timed) / total:.0f} | |")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("dumps", nargs="+", type=Path, help="JSON Lines files with a 'text' field")
    for path in parser.parse_args().dumps:
        profile(path)


if __name__ == "__main__":
    main()
