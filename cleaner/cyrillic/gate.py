"""The Cyrillic repair's cheap tests: which text is worth re-reading at all.

Most text holds no Cyrillic mojibake, and scoring a line in six code-page pairs
is far dearer than scanning it, so every document is scanned first.
"""

from __future__ import annotations

import re

import regex

from .model import counts
from .pages import LOWER, UPPER, mojibake_characters

MOJIBAKE = mojibake_characters()
_SYMBOLS = "".join(c for c in MOJIBAKE if c not in UPPER)
# MacCyrillic's capitals that are words of their own (В, С, У; Ukrainian І, З),
# read as cp1251: a symbol standing alone before lowercase text ("‚ этом году").
_ONE_LETTER_WORDS = "".join(
    c for c in "АВЖЗИЙКОСУЯІ".encode("mac_cyrillic").decode("sloppy-windows-1251") if c not in UPPER
)
# The cheap test: two mojibake characters in a row (Ïð, рТ's ТЕ), an uppercase
# letter after a lowercase one (рТ), a symbol before a lowercase letter (Џр), or
# one of those words before a lowercase one or a number; or ґ in a word, which
# is rare in Ukrainian but is і from MacCyrillic read as cp1251.
# It scans every document, so it is written for speed: the standard library's
# re, not regex, and one character class first (re then skips ahead to it);
# the lookbehinds say which second character each first one needs. Five times
# faster than the plain alternation, thirty times faster than with regex.
SUSPICIOUS = re.compile(
    f"[{re.escape(MOJIBAKE)}{LOWER}]"
    f"(?:(?<=[{re.escape(MOJIBAKE)}])[{re.escape(MOJIBAKE)}]|(?<=[{LOWER}])[{UPPER}ґ]|(?<=[{re.escape(_SYMBOLS)}ґ])[{LOWER}]"
    f"|(?<=[{re.escape(_ONE_LETTER_WORDS)}]) [{LOWER}0-9])"
)


# Fewer than this many in a million bigrams of real text: a rare letter pair.
RARE = 50


def _rare_pairs() -> str:
    """A pattern for a lowercase letter followed by one real text seldom puts after it."""
    counted = counts()
    after = {first: "".join(second for second in LOWER if counted.get(first + second, 0) < RARE) for first in LOWER}
    return "|".join(f"{first}(?=[{seconds}])" for first, seconds in after.items() if seconds)


# KOI8 and cp1251 swap the cases of Cyrillic letters, so all-capital text read
# in the other page is plain lowercase Cyrillic (``уфтщн`` is KOI8's СТРЫМ in
# cp1251): no mojibake character, no case swap. It is a word holding two rare
# letter pairs (here фт and тщ), which correct text seldom has (RARE set on the
# tuning text: 98% of its Russian lines, 91-92% of the Ukrainian and 80-91% of
# the Belarusian, put in capitals and read in the other page, are caught, and
# 21 of its 3,123 correct lines; correct text let through costs only time).
RARE_PAIRS = re.compile(f"(?:{_rare_pairs()})[{LOWER}]*?(?:{_rare_pairs()})")


def suspicious(text: str) -> bool:
    """The cheap test: whether ``text`` may hold Cyrillic mojibake at all."""
    return SUSPICIOUS.search(text) is not None or RARE_PAIRS.search(text) is not None


class _AsBytes(dict):
    def __missing__(self, code: int) -> str:
        return " "


# Characters as the Latin-1 or cp1252 byte they were read from; the rest as a space.
AS_BYTES = _AsBytes({code: code for code in range(0x100)})
AS_BYTES.update({ord(bytes([b]).decode("sloppy-windows-1252")): b for b in range(0x80, 0xA0)})


# A UTF-8 sequence of two bytes or more starts with a lead byte C2 to F4, which
# Latin-1 and cp1252 read as Â to ô (cp1252's own characters are bytes 80 to 9F):
# a line holding none reads back as ASCII or not as UTF-8. Lines of Cyrillic
# (each of whose letters is a Python call of ``_AsBytes.__missing__`` when read
# back) are answered at once.
_UTF8_LEAD = re.compile("[\xc2-\xf4]")


def is_utf8_read_as_cp1252(line: str) -> bool:
    """UTF-8 mojibake ("Ã©", "â\x80\x9c"): ftfy's to repair, and not worth scoring here.

    Read back as bytes (Latin-1 or cp1252; other characters as spaces), the line
    is valid UTF-8. Cyrillic letters are bytes 0xC0-0xFF in cp1251, and two of
    them in a row are never UTF-8, so cp1251 mojibake never passes.

    >>> is_utf8_read_as_cp1252("said â\x80\x9cnoâ\x80\x9d"), is_utf8_read_as_cp1252("Ïðåçèäåíò")
    (True, False)
    """
    if _UTF8_LEAD.search(line) is None:
        return False
    try:
        return not line.translate(AS_BYTES).encode("latin-1").decode("utf-8").isascii()
    except UnicodeError:
        return False


# A line of Latin-alphabet prose ("für", "économistes", "beschließen": an
# accented letter next to an ASCII one, but i, which Ukrainian and Belarusian
# writers type for і) is read as Cyrillic only where it holds a word of
# LONG_WORD Cyrillic letters in a row: a short word there is typography
# ("«\xa0à" is cp866 "лар", "…." is "Е.", "\xa0›\xa0" is MacCyrillic "†Ы†"),
# not a broken Cyrillic word. Mojibake of Cyrillic text has no such word: its
# letters are all accented ones, or all Cyrillic.
LONG_WORD = 5
_ACCENTED = "".join(c for c in MOJIBAKE if regex.match(r"\p{Latin}", c))
LATIN_PROSE = re.compile(f"[A-HJ-Za-hj-z][{_ACCENTED}]|[{_ACCENTED}][A-HJ-Za-hj-z]")
# What a word of LONG_WORD Cyrillic letters in a row is read as: that many
# characters some page makes a Cyrillic letter of (or Latin i, for і).
_MAY_BE_LONG_WORD = re.compile(f"[{re.escape(MOJIBAKE)}{LOWER}{UPPER}iI]{{{LONG_WORD}}}")


def worth_judging(line: str) -> bool:
    """Whether ``line`` may hold Cyrillic mojibake that the decision could repair.

    >>> worth_judging("Ïðåçèäåíò"), worth_judging("Die Außenbeauftragte, gemäß Süden …….Die")
    (True, False)
    """
    return (
        suspicious(line)
        and not is_utf8_read_as_cp1252(line)
        and (LATIN_PROSE.search(line) is None or _MAY_BE_LONG_WORD.search(line) is not None)
    )
