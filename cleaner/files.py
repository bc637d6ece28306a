"""Text files on disk: finding them, reading them faithfully, writing them atomically.

What a file had stays unless a rule changes it: its encoding, a UTF-8 byte
order mark, CRLF line endings, and the presence or absence of a final newline
(the pipeline keeps that one).

>>> doc = TextDocument.decode(b"\\xef\\xbb\\xbfOne\\r\\nTwo\\r\\n", "t.txt")
>>> doc.text, doc.newline, doc.bom
('One\\nTwo\\n', '\\r\\n', True)
>>> doc.encode("One\\n")
b'\\xef\\xbb\\xbfOne\\r\\n'
"""

from __future__ import annotations

import codecs
import fnmatch
import os
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable, Iterator

from .errors import CleanerError

DEFAULT_INCLUDE = ("*.txt",)
# Folders a walk never enters: version control and tool caches.
SKIPPED_FOLDERS = {".git", ".hg", ".svn", ".venv", "venv", "node_modules", "__pycache__", ".tox", ".nox"}


class BinaryFile(CleanerError):
    """A file that holds NUL bytes: not text, skipped with a note."""


class Undecodable(CleanerError):
    """Bytes that are not valid in the encoding; says where."""

    def __init__(self, name: str, encoding: str, offset: int):
        self.reason = f"not valid {encoding} at byte {offset}"
        super().__init__(f"{name}: {self.reason} (try --encoding)")


@dataclass(frozen=True)
class TextDocument:
    text: str  # with "\n" line endings
    encoding: str
    newline: str  # "\n" or "\r\n": how lines end on disk
    bom: bool

    @classmethod
    def decode(cls, data: bytes, name: str, encoding: str = "utf-8") -> "TextDocument":
        if b"\x00" in data[:8192] and not encoding.lower().startswith("utf-16"):
            raise BinaryFile(f"{name}: skipped: binary file")
        bom = encoding.lower().replace("_", "-") in ("utf-8", "utf8") and data.startswith(codecs.BOM_UTF8)
        try:
            text = data[len(codecs.BOM_UTF8) if bom else 0 :].decode(encoding)
        except UnicodeDecodeError as exc:
            offset = exc.start + (len(codecs.BOM_UTF8) if bom else 0)
            label = "UTF-8" if encoding.lower().replace("_", "-") in ("utf-8", "utf8") else encoding
            raise Undecodable(name, label, offset) from None
        except LookupError:
            raise CleanerError(f"unknown encoding {encoding!r}") from None
        crlf = text.count("\r\n")
        newline = "\r\n" if crlf and crlf * 2 >= text.count("\n") else "\n"
        return cls(text.replace("\r\n", "\n"), encoding, newline, bom)

    def encode(self, text: str) -> bytes:
        """``text`` (with "\\n" line endings) as this document's bytes on disk."""
        if self.newline != "\n":
            text = text.replace("\n", self.newline)
        try:
            data = text.encode(self.encoding)
        except UnicodeEncodeError as exc:
            raise CleanerError(
                f"cannot write {text[exc.start:exc.end]!r} in {self.encoding} (try --ascii)"
            ) from None
        return codecs.BOM_UTF8 + data if self.bom else data


def read_document(path, encoding: str = "utf-8") -> TextDocument:
    """A text file, or standard input for ``-``, decoded."""
    if str(path) == "-":
        return TextDocument.decode(sys.stdin.buffer.read(), "<stdin>", encoding)
    try:
        data = Path(path).read_bytes()
    except OSError as exc:
        raise CleanerError(f"{path}: cannot read: {exc.strerror or exc}") from None
    return TextDocument.decode(data, str(path), encoding)


TEMPORARY_SUFFIX = ".cleaner-tmp"


def temporary_beside(final: Path):
    """An open temporary file in ``final``'s folder (so a rename is atomic), named
    so that it is hidden and recognisably ours."""
    return tempfile.NamedTemporaryFile(
        dir=final.parent, prefix=f".{final.name}.", suffix=TEMPORARY_SUFFIX, delete=False
    )


def write_atomically(path: Path, data: bytes) -> None:
    """Replace ``path`` by ``data``: a temporary file in the same folder, flushed
    to disk, renamed over the original with its mode. A crash at any moment
    leaves the old file or the new one, never a mix."""
    target = Path(os.path.realpath(path))
    mode = target.stat().st_mode & 0o7777 if target.exists() else 0o644
    handle = temporary_beside(target)
    try:
        with handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(handle.name, mode)
        os.replace(handle.name, target)
    except BaseException:
        Path(handle.name).unlink(missing_ok=True)
        raise


def find_files(paths: Iterable, include: Iterable = DEFAULT_INCLUDE, exclude: Iterable = ()) -> Iterator[Path]:
    """Files named on the command line as they are; folders walked for ``include``
    globs. ``exclude`` globs apply to both, matched against the path and its name."""
    include, exclude = tuple(include), tuple(exclude)

    def excluded(path: Path) -> bool:
        return any(fnmatch.fnmatch(str(path), g) or fnmatch.fnmatch(path.name, g) for g in exclude)

    for path in map(Path, paths):
        if path.is_dir():
            for folder, subfolders, names in os.walk(path):
                subfolders[:] = sorted(
                    d for d in subfolders if d not in SKIPPED_FOLDERS and not excluded(Path(folder, d))
                )
                for name in sorted(names):
                    found = Path(folder, name)
                    if any(fnmatch.fnmatch(name, g) for g in include) and not excluded(found):
                        yield found
        elif not excluded(path):
            yield path
