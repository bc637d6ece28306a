"""``cleaner fix``, ``check`` and ``diff``: the same walk over files, differing
in what they do with a change (write it, name the file, show the diff)."""

from __future__ import annotations

import sys

from ..config import resolve
from ..errors import CleanerError
from ..files import Skipped, TextDocument, find_files, read_bounded
from ..report import Report
from . import clean_text, write_output

SUMMARIES = {
    "fix": "clean files in place, print 'Fixed PATH' for each changed file; exit 1 if any changed",
    "check": "write nothing, print 'Would fix PATH' for each file that would change; exit 1 if any",
    "diff": "write nothing, print a unified diff of what would change; exit 1 if anything would",
}


def add_parser(commands, parents) -> None:
    for name, summary in SUMMARIES.items():
        command = commands.add_parser(name, parents=[parents.rules, parents.files], help=summary, description=summary + ".")
        if name == "check":
            command.add_argument("--diff", action="store_true", help="print a unified diff instead of file names")
        command.set_defaults(run=run)


def run(args) -> int:
    from ..pipeline import Cleaner

    settings = resolve(args)
    cleaner = Cleaner(settings.config)
    report = Report("diff" if args.command == "diff" or getattr(args, "diff", False) else args.command)

    def left_out(error: CleanerError) -> None:
        if isinstance(error, Skipped):
            report.note(str(error))
        else:
            report.failed(str(error))

    for path in find_files(args.paths, settings.include, settings.exclude, left_out):
        try:
            data = read_bounded(path)
            doc = TextDocument.decode(data, str(path), settings.encoding)
            result = clean_text(cleaner, doc.text, path)
            new = doc.encode(result)
            if new != data and report.mode == "fix":
                write_output(path, new)
        except Skipped as exc:
            report.note(str(exc))
            continue
        except CleanerError as exc:
            report.failed(str(exc))
            continue
        if new == data:
            report.unchanged(path)
            continue
        report.changed(path, doc.text, result)
    sys.stdout.flush()
    print(report.summary(), file=sys.stderr)
    return report.exit_status()
