"""``dump --learn``: learn each site's chrome from the dump itself, then clean with it.

The first pass is ``suggest``'s line mining (after the loaded rules; no name
variants, which need a reviewer); the rules it drafts are written to
``OUTDIR/learned-rules.yaml``, for review and for reuse with ``--rules``, and
the second pass is the ordinary dump with that file loaded after the others.
A resumed run (``--resume``) reuses the file it finds, so that every output of
the dump is cleaned with the same rules.
"""

from __future__ import annotations

import dataclasses
from pathlib import Path

from .files import write_atomically
from .settings import Config

LEARNED = "learned-rules.yaml"
MIN_DOCS = 5  # suggest's defaults: a learned line recurs in 5 documents
MIN_SHARE = 0.02  # and in 2% of its site's


def learned_config(
    inputs, outdir: Path, config: Config, cleaner, text_field: str, site_field, resume: bool = False
) -> Config:
    """``config`` with the rules learned from ``inputs`` added; the rule file is written into ``outdir``."""
    from .suggest import Suggestion, boilerplate, draft, draft_text, mine

    path = outdir / LEARNED
    if not (resume and path.exists()):
        miner = mine(inputs, cleaner, text_field, site_field, names=False)
        lines = boilerplate(miner, MIN_DOCS, MIN_SHARE)
        titles = miner.titles.candidates(miner.docs_per_site, MIN_DOCS)
        document = draft(lines, [], config.timeout, titles)
        found = Suggestion(sum(miner.docs_per_site.values()), lines, [], document, titles)
        text = draft_text(found, "# Learned by cleaner dump --learn: reusable with --rules.")
        write_atomically(path, text.encode("utf-8"))
    return dataclasses.replace(config, rules=(*config.rules, str(path)))
