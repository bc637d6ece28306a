"""``dump --learn``: learn each site's chrome from the dump itself, then clean with it.

The first pass is ``suggest``'s line and title mining (after the loaded rules;
no name variants, which need a reviewer), in the dump's worker processes, each
mining its batches, their tables merged here; the rules it drafts are written
to ``OUTDIR/learned-rules.yaml``, for review and for reuse with ``--rules``, and
the second pass is the ordinary dump with that file loaded after the others.
A resumed run (``--resume``) reuses the file it finds, so that every output of
the dump is cleaned with the same rules.
"""

from __future__ import annotations

import dataclasses
from collections import deque
from pathlib import Path

from .engines import batches, cached_cleaner, worker_pool
from .errors import CleanerError
from .files import write_atomically
from .formats import Overlong
from .settings import Config
from .sites import site_of_record

LEARNED = "learned-rules.yaml"
MIN_DOCS = 5  # suggest's defaults: a learned line recurs in 5 documents
MIN_SHARE = 0.02  # and in 2% of its site's


def learned_config(
    files: list, outdir: Path, config: Config, cleaner, text_field: str, site_field, jobs: int, resume: bool = False
) -> Config:
    """``config`` with the rules learned from ``files`` added; the rule file is written into ``outdir``."""
    from .suggest import Suggestion, boilerplate, draft, draft_text

    path = outdir / LEARNED
    if not (resume and path.exists()):
        miner = mine_files(files, config, cleaner, text_field, site_field, jobs)
        lines = boilerplate(miner, MIN_DOCS, MIN_SHARE)
        titles = miner.titles.candidates(miner.docs_per_site, MIN_DOCS)
        document = draft(lines, [], config.timeout, titles)
        document["description"] = "Each site's chrome, learned by cleaner dump --learn from the dump it cleaned."
        found = Suggestion(sum(miner.docs_per_site.values()), lines, [], document, titles)
        text = draft_text(found, "# Learned by cleaner dump --learn: reusable with --rules.")
        write_atomically(path, text.encode("utf-8"))
    return with_learned(config, outdir)


def with_learned(config: Config, outdir: Path) -> Config:
    """``config`` with the rule file that ``dump --learn`` wrote into ``outdir`` loaded after its rules."""
    return dataclasses.replace(config, rules=(*config.rules, str(outdir / LEARNED)))


def mine_files(files: list, config: Config, cleaner, text_field: str, site_field, jobs: int):
    """The lines and titles of ``files`` counted after ``cleaner`` (``suggest.Miner``),
    batch by batch as ``dump`` reads them, in ``jobs`` worker processes."""
    from .suggest import Miner

    miner = Miner(names=False)
    if jobs <= 1:
        for batch in batches(files):
            miner.merge(mine_batch(batch.items, text_field, site_field, cleaner))
        return miner
    with worker_pool(jobs, config, cleaner) as pool:  # forked with this run's Cleaner, not loading it again
        pending: deque = deque()
        for batch in batches(files):
            pending.append(pool.submit(mine_batch, batch.items, text_field, site_field, None, config))
            if len(pending) >= 2 * jobs:
                miner.merge(pending.popleft().result())
        while pending:
            miner.merge(pending.popleft().result())
    return miner


def mine_batch(items: list, text_field: str, site_field, cleaner=None, config=None):
    """A ``suggest.Miner`` of one batch of records (``engines.Batch.items``);
    in a worker, the Cleaner is the one cached for ``config``. Records that
    ``dump`` would reject teach nothing and are left out."""
    from .suggest import Miner

    cleaner = cleaner or cached_cleaner(config)
    miner = Miner(names=False)
    for item in items:
        if item.line is None or isinstance(item.raw, Overlong):
            continue
        try:
            parsed = item.format.parse(item.raw, text_field)
            site = site_of_record(parsed, site_field)
            miner.add(cleaner.clean(parsed.text, site), site or "")
        except (CleanerError, TimeoutError, RecursionError):
            continue
    return miner
