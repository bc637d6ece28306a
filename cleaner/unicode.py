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
from typing import Optional, Sequence

import ftfy
import ftfy.chardata
import ftfy.fixes
import regex

from . import cyrillic
from .badness_gate import may_be_bad
from .budget import BUDGET, Budget
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
    return _repair(text, log, None)[0]


def _repair(text: str, log: ChangeLog, left: Optional[Left]) -> tuple[str, Optional[Left]]:
    """``repair``, and the lines it left as they were (None: not known). Given
    ``left``, the lines an earlier repair left, only the other lines of the
    text are repaired (``Left``)."""
    # Before line breaks are unified: cp1251's "…" read as Latin-1 is U+0085, a line break.
    given = text
    may_need = TEXT_NEEDS_A_LOOK.search(text) is not None  # if not, neither gate finds anything
    if not may_need and "  " not in text:
        return text, Left(given, [])
    if left is not None:
        return _repair_unknown(text, log, left)
    changed: Optional[list[int]] = []  # the numbers of the lines of ``given`` a step changed
    if may_need:
        text = cyrillic.repair(text, log)
    cyrillic_left = text == given
    if not cyrillic_left:
        changed = _changed_lines(given, text)
    if (may_need and TEXT_NEEDS_REPAIR.search(text) is not None) or "  " in text:
        unified = ftfy.fixes.fix_line_breaks(text)
        if unified != text:  # its lines are no longer those of ``given``, number for number
            changed = None
        text = _repair_lines(unified, log, changed)
    known = None if changed is None else Left(given, changed)
    # Again on what the repairs above made (C1 controls as cp1252, NBSP as space),
    # so that cleaning the result finds nothing more: idempotence. On the very
    # text the gate has just judged (and Cyrillic repair, if it ran, left as it
    # was), it would judge the same.
    if cyrillic_left and text == given:
        return text, known
    return cyrillic.repair(text, log), known


def _repair_unknown(text: str, log: ChangeLog, left: Left) -> tuple[str, Optional[Left]]:
    """``_repair``, knowing that the lines in ``left`` come out as they are
    (``Left``): the others are repaired, in a text where each of those stands
    as a blank line, so that every change is logged at its line's number."""
    lines = text.split("\n")
    unknown = left.unknown(lines)
    if not unknown:
        return text, left
    if 2 * len(unknown) > len(lines):
        return _repair(text, log, None)
    blanked = [""] * len(lines)
    for index in unknown:
        blanked[index] = lines[index]
    repaired, _ = _repair("\n".join(blanked), log, None)
    out = repaired.split("\n")
    if len(out) != len(lines):  # a repaired line became lines: logged as in the text, which is repaired whole
        return _repair(text, NO_LOG, None)[0], None
    for index in unknown:
        lines[index] = out[index]
    return "\n".join(lines), left


def _changed_lines(given: str, text: str) -> Optional[list[int]]:
    """The numbers of the lines that differ, or None when a line became lines."""
    before, after = given.split("\n"), text.split("\n")
    if len(before) != len(after):
        return None
    return [number for number, (was, now) in enumerate(zip(before, after), 1) if was != now]


def _repair_lines(text: str, log: ChangeLog, changed: Optional[list[int]] = None) -> str:
    """Each line repaired; the number of each one a step changed is added to ``changed``."""
    lines = text.split("\n")
    untouched = _untouched()
    for number, given in enumerate(lines, 1):
        if not NEEDS_REPAIR.search(given):
            if "  " in given:  # rules must see the spacing the output will have
                lines[number - 1] = _plain_spaces_visible_characters(given, number, log)
                if changed is not None and lines[number - 1] != given:
                    changed.append(number)
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
        elif changed is not None:
            changed.append(number)
    return "\n".join(lines)


class Left:
    """The lines of a text that the repair left as they were, no step of it
    changing (nor logging) anything: ``given``'s lines but those ``changed``
    (their numbers).

    The repair is line-local on a text holding no line break but ``\\n``:
    each of its steps changes a line by what the line holds, never by its
    neighbours (the Cyrillic repair judges each line alone, ``scan`` finding
    the same lines in a chunk as alone; ftfy and the spaces go line by line;
    the gates over the whole text only spare it lines that no step would
    change). So a line it left in one text it leaves in any text, logging
    nothing, and a blank line is always left: the pipeline's next round over
    a document, which mostly dropped lines, repairs only the lines the rules
    changed. A text whose line breaks the repair unified gives no ``Left``.
    """

    def __init__(self, given: str, changed: Sequence[int]) -> None:
        self.given, self.changed = given, changed
        self.lines: Optional[set[str]] = None  # made when first asked

    def unknown(self, lines: list[str]) -> list[int]:
        """The indexes of ``lines`` that are not among these."""
        known = self.lines
        if known is None:
            given = self.given.split("\n")
            changed = set(self.changed)
            known = self.lines = {line for number, line in enumerate(given, 1) if number not in changed}
            known.add("")  # a blank line, which no step changes
        if known.issuperset(lines):
            return []
        return [index for index, line in enumerate(lines) if line not in known]


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
    """The stage: ``repair``. It remembers the lines its last repair left as
    they were (``Left``), and for which document (its regex budget, made for
    each): the pipeline's next round over the document, whose text mostly
    lost lines since, then repairs only the lines that are not among them. A
    run under way in another thread has another budget, and repairs all."""

    def __init__(self) -> None:
        self.left: tuple[Optional[Budget], Optional[Left]] = (None, None)

    def apply(self, text: str, log: ChangeLog) -> str:
        document = BUDGET.get()
        of, left = self.left
        text, left = _repair(text, log, left if document is not None and of is document else None)
        self.left = (document, left)
        return text


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
