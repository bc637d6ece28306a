"""Load rule files: YAML in safe mode (or JSON), validated against
``schema.SCHEMA`` (``validation``), built into rules of their kinds.

Every problem becomes a ``RuleError`` naming the file and line.
"""

from __future__ import annotations

import bisect
import contextlib
import gc
import json
import os
from pathlib import Path
from typing import TYPE_CHECKING, Iterable, Iterator

import regex
import yaml

from .errors import CleanerError, RuleError
from .files import SKIPPED_FOLDERS, read_bounded
from .hints import did_you_mean
from .kinds import KIND_CLASSES, Rule, Spec
from .lint_codes import DUPLICATE_ID, DUPLICATE_KEY, INVALID_RULE, UNREADABLE, YAML_TAG
from .settings import DEFAULT_TIMEOUT
from .validation import is_valid, validate

# JSON is YAML, read by a faster parser: the format for generated rule lists.
RULE_FILE_SUFFIXES = (".yaml", ".yml", ".json")
_JSON_ID = regex.compile(r'"id"\s*:\s*"([^"\\]*)"')

_STR_TAG = "tag:yaml.org,2002:str"
_ALLOWED_TAGS = {"tag:yaml.org,2002:" + name for name in ("str", "int", "float", "bool", "null", "map", "seq")}


if TYPE_CHECKING:
    _SafeLoader = yaml.SafeLoader
else:  # libyaml when PyYAML has it
    _SafeLoader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class _Loader(_SafeLoader):
    """The safe loader, resolving most plain scalars without PyYAML's regex scan.

    PyYAML picks the implicit resolvers of a plain scalar by its first
    character; a scalar whose first character has none is a string. Skipping
    the lookup for those (nearly every value of a rule file) is the same
    result, and a file of 100,000 variants loads in about a second.
    """

    _NOT_STRING_STARTS = frozenset(key for key in yaml.resolver.Resolver.yaml_implicit_resolvers if key)

    def resolve(self, kind, value, implicit):
        if kind is yaml.ScalarNode and implicit[0] and value and value[0] not in self._NOT_STRING_STARTS:
            return _STR_TAG
        return super().resolve(kind, value, implicit)


def builtin_rules_dir() -> Path:
    """The built-in rules: inside the installed package, or ``rules/`` in a source checkout."""
    packaged = Path(__file__).parent / "rules"
    return packaged if packaged.is_dir() else Path(__file__).parent.parent / "rules"


# A rule folder is small: a walk that meets more entries than this was given
# the wrong folder (``/``, a home folder) and stops with one line.
MAX_RULE_FOLDER_ENTRIES = 10_000


def rule_files(paths: Iterable) -> list:
    """Expand files and folders into rule files: a folder is searched recursively
    (past version control and tool folders, not into linked folders) for
    ``*.yaml``, ``*.yml`` and ``*.json``, sorted, visiting at most
    ``MAX_RULE_FOLDER_ENTRIES`` files and folders."""
    found = []
    for path in map(Path, paths):
        if path.is_dir():
            visited = 0
            in_folder: list[Path] = []
            for parent, subfolders, names in os.walk(path):
                visited += len(subfolders) + len(names)
                if visited > MAX_RULE_FOLDER_ENTRIES:
                    raise RuleError(
                        str(path),
                        0,
                        f"more than {MAX_RULE_FOLDER_ENTRIES:,} files and folders under this rule folder: "
                        "name the folder that holds the rule files",
                        UNREADABLE.code,
                    )
                subfolders[:] = [d for d in subfolders if d not in SKIPPED_FOLDERS]
                in_folder.extend(Path(parent, n) for n in names if n.endswith(RULE_FILE_SUFFIXES))
            found.extend(sorted(p for p in in_folder if p.is_file()))
        elif path.exists():
            found.append(path)
        else:
            raise RuleError(str(path), 0, "no such rule file or folder", UNREADABLE.code)
    return found


def load_rules(paths: Iterable, timeout: float = DEFAULT_TIMEOUT) -> list:
    """Load every rule from ``paths`` in order, refusing duplicate ids across files.

    ``timeout``: seconds each regex of a rule may run on one document."""
    rules: list[Rule] = []
    seen: dict[str, Rule] = {}
    with _without_cyclic_gc():
        for rule in (rule for path in rule_files(paths) for rule in load_file(path, timeout)):
            if rule.id in seen:
                first = seen[rule.id]
                raise RuleError(
                    rule.path,
                    rule.line,
                    f"duplicate rule id {rule.id!r} (first at {first.path}:{first.line})",
                    DUPLICATE_ID.code,
                )
            seen[rule.id] = rule
            rules.append(rule)
    return rules


@contextlib.contextmanager
def _without_cyclic_gc() -> Iterator[None]:
    """Python's cycle collector paused while rules load: loading makes many
    objects that live on, and each collection walked every rule made so far
    (20,000 learnt rules loaded in twice the time). Any cycle left as garbage
    is collected once it runs again."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def _matches(rule_id: str, prefix: str) -> bool:
    return rule_id == prefix or rule_id.startswith(prefix + ".")


def select_rules(rules: list, select=(), ignore=()) -> list:
    """The rules whose id ``select`` names (all if empty) and ``ignore`` does not.

    An id or a prefix of whole dotted words names a rule: ``names`` names
    ``names.makei``, ``name`` names nothing, which is an error (a typo would
    otherwise silently select nothing).
    """
    for prefix in (*select, *ignore):
        if not any(_matches(rule.id, prefix) for rule in rules):
            hint = did_you_mean(prefix, [rule.id for rule in rules])
            raise CleanerError(f"no loaded rule matches {prefix!r}{hint}")
    return [
        rule
        for rule in rules
        if (not select or any(_matches(rule.id, p) for p in select)) and not any(_matches(rule.id, p) for p in ignore)
    ]


# Limits that keep a careless or hostile rule file from exhausting memory.
MAX_RULE_FILE_BYTES = 32 * 1024 * 1024
MAX_NESTING = 50


def load_file(path, timeout: float = DEFAULT_TIMEOUT) -> list:
    name = str(path)
    try:
        text = read_bounded(path, MAX_RULE_FILE_BYTES, "rule file").decode("utf-8")
    except CleanerError as exc:  # the message names the file: keep what follows
        raise RuleError(name, 0, str(exc).removeprefix(f"{name}: "), UNREADABLE.code) from None
    except UnicodeDecodeError as exc:
        raise RuleError(name, 0, f"cannot read rule file: {exc}", UNREADABLE.code) from None
    if Path(path).suffix == ".json":
        rules = _load_json(text, name, timeout)
        if rules is not None:
            return rules
    try:
        _check_events(text, name)
        root = yaml.compose(text, Loader=_Loader)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line, column = (mark.line + 1, mark.column + 1) if mark else (0, 1)
        raise RuleError(name, line, f"YAML error: {exc.problem or exc}", UNREADABLE.code, column) from None
    except yaml.reader.ReaderError as exc:  # a character YAML does not allow, not "marked"
        line = text.count("\n", 0, exc.position) + 1
        character = chr(exc.character) if isinstance(exc.character, int) else exc.character
        raise RuleError(name, line, f"YAML error: {exc.reason} ({character!r})", UNREADABLE.code) from None
    except yaml.YAMLError as exc:
        first_line = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
        raise RuleError(name, 0, f"YAML error: {first_line}", UNREADABLE.code) from None
    if root is None:
        raise RuleError(name, 1, "empty rule file (expected a mapping with 'rules')", UNREADABLE.code)
    lines: dict = {}
    data = _to_python(root, name, (), lines, yaml.SafeLoader(""))
    validate(data, name, lines)
    return [_build(name, index, rule, lines, timeout) for index, rule in enumerate(data["rules"])]


# What aliases may add: a few shared values are a convenience, a billion
# laughs (nine aliases of nine aliases ...) is an attack.
MAX_ALIASED_VALUES = 100_000


def _check_events(text: str, path: str) -> None:
    """Refuse, before a node is built, what would make building costly or
    crash: aliases that would expand to more than ``MAX_ALIASED_VALUES``
    values (a 360-byte alias bomb expands to gigabytes) and nesting deeper
    than ``MAX_NESTING`` (libyaml's composer recurses: 30,000 ``[`` overflow
    its stack). Reads the parser's events, which keep no tree, counting the
    values under each anchor."""
    sizes: dict = {}  # anchor -> values under it, aliases expanded
    open_collections: list = [[None, 0]]  # [anchor, values so far], the document at the bottom
    aliased = 0
    for event in yaml.parse(text, Loader=_Loader):
        assert event.start_mark is not None  # the parser marks every event
        line, column = event.start_mark.line + 1, event.start_mark.column + 1
        if isinstance(event, yaml.CollectionStartEvent):
            open_collections.append([event.anchor, 0])
            if len(open_collections) > MAX_NESTING + 3:  # the document, the rules list and a rule: 3
                raise RuleError(path, line, f"nested more than {MAX_NESTING} levels deep", INVALID_RULE.code, column)
            continue
        if isinstance(event, yaml.CollectionEndEvent):
            anchor, size = open_collections.pop()
            size += 1
        elif isinstance(event, yaml.AliasEvent):
            anchor, size = None, sizes.get(event.anchor, 1)
            aliased += size
            if aliased > MAX_ALIASED_VALUES:
                raise RuleError(
                    path,
                    line,
                    f"YAML aliases expand to more than {MAX_ALIASED_VALUES:,} values",
                    UNREADABLE.code,
                    column,
                )
        elif isinstance(event, yaml.ScalarEvent):
            anchor, size = event.anchor, 1
        else:
            continue
        if anchor is not None:
            sizes[anchor] = size
        open_collections[-1][1] += size


def _load_json(text: str, path: str, timeout: float):
    """The rules of a valid JSON rule file; None for an invalid one, which the YAML
    path then reads again to say where the problem is."""
    try:
        data = json.loads(text)
    except (ValueError, RecursionError):
        return None  # RecursionError: nested too deep; ValueError: also an integer too long
    if not is_valid(data):
        return None
    newlines = [m.start() for m in regex.finditer("\n", text)]
    first_seen: dict = {}
    for match in _JSON_ID.finditer(text):
        first_seen.setdefault(match.group(1), bisect.bisect(newlines, match.start()) + 1)
    lines = {("rules", i): first_seen.get(rule["id"], 1) for i, rule in enumerate(data["rules"])}
    return [_build(path, index, rule, lines, timeout) for index, rule in enumerate(data["rules"])]


def _to_python(node: yaml.Node, path: str, where: tuple, lines: dict, constructor: yaml.SafeLoader):
    """Turn a composed YAML node into plain data, noting each node's line under its
    path (and its column under ``("column", *path)``). A key's path leads to the key.

    Only plain data tags are allowed: a tag such as ``!!python/object`` is refused
    before anything is constructed."""
    lines[where] = node.start_mark.line + 1
    lines[("column",) + where] = node.start_mark.column + 1
    if len(where) > MAX_NESTING:
        raise RuleError(path, lines[where], f"nested more than {MAX_NESTING} levels deep", INVALID_RULE.code)
    if node.tag == _STR_TAG and isinstance(node, yaml.ScalarNode):
        return node.value
    if node.tag not in _ALLOWED_TAGS:
        tag = node.tag.replace("tag:yaml.org,2002:", "!!")
        raise RuleError(path, lines[where], f"YAML tag {tag!r} is not allowed in rule files", YAML_TAG.code)
    if isinstance(node, yaml.MappingNode):
        result = {}
        for key_node, value_node in node.value:
            if not isinstance(key_node, yaml.ScalarNode):
                raise RuleError(
                    path,
                    key_node.start_mark.line + 1,
                    "a key must be text, not a list or a mapping",
                    INVALID_RULE.code,
                    key_node.start_mark.column + 1,
                )
            key = _to_python(key_node, path, where + ("<key>",), lines, constructor)
            if not isinstance(key, str):
                raise RuleError(
                    path,
                    key_node.start_mark.line + 1,
                    f"key {key_node.value!r} is read as {key!r}, not text: quote it",
                    INVALID_RULE.code,
                    key_node.start_mark.column + 1,
                )
            if key in result:
                raise RuleError(
                    path,
                    key_node.start_mark.line + 1,
                    f"duplicate key {key!r}",
                    DUPLICATE_KEY.code,
                    key_node.start_mark.column + 1,
                )
            result[key] = _to_python(value_node, path, where + (key,), lines, constructor)
            lines[where + (key,)] = key_node.start_mark.line + 1
            lines[("column",) + where + (key,)] = key_node.start_mark.column + 1
        return result
    if isinstance(node, yaml.SequenceNode):
        return [_to_python(item, path, where + (i,), lines, constructor) for i, item in enumerate(node.value)]
    try:
        return constructor.construct_object(node)
    except ValueError as exc:  # an integer of more than 4,300 digits
        raise RuleError(
            path,
            lines[where],
            f"value cannot be read: {str(exc).split(';')[0]}",
            INVALID_RULE.code,
            lines[("column",) + where],
        ) from None


def _build(path: str, index: int, data: dict, lines: dict, timeout: float) -> Rule:
    where = ("rules", index)
    return KIND_CLASSES[data["kind"]](Spec(data, path, lines[where], lines, where, timeout))
