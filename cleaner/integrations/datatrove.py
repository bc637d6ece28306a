"""cleaner as a datatrove pipeline step: ``doc.text`` cleaned where datatrove runs.

>>> from datatrove.data import Document
>>> step = CleanerStep(drop_empty=True)
>>> docs = [Document(text="Minsk sent Vladimir McKay.\\nAdd comment\\n", id="a"),
...         Document(text="Add comment\\n", id="b")]
>>> [(doc.id, doc.text, doc.metadata) for doc in step.run(docs)]
[('a', 'Minsk sent Vladimir Makei.\\n', {'cleaner_rules': {'chrome.comment-form': 1, 'names.makei': 1}})]

Needs ``pip install 'cleaner[datatrove]'`` (datatrove runs on Python 3.10 or later).
"""

from __future__ import annotations

import contextlib
import dataclasses
from functools import lru_cache
from typing import Any, Optional

try:
    from datatrove.data import Document, DocumentsPipeline
    from datatrove.pipeline.base import PipelineStep
    from datatrove.pipeline.writers.disk_base import DiskWriter
    from datatrove.utils.typeshelper import StatHints
except ImportError as exc:  # say which extra brings it, not only what is missing
    raise ImportError(f"{exc}: install it with pip install 'cleaner[datatrove]'") from exc

from cleaner import Cleaner, CleanerError, Config

# What the dump command rejects a record for; anything else is a bug and stops the task.
_REJECTED = (CleanerError, TimeoutError, RecursionError)


class CleanerStep(PipelineStep):
    """Clean each document's text with cleaner's rules and record which fired.

    ``config`` (default ``Config()``), with any of its fields given as keywords
    overriding it, chooses the rules, as ``cleaner``'s options do. Each document
    gets ``metadata[metadata_key]``: rule id -> how often it fired (empty when
    none did); the stats count the same under ``rule:ID``. A document the
    dump command would reject (say, a line over 16 MiB) is dropped, and with
    ``drop_empty`` so is one that nothing but whitespace is left of; the
    ``exclusion_writer``, when given, receives every dropped document with its
    text as it came and ``metadata["filter_reason"]``, as datatrove's filters do.

    The rules are compiled once per worker process, on its first document: the
    step carries only its ``Config`` when datatrove ships it to a task.

    A pipeline::

        from datatrove.executor import LocalPipelineExecutor
        from datatrove.pipeline.readers import JsonlReader
        from datatrove.pipeline.writers import JsonlWriter
        from cleaner.integrations.datatrove import CleanerStep

        if __name__ == "__main__":  # the worker processes import this file again
            LocalPipelineExecutor(
                pipeline=[
                    JsonlReader("crawl/"),
                    CleanerStep(straight_quotes=True, drop_empty=True,
                                exclusion_writer=JsonlWriter("dropped/")),
                    JsonlWriter("clean/"),
                ],
                tasks=8,
            ).run()
    """

    name = "🧹 cleaner"
    type = "✂️ - FORMAT"

    def __init__(
        self,
        config: Optional[Config] = None,
        *,
        metadata_key: str = "cleaner_rules",
        drop_empty: bool = False,
        exclusion_writer: Optional[DiskWriter] = None,
        **fields: Any,
    ):
        super().__init__()
        self.config = _hashable(dataclasses.replace(config or Config(), **fields))
        self.metadata_key = metadata_key
        self.drop_empty = drop_empty
        self.exclusion_writer = exclusion_writer

    def run(self, data: DocumentsPipeline, rank: int = 0, world_size: int = 1) -> DocumentsPipeline:
        cleaner = _compiled(self.config)
        with self.exclusion_writer if self.exclusion_writer else contextlib.nullcontext() as writer:
            for doc in data:
                self.stat_update(StatHints.total)
                with self.track_time():
                    try:
                        text, fired = cleaner.clean_with_counts(doc.text)
                    except _REJECTED as exc:
                        self._drop(doc, writer, rank, "rejected", str(exc) or type(exc).__name__)
                        continue
                doc.metadata[self.metadata_key] = dict(sorted(fired.items()))
                for rule, count in fired.items():
                    self.stat_update(f"rule:{rule}", value=count)
                if self.drop_empty and not text.strip():
                    self._drop(doc, writer, rank, "empty", "empty")
                    continue
                if text != doc.text:
                    self.stat_update("changed")
                doc.text = text
                self.stat_update(StatHints.forwarded)
                self.update_doc_stats(doc)
                yield doc

    def _drop(self, doc: Document, writer: Optional[DiskWriter], rank: int, stat: str, reason: str) -> None:
        """Count ``doc`` as dropped and hand it, text as it came, to the exclusion writer."""
        self.stat_update(StatHints.dropped, f"dropped_{stat}")
        if writer:
            doc.metadata["filter_reason"] = reason
            writer.write(doc, rank)


@lru_cache(maxsize=None)
def _compiled(config: Config) -> Cleaner:
    """One Cleaner per config and process: a worker running many tasks compiles once."""
    return Cleaner(config)


def _hashable(config: Config) -> Config:
    """``config`` with its lists as tuples, so that it can key ``_compiled``.

    >>> _hashable(Config(select=["names"])).select
    ('names',)
    """
    values = {f.name: getattr(config, f.name) for f in dataclasses.fields(config)}
    lists = {name: tuple(value) for name, value in values.items() if isinstance(value, list)}
    return dataclasses.replace(config, **lists)
