"""What a dump did to each record, for people who review it.

``--provenance FIELD`` adds to each changed JSON Lines record how often each
rule fired, inserted before the record's closing brace so that every other
byte of the cleaned record stays as it was written:

>>> with_provenance(b'{"id": 7, "text": "Minsk"}\\r\\n', "cleaner_rules", {"names.minsk": 1})
b'{"id": 7, "text": "Minsk", "cleaner_rules": {"names.minsk": 1}}\\r\\n'

``--changes FILE`` and ``--report FILE`` read the inputs once more after the
run and explain each record (``audit``): each change, with the record's id
(or its source and line), before and after. Neither changes the clean dump.
"""

from __future__ import annotations

import json
from typing import Iterator, NamedTuple, Optional

from .errors import CleanerError
from .formats import parsed_records
from .sites import site_of_record

DEFAULT_FIELD = "cleaner_rules"


def with_provenance(out: bytes, field: str, fired: dict) -> bytes:
    """``out``, a JSON object on one line, with ``field`` holding ``fired`` (rule -> count) added last."""
    body = out.rstrip(b"\r\n")
    ending = out[len(body) :]
    body = body.rstrip()
    if not body.endswith(b"}"):  # serialised records are objects: a guard, not a case
        raise CleanerError("a cleaned record is not a JSON object")
    counts = dict(sorted(fired.items()))
    entry = f"{json.dumps(field)}: {json.dumps(counts, ensure_ascii=False)}".encode("utf-8")
    joiner = b"" if body[:-1].rstrip() == b"{" else b", "
    return body[:-1] + joiner + entry + b"}" + ending


class RecordChange(NamedTuple):
    """One change in one record of a dump."""

    source: str
    line: int
    record_id: Optional[object]  # the record's "id" field, when it has one
    site: Optional[str]  # the site the record's site field names, when one was asked for
    rule: str
    before: str
    after: str

    def as_json(self) -> bytes:
        record = {"source": self.source, "line": self.line}
        if self.record_id is not None:
            record["id"] = self.record_id
        if self.site is not None:
            record["site"] = self.site
        record.update(rule=self.rule, before=self.before, after=self.after)
        return json.dumps(record, ensure_ascii=False).encode("utf-8") + b"\n"


def audit(files: list, cleaner, text_field: str, site_field: Optional[str] = None) -> Iterator[RecordChange]:
    """Every change ``cleaner`` makes to the records of ``files`` (planned
    ``InputFile``s), in input order. Records the dump rejected, and inputs it
    could not read, have no changes."""
    for source in files:
        try:
            for record, parsed in parsed_records(source, text_field):
                site = site_of_record(parsed, site_field)
                try:
                    changes = cleaner.explain(parsed.text, site)
                except (CleanerError, TimeoutError, RecursionError):
                    continue
                holder = parsed.fields
                for change in changes:
                    yield RecordChange(
                        str(source.path),
                        record.line,
                        holder.get("id"),
                        site,
                        change.rule,
                        change.before,
                        change.after,
                    )
        except CleanerError:
            continue  # the dump reported it already
