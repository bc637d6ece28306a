"""Which lines of a document the Cyrillic gate must test, found on its UTF-8 bytes.

The gate's patterns (``gate.SUSPICIOUS``, ``gate.RARE_PAIRS``) start with a
character class, and the standard library's re tests a class at every
character of the text: searching a document of English news with both was
most of what the repair cost on the benchmark dump, and the pipeline does it
again in each of its rounds. A pattern that starts with one literal byte is
searched at the speed of a tight loop, and ``bytes.translate`` runs at that
speed too, so the document is encoded to UTF-8 and every lead byte of the
gate's characters made one marker byte, ``MARKER`` (0xC0, which UTF-8 never
holds): ``SHAPE``, starting with it, finds where a match may be, and only those
lines are searched with the gate's patterns.

Every character the gate's patterns name is ASCII (the space and digits), two
bytes long in UTF-8 (Latin-1's upper half, Cyrillic, Œ, ƒ, ˆ: "loud") or three
(cp1252's and CP866's quotes, dashes, ellipses, box drawing: "quiet", U+2000
to U+2FFF), and a match holds a non-ASCII character: a loud one, or quiet ones
only as two in a row ("’”", two mis-decoded capitals) or as a one-letter
MacCyrillic word before a number ("“ 5"). Curly quotes alone, as English news
has them, are no shape. The lead bytes are read from the patterns at import;
``tests/test_cyrillic_scan.py`` checks the shapes against the patterns on every
string of up to three characters, one code point of each kind.
"""

from __future__ import annotations

import re
from re import _constants as sre
from re import _parser

from .gate import RARE_PAIRS, SUSPICIOUS, worth_judging

GATE = (SUSPICIOUS, RARE_PAIRS)
# What names no character: anchors, and the structure around the characters.
_NAMING_NONE = (sre.AT, sre.BRANCH, sre.SUBPATTERN, sre.MIN_REPEAT, sre.MAX_REPEAT, sre.ASSERT, sre.ASSERT_NOT)


def characters(pattern: re.Pattern) -> frozenset:
    """Every character ``pattern`` names in a literal or a class, its lookarounds' too.

    A construct that matches characters it does not name (``\\w``, ``.``, a
    negated class) makes the import fail: the scan could not find them.
    """
    found: set = set()

    def walk(items) -> None:
        for op, argument in items:
            if op is sre.LITERAL:
                found.add(chr(argument))
            elif op is sre.IN:
                walk(argument)
            elif op is sre.RANGE:
                found.update(map(chr, range(argument[0], argument[1] + 1)))
            elif op not in _NAMING_NONE:
                raise TypeError(f"the Cyrillic gate matches characters it does not name ({op})")
            elif op is sre.BRANCH:
                for branch in argument[1]:
                    walk(branch)
            elif op is not sre.AT:  # a group, a repeat or a lookaround: the pattern inside is last
                walk(argument[-1])

    walk(_parser.parse(pattern.pattern, pattern.flags))
    return frozenset(found)


GATE_CHARACTERS = frozenset().union(*map(characters, GATE))
_LENGTHS = {character: len(character.encode("utf-8")) for character in GATE_CHARACTERS}
if max(_LENGTHS.values()) > 3:
    raise TypeError("the Cyrillic gate names a character four bytes long in UTF-8: scan has no shape for it")
LOUD = bytes(sorted({c.encode("utf-8")[0] for c, length in _LENGTHS.items() if length == 2}))
QUIET = bytes(sorted({c.encode("utf-8")[0] for c, length in _LENGTHS.items() if length == 3}))
MARKER = b"\xc0"
MARKED = bytes.maketrans(LOUD + QUIET, MARKER * len(LOUD + QUIET))
# A loud character (a marked lead and one continuation byte), or a quiet one (two)
# followed by any marked character or by a space and a digit.
SHAPE = re.compile(MARKER + rb"(?:[\x80-\xbf](?![\x80-\xbf])|[\x80-\xbf]{2}(?:" + MARKER + rb"| [0-9]))")


def shapes_among(characters: str) -> str:
    """A pattern for ``str`` that matches right after a character of
    ``characters`` (it looks behind) where ``SHAPE`` would find a shape starting
    there, in a text whose characters outside ASCII are all among ``characters``.

    Such a text needs no encoding, translating and searching as bytes: a
    loud character is a shape, a quiet one is when a marked character or a
    space and a digit follow, any other character is never marked.

    >>> shapes_among("«’")
    '(?<=[«])|(?<=[’])(?=[«’]| [0-9])'
    """
    encoded = {character: character.encode("utf-8", "surrogatepass") for character in characters}
    loud = "".join(c for c, data in encoded.items() if len(data) == 2 and data[0] in LOUD)
    quiet = "".join(c for c, data in encoded.items() if len(data) == 3 and data[0] in QUIET)
    found = [f"(?<=[{re.escape(loud)}])"] if loud else []
    if quiet:
        found.append(f"(?<=[{re.escape(quiet)}])(?=[{re.escape(loud + quiet)}]| [0-9])")
    return "|".join(found) or "(?!)"


# Lines with a shape less than this many bytes apart are searched as one text:
# a search costs a call, as much as searching a few hundred characters.
MERGE = 1024


def lines_to_judge(text: str) -> list[tuple[int, str]]:
    """(number, line) of the lines of ``text`` (split at ``\\n``) that pass the gate
    (``gate.worth_judging``), in order, found without searching most of the text."""
    if text.isascii():
        return []
    data = text.encode("utf-8", "surrogatepass")
    marked = data.translate(MARKED)
    shape = SHAPE.search(marked)
    found: list[tuple[int, str]] = []
    number, counted = 1, 0  # the number of the line at byte ``counted``
    while shape is not None:
        start = marked.rfind(b"\n", 0, shape.start()) + 1
        end = marked.find(b"\n", shape.end())
        # The chunk: the lines with a shape, and the lines between two less than MERGE apart.
        while end >= 0:
            shape = SHAPE.search(marked, end)
            if shape is None or shape.start() - end > MERGE:
                break
            end = marked.find(b"\n", max(shape.end(), end + MERGE))  # MERGE on at least: dense text is one chunk
        else:
            shape, end = None, len(marked)
        number += marked.count(b"\n", counted, start)
        counted = start
        found += [(number + offset, line) for offset, line in _judged_lines(data[start:end])]
    return found


# The pipeline's next round meets a document's chunks again, and the pages of
# one site their chrome: a chunk judged once is not searched again. The memo
# holds about SEEN_LIMIT bytes of chunks, then starts afresh.
SEEN_LIMIT = 2**20
_seen: dict[bytes, tuple] = {}
_seen_bytes = 0


def _judged_lines(chunk: bytes) -> tuple:
    """(offset, line) of each line of ``chunk`` that passes the gate.

    The lines the gate's patterns match are found searching the whole chunk: no
    match spans a line break, and every lookbehind looks at a character of the
    match, so a line holds a match within the chunk exactly when it holds one alone.
    """
    global _seen, _seen_bytes
    found = _seen.get(chunk)
    if found is not None:
        return found
    text = chunk.decode("utf-8", "surrogatepass")
    starts = set()
    for pattern in GATE:
        match = pattern.search(text)
        while match is not None:
            starts.add(text.rfind("\n", 0, match.start()) + 1)
            end = text.find("\n", match.end())
            match = None if end < 0 else pattern.search(text, end)
    lines, offset, counted = [], 0, 0
    for start in sorted(starts):
        offset += text.count("\n", counted, start)
        counted = start
        end = text.find("\n", start)
        line = text[start:] if end < 0 else text[start:end]
        if worth_judging(line):
            lines.append((offset, line))
    if _seen_bytes > SEEN_LIMIT:
        _seen, _seen_bytes = {}, 0
    found = _seen[chunk] = tuple(lines)
    _seen_bytes += len(chunk)
    return found


def forget() -> None:
    """Empty the memo of chunks."""
    global _seen, _seen_bytes
    _seen, _seen_bytes = {}, 0
