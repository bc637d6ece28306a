"""The ``cleaner`` command line: the parser, and the one place where an error
becomes a line on standard error and an exit status.

Exit status: 0 success, 1 the command found something (for checks), 2 bad
usage, bad rules or bad input, 130 interrupted. Every error is one line on
stderr. The commands themselves live in ``cleaner.commands``.
"""

from __future__ import annotations

import argparse
import os
import sys
from importlib import import_module

from . import __version__
from .commands import MODULES, parents
from .errors import CleanerError
from .report import FAILED

DESCRIPTION = """\
Clean scraped news text: repair mojibake, drop site chrome and "report a typo"
prompts, normalise name spellings and fix broken punctuation, driven by rule
files (YAML) that you can read, test and extend.
"""

EPILOG = """\
commands:
  clean   clean files or standard input, print the result
  fix     clean files in place; exit 1 if any file changed (pre-commit fixer)
  check   list the files that would change; exit 1 if any would
  diff    show what would change as a unified diff; exit 1 if anything would
  dump    clean a dump (.txt, .jsonl, optionally .gz/.zst) into a new folder
  explain show every change the pipeline makes to files, rule by rule
  rules   test, lint, list, show the rules; print the rule file schema
  suggest mine a dump for the rules it needs; write a draft rule file
  completion  print a shell completion script (bash, zsh, fish)

examples:
  cleaner clean article.txt                 print the clean text of a file
  cat dump.txt | cleaner clean              clean standard input
  cleaner fix corpus/                       clean every *.txt under corpus/ in place
  cleaner check --ignore names corpus/      check, without the name rules
  cleaner clean --rules my-rules/ a.txt     add your own rule files or folders
  cleaner dump crawl/ -o clean/ --stats s.json   clean a whole dump, all cores
  cleaner check --output-format github .    annotations for a GitHub Actions run
  cat a.txt | cleaner fix - --stdin-filename a.txt   clean standard input, as an editor would

configuration: [tool.cleaner] in pyproject.toml, or .cleaner.toml, found from the
working folder upwards (see README). Flags override it; --rules adds to it.

exit status: 0 nothing to do, 1 files changed or would change, 2 bad usage,
a bad rule or config file, or a file that cannot be read.
"""


class _Parser(argparse.ArgumentParser):
    """An argument parser whose usage errors are one line, like every other error."""

    def error(self, message: str):
        self.exit(FAILED, f"{self.prog}: error: {message} (see '{self.prog} --help')\n")


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog="cleaner",
        description=DESCRIPTION,
        epilog=EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--version", action="version", version=f"cleaner {__version__}")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)
    shared = parents()
    for name in MODULES:
        import_module(f"cleaner.commands.{name}").add_parser(commands, shared)
    completion = commands.add_parser(
        "completion",
        help="print a shell completion script (bash, zsh, fish)",
        description="Print a completion script for SHELL, made from this parser by shtab "
        "(pip install 'cleaner[completion]'). See README, 'Shell completions'.",
    )
    completion.add_argument("shell", choices=["bash", "zsh", "fish"], metavar="SHELL", help="bash, zsh or fish")
    completion.set_defaults(run=print_completion)
    return parser


def print_completion(args) -> int:
    """The completion script of ``cleaner`` for ``args.shell``, from the parser itself
    so that it never lags behind the flags."""
    try:
        import shtab
    except ImportError:
        raise CleanerError("shell completions need shtab: pip install 'cleaner[completion]'") from None
    print(shtab.complete(build_parser(), args.shell))
    return 0


def main(argv=None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    if args.command is None:
        parser.print_help(sys.stderr)
        return FAILED
    try:
        return args.run(args)
    except CleanerError as exc:
        print(f"cleaner: {exc}", file=sys.stderr)
        return FAILED
    except KeyboardInterrupt:
        print("cleaner: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        # The reader went away (e.g. `| head`): not an error of ours.
        sys.stderr.close()
        return 0
    except OSError as exc:
        # An output that cannot be written: a full disk, a folder that is not there.
        where = f"{exc.filename}: " if exc.filename else ""
        print(f"cleaner: {where}cannot write: {exc.strerror or exc}", file=sys.stderr)
        _discard_standard_output()
        return FAILED


def _discard_standard_output() -> None:
    """Point standard output at /dev/null, so that the flush at exit does not fail
    a second time with a traceback."""
    try:
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
    except (OSError, ValueError):  # not a real file (tests run in-process), or closed
        pass


if __name__ == "__main__":
    sys.exit(main())
