"""Which build the tests run against. With CLEANER_COMPILED=1 (``.ci/run``'s
second pass, over the wheel that ``.ci/compiled`` builds with mypyc) every
module that pyproject.toml's mypyc hook compiles must be imported compiled, so
that the suite is known to test the compiled code; otherwise each must be its
.py file, so that extensions a build left in the work tree never stand in for
the code being edited."""

import importlib
import importlib.machinery
import os
import sys

import pytest

from conftest import ROOT

if sys.version_info >= (3, 11):
    import tomllib
else:
    import tomli as tomllib

COMPILED = os.environ.get("CLEANER_COMPILED") == "1"


def compiled_by_the_hook() -> list:
    """The modules the hook's include patterns take and its exclude patterns leave."""
    hook = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["tool"]["hatch"]["build"]
    hook = hook["targets"]["wheel"]["hooks"]["mypyc"]
    excluded = {ROOT / pattern.lstrip("/") for pattern in hook.get("exclude", [])}
    paths = {path for pattern in hook["include"] for path in ROOT.glob(pattern.lstrip("/"))} - excluded
    return sorted(".".join(path.relative_to(ROOT).with_suffix("").parts) for path in paths)


def test_the_hook_compiles_the_line_stage():
    assert {"cleaner.lines", "cleaner.context", "cleaner.kinds.base"} <= set(compiled_by_the_hook())


@pytest.mark.parametrize("name", compiled_by_the_hook())
def test_a_module_the_hook_compiles_is_imported_as_built(name):
    path = importlib.import_module(name).__file__
    assert path is not None
    assert path.endswith(tuple(importlib.machinery.EXTENSION_SUFFIXES)) == COMPILED, path
