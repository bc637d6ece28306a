"""Dask: run ``cleaner dump`` on a cluster, or map the cleaner over your own collections.

    >>> import dask.bag  # doctest: +SKIP
    >>> from cleaner.dask import clean_bag
    >>> clean_bag(dask.bag.from_sequence(["Vladimir McKay in Minks, Belarus"])).compute()  # doctest: +SKIP
    ['Vladimir Makei in Minsk, Belarus']

Each worker process compiles the rules once per configuration. Dask is an
optional extra: ``pip install "cleaner[dask]"``.
"""

from __future__ import annotations

import functools
from pathlib import Path
from typing import Optional

from .dump import Done, Stats, clean_batch, process
from .pipeline import Cleaner, Config


@functools.lru_cache(maxsize=8)
def _cleaner(config: Config) -> Cleaner:
    return Cleaner(config)


def clean_bag(bag, config: Optional[Config] = None):
    """A ``dask.bag.Bag`` of texts, cleaned."""
    return bag.map_partitions(_clean_texts, config or Config())


def clean_dataframe(frame, column: str = "text", config: Optional[Config] = None):
    """A ``dask.dataframe.DataFrame`` with its ``column`` of texts cleaned."""
    return frame.map_partitions(_clean_column, column, config or Config(), meta=frame._meta)


def _clean_texts(texts, config: Config) -> list:
    cleaner = _cleaner(config)
    return [cleaner.clean(text) for text in texts]


def _clean_column(part, column: str, config: Config):
    part = part.copy()
    part[column] = _clean_texts(part[column], config)
    return part


def _clean_file(source, outdir: Path, config: Config, text_field: str) -> tuple:
    """One input file on a worker, through the same loop and record cleaning as
    the local engine: the same bytes come out."""
    cleaner = _cleaner(config)
    return process([source], outdir, lambda batch: Done(clean_batch(batch, cleaner, text_field)), window=1)


def run_dask(files: list, outdir: Path, config: Config, text_field: str, scheduler: str, on_batch=None) -> tuple:
    from distributed import Client, as_completed

    total, errors = Stats(), []
    with Client(scheduler) as client:
        futures = client.map(
            _clean_file, files, outdir=outdir.resolve(), config=config, text_field=text_field, pure=False
        )
        for future in as_completed(futures):
            stats, file_errors = future.result()
            total.add(stats)
            errors.extend(file_errors)
            if on_batch:
                on_batch(stats)
    return total, errors
