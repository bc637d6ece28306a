"""``dump --learn``: learn each site's chrome from the dump itself, then clean with it.

The first pass cleans every record with the loaded rules, in the dump's worker
processes, and counts its lines and title as ``suggest`` does (no name
variants, which need a reviewer), the workers' tables merged here. The rules
it drafts are written to ``OUTDIR/learned-rules.yaml``, for review and for
reuse with ``--rules``, and the second pass writes the outputs with that file
loaded after the others.

A learned rule is scoped to its site, so it changes nothing on another site's
records: the second pass cleans again only the records of the sites that
learned a rule (``Reach``), and takes every other record's output as the
first pass left it, kept meanwhile in a spool file in ``OUTDIR/.cleaner-dump``
(``LearningEngine``); the outputs are those of cleaning every record again,
byte for byte. A resumed run (``--resume``) reuses the learned file it finds,
so that every output of the dump is cleaned with the same rules; it, and a run
on a Dask cluster, mine first and then clean every record
(``learned_config``).
"""

from __future__ import annotations

import dataclasses
import hashlib
import pickle
from collections import deque
from pathlib import Path
from typing import Optional

from .engines import batches, clean_items, cleaning, process
from .errors import CleanerError
from .files import TEMPORARY_SUFFIX, write_atomically
from .outputs import STATE_DIR
from .records import CleanedBatch, Stats, clean_record
from .settings import Config
from .sites import SiteIndex, site_of

LEARNED = "learned-rules.yaml"
SPOOL = "learn-spool"  # in OUTDIR/.cleaner-dump: the first pass's outputs, until the second pass takes them
MIN_DOCS = 5  # suggest's defaults: a learned line recurs in 5 documents
MIN_SHARE = 0.02  # and in 2% of its site's


def learned_config(
    files: list, outdir: Path, config: Config, cleaner, text_field: str, site_field, jobs: int, resume: bool = False
) -> Config:
    """``config`` with the rules learned from ``files`` added; the rule file is
    written into ``outdir`` (with ``resume``, one found there is kept)."""
    if not (resume and (outdir / LEARNED).exists()):
        write_learned(first_pass(files, config, cleaner, text_field, site_field, jobs), outdir, config.timeout)
    return with_learned(config, outdir)


def with_learned(config: Config, outdir: Path) -> Config:
    """``config`` with the rule file that ``dump --learn`` wrote into ``outdir`` loaded after its rules."""
    return dataclasses.replace(config, rules=(*config.rules, str(outdir / LEARNED)))


def write_learned(miner, outdir: Path, timeout: float) -> None:
    """``OUTDIR/learned-rules.yaml``: the rules drafted from what ``miner`` (``suggest.Miner``) counted."""
    from .suggest import Suggestion, boilerplate, draft, draft_text

    lines = boilerplate(miner, MIN_DOCS, MIN_SHARE)
    titles = miner.titles.candidates(miner.docs_per_site, MIN_DOCS)
    document = draft(lines, [], timeout, titles)
    document["description"] = "Each site's chrome, learned by cleaner dump --learn from the dump it cleaned."
    found = Suggestion(sum(miner.docs_per_site.values()), lines, [], document, titles)
    text = draft_text(found, "# Learned by cleaner dump --learn: reusable with --rules.")
    write_atomically(outdir / LEARNED, text.encode("utf-8"))


def first_pass(
    files: list, config: Config, cleaner, text_field: str, site_field, jobs: int, provenance=None, spool=None
):
    """The lines and titles of ``files`` counted after ``cleaner`` (a ``suggest.Miner``),
    batch by batch as ``dump`` reads them, in ``jobs`` worker processes; with
    ``spool`` (a binary file), each batch's outcomes (``records.Outcome``,
    without the clean text) are written to it, in input order."""
    from .suggest import Miner

    miner = Miner(names=False)
    pending: deque = deque()

    def collect() -> None:
        counted, kept = pending.popleft().get()
        miner.merge(counted)
        if spool is not None:
            pickle.dump(kept, spool, pickle.HIGHEST_PROTOCOL)

    with cleaning(jobs, config, cleaner) as (submit, window):
        for batch in batches(files):
            pending.append(submit(_first_batch, batch.items, text_field, provenance, site_field, spool is not None))
            if len(pending) >= window:
                collect()
        while pending:
            collect()
    return miner


def _first_batch(cleaner, items: list, text_field: str, provenance, site_field, keep: bool) -> tuple:
    """A batch cleaned and counted: its ``suggest.Miner``, and (``keep``) its
    fingerprint and outcomes. Records that ``dump`` rejects teach nothing."""
    from .suggest import Miner

    miner = Miner(names=False)
    outcomes = []
    for item in items:
        outcome = clean_record(item, cleaner, text_field, provenance, site_field)
        if outcome.text is not None:
            miner.add(outcome.text, outcome.site or "")
        outcomes.append(outcome._replace(text=None))
    return miner, (fingerprint(items), outcomes) if keep else None


def fingerprint(items: list) -> bytes:
    """What tells a batch's records (their places and bytes) from any other's."""
    digest = hashlib.blake2b(digest_size=16)
    for item in items:
        digest.update(f"{item.file}:{item.line}:{len(item.raw)}:".encode())
        digest.update(item.raw)
    return digest.digest()


class Reach:
    """Which records the learned rules of a Cleaner (those loaded from ``path``)
    can change: those of a site that one of them is scoped to, as the pipeline
    chooses a document's rules (``Cleaner.stages_for``); on a record of unknown
    site, a scoped rule with a document guard (``when``); on every record, a
    rule scoped to no site (learned from records that named none). Any other
    record meets exactly the rules it met without them, and comes out the same."""

    def __init__(self, cleaner, path: Path) -> None:
        learned = [rule for rule in cleaner.rules if rule.path == str(path)]
        self.everywhere = any(not rule.sites for rule in learned)
        self.unknown_site = any(rule.guard.when is not None for rule in learned)
        self.sites = SiteIndex({rule: rule.sites for rule in learned})

    def reaches(self, site: Optional[str]) -> bool:
        site = site_of(site)  # as the pipeline takes it
        if self.everywhere:
            return True
        return self.unknown_site if site is None else bool(self.sites.rules_for(site))


@dataclasses.dataclass
class LearningEngine:
    """``dump --learn`` on this process or ``jobs`` worker processes (an engine,
    as ``engines.LocalEngine``): ``cleaner`` is the Cleaner of the loaded rules."""

    jobs: int
    cleaner: object

    def run(
        self, files: list, outdir: Path, config, text_field: str, on_batch=None, provenance=None, site_field=None
    ) -> tuple:
        from .pipeline import Cleaner

        path = outdir / STATE_DIR / (SPOOL + TEMPORARY_SUFFIX)  # removed with the leftovers of a killed run
        try:
            with open(path, "w+b") as spool:
                miner = first_pass(files, config, self.cleaner, text_field, site_field, self.jobs, provenance, spool)
                write_learned(miner, outdir, config.timeout)
                del miner  # its table is not needed any more
                config = with_learned(config, outdir)
                cleaner = Cleaner(config)
                reach = Reach(cleaner, outdir / LEARNED)
                spool.seek(0)
                with cleaning(self.jobs, config, cleaner) as (submit, window):

                    def second(items: list) -> _Reused:
                        try:
                            fingerprinted, kept = pickle.load(spool)
                        except EOFError:
                            fingerprinted, kept = b"", []
                        if fingerprinted != fingerprint(items):
                            raise CleanerError(f"{outdir}: the inputs changed while dump --learn read them twice")
                        again = [n for n, outcome in enumerate(kept) if outcome.parsed and reach.reaches(outcome.site)]
                        chosen = [items[n] for n in again]
                        pending = submit(clean_items, chosen, text_field, provenance, site_field) if again else None
                        return _Reused(kept, again, pending)

                    return process(files, outdir, second, on_batch, window)
        finally:
            path.unlink(missing_ok=True)


class _Reused:
    """A batch's ``CleanedBatch`` in the second pass: the first pass's
    outcomes, with those of the records cleaned ``again`` (their numbers in the
    batch; ``pending``: their ``CleanedBatch`` to come) in their place."""

    def __init__(self, kept: list, again: list, pending) -> None:
        self.kept, self.again, self.pending = kept, again, pending

    def get(self) -> CleanedBatch:
        records = [outcome.cleaned for outcome in self.kept]
        stats: dict = {}
        again = set(self.again)
        for number, outcome in enumerate(self.kept):
            if number not in again:
                stats.setdefault(outcome.cleaned.file, Stats()).add(outcome.stats)
        if self.pending is not None:
            cleaned = self.pending.get()
            for number, record in zip(self.again, cleaned.records):
                records[number] = record
            for file, counts in cleaned.stats.items():
                stats.setdefault(file, Stats()).add(counts)
        return CleanedBatch(records, stats)
