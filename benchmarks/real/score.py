"""Score line cleaners on the real-page evaluation built by build.py: one Markdown table per shape.

    python benchmarks/real/score.py                      # every tool, both shapes
    python benchmarks/real/score.py --only cleaner --tool \\
        "chrome=.venv/bin/cleaner dump --select chrome {input} -o {outdir}"

For each shape (page.jsonl: whole-page text; extract.jsonl: trafilatura recall output) every
tool gets the dump and writes its output, which is aligned line by line with the input
(difflib on lines with their spacing collapsed, so a change of spacing alone is not counted;
an unmatched input line is "modified" when a nearby unmatched output line contains it, is
contained in it, or shares 60% of its words in order (difflib ratio; characters for lines of
under 4 words, such as Chinese), else "dropped").
Against the labels from build.py:

  chrome removed %   chrome lines dropped / chrome lines
  article dropped %  article lines dropped / article lines
  article modified   article lines changed but kept (examples under the table)
  (a line removed whose copy the output keeps right where it stood, e.g. a headline
  under its page title once the site suffix and the lines between are gone, counts
  as kept: deduplicating is a fix)
  title              the first line (<title>): dropped / modified counts (a trimmed
                     site suffix is a fix, a dropped title a loss)

Tools (--only picks them by name prefix; --tool NAME=COMMAND adds one: COMMAND is run by the
shell with {input} the dump file and {outdir} an empty folder where it must write
{outdir}/<shape>.jsonl with the same ids, as `cleaner dump` does):

  cleaner built-in     cleaner dump (the built-in rules)
  cleaner dump --learn cleaner dump --learn --site-field url (learns each site's chrome first)
  cleaner suggest      cleaner suggest --site-field url -o DRAFT, then cleaner dump --rules DRAFT
  CCNet dedup (paper)  cc_net's line dedup as mine.py runs it: a line whose normalised hash
                       occurs twice or more in the shard (here: the whole dump) is removed,
                       every occurrence, and a document left with no line is dropped
  CCNet dedup (1-pass) cc_net dedup.deduplicate(): the first occurrence kept, later ones removed
  C4 lines             datatrove C4QualityFilter, its line filters with their defaults
                       (terminal punctuation, 3 words, javascript, policy, long words,
                       citations), the document-level checks off
  C4 lines + doc drops the same plus its document drops on "{" and "lorem ipsum" (the
                       5-sentence minimum needs spacy and is left off)
"""

from __future__ import annotations

import argparse
import bisect
import collections
import difflib
import hashlib
import json
import os
import re
import shlex
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
DATA = Path("/work/data/realeval")
SHAPES = {"page": "whole-page text", "extract": "extractor output (trafilatura, favor_recall=True)"}
SIMILAR = 0.6
# --parts: halves to tune on and check against (trafilatura's pages by the parity of their
# number, and Readability's pages, whose gold is full), and the Big9 pages (nine sites, forty
# pages each: what per-site learning needs), scored from the same output
PARTS = {
    "traf even": lambda i: i.startswith("traf-") and int(i[-1]) % 2 == 0,
    "traf odd": lambda i: i.startswith("traf-") and int(i[-1]) % 2 == 1,
    "read": lambda i: i.startswith("read-"),
    "big9": lambda i: i.startswith("big9-"),
}
PUBLIC_SOURCES = {"trafilatura", "readability", "big9"}
EXAMPLES = 4


def parts_of(records: list[dict]) -> dict:
    """The PARTS that hold some of ``records``, and one part for each source of
    your own pages (build.py --pages NAME=DIR: ids NAME-...).

    >>> list(parts_of([{"id": "news-a1", "source": "news"}, {"id": "read-x", "source": "readability"}]))
    ['read', 'news']
    """
    own = sorted({record["source"] for record in records} - PUBLIC_SOURCES)
    every = {**PARTS, **{name: (lambda i, prefix=name + "-": i.startswith(prefix)) for name in own}}
    return {name: within for name, within in every.items() if any(within(record["id"]) for record in records)}


# cc_net/text_normalizer.py (facebookresearch/cc_net, MIT): normalize_for_dedup's tables.
CCNET_PUNCT = "，。、„”“«»１」「《》´∶：？！（）；–—．～’…━〈〉【】％►"
CCNET_PUNCT_OR_NON_PRINTING = re.compile(
    "[" + CCNET_PUNCT + "".join(map(chr, list(range(0, 32)) + list(range(127, 160)))) + "]"
)
CCNET_DIGIT = re.compile(r"\d")


def ccnet_normalize(line: str) -> str:
    """cc_net's normalize_for_dedup.

    >>> ccnet_normalize("  Read more… (12 comments) ")
    'read more (00 comments)'
    """
    line = line.strip()
    if not line:
        return line
    line = line.lower()
    line = CCNET_DIGIT.sub("0", line)
    return CCNET_PUNCT_OR_NON_PRINTING.sub("", line)


def ccnet_hash(line: str) -> int:
    """cc_net's line hash: the first 8 bytes of the SHA-1 of the normalised line, as uint64."""
    return int.from_bytes(hashlib.sha1(ccnet_normalize(line).encode("utf-8")).digest()[:8], "little")


def ccnet_paper(records: list[dict]) -> dict[str, str]:
    """mine.py: HashesCollector over the shard, then DuplicatesRemover (every copy removed)."""
    seen_twice: dict[int, bool] = {}
    for record in records:
        for h in map(ccnet_hash, record["text"].split("\n")):
            seen_twice[h] = h in seen_twice
    return {
        r["id"]: "\n".join(line for line in r["text"].split("\n") if not seen_twice[ccnet_hash(line)]) for r in records
    }


def ccnet_one_pass(records: list[dict]) -> dict[str, str]:
    """dedup.deduplicate(): DuplicatesRemover(collect=True), then finalize_doc's in-document pass."""
    seen: set[int] = set()
    out = {}
    for record in records:
        lines = record["text"].split("\n")
        hashes = [ccnet_hash(line) for line in lines]
        before = [h in seen for h in hashes]
        seen.update(hashes)
        kept, in_doc = [], set()
        for line, h, old in zip(lines, hashes, before):
            if not old and h not in in_doc:
                kept.append(line)
            in_doc.add(h)
        out[record["id"]] = "\n".join(kept)
    return out


def c4_lines(records: list[dict], doc_drops: bool = False) -> dict[str, str]:
    from datatrove.data import Document
    from datatrove.pipeline.filters.c4_filters import C4QualityFilter

    c4 = C4QualityFilter(min_num_sentences=-1, filter_lorem_ipsum=doc_drops, filter_curly_bracket=doc_drops)
    out = {}
    for record in records:
        document = Document(text=record["text"], id=record["id"])
        out[record["id"]] = document.text if c4.filter(document) is True else ""
    return out


def run_command(template: str, dump: Path) -> dict[str, str]:
    with tempfile.TemporaryDirectory(prefix="realeval-") as outdir:
        command = template.format(
            input=shlex.quote(str(dump)),
            outdir=shlex.quote(outdir),
            draft=shlex.quote(str(Path(outdir) / "draft.yaml")),
        )
        done = subprocess.run(command, shell=True, cwd=ROOT, capture_output=True, text=True)
        if done.returncode not in (0, 1):
            raise SystemExit(f"{command}\nexit {done.returncode}: {done.stderr.strip()[-2000:]}")
        output = Path(outdir) / dump.name
        return {r["id"]: r["text"] for r in map(json.loads, output.open(encoding="utf-8"))}


def part_dump(records: list[dict], shape: str, folder: str) -> Path:
    """``records`` written as a dump of their own, named as the shape's (tools write ``{outdir}/<shape>.jsonl``)."""
    path = Path(folder) / f"{shape}.jsonl"
    with path.open("w", encoding="utf-8") as out:
        out.writelines(json.dumps(record, ensure_ascii=False) + "\n" for record in records)
    return path


def align(before: list[str], after: list[str]) -> list[tuple[str, str | None]]:
    """(kept | modified | dropped, the output line) for each input line.

    >>> align(["Home", "Body text here.", "Share", "Title | Site"], ["Body text here.", "Title"])
    [('dropped', None), ('kept', 'Body text here.'), ('dropped', None), ('modified', 'Title')]
    """
    a = [" ".join(line.split()) for line in before]  # spacing inside a line is no damage
    b = [" ".join(line.split()) for line in after]
    fates: list[tuple[str, str | None]] = []
    matcher = difflib.SequenceMatcher(None, a, b, autojunk=False)
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        if op == "equal":
            fates += [("kept", line) for line in b[j1:j2]]
            continue
        j = j1
        for line in a[i1:i2]:
            for k in range(j, min(j2, j + 5)):
                if similar(line, b[k]):
                    fates.append(("modified", b[k]))
                    j = k + 1
                    break
            else:
                fates.append(("dropped", None))
    return fates


def similar(line: str, out: str) -> bool:
    if not line or not out:
        return False
    if line in out or out in line:
        return True
    words, out_words = line.split(), out.split()
    if min(len(words), len(out_words)) < 4:  # a short line, or a script written without spaces
        words, out_words = line, out
    matcher = difflib.SequenceMatcher(None, words, out_words, autojunk=False)
    return matcher.quick_ratio() >= SIMILAR and matcher.ratio() >= SIMILAR


def difference(line: str, new: str, context: int = 25, width: int = 200) -> str:
    """The changed stretch of a line, with some context on each side, at most
    ``width`` characters from its first change (a line changed in several
    places far apart shows its first change only).

    >>> difference("The Spanish Town Police Station in St Catherine.", "The Spanish Town Policy Station in St Catherine.")
    '`The Spanish Town Police Station in St Catherine.` → `The Spanish Town Policy Station in St Catherine.`'
    >>> difference("Police have since launched a search for the woman, who fled", "Policy have since launched a search for the woman, who fled", 5)
    '`Police have…` → `Policy have…`'
    >>> difference("a , b" + " x" * 200 + " , c", "a, b" + " x" * 200 + ", c", 2, 10)
    '`a , b x x …` → `a, b x x x…`'
    """
    line = " ".join(line.split())
    start = len(os.path.commonprefix([line, new]))
    end = len(os.path.commonprefix([line[start:][::-1], new[start:][::-1]]))
    begin = max(0, start - context)

    def cut(text: str) -> str:
        stop = min(len(text) - end + context, begin + width)
        return ("…" if begin else "") + text[begin:stop] + ("…" if stop < len(text) else "")

    return f"`{cut(line)}` → `{cut(new)}`"


def deduplicated(lines: list[str], fates: list[tuple[str, str | None]]) -> list[tuple[str, str | None]]:
    """``fates`` with a dropped line counted as kept when the output keeps its copy
    right where it stood: the output line of the nearest line kept (or modified)
    before or after it is the same text. Deduplicating is a fix, and the output
    cannot tell which copy it kept: a headline whose page title, its site suffix
    trimmed, now stands right above it ("Talks resume - Courier", menu lines
    dropped, "Talks resume") gives "Talks resume" once either way.

    >>> deduplicated(["Talks resume - Courier", "Home", "Talks resume", "Body."],
    ...              [("modified", "Talks resume"), ("dropped", None), ("dropped", None), ("kept", "Body.")])
    [('modified', 'Talks resume'), ('dropped', None), ('kept', 'Talks resume'), ('kept', 'Body.')]
    >>> deduplicated(["Home", "News", "Home"], [("kept", "Home"), ("dropped", None), ("dropped", None)])
    [('kept', 'Home'), ('dropped', None), ('kept', 'Home')]
    """
    survivors = [i for i, (fate, _) in enumerate(fates) if fate != "dropped"]
    result = list(fates)
    for i, (fate, _) in enumerate(fates):
        if fate != "dropped":
            continue
        at = bisect.bisect(survivors, i)
        neighbours = [fates[j] for j in survivors[max(at - 1, 0) : at + 1]]
        text = " ".join(lines[i].split())
        if any(new == text for _, new in neighbours):
            result[i] = ("kept", text)
    return result


def score(records: list[dict], labels: dict[str, str], output: dict[str, str]):
    counts = collections.Counter()
    modified, dropped = [], []
    for record in records:
        lines = record["text"].split("\n")
        if record["id"] not in output:
            counts["missing"] += 1
            continue
        fates = deduplicated(lines, align(lines, output[record["id"]].split("\n")))
        for line, label, (fate, new) in zip(lines, labels[record["id"]], fates):
            counts[label, fate] += 1
            if label == "a" and fate == "modified":
                modified.append((record["id"], line, new))
            elif label == "a" and fate == "dropped":
                dropped.append((record["id"], line))
    return counts, modified, dropped


def row(name: str, counts: collections.Counter, modified: list, seconds: str) -> str:
    """One tool's row of the table."""
    chrome = sum(counts["c", f] for f in ("kept", "modified", "dropped"))
    article = sum(counts["a", f] for f in ("kept", "modified", "dropped"))
    missing = f" ({counts['missing']} records missing)" if counts["missing"] else ""
    return (
        f"| {name}{missing} | {100 * counts['c', 'dropped'] / max(chrome, 1):.1f} "
        f"| {100 * counts['a', 'dropped'] / max(article, 1):.2f} | {len(modified)} "
        f"| {counts['T', 'dropped']} / {counts['T', 'modified']} | {seconds} |"
    )


def tools(args) -> dict[str, object]:
    cleaner = shlex.quote(str(args.cleaner))
    every = {
        "cleaner built-in": f"{cleaner} dump {{input}} -o {{outdir}} --jobs {args.jobs}",
        "cleaner dump --learn --site-field url": (
            f"{cleaner} dump {{input}} -o {{outdir}} --jobs {args.jobs} --site-field url --learn"
        ),
        "cleaner suggest --site-field url": (
            f"{cleaner} suggest {{input}} --site-field url -o {{draft}} >/dev/null && "
            f"{cleaner} dump --rules {{draft}} {{input}} -o {{outdir}} --jobs {args.jobs}"
        ),
        "CCNet dedup (paper, 2-pass)": ccnet_paper,
        "CCNet dedup (1-pass)": ccnet_one_pass,
        "C4 lines (datatrove)": c4_lines,
        "C4 lines + doc drops": lambda records: c4_lines(records, doc_drops=True),
    }
    for spec in args.tool:
        name, _, command = spec.partition("=")
        every[name] = command
    if args.only:
        every = {k: v for k, v in every.items() if any(k.startswith(p) for p in args.only)}
    return every


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data", type=Path, default=DATA, help="build.py's output folder")
    parser.add_argument("--cleaner", type=Path, default=ROOT / ".venv/bin/cleaner")
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("--shape", choices=SHAPES, action="append", help="default: both")
    parser.add_argument("--only", action="append", help="tool name prefix (repeatable)")
    parser.add_argument("--tool", action="append", default=[], metavar="NAME=COMMAND")
    parser.add_argument("--report", type=Path, help="also write the dropped/modified article lines here")
    parser.add_argument(
        "--parts", action="store_true", help="also a row per part: " + ", ".join(PARTS) + ", and each source of --pages"
    )
    parser.add_argument(
        "--part",
        help="run the tools on this part's pages alone (its sites learn the same as in the whole dump)",
    )
    args = parser.parse_args(argv)

    all_labels = collections.defaultdict(dict)
    for entry in map(json.loads, (args.data / "labels.jsonl").open(encoding="utf-8")):
        all_labels[entry["shape"]][entry["id"]] = entry["labels"]
    report = args.report.open("w", encoding="utf-8") if args.report else None
    scratch = tempfile.TemporaryDirectory(prefix="realeval-part-")
    for shape in args.shape or list(SHAPES):
        dump = args.data / f"{shape}.jsonl"
        records = [json.loads(line) for line in dump.open(encoding="utf-8")]
        parts = parts_of(records)
        if args.part:
            if args.part not in parts:
                parser.error(f"--part: unknown part {args.part!r} (known: {', '.join(parts)})")
            records = [r for r in records if parts[args.part](r["id"])]
            dump = part_dump(records, shape, scratch.name)
        labels = all_labels[shape]
        totals = collections.Counter(label for r in records for label in labels[r["id"]])
        print(
            f"\n### {SHAPES[shape]}: {len(records)} pages, {len({r['url'] for r in records})} URLs;"
            f" lines labelled chrome {totals['c']}, article {totals['a']}, title {totals['T']},"
            f" unknown {totals['u']} (not scored)\n"
        )
        print("| tool | chrome removed % | article dropped % | article modified | titles dropped / modified | s |")
        print("|---|---:|---:|---:|---:|---:|")
        notes = []
        for name, tool in tools(args).items():
            started = time.time()
            output = tool(records) if callable(tool) else run_command(tool, dump)
            seconds = time.time() - started
            counts, modified, dropped = score(records, labels, output)
            print(row(name, counts, modified, f"{seconds:.0f}"))
            for part, within in parts.items() if args.parts else ():
                part_counts, part_modified, _ = score([r for r in records if within(r["id"])], labels, output)
                print(row(f"{name} ({part})", part_counts, part_modified, ""))
            for record_id, line, new in modified[:EXAMPLES]:
                notes.append(f"- {name}, {record_id}: {difference(line, new)}")
            if report:
                report.write(f"## {shape} / {name}: {len(dropped)} article lines dropped, {len(modified)} modified\n")
                report.writelines(f"DROPPED {i}\t{line}\n" for i, line in dropped)
                report.writelines(f"MODIFIED {i}\t{line}\t→\t{new}\n" for i, line, new in modified)
        if notes:
            print("\nArticle lines modified (first examples):\n")
            print("\n".join(notes))
    print(f"\nReproduce: python benchmarks/real/build.py && python benchmarks/real/score.py (data: {args.data})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
