"""The whitespace stage: the text's layout made tidy, its content untouched.

>>> from cleaner.changes import NO_LOG
>>> tidy("\\n\\nTitle\\n\\nTitle\\n\\n\\nBody  text.  \\n\\n", NO_LOG)
'Title\\n\\nBody text.'
>>> tidy("Links\\n・Samsung Mobile Press\\n・Samsung Mobile Press", NO_LOG)
'Links\\n・Samsung Mobile Press\\n・Samsung Mobile Press'

Indentation is kept. The result has no final newline: whether to end with one
is the caller's decision (the pipeline keeps the input's).
"""

from __future__ import annotations

from typing import Optional

import regex

from .changes import ChangeLog
from .shapes import SPACE_RUN, is_prose

TRAILING_SPACE = regex.compile(r"[ \t]+$")


class Whitespace:
    """The stage: ``tidy``. It remembers the last text it tidied: the
    pipeline's next round over a document, when the stages before it changed
    nothing, hands it that text again, which tidying leaves as it is.

    ``tidy`` is idempotent: its spaces leave no trailing space and no run
    between two characters that a second pass would find (trailing ones go
    first; a run is made one space only between two non-spaces); a line it
    keeps is no debris repeat of the kept line before it, and a second pass
    compares each kept line with that same line, the first line staying
    first; and it leaves no blank line at either end nor two in a row. So
    a text it returned is one it returns unchanged, in any document (a
    thread's text tidied last serves another as well), logging nothing but
    for the empty text: its one blank line is logged as gone, and still is.
    """

    def __init__(self) -> None:
        self.tidied: Optional[str] = None

    def apply(self, text: str, log: ChangeLog) -> str:
        if text and text == self.tidied:
            return text
        text = self.tidied = tidy(text, log)
        return text


def tidy(text: str, log: ChangeLog) -> str:
    out: list = []  # (line number, tidied line)
    last_text_line = first = None  # index in out of the last non-blank line, of the first
    for number, line in enumerate(text.split("\n"), 1):
        tidied = line
        if "  " in line or line.endswith((" ", "\t")):  # cheap test first: most lines are tidy
            tidied = SPACE_RUN.sub(" ", TRAILING_SPACE.sub("", line))
            if tidied != line:
                log.line(number, "whitespace.spaces", line, tidied)
        if not tidied:
            out.append((number, tidied))
            continue
        if last_text_line is not None and out[last_text_line][1] == tidied and _debris(tidied, last_text_line == first):
            log.line(number, "whitespace.repeated-line", line, "")
            del out[last_text_line + 1 :]  # the blank lines between the copies go too
            continue
        last_text_line = len(out)
        first = len(out) if first is None else first
        out.append((number, tidied))
    return _single_blank_lines(out, log)


def _debris(line: str, repeats_first: bool) -> bool:
    """Is a line repeating the line before debris: the title printed again (a
    copy of the first line), or a paragraph twice? Other short lines repeat in
    real text: list items (two links of one name, ``・Samsung Mobile Press``),
    table cells, lines of code.

    >>> _debris("Results", True), _debris("Results", False), _debris("He said so twice, and he meant it.", False)
    (True, False, True)
    """
    return repeats_first or is_prose(line)


def _single_blank_lines(lines: list, log: ChangeLog) -> str:
    """No blank lines at either end, at most one between paragraphs."""
    kept: list = []
    for number, line in lines:
        if line or (kept and kept[-1][1]):
            kept.append((number, line))
        else:
            log.line(number, "whitespace.blank-lines", line, "")
    while kept and not kept[-1][1]:
        log.line(kept.pop()[0], "whitespace.blank-lines", "", "")
    return "\n".join(line for _, line in kept)
