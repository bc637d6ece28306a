"""One big JSON Lines file as many Dask tasks: byte ranges that start at line starts.

A task per input file leaves a cluster idle when the dump is one large file.
An uncompressed ``.jsonl`` larger than ``split_bytes`` is cut into ranges,
each beginning at the start of a line, so that no record is split:

>>> import tempfile, os
>>> with tempfile.NamedTemporaryFile(delete=False) as f:
...     _ = f.write(b'{"a": 1}\\n{"a": 22}\\n\\n{"a": 3}\\n')
>>> byte_ranges(f.name, 10)
[Range(start=0, end=19, first_line=1), Range(start=19, end=29, first_line=3)]
>>> os.unlink(f.name)

Each range is cleaned on a worker into a part file; the client concatenates
the parts, in order, into the output (``outputs.FileOutput``: written beside
its final name and renamed into place), so the bytes are those of the local
engine.
"""

from __future__ import annotations

import io
import os
from pathlib import Path
from typing import NamedTuple, Optional

from .files import TEMPORARY_SUFFIX
from .formats import InputFile
from .outputs import STATE_DIR, FileOutput
from .records import Item, Stats, clean_batch

DEFAULT_SPLIT_BYTES = 64 << 20
CHUNK = 1 << 20


class Range(NamedTuple):
    start: int  # byte offset of a line start
    end: int  # byte offset of a line start, or the file's size
    first_line: int  # the 1-based number of the line at ``start``


def splittable(source: InputFile, split_bytes: int) -> bool:
    """Whether ``source`` is worth splitting, and can be: plain JSON Lines, larger than ``split_bytes``."""
    return source.format.name == "jsonl" and source.compression is None and os.path.getsize(source.path) > split_bytes


def byte_ranges(path, split_bytes: int) -> list:
    """The ranges of ``path``, each about ``split_bytes`` long and ending at a line end."""
    ranges, start, first_line, line, offset = [], 0, 1, 1, 0
    with open(path, "rb") as stream:
        while chunk := stream.read(CHUNK):
            at = 0
            while True:
                newline = chunk.find(b"\n", at)
                if newline < 0:
                    break
                line += 1
                at = newline + 1
                if offset + at - start >= split_bytes:
                    ranges.append(Range(start, offset + at, first_line))
                    start, first_line = offset + at, line
            offset += len(chunk)
    if offset > start or not ranges:
        ranges.append(Range(start, offset, first_line))
    return ranges


def part_path(outdir: Path, source: InputFile, number: int) -> Path:
    return outdir / STATE_DIR / f"{source.name}.part{number:06d}{TEMPORARY_SUFFIX}"


def clean_range(
    source: InputFile,
    piece: Range,
    part: Path,
    cleaner,
    text_field: str,
    provenance: Optional[str],
    site_field: Optional[str] = None,
) -> tuple:
    """Clean the records of ``piece`` of ``source`` into ``part``; return its Stats and rejects."""
    with open(source.path, "rb") as stream:
        stream.seek(piece.start)
        data = stream.read(piece.end - piece.start)
    items = [
        Item(0, source.format, None if record.line is None else record.line + piece.first_line - 1, record.raw)
        for record in source.format.records(io.BytesIO(data))
    ]
    cleaned = clean_batch(items, cleaner, text_field, provenance, site_field)
    part.parent.mkdir(parents=True, exist_ok=True)
    with open(part, "wb") as out:
        for record in cleaned.records:
            if record.out is not None:
                out.write(record.out)
    rejects = [record.reject for record in cleaned.records if record.reject is not None]
    return cleaned.stats.get(0, Stats()), rejects


def join_parts(outdir: Path, source: InputFile, results: list) -> Stats:
    """The output of ``source`` from its parts' ``(part, stats, rejects)``, in order, made final at once."""
    output = FileOutput(outdir, source)
    try:
        for part, stats, rejects in results:
            with open(part, "rb") as stream:
                while chunk := stream.read(CHUNK):
                    output.write(chunk)
            for reject in rejects:
                output.reject(reject)
            output.stats.add(stats)
    except BaseException:
        output.abort()
        raise
    output.finish()
    for part, _, _ in results:
        part.unlink()
    return output.stats
