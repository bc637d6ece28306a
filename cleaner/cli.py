"""The ``cleaner`` command line.

Exit status: 0 success, 1 the command found something (for checks), 2 bad
usage, bad rules or bad input. Every error is one line on stderr.
"""

from __future__ import annotations

import argparse
import contextlib
import difflib
import json
import os
import sys
from pathlib import Path

from . import __version__
from .settings import DEFAULT_TIMEOUT
from .config import find_config, read_config
from .errors import CODES, CleanerError
from .files import DEFAULT_INCLUDE, BinaryFile, TextDocument, find_files, read_document, write_atomically

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
  explain show every change the pipeline makes to a file, rule by rule
  rules   test, lint, list the rules; print the rule file schema
  suggest mine a dump for the rules it needs; write a draft rule file

examples:
  cleaner clean article.txt                 print the clean text of a file
  cat dump.txt | cleaner clean              clean standard input
  cleaner fix corpus/                       clean every *.txt under corpus/ in place
  cleaner check --ignore names corpus/      check, without the name rules
  cleaner clean --rules my-rules/ a.txt     add your own rule files or folders
  cleaner dump crawl/ -o clean/ --stats s.json   clean a whole dump, all cores

configuration: [tool.cleaner] in pyproject.toml, or .cleaner.toml, found from the
working folder upwards (see README). Flags override it; --rules adds to it.

exit status: 0 nothing to do, 1 files changed or would change, 2 bad usage,
a bad rule or config file, or a file that cannot be read.
"""


class _Parser(argparse.ArgumentParser):
    """An argument parser whose usage errors are one line, like every other error."""

    def error(self, message: str):
        self.exit(2, f"{self.prog}: error: {message} (see '{self.prog} --help')\n")


def _ids(value: str) -> list:
    return [part.strip() for part in value.split(",") if part.strip()]


def _rule_options() -> argparse.ArgumentParser:
    parent = argparse.ArgumentParser(add_help=False)
    group = parent.add_argument_group("rules")
    group.add_argument(
        "--rules",
        action="append",
        default=[],
        metavar="PATH",
        help="rule file, or folder of rule files (.yaml, .json), to load after the built-in ones (repeatable)",
    )
    group.add_argument(
        "--default-rules",
        action=argparse.BooleanOptionalAction,
        default=None,
        help="load the built-in rules (default: yes)",
    )
    group.add_argument(
        "--select",
        type=_ids,
        metavar="IDS",
        help="use only the rules with these ids or id prefixes, comma-separated (e.g. names,punctuation)",
    )
    group.add_argument(
        "--ignore", type=_ids, metavar="IDS", help="leave out the rules with these ids or id prefixes"
    )
    group.add_argument(
        "--timeout",
        type=float,
        metavar="SECONDS",
        help="how long one rule's regex may run on one document before that document fails (default: 5)",
    )
    group = parent.add_argument_group("output")
    group.add_argument(
        "--ascii",
        action=argparse.BooleanOptionalAction,
        default=None,
        help="transliterate the result to ASCII (unidecode)",
    )
    group.add_argument(
        "--straight-quotes",
        action=argparse.BooleanOptionalAction,
        default=None,
        help="turn curly quotes into straight ones",
    )
    return parent


def _file_options() -> argparse.ArgumentParser:
    parent = argparse.ArgumentParser(add_help=False)
    parent.add_argument(
        "paths", nargs="*", default=["."], metavar="PATH", help="files, or folders to walk (default: .)"
    )
    group = parent.add_argument_group("files")
    group.add_argument(
        "--include",
        type=_ids,
        metavar="GLOBS",
        help="file-name globs a folder walk takes, comma-separated (default: *.txt)",
    )
    group.add_argument(
        "--exclude", type=_ids, metavar="GLOBS", help="file or folder globs to leave alone"
    )
    group.add_argument("--encoding", help="encoding of the files (default: utf-8)")
    return parent


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog="cleaner",
        description=DESCRIPTION,
        epilog=EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--version", action="version", version=f"cleaner {__version__}")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)
    rules, files = _rule_options(), _file_options()

    clean = commands.add_parser(
        "clean",
        parents=[rules],
        help="clean files or standard input, print the result",
        description="Clean each PATH (or standard input when there is none, or for '-') "
        "and write the result to standard output. With several inputs, each result "
        "ends with a newline.",
    )
    clean.add_argument("paths", nargs="*", metavar="PATH", help="text file to clean ('-': standard input)")
    clean.add_argument("--encoding", help="encoding of the input (default: utf-8)")
    clean.set_defaults(run=run_clean)

    dump = commands.add_parser(
        "dump",
        parents=[rules],
        help="clean a dump of .txt and .jsonl files (optionally .gz/.zst) into a new folder",
        description="Clean each INPUT (a file, or a folder walked for .txt and .jsonl files, "
        "optionally .gz or .zst compressed) into OUTDIR, which mirrors the inputs: the same "
        "names, formats and record order. Records that cannot be cleaned go to "
        "OUTDIR/rejects.jsonl with their source, line and reason; documents written plus "
        "rejects always equals documents read.",
        epilog="exit status: 0 done, 1 records were rejected and --strict was given, "
        "2 bad usage, bad rules, or an input that could not be read.",
    )
    dump.add_argument("inputs", nargs="+", metavar="INPUT", help="dump file or folder")
    dump.add_argument("-o", "--output", required=True, metavar="OUTDIR", help="folder for the clean dump")
    dump.add_argument("--field", default="text", help="the text field of JSON Lines records (default: text)")
    dump.add_argument(
        "--jobs", type=int, default=os.cpu_count() or 1, metavar="N", help="worker processes (default: all cores)"
    )
    dump.add_argument("--strict", action="store_true", help="exit 1 if any record was rejected")
    dump.add_argument("--stats", metavar="FILE", help="write the counts as JSON to FILE")
    dump.add_argument("--resume", action="store_true", help="skip inputs a previous run completed")
    dump.add_argument(
        "--engine", choices=["local", "dask"], default="local", help="where to run (default: local)"
    )
    dump.add_argument("--scheduler", metavar="ADDRESS", help="Dask scheduler address, e.g. tcp://10.0.0.5:8786")
    dump.set_defaults(run=run_dump)

    suggest = commands.add_parser(
        "suggest",
        parents=[rules],
        help="mine a dump for boilerplate lines and name variants; write a draft rule file",
        description="Read a dump (the same inputs as dump), clean it with the loaded rules, and "
        "propose rules for what remains: lines that recur across documents with the shape and "
        "place of site chrome, and rarer spellings close to known or frequent names. Writes a "
        "draft rule file to review, and prints a ranked report.",
    )
    suggest.add_argument("inputs", nargs="+", metavar="INPUT", help="dump file or folder")
    suggest.add_argument("-o", "--output", required=True, metavar="DRAFT", help="the draft rule file to write (.yaml)")
    suggest.add_argument("--field", default="text", help="the text field of JSON Lines records (default: text)")
    suggest.add_argument("--site-field", metavar="FIELD", help="a field naming each record's source, e.g. url (host taken)")
    suggest.add_argument("--min-docs", type=int, default=5, metavar="N", help="a line must recur in N documents (default: 5)")
    suggest.add_argument(
        "--min-share", type=float, default=0.02, metavar="F",
        help="... and in this share of its source's documents (default: 0.02)",
    )
    suggest.add_argument("--top", type=int, default=20, metavar="N", help="candidates of each kind in the report (default: 20)")
    suggest.add_argument("--format", choices=["text", "json"], default="text", help="report format")
    suggest.set_defaults(run=run_suggest)

    explain = commands.add_parser(
        "explain",
        parents=[rules],
        help="show every change the pipeline makes to a file, rule by rule",
        description="List every change cleaning PATH makes, in order: the rule, where (line and "
        "column in the text as that stage saw it), before and after. On a terminal the change "
        "is shown inline in colour; ftfy's repairs come with ftfy's own explanation.",
    )
    explain.add_argument("path", metavar="PATH", help="text file ('-': standard input)")
    explain.add_argument("--format", choices=["text", "json"], default="text", help="output format")
    explain.add_argument("--encoding", help="encoding of the input (default: utf-8)")
    explain.set_defaults(run=run_explain)

    rule_tools = commands.add_parser(
        "rules",
        help="test, lint, list the rules; print the rule file schema",
        description="Tools for rule authors.",
    )
    tools = rule_tools.add_subparsers(dest="tool", metavar="TOOL", parser_class=_Parser, required=True)
    test = tools.add_parser(
        "test",
        parents=[rules],
        help="run the examples of the rules; exit 1 if any fails",
        description="Run the examples embedded in rules: those of the loaded rules (built-in and "
        "configured), or with PATHs only of those files and folders. Each example must give its "
        "output (or, without one, come out unchanged), and cleaning it again, with the rule alone "
        "and with all the rules, must change nothing.",
    )
    test.add_argument("paths", nargs="*", metavar="PATH", help="rule file or folder")
    test.set_defaults(run=run_rules_test)
    lint = tools.add_parser(
        "lint",
        help="check rule files; print 'path:line:col: CODE message' findings; exit 1 if any",
        description="Check rule files for errors and risks. Codes:\n"
        + "\n".join(f"  {code}  {text}" for code, text in CODES.items()),
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    lint.add_argument("paths", nargs="*", metavar="PATH", help="rule files or folders (default: the built-in rules)")
    lint.set_defaults(run=run_rules_lint)
    listing = tools.add_parser(
        "list", parents=[rules], help="list the loaded rules", description="List the loaded rules."
    )
    listing.add_argument("--format", choices=["text", "json"], default="text", help="output format")
    listing.set_defaults(run=run_rules_list)
    schema = tools.add_parser(
        "schema",
        help="print the JSON Schema of rule files",
        description="Print the JSON Schema that every rule file is validated against.",
    )
    schema.set_defaults(run=run_rules_schema)

    for name, summary in [
        ("fix", "clean files in place, print 'Fixed PATH' for each changed file; exit 1 if any changed"),
        ("check", "write nothing, print 'Would fix PATH' for each file that would change; exit 1 if any"),
        ("diff", "write nothing, print a unified diff of what would change; exit 1 if anything would"),
    ]:
        command = commands.add_parser(name, parents=[rules, files], help=summary, description=summary + ".")
        if name == "check":
            command.add_argument("--diff", action="store_true", help="print a unified diff instead of file names")
        command.set_defaults(run=run_files)
    return parser


def resolve(args):
    """The ``Config`` and file settings: command-line flags over the config file."""
    from .pipeline import Config

    found = find_config(Path.cwd())
    settings = read_config(found) if found else {}

    def pick(key: str, flag, default):
        return flag if flag is not None else settings.get(key, default)

    config = Config(
        rules=(*settings.get("rules", ()), *args.rules),
        default_rules=pick("default-rules", args.default_rules, True),
        ascii=pick("ascii", args.ascii, False),
        straight_quotes=pick("straight-quotes", args.straight_quotes, False),
        select=tuple(pick("select", args.select, ())),
        ignore=tuple(pick("ignore", args.ignore, ())),
        timeout=float(pick("timeout", args.timeout, DEFAULT_TIMEOUT)),
    )
    files = {
        "include": pick("include", getattr(args, "include", None), DEFAULT_INCLUDE),
        "exclude": pick("exclude", getattr(args, "exclude", None), ()),
        "encoding": pick("encoding", getattr(args, "encoding", None), "utf-8"),
    }
    return config, files


def run_clean(args) -> int:
    from .pipeline import Cleaner

    config, files = resolve(args)
    cleaner = Cleaner(config)
    paths = args.paths or ["-"]
    out = sys.stdout.buffer
    for path in paths:
        doc = read_document(path, files["encoding"])
        result = _clean_file(cleaner, doc.text, path)
        if len(paths) > 1 and not result.endswith("\n"):
            result += "\n"
        out.write(doc.encode(result))
    out.flush()
    return 0


def _loaded_rules(args) -> list:
    from .pipeline import Cleaner

    config, _ = resolve(args)
    return Cleaner(config).rules


def run_rules_test(args) -> int:
    from .rule_tests import failing_examples as check_examples, failure_report as describe_failure
    from .loader import load_rules, select_rules

    if args.paths:
        rules = select_rules(load_rules(args.paths), args.select or (), args.ignore or ())
    else:
        rules = _loaded_rules(args)
    failures = check_examples(rules)
    for failure in failures:
        print(describe_failure(failure))
    examples = sum(len(r.examples) for r in rules)
    print(
        f"{len(rules)} rules, {examples} examples: {examples - len(failures)} passed, {len(failures)} failed.",
        file=sys.stderr,
    )
    return 1 if failures else 0


def run_rules_lint(args) -> int:
    from .lint import lint
    from .loader import builtin_rules_dir

    findings = lint(args.paths or [builtin_rules_dir()])
    for finding in findings:
        print(finding)
    print(f"Found {len(findings)} problem{'' if len(findings) == 1 else 's'}." if findings else "All checks passed.", file=sys.stderr)
    return 1 if findings else 0


def shown(path) -> str:
    """A path as the user would write it: relative to the working folder if under it."""
    try:
        return str(Path(path).resolve().relative_to(Path.cwd().resolve()))
    except ValueError:
        return str(path)


def run_rules_list(args) -> int:
    rules = _loaded_rules(args)
    if args.format == "json":
        listing = [
            {"id": r.id, "kind": r.kind, "file": shown(r.path), "line": r.line, "description": r.description,
             "examples": len(r.examples)}
            for r in rules
        ]
        print(json.dumps(listing, ensure_ascii=False, indent=2))
        return 0
    width = max((len(r.id) for r in rules), default=0)
    for r in rules:
        summary = " ".join(r.description.split())
        print(f"{r.id:{width}}  {r.kind:9}  {shown(r.path)}:{r.line}  {summary}")
    return 0


def run_rules_schema(args) -> int:
    from .schema import SCHEMA

    print(json.dumps(SCHEMA, indent=2, ensure_ascii=False))
    return 0


def run_explain(args) -> int:
    from .pipeline import Cleaner

    config, files = resolve(args)
    doc = read_document(args.path, files["encoding"])
    changes = Cleaner(config).explain(doc.text)
    if args.format == "json":
        print(json.dumps([c._asdict() for c in changes], ensure_ascii=False, indent=2))
        return 0
    colour = sys.stdout.isatty() and "NO_COLOR" not in os.environ
    for change in changes:
        print(describe_change(args.path, change, colour))
    print(f"{len(changes)} change{'' if len(changes) == 1 else 's'}.", file=sys.stderr)
    return 0


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


def run_suggest(args) -> int:
    import yaml

    from .dump import Stats
    from .pipeline import Cleaner
    from .kinds.variants import Variants
    from .suggest import boilerplate, draft, mine, variants

    config, _ = resolve(args)
    cleaner = Cleaner(config)
    with _progress() as on_batch:
        counted = mine(
            args.inputs, cleaner, args.field, args.site_field,
            on_document=(lambda size: on_batch(Stats(documents=1, bytes_in=size))) if on_batch else None,
        )
    known: dict = {}
    for rule in cleaner.rules:
        if isinstance(rule, Variants):
            known.setdefault(rule.canonical, set()).update(rule.variants)
    lines = boilerplate(counted, args.min_docs, args.min_share)
    names = variants(counted, known)
    document = draft(lines, names, config.timeout)
    header = "# Suggested by cleaner suggest: review every rule before use.\n"
    body = yaml.safe_dump(document, sort_keys=False, allow_unicode=True, width=100)
    write_atomically(Path(args.output), (header + body).encode("utf-8"))
    documents = sum(counted.docs_per_site.values())
    if args.format == "json":
        report = {
            "documents": documents,
            "draft": args.output,
            "boilerplate": [
                {"line": c.line, "site": c.site, "docs": c.docs, "share": round(c.share, 4),
                 "head": round(c.head, 4), "tail": round(c.tail, 4), "rule": c.rule["id"]}
                for c in lines[: args.top]
            ],
            "variants": [
                {"canonical": v.canonical, "variant": v.variant, "count": v.count,
                 "canonical_count": v.canonical_count, "contexts": v.contexts}
                for v in names[: args.top]
            ],
        }
        print(json.dumps(report, ensure_ascii=False, indent=2))
        return 0
    print(f"Boilerplate candidates: {len(lines)} (of {documents:,} documents)")
    for c in lines[: args.top]:
        site = f"{c.site}  " if c.site else ""
        print(f"  {c.docs:7,} docs {c.share:5.0%}  head {c.head:4.0%} tail {c.tail:4.0%}  {site}{c.line!r}")
    print(f"Name variant candidates, to review: {len(names)}")
    for v in names[: args.top]:
        print(f"  {v.variant} -> {v.canonical}  ({v.count} vs {v.canonical_count})  …{v.contexts[0]}…")
    print(f"Draft written to {args.output}: {len(document['rules'])} rules.", file=sys.stderr)
    return 0


def run_dump(args) -> int:
    from .dump import dump, summary

    if args.engine == "dask" and not args.scheduler:
        raise CleanerError("--engine dask needs --scheduler ADDRESS")
    config, _ = resolve(args)
    outdir = Path(args.output)
    with _progress() as on_batch:
        report = dump(
            args.inputs,
            outdir,
            config,
            text_field=args.field,
            jobs=max(1, args.jobs),
            resume=args.resume,
            scheduler=args.scheduler if args.engine == "dask" else None,
            on_batch=on_batch,
        )
    for error in report.errors:
        print(f"cleaner: {error}", file=sys.stderr)
    print(summary(report, outdir), file=sys.stderr)
    if args.stats:
        stats = {**report.stats.as_dict(), "seconds": round(report.seconds, 3), "files": report.files}
        stats["errors"] = report.errors
        write_atomically(Path(args.stats), (json.dumps(stats, indent=2) + "\n").encode("utf-8"))
    if report.errors:
        return 2
    return 1 if args.strict and report.stats.rejected else 0


@contextlib.contextmanager
def _progress():
    """A progress bar with documents/s and MB/s on a terminal; nothing otherwise."""
    if not sys.stderr.isatty():
        yield None
        return
    from tqdm import tqdm

    with tqdm(unit="B", unit_scale=True, unit_divisor=1000, desc="cleaning", file=sys.stderr) as bar:
        documents = 0

        def on_batch(stats) -> None:
            nonlocal documents
            documents += stats.documents + stats.rejected
            bar.update(stats.bytes_in)
            elapsed = bar.format_dict["elapsed"] or 1e-9
            bar.set_postfix(docs=f"{documents:,}", docs_per_s=f"{documents / elapsed:,.0f}", refresh=False)

        yield on_batch


def _clean_file(cleaner, text: str, path) -> str:
    """Clean one file's text; an error about the text (a rule out of time, a line
    too long) names the file."""
    try:
        return cleaner.clean(text)
    except CleanerError as exc:
        raise CleanerError(f"{'<stdin>' if path == '-' else path}: {exc}") from None


def run_files(args) -> int:
    """fix, check and diff: the same walk, differing in what they do with a change."""
    from .pipeline import Cleaner

    config, files = resolve(args)
    cleaner = Cleaner(config)
    mode = "diff" if args.command == "diff" or getattr(args, "diff", False) else args.command
    changed = unchanged = failed = 0
    for path in find_files(args.paths, files["include"], files["exclude"]):
        try:
            data = path.read_bytes()
            doc = TextDocument.decode(data, str(path), files["encoding"])
            result = _clean_file(cleaner, doc.text, path)
            new = doc.encode(result)
        except BinaryFile as exc:
            print(f"cleaner: {exc}", file=sys.stderr)
            continue
        except OSError as exc:
            print(f"cleaner: {path}: cannot read: {exc.strerror or exc}", file=sys.stderr)
            failed += 1
            continue
        except CleanerError as exc:
            print(f"cleaner: {exc}", file=sys.stderr)
            failed += 1
            continue
        if new == data:
            unchanged += 1
            continue
        changed += 1
        if mode == "fix":
            write_atomically(path, new)
            print(f"Fixed {path}")
        elif mode == "check":
            print(f"Would fix {path}")
        else:
            sys.stdout.write(unified_diff(doc.text, result, str(path)))
    sys.stdout.flush()
    print(_summary(mode, changed, unchanged, failed), file=sys.stderr)
    return 2 if failed else 1 if changed else 0


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
    return "".join(
        line if line.endswith("\n") else line + "\n\\ No newline at end of file\n" for line in lines
    )


def _summary(mode: str, changed: int, unchanged: int, failed: int) -> str:
    def files(n: int) -> str:
        return f"{n} file{'' if n == 1 else 's'}"

    verb = "fixed" if mode == "fix" else "would be fixed"
    parts = [f"{files(changed)} {verb}", f"{files(unchanged)} left unchanged"]
    if failed:
        parts.append(f"{files(failed)} with errors")
    return ", ".join(parts) + "."


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
