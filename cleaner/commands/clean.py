"""``cleaner clean``: clean files or standard input, print the result."""

from __future__ import annotations

import sys

from ..config import resolve
from ..files import read_document
from ..report import OK
from ..settings import add_flags
from . import clean_text


def add_parser(commands, parents) -> None:
    parser = commands.add_parser(
        "clean",
        parents=[parents.rules],
        help="clean files or standard input, print the result",
        description="Clean each PATH (or standard input when there is none, or for '-') "
        "and write the result to standard output. With several inputs, each result "
        "ends with a newline.",
    )
    parser.add_argument("paths", nargs="*", metavar="PATH", help="text file to clean ('-': standard input)")
    add_flags(parser, "files", only=("encoding",))
    parser.set_defaults(run=run)


def run(args) -> int:
    from ..pipeline import Cleaner

    settings = resolve(args)
    cleaner = Cleaner(settings.config)
    paths = args.paths or ["-"]
    out = sys.stdout.buffer
    for path in paths:
        doc = read_document(path, settings.encoding)
        result = clean_text(cleaner, doc.text, path)
        if len(paths) > 1 and not result.endswith("\n"):
            result += "\n"
        out.write(doc.encode(result))
    out.flush()
    return OK
