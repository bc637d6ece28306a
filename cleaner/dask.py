"""Dask: run ``cleaner dump`` on a cluster, or map the cleaner over your own collections.

    >>> import dask.bag  # doctest: +SKIP
    >>> from cleaner.dask import clean_bag
    >>> clean_bag(dask.bag.from_sequence(["Vladimir McKay in Minks, Belarus"])).compute()  # doctest: +SKIP
    ['Vladimir Makei in Minsk, Belarus']

Each worker process compiles the rules once per configuration. Dask is an
optional extra: ``pip install "cleaner[dask]"``.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Optional

from .dask_split import DEFAULT_SPLIT_BYTES, byte_ranges, clean_range, join_parts, part_path, splittable
from .engines import Finished, cached_cleaner, process
from .records import Stats, clean_batch
from .settings import Config


def clean_bag(bag, config: Optional[Config] = None):
    """A ``dask.bag.Bag`` of texts, cleaned."""
    return bag.map_partitions(_clean_texts, config or Config())


def clean_dataframe(frame, column: str = "text", config: Optional[Config] = None):
    """A ``dask.dataframe.DataFrame`` with its ``column`` of texts cleaned."""
    return frame.map_partitions(_clean_column, column, config or Config(), meta=frame._meta)


def _clean_texts(texts, config: Config) -> list:
    cleaner = cached_cleaner(config)
    return [cleaner.clean(text) for text in texts]


def _clean_column(part, column: str, config: Config):
    part = part.copy()
    part[column] = _clean_texts(part[column], config)
    return part


@dataclass
class DaskEngine:
    """The dump's input files as tasks on the Dask cluster at ``scheduler``; a
    JSON Lines file larger than ``split_bytes`` as several (``dask_split``)."""

    scheduler: str
    split_bytes: int = DEFAULT_SPLIT_BYTES

    def run(
        self,
        files: list,
        outdir: Path,
        config: Config,
        text_field: str,
        on_batch=None,
        provenance=None,
        site_field=None,
    ) -> tuple:
        from distributed import Client, as_completed

        outdir = outdir.resolve()
        total, errors = Stats(), []
        with Client(self.scheduler) as client:
            whole = [f for f in files if not splittable(f, self.split_bytes)]
            futures = client.map(
                _clean_file,
                whole,
                outdir=outdir,
                config=config,
                text_field=text_field,
                provenance=provenance,
                site_field=site_field,
                pure=False,
            )
            split = {}  # input -> its parts and their futures, in order
            for source in files:
                if source in whole:
                    continue
                pieces = byte_ranges(source.path, self.split_bytes)
                parts = [part_path(outdir, source, n) for n in range(len(pieces))]
                split[source] = (
                    parts,
                    client.map(
                        _clean_range,
                        [source] * len(pieces),
                        pieces,
                        parts,
                        config=config,
                        text_field=text_field,
                        provenance=provenance,
                        site_field=site_field,
                        pure=False,
                    ),
                )
            for future in as_completed(futures):
                stats, file_errors = future.result()
                total.add(stats)
                errors.extend(file_errors)
                if on_batch:
                    on_batch(stats)
            for source, (parts, range_futures) in split.items():
                results = [(part, *future.result()) for part, future in zip(parts, range_futures)]
                stats = join_parts(outdir, source, results)
                total.add(stats)
                if on_batch:
                    on_batch(stats)
        return total, errors


def _clean_file(source, outdir: Path, config: Config, text_field: str, provenance=None, site_field=None) -> tuple:
    """One input file on a worker, through the same loop and record cleaning as
    the local engine: the same bytes come out."""
    cleaner = cached_cleaner(config)
    return process(
        [source],
        outdir,
        lambda items: Finished(clean_batch(items, cleaner, text_field, provenance, site_field)),
        window=1,
    )


def _clean_range(source, piece, part: Path, config: Config, text_field: str, provenance=None, site_field=None) -> tuple:
    """One byte range of a large input on a worker, into its part file."""
    return clean_range(source, piece, part, cached_cleaner(config), text_field, provenance, site_field)
