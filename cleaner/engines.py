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
import gc
from collections import deque
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, NamedTuple

from .errors import CleanerError
from .formats import read_records
from .outputs import FileOutput
from .records import Item, Stats, clean_batch
from .workers import pool_of

BATCH_RECORDS = 256
BATCH_BYTES = 1 << 20


@functools.lru_cache(maxsize=8)
def cached_cleaner(config):
    """The Cleaner of ``config`` in this process, its rules compiled once: for
    worker processes, which clean batch after batch with the same rules (a
    worker forked with its parent's Cleaner takes that one: ``worker_pool``)."""
    from .pipeline import Cleaner

    inherited = _FORKED_WITH.pop(config, None)
    return inherited if inherited is not None else Cleaner(config)


# config -> the parent's Cleaner of it, in a worker just forked (see ``_prime_cleaner``)
_FORKED_WITH: dict = {}


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
        with cleaning(self.jobs, config, self.cleaner) as (submit, window):
            return process(
                files,
                outdir,
                lambda items: submit(clean_items, items, text_field, provenance, site_field),
                on_batch,
                window,
            )


@contextlib.contextmanager
def cleaning(jobs: int, config, cleaner):
    """Where the block's batches are worked on, with ``cleaner`` (the Cleaner of
    ``config``): ``submit(function, *args)`` runs ``function(cleaner, *args)``
    in this process (one job) or in one of ``jobs`` worker processes
    (``worker_pool``), and returns its pending result (``.get()``); ``window``
    is how many may be under way (for ``process``)."""
    with _rules_frozen():
        if jobs <= 1:
            yield (lambda function, *args: Finished(function(cleaner, *args))), 1
            return
        with worker_pool(jobs, config, cleaner) as pool:
            yield (lambda function, *args: _Result(pool.submit(_in_worker, function, config, args))), 2 * jobs


def worker_pool(jobs: int, config, cleaner=None):
    """A ``workers.Pool`` of ``jobs`` processes for the block, each with the
    Cleaner of ``config`` cached (``cached_cleaner``): ``cleaner``, this
    process's Cleaner of ``config``, if given (forked workers share its rules
    instead of each loading them again); a worker lost on the way ends the run
    with ``workers.WorkerLost``."""
    return pool_of(jobs, _prime_cleaner, (config, cleaner))


@contextlib.contextmanager
def _rules_frozen():
    """Python's cycle collector leaves alone what exists as the run starts (the
    rules, compiled once, live as long as the run): with 20,000 learnt rules
    loaded, each full collection walked their 300,000 objects again, and
    forked workers' collections would copy the pages that hold them. What the
    caller froze before stays frozen: then so does what the run froze."""
    frozen_before = gc.get_freeze_count()
    gc.freeze()
    try:
        yield
    finally:
        if not frozen_before:
            gc.unfreeze()


class _Result:
    """A worker's pending result, in the shape ``process`` takes."""

    def __init__(self, pending):
        self.pending = pending

    def get(self):
        return self.pending.result()


def _prime_cleaner(config, cleaner=None) -> None:
    cached_cleaner.cache_clear()  # forked: what the parent cached may be of older rule files
    _FORKED_WITH.clear()
    if cleaner is not None:  # the parent's, built for this run: inherited by the fork, not loaded again
        _FORKED_WITH[config] = cleaner
    cached_cleaner(config)


def _in_worker(function: Callable, config, args: tuple):
    return function(cached_cleaner(config), *args)


def clean_items(cleaner, items: list, text_field: str, provenance=None, site_field=None):
    """``records.clean_batch`` with the cleaner first, as ``cleaning``'s ``submit`` calls it."""
    return clean_batch(items, cleaner, text_field, provenance, site_field)
