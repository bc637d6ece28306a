"""Cleaning a batch of dump records: the same function for every engine, so
the local engine and the Dask engine write the same bytes.

>>> from cleaner import Cleaner
>>> from cleaner.formats import JsonLines
>>> batch = clean_batch([Item(0, JsonLines(), 1, b'{"text": "Minks, Belarus"}\\n')], Cleaner(), "text")
>>> batch.records
[Cleaned(file=0, out=b'{"text": "Minsk, Belarus"}\\n', reject=None)]
>>> batch.stats[0].changed, dict(batch.stats[0].rules)
(1, {'names.minsk': 1})
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from typing import NamedTuple, Optional

from .errors import CleanerError
from .formats import MAX_RECORD_BYTES, Format, Overlong
from .provenance import with_provenance
from .sites import site_of_record


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


class Item(NamedTuple):
    """One record of an input file, on its way to be cleaned."""

    file: int  # the input file's number in the run
    format: Format
    line: Optional[int]  # None: a blank line, no record
    raw: bytes


class Cleaned(NamedTuple):
    """What became of an ``Item``: bytes to write, or a reject, or (a blank line) the line as it was."""

    file: int
    out: Optional[bytes]
    reject: Optional[dict]


class CleanedBatch(NamedTuple):
    records: list  # a Cleaned for each Item, in order
    stats: dict  # file number -> Stats of its records in the batch


def clean_batch(
    items: list, cleaner, text_field: str, provenance: Optional[str] = None, site_field: Optional[str] = None
) -> CleanedBatch:
    """Clean ``items``, each record on its own: a record that cannot be cleaned
    becomes a reject with the reason. With ``provenance``, a changed JSON Lines
    record gets that field naming the rules that fired (``cleaner.provenance``).
    With ``site_field``, each record is cleaned as a document of the site it names."""
    results = []
    stats: dict = {}
    for item in items:
        counts = stats.setdefault(item.file, Stats())
        if item.line is None:
            results.append(Cleaned(item.file, item.raw, None))
            continue
        if isinstance(item.raw, Overlong):
            counts.bytes_in += item.raw.size
            counts.rejected += 1
            reason: Optional[str] = (
                f"record of {item.raw.size:,} bytes, more than the {MAX_RECORD_BYTES:,} a record may have (not kept)"
            )
            results.append(Cleaned(item.file, None, item.format.reject(item.line, reason)))
            continue
        counts.bytes_in += len(item.raw)
        try:
            parsed = item.format.parse(item.raw, text_field)
            cleaned, fired = cleaner.clean_with_counts(parsed.text, site_of_record(parsed, site_field))
            out = item.format.serialise(parsed, item.raw, cleaned, text_field)
            if provenance and cleaned != parsed.text and item.format.name == "jsonl":
                out = with_provenance(out, provenance, fired)
        except (CleanerError, TimeoutError, RecursionError) as exc:
            reason = str(exc) or type(exc).__name__
        except Exception as exc:  # a bug of ours on this record: the run goes on without it
            reason = f"internal error: {type(exc).__name__}: {exc}"
        else:
            reason = None
        if reason is not None:
            counts.rejected += 1
            results.append(Cleaned(item.file, None, item.format.reject(item.line, reason, item.raw)))
            continue
        counts.documents += 1
        counts.changed += cleaned != parsed.text
        counts.bytes_out += len(out)
        counts.rules.update(fired)
        results.append(Cleaned(item.file, out, None))
    return CleanedBatch(results, stats)
