"""What the commands tell the user about files: the exit status, paths as the
user would write them, and for fix, check and diff a line per changed file, a
line per failure and the summary line.

>>> report = Report("check")
>>> report.changed("a.txt", "McKay\\n", "Makei\\n")
Would fix a.txt
>>> report.unchanged("b.txt")
>>> report.summary(), report.exit_status()
('1 file would be fixed, 1 file left unchanged.', 1)
"""

from __future__ import annotations

import difflib
import json
import sys
from collections import Counter
from pathlib import Path

OK, FOUND, FAILED = 0, 1, 2  # nothing to do; something changed or was found; an error


def exit_status(found: bool = False, failed: bool = False) -> int:
    """The exit status of every command: an error outranks a finding.

    >>> exit_status(found=True), exit_status(found=True, failed=True), exit_status()
    (1, 2, 0)
    """
    return FAILED if failed else FOUND if found else OK


def shown(path) -> str:
    """A path as the user would write it: relative to the working folder if under it.

    >>> shown(Path.cwd() / "a.txt"), shown("/elsewhere/b.txt")
    ('a.txt', '/elsewhere/b.txt')
    """
    try:
        return str(Path(path).resolve().relative_to(Path.cwd().resolve()))
    except ValueError:
        return str(path)


def plural(count: int, noun: str) -> str:
    """
    >>> plural(1, "file"), plural(2, "change")
    ('1 file', '2 changes')
    """
    return f"{count} {noun}{'' if count == 1 else 's'}"


class Report:
    """The outcome of fix, check or diff (``mode``), file by file, like black's.

    A changed file is reported on standard output as ``Fixed PATH`` (fix),
    ``Would fix PATH`` (check) or its unified diff (diff); notes and failures
    go to standard error.
    """

    def __init__(
        self,
        mode: str,
        output_format: str = "full",
        statistics: bool = False,
        show_fixes: bool = False,
        exit_zero: bool = False,
        quiet: bool = False,
        verbose: bool = False,
    ):
        self.mode, self.output_format = mode, output_format
        self.statistics, self.show_fixes, self.exit_zero = statistics, show_fixes, exit_zero
        self.quiet, self.verbose = quiet, verbose
        self.changed_files = self.unchanged_files = self.failed_files = 0
        self.rule_counts: Counter = Counter()
        self.json: list = []

    @property
    def wants_changes(self) -> bool:
        """Whether ``changed`` needs the changes one by one (explaining costs time)."""
        return self.output_format != "full" or self.statistics or self.show_fixes

    def changed(self, path, before: str, after: str, changes=()) -> None:
        """A file that changed (or would); ``changes`` from ``Cleaner.explain`` if ``wants_changes``."""
        from . import output_formats

        self.changed_files += 1
        self.rule_counts.update(c.rule for c in changes)
        path = str(path)
        if self.output_format == "json":
            self.json.extend(output_formats.as_json(path, c) for c in changes)
        elif self.output_format in ("concise", "github"):
            show = getattr(output_formats, self.output_format)
            print("\n".join(show(path, c) for c in changes))
        elif self.quiet:
            pass
        elif self.mode == "fix":
            print(f"Fixed {path}")
        elif self.mode == "check":
            print(f"Would fix {path}")
        else:
            sys.stdout.write(unified_diff(before, after, path))
        if self.show_fixes and self.output_format == "full":
            for change in changes:
                print(f"  {output_formats.concise(path, change)}")

    def finish(self) -> int:
        """Print what is printed once at the end (the JSON list, the statistics, the
        summary unless quiet); the exit status."""
        if self.output_format == "json":
            print(json.dumps(self.json, ensure_ascii=False, indent=2))
        if self.statistics:
            for rule, count in sorted(self.rule_counts.items(), key=lambda item: (-item[1], item[0])):
                print(f"{count:5}  {rule}")
        sys.stdout.flush()
        if not self.quiet:
            print(self.summary(), file=sys.stderr)
        return exit_status(found=False, failed=bool(self.failed_files)) if self.exit_zero else self.exit_status()

    def unchanged(self, path) -> None:
        self.unchanged_files += 1
        if self.verbose:
            print(f"cleaner: {path}: unchanged", file=sys.stderr)

    def failed(self, message: str) -> None:
        """A file that could not be read, decoded or cleaned: ``message`` names it."""
        self.failed_files += 1
        self.note(message)

    def note(self, message: str) -> None:
        """A file left alone on purpose (a binary file): not a failure."""
        print(f"cleaner: {message}", file=sys.stderr)

    def summary(self) -> str:
        verb = "fixed" if self.mode == "fix" else "would be fixed"
        parts = [
            f"{plural(self.changed_files, 'file')} {verb}",
            f"{plural(self.unchanged_files, 'file')} left unchanged",
        ]
        if self.failed_files:
            parts.append(f"{plural(self.failed_files, 'file')} with errors")
        return ", ".join(parts) + "."

    def exit_status(self) -> int:
        return exit_status(found=bool(self.changed_files), failed=bool(self.failed_files))


def unified_diff(before: str, after: str, name: str) -> str:
    """A ``diff -u`` style diff, marking a missing final newline as diff does.

    >>> print(unified_diff("a\\nb", "a\\nc", "x.txt"), end="")
    --- a/x.txt
    +++ b/x.txt
    @@ -1,2 +1,2 @@
     a
    -b
    \\ No newline at end of file
    +c
    \\ No newline at end of file
    """
    lines = difflib.unified_diff(
        before.splitlines(keepends=True), after.splitlines(keepends=True), f"a/{name}", f"b/{name}"
    )
    return "".join(line if line.endswith("\n") else line + "\n\\ No newline at end of file\n" for line in lines)
