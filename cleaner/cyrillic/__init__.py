"""Stage 1, Cyrillic repair: text in one Cyrillic code page read as another.

ftfy repairs UTF-8 read in the wrong code page, not one single-byte page read
as another, which is the common mojibake of Russian, Ukrainian and Belarusian
news: cp1251 read as Latin-1 (``Ïðåçèäåíò``), KOI8 read as cp1251
(``рТЕЪЙДЕОФ``) and the reverse, CP866 read as cp1251 or Latin-1, MacCyrillic
read as cp1251. Each candidate is the text encoded in the page it was read as
and decoded in the page it was written in; it is kept only when a letter-bigram
model of real Russian, Ukrainian and Belarusian text finds it far more
plausible than the text as it is.

One job a module: ``pages`` (the code-page pairs, re-reading a word),
``scan`` (which lines of a document the gate must test), ``gate`` (the
cheap tests that keep most text from being scored), ``model``
(the bigram model), ``decide`` (which re-reading of a line's runs of words to keep).

>>> from cleaner.changes import NO_LOG
>>> repair("Ïðåçèäåíò Áåëàðóñè", NO_LOG)
'Президент Беларуси'
>>> repair("Visit of рТЕЪЙДЕОФ тПУУЙЙ to Minsk", NO_LOG)
'Visit of Президент России to Minsk'
>>> repair("Ïñigo, Þórður, Ça va très bien", NO_LOG)
'Ïñigo, Þórður, Ça va très bien'
"""

from __future__ import annotations

from functools import lru_cache

from ..changes import ChangeLog
from .decide import repair_line
from .pages import PAIRS, READ_AS, WRITTEN_IN
from . import scan
from .scan import lines_to_judge

__all__ = ["PAIRS", "READ_AS", "WRITTEN_IN", "forget", "repair"]


def repair(text: str, log: ChangeLog) -> str:
    """Repair each line of ``text`` (split at ``\\n`` only) that holds Cyrillic mojibake.

    Only the lines that pass the gate are judged, and ``scan`` finds them: most
    documents are read as bytes and searched no further.
    """
    fixes = []
    for number, line in lines_to_judge(text):
        fixed, note = _judged(line)
        if fixed != line:
            fixes.append((number, line, fixed, note))
    if not fixes:
        return text
    lines = text.split("\n")
    for number, line, fixed, note in fixes:
        log.line(number, "unicode.cyrillic", line, fixed, note)
        lines[number - 1] = fixed
    return "\n".join(lines)


# Each round of the pipeline runs this stage again (and the Unicode stage
# twice when ftfy changed something), on lines mostly as they were; pages of
# one site repeat their lines. A line judged once is not judged again.
@lru_cache(maxsize=4096)
def _judged(line: str) -> tuple[str, str]:
    return repair_line(line)


def forget() -> None:
    """Empty the memos of judged lines and searched chunks (for benchmarks that clean the same text again)."""
    _judged.cache_clear()
    scan.forget()
