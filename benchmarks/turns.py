"""Several versions of cleaner, and ftfy, taking turns document by document: CPU seconds.

    git archive <commit> | tar -x -C /tmp/v1       # one folder per version
    python benchmarks/turns.py DUMP.jsonl /tmp/v1 /tmp/v2 ... [--no-ftfy]
    python benchmarks/turns.py DUMP.jsonl /tmp/v1 installed    # a folder's against the installed one

Each version is loaded from its folder under a name of its own (its
``cleaner`` package as ``cleaner_v1``...), so that all of them run in this
process over the same texts, which goes first moving by one each document:
on this project's virtual machine the host's stolen time counts as the
process's own, and versions timed in passes one after the other moved by a
fifth from run to run. ``installed`` is the ``cleaner`` package this Python
imports, under its own name: a build compiled with mypyc (README, "Set up")
can only be loaded so, its modules knowing their names. Prints each one's CPU
seconds, its ratio to the first version and ftfy's to it.
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import sys
import time
from pathlib import Path

import ftfy


def load(folder: Path, name: str):
    """The ``Cleaner`` of the version in ``folder`` (its ``cleaner`` package imported as ``name``),
    or of the installed ``cleaner`` when ``folder`` is ``installed``."""
    if str(folder) == "installed":
        return importlib.import_module("cleaner.pipeline").Cleaner
    package = folder / "cleaner"
    spec = importlib.util.spec_from_file_location(
        name, package / "__init__.py", submodule_search_locations=[str(package)]
    )
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    spec.loader.exec_module(module)
    return importlib.import_module(f"{name}.pipeline").Cleaner


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("dump", type=Path, help="a JSON Lines file with a 'text' field")
    parser.add_argument(
        "versions", nargs="+", type=Path, help="folders each holding a version's cleaner/ and rules/, or installed"
    )
    parser.add_argument("--no-ftfy", action="store_true", help="leave ftfy.fix_text out")
    args = parser.parse_args()
    tools = {str(folder): load(folder, f"cleaner_v{n}")().clean for n, folder in enumerate(args.versions, 1)}
    if not args.no_ftfy:
        tools["ftfy"] = ftfy.fix_text
    texts = [json.loads(line)["text"] for line in args.dump.open(encoding="utf-8")]
    spent = dict.fromkeys(tools, 0.0)
    names = list(tools)
    for number, text in enumerate(texts):
        first = number % len(names)
        for name in names[first:] + names[:first]:
            started = time.process_time()
            tools[name](text)
            spent[name] += time.process_time() - started
    base = spent[names[0]]
    print(f"{args.dump.name}: {len(texts)} documents, CPU seconds in one process, taking turns")
    print("| version | CPU s | × the first | ftfy × it |\n| --- | ---: | ---: | ---: |")
    for name in tools:
        against_ftfy = f"{spent['ftfy'] / spent[name]:.3f}" if "ftfy" in spent else ""
        print(f"| {name} | {spent[name]:.2f} | {spent[name] / base:.3f} | {against_ftfy} |")


if __name__ == "__main__":
    main()
