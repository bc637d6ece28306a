"""``cleaner rules``: test, lint and list the rules; print the rule file schema."""

from __future__ import annotations

import argparse
import json
import sys

from ..config import resolve
from ..errors import CODES
from ..report import OK, exit_status, plural, shown


def add_parser(commands, parents) -> None:
    rule_tools = commands.add_parser(
        "rules", help="test, lint, list the rules; print the rule file schema", description="Tools for rule authors."
    )
    tools = rule_tools.add_subparsers(dest="tool", metavar="TOOL", parser_class=type(rule_tools), required=True)
    test = tools.add_parser(
        "test",
        parents=[parents.rules],
        help="run the examples of the rules; exit 1 if any fails",
        description="Run the examples embedded in rules: those of the loaded rules (built-in and "
        "configured), or with PATHs only of those files and folders. Each example must give its "
        "output (or, without one, come out unchanged), and cleaning it again, with the rule alone "
        "and with all the rules, must change nothing.",
    )
    test.add_argument("paths", nargs="*", metavar="PATH", help="rule file or folder")
    test.set_defaults(run=run_test)
    lint = tools.add_parser(
        "lint",
        help="check rule files; print 'path:line:col: CODE message' findings; exit 1 if any",
        description="Check rule files for errors and risks. Codes:\n"
        + "\n".join(f"  {code}  {text}" for code, text in CODES.items()),
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    lint.add_argument("paths", nargs="*", metavar="PATH", help="rule files or folders (default: the built-in rules)")
    lint.set_defaults(run=run_lint)
    listing = tools.add_parser("list", parents=[parents.rules], help="list the loaded rules", description="List the loaded rules.")
    listing.add_argument("--format", choices=["text", "json"], default="text", help="output format")
    listing.set_defaults(run=run_list)
    schema = tools.add_parser(
        "schema",
        help="print the JSON Schema of rule files",
        description="Print the JSON Schema that every rule file is validated against.",
    )
    schema.set_defaults(run=run_schema)


def _loaded_rules(args) -> list:
    from ..pipeline import Cleaner

    return Cleaner(resolve(args).config).rules


def run_test(args) -> int:
    from ..rule_tests import failing_examples, failure_report
    from ..loader import load_rules, select_rules

    if args.paths:
        rules = select_rules(load_rules(args.paths), args.select or (), args.ignore or ())
    else:
        rules = _loaded_rules(args)
    failures = failing_examples(rules)
    for failure in failures:
        print(failure_report(failure))
    examples = sum(len(r.examples) for r in rules)
    print(
        f"{len(rules)} rules, {examples} examples: {examples - len(failures)} passed, {len(failures)} failed.",
        file=sys.stderr,
    )
    return exit_status(found=bool(failures))


def run_lint(args) -> int:
    from ..lint import lint
    from ..loader import builtin_rules_dir

    findings = lint(args.paths or [builtin_rules_dir()])
    for finding in findings:
        print(finding)
    print(f"Found {plural(len(findings), 'problem')}." if findings else "All checks passed.", file=sys.stderr)
    return exit_status(found=bool(findings))


def run_list(args) -> int:
    rules = _loaded_rules(args)
    if args.format == "json":
        listing = [
            {
                "id": r.id,
                "kind": r.kind,
                "file": shown(r.path),
                "line": r.line,
                "description": r.description,
                "examples": len(r.examples),
            }
            for r in rules
        ]
        print(json.dumps(listing, ensure_ascii=False, indent=2))
        return OK
    width = max((len(r.id) for r in rules), default=0)
    for r in rules:
        summary = " ".join(r.description.split())
        print(f"{r.id:{width}}  {r.kind:9}  {shown(r.path)}:{r.line}  {summary}")
    return OK


def run_schema(args) -> int:
    from ..schema import SCHEMA

    print(json.dumps(SCHEMA, indent=2, ensure_ascii=False))
    return OK
