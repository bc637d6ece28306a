"""Fuzz idempotence on realistic mixes, for every combination of options.

Each case joins random pieces: the built-in rules' example inputs (their
trigger phrases), names and their variants, the same pieces as mojibake
(UTF-8 read as cp1252 or latin-1), HTML entities, and words of many scripts.
``clean(clean(x)) == clean(x)`` must hold with every combination of
``--ascii`` and ``--straight-quotes``.

    python fuzz/fuzz_mix.py --cases 250000 --seed 1    # cases per combination

Prints a JSON line per failure and a summary line; exit 1 if any failed.
``tests/reliability/test_properties.py`` runs the same mixes under hypothesis.
"""

from __future__ import annotations

import argparse
import itertools
import json
import random
import sys

from cleaner import Cleaner, CleanerError, Config

SCRIPTS = [
    "Минск",
    "Лукашенко заявил",
    "«Привет»",
    "東京",
    "国民女婿”你家有吗",
    "잘못이냐”고",
    "עברית",
    "العربية",
    "हिन्दी",
    "ภาษาไทย",
    "Ελληνικά",
    "Straße",
    "naïve café",
    "Ǆ",
    "\u0301",
    "\u200b",
    "\u00a0",
    "\u3000",
]
PUNCTUATION = [
    " ",
    "  ",
    "\n",
    "\n\n",
    "\r\n",
    "\t",
    ".",
    " .",
    " ,",
    ",",
    "“",
    "”",
    "‘",
    "’",
    '"',
    "'",
    "«",
    "»",
    "‹…>",
    "<…>",
    "[…]",
    "…",
    " . . . ",
    "–",
    "—",
    "(",
    ")",
    "?",
    "!",
]
ENTITIES = ["&amp;", "&quot;", "&lt;", "&gt;", "&nbsp;", "&#8217;", "&#x201C;", "&mdash;", "&amp;amp;"]


def pieces(cleaner: Cleaner) -> list:
    """What the mixes are made of: the rules' own phrases, names, variants, and their mojibake."""
    found = set(SCRIPTS) | set(PUNCTUATION) | set(ENTITIES)
    for rule in cleaner.rules:
        found.update(example.input for example in rule.examples)
        found.update(getattr(rule, "variants", []))
        if getattr(rule, "canonical", None):
            found.add(rule.canonical)
    for text in list(found):
        for codec in ("cp1252", "latin-1"):
            try:
                found.add(text.encode("utf-8").decode(codec))
            except UnicodeDecodeError:
                pass
    return sorted(found)


def mix(rng: random.Random, parts: list) -> str:
    return "".join(rng.choice(parts) for _ in range(rng.randint(1, 12)))


OPTION_SETS = [dict(zip(("ascii", "straight_quotes"), flags)) for flags in itertools.product([False, True], repeat=2)]


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cases", type=int, default=10_000, help="cases per combination of options")
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args(argv)
    failures = errors = 0
    counts = {}
    for options in OPTION_SETS:
        cleaner = Cleaner(Config(**options))
        parts = pieces(cleaner)
        rng = random.Random(args.seed)
        name = "+".join(k for k, v in options.items() if v) or "default"
        for _ in range(args.cases):
            text = mix(rng, parts)
            try:
                once = cleaner.clean(text)
            except CleanerError:  # a refused input (a regex budget) is reported, not a failure
                errors += 1
                continue
            twice = cleaner.clean(once)
            if twice != once:
                failures += 1
                print(json.dumps({"options": name, "input": text, "once": once, "twice": twice}), flush=True)
        counts[name] = args.cases
        print(json.dumps({"options": name, "cases": args.cases, "failures so far": failures}), flush=True)
    summary = {"cases": counts, "total": sum(counts.values()), "refused": errors, "failures": failures}
    print(json.dumps(summary), flush=True)
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
