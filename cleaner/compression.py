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
from typing import IO, BinaryIO, Optional, cast

SUFFIXES = {".gz": "gz", ".zst": "zst"}


def compression_of(path) -> Optional[str]:
    """The compression a file's name says it has, or None."""
    return SUFFIXES.get(Path(path).suffix)


class Truncated(EOFError):
    """A compressed stream that ends before its last frame does."""


def open_input(path: Path, compression: Optional[str]) -> BinaryIO:
    """The file's bytes, decompressed. A compressed file cut short raises
    EOFError at its end (gzip does so itself), never a quiet early end:
    otherwise half a dump would pass for a whole one.

    >>> import tempfile, zstandard
    >>> cut = Path(tempfile.mkdtemp()) / "cut.zst"
    >>> _ = cut.write_bytes(zstandard.ZstdCompressor().compress(b"x" * 1000)[:-4])
    >>> open_input(cut, "zst").read()
    Traceback (most recent call last):
    ...
    cleaner.compression.Truncated: compressed data ends in the middle of a Zstandard frame
    """
    if compression == "gz":
        return cast(BinaryIO, gzip.open(path, "rb"))  # a binary stream, not a typing.BinaryIO to typeshed
    if compression == "zst":
        return io.BufferedReader(_ZstdReader(open(path, "rb")), 1 << 20)
    return open(path, "rb")


class _ZstdReader(io.RawIOBase):
    """The frames of a Zstandard file one after another, decompressed, checking
    that the last one is complete (zstandard's own stream reader just stops)."""

    def __init__(self, raw: BinaryIO):
        import zstandard

        self.raw = raw
        self.new_frame = zstandard.ZstdDecompressor().decompressobj
        self.frame: Optional[zstandard.ZstdDecompressionObj] = None  # that of the frame under way, if one is
        self.pending = b""  # decompressed, not yet read

    def readable(self) -> bool:
        return True

    def readinto(self, buffer) -> int:
        while not self.pending:
            compressed = self.raw.read(1 << 17)
            if not compressed:
                if self.frame is not None:
                    raise Truncated("compressed data ends in the middle of a Zstandard frame")
                return 0
            self.pending = self._decompress(compressed)
        size = min(len(buffer), len(self.pending))
        buffer[:size] = self.pending[:size]
        self.pending = self.pending[size:]
        return size

    def _decompress(self, compressed: bytes) -> bytes:
        out = []
        while compressed:
            if self.frame is None:
                self.frame = self.new_frame()
            out.append(self.frame.decompress(compressed))
            compressed = b""
            if self.frame.eof:  # this frame is whole; what follows starts the next
                compressed, self.frame = self.frame.unused_data, None
        return b"".join(out)

    def close(self) -> None:
        self.raw.close()
        super().close()


def open_output(raw: IO[bytes], compression: Optional[str]) -> BinaryIO:
    """A writer compressing into the open file ``raw``; closing it leaves ``raw`` open."""
    if compression == "gz":
        return cast(BinaryIO, gzip.GzipFile(filename="", mode="wb", fileobj=raw, mtime=0))
    if compression == "zst":
        import zstandard

        return zstandard.ZstdCompressor().stream_writer(raw, closefd=False)
    return cast(BinaryIO, _Unclosing(raw))


class _Unclosing(io.RawIOBase):
    """``raw`` itself, except that closing leaves it open (like the compressors)."""

    def __init__(self, raw: IO[bytes]):
        self.raw = raw

    def writable(self) -> bool:
        return True

    def write(self, data) -> int:
        return self.raw.write(data)
