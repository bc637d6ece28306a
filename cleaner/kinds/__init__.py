"""The rule kinds, one module each; ``KIND_CLASSES`` maps each kind's name to its class.

The engine knows kinds, never particular rules: every rule comes from a YAML
file (see ``loader``) and becomes an instance of one of these classes. Adding
a kind is adding a module here (a ``Rule`` subclass with its ``kind`` name) and
its tests: the registry finds it, and the schema, the loader's checks, lint and
the docs follow from its declarations.

>>> from cleaner.kinds import KIND_CLASSES
>>> list(KIND_CLASSES)  # doctest: +NORMALIZE_WHITESPACE
['drop-block', 'drop-context', 'drop-line', 'drop-records', 'drop-run', 'drop-tail',
 'replace', 'title-suffix', 'variants']

The registry is built on first use: the stage modules that kinds name import
``base``, so the kind modules cannot be imported while this package loads.
"""

from __future__ import annotations

import importlib
import pkgutil
from typing import Any

from .base import Example, Rule, Spec

__all__ = ["KIND_CLASSES", "Example", "Rule", "Spec"]

KIND_CLASSES: dict[str, type[Rule]]


def _discover() -> dict[str, type[Rule]]:
    """Every kind in this package, in the order of the modules' names."""
    found: dict[str, type[Rule]] = {}
    for module in sorted(info.name for info in pkgutil.iter_modules(__path__)):
        if module == "base":
            continue
        namespace = vars(importlib.import_module(f"{__name__}.{module}"))
        for value in namespace.values():
            defined_here = isinstance(value, type) and value.__module__ == namespace["__name__"]
            if defined_here and issubclass(value, Rule) and value.kind:
                found[value.kind] = value
    return found


def __getattr__(name: str) -> Any:
    if name == "KIND_CLASSES":
        globals()["KIND_CLASSES"] = registry = _discover()
        return registry
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
