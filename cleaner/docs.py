"""The parts of the docs made from the code: the table of keys each kind takes
and the table of lint codes in docs/rules.md, and docs/rules.schema.json.

``python -m cleaner.docs`` rewrites them in a source checkout; a test keeps the
committed copies equal to what this module makes.

>>> print(lint_codes_table().splitlines()[2])
| E100 | the file cannot be read or is not valid YAML | nothing in the file can be loaded | `patterns: [a, b` (an unclosed list) |
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

from .kinds import KIND_CLASSES
from .kinds.base import COMMON_KEYS, Key
from .lint_codes import LINT_CODES
from .schema import SCHEMA

DOCS = Path(__file__).resolve().parent.parent / "docs"


def begin_marker(part: str) -> str:
    return f"<!-- {part}: made by `python -m cleaner.docs`, do not edit -->"


def end_marker(part: str) -> str:
    return f"<!-- end of {part} -->"


def schema_json() -> str:
    """docs/rules.schema.json, as ``cleaner rules schema`` prints it."""
    return json.dumps(SCHEMA, indent=2, ensure_ascii=False) + "\n"


def _type(schema: dict) -> str:
    """A key's JSON type in words.

    >>> _type({"type": "array", "items": {"type": "string"}, "minItems": 1})
    'list of strings, at least one'
    >>> _type({"enum": ["head", "tail", "anywhere"]})
    'head, tail or anywhere'
    >>> _type({"type": "number", "minimum": 0, "maximum": 1})
    'number from 0 to 1'
    """
    if "enum" in schema:
        *others, last = schema["enum"]
        return f"{', '.join(others)} or {last}"
    words = {
        "string": "string",
        "boolean": "true or false",
        "integer": "whole number",
        "number": "number",
        "object": "mapping",
    }
    kind = schema["type"]
    if kind == "array":
        items = schema["items"]
        item = "strings" if items.get("type") == "string" else "mappings of " + ", ".join(items["properties"])
        text = f"list of {item}"
        return text + ", at least one" if schema.get("minItems") == 1 else text
    text = words[kind]
    if "minimum" in schema and "maximum" in schema:
        return f"{text} from {schema['minimum']} to {schema['maximum']}"
    return text + f" ≥ {schema['minimum']}" if "minimum" in schema else text


def _default(value: Any) -> str:
    if value is None:
        return ""
    return f"`{json.dumps(value, ensure_ascii=False) if not isinstance(value, str) else value}`"


def kinds_table() -> str:
    """The keys every rule takes, then those of each kind."""
    rows = ["| kind | key | type | required | default | meaning |", "| --- | --- | --- | --- | --- | --- |"]
    kinds = {"kind": {"enum": list(KIND_CLASSES)}}

    def row(kind: str, key: Key, required: str) -> str:
        schema = kinds.get(key.name, key.schema)
        return f"| {kind} | `{key.name}` | {_type(schema)} | {required} | {_default(key.default)} | {key.doc} |"

    rows.extend(row("every kind", key, "yes" if key.required else "") for key in COMMON_KEYS)
    for kind, cls in KIND_CLASSES.items():
        choice = cls.choice.keys if cls.choice is not None else ()
        for key in cls.keys:
            if cls.choice is not None and key.name in choice:
                others = " or ".join(f"`{k}`" for k in choice if k != key.name)
                required = f"this or {others}{', not both' if cls.choice.exactly_one else ''}"
            else:
                required = "yes" if key.required else ""
            rows.append(row(kind, key, required))
    return "\n".join(rows)


def lint_codes_table() -> str:
    rows = ["| code | finding | why it matters | example |", "| --- | --- | --- | --- |"]
    rows.extend(f"| {c.code} | {c.summary} | {c.why} | {c.example} |" for c in LINT_CODES)
    return "\n".join(rows)


# Each generated part of docs/rules.md stands between its two markers.
PARTS = {"kinds": kinds_table, "lint-codes": lint_codes_table}


def rules_md(current: str) -> str:
    """docs/rules.md with each generated part made anew."""
    for part, make in PARTS.items():
        begin, end = begin_marker(part), end_marker(part)
        start, stop = current.index(begin) + len(begin), current.index(end)
        current = f"{current[:start]}\n{make()}\n{current[stop:]}"
    return current


def main() -> int:
    """Rewrite the generated docs; print the files that changed."""
    for path, make in ((DOCS / "rules.md", rules_md), (DOCS / "rules.schema.json", lambda _: schema_json())):
        before = path.read_text(encoding="utf-8")
        after = make(before)
        if after != before:
            path.write_text(after, encoding="utf-8")
            print(f"rewrote {path}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
