"""The Unicode repair stage: mojibake, invisible characters, odd spaces.

Runs of spaces between words become single here too, not only when
whitespace is tidied at the end: a rule written with one space ("News agency
Inforos") must match before a later run would find it.

ftfy repairs mojibake, but its defaults also straighten curly quotes and fold
full-width characters, which would alter correct text in nearly every English
or Japanese article. ``FTFY_CONFIG`` keeps only the repairs of broken text.

>>> from cleaner.changes import NO_LOG
>>> repair("Lukashenkoâ€™s visit", NO_LOG)
'Lukashenko’s visit'
>>> repair("“Quoted” ｆｕｌｌ　ｗｉｄｔｈ", NO_LOG)
'“Quoted” ｆｕｌｌ\\u3000ｗｉｄｔｈ'
>>> repair("soft\\u00adhyphen and\\u00a0NBSP", NO_LOG)
'softhyphen and NBSP'
"""

from __future__ import annotations

import re

import ftfy
import ftfy.chardata
import ftfy.fixes
import regex

from . import cyrillic
from .badness_gate import may_be_bad
from .changes import NO_LOG, ChangeLog
from .cyrillic import scan
from .shapes import SPACE_RUN

FTFY_CONFIG = ftfy.TextFixerConfig(
    fix_latin_ligatures=False,  # 'ﬁ' is typography, not damage
    fix_character_width=False,  # full-width forms are correct CJK text
    uncurl_quotes=False,  # curly quotes are correct English text (opt-in: --straight-quotes)
    fix_line_breaks=False,  # done once for the whole text, before splitting into lines
    normalization=None,  # NFC would rewrite CJK compatibility ideographs
)

# A line made only of tab, printable ASCII but '&' (HTML entities) and common
# typography needs no repair, so ftfy (the slowest stage) never sees most lines
# of English news. This is safe: decoded with any of ftfy's legacy encodings,
# every UTF-8 sequence gives a character outside this set (for cp1252, latin-1,
# cp1251 and the others the lead byte is a letter or symbol; for MacRoman,
# whose lead bytes include curly quotes, every continuation byte is), as an
# exhaustive test over all code points shows. Every other ftfy repair (HTML
# entities, escapes, control characters, surrogates) needs a character outside
# the set too, and so do the invisible characters and odd spaces below.
ASCII_SAFE = "\t\x20-\x25\x27-\x7e"
TYPOGRAPHY = "‘’“”–—…«»"
SAFE = ASCII_SAFE + TYPOGRAPHY
# The standard library's re, not regex: searching a document with this class
# took a fifth of the time (0.05 s against 0.23 s for the 6,802 calls of a
# cleaning of the benchmark dump).
NEEDS_REPAIR = re.compile(f"[^{SAFE}]")
# The same for a whole text: most documents of English news need no line repaired.
TEXT_NEEDS_REPAIR = re.compile(f"[^\n{SAFE}]")
# One pass for both gates of the stage: a character outside SAFE, or typography
# the Cyrillic repair's byte scan takes for a shape (« and », or a quote, dash or
# ellipsis before another or before a space and a digit: "’”", "“ 5"). A
# document holding neither needs no line repaired and no line judged
# (``scan.shapes_among``): most documents of English news are decided here,
# their curly quotes aside, at the speed of one class over ASCII.
TEXT_NEEDS_A_LOOK = re.compile(f"[^\n{ASCII_SAFE}](?:(?<![{TYPOGRAPHY}])|{scan.shapes_among(TYPOGRAPHY)})")

# Past that gate, most lines are correct text in another script or with
# accents, which ftfy leaves as they are: with ``FTFY_CONFIG`` it changes a
# line only when the line holds a character one of its repairs acts on (``&``
# of an entity, C0 and C1 controls, the other characters it removes,
# surrogates; line breaks are split after it) or when its mojibake detector
# (``is_bad``, the first thing its encoding repair asks) finds something. Both
# are one scan of the line; ftfy's own call makes a dozen. A test holds the
# two to the same answers on generated and real text. The detector itself is
# asked only about lines holding a character it cannot match without
# (``badness_gate``): on most lines of accented or Cyrillic prose it is not.
FTFY_ACTS_ON = re.compile(
    "[&\x80-\x9f\ud800-\udfff\r\x0c\x85\u2028\u2029"
    + "".join(re.escape(chr(code)) for code in sorted(ftfy.chardata.CONTROL_CHARS))
    + "]"
)


def ftfy_may_change(line: str) -> bool:
    """False when ``ftfy.fix_and_explain(line, FTFY_CONFIG)`` returns the line as it is.

    >>> ftfy_may_change("Ελληνικά, café, Сообщите"), ftfy_may_change("cafÃ©"), ftfy_may_change("a &amp; b")
    (False, True, True)
    """
    return FTFY_ACTS_ON.search(line) is not None or may_be_bad(line)


# Invisible characters that carry nothing in news text. Zero-width (non-)joiners
# and bidi marks are kept: Persian, Indic scripts and emoji need them.
INVISIBLE = regex.compile("[\u200b\u2060\ufeff\u00ad]")
# Spaces that look like a space: NBSP, the typographic spaces, narrow NBSP.
# The ideographic space U+3000 is kept: it is correct CJK text.
ODD_SPACES = regex.compile("[\u00a0\u1680\u2000-\u200a\u202f\u205f]")
# Whether ``_plain_spaces_visible_characters`` has anything to do: most lines
# have none of it. One class, not an alternation: a class is one quick scan.
SPACING_TO_PLAIN = re.compile(f"[{INVISIBLE.pattern[1:-1]}{ODD_SPACES.pattern[1:-1]}]")


# Removing an invisible character can reveal mojibake it split, and repairing
# mojibake can reveal an NBSP: repeat until the line is stable (bounded, since
# each round only removes damage).
MAX_ROUNDS = 4


def repair(text: str, log: ChangeLog) -> str:
    """Repair each line that needs it; line breaks become ``\\n``."""
    # Before line breaks are unified: cp1251's "…" read as Latin-1 is U+0085, a line break.
    given = text
    may_need = TEXT_NEEDS_A_LOOK.search(text) is not None  # if not, neither gate finds anything
    if may_need:
        text = cyrillic.repair(text, log)
    cyrillic_left = text == given
    if (may_need and TEXT_NEEDS_REPAIR.search(text) is not None) or "  " in text:
        text = _repair_lines(ftfy.fixes.fix_line_breaks(text), log)
    # Again on what the repairs above made (C1 controls as cp1252, NBSP as space),
    # so that cleaning the result finds nothing more: idempotence. On the very
    # text the gate has just judged (and Cyrillic repair, if it ran, left as it
    # was), it would judge the same.
    if cyrillic_left and text == given:
        return text
    return cyrillic.repair(text, log)


def _repair_lines(text: str, log: ChangeLog) -> str:
    lines = text.split("\n")
    untouched = _untouched()
    for number, given in enumerate(lines, 1):
        if not NEEDS_REPAIR.search(given):
            if "  " in given:  # rules must see the spacing the output will have
                lines[number - 1] = _plain_spaces_visible_characters(given, number, log)
            continue
        if given in untouched.lines:
            continue
        line = given
        for _ in range(MAX_ROUNDS):
            line = _plain_spaces_visible_characters(line, number, log)
            if not ftfy_may_change(line):
                break
            fixed, steps = ftfy.fix_and_explain(line, FTFY_CONFIG)
            if fixed == line:
                break
            note = "; ".join(f"{action} {parameter}" for action, parameter in steps or ())
            log.line(number, "unicode.ftfy", line, fixed, note)
            line = fixed
        # A repaired character may be a line break (mojibake of U+2028): the
        # line becomes lines, as it would on the next run.
        lines[number - 1] = ftfy.fixes.fix_line_breaks(line)
        if line is given and lines[number - 1] == given:  # no step made a new line: none logged a change
            untouched.add(given)
    return "\n".join(lines)


class LineSet:
    """Lines of accented or non-Latin prose that the repair left as they were,
    and their size: the next round over the same document, and the next
    document of the same site, meet them again."""

    def __init__(self) -> None:
        self.lines: set[str] = set()
        self.characters = 0

    def add(self, line: str) -> None:
        self.lines.add(line)
        self.characters += len(line)


UNTOUCHED_LIMIT = 2**20  # characters remembered (a MB or two); then a new set starts
_remembered = LineSet()


def _untouched() -> LineSet:
    """The lines known to need no repair (a new set once it is full: a run
    under way in another thread keeps the one it has)."""
    global _remembered
    if _remembered.characters > UNTOUCHED_LIMIT:
        _remembered = LineSet()
    return _remembered


class UnicodeRepair:
    """The stage: ``repair``."""

    def apply(self, text: str, log: ChangeLog) -> str:
        return repair(text, log)


def _plain_spaces_visible_characters(line: str, number: int, log: ChangeLog) -> str:
    # Runs of spaces go too: the whitespace stage would make them single anyway,
    # and ftfy reads two spaces as a damaged NBSP, so what it repairs depends on them.
    if "  " not in line and not SPACING_TO_PLAIN.search(line):
        return line
    removed: list = []  # where the invisible characters stood: later changes are placed in the line as given
    for rule, pattern, replacement in (
        ("unicode.invisible", INVISIBLE, ""),  # first, so its matches stand where the line has them
        ("unicode.spaces", ODD_SPACES, " "),  # one character for one: nothing moves
        ("whitespace.spaces", SPACE_RUN, " "),
    ):
        for match in () if log is NO_LOG else pattern.finditer(line):  # (the positions only a log wants)
            codes = " ".join(f"U+{ord(c):04X}" for c in match.group())
            column = match.start()
            for index in removed:  # in order: each one taken out before this column moved it left
                column += index <= column
            log.line(number, rule, match.group(), replacement, codes, column=column + 1)
        if rule == "unicode.invisible" and log is not NO_LOG:
            removed = [match.start() for match in INVISIBLE.finditer(line)]
        line = pattern.sub(replacement, line)
    return line
