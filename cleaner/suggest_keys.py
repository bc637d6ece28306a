"""How ``suggest``'s miner tells lines apart, and the regex that finds a learned line again.

Lines are compared as CCNet compares them: case, digits, punctuation and
spaces folded. A dated line is compared with its date masked too: the site's
"Posted: 2:51 pm" and "Posted: 11:48 am", "| Last Updated: Thursday, 13
October 2005 |" and "| Last Updated: Friday, 2 September 2005 |" are one line
of its template, whose date changes from page to page. Whether such a line is
chrome is ``suggest``'s to judge (a dateline opens the article's prose and
stays); here it is only counted as one.
"""

from __future__ import annotations

import hashlib
from typing import Optional

import regex

from .shapes import LETTER, is_dated, is_prose, line_key

DIGIT = regex.compile(r"\d")
# One C-level pass: the per-character Python loop it replaces was over a third
# of the CPU of `dump --learn`'s mining pass.
PUNCTUATION = regex.compile(r"\p{P}+")
MONTHS = "january february march april may june july august september october november december"
MONTHS_SHORT = "jan feb mar apr jun jul aug sep sept oct nov dec"
DAYS = "monday tuesday wednesday thursday friday saturday sunday mon tue tues wed thu thur thurs fri sat sun"
# the names a date is written with, longest first, so that a regex prefers "march" to "mar"
DATE_NAMES = "|".join(sorted({*MONTHS.split(), *MONTHS_SHORT.split(), *DAYS.split()}, key=lambda w: (-len(w), w)))
# what changes in a date from page to page, in a line as normalised (digits are zeros, no dots)
DATE_PART = regex.compile(rf"0+|\b(?:{DATE_NAMES})\b|(?:(?<=0)|\b)[ap]m\b")
# and in a line as written, for the rule's regex: the regex each part becomes
DIGIT_RUN = regex.compile(r"\d+")
TIME_OF_DAY = r"[ap]\.?m\.?"
WRITTEN_DATE_PART = regex.compile(
    rf"(?P<number>\d+)|(?P<name>\b(?:{DATE_NAMES})\b)|(?P<time>(?:(?<=\d)|\b){TIME_OF_DAY}(?!\w))", regex.IGNORECASE
)
# any month's or weekday's name, as the first three letters tell them
NAME = "(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec|mon|tue|wed|thu|fri|sat|sun)[a-z]*"
AS_REGEX = {"number": r"\d+", "name": NAME, "time": TIME_OF_DAY}


def normalise(line: str) -> str:
    """The line as CCNet compares lines: lower case, digits as 0, no
    punctuation, single spaces.

    >>> normalise("  Read MORE (12 comments)! ")
    'read more 00 comments'
    """
    return " ".join(_folded(line).split())


def normalised(lines: list) -> list:
    """``normalise`` of each of a document's ``lines`` (stripped, without line
    breaks), in one pass of each regex over the document.

    >>> normalised(["Read MORE (12 comments)!", "Home", "— 3 —"])
    ['read more 00 comments', 'home', '0']
    """
    folded = _folded("\n".join(lines))  # no line break folds or goes
    return [" ".join(line.split()) for line in folded.split("\n")] if lines else []


def _folded(text: str) -> str:
    """``text`` in lower case, digits as 0, without punctuation (its spacing as it was)."""
    return PUNCTUATION.sub("", DIGIT.sub("0", text.casefold()))


def commonest(forms: dict) -> str:
    """The form of a line seen most often (the first seen, of equals).

    >>> commonest({"Home": 2, "HOME": 3, "home": 3})
    'HOME'
    """
    return max(forms, key=forms.__getitem__)


def compared(line: str, normal: str, prose: Optional[bool] = None) -> str:
    """What the miner counts ``line`` (normalised: ``normal``) as: the
    normalised line, and a short dated line's numbers, months, weekdays and
    "am" or "pm" masked.

    >>> compared("Posted: 2:51 pm", "posted 000 pm"), compared("Last updated: 11:48 AM", "last updated 0000 am")
    ('posted # #', 'last updated # #')
    >>> compared("May 2021: you may reply", "may 0000 you may reply")  # no day: not dated
    'may 0000 you may reply'
    """
    # most lines hold no digit, without which no date is masked, and a paragraph's dates are
    # its own (no template line): the dates regex need not run on them
    prose = is_prose(line) if prose is None else prose  # the miner knows it already
    return DATE_PART.sub("#", normal) if "0" in normal and not prose and is_dated(line) else normal


def labels_date(line: str) -> bool:
    """Does a dated line hold words besides its date ("Posted:", "Last updated")?

    >>> labels_date("Posted: 2:51 pm"), labels_date("- 28 March 2017"), labels_date("Monday, May 21, 2007")
    (True, False, False)
    """
    return LETTER.search(DATE_PART.sub("", normalise(line))) is not None


def digest(text: str) -> bytes:
    """The 8 bytes the miner's table keeps of a line as ``compared`` it."""
    return hashlib.blake2b(text.encode("utf-8"), digest_size=8).digest()


def generalised(line: str) -> str:
    """A regex for ``line`` (escaped) with its numbers as ``\\d+`` and, when it
    is dated, the names of its months and weekdays as any month's or
    weekday's and "pm" as "am" too: the regex of a line seen with other
    numbers or dates (the forms it matches need ``IGNORECASE``).

    >>> print(generalised("Posted: 2:51 p.m."))
    Posted:\\ \\d+:\\d+\\ [ap]\\.?m\\.?
    >>> print(generalised("12 comments"))
    \\d+\\ comments
    """
    dated = is_dated(line)
    parts, start = [], 0
    for found in (WRITTEN_DATE_PART if dated else DIGIT_RUN).finditer(line):
        parts += [regex.escape(line[start : found.start()]), AS_REGEX[found.lastgroup or "number"]]
        start = found.end()
    return "".join(parts) + regex.escape(line[start:])


def line_rule(candidate, seen) -> dict:
    """The draft rule of a learned line (a ``suggest.Candidate``, ``seen`` as the
    miner counted it): its forms, or the regex of a line seen with other numbers
    or dates; near the edge it stood at, or anywhere."""
    # as line rules compare lines: a one-cell table row ("| Reprints |") by its cell
    forms = list(dict.fromkeys(line_key(form) for form in seen.forms))
    literal = regex.escape(line_key(candidate.line))
    pattern = generalised(line_key(candidate.line))  # "12 comments" and "3 comments" alike, and dates
    # a line seen with one number only ("400 Richest" in a menu) is that line: a regex costs each line a call
    varies = len(forms) > 1 and pattern != literal
    if varies and all(regex.fullmatch(pattern, form, regex.IGNORECASE) for form in forms):
        match: dict[str, object] = {"patterns": [pattern]}
        # the forms differ in case too, or the dates' names and "am" may ("PM", "MARCH")
        if is_dated(candidate.line) or not all(regex.fullmatch(pattern, form) for form in forms):
            match["ignore-case"] = True
    else:
        match = {"lines": forms}  # every form seen, as it was
    where = "head" if candidate.head >= 0.9 else "tail" if candidate.tail >= 0.9 else "anywhere"
    placement: dict[str, object] = {"where": where}
    if where != "anywhere":
        placement["within"] = 1 + (seen.deepest_head if where == "head" else seen.deepest_tail)
    site = f" on {candidate.site}" if candidate.site else ""
    return {
        "kind": "drop-line",
        "description": (
            f"Suggested: in {candidate.docs} documents{site} ({candidate.share:.0%}), "
            f"{candidate.head:.0%} at the head, {candidate.tail:.0%} at the tail. Review before use."
        ),
        **match,
        **placement,
        # outputs are filled in by draft(); the last example shows the rule's scope:
        # the same words inside a sentence stay
        "examples": [{"input": example} for example in seen.examples]
        + [{"input": f"Readers saw “{line_key(candidate.line)}” in a sentence, which stays."}],
    }
