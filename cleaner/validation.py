"""Check a rule file's data against the schema, and say what is wrong with it
in a rule author's words, at its line: "unknown key 'patern' (did you mean
'pattern'?)", not the JSON Schema validator's.
"""

from __future__ import annotations

import functools
from typing import Callable, Mapping

import fastjsonschema
import jsonschema

from .errors import RuleError
from .hints import did_you_mean
from .kinds import KIND_CLASSES
from .kinds.base import COMMON_KEYS
from .lint_codes import INVALID_RULE, UNKNOWN_KEY
from .schema import FILE_SCHEMA, KIND_KEYS, KINDS, RULE_SCHEMA, RULE_SCHEMA_OF_KIND, SCHEMA

# fastjsonschema compiles the schema to Python, for the common case of a valid
# file; jsonschema, slower, locates and explains a problem. Both read SCHEMA.
_IS_VALID = fastjsonschema.compile(SCHEMA)
_VALIDATOR = jsonschema.Draft7Validator(SCHEMA)

# From this many rules, a file is checked rule by rule against the schema of
# each rule's kind (compiled when first needed: 75 ms for all the kinds), which
# is what SCHEMA asks of it, in a fifth of the time: SCHEMA's conditions for
# the other kinds each raise an exception inside.
BY_KIND_FROM = 500


def is_valid(data) -> bool:
    """Does ``data`` (a rule file read) follow the schema? Fast: most files do."""
    rules = data.get("rules") if isinstance(data, dict) else None
    try:
        if isinstance(rules, list) and len(rules) >= BY_KIND_FROM:
            _valid_by_kind(data)
        else:
            _IS_VALID(data)
    except fastjsonschema.JsonSchemaException:
        return False
    return True


def _valid_by_kind(data: dict) -> None:
    """Raise JsonSchemaException unless ``data``, holding a list of rules, follows SCHEMA."""
    _validator("file")(data)
    for rule in data["rules"]:
        kind = rule.get("kind") if isinstance(rule, dict) else None
        _validator(kind if isinstance(kind, str) and kind in RULE_SCHEMA_OF_KIND else "rule")(rule)


@functools.lru_cache(maxsize=None)
def _validator(part: str) -> Callable:
    """The validator of the file around its rules ("file"), of a rule of a kind, or of any rule ("rule")."""
    schema = {"file": FILE_SCHEMA, "rule": RULE_SCHEMA}.get(part) or RULE_SCHEMA_OF_KIND[part]
    return fastjsonschema.compile(schema)


def validate(data, path: str, lines: dict) -> None:
    """Raise RuleError for the first problem of ``data`` (read from ``path``,
    its nodes' lines in ``lines``), worded for a rule author, if it has one."""
    if is_valid(data):
        return
    errors = list(_VALIDATOR.iter_errors(data))
    unknown_keys = [e for e in errors if _is_unknown_key(e)]
    error = unknown_keys[0] if unknown_keys else jsonschema.exceptions.best_match(errors)
    where, message = _explain(error, data)
    while where not in lines:
        where = where[:-1]
    code = UNKNOWN_KEY.code if _is_unknown_key(error) else INVALID_RULE.code
    raise RuleError(path, lines[where], message, code, lines.get(("column",) + where, 1))


_TYPE_WORDS = {
    "array": "a list",
    "object": "a mapping",
    "string": "a string",
    "integer": "a whole number",
    "boolean": "true or false",
}


def _is_unknown_key(error: jsonschema.ValidationError) -> bool:
    return error.validator == "additionalProperties" or "propertyNames" in error.schema_path


def _explain(error: jsonschema.ValidationError, data) -> tuple:
    """Where the problem is, and what it is in words a rule author uses."""
    where = tuple(error.absolute_path)
    rule = data["rules"][where[1]] if where[:1] == ("rules",) and len(where) > 1 else None
    rule = rule if isinstance(rule, dict) else None
    rule_id = rule.get("id") if rule else None
    # an id not yet checked may hold anything, a line break too: shown as written only when it is one line
    prefix = "" if not isinstance(rule_id, str) else f"{rule_id}: " if rule_id.isprintable() else f"{rule_id!r}: "
    field = where[-1] if where and isinstance(where[-1], str) else None
    # a kind not yet checked may be a mapping or a list: no kind, and no key of KIND_KEYS
    kind = rule["kind"] if rule and isinstance(rule.get("kind"), str) else ""

    if _is_unknown_key(error):
        key = error.instance if error.validator != "additionalProperties" else _extra_key(error)
        if kind in KIND_KEYS and any(key in keys for keys in KIND_KEYS.values()):
            allowed = ", ".join(KIND_KEYS[kind])
            return where + (key,), f"{prefix}key {key!r} does not belong in a {kind} rule (it takes {allowed})"
        if len(where) == 2 and rule is not None:  # a key of the rule itself
            known = [*(key.name for key in COMMON_KEYS), *KIND_KEYS.get(kind, ())]
        else:
            known = list(_properties(error))
        return where + (key,), f"{prefix}unknown key {key!r}{did_you_mean(str(key), known)}"
    if field == "kind" and error.validator == "enum":
        hint = did_you_mean(str(error.instance), KINDS) or f" (kinds: {', '.join(KINDS)})"
        return where, f"{prefix}unknown kind {error.instance!r}{hint}"
    if error.validator == "required" and isinstance(error.validator_value, list) and isinstance(error.instance, dict):
        missing = [key for key in error.validator_value if key not in error.instance]
        return where, f"{prefix}missing key {missing[0]!r}"
    choice = KIND_CLASSES[kind].choice if kind in KIND_CLASSES else None
    if error.validator in ("anyOf", "oneOf") and choice is not None:
        return where, f"{prefix}{choice.message(kind)}"
    if field == "id" and error.validator == "pattern":
        return where, f"id {error.instance!r} must be lowercase words joined by dots, like 'names.makei'"
    if error.validator == "type" and isinstance(error.validator_value, str):
        expected = _TYPE_WORDS.get(error.validator_value, error.validator_value)
        return where, f"{prefix}{field or 'value'}: expected {expected}, got {error.instance!r}"
    return where, f"{prefix}{field + ': ' if field else ''}{error.message}"


def _extra_key(error: jsonschema.ValidationError) -> str:
    allowed = _properties(error)
    assert isinstance(error.instance, dict)  # additionalProperties fails on a mapping
    return next(key for key in error.instance if key not in allowed)


def _properties(error: jsonschema.ValidationError) -> Mapping:
    """The keys the schema part that failed names (none if it names none)."""
    return error.schema.get("properties", {}) if isinstance(error.schema, Mapping) else {}
