"""Dump files: plain text (one document per file) and JSON Lines (one per line),
each optionally compressed with gzip (``.gz``) or Zstandard (``.zst``).

Files are read and written as streams, so memory does not grow with their size.
Compressed output is reproducible: the gzip header carries no time or name.

>>> describe("news/2021/part-0001.jsonl.zst")
('jsonl', 'zst')
>>> describe("article.txt")
('txt', None)
"""

from __future__ import annotations

import gzip
import io
from pathlib import Path
from typing import BinaryIO, Iterator, Optional

from .errors import CleanerError

KINDS = {".txt": "txt", ".jsonl": "jsonl"}
COMPRESSIONS = {".gz": "gz", ".zst": "zst"}


def describe(path) -> tuple:
    """(kind, compression) of a dump file from its name; kind None if not a dump file."""
    suffixes = Path(path).suffixes
    compression = COMPRESSIONS.get(suffixes[-1]) if suffixes else None
    if compression:
        suffixes = suffixes[:-1]
    return (KINDS.get(suffixes[-1]) if suffixes else None), compression


def open_input(path: Path, compression: Optional[str]) -> BinaryIO:
    if compression == "gz":
        return gzip.open(path, "rb")
    if compression == "zst":
        import zstandard

        return io.BufferedReader(zstandard.ZstdDecompressor().stream_reader(open(path, "rb"), closefd=True))
    return open(path, "rb")


def open_output(raw: BinaryIO, compression: Optional[str]) -> BinaryIO:
    """A writer compressing into the open file ``raw``; closing it leaves ``raw`` open."""
    if compression == "gz":
        return gzip.GzipFile(filename="", mode="wb", fileobj=raw, mtime=0)
    if compression == "zst":
        import zstandard

        return zstandard.ZstdCompressor().stream_writer(raw, closefd=False)
    return _Unclosing(raw)


class _Unclosing(io.RawIOBase):
    """``raw`` itself, except that closing leaves it open (like the compressors)."""

    def __init__(self, raw: BinaryIO):
        self.raw = raw

    def writable(self) -> bool:
        return True

    def write(self, data) -> int:
        return self.raw.write(data)


def read_items(path: Path, kind: str, compression: Optional[str]) -> Iterator[tuple]:
    """(line number, raw bytes) of each record: the whole file for txt, each line
    (with its line ending) for jsonl. Lines holding only whitespace are no
    records: they come with line number None and are written back as they were."""
    try:
        with open_input(path, compression) as stream:
            if kind == "txt":
                yield 1, stream.read()
                return
            for number, line in enumerate(stream, 1):
                yield (number if line.strip() else None), line
    except (OSError, EOFError) as exc:
        raise CleanerError(f"{path}: cannot read: {exc}") from None
