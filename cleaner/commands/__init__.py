"""The verbs of the command line, a module each (fix, check and diff share one).

Each module has ``add_parser(commands, parents)``, which adds its subcommand
with ``set_defaults(run=run)``, and ``run(args) -> int``, the exit status. The
modules import the engine inside ``run``, so that building the parser, and
``cleaner --version``, stays fast.
"""

from __future__ import annotations

import argparse
import contextlib
import sys
from types import SimpleNamespace

from ..errors import CleanerError
from ..files import write_atomically
from ..settings import add_flags

MODULES = ("clean", "fix", "dump", "suggest", "explain", "rules")


def parents() -> SimpleNamespace:
    """The option groups several commands share: ``rules`` (what to load, and the
    output options) and ``files`` (PATHs and how to walk and read them)."""
    rules = argparse.ArgumentParser(add_help=False)
    add_flags(rules.add_argument_group("rules"), "rules")
    add_flags(rules.add_argument_group("output"), "output")
    files = argparse.ArgumentParser(add_help=False)
    files.add_argument("paths", nargs="*", default=["."], metavar="PATH", help="files, or folders to walk (default: .)")
    add_flags(files.add_argument_group("files"), "files")
    return SimpleNamespace(rules=rules, files=files)


def clean_text(cleaner, text: str, path) -> str:
    """Clean one file's text; an error about the text (a rule out of time, a line
    too long) names the file."""
    try:
        return cleaner.clean(text)
    except CleanerError as exc:
        raise CleanerError(f"{'<stdin>' if str(path) == '-' else path}: {exc}") from None


def write_output(path, data: bytes) -> None:
    """``files.write_atomically``, its failure one line naming ``path`` (not the
    temporary file beside it)."""
    try:
        write_atomically(path, data)
    except OSError as exc:
        raise CleanerError(f"{path}: cannot write: {exc.strerror or exc}") from None


@contextlib.contextmanager
def progress():
    """A progress bar with documents/s and MB/s on a terminal; nothing otherwise.
    Yields ``on_batch(stats)`` (``records.Stats``), or None."""
    if not sys.stderr.isatty():
        yield None
        return
    from tqdm import tqdm

    with tqdm(unit="B", unit_scale=True, unit_divisor=1000, desc="cleaning", file=sys.stderr) as bar:
        documents = 0

        def on_batch(stats) -> None:
            nonlocal documents
            documents += stats.documents + stats.rejected
            bar.update(stats.bytes_in)
            elapsed = bar.format_dict["elapsed"] or 1e-9
            bar.set_postfix(docs=f"{documents:,}", docs_per_s=f"{documents / elapsed:,.0f}", refresh=False)

        yield on_batch
