"""The code pages the Cyrillic repair knows: which pairs it tries and how a word is re-read.

KOI8 is decoded as KOI8-U, which is KOI8-R with і ї є ґ in place of eight
box-drawing characters: Russian text decodes the same, Ukrainian text decodes
right, and box drawing does not occur in news. The note says ``koi8-r`` when
both decode alike. Belarusian ў has no byte in KOI8-R or KOI8-U (only in the
rare KOI8-RU), so Belarusian text cannot have been KOI8.
"""

from __future__ import annotations

import ftfy.bad_codecs  # noqa: F401  registers the sloppy-windows-125x codecs

LOWER = "абвгдеёжзийклмнопрстуфхцчшщъыьэюяіїєґў"
UPPER = LOWER.upper()

# (page the text was written in, page it was read as), tried in this order.
PAIRS = (
    ("cp1251", "latin-1"),  # or cp1252: one reader, see READ_AS
    ("koi8-r", "cp1251"),
    ("cp1251", "koi8-r"),
    ("cp866", "cp1251"),
    ("cp866", "latin-1"),
    ("mac-cyrillic", "cp1251"),
)
WRITTEN_IN = {"cp1251": "cp1251", "koi8-r": "koi8_u", "cp866": "cp866", "mac-cyrillic": "mac_cyrillic"}
# Browsers and Windows read the bytes cp1251 and cp1252 leave undefined as
# Latin-1 does; ftfy's sloppy codecs do the same, so they encode back.
# Latin-1 and cp1252 differ only in 0x80-0x9F (C1 controls or punctuation), and
# a line may hold both after other repairs: a word is tried in each.
READ_AS = {
    "latin-1": ("latin-1", "sloppy-windows-1252"),
    "cp1251": ("sloppy-windows-1251",),
    "koi8-r": ("koi8_r", "koi8_u"),
}
CP1252_ONLY = set(bytes(range(0x80, 0xA0)).decode("cp1252", errors="ignore"))


def reread(word: str, written_in: str, read_as: str) -> str | None:
    """``word`` encoded in the page it was read as and decoded in the one it was written in."""
    for codec in READ_AS[read_as]:
        try:
            return word.encode(codec).decode(WRITTEN_IN[written_in])
        except UnicodeError:
            continue
    return None


def mojibake_characters() -> str:
    """Every character the pairs make of a Cyrillic letter, but a correct lowercase letter."""
    made: set[str] = set()
    for written_in, read_as in PAIRS:
        for letter in LOWER + UPPER:
            try:
                raw = letter.encode(WRITTEN_IN[written_in])
            except UnicodeEncodeError:
                continue
            for codec in READ_AS[read_as]:
                made.update(raw.decode(codec, errors="ignore"))
    return "".join(sorted(made - set(LOWER) - {chr(c) for c in range(128)}))


def note(line: str, fixed: str, written_in: str, read_as: str) -> str:
    """What ``explain`` says of the repair: ``cp1251 read as latin-1``."""
    if written_in == "koi8-r" and any(c in "іїєґІЇЄҐ" for c in fixed):
        written_in = "koi8-u"  # the letters KOI8-R lacks
    if read_as == "latin-1" and any(c in CP1252_ONLY for c in line):
        read_as = "cp1252"
    return f"{written_in} read as {read_as}"
