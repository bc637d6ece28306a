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


class Outcome(NamedTuple):
    """One record cleaned: what to write, what it adds to its file's Stats, and
    (when it was parsed) its site and (when it was not rejected) its clean text."""

    cleaned: Cleaned
    stats: Stats
    parsed: bool  # False: a blank line, a record too long or unreadable, whatever the rules
    site: Optional[str]
    text: Optional[str]


def clean_batch(
    items: list, cleaner, text_field: str, provenance: Optional[str] = None, site_field: Optional[str] = None
) -> CleanedBatch:
    """Clean ``items``, each record on its own (``clean_record``)."""
    results = []
    stats: dict = {}
    for item in items:
        outcome = clean_record(item, cleaner, text_field, provenance, site_field)
        results.append(outcome.cleaned)
        stats.setdefault(item.file, Stats()).add(outcome.stats)
    return CleanedBatch(results, stats)


def clean_record(
    item: Item, cleaner, text_field: str, provenance: Optional[str] = None, site_field: Optional[str] = None
) -> Outcome:
    """Clean one record: a record that cannot be cleaned becomes a reject with
    the reason. With ``provenance``, a changed JSON Lines record gets that field
    naming the rules that fired (``cleaner.provenance``). With ``site_field``,
    the record is cleaned as a document of the site it names."""
    counts = Stats()
    if item.line is None:
        return Outcome(Cleaned(item.file, item.raw, None), counts, False, None, None)
    if isinstance(item.raw, Overlong):
        counts.bytes_in += item.raw.size
        counts.rejected += 1
        too_long = f"record of {item.raw.size:,} bytes, more than the {MAX_RECORD_BYTES:,} a record may have (not kept)"
        return Outcome(Cleaned(item.file, None, item.format.reject(item.line, too_long)), counts, False, None, None)
    counts.bytes_in += len(item.raw)
    parsed = site = None
    try:
        parsed = item.format.parse(item.raw, text_field)
        site = site_of_record(parsed, site_field)
        cleaned, fired = cleaner.clean_with_counts(parsed.text, site)
        out = item.format.serialise(parsed, item.raw, cleaned, text_field)
        if provenance and cleaned != parsed.text and item.format.name == "jsonl":
            out = with_provenance(out, provenance, fired)
    except (CleanerError, TimeoutError, RecursionError) as exc:
        reason = str(exc) or type(exc).__name__
    except Exception as exc:  # a bug of ours on this record: the run goes on without it
        reason = f"internal error: {type(exc).__name__}: {exc}"
    else:
        counts.documents += 1
        counts.changed += cleaned != parsed.text
        counts.bytes_out += len(out)
        counts.rules.update(fired)
        return Outcome(Cleaned(item.file, out, None), counts, True, site, cleaned)
    counts.rejected += 1
    reject = item.format.reject(item.line, reason, item.raw)
    return Outcome(Cleaned(item.file, None, reject), counts, parsed is not None, site, None)
