"""Engines run the cleaning of a dump's records; the work loop is theirs in common.

``process`` reads the inputs in batches of records, hands each batch to the
engine's ``submit`` and writes the results in input order. An engine is
something with ``run(files, outdir, config, text_field, on_batch)`` returning
``(Stats, errors)``: ``LocalEngine`` (this process, or a pool of worker
processes) here, ``cleaner.dask.DaskEngine`` on a Dask cluster.
"""

from __future__ import annotations

import contextlib
import functools
import signal
from collections import deque
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, NamedTuple

from .errors import CleanerError
from .formats import read_records
from .outputs import FileOutput
from .records import Item, Stats, clean_batch

BATCH_RECORDS = 256
BATCH_BYTES = 1 << 20


@functools.lru_cache(maxsize=8)
def cached_cleaner(config):
    """The Cleaner of ``config`` in this process, its rules compiled once: for
    worker processes, which clean batch after batch with the same rules."""
    from .pipeline import Cleaner

    return Cleaner(config)


class Finished:
    """A result computed already, in the shape of a pool's pending result."""

    def __init__(self, value):
        self.value = value

    def get(self):
        return self.value


class Failure(NamedTuple):
    file: int
    message: str  # why it could not be read


@dataclass
class Batch:
    """Records to clean, and what happens to the input files around them."""

    items: list = field(default_factory=list)
    starts: list = field(default_factory=list)  # files whose output opens before these records
    ends: list = field(default_factory=list)  # files complete once these records are written
    failed: list = field(default_factory=list)  # Failures: outputs dropped
    size: int = 0


def batches(files: list):
    """The ``Batch``es of ``files``, in input order."""
    batch = Batch()
    for number, source in enumerate(files):
        batch.starts.append(number)
        try:
            for record in read_records(source):
                batch.items.append(Item(number, source.format, record.line, record.raw))
                batch.size += len(record.raw)
                if len(batch.items) >= BATCH_RECORDS or batch.size >= BATCH_BYTES:
                    yield batch
                    batch = Batch()
        except CleanerError as exc:
            batch.failed.append(Failure(number, str(exc)))
            continue
        batch.ends.append(number)
    if batch.items or batch.starts or batch.ends or batch.failed:
        yield batch


def process(files: list, outdir: Path, submit: Callable, on_batch=None, window: int = 4) -> tuple:
    """Clean ``files`` into ``outdir``. Each batch's items go to ``submit``,
    which returns something with ``.get()`` giving a ``CleanedBatch``; at most
    ``window`` are under way. Returns the Stats and the list of errors of inputs
    that could not be read (their outputs are not written)."""
    total = Stats()
    errors: list = []
    outputs: dict = {}
    pending: deque = deque()  # (pending result, its Batch)

    def collect() -> None:
        result, batch = pending.popleft()
        cleaned = result.get()
        for record in cleaned.records:
            if record.out is not None:
                outputs[record.file].write(record.out)
            if record.reject is not None:
                outputs[record.file].reject(record.reject)
        counts = Stats()
        for number, stats in cleaned.stats.items():
            outputs[number].stats.add(stats)
            counts.add(stats)
        for number in batch.ends:  # an input counts once its output is complete
            output = outputs.pop(number)
            output.finish()
            total.add(output.stats)
        for failure in batch.failed:
            outputs.pop(failure.file).abort()
            errors.append(failure.message)
        if on_batch:
            on_batch(counts)

    try:
        for batch in batches(files):
            for number in batch.starts:
                outputs[number] = FileOutput(outdir, files[number])
            pending.append((submit(batch.items), batch))
            if len(pending) >= window:
                collect()
        while pending:
            collect()
    except BaseException:
        for output in outputs.values():
            output.abort()
        raise
    return total, errors


class WorkerLost(CleanerError):
    """A worker process ended in the middle of the run."""


@dataclass
class LocalEngine:
    """This process (one job), or a pool of ``jobs`` worker processes.
    ``cleaner``: the rules, loaded and checked by the caller before any worker
    starts (a worker that fails to start ends the run, it is not restarted)."""

    jobs: int = 1
    cleaner: object = None

    def run(
        self, files: list, outdir: Path, config, text_field: str, on_batch=None, provenance=None, site_field=None
    ) -> tuple:
        if self.cleaner is None:
            from .pipeline import Cleaner

            self.cleaner = Cleaner(config)  # not cached: rule files may have changed since an earlier run here
        if self.jobs <= 1:
            cleaner = self.cleaner
            return process(
                files,
                outdir,
                lambda items: Finished(clean_batch(items, cleaner, text_field, provenance, site_field)),
                on_batch,
                1,
            )
        with worker_pool(self.jobs, config) as pool:
            return process(
                files,
                outdir,
                lambda items: _Result(pool.submit(_clean_in_worker, items, config, text_field, provenance, site_field)),
                on_batch,
                window=2 * self.jobs,
            )


@contextlib.contextmanager
def worker_pool(jobs: int, config):
    """A pool of ``jobs`` worker processes, each with the Cleaner of ``config``
    cached (``cached_cleaner``), started before it is yielded; a worker lost
    on the way ends the run with ``WorkerLost``, and the pool ends with the block."""
    import multiprocessing
    import os
    from concurrent.futures import ProcessPoolExecutor
    from concurrent.futures.process import BrokenProcessPool

    # Not multiprocessing.Pool: it waits forever for the result of a worker
    # that was killed (the OOM killer), and respawns workers that fail to start.
    pool = ProcessPoolExecutor(jobs, multiprocessing.get_context("fork"), _start_worker, (config, os.getpid()))
    try:
        # With fork, the first task starts every worker. Ctrl+C or SIGTERM during
        # a fork would be lost (Python ignores errors raised in fork hooks), so
        # they wait until the workers have started, and then stop the run.
        with _signals_held():
            pool.submit(int).result()
        yield pool
    except BrokenProcessPool:  # from a result, or from submitting to a broken pool
        _stop(pool)
        raise WorkerLost(
            "a worker process ended unexpectedly (killed, or out of memory?); "
            "completed files are kept: run again with --resume to finish"
        ) from None
    except BaseException:
        _stop(pool)
        raise
    finally:
        pool.shutdown(wait=True, cancel_futures=True)


HELD_SIGNALS = {signal.SIGINT, signal.SIGTERM}


@contextlib.contextmanager
def _signals_held():
    """Ctrl+C and SIGTERM held back (not lost) for the duration, then delivered."""
    signal.pthread_sigmask(signal.SIG_BLOCK, HELD_SIGNALS)
    try:
        yield
    finally:
        signal.pthread_sigmask(signal.SIG_UNBLOCK, HELD_SIGNALS)


class _Result:
    """A worker's pending result, in the shape ``process`` takes."""

    def __init__(self, future):
        self.future = future

    def get(self):
        return self.future.result()


def _stop(pool) -> None:
    """End the workers now rather than after their batch: the run is over."""
    for worker in list((getattr(pool, "_processes", None) or {}).values()):
        worker.terminate()


def _start_worker(config, parent: int) -> None:
    import os

    # Ctrl+C and SIGTERM reach the whole process group: the main process alone
    # handles them (it stops the workers and removes partial outputs), workers print nothing.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    signal.pthread_sigmask(signal.SIG_UNBLOCK, HELD_SIGNALS)  # held by the parent while it forked
    try:
        _end_with_parent(parent)
        cached_cleaner.cache_clear()  # forked: what the parent cached may be of older rule files
        cached_cleaner(config)
    except BaseException:  # the parent checked these rules: this is a worker that cannot start
        os._exit(2)  # silently: the parent reports the lost worker in one line


def _end_with_parent(parent: int) -> None:
    """Ask Linux to kill this worker when the main process dies (killed -9, or
    by the OOM killer): orphaned workers would otherwise wait for work forever."""
    import ctypes
    import os

    try:
        ctypes.CDLL(None, use_errno=True).prctl(1, signal.SIGKILL)  # 1: PR_SET_PDEATHSIG
    except (OSError, AttributeError):  # not Linux: nothing to ask
        return
    if os.getppid() != parent:  # it died before we asked
        os._exit(2)


def _clean_in_worker(items: list, config, text_field: str, provenance=None, site_field=None):
    return clean_batch(items, cached_cleaner(config), text_field, provenance, site_field)
