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
    lint.add_argument("--explain", metavar="CODE", help="say what a finding's code means, why it matters, an example")
    lint.set_defaults(run=run_lint)
    show = tools.add_parser(
        "show",
        parents=[parents.rules],
        help="show one rule: kind, where, what it matches, guards, examples",
        description="Show a loaded rule (like `ruff rule`): its kind, description, file:line, what it "
        "matches (patterns, lines or variants), its guards and other keys, and its examples.",
    )
    show.add_argument("rule_id", metavar="ID", help="the rule's id")
    show.set_defaults(run=run_show)
    listing = tools.add_parser(
        "list", parents=[parents.rules], help="list the loaded rules", description="List the loaded rules."
    )
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

    if args.explain:
        return explain_code(args.explain)
    findings = lint(args.paths or [builtin_rules_dir()])
    for finding in findings:
        print(finding)
    print(f"Found {plural(len(findings), 'problem')}." if findings else "All checks passed.", file=sys.stderr)
    return exit_status(found=bool(findings))


def explain_code(code: str) -> int:
    """``rules lint --explain CODE``: the registry's entry for ``code``.

    >>> explain_code("w205")
    W205: no examples
    Why: examples are the rule's tests
    Example: a rule without `examples:`
    0
    """
    from ..errors import CleanerError
    from ..hints import did_you_mean
    from ..lint_codes import LINT_CODES

    entry = {c.code: c for c in LINT_CODES}.get(code.upper())
    if entry is None:
        raise CleanerError(f"no lint code {code!r}{did_you_mean(code.upper(), CODES)}")
    print(f"{entry.code}: {entry.summary}\nWhy: {entry.why}\nExample: {entry.example}")
    return OK


# Keys ``show`` prints in its heading or its examples, not among the rule's other keys.
SHOWN_APART = ("id", "kind", "description", "examples")


def run_show(args) -> int:
    from ..errors import CleanerError
    from ..hints import did_you_mean

    rules = {r.id: r for r in _loaded_rules(args)}
    rule = rules.get(args.rule_id)
    if rule is None:
        raise CleanerError(f"no rule {args.rule_id!r}{did_you_mean(args.rule_id, rules)}")
    print(f"{rule.id}  ({rule.kind})  {shown(rule.path)}:{rule.line}")
    if rule.description:
        print("\n" + " ".join(rule.description.split()))
    for key, value in rule.spec.data.items():
        if key in SHOWN_APART:
            continue
        values = value if isinstance(value, list) else [value]
        print(f"\n{key}:")
        for each in values:
            print(f"  {json.dumps(each, ensure_ascii=False) if not isinstance(each, str) else each}")
    if rule.examples:
        print("\nexamples:")
    for example in rule.examples:
        outcome = "unchanged" if example.output is None else json.dumps(example.output, ensure_ascii=False)
        print(f"  {json.dumps(example.input, ensure_ascii=False)} → {outcome}  (line {example.line})")
    return OK


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
