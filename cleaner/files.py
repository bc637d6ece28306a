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
from typing import Callable, Iterable, Iterator

from .errors import CleanerError
from .gitignore import Gitignore

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


class AtomicFile:
    """A file that appears whole or not at all: written to a temporary file
    beside ``final`` (hidden, named as ours, in the same folder so the rename
    is atomic), then made final by ``commit`` or dropped by ``discard``; as a
    context manager, committed unless an exception leaves the block.

    >>> import tempfile
    >>> folder = Path(tempfile.mkdtemp())
    >>> with AtomicFile(folder / "a.txt") as out:
    ...     _ = out.write(b"whole")
    >>> (folder / "a.txt").read_bytes(), [p.name for p in folder.iterdir()]
    (b'whole', ['a.txt'])
    """

    def __init__(self, final: Path, mode: int = 0o644):
        self.final = Path(final)
        self.mode = mode
        self.file = tempfile.NamedTemporaryFile(
            dir=self.final.parent, prefix=f".{self.final.name}.", suffix=TEMPORARY_SUFFIX, delete=False
        )

    def write(self, data: bytes) -> int:
        return self.file.write(data)

    def commit(self) -> None:
        """Flush to disk, give the mode, rename over ``final``: a crash at any
        moment leaves the old file or the new one, never a mix."""
        try:
            self.file.flush()
            os.fsync(self.file.fileno())
            self.file.close()
            os.chmod(self.file.name, self.mode)
            os.replace(self.file.name, self.final)
        except BaseException:
            self.discard()
            raise

    def discard(self) -> None:
        self.file.close()
        Path(self.file.name).unlink(missing_ok=True)

    def __enter__(self) -> "AtomicFile":
        return self

    def __exit__(self, kind, value, traceback) -> None:
        if kind is None:
            self.commit()
        else:
            self.discard()


def write_atomically(path: Path, data: bytes) -> None:
    """Replace ``path`` (through a symbolic link, the file it names) by ``data``,
    atomically, keeping its mode."""
    target = Path(os.path.realpath(path))
    with AtomicFile(target, target.stat().st_mode & 0o7777 if target.exists() else 0o644) as out:
        out.write(data)


def walk(folder: Path, enter: Callable[[Path], bool]) -> Iterator[Path]:
    """The files under ``folder``, in name order, in the subfolders ``enter``
    accepts (and theirs)."""
    for parent, subfolders, names in os.walk(folder):
        subfolders[:] = sorted(d for d in subfolders if enter(Path(parent, d)))
        for name in sorted(names):
            yield Path(parent, name)


def find_files(
    paths: Iterable, include: Iterable = DEFAULT_INCLUDE, exclude: Iterable = (), gitignore: bool = False
) -> Iterator[Path]:
    """Files named on the command line as they are; folders walked for ``include``
    globs, past version control and tool folders (and, with ``gitignore``, what
    ``.gitignore`` files ignore). ``exclude`` globs apply to both, matched
    against the path and its name."""
    include, exclude = tuple(include), tuple(exclude)

    def excluded(path: Path) -> bool:
        return any(fnmatch.fnmatch(str(path), g) or fnmatch.fnmatch(path.name, g) for g in exclude)

    for path in map(Path, paths):
        if path.is_dir():
            ignored = Gitignore(path) if gitignore else (lambda p: False)
            for found in walk(path, lambda d: d.name not in SKIPPED_FOLDERS and not excluded(d) and not ignored(d)):
                if any(fnmatch.fnmatch(found.name, g) for g in include) and not excluded(found) and not ignored(found):
                    yield found
        elif not excluded(path):
            yield path
