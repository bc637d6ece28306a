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

import sys
from pathlib import Path
from typing import Optional

from .errors import CleanerError
from .hints import did_you_mean
from .settings import SETTINGS, Settings, checked, key

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - exercised on Python < 3.11 only
    import tomli as tomllib

# The keys are the names of the settings, spelt as their flags are.
KEYS = {key(name): name for name in SETTINGS}


def resolve(args) -> Settings:
    """A command's settings: its flags over the config file found from the working
    folder (``--rules`` adds to the file's rules), over the defaults."""
    found = Path(args.config) if getattr(args, "config", None) else find_config(Path.cwd())
    values = read_config(found) if found else {}
    for name, each in SETTINGS.items():
        flag = getattr(args, name, None)
        if flag is not None:
            values[name] = (*values.get(name, ()), *flag) if each.metadata["adds"] else flag
    return Settings(**values)


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
    """The settings of a config file by name, checked, with rule paths made absolute."""
    data = _parse(path)
    if path.name == "pyproject.toml":
        data = data.get("tool", {}).get("cleaner", {})
    text = path.read_text(encoding="utf-8")
    values = {}
    for name, value in data.items():
        if name not in KEYS:
            hint = did_you_mean(name, KEYS) or f" (keys: {', '.join(KEYS)})"
            raise CleanerError(f"{path}:{_line_of(text, name)}: unknown key {name!r}{hint}")
        try:
            values[KEYS[name]] = checked(SETTINGS[KEYS[name]].metadata["kind"], value)
        except ValueError as exc:
            raise CleanerError(f"{path}:{_line_of(text, name)}: {name}: {exc}") from None
    if "rules" in values:
        values["rules"] = tuple(str(path.parent / rule) for rule in values["rules"])
    return values


def _line_of(text: str, key: str) -> int:
    for number, line in enumerate(text.splitlines(), 1):
        stripped = line.strip()
        if stripped.startswith((f"{key} ", f"{key}=", f'"{key}"')):
            return number
    return 1
