"""The ``cleaner`` command line.

Exit status: 0 success, 1 the command found something (for checks), 2 bad
usage, bad rules or bad input. Every error is one line on stderr.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from . import __version__
from .errors import CleanerError

DESCRIPTION = """\
Clean scraped news text: repair mojibake, drop site chrome and "report a typo"
prompts, normalise name spellings and fix broken punctuation, driven by rule
files (YAML) that you can read, test and extend.
"""

EPILOG = """\
examples:
  cleaner clean article.txt                 clean a file, print the result
  cat dump.txt | cleaner clean              clean standard input
  cleaner clean --rules my-rules/ a.txt     add your own rule files or folders

exit status: 0 ok, 2 bad usage, bad rule file or unreadable input.
"""


class _Parser(argparse.ArgumentParser):
    """An argument parser whose usage errors are one line, like every other error."""

    def error(self, message: str):
        self.exit(2, f"{self.prog}: error: {message} (see '{self.prog} --help')\n")


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog="cleaner",
        description=DESCRIPTION,
        epilog=EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--version", action="version", version=f"cleaner {__version__}")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)

    rule_options = argparse.ArgumentParser(add_help=False)
    group = rule_options.add_argument_group("rules")
    group.add_argument(
        "--rules",
        action="append",
        default=[],
        metavar="PATH",
        help="rule file, or folder of *.yaml rule files, to load after the built-in ones (repeatable)",
    )
    group.add_argument(
        "--no-default-rules", action="store_true", help="do not load the built-in rules"
    )

    output_options = argparse.ArgumentParser(add_help=False)
    group = output_options.add_argument_group("output")
    group.add_argument(
        "--ascii", action="store_true", help="transliterate the result to ASCII (unidecode)"
    )
    group.add_argument(
        "--straight-quotes", action="store_true", help="turn curly quotes into straight ones"
    )

    clean = commands.add_parser(
        "clean",
        parents=[rule_options, output_options],
        help="clean files or standard input, print the result",
        description="Clean each PATH (or standard input when there is none, or for '-') "
        "and write the result to standard output. With several inputs, each result "
        "ends with a newline.",
    )
    clean.add_argument("paths", nargs="*", metavar="PATH", help="text file to clean ('-': standard input)")
    clean.set_defaults(run=run_clean)
    return parser


def make_cleaner(args):
    from .pipeline import Cleaner, Config

    return Cleaner(
        Config(
            rules=tuple(args.rules),
            default_rules=not args.no_default_rules,
            ascii=args.ascii,
            straight_quotes=args.straight_quotes,
        )
    )


def read_text(path: str) -> str:
    """Read a UTF-8 file ('-': standard input), refusing bytes that are not UTF-8."""
    name = "<stdin>" if path == "-" else path
    try:
        data = sys.stdin.buffer.read() if path == "-" else Path(path).read_bytes()
    except OSError as exc:
        raise CleanerError(f"{name}: cannot read: {exc.strerror or exc}") from None
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise CleanerError(f"{name}: not valid UTF-8 at byte {exc.start}") from None


def run_clean(args) -> int:
    cleaner = make_cleaner(args)
    paths = args.paths or ["-"]
    out = sys.stdout.buffer
    for path in paths:
        result = cleaner.clean(read_text(path))
        if len(paths) > 1 and not result.endswith("\n"):
            result += "\n"
        out.write(result.encode("utf-8"))
    out.flush()
    return 0


def main(argv=None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    if args.command is None:
        parser.print_help(sys.stderr)
        return 2
    try:
        return args.run(args)
    except CleanerError as exc:
        print(f"cleaner: {exc}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print("cleaner: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        # The reader went away (e.g. `| head`): not an error of ours.
        sys.stderr.close()
        return 0


if __name__ == "__main__":
    sys.exit(main())
