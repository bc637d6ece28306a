"""``cleaner fix``, ``check`` and ``diff``: the same walk over files, differing
in what they do with a change (write it, name the file, show the diff)."""

from __future__ import annotations

import contextlib
import fnmatch
import sys
from pathlib import Path

from ..config import resolve
from ..errors import CleanerError
from ..files import Skipped, TextDocument, find_files, read_bounded
from ..output_formats import FORMATS
from ..report import Report
from . import clean_text, write_output

REPORTING = ("output_format", "statistics", "show_fixes", "exit_zero", "quiet", "verbose")

SUMMARIES = {
    "fix": "clean files in place, print 'Fixed PATH' for each changed file; exit 1 if any changed",
    "check": "write nothing, print 'Would fix PATH' for each file that would change; exit 1 if any",
    "diff": "write nothing, print a unified diff of what would change; exit 1 if anything would",
}


def add_parser(commands, parents) -> None:
    for name, summary in SUMMARIES.items():
        command = commands.add_parser(
            name, parents=[parents.rules, parents.files], help=summary, description=summary + "."
        )
        if name == "check":
            command.add_argument("--diff", action="store_true", help="print a unified diff instead of file names")
        if name != "diff":
            reporting = command.add_argument_group("reporting")
            reporting.add_argument(
                "--output-format",
                choices=FORMATS,
                default="full",
                help="full: file names; concise: 'path:line:col: rule message'; json: a list of "
                "changes; github: GitHub Actions annotations (default: full)",
            )
            reporting.add_argument("--statistics", action="store_true", help="count the changes per rule")
            reporting.add_argument("--show-fixes", action="store_true", help="list each change under its file")
            reporting.add_argument(
                "--exit-zero", action="store_true", help="exit 0 even if files changed (errors still 2)"
            )
            reporting.add_argument("-q", "--quiet", action="store_true", help="no file names, no summary line")
            reporting.add_argument("-v", "--verbose", action="store_true", help="name the unchanged files too")
        command.add_argument(
            "--config", metavar="PATH", help="this config file instead of the one found from the working folder"
        )
        command.add_argument(
            "--stdin-filename",
            metavar="NAME",
            help="with PATH '-': the name standard input stands for (config globs apply to it)",
        )
        command.add_argument(
            "--no-gitignore",
            dest="gitignore",
            action="store_false",
            help="walk folders without reading .gitignore files",
        )
        command.set_defaults(run=run)


def run(args) -> int:
    from ..pipeline import Cleaner

    settings = resolve(args)
    cleaner = Cleaner(settings.config)
    report = Report(
        "diff" if args.command == "diff" or getattr(args, "diff", False) else args.command,
        **{option: getattr(args, option) for option in REPORTING if hasattr(args, option)},
    )
    if args.paths == ["-"]:
        return run_on_standard_input(args, settings, cleaner, report)

    def left_out(error: CleanerError) -> None:
        if isinstance(error, Skipped):
            report.note(str(error))
        else:
            report.failed(str(error))

    for path in find_files(args.paths, settings.include, settings.exclude, left_out, gitignore=args.gitignore):
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
        report.changed(path, doc.text, result, cleaner.explain(doc.text) if report.wants_changes else ())
    return report.finish()


def run_on_standard_input(args, settings, cleaner, report) -> int:
    """Standard input as the file ``--stdin-filename`` names (what editors and
    formatter runners pass): fix writes the cleaned text to standard output, like
    black and ruff, the report going to standard error; a name the config's globs
    leave out passes through unchanged."""
    name = args.stdin_filename or "-"
    data = sys.stdin.buffer.read()
    taken = (
        args.stdin_filename is None
        or any(found == Path(name) for found in find_files([name], settings.include, settings.exclude))
        and any(fnmatch.fnmatch(Path(name).name, glob) for glob in settings.include)
    )
    doc = TextDocument.decode(data, name, settings.encoding)
    result = clean_text(cleaner, doc.text, name) if taken else doc.text
    new = doc.encode(result)
    if report.mode == "fix":
        sys.stdout.buffer.write(new)
        sys.stdout.flush()
        with contextlib.redirect_stdout(sys.stderr):  # the text has standard output; the report goes beside
            return _report_one(report, name, doc.text, result, new != data, cleaner)
    return _report_one(report, name, doc.text, result, new != data, cleaner)


def _report_one(report, name, before, after, changed, cleaner) -> int:
    if changed:
        report.changed(name, before, after, cleaner.explain(before) if report.wants_changes else ())
    else:
        report.unchanged(name)
    return report.finish()
