"""What ``cleaner dump`` leaves in OUTDIR, and how it knows what is done.

Each output file is written beside its final name and renamed into place when
complete (``AtomicFile``); then a marker in ``OUTDIR/.cleaner-dump/`` records
the file's counts and rejects. A run killed half-way leaves complete files
with markers, and ``--resume`` skips exactly those. ``OUTDIR/rejects.jsonl``
is made last, from the markers, in input order.
"""

from __future__ import annotations

import contextlib
import fcntl
import json
import os
from pathlib import Path
from typing import Optional

from .compression import open_output
from .errors import CleanerError
from .files import AtomicFile, write_atomically
from .formats import InputFile
from .records import Stats

STATE_DIR = ".cleaner-dump"
REJECTS = "rejects.jsonl"


class FileOutput:
    """One output file under construction, and the rejects of its input, both
    streamed to temporary files and made final together."""

    def __init__(self, outdir: Path, source: InputFile):
        self.outdir = outdir
        self.source = source
        final = outdir / source.name
        final.parent.mkdir(parents=True, exist_ok=True)
        self.output = AtomicFile(final)
        self.stream = open_output(self.output.file, source.compression)
        rejects = _state(outdir, source, ".rejects.jsonl")
        rejects.parent.mkdir(parents=True, exist_ok=True)
        self.rejects = AtomicFile(rejects)
        self.stats = Stats()

    def write(self, data: bytes) -> None:
        try:
            self.stream.write(data)
        except OSError as exc:  # a full disk (ENOSPC), or over a size limit (EFBIG)
            raise CleanerError(f"{self.output.final}: cannot write: {exc.strerror or exc}") from None

    def reject(self, reject: dict) -> None:
        record = {"source": shown_path(self.source.path), **reject}
        try:
            self.rejects.write(json.dumps(record, ensure_ascii=False).encode("utf-8") + b"\n")
        except OSError as exc:
            raise CleanerError(f"{self.rejects.final}: cannot write: {exc.strerror or exc}") from None

    def finish(self) -> None:
        """Make the output and rejects final, then mark the input done."""
        self.stream.close()
        self.output.commit()
        self.rejects.commit()
        if _no_output(self.source, self.stats):
            self.output.final.unlink()
        marker = {"source": shown_path(self.source.path), "stats": self.stats.as_dict()}
        write_atomically(_state(self.outdir, self.source, ".done.json"), json.dumps(marker).encode("utf-8"))

    def abort(self) -> None:
        """Drop both temporary files, even when closing them fails again (a full disk)."""
        for atomic in (self.output, self.rejects):
            try:
                atomic.discard()
            except OSError:
                Path(atomic.file.name).unlink(missing_ok=True)


def shown_path(path: Path) -> str:
    """A path as rejects show it: as text, a name's bytes that are not UTF-8 as
    ``\\xNN`` escapes (JSON text cannot hold them as they are).

    >>> shown_path(Path(os.fsdecode(b"news/caf\\xe9.txt")))
    'news/caf\\\\xe9.txt'
    """
    return os.fsencode(path).decode("utf-8", "backslashreplace")


@contextlib.contextmanager
def locked(outdir: Path):
    """Hold ``OUTDIR/.cleaner-dump/lock`` while dumping into ``outdir``: a second
    dump into the same folder would remove the first's temporary files as
    leftovers, so it refuses instead. The lock goes with the process, even killed."""
    path = outdir / STATE_DIR / "lock"
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path, "ab") as lock:
        try:
            fcntl.flock(lock, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            raise CleanerError(f"{outdir}: another cleaner dump is writing into this folder") from None
        yield


def _no_output(source: InputFile, stats: Stats) -> bool:
    """A file that is one document, rejected, leaves no output file."""
    return source.format.whole_file and stats.documents == 0


def _state(outdir: Path, source: InputFile, suffix: str) -> Path:
    return outdir / STATE_DIR / (source.name + suffix)


def completed(outdir: Path, source: InputFile) -> Optional[Stats]:
    """The Stats of an input a previous run completed, or None."""
    marker_path = _state(outdir, source, ".done.json")
    if not marker_path.is_file():
        return None
    marker = json.loads(marker_path.read_text(encoding="utf-8"))
    stats = Stats.from_dict(marker["stats"])
    has_output = (outdir / source.name).is_file() or _no_output(source, stats)
    if marker.get("source") != shown_path(source.path) or not has_output:
        return None
    return stats


def gather_rejects(files: list, outdir: Path) -> None:
    """``OUTDIR/rejects.jsonl``: the rejects of every completed input, in input order."""
    with AtomicFile(outdir / REJECTS) as out:
        for source in files:
            part = _state(outdir, source, ".rejects.jsonl")
            if part.is_file() and _state(outdir, source, ".done.json").is_file():
                with open(part, "rb") as stream:
                    while chunk := stream.read(1 << 20):
                        out.write(chunk)
