"""``cleaner dump``: clean whole news dumps, every record accounted for.

One function, ``clean_batch``, cleans records for every engine, so the local
engine (worker processes) and the Dask engine write the same bytes.

Each output file is written to a temporary file beside it and renamed into
place when complete; then a marker in ``OUTDIR/.cleaner-dump/`` records the
file's counts and rejects. A run killed half-way leaves complete files with
markers, and ``--resume`` skips exactly those. ``OUTDIR/rejects.jsonl`` is
made last, from the markers, in input order.
"""

from __future__ import annotations

import base64
import json
import os
import time
from collections import Counter, deque
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Iterable, Optional

from .errors import CleanerError
from .files import TEMPORARY_SUFFIX, BinaryFile, TextDocument, Undecodable, temporary_beside, write_atomically
from .formats import MAX_RECORD_BYTES, Overlong, describe, open_output, read_items

STATE_DIR = ".cleaner-dump"
REJECTS = "rejects.jsonl"
BATCH_RECORDS = 256
BATCH_BYTES = 1 << 20


@dataclass(frozen=True)
class InputFile:
    path: Path  # where the input is
    name: str  # where its output goes, relative to OUTDIR (with '/')
    kind: str  # "txt" or "jsonl"
    compression: Optional[str]


@dataclass
class Stats:
    documents: int = 0  # records cleaned and written
    changed: int = 0
    rejected: int = 0
    bytes_in: int = 0
    bytes_out: int = 0
    rules: Counter = field(default_factory=Counter)

    def add(self, other: "Stats") -> None:
        for name in ("documents", "changed", "rejected", "bytes_in", "bytes_out"):
            setattr(self, name, getattr(self, name) + getattr(other, name))
        self.rules.update(other.rules)

    def as_dict(self) -> dict:
        return {
            "documents": self.documents,
            "changed": self.changed,
            "rejected": self.rejected,
            "bytes_in": self.bytes_in,
            "bytes_out": self.bytes_out,
            "rules": dict(sorted(self.rules.items(), key=lambda kv: (-kv[1], kv[0]))),
        }

    @classmethod
    def from_dict(cls, data: dict) -> "Stats":
        return cls(**{**data, "rules": Counter(data["rules"])})


# --- planning ---------------------------------------------------------------------

def plan(inputs: Iterable, outdir: Optional[Path] = None) -> list:
    """The input files in order, each with the name of its output in ``outdir``
    (which a folder walk does not enter); without ``outdir``, only the inputs."""
    files: list[InputFile] = []
    outdir = outdir.resolve() if outdir is not None else None
    for given in (Path(i).resolve() for i in inputs):  # workers elsewhere need whole paths
        if given.is_dir():
            for folder, subfolders, names in os.walk(given):
                subfolders[:] = sorted(
                    d for d in subfolders if Path(folder, d).resolve() != outdir and not d.startswith(".")
                )
                for name in sorted(names):
                    path = Path(folder, name)
                    kind, compression = describe(path)
                    if kind:
                        files.append(InputFile(path, path.relative_to(given).as_posix(), kind, compression))
        elif given.is_file():
            kind, compression = describe(given)
            if not kind:
                raise CleanerError(f"{given}: not a dump file (.txt or .jsonl, optionally .gz or .zst)")
            files.append(InputFile(given, given.name, kind, compression))
        else:
            raise CleanerError(f"{given}: no such file or folder")
    if outdir is None:
        return files
    seen: dict[str, Path] = {}
    for f in files:
        if f.name in seen:
            raise CleanerError(f"{f.path} and {seen[f.name]} would both be written to {outdir / f.name}")
        if f.name == REJECTS:
            raise CleanerError(f"{f.path}: its output would overwrite {outdir / REJECTS}")
        seen[f.name] = f.path
    return files


# --- cleaning records: the same for every engine ----------------------------------

def clean_batch(items: list, cleaner, text_field: str) -> tuple:
    """Clean ``items`` [(file number, kind, line, raw bytes)].

    Returns the results [(file number, output bytes or None, reject or None)]
    in order, and the Stats of each file number met.
    """
    results = []
    stats: dict[int, Stats] = {}
    for number, kind, line, raw in items:
        counts = stats.setdefault(number, Stats())
        if line is None:  # a blank line of a JSON Lines file: no record, kept as it was
            results.append((number, raw, None))
            continue
        if isinstance(raw, Overlong):
            counts.bytes_in += raw.size
            counts.rejected += 1
            reason = f"record of {raw.size:,} bytes, more than the {MAX_RECORD_BYTES:,} a record may have (not kept)"
            results.append((number, None, {"line": line if kind == "jsonl" else None, "reason": reason}))
            continue
        counts.bytes_in += len(raw)
        try:
            out, changed, fired = _clean_record(kind, raw, cleaner, text_field)
        except (CleanerError, TimeoutError, RecursionError) as exc:
            counts.rejected += 1
            results.append((number, None, _reject(line, raw, kind, str(exc) or type(exc).__name__)))
            continue
        counts.documents += 1
        counts.changed += changed
        counts.bytes_out += len(out)
        counts.rules.update(fired)
        results.append((number, out, None))
    return results, stats


def parse_record(kind: str, raw: bytes, text_field: str) -> tuple:
    """(the text, and what holds it: the TextDocument of a txt file or the
    decoded JSON record) of one raw record; a record that is not what it should
    be raises CleanerError with the reason."""
    if kind == "txt":
        try:
            doc = TextDocument.decode(raw, "document")
        except BinaryFile:
            raise CleanerError("binary file (NUL bytes)") from None
        except Undecodable as exc:
            raise CleanerError(exc.reason) from None
        return doc.text, doc
    try:
        text = raw.rstrip(b"\r\n").decode("utf-8")
    except UnicodeDecodeError as exc:
        raise CleanerError(f"not valid UTF-8 at byte {exc.start}") from None
    try:
        record = json.loads(text)
    except ValueError as exc:
        raise CleanerError(f"invalid JSON: {exc}") from None
    if not isinstance(record, dict):
        raise CleanerError(f"not a JSON object but {type(record).__name__}")
    if text_field not in record:
        raise CleanerError(f"no field {text_field!r}")
    value = record[text_field]
    if not isinstance(value, str):
        raise CleanerError(f"field {text_field!r} is {type(value).__name__}, not a string")
    return value, record


def _clean_record(kind: str, raw: bytes, cleaner, text_field: str) -> tuple:
    text, record = parse_record(kind, raw, text_field)
    cleaned, fired = cleaner.clean_with_counts(text)
    if isinstance(record, TextDocument):
        return record.encode(cleaned), cleaned != text, fired
    if cleaned == text:
        return raw, False, fired  # byte for byte as it came
    record[text_field] = cleaned
    ending = raw[len(raw.rstrip(b"\r\n")) :]
    return json.dumps(record, ensure_ascii=False).encode("utf-8") + ending, True, fired


def _reject(line: int, raw: bytes, kind: str, reason: str) -> dict:
    reject = {"line": line if kind == "jsonl" else None, "reason": reason}
    body = raw.rstrip(b"\r\n") if kind == "jsonl" else raw
    try:
        reject["record"] = body.decode("utf-8")
    except UnicodeDecodeError:
        reject["record_base64"] = base64.b64encode(body).decode("ascii")
    return reject


# --- writing outputs --------------------------------------------------------------

class FileOutput:
    """One output file under construction, and the rejects of its input, both
    streamed to temporary files and made final together."""

    def __init__(self, outdir: Path, source: InputFile):
        self.outdir = outdir
        self.source = source
        self.final = outdir / source.name
        self.final.parent.mkdir(parents=True, exist_ok=True)
        self.raw = temporary_beside(self.final)
        self.stream = open_output(self.raw, source.compression)
        self.rejects_final = _state(outdir, source, ".rejects.jsonl")
        self.rejects_final.parent.mkdir(parents=True, exist_ok=True)
        self.rejects = temporary_beside(self.rejects_final)
        self.stats = Stats()

    def write(self, data: bytes) -> None:
        self.stream.write(data)

    def reject(self, reject: dict) -> None:
        record = {"source": str(self.source.path), **reject}
        self.rejects.write(json.dumps(record, ensure_ascii=False).encode("utf-8") + b"\n")

    def finish(self) -> None:
        """Make the output and rejects final, then mark the input done."""
        self.stream.close()
        for temporary, final in ((self.raw, self.final), (self.rejects, self.rejects_final)):
            temporary.flush()
            os.fsync(temporary.fileno())
            temporary.close()
            os.chmod(temporary.name, 0o644)
            os.replace(temporary.name, final)
        if self.source.kind == "txt" and self.stats.documents == 0:
            self.final.unlink()  # its one document was rejected: no output file
        marker = {"source": str(self.source.path), "stats": self.stats.as_dict()}
        write_atomically(_state(self.outdir, self.source, ".done.json"), json.dumps(marker).encode("utf-8"))

    def abort(self) -> None:
        for temporary in (self.raw, self.rejects):
            temporary.close()
            Path(temporary.name).unlink(missing_ok=True)


def _state(outdir: Path, source: InputFile, suffix: str) -> Path:
    return outdir / STATE_DIR / (source.name + suffix)


def completed(outdir: Path, source: InputFile) -> Optional[Stats]:
    """The Stats of an input a previous run completed, or None."""
    marker_path = _state(outdir, source, ".done.json")
    if not marker_path.is_file():
        return None
    marker = json.loads(marker_path.read_text(encoding="utf-8"))
    stats = Stats.from_dict(marker["stats"])
    has_output = (outdir / source.name).is_file() or (source.kind == "txt" and stats.documents == 0)
    if marker.get("source") != str(source.path) or not has_output:
        return None
    return stats


# --- the work loop, shared by the engines -----------------------------------------

def process(files: list, outdir: Path, submit: Callable, on_batch=None, window: int = 4) -> tuple:
    """Clean ``files`` into ``outdir``. Batches of records go to ``submit``, which
    returns something with ``.get()`` (a pool's async result, or a finished
    value); at most ``window`` are under way, and results are written in input
    order. Returns the Stats and the list of errors of inputs that could not be
    read (their outputs are not written)."""
    total = Stats()
    errors: list[str] = []
    outputs: dict[int, FileOutput] = {}
    pending: deque = deque()

    def collect() -> None:
        result, ends, failed = pending.popleft()
        records, stats = result.get()
        for number, out, reject in records:
            if out is not None:
                outputs[number].write(out)
            if reject is not None:
                outputs[number].reject(reject)
        batch = Stats()
        for number, counts in stats.items():
            outputs[number].stats.add(counts)
            batch.add(counts)
        for number in ends:  # an input counts once its output is complete
            output = outputs.pop(number)
            output.finish()
            total.add(output.stats)
        for number, message in failed:
            outputs.pop(number).abort()
            errors.append(message)
        if on_batch:
            on_batch(batch)

    try:
        for batch, starts, ends, failed in _batches(files):
            for number in starts:
                outputs[number] = FileOutput(outdir, files[number])
            pending.append((submit(batch), ends, failed))
            if len(pending) >= window:
                collect()
        while pending:
            collect()
    except BaseException:
        for output in outputs.values():
            output.abort()
        raise
    return total, errors


def _batches(files: list):
    """(records, files starting, files ending, files failing) in input order."""
    batch, size, starts, ends, failed = [], 0, [], [], []
    for number, source in enumerate(files):
        starts.append(number)
        try:
            for line, raw in read_items(source.path, source.kind, source.compression):
                batch.append((number, source.kind, line, raw))
                size += len(raw)
                if len(batch) >= BATCH_RECORDS or size >= BATCH_BYTES:
                    yield batch, starts, ends, failed
                    batch, size, starts, ends, failed = [], 0, [], [], []
        except CleanerError as exc:
            failed.append((number, str(exc)))
            continue
        ends.append(number)
    if batch or starts or ends or failed:
        yield batch, starts, ends, failed


# --- engines ----------------------------------------------------------------------

class Done:
    """A result computed already: what the in-process engine hands to ``process``."""

    def __init__(self, value):
        self.value = value

    def get(self):
        return self.value


_worker_cleaner = None


def _start_worker(config) -> None:
    global _worker_cleaner
    import signal

    from .pipeline import Cleaner

    # Ctrl+C reaches the whole process group: the main process alone handles it
    # (it stops the pool and removes partial outputs), workers print nothing.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    _worker_cleaner = Cleaner(config)  # compiled once per worker process


def _clean_in_worker(items: list, text_field: str) -> tuple:
    return clean_batch(items, _worker_cleaner, text_field)


def run_local(files: list, outdir: Path, config, text_field: str, jobs: int, on_batch=None) -> tuple:
    if jobs <= 1:
        from .pipeline import Cleaner

        cleaner = Cleaner(config)
        return process(files, outdir, lambda batch: Done(clean_batch(batch, cleaner, text_field)), on_batch, 1)
    import multiprocessing

    with multiprocessing.get_context("fork").Pool(jobs, _start_worker, (config,)) as pool:
        return process(
            files,
            outdir,
            lambda batch: pool.apply_async(_clean_in_worker, (batch, text_field)),
            on_batch,
            window=2 * jobs,
        )


@dataclass
class Report:
    stats: Stats
    errors: list  # inputs that could not be read
    seconds: float
    files: int


def dump(
    inputs: Iterable,
    outdir: Path,
    config,
    text_field: str = "text",
    jobs: int = 1,
    resume: bool = False,
    scheduler: Optional[str] = None,
    on_batch=None,
) -> Report:
    """Clean ``inputs`` into ``outdir``; with ``scheduler``, on that Dask cluster."""
    started = time.perf_counter()
    outdir.mkdir(parents=True, exist_ok=True)
    files = plan(inputs, outdir)
    for leftover in outdir.rglob(f"*{TEMPORARY_SUFFIX}"):  # from a run that was killed
        leftover.unlink()
    stats = Stats()
    todo = []
    for source in files:
        previous = completed(outdir, source) if resume else None
        if previous is None:
            todo.append(source)
        else:
            stats.add(previous)
    if scheduler:
        from .dask import run_dask

        done, errors = run_dask(todo, outdir, config, text_field, scheduler, on_batch)
    else:
        done, errors = run_local(todo, outdir, config, text_field, jobs, on_batch)
    stats.add(done)
    _gather_rejects(files, outdir)
    return Report(stats, errors, time.perf_counter() - started, len(files))


def _gather_rejects(files: list, outdir: Path) -> None:
    """``OUTDIR/rejects.jsonl``: the rejects of every completed input, in input order."""
    final = outdir / REJECTS
    with temporary_beside(final) as out:
        for source in files:
            part = _state(outdir, source, ".rejects.jsonl")
            if part.is_file() and _state(outdir, source, ".done.json").is_file():
                with open(part, "rb") as stream:
                    while chunk := stream.read(1 << 20):
                        out.write(chunk)
        out.flush()
        os.fsync(out.fileno())
    os.chmod(out.name, 0o644)
    os.replace(out.name, final)


def summary(report: Report, outdir: Path) -> str:
    s = report.stats
    rate = s.bytes_in / report.seconds / 1e6 if report.seconds else 0.0
    lines = [
        f"Cleaned {s.documents:,} documents from {report.files:,} files in {report.seconds:.1f} s: "
        f"{s.changed:,} changed, {s.rejected:,} rejected"
        + (f" (see {outdir / REJECTS})" if s.rejected else "")
        + ".",
        f"In {s.bytes_in / 1e6:,.1f} MB, out {s.bytes_out / 1e6:,.1f} MB, {rate:,.1f} MB/s.",
    ]
    if s.rules:
        top = sorted(s.rules.items(), key=lambda kv: (-kv[1], kv[0]))[:10]
        lines.append("Rules that fired most: " + ", ".join(f"{rule} {count:,}" for rule, count in top) + ".")
    return "\n".join(lines)
