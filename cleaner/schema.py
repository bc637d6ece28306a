"""The JSON Schema of a rule file, made from the kinds' key declarations: the
loader validates every file against it, and docs/rules.schema.json is a copy.

Keys are spelled with hyphens (``ignore-case``) like the kinds (``drop-line``).
A key several kinds take has one JSON type; where its meaning differs, its
description gives each kind's.
"""

from __future__ import annotations

from .kinds import KIND_CLASSES
from .kinds.base import COMMON_KEYS

KINDS = tuple(KIND_CLASSES)
KIND_KEYS = {kind: [key.name for key in cls.keys] for kind, cls in KIND_CLASSES.items()}


def _property(declarations: list) -> dict:
    """One key's schema, from the declarations of the kinds that take it."""
    (_, first), *others = declarations
    for kind, key in others:
        if key.schema != first.schema:
            raise TypeError(f"key {key.name!r} has one type in {declarations[0][0]} rules, another in {kind} rules")
    docs = {key.doc for _, key in declarations}
    if len(docs) == 1:
        return first.property_schema()
    return {**first.schema, "description": " ".join(f"{kind}: {key.doc}" for kind, key in declarations)}


def _properties() -> dict:
    declared: dict[str, list] = {}
    for kind, cls in KIND_CLASSES.items():
        for key in cls.keys:
            declared.setdefault(key.name, []).append((kind, key))
    common = {key.name: key.property_schema() for key in COMMON_KEYS}
    common["kind"] = {"enum": list(KINDS), "description": common["kind"]["description"]}
    return {**common, **{name: _property(declarations) for name, declarations in declared.items()}}


def _kind_schema(kind: str) -> dict:
    cls = KIND_CLASSES[kind]
    then: dict = {"propertyNames": {"enum": sorted([*(k.name for k in COMMON_KEYS), *KIND_KEYS[kind]])}}
    required = [key.name for key in cls.keys if key.required]
    if required:
        then["required"] = required
    if cls.choice is not None:
        then.update(cls.choice.schema())
    return {"if": {"properties": {"kind": {"const": kind}}, "required": ["kind"]}, "then": then}


def _rule_schema(kinds: tuple = KINDS) -> dict:
    """The schema of a rule (of one of ``kinds``: a rule of another kind is
    held to the keys every kind takes only)."""
    return {
        "type": "object",
        "required": [key.name for key in COMMON_KEYS if key.required],
        "properties": _properties(),
        "additionalProperties": False,
        "allOf": [_kind_schema(kind) for kind in kinds],
    }


RULE_SCHEMA = _rule_schema()
# For a rule whose kind is known, ``SCHEMA`` comes down to the rule schema of
# that kind: the conditions of the other kinds do not apply to it.
RULE_SCHEMA_OF_KIND = {kind: _rule_schema((kind,)) for kind in KINDS}


SCHEMA = {
    "$schema": "http://json-schema.org/draft-07/schema#",
    "title": "cleaner rule file",
    "type": "object",
    "required": ["rules"],
    "properties": {
        "description": {"type": "string"},
        "rules": {"type": "array", "items": RULE_SCHEMA},
    },
    "additionalProperties": False,
}
# The file around its rules, for a validator that checks each rule apart.
FILE_SCHEMA = {**SCHEMA, "properties": {"description": {"type": "string"}, "rules": {"type": "array"}}}
