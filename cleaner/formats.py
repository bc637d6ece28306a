"""Dump formats: one object per format knows its files' suffix, how to read
their records, parse a record into its text, write a cleaned record back and
describe a record it must reject. Adding a format is adding one object to
``FORMATS``. Any format may be compressed (``compression``).

>>> source = input_file(Path("news/2021/part-0001.jsonl.zst"), "part-0001.jsonl.zst")
>>> source.format.name, source.compression
('jsonl', 'zst')
>>> format_of("article.txt").name, format_of("notes.md")
('txt', None)
"""

from __future__ import annotations

import base64
import json
import re
from pathlib import Path
from typing import Any, BinaryIO, Iterator, NamedTuple, Optional

from .compression import compression_of, open_input
from .errors import CleanerError
from .files import BinaryFile, TextDocument, Undecodable, walk

# A record longer than this is not read into memory: it is rejected by size.
MAX_RECORD_BYTES = 64 * 1024 * 1024


class Overlong(bytes):
    """Stands for a record over MAX_RECORD_BYTES, which was skipped, not read:
    empty, with the size the record had."""

    size: int = 0


class RawRecord(NamedTuple):
    line: Optional[int]  # where it starts; None for a blank line, which is no record
    raw: bytes  # as in the file, line ending included; an ``Overlong`` if too long


class Parsed(NamedTuple):
    text: str  # the text to clean
    holder: Any  # what holds it, for ``Format.serialise`` (each format its own)``
    fields: dict = {}  # the record's fields (JSON Lines), e.g. its url for --site-field


class Format:
    """One dump format. ``whole_file``: a file is one document, so rejects
    name no line, and a file whose document is rejected gets no output."""

    name: str
    suffix: str
    whole_file: bool

    def records(self, stream: BinaryIO) -> Iterator[RawRecord]:
        raise NotImplementedError

    def parse(self, raw: bytes, text_field: str) -> Parsed:
        """The text of a record, or CleanerError with why it is not a record."""
        raise NotImplementedError

    def serialise(self, parsed: Parsed, raw: bytes, cleaned: str, text_field: str) -> bytes:
        raise NotImplementedError

    def body(self, raw: bytes) -> bytes:
        """The record as a reject shows it."""
        return raw

    def reject(self, line: Optional[int], reason: str, raw: Optional[bytes] = None) -> dict:
        """A reject: where and why, and the record (as text, else base64) unless ``raw`` is None."""
        reject = {"line": None if self.whole_file else line, "reason": reason}
        if raw is not None:
            body = self.body(raw)
            try:
                reject["record"] = body.decode("utf-8")
            except UnicodeDecodeError:
                reject["record_base64"] = base64.b64encode(body).decode("ascii")
        return reject


class PlainText(Format):
    """A text file, one document, in any newline convention, with or without a BOM."""

    name, suffix, whole_file = "txt", ".txt", True

    def records(self, stream: BinaryIO) -> Iterator[RawRecord]:
        data = stream.read(MAX_RECORD_BYTES + 1)
        yield RawRecord(1, _overlong(len(data) + _skip(stream, None)) if len(data) > MAX_RECORD_BYTES else data)

    def parse(self, raw: bytes, text_field: str) -> Parsed:
        try:
            doc = TextDocument.decode(raw, "document")
        except BinaryFile:
            raise CleanerError("binary file (NUL bytes)") from None
        except Undecodable as exc:
            raise CleanerError(exc.reason) from None
        return Parsed(doc.text, doc)

    def serialise(self, parsed: Parsed, raw: bytes, cleaned: str, text_field: str) -> bytes:
        if cleaned == parsed.text:
            return raw  # byte for byte as it came, whatever its line endings
        return parsed.holder.encode(cleaned)


class JsonLines(Format):
    """One JSON object a line, its text in ``text_field``. Lines holding only
    whitespace are no records: they are written back as they were."""

    name, suffix, whole_file = "jsonl", ".jsonl", False

    def records(self, stream: BinaryIO) -> Iterator[RawRecord]:
        number = 0
        while line := stream.readline(MAX_RECORD_BYTES + 1):
            number += 1
            if len(line) > MAX_RECORD_BYTES and not line.endswith(b"\n"):
                yield RawRecord(number, _overlong(len(line) + _skip(stream, b"\n")))
            else:
                yield RawRecord(number if line.strip() else None, line)

    def parse(self, raw: bytes, text_field: str) -> Parsed:
        try:
            line = raw.decode("utf-8")
        except UnicodeDecodeError as exc:
            raise CleanerError(f"not valid UTF-8 at byte {exc.start}") from None
        value, start, end, record = text_token(line, text_field)
        return Parsed(value, (line, start, end), record)

    def serialise(self, parsed: Parsed, raw: bytes, cleaned: str, text_field: str) -> bytes:
        """The record as it came with only its text's JSON string replaced: other
        fields keep their spelling (numbers, escapes, key order, spacing)."""
        if cleaned == parsed.text:
            return raw  # byte for byte as it came
        line, start, end = parsed.holder
        return (line[:start] + json_string(cleaned) + line[end:]).encode("utf-8")

    def body(self, raw: bytes) -> bytes:
        return raw.rstrip(b"\r\n")


FORMATS = (PlainText(), JsonLines())

_SPACE = re.compile(r"[ \t\n\r]*")
_DECODER = json.JSONDecoder()
_SURROGATE = re.compile("[\ud800-\udfff]")


def text_token(line: str, text_field: str) -> tuple:
    """The value of the top-level key ``text_field`` of the JSON object on
    ``line``, where its string token starts and ends, and the object decoded;
    CleanerError says why there is none. A BOM before the object (a file's
    first line) is skipped.

    >>> text_token('{"id": 1e400, "text": "Minks"}', "text")[:3]
    ('Minks', 22, 29)
    >>> text_token('{"text": "a", "text": "b"}', "text")
    Traceback (most recent call last):
    ...
    cleaner.errors.CleanerError: field 'text' appears twice
    """
    try:
        record, end = _DECODER.raw_decode(line, _past_space(line, 1 if line.startswith("\ufeff") else 0))
    except ValueError as exc:
        raise CleanerError(f"invalid JSON: {exc}") from None
    except RecursionError:
        raise CleanerError("invalid JSON: nested too deep") from None
    if _past_space(line, end) != len(line):
        raise CleanerError(f"invalid JSON: Extra data: column {end + 1} (char {end})")
    if not isinstance(record, dict):
        raise CleanerError(f"not a JSON object but {type(record).__name__}")
    if text_field not in record:
        raise CleanerError(f"no field {text_field!r}")
    if not isinstance(record[text_field], str):
        raise CleanerError(f"field {text_field!r} is {type(record[text_field]).__name__}, not a string")
    found = None
    at = _past_space(line, line.index("{") + 1)
    while line[at] != "}":  # the object is valid JSON: walk its keys and values
        key, at = json.decoder.scanstring(line, at + 1)  # type: ignore[attr-defined]  # public, not in typeshed
        at = _past_space(line, _past_space(line, at) + 1)  # past ':'
        value_start = at
        _, at = _DECODER.raw_decode(line, at)
        if key == text_field:
            if found is not None:
                raise CleanerError(f"field {text_field!r} appears twice")
            found = (record[text_field], value_start, at, record)
        at = _past_space(line, at)
        if line[at] == ",":
            at = _past_space(line, at + 1)
    assert found is not None  # the field is in the record, so the walk met it
    return found


def _past_space(line: str, at: int) -> int:
    """Where the JSON whitespace from ``at`` ends."""
    space = _SPACE.match(line, at)
    return space.end() if space else at  # (it always matches: it may match nothing)


def json_string(text: str) -> str:
    """``text`` as a JSON string, UTF-8 as it is but for lone surrogates, which
    UTF-8 cannot hold: those stay escapes, as they came.

    >>> print(json_string("Minsk, " + chr(0xD800)))
    "Minsk, \\ud800"
    """
    return _SURROGATE.sub(lambda m: f"\\u{ord(m.group()):04x}", json.dumps(text, ensure_ascii=False))


def format_of(path) -> Optional[Format]:
    """The format a file's name says it has (past a compression suffix), or None."""
    path = Path(path)
    if compression_of(path):
        path = path.with_suffix("")
    return next((f for f in FORMATS if path.suffix == f.suffix), None)


class InputFile(NamedTuple):
    path: Path  # where the input is
    name: str  # its path below the folder given (with '/'): where its output goes
    format: Format
    compression: Optional[str]


def input_file(path: Path, name: str) -> Optional[InputFile]:
    """The input at ``path`` if its name is a dump file's, else None."""
    found = format_of(path)
    return InputFile(path, name, found, compression_of(path)) if found else None


def find_inputs(inputs) -> list:
    """The dump files named or under the folders named, in order, with whole
    paths (workers elsewhere need them). A folder walk enters no hidden folder
    (the output folder is never inside an input: ``dump.check_apart``)."""

    def enter(folder: Path) -> bool:
        return not folder.name.startswith(".")

    files: list = []
    for given in (Path(i).resolve() for i in inputs):
        if given.is_dir():
            for path in walk(given, enter):
                if found := input_file(path, path.relative_to(given).as_posix()):
                    files.append(found)
        elif given.is_file():
            found = input_file(given, given.name)
            if not found:
                raise CleanerError(f"{given}: not a dump file (.txt or .jsonl, optionally .gz or .zst)")
            files.append(found)
        else:
            raise CleanerError(f"{given}: no such file or folder")
    return files


def read_records(source: InputFile) -> Iterator[RawRecord]:
    """The records of an input file, in order; a file that cannot be read
    (or decompressed) raises CleanerError naming it."""
    try:
        with open_input(source.path, source.compression) as stream:
            yield from source.format.records(stream)
    except (OSError, EOFError, ValueError) as exc:
        raise CleanerError(f"{source.path}: cannot read: {exc}") from None
    except Exception as exc:  # a decompressor's own error for corrupt data
        raise CleanerError(f"{source.path}: cannot read: {type(exc).__name__}: {exc}") from None


def parsed_records(source: InputFile, text_field: str) -> Iterator[tuple]:
    """(record, its ``Parsed`` text) for each record of an input that ``dump``
    would clean: blank lines, records over the size limit and records that do
    not parse are left out (``dump`` rejects those)."""
    for record in read_records(source):
        if record.line is None or isinstance(record.raw, Overlong):
            continue
        try:
            yield record, source.format.parse(record.raw, text_field)
        except CleanerError:
            continue


def _overlong(size: int) -> Overlong:
    record = Overlong()
    record.size = size
    return record


def _skip(stream: BinaryIO, until: Optional[bytes]) -> int:
    """Read on in chunks to the end of the line (or file), counting bytes."""
    skipped = 0
    while chunk := (stream.readline(1 << 20) if until else stream.read(1 << 20)):
        skipped += len(chunk)
        if until and chunk.endswith(until):
            break
    return skipped
