"""Project configuration: ``[tool.cleaner]`` in ``pyproject.toml``, or ``.cleaner.toml``.

The nearest folder, walking up from the working folder, that has either file
decides; in a folder with both, ``.cleaner.toml`` wins (it exists only for
cleaner). Paths in it are relative to its folder. Command-line flags override it.

.. code-block:: toml

    [tool.cleaner]
    rules = ["my-rules"]
    ignore = ["names.tikhanovskaya"]
    exclude = ["archive/*"]
"""

from __future__ import annotations

import difflib
import sys
from pathlib import Path
from typing import Optional

from .errors import CleanerError

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - exercised on Python < 3.11 only
    import tomli as tomllib

# key -> (type, description); the same names as the command-line flags.
KEYS = {
    "rules": (list, "extra rule files or folders"),
    "default-rules": (bool, "load the built-in rules"),
    "select": (list, "rule ids or id prefixes to use (default: all)"),
    "ignore": (list, "rule ids or id prefixes to switch off"),
    "include": (list, "file globs a folder walk takes"),
    "exclude": (list, "file or folder globs to leave alone"),
    "encoding": (str, "encoding of the files"),
    "ascii": (bool, "transliterate to ASCII"),
    "straight-quotes": (bool, "turn curly quotes into straight ones"),
    "timeout": ((int, float), "seconds a rule's regex may run on one document"),
}


def find_config(start: Path) -> Optional[Path]:
    for folder in [start, *start.parents]:
        for name in (".cleaner.toml", "pyproject.toml"):
            candidate = folder / name
            if candidate.is_file() and (name == ".cleaner.toml" or _has_cleaner_table(candidate)):
                return candidate
    return None


def _has_cleaner_table(pyproject: Path) -> bool:
    return "tool" in (data := _parse(pyproject)) and "cleaner" in data["tool"]


def _parse(path: Path) -> dict:
    try:
        return tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError) as exc:
        raise CleanerError(f"{path}: cannot read: {exc}") from None
    except tomllib.TOMLDecodeError as exc:
        # tomllib says "... (at line 3, column 7)": keep the path:line form of every error
        message, _, where = str(exc).rpartition(" (at line ")
        line = where.split(",")[0] if message else "1"
        raise CleanerError(f"{path}:{line}: TOML error: {message or exc}") from None


def read_config(path: Path) -> dict:
    """The settings of a config file, checked, with rule paths made absolute."""
    data = _parse(path)
    if path.name == "pyproject.toml":
        data = data.get("tool", {}).get("cleaner", {})
    text = path.read_text(encoding="utf-8")
    for key, value in data.items():
        if key not in KEYS:
            close = difflib.get_close_matches(key, KEYS, n=1)
            hint = f" (did you mean {close[0]!r}?)" if close else f" (keys: {', '.join(KEYS)})"
            raise CleanerError(f"{path}:{_line_of(text, key)}: unknown key {key!r}{hint}")
        expected = KEYS[key][0]
        if not isinstance(value, expected) or (expected is list and not all(isinstance(v, str) for v in value)):
            kind = {list: "a list of strings", str: "a string", bool: "true or false"}.get(expected, "a number")
            raise CleanerError(f"{path}:{_line_of(text, key)}: {key}: expected {kind}, got {value!r}")
    if "rules" in data:
        data["rules"] = [str(path.parent / rule) for rule in data["rules"]]
    return data


def _line_of(text: str, key: str) -> int:
    for number, line in enumerate(text.splitlines(), 1):
        stripped = line.strip()
        if stripped.startswith((f"{key} ", f"{key}=", f'"{key}"')):
            return number
    return 1
