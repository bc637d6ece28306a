"""Rule files generated for bench.py's rows of many rules, sites and name variants."""

from __future__ import annotations

import json
import random
from pathlib import Path

SITES = 1000  # for the rows of many sites, the dump's records are spread over this many hosts


def variant_rules(path: Path, count: int, seed: int = 2) -> None:
    """``count`` generated variant spellings, ten a rule like a real name list,
    as YAML or JSON by the file's suffix."""
    rng = random.Random(seed)
    letters = "abcdefghijklmnopqrstuvwxyz"
    rules = []
    for n in range(count // 10):
        words = ["".join(rng.choice(letters) for _ in range(rng.randint(5, 10))).capitalize() for _ in range(11)]
        rules.append({"id": f"generated.r{n}", "kind": "variants", "canonical": words[0], "variants": words[1:]})
    if path.suffix == ".json":
        path.write_text(json.dumps({"rules": rules}, indent=1), encoding="utf-8")
        return
    with open(path, "w", encoding="utf-8") as out:
        out.write("rules:\n")
        for rule in rules:
            out.write(f"  - id: {rule['id']}\n    kind: variants\n    canonical: {rule['canonical']}\n")
            out.write(f"    variants: [{', '.join(rule['variants'])}]\n")


def site_rules(path: Path, per_site: int = 20, seed: int = 3) -> int:
    """``per_site`` generated drop-line rules for each of the dump's sites, as
    ``suggest`` learns them (mostly literal lines, some patterns); return how many."""
    rng = random.Random(seed)
    rules = []
    for site in range(SITES):
        for n in range(per_site):
            words = " ".join(
                rng.choice(["Read", "more", "Sign", "in", "News", "Video", "Menu", "Home"]) for _ in range(3)
            )
            rule = {"id": f"learnt.site{site}.r{n}", "kind": "drop-line", "sites": [f"site{site}.example"]}
            if n % 10 == 9:
                rule["patterns"] = [rf"{words} \d+ (?:min|hours?) ago"]
            else:
                rule["lines"] = [f"{words} {site}-{n}"]
            rules.append(rule)
    path.write_text(json.dumps({"rules": rules}), encoding="utf-8")
    return len(rules)


def replace_rules(path: Path, count: int = 1000, seed: int = 4) -> None:
    """``count`` generated replace rules, each a word of its own to another spelling."""
    rng = random.Random(seed)
    letters = "abcdefghijklmnopqrstuvwxyz"
    rules = []
    for n in range(count):
        word = "".join(rng.choice(letters) for _ in range(rng.randint(6, 10)))
        rules.append(
            {"id": f"generated.replace{n}", "kind": "replace", "pattern": rf"\b{word}\b", "replacement": word.upper()}
        )
    path.write_text(json.dumps({"rules": rules}), encoding="utf-8")
