"""What ``dump --learn`` misses: every chrome line it keeps, with why the miner refused it.

    python benchmarks/real/learn_misses.py --data /work/data/final --part big9 --shape extract

Mines the part's pages as ``dump --learn`` does (``suggest.Miner`` after the built-in rules),
runs ``cleaner dump --learn --site-field url`` on them, aligns its output with the input as
``score.py`` does, and for each chrome line kept prints its site, the documents of the site
that hold it before and after the built-in rules, and the first test of
``suggest.is_learnable`` it fails (or "learned" when a rule was drafted but did not fire).
Then the reasons, grouped and counted, and the article lines by the same reasons (what a
looser test would put at risk).
"""

from __future__ import annotations

import argparse
import collections
import json
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import score  # noqa: E402

from cleaner.learn import MIN_DOCS, MIN_SHARE  # noqa: E402
from cleaner.pipeline import Cleaner  # noqa: E402
from cleaner.settings import Config  # noqa: E402
from cleaner.shapes import LETTER, is_dated, is_prose  # noqa: E402
from cleaner.sites import site_of  # noqa: E402
from cleaner import suggest  # noqa: E402
from cleaner.suggest_keys import compared, digest, labels_date, normalise  # noqa: E402
from cleaner.suggest_place import NUMBER  # noqa: E402


def refusal(seen, line: str, total: int) -> str:
    """Why ``suggest.is_learnable`` refuses ``seen``: "learned" when it does not, else the
    first reason in this order (the lines too rare for any test first)."""
    if seen is None:
        return "not counted (changed by the built-in rules)"
    if suggest.is_learnable(seen, line, total, MIN_DOCS, MIN_SHARE):
        return "learned"
    if seen.docs < 3:
        return "in 1 document of its site" if seen.docs == 1 else "in 2 documents of its site"
    if seen.docs / total < MIN_SHARE:
        return "share"
    if LETTER.search(line) is None:
        return "no letter"
    if is_dated(line) and not labels_date(line) and seen.opens:
        return "dated: a date alone, above the prose in some"
    if is_dated(line) and seen.opens > suggest.MAX_OPENS * seen.docs:
        return "dated: above the prose in most"
    template = "template" if seen.place.is_template(seen.docs) else "no template"
    if seen.inside / seen.docs > suggest.MAX_INSIDE and template == "no template":
        return "inside prose"
    if 0 < seen.headline <= suggest.MAX_HEADLINE * seen.docs:
        return "headline"
    if seen.heads_own > suggest.MAX_HEADS_OWN * seen.docs:
        return "labels the page's own text"
    if is_prose(line):
        return f"prose ({'long' if len(line) > 100 else 'sentence'}), {template if seen.docs >= MIN_DOCS else 'in 3-4'}"
    if seen.docs < MIN_DOCS:
        varies = len({tuple(NUMBER.findall(form)) for form in seen.forms}) > 1
        return f"in 3-4 documents, {'its number varies' if varies else template}"
    return f"not at an edge, too rare for anywhere, {template}"


def key(line: str) -> str:
    """The line as the miner counts it (``suggest_keys.compared``)."""
    return compared(line.strip(), normalise(line.strip()))


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data", type=Path, default=score.DATA)
    parser.add_argument("--shape", choices=score.SHAPES, default="extract")
    parser.add_argument("--part", choices=score.PARTS, default="big9")
    parser.add_argument("--lines", action="store_true", help="print every chrome line kept")
    args = parser.parse_args(argv)

    labels = {}
    for entry in map(json.loads, (args.data / "labels.jsonl").open(encoding="utf-8")):
        if entry["shape"] == args.shape:
            labels[entry["id"]] = entry["labels"]
    records = [json.loads(line) for line in (args.data / f"{args.shape}.jsonl").open(encoding="utf-8")]
    records = [r for r in records if score.PARTS[args.part](r["id"])]

    cleaner = Cleaner(Config())
    miner = suggest.Miner(names=False)
    before: collections.Counter = collections.Counter()  # (site, normalised line) -> documents, raw input
    for record in records:
        site = site_of(record["url"]) or ""
        before.update({(site, key(line)) for line in record["text"].split("\n") if line.strip()})
        miner.add(cleaner.clean(record["text"], site), site)

    with tempfile.TemporaryDirectory() as folder:
        dump = score.part_dump(records, args.shape, folder)
        output = score.run_command(
            f"{score.ROOT}/.venv/bin/cleaner dump {{input}} -o {{outdir}} --jobs 2 --site-field url --learn", dump
        )

    reasons: collections.Counter = collections.Counter()
    article: collections.Counter = collections.Counter()
    examples = collections.defaultdict(collections.Counter)
    for record in records:
        site = site_of(record["url"]) or ""
        lines = record["text"].split("\n")
        fates = score.align(lines, output[record["id"]].split("\n"))
        for line, label, (fate, _) in zip(lines, labels[record["id"]], fates):
            if label not in "ca" or not line.strip():
                continue
            normal = key(line)
            seen = miner.lines.get(suggest.LineKey(site, digest(normal)))
            why = refusal(seen, line.strip(), miner.docs_per_site[site])
            if label == "a":
                article[why] += 1
                continue
            if fate == "dropped":
                continue
            reasons[why] += 1
            examples[why][f"{site}\t{before[site, normal]}>{seen.docs if seen else 0}\t{line.strip()[:90]}"] += 1
    total = sum(reasons.values())
    print(f"{total} chrome lines kept by --learn ({args.part}, {args.shape}); article lines by the same test")
    print("\n| why not learned | chrome kept | article lines |\n|---|---:|---:|")
    for why, count in reasons.most_common():
        print(f"| {why} | {count} | {article[why]} |")
    for why, count in reasons.most_common():
        print(f"\n## {why}: {count}  (site, documents holding it before>after the built-in rules, line)")
        shown = examples[why].most_common(None if args.lines else 25)
        print("\n".join(f"{n:4d}  {text}" for text, n in shown))
    return 0


if __name__ == "__main__":
    sys.exit(main())
