"""``cleaner suggest``: mine a dump for the rules it needs; write a draft rule file."""

from __future__ import annotations

import json
import sys
from pathlib import Path

from ..config import resolve
from ..report import OK
from ..settings import COUNT, SHARE, flag_type
from . import progress, write_output


def add_parser(commands, parents) -> None:
    parser = commands.add_parser(
        "suggest",
        parents=[parents.rules],
        help="mine a dump for boilerplate lines and name variants; write a draft rule file",
        description="Read a dump (the same inputs as dump), clean it with the loaded rules, and "
        "propose rules for what remains: lines that recur across documents with the shape and "
        "place of site chrome, and rarer spellings close to known or frequent names. Writes a "
        "draft rule file to review, and prints a ranked report.",
    )
    parser.add_argument("inputs", nargs="+", metavar="INPUT", help="dump file or folder")
    parser.add_argument("-o", "--output", required=True, metavar="DRAFT", help="the draft rule file to write (.yaml)")
    parser.add_argument("--field", default="text", help="the text field of JSON Lines records (default: text)")
    parser.add_argument(
        "--site-field", metavar="FIELD", help="a field naming each record's source, e.g. url (host taken)"
    )
    parser.add_argument(
        "--min-docs",
        type=flag_type(COUNT),
        default=5,
        metavar="N",
        help="a line must recur in N documents (default: 5)",
    )
    parser.add_argument(
        "--min-share",
        type=flag_type(SHARE),
        default=0.02,
        metavar="F",
        help="... and in this share of its source's documents (default: 0.02)",
    )
    parser.add_argument(
        "--top",
        type=flag_type(COUNT),
        default=20,
        metavar="N",
        help="candidates of each kind in the report (default: 20)",
    )
    parser.add_argument("--format", choices=["text", "json"], default="text", help="report format")
    parser.set_defaults(run=run)


def run(args) -> int:
    from ..pipeline import Cleaner
    from ..records import Stats
    from ..suggest import draft_text, suggest

    cleaner = Cleaner(resolve(args).config)
    with progress() as on_batch:
        found = suggest(
            args.inputs,
            cleaner,
            text_field=args.field,
            site_field=args.site_field,
            min_docs=args.min_docs,
            min_share=args.min_share,
            on_document=(lambda size: on_batch(Stats(documents=1, bytes_in=size))) if on_batch else None,
        )
    write_output(Path(args.output), draft_text(found).encode("utf-8"))
    lines, names = found.boilerplate[: args.top], found.variants[: args.top]
    if args.format == "json":
        report = {
            "documents": found.documents,
            "draft": args.output,
            "boilerplate": [
                {"line": c.line, "site": c.site, "docs": c.docs, "share": round(c.share, 4),
                 "head": round(c.head, 4), "tail": round(c.tail, 4), "rule": c.rule["id"]}
                for c in lines
            ],
            "variants": [
                {"canonical": v.canonical, "variant": v.variant, "count": v.count,
                 "canonical_count": v.canonical_count, "contexts": v.contexts,
                 "context_similarity": v.similarity, "lower_case_count": v.lower_case, "competing": v.competing}
                for v in names
            ],
            "titles": [
                {"site": t.site, "suffix": t.suffix, "docs": t.docs, "share": round(t.share, 4),
                 "names_site": t.names_site}
                for t in found.titles[: args.top]
            ],
        }  # fmt: skip
        print(json.dumps(report, ensure_ascii=False, indent=2))
        return OK
    print(f"Boilerplate candidates: {len(found.boilerplate)} (of {found.documents:,} documents)")
    for c in lines:
        site = f"{c.site}  " if c.site else ""
        print(f"  {c.docs:7,} docs {c.share:5.0%}  head {c.head:4.0%} tail {c.tail:4.0%}  {site}{c.line!r}")
    print(f"Title suffixes: {len(found.titles)}")
    for t in found.titles[: args.top]:
        why = "names the site" if t.names_site else f"{t.docs:,} titles {t.share:4.0%}"
        print(f"  {t.site}  {t.suffix!r}  ({why})")
    print(f"Name variant candidates, to review: {len(found.variants)}")
    for v in names:
        print(f"  {v.variant} -> {v.canonical}  ({v.count} vs {v.canonical_count})  …{v.contexts[0]}…")
    print(f"Draft written to {args.output}: {len(found.draft['rules'])} rules.", file=sys.stderr)
    return OK
