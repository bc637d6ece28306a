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


# A record longer than this is not read into memory: it is rejected by size.
MAX_RECORD_BYTES = 64 * 1024 * 1024


class Overlong(bytes):
    """Stands for a record over MAX_RECORD_BYTES, which was skipped, not read:
    empty, with the size the record had."""

    size: int = 0


def read_items(path: Path, kind: str, compression: Optional[str]) -> Iterator[tuple]:
    """(line number, raw bytes) of each record: the whole file for txt, each line
    (with its line ending) for jsonl. Lines holding only whitespace are no
    records: they come with line number None and are written back as they were.
    A record over MAX_RECORD_BYTES comes as an ``Overlong``, in bounded memory."""
    try:
        with open_input(path, compression) as stream:
            if kind == "txt":
                data = stream.read(MAX_RECORD_BYTES + 1)
                yield 1, _overlong(len(data) + _skip(stream, None)) if len(data) > MAX_RECORD_BYTES else data
                return
            number = 0
            while line := stream.readline(MAX_RECORD_BYTES + 1):
                number += 1
                if len(line) > MAX_RECORD_BYTES and not line.endswith(b"\n"):
                    yield number, _overlong(len(line) + _skip(stream, b"\n"))
                else:
                    yield (number if line.strip() else None), line
    except (OSError, EOFError, ValueError) as exc:
        raise CleanerError(f"{path}: cannot read: {exc}") from None
    except Exception as exc:  # a decompressor's own error for corrupt data
        raise CleanerError(f"{path}: cannot read: {type(exc).__name__}: {exc}") from None


def _overlong(size: int) -> Overlong:
    record = Overlong()
    record.size = size
    return record


def _skip(stream: BinaryIO, until: Optional[bytes]) -> int:
    """Read on in chunks to the end of the line (or file), counting bytes."""
    skipped = 0
    while chunk := (stream.readline(1 << 20) if until else stream.read(1 << 20)):
        skipped += len(chunk)
        if until and chunk.endswith(until):
            break
    return skipped
