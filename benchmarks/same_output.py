"""Clean fixed inputs and write every output, to compare two versions byte for byte.

A speed-up must not change one output byte. Run this once with the old code
first on ``PYTHONPATH`` and once with the new, then compare the folders:

    git archive <old commit> | tar -x -C /tmp/ref
    PYTHONPATH=/tmp/ref python benchmarks/same_output.py /tmp/out-old DUMP.jsonl ...
    python benchmarks/same_output.py /tmp/out-new DUMP.jsonl ...
    diff -r /tmp/out-old /tmp/out-new && echo identical

Inputs: the seeds and the clean corpus (always), then each JSON Lines file
given (its ``text`` field), cleaned without a site and, when the record has a
``url``, with the URL's site (so that site-scoped rules meet their documents).
Each output file holds one JSON string a document. ``--rules FILE ...`` loads
rule files besides the built-in ones (``bench.py``'s generated site and
replace rules, say), so that their paths are compared too.
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path

from cleaner import Cleaner, Config

ROOT = Path(__file__).resolve().parent.parent


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("out", type=Path, help="folder for the outputs")
    parser.add_argument("dumps", nargs="*", type=Path, help="JSON Lines files with a 'text' field")
    parser.add_argument("--rules", nargs="+", default=[], help="rule files to load besides the built-in ones")
    args = parser.parse_args()
    args.out.mkdir(parents=True, exist_ok=True)
    cleaner = Cleaner(Config(rules=tuple(args.rules)))
    texts = {
        "seeds": [p.read_text(encoding="utf-8") for p in sorted((ROOT / "seeds" / "input").glob("*.txt"))],
        "corpus": [p.read_text(encoding="utf-8") for p in sorted((ROOT / "tests" / "corpus").glob("*.txt"))],
    }
    for name, documents in texts.items():
        _write(args.out / f"{name}.jsonl", (cleaner.clean(text) for text in documents))
    for dump in args.dumps:
        records = [json.loads(line) for line in dump.open(encoding="utf-8")]
        _write(args.out / f"{dump.stem}.jsonl", (cleaner.clean(r["text"]) for r in records))
        with_site = [r for r in records if r.get("url")]
        _write(args.out / f"{dump.stem}.site.jsonl", (cleaner.clean(r["text"], site=r["url"]) for r in with_site))


def _write(path: Path, outputs) -> None:
    with open(path, "w", encoding="utf-8") as out:
        for text in outputs:
            out.write(json.dumps(text, ensure_ascii=False) + "\n")


if __name__ == "__main__":
    main()
