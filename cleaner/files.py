"""Text files on disk: finding them, reading them faithfully, writing them atomically.

What a file had stays unless a rule changes it: its encoding and byte order,
a byte order mark (or its absence), each line's own ending (LF, CRLF or CR),
and the presence or absence of a final newline (the pipeline keeps that one).

>>> doc = TextDocument.decode(b"\\xef\\xbb\\xbfOne\\r\\nTwo\\r\\n", "t.txt")
>>> doc.text, doc.newline, doc.bom
('One\\nTwo\\n', '\\r\\n', True)
>>> doc.encode("One\\n")
b'\\xef\\xbb\\xbfOne\\r\\n'
>>> TextDocument.decode(b"a\\r\\nb\\nc\\r", "m.txt").encode("A\\nb\\nc\\n")
b'A\\r\\nb\\nc\\r'

Only regular files are read, and never more than a limit: a FIFO would block,
``/dev/zero`` never ends, and ``st_size`` cannot be trusted for either.
"""

from __future__ import annotations

import codecs
import difflib
import fnmatch
import os
import re
import stat
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Iterable, Iterator, Optional

from .errors import CleanerError
from .gitignore import Gitignore
from .signals import signals_held

DEFAULT_INCLUDE = ("*.txt",)
# Folders a walk never enters: version control and tool caches.
SKIPPED_FOLDERS = {".git", ".hg", ".svn", ".venv", "venv", "node_modules", "__pycache__", ".tox", ".nox"}


# The largest document any command reads (as for dump's records): a bigger
# one is refused up front, after reading at most this many bytes plus one.
MAX_DOCUMENT_BYTES = 64 * 1024 * 1024


class Skipped(CleanerError):
    """A file left alone on purpose, with a note: not text, or not a regular file."""


class BinaryFile(Skipped):
    """A file that holds NUL bytes: not text, skipped with a note."""


class NotRegularFile(Skipped):
    """A FIFO, device or socket: never opened (opening a FIFO blocks)."""


class TooLarge(CleanerError):
    """A file over the size limit, refused before it is read whole."""


def read_bounded(path, limit: int = MAX_DOCUMENT_BYTES, what: str = "file") -> bytes:
    """The bytes of the regular file ``path``, refused if it holds more than
    ``limit`` (at most ``limit + 1`` bytes are read, whatever ``st_size`` says).

    >>> read_bounded("/dev/zero")
    Traceback (most recent call last):
    cleaner.files.NotRegularFile: /dev/zero: skipped: not a regular file
    """
    try:
        if not stat.S_ISREG(os.stat(path).st_mode):
            raise NotRegularFile(f"{path}: skipped: not a regular file")
        with open(path, "rb") as file:
            data = file.read(limit + 1)
    except OSError as exc:
        raise CleanerError(f"{path}: cannot read: {exc.strerror or exc}") from None
    if len(data) > limit:
        raise TooLarge(f"{path}: {what} has more than {limit:,} bytes, the most allowed")
    return data


_LINE_END = re.compile(r"\r\n|\r|\n")  # re, not regex: --help and --version stay light
# Codecs whose byte order mark the decoder would drop and the encoder would
# add (or swap): the document records the mark and writes with the codec of
# the byte order it found. Without a mark, UTF-16 and UTF-32 are read as
# little-endian (Python's choice) and written so, still without one.
_BOMS = {
    "utf-8": ((codecs.BOM_UTF8, "utf-8"),),
    "utf-8-sig": ((codecs.BOM_UTF8, "utf-8"),),
    "utf-16": ((codecs.BOM_UTF16_LE, "utf-16-le"), (codecs.BOM_UTF16_BE, "utf-16-be")),
    "utf-32": ((codecs.BOM_UTF32_LE, "utf-32-le"), (codecs.BOM_UTF32_BE, "utf-32-be")),
}
_WITHOUT_BOM = {"utf-8-sig": "utf-8", "utf-16": "utf-16-le", "utf-32": "utf-32-le"}


class Undecodable(CleanerError):
    """Bytes that are not valid in the encoding; says where."""

    def __init__(self, name: str, encoding: str, offset: int):
        self.reason = f"not valid {encoding} at byte {offset}"
        super().__init__(f"{name}: {self.reason} (try --encoding)")


@dataclass(frozen=True)
class TextDocument:
    text: str  # with "\n" line endings
    encoding: str  # the codec that writes it back, byte order included
    newline: str  # the most common line ending on disk: "\n", "\r\n" or "\r"
    bom: bool
    endings: tuple = ()  # each line's own ending on disk ("" for a last line without one)
    mark: bytes = b""  # the byte order mark the file began with

    @classmethod
    def decode(cls, data: bytes, name: str, encoding: str = "utf-8") -> "TextDocument":
        try:
            codec = codecs.lookup(encoding).name
        except LookupError:
            raise CleanerError(f"unknown encoding {encoding!r}") from None
        if b"\x00" in data and not codec.startswith(("utf-16", "utf-32")):
            raise BinaryFile(f"{name}: skipped: binary file")
        mark, writer = b"", _WITHOUT_BOM.get(codec, codec)
        for bom, with_bom in _BOMS.get(codec, ()):
            if data.startswith(bom):
                mark, writer = bom, with_bom
                break
        try:
            text = data[len(mark) :].decode(writer)
        except UnicodeDecodeError as exc:
            label = "UTF-8" if writer == "utf-8" else encoding
            raise Undecodable(name, label, exc.start + len(mark)) from None
        endings = tuple(m.group() for m in _LINE_END.finditer(text))
        if not text.endswith(("\n", "\r")):
            endings += ("",)
        counts = {end: endings.count(end) for end in ("\n", "\r\n", "\r")}
        newline = max(counts, key=lambda end: (counts[end], end == "\n"))
        return cls(_LINE_END.sub("\n", text), writer, newline, bool(mark), endings, mark)

    def encode(self, text: str) -> bytes:
        """``text`` (with "\\n" line endings) as this document's bytes on disk:
        each line with the ending of the line it came from (see ``line_endings``)."""
        if self.endings and set(self.endings) - {""} != {"\n"}:
            lines = text.split("\n")
            ends = self.line_endings(lines[:-1])
            text = "".join(line + end for line, end in zip(lines[:-1], ends)) + lines[-1]
        try:
            data = text.encode(self.encoding)
        except UnicodeEncodeError as exc:
            raise CleanerError(f"cannot write {text[exc.start : exc.end]!r} in {self.encoding} (try --ascii)") from None
        mark = self.mark or (codecs.BOM_UTF8 if self.bom else b"")
        return mark + data

    def line_endings(self, lines: list) -> list:
        """The ending for each of ``lines`` (the cleaned text's lines that end
        with a newline). Unchanged in number, line i keeps line i's ending.
        Otherwise lines are matched to the old ones as a diff would: a line
        kept or edited in place keeps the ending of the line it came from; a
        line the pipeline added takes the ending of the old line before it
        (the file's most common ending at the start of the file)."""
        old = self.endings
        if len(lines) == len(old) - (old[-1:] == ("",)):
            return list(old[: len(lines)])
        old_lines = self.text.split("\n")[: len(old)]
        ends = []
        matcher = difflib.SequenceMatcher(None, old_lines, lines, autojunk=False)
        for tag, i1, i2, j1, j2 in matcher.get_opcodes():
            for j in range(j1, j2):
                if tag in ("equal", "replace") and i1 + (j - j1) < i2:
                    i = i1 + (j - j1)
                else:
                    i = i2 - 1 if i2 > i1 else i1 - 1
                end = old[i] if 0 <= i < len(old) else ""
                ends.append(end or self.newline)
        return ends


def read_document(path, encoding: str = "utf-8") -> TextDocument:
    """A text file, or standard input for ``-``, decoded."""
    if str(path) == "-":
        data = sys.stdin.buffer.read(MAX_DOCUMENT_BYTES + 1)
        if len(data) > MAX_DOCUMENT_BYTES:
            raise TooLarge(f"<stdin>: file has more than {MAX_DOCUMENT_BYTES:,} bytes, the most allowed")
        return TextDocument.decode(data, "<stdin>", encoding)
    return TextDocument.decode(read_bounded(path), str(path), encoding)


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

    def __init__(self, final: Path, mode: int = 0o644, owner: Optional[tuple] = None):
        self.final = Path(final)
        self.mode = mode
        self.owner = owner  # (uid, gid) to give it, as root rewriting someone's file
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
            if self.owner is not None and self.owner != (os.getuid(), os.getgid()):
                os.chown(self.file.name, *self.owner)
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
    atomically, keeping its mode and owner."""
    target = Path(os.path.realpath(path))
    try:
        found = target.stat()
        mode, owner = found.st_mode & 0o7777, (found.st_uid, found.st_gid)
    except FileNotFoundError:
        mode, owner = 0o644, None
    # held: a Ctrl+C between the temporary file's creation and the ``with`` that
    # removes it on failure left it behind (the data is in memory: a short wait)
    with signals_held(), AtomicFile(target, mode, owner) as out:
        out.write(data)


def walk(
    folder: Path,
    enter: Callable[[Path], bool],
    on_error: Optional[Callable[[Path, CleanerError], None]] = None,
    stay_inside: bool = False,
) -> Iterator[Path]:
    """The regular files under ``folder``, in name order, in the subfolders
    ``enter`` accepts (and theirs).

    Symbolic links to files are followed, with ``stay_inside`` only those to
    a file inside ``folder`` (for a walk whose files are rewritten). A link to
    a file outside it then, a linked folder (never entered), a FIFO, device or
    socket, and a folder that cannot be listed are left out, each told to
    ``on_error(path, error)``: a ``Skipped`` note or, when a folder or file
    cannot be read, a ``CleanerError``."""
    root = os.path.realpath(folder)

    def note(path, message: str, error=Skipped) -> None:
        if on_error is not None:
            on_error(Path(path), error(message))

    def unlistable(exc: OSError) -> None:
        note(exc.filename, f"{exc.filename}: cannot list folder: {exc.strerror or exc}", CleanerError)

    for parent, subfolders, names in os.walk(folder, onerror=unlistable):
        for linked in [d for d in subfolders if os.path.islink(os.path.join(parent, d))]:
            note(Path(parent, linked), f"{Path(parent, linked)}: skipped: symbolic link to a folder (not entered)")
            subfolders.remove(linked)
        subfolders[:] = sorted(d for d in subfolders if enter(Path(parent, d)))
        for name in sorted(names):
            path = Path(parent, name)
            if stay_inside and path.is_symlink():
                real = os.path.realpath(path)
                if os.path.commonpath([root, real]) != root:
                    note(path, f"{path}: skipped: symbolic link out of {folder}")
                    continue
            try:
                regular = stat.S_ISREG(path.stat().st_mode)
            except OSError as exc:
                note(path, f"{path}: cannot read: {exc.strerror or exc}", CleanerError)
                continue
            if regular:
                yield path
            elif not path.is_dir():  # a link to a folder inside: as a linked folder, not entered
                note(path, f"{path}: skipped: not a regular file")


def find_files(
    paths: Iterable,
    include: Iterable = DEFAULT_INCLUDE,
    exclude: Iterable = (),
    on_error: Optional[Callable[[CleanerError], None]] = None,
    gitignore: bool = False,
) -> Iterator[Path]:
    """Files named on the command line as they are (through a symbolic link
    too); folders walked for ``include`` globs, following no link out of the
    folder (``fix`` rewrites what this finds), past version control and tool
    folders (see ``walk``, which tells ``on_error`` what it left out).
    With ``gitignore``, what ``.gitignore`` files ignore is left out too.
    ``exclude`` globs apply to both, matched against the path and its name."""
    include, exclude = tuple(include), tuple(exclude)

    def excluded(path: Path) -> bool:
        return any(fnmatch.fnmatch(str(path), g) or fnmatch.fnmatch(path.name, g) for g in exclude)

    def wanted(name: str) -> bool:
        return any(fnmatch.fnmatch(name, g) for g in include)

    def note(path: Path, error: CleanerError) -> None:
        # what a walk leaves out is news for folders and for the files it would have taken
        if on_error is not None and (path.is_dir() or "folder" in str(error) or wanted(path.name)):
            on_error(error)

    for path in map(Path, paths):
        if path.is_dir():
            ignored = Gitignore(path) if gitignore else (lambda p: False)
            enter = lambda d, ignored=ignored: d.name not in SKIPPED_FOLDERS and not excluded(d) and not ignored(d)
            for found in walk(path, enter, note, stay_inside=True):
                if wanted(found.name) and not excluded(found) and not ignored(found):
                    yield found
        elif not excluded(path):
            yield path
