"""The JSON Schema of a rule file: the loader validates every file against it.

Keys are spelled with hyphens (``ignore-case``) like the kinds (``drop-line``).
"""

from __future__ import annotations

KINDS = ("drop-line", "drop-tail", "replace", "variants")

_STRING_LIST = {"type": "array", "items": {"type": "string"}}

# Keys every rule may have, whatever its kind.
_COMMON = {
    "id": {
        "type": "string",
        "pattern": r"^[a-z0-9][a-z0-9_-]*(\.[a-z0-9_-]+)*$",
        "description": "Stable id, unique across all loaded files, e.g. 'names.makei'.",
    },
    "kind": {"enum": list(KINDS)},
    "description": {"type": "string", "description": "What the rule removes or fixes, and why."},
    "examples": {
        "type": "array",
        "description": "Tests: an input and its expected output; no output means unchanged.",
        "items": {
            "type": "object",
            "properties": {"input": {"type": "string"}, "output": {"type": "string"}},
            "required": ["input"],
            "additionalProperties": False,
        },
    },
}

_GUARDS = {
    "when": {"type": "string", "description": "Regex the document must match for the rule to run."},
    "when-not": {"type": "string", "description": "Regex the document must not match for the rule to run."},
    "unless": {
        **_STRING_LIST,
        "description": "Regexes; a match of the rule inside a match of one of these is left alone.",
    },
}

_WINDOW = {
    "type": "integer",
    "minimum": 1,
    "description": "How many kept non-blank lines may stand between the line and the edge, plus one.",
}

# The keys each kind takes besides the common ones.
KIND_KEYS = {
    "drop-line": {
        "lines": {**_STRING_LIST, "description": "Literal lines (compared stripped)."},
        "patterns": {**_STRING_LIST, "description": "Regexes that must match the whole stripped line."},
        "ignore-case": {"type": "boolean"},
        "where": {"enum": ["head", "tail", "anywhere"]},
        "within": _WINDOW,
    },
    "drop-tail": {
        "marker": {"type": "string", "description": "Literal line that starts the tail block."},
        "pattern": {"type": "string", "description": "Regex matching the whole stripped marker line."},
        "ignore-case": {"type": "boolean"},
        "within": _WINDOW,
    },
    "replace": {
        "pattern": {"type": "string"},
        "replacement": {"type": "string"},
        **_GUARDS,
    },
    "variants": {
        "canonical": {"type": "string"},
        "variants": {**_STRING_LIST, "minItems": 1},
        "ignore-case": {"type": "boolean"},
        **_GUARDS,
    },
}

_REQUIRED = {
    "drop-line": {"anyOf": [{"required": ["lines"]}, {"required": ["patterns"]}]},
    "drop-tail": {"oneOf": [{"required": ["marker"]}, {"required": ["pattern"]}]},
    "replace": {"required": ["pattern", "replacement"]},
    "variants": {"required": ["canonical", "variants"]},
}


def _rule_schema() -> dict:
    all_keys = dict(_COMMON)
    for keys in KIND_KEYS.values():
        all_keys.update(keys)
    return {
        "type": "object",
        "required": ["id", "kind"],
        "properties": all_keys,
        "additionalProperties": False,
        "allOf": [
            {
                "if": {"properties": {"kind": {"const": kind}}, "required": ["kind"]},
                "then": {
                    "propertyNames": {"enum": sorted([*_COMMON, *KIND_KEYS[kind]])},
                    **_REQUIRED[kind],
                },
            }
            for kind in KINDS
        ],
    }


SCHEMA = {
    "$schema": "http://json-schema.org/draft-07/schema#",
    "title": "cleaner rule file",
    "type": "object",
    "required": ["rules"],
    "properties": {
        "description": {"type": "string"},
        "rules": {"type": "array", "items": _rule_schema()},
    },
    "additionalProperties": False,
}
