"""``cleaner explain``: every change the pipeline makes to a file, rule by rule."""

from __future__ import annotations

import json
import os
import sys

from ..config import resolve
from ..files import read_document
from ..report import OK, plural
from ..settings import add_flags


def add_parser(commands, parents) -> None:
    parser = commands.add_parser(
        "explain",
        parents=[parents.rules],
        help="show every change the pipeline makes to files, rule by rule",
        description="List every change cleaning each PATH makes, ordered by position: the rule, where "
        "(line and column in the original file), before and after. On a terminal the change "
        "is shown inline in colour; ftfy's repairs come with ftfy's own explanation.",
    )
    parser.add_argument("paths", nargs="+", metavar="PATH", help="text files ('-': standard input)")
    parser.add_argument("--format", choices=["text", "json"], default="text", help="output format")
    add_flags(parser, "files", only=("encoding",))
    parser.set_defaults(run=run)


def run(args) -> int:
    from ..pipeline import Cleaner

    settings = resolve(args)
    cleaner = Cleaner(settings.config)
    explained = [(path, cleaner.explain(read_document(path, settings.encoding).text)) for path in args.paths]
    if args.format == "json":
        listing = [{"path": path, **c._asdict()} for path, changes in explained for c in changes]
        print(json.dumps(listing, ensure_ascii=False, indent=2))
        return OK
    colour = sys.stdout.isatty() and "NO_COLOR" not in os.environ
    for path, changes in explained:
        for change in changes:
            print(describe_change(path, change, colour))
    print(f"{plural(sum(len(changes) for _, changes in explained), 'change')}.", file=sys.stderr)
    return OK


def describe_change(path: str, change, colour: bool) -> str:
    """One change as ``path:line:col: rule`` and the change inline, like a fix preview.

    >>> from cleaner import Change
    >>> print(describe_change("a.txt", Change("names.makei", 2, 5, "McKay", "Makei"), colour=False))
    a.txt:2:5: names.makei  [-McKay-]{+Makei+}
    """
    red, green, dim, reset = ("\x1b[31m", "\x1b[32m", "\x1b[2m", "\x1b[0m") if colour else ("",) * 4
    removed = f"{red}[-{change.before}-]{reset}" if change.before else ""
    added = f"{green}{{+{change.after}+}}{reset}" if change.after else ""
    note = f"  {dim}({change.note}){reset}" if change.note else ""
    return f"{path}:{change.line}:{change.column}: {change.rule}  {removed}{added}{note}"
