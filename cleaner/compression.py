"""Compression of dump files, told by the last suffix: gzip (``.gz``) or
Zstandard (``.zst``); any other name is read and written as it is.

Files are read and written as streams, so memory does not grow with their
size. Compressed output is reproducible: the gzip header carries no time or name.

>>> compression_of("part-0001.jsonl.zst"), compression_of("article.txt")
('zst', None)
"""

from __future__ import annotations

import gzip
import io
from pathlib import Path
from typing import BinaryIO, Optional

SUFFIXES = {".gz": "gz", ".zst": "zst"}


def compression_of(path) -> Optional[str]:
    """The compression a file's name says it has, or None."""
    return SUFFIXES.get(Path(path).suffix)


def open_input(path: Path, compression: Optional[str]) -> BinaryIO:
    """The file's bytes, decompressed."""
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
