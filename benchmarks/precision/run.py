"""What the cleaner changes in real, edited article bodies: a precision review.

    python benchmarks/precision/run.py [--corpus /work/data/precision/corpus.jsonl]
                                       [--report /work/data/precision/report.md]

Runs the built-in rules on every body of the corpus build.py made, and reports
the lines each rule changed, split into whitespace-only changes and others,
per rule and per script, with a word diff of every changed line to review.
The bodies are edited text: every change is a claim that an editor missed
something, so each one listed must be a fix a reviewer would agree with.

A line is counted for a rule when running that rule alone (after the Unicode
repair and whitespace tidying every run does) changes it; the changes of those
two stages are counted under their own names. The summary goes to standard
output, the diffs to the report.
"""

from __future__ import annotations

import argparse
import difflib
import json
import re
import sys
from collections import Counter, defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from cleaner import Cleaner  # noqa: E402
from cleaner.changes import ChangeLog  # noqa: E402
from cleaner.unicode import repair  # noqa: E402

STAGES = ("unicode.", "whitespace.")  # run on every text, with or without rules
TOKEN = re.compile(r"\w+|\s+|[^\w\s]")
SPACES = re.compile(r"\s+")
CONTEXT = 30  # characters of context each side of a change in a word diff


def blocks(old: list, new: list) -> list:
    """(old lines, new lines) of each block that differs, as joined strings."""
    return [
        ("\n".join(old[i1:i2]), "\n".join(new[j1:j2]))
        for tag, i1, i2, j1, j2 in difflib.SequenceMatcher(None, old, new, autojunk=False).get_opcodes()
        if tag != "equal"
    ]


def changed_lines(before: str, after: str) -> list:
    """(old, new, whitespace-only?) for each change; a dropped line pairs with ''.

    Changes of words are found on the lines with spaces and blank lines taken
    out, so that a blank line dropped next to a line never shows as a change of
    that line; changes of spaces alone are the blocks left."""

    def words(text):
        lines = [line for line in text.split("\n") if line.strip()]
        return lines, [SPACES.sub("", line) for line in lines]

    (old, old_keys), (new, new_keys) = words(before), words(after)
    changes = []
    for tag, i1, i2, j1, j2 in difflib.SequenceMatcher(None, old_keys, new_keys, autojunk=False).get_opcodes():
        if tag == "equal":
            continue
        olds, news = old[i1:i2], new[j1:j2]
        pairs = zip(olds, news) if len(olds) == len(news) else [("\n".join(olds), "\n".join(news))]
        changes += [(o, n, False) for o, n in pairs if SPACES.sub("", o) != SPACES.sub("", n)]
    changes += [(o, n, True) for o, n in blocks(before.split("\n"), after.split("\n")) if whitespace_only(o, n)]
    return changes


def whitespace_only(old: str, new: str) -> bool:
    """Only spaces or blank lines added or removed."""
    return SPACES.sub("", old) == SPACES.sub("", new)


def word_diff(old: str, new: str) -> str:
    """`…context [-old-]{+new+} context…`, tokens of words, spaces and marks."""
    a, b = TOKEN.findall(old), TOKEN.findall(new)
    out = []
    for tag, i1, i2, j1, j2 in difflib.SequenceMatcher(None, a, b, autojunk=False).get_opcodes():
        if tag == "equal":
            text = "".join(a[i1:i2])
            if len(text) > 2 * CONTEXT + 1:
                text = (
                    (text[:CONTEXT] + "…" if out else "") + "…" + text[-CONTEXT:]
                    if i2 < len(a)
                    else text[:CONTEXT] + "…"
                )
            out.append(text)
        else:
            removed, added = "".join(a[i1:i2]), "".join(b[j1:j2])
            out.append((f"[-{removed}-]" if removed else "") + (f"{{+{added}+}}" if added else ""))
    return "".join(out).replace("\n", "⏎")


def review(corpus: Path):
    full = Cleaner()
    base = Cleaner(rules=[])
    alone = {rule.id: Cleaner(rules=[rule]) for rule in full.rules}
    counts = defaultdict(Counter)  # rule -> Counter of ("ws" | "other", script)
    diffs = defaultdict(list)  # rule -> [(doc id, kind, word diff)]
    documents = Counter()
    changed_documents = Counter()
    for record in map(json.loads, open(corpus, encoding="utf-8")):
        text, script = record["text"], record["script"]
        documents[script] += 1
        fired = {change.rule for change in full.explain(text)}
        if not fired:
            continue
        changed_documents[script] += 1
        # The two stages every run has, each under the names of the rules it logged
        # (the repair stage also makes runs of spaces single, as whitespace.spaces).
        repair_log = ChangeLog()
        repaired, tidied = repair(text, repair_log), base.clean(text)
        repair_rules = sorted({change.rule for change in repair_log.changes})
        attributions = [
            ("+".join(repair_rules), text, repaired),
            ("+".join(sorted(r for r in fired if r.startswith("whitespace."))), repaired, tidied),
        ]
        stage_rules = {r for r in fired if r.startswith(STAGES)}
        attributions += [(r, tidied, alone[r].clean(text)) for r in sorted(fired - stage_rules)]
        for rule, before, after in attributions:
            for old, new, spaces_only in changed_lines(before, after):
                kind = "ws" if spaces_only else "other"
                counts[rule][kind, script] += 1
                diffs[rule].append((record["id"], kind, word_diff(old, new)))
    return counts, diffs, documents, changed_documents


def summary(counts, documents, changed_documents) -> str:
    scripts = sorted(documents)
    lines = [
        f"{sum(documents.values()):,} bodies, {sum(changed_documents.values()):,} changed. "
        + ", ".join(f"{s} {changed_documents[s]}/{documents[s]}" for s in scripts),
        "",
        "| rule | whitespace-only lines | other lines | lines by script |",
        "|---|---:|---:|---|",
    ]
    for rule in sorted(counts, key=lambda r: -sum(counts[r].values())):
        ws = sum(n for (kind, _), n in counts[rule].items() if kind == "ws")
        other = sum(n for (kind, _), n in counts[rule].items() if kind == "other")
        scripts_hit = Counter()
        for (_, script), n in counts[rule].items():
            scripts_hit[script] += n
        by_script = ", ".join(f"{s} {n}" for s, n in sorted(scripts_hit.items()))
        lines.append(f"| {rule} | {ws} | {other} | {by_script} |")
    ws = sum(n for c in counts.values() for (kind, _), n in c.items() if kind == "ws")
    other = sum(n for c in counts.values() for (kind, _), n in c.items() if kind == "other")
    lines.append(f"| **total** | {ws} | {other} | |")
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--corpus", type=Path, default=Path("/work/data/precision/corpus.jsonl"))
    parser.add_argument("--report", type=Path, default=Path("/work/data/precision/report.md"))
    args = parser.parse_args()
    if not args.corpus.is_file():
        sys.exit(f"run.py: {args.corpus}: no corpus; run benchmarks/precision/build.py first")
    counts, diffs, documents, changed_documents = review(args.corpus)
    table = summary(counts, documents, changed_documents)
    parts = ["# Precision review: lines the built-in rules change in edited text", "", table]
    for rule in sorted(diffs):
        parts += ["", f"## {rule}", ""]
        parts += [f"- `{doc}` ({kind}): `{diff}`" for doc, kind, diff in diffs[rule]]
    args.report.write_text("\n".join(parts) + "\n", encoding="utf-8")
    print(table)
    print(f"\nword diffs: {args.report}")


if __name__ == "__main__":
    main()
