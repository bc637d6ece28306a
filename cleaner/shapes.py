"""The shapes of lines: prose, chrome-like, menu items. Rules and ``suggest``
judge a line's shape here, so that they agree on what can be prose.

>>> is_prose("The minister said the talks would resume in the spring of next year.")
True
>>> is_chrome_shaped("Related Articles"), is_chrome_shaped("Subscribe to our newsletter")
(True, True)
>>> is_menu_item("World News", 3), is_menu_item("Terms of Use", 3), is_menu_item("В мире", 3)
(True, True, True)
>>> is_menu_item("200 g Zucker", 3), is_menu_item("Read this.", 3), is_menu_item("Roses are red", 3)
(False, False, False)
>>> is_dated("Published March 3, 2021"), is_dated("12.05.2023 14:30"), is_dated("MOSCOW —")
(True, True, True)
>>> is_dated("Москва, 12 мая"), is_dated("Follow us on Twitter"), is_dated("© 2021 Daily Courier")
(True, False, False)
>>> is_dated("Read more —"), is_dated("May 2021"), is_dated("Mayday 2"), is_dated("3rd May")
(False, False, False, True)
>>> is_link_like("Amazon posts first jobs for new Virginia headquarters"), is_link_like("► February (5)")
(True, True)
>>> is_link_like("'American Idol' Finale: Jordin vs. Blake"), is_link_like("„Red levens“ – Leben retten")
(True, True)
>>> is_link_like("← Ältere Beiträge"), is_link_like("“Hope” is the thing with feathers"), is_link_like("„ja“, sagte er")
(True, True, False)
>>> is_link_like("-Real Estate"), is_link_like("- Wenn der Führende vorbeilaufen will"), is_link_like("-5 degrees")
(True, False, False)
>>> is_link_like("He said:"), is_link_like("70.2% European"), is_link_like("see also"), is_link_like("北七強的由來")
(False, False, False, False)
"""

from __future__ import annotations

import functools
import re

import regex


SPACE_RUN = regex.compile(r"(?<=\S) {2,}(?=\S)")  # tidying makes one space of it
# A table row of one cell, as extractors write a lone link in a layout table
# ("| Privacy Policy |", "|  | Member Services |  |": the empty cells are the
# layout's spacers): its cell is the line rules judge.
ONE_CELL = regex.compile(r"(?:\|\s*+)++([^|\s](?:[^|]*[^|\s])?)(?:\s*+\|)++")
MAX_CHROME_LENGTH = 100  # characters: longer lines are prose or a link title's teaser
MIN_SENTENCE_WORDS = 6
MAX_MENU_ITEM_LENGTH = 30
# A sentence: has a lower-case letter, ends with sentence punctuation (or a closing quote).
SENTENCE = regex.compile(r"^\P{Ll}?.*\p{Ll}.*[.!?…»”\"]$")
SENTENCE_END = regex.compile(r"[.!?…:;,]$")
# What the two above ask of a line without a newline, in ``str`` (``_sentence``, ``_ends_clause``): on
# the short lines of whole pages, SENTENCE's backtracking was a twentieth of cleaner's time.
SENTENCE_LAST = frozenset('.!?…»”"')
CLAUSE_LAST = frozenset(".!?…:;,")
LOWER = regex.compile(r"\p{Ll}")
LETTER = regex.compile(r"\p{L}")
UPPER_FIRST = regex.compile(r"^[\p{Lu}\p{Lt}]")
DIGIT = regex.compile(r"\d")
# A link's text: starts (after an arrow, as archive lists and "← Older posts" have, a hyphen
# right before it, as a menu's "-Real Estate" has, never a list's "- Item", or an
# opening quote, as a headline quoting a name does: "'American Idol' Finale …", "„Red
# levens“ – Leben retten") with a capital; a line of a
# script without case (Chinese, Japanese, Thai...) cannot show that, so it is none.
LINK_START = regex.compile(r"^[►▸»›←→>]*\s*(?:-(?=[\p{Lu}\p{Lt}])|['\"‘“„«‚‹]\s*)?[\p{Lu}\p{Lt}]")
CASELESS_LETTER = regex.compile(r"\p{Lo}")
# The printable ASCII characters LINK_START cannot start with: a str test spares its regex call
# for a line starting in lower case, with a digit or a sign. Read off LINK_START itself (each
# character it may start with may have a capital right after it), so that the two agree.
NO_LINK_START = frozenset(c for c in map(chr, range(0x21, 0x7F)) if LINK_START.match(c + "A") is None)
MAX_LINK_DIGITS = 4  # a year or a count ("► February 2021 (5)"); more is a table's row
# What ``_link_shaped`` asks of an ASCII line (most of a page's) without the regex module's dearer
# calls: a capital A-Z first is LINK_START's match, no ``\p{Lo}`` can be in it, and its only ``\d``
# are 0-9, which the standard ``re`` counts at a third of the cost.
ASCII_CAPITALS = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZ")
ASCII_DIGIT = re.compile("[0-9]")
# A day's date, a time, or a wire dateline: what recurs only within a day's
# documents. A month alone ("May 2021", an archive list) is not one.
MONTH = (
    r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?"
    r"|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\b\.?"
)
DATED = regex.compile(
    r"\b\d{1,4}[./-]\d{1,2}[./-]\d{1,4}\b|\b\d{1,2}:\d{2}\b"
    rf"|(?i:\b{MONTH}\s+\d{{1,2}}\b)|(?i:\b\d{{1,2}}(?:st|nd|rd|th)?\s+{MONTH})"
    r"|(?i:\b\d{1,2}\s+(?:январ|феврал|марта|апрел|ма[йя]|июн|июл|август|сентябр|октябр|ноябр|декабр))"
    r"|^\p{Lu}[\p{Lu} .,'-]+(?:\([^)]*\))?\s*[-—–]$"
)


def is_prose(line: str) -> bool:
    """A sentence of several words, or a line too long to be a label or a link title."""
    return len(line) > MAX_CHROME_LENGTH or _short_prose(line)


# Short lines whose shape is remembered: the line stage asks about the same
# lines of a whole page in each of its passes and rounds, and its menus and
# footers recur from page to page. Only lines of at most MAX_CHROME_LENGTH
# characters (or a rule's own ``max-length``) are kept: about a MB.
SHAPES_REMEMBERED = 2**13  # lines, per shape: a whole page has a few thousand


@functools.lru_cache(maxsize=SHAPES_REMEMBERED)
def _short_prose(line: str) -> bool:
    return len(line.split()) >= MIN_SENTENCE_WORDS and _sentence(line)


def _sentence(line: str) -> bool:
    """``SENTENCE.match``: without a newline, whose ``.`` it cannot cross, a line
    ending in a sentence's sign with a lower-case letter before it."""
    if "\n" in line:
        return SENTENCE.match(line) is not None
    return line[-1:] in SENTENCE_LAST and LOWER.search(line, 0, len(line) - 1) is not None


def _ends_clause(line: str) -> bool:
    """``SENTENCE_END.search``: without a newline (``$`` matches before a last one), the last character."""
    return SENTENCE_END.search(line) is not None if "\n" in line else line[-1:] in CLAUSE_LAST


def is_chrome_shaped(line: str) -> bool:
    """Could this line be chrome rather than prose, by its shape alone: short, with letters, no sentence."""
    return LETTER.search(line) is not None and not is_prose(line)


def is_dated(line: str) -> bool:
    """A dateline, a date or a time: a line that recurs only while its date
    does (a day's articles), never chrome to learn."""
    return DATED.search(line) is not None


def is_menu_item(line: str, max_words: int) -> bool:
    """A navigation label: a capitalised word or few (at most one in lower
    case, so a line of verse is none), no digits, no sentence punctuation."""
    words = line.split()
    return (
        len(line) <= MAX_MENU_ITEM_LENGTH
        and len(words) <= max_words
        and UPPER_FIRST.match(line) is not None
        and sum(not UPPER_FIRST.match(word) for word in words) <= 1
        and DIGIT.search(line) is None
        and not _ends_clause(line)
    )


def is_link_like(line: str, max_length: int = MAX_CHROME_LENGTH) -> bool:
    """The text of a link, as menus, headline lists and archive lists show them:
    a capitalised line of at most ``max_length`` characters that is not a sentence
    and does not end as a clause does (``:``, ``,``), with few digits (a table's
    rows and a recipe's amounts have more)."""
    return len(line) <= max_length and _link_shaped(line)


@functools.lru_cache(maxsize=SHAPES_REMEMBERED)
def _link_shaped(line: str) -> bool:
    return (
        line[:1] not in NO_LINK_START
        and not _ends_clause(line)
        and (line[:1] in ASCII_CAPITALS or LINK_START.match(line) is not None)
        and not is_prose(line)
        and (line.isascii() or CASELESS_LETTER.search(line) is None)
        and len((ASCII_DIGIT if line.isascii() else DIGIT).findall(line)) <= MAX_LINK_DIGITS
    )


def line_key(line: str) -> str:
    """The line as rules compare it: as tidying will leave it (stripped, a run
    of spaces as one), and a table row of one cell as its cell.

    >>> line_key("  Leave  a Reply "), line_key("| Privacy Policy |"), line_key("| Home | News |")
    ('Leave a Reply', 'Privacy Policy', '| Home | News |')
    >>> line_key("|  | Member Services |  |"), line_key("| | |")
    ('Member Services', '| | |')
    """
    stripped = line.strip()
    key = SPACE_RUN.sub(" ", stripped) if "  " in stripped else stripped
    cell = ONE_CELL.fullmatch(key) if key.startswith("|") else None
    return cell.group(1) if cell else key


def line_keys(lines: list[str]) -> list[str]:
    """``line_key`` of each of ``lines``, a document's: most need only stripping.

    >>> line_keys([" Home ", "Leave  a Reply", "| Privacy Policy |", ""])
    ['Home', 'Leave a Reply', 'Privacy Policy', '']
    """
    stripped = [line.strip() for line in lines]
    return [line_key(line) if "  " in line or line[:1] == "|" else line for line in stripped]
