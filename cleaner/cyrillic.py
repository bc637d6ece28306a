"""Stage 1, Cyrillic repair: text in one Cyrillic code page read as another.

ftfy repairs UTF-8 read in the wrong code page, not one single-byte page read
as another, which is the common mojibake of Russian, Ukrainian and Belarusian
news: cp1251 read as Latin-1 (``Ïðåçèäåíò``), KOI8 read as cp1251
(``рТЕЪЙДЕОФ``) and the reverse, CP866 read as cp1251 or Latin-1, MacCyrillic
read as cp1251. Each candidate is the text encoded in the page it was read as
and decoded in the page it was written in; it is kept only when a letter-bigram
model of real Russian, Ukrainian and Belarusian text (``data/cyrillic_bigrams.json``,
rebuilt by ``benchmarks/cyrillic/build_model.py``) finds it far more plausible
than the text as it is.

The unit re-encoded is a run of words within one line. Not the document: one
page may hold correct text next to a broken quote. Not the word alone: a
word of one or two letters says too little about its code page, while the run
around it says enough. A run ends at a word the read-as page cannot encode
(a curly quote in a Latin-1 run) or whose candidate mixes Latin and Cyrillic
letters (``Ïñigo`` would become ``Псigo``), so Latin words around a broken
Cyrillic run stay as they are (Latin ``i`` inside a Cyrillic word is no Latin
word: Belarusian and Ukrainian writers type it for ``і``); ASCII words inside a
run are the same in every page and carry on the run without being scored. A
word that becomes punctuation is part of the run too: MacCyrillic's dashes and
quotes read as cp1251 are capital letters (``кіно Р у`` is ``кіно – у``).

KOI8 is decoded as KOI8-U, which is KOI8-R with і ї є ґ in place of eight
box-drawing characters: Russian text decodes the same, Ukrainian text decodes
right, and box drawing does not occur in news. The note says ``koi8-r`` when
both decode alike. Belarusian ў has no byte in KOI8-R or KOI8-U (only in the
rare KOI8-RU), so Belarusian text cannot have been KOI8.

>>> from cleaner.changes import NO_LOG
>>> repair("Ïðåçèäåíò Áåëàðóñè", NO_LOG)
'Президент Беларуси'
>>> repair("Visit of рТЕЪЙДЕОФ тПУУЙЙ to Minsk", NO_LOG)
'Visit of Президент России to Minsk'
>>> repair("Ïñigo, Þórður, Ça va très bien", NO_LOG)
'Ïñigo, Þórður, Ça va très bien'
"""

from __future__ import annotations

import json
import math
import re
from functools import lru_cache
from pathlib import Path

import ftfy.bad_codecs  # noqa: F401  registers the sloppy-windows-125x codecs
import regex

from .changes import ChangeLog

MODEL_PATH = Path(__file__).parent / "data" / "cyrillic_bigrams.json"

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


class _AsBytes(dict):
    def __missing__(self, code: int) -> str:
        return " "


def _mojibake_characters() -> str:
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


MOJIBAKE = _mojibake_characters()
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
# Serbian and Macedonian letters are what MacCyrillic mojibake is made of
# ("Људски" could be "Кудски"), so a line that may be in those languages is not
# read as MacCyrillic: one holding ј or ѕ, which no mis-decoding of Russian,
# Ukrainian or Belarusian makes, or holding Ђ Љ Њ Ћ Џ Ѓ Ќ and no letter only
# those three write, nor the symbol MacCyrillic makes of one after a letter
# ("Нагада№мо", "Пробу№" for є; » and › only inside a word: they close quotes).
_THEIRS = "ЂЃЉЊЋЌЏђѓљњћќџ"
_OURS_ONLY = "йщъыьэюяёєіїґўЙЩЪЫЬЭЮЯЁЄІЇҐЎ"
_OURS_ONLY_AS_SYMBOLS = "".join(
    c for c in _OURS_ONLY.encode("mac_cyrillic").decode("sloppy-windows-1251") if not c.isalpha() and c not in "»›"
)
SERBIAN_MACEDONIAN = re.compile(
    f"[јѕ]|^(?=.*[{_THEIRS}])"
    rf"(?!.*(?:[{_OURS_ONLY}]|[^\W\d_][{re.escape(_OURS_ONLY_AS_SYMBOLS)}]|[^\W\d_][»›][^\W\d_]))"
)
CP1252_ONLY = set(bytes(range(0x80, 0xA0)).decode("cp1252", errors="ignore"))
# Characters as the Latin-1 or cp1252 byte they were read from; the rest as a space.
AS_BYTES = _AsBytes({code: code for code in range(0x100)})
AS_BYTES.update({ord(bytes([b]).decode("sloppy-windows-1252")): b for b in range(0x80, 0xA0)})
WORD = regex.compile(r"[^ \t\n]+")
CYRILLIC_LETTER = regex.compile(f"[{LOWER}{UPPER}]")
# Ukrainian and Belarusian writers often type Latin i for і ("грамадзянамi"):
# it is no Latin letter to a Cyrillic word.
_LATIN = r"(?![iI])\p{Latin}"
# A candidate word is no text if it holds a letter neither Latin nor Russian,
# Ukrainian or Belarusian (Serbian Ђ, Greek), or a run of letters mixing the two.
NOT_TEXT = regex.compile(
    rf"[^\P{{L}}\p{{Latin}}{LOWER}{UPPER}]|{_LATIN}\p{{L}}*[{LOWER}{UPPER}]|[{LOWER}{UPPER}]\p{{L}}*{_LATIN}"
)
LETTER = regex.compile(r"\p{L}")
LATIN_LETTER = regex.compile(r"\p{Latin}")
CASE_SWAP = regex.compile(f"[{LOWER}][{UPPER}]")

# Decision thresholds, set on the training text (benchmarks/cyrillic/measure.py):
# a candidate's mean log-probability per bigram, and how much its total must
# beat the original's by when the original is Cyrillic too.
MIN_SCORE = -3.8
MIN_GAIN = 5.0
MIN_LETTERS = 3
CASE_PENALTY = -6.0  # per lowercase letter followed by an uppercase one


def repair(text: str, log: ChangeLog) -> str:
    """Repair each line of ``text`` (split at ``\\n`` only) that holds Cyrillic mojibake."""
    lines = text.split("\n")
    for number, line in enumerate(lines, 1):
        if not SUSPICIOUS.search(line) or _is_utf8_read_as_cp1252(line):
            continue
        fixed, note = _repair_line(line)
        if fixed != line:
            log.line(number, "unicode.cyrillic", line, fixed, note)
            lines[number - 1] = fixed
    return "\n".join(lines)


def _is_utf8_read_as_cp1252(line: str) -> bool:
    """UTF-8 mojibake ("Ã©", "â\x80\x9c"): ftfy's to repair, and not worth scoring here.

    Read back as bytes (Latin-1 or cp1252; other characters as spaces), the line
    is valid UTF-8. Cyrillic letters are bytes 0xC0-0xFF in cp1251, and two of
    them in a row are never UTF-8, so cp1251 mojibake never passes.

    >>> _is_utf8_read_as_cp1252("said â\x80\x9cnoâ\x80\x9d"), _is_utf8_read_as_cp1252("Ïðåçèäåíò")
    (True, False)
    """
    try:
        return not line.translate(AS_BYTES).encode("latin-1").decode("utf-8").isascii()
    except UnicodeError:
        return False


def _repair_line(line: str) -> tuple[str, str]:
    """The line with its most plausible repair applied, and the note naming the pages."""
    best, best_gain, best_note = line, 0.0, ""
    may_be_serbian = SERBIAN_MACEDONIAN.search(line)
    for written_in, read_as in PAIRS:
        if written_in == "mac-cyrillic" and may_be_serbian:
            continue
        fixed, gain = _repair_runs(line, written_in, read_as)
        if gain > best_gain:
            best, best_gain, best_note = fixed, gain, _note(line, fixed, written_in, read_as)
    return best, best_note


def _repair_runs(line: str, written_in: str, read_as: str) -> tuple[str, float]:
    """Re-read ``line`` as written in ``written_in``, run by run, keeping the runs that gain.

    Returns the line and the summed gain of the runs kept.
    """
    pieces, runs = [], []
    run: list[tuple[int, str]] = []  # (index in pieces, the word re-read) of the run under way
    position = 0
    for match in WORD.finditer(line):
        word = match.group()
        candidate = _reread(word, written_in, read_as)
        pieces += [line[position : match.start()], word]
        position = match.end()
        if candidate == word:
            # ASCII is the same in every page. So are MacCyrillic's lowercase
            # letters in cp1251: such a word is the context the run is judged in.
            if CYRILLIC_LETTER.search(word):
                run.append((len(pieces) - 1, word))
            continue
        if (
            candidate is None
            or NOT_TEXT.search(candidate)
            or (not CYRILLIC_LETTER.search(candidate) and LETTER.findall(candidate) != LATIN_LETTER.findall(word))
        ):
            if run:
                runs.append(run)
            run = []
            continue
        # Cyrillic, or a word whose punctuation alone changes ("\x93Docudays"): the run carries it along.
        run.append((len(pieces) - 1, candidate))
    pieces.append(line[position:])
    if run:
        runs.append(run)
    total = 0.0
    for run in runs:
        if all(pieces[index] == candidate for index, candidate in run):
            continue
        gain = _gain(" ".join(pieces[index] for index, _ in run), " ".join(candidate for _, candidate in run))
        if gain > 0:
            total += gain
            for index, candidate in run:
                pieces[index] = candidate
    return "".join(pieces), total


def _reread(word: str, written_in: str, read_as: str) -> str | None:
    for codec in READ_AS[read_as]:
        try:
            return word.encode(codec).decode(WRITTEN_IN[written_in])
        except UnicodeError:
            continue
    return None


def _gain(before: str, after: str) -> float:
    """How far more plausible ``after`` is than ``before``, in log-probability per
    bigram times letters; 0 when not far enough."""
    letters = len(CYRILLIC_LETTER.findall(after))
    score = plausibility(after)
    # One word long enough to judge: not Icelandic "í ... á ... í" read as "н ... б ... н".
    if max(len(CYRILLIC_LETTER.findall(word)) for word in after.split(" ")) < MIN_LETTERS or score < MIN_SCORE:
        return 0.0
    if not CYRILLIC_LETTER.search(before):
        # Latin letters are no Cyrillic text at all: the candidate's own plausibility counts.
        return (score - MIN_SCORE) * letters
    gain = (score - plausibility(before)) * letters
    return gain if gain >= MIN_GAIN else 0.0


def _note(line: str, fixed: str, written_in: str, read_as: str) -> str:
    if written_in == "koi8-r" and any(c in "іїєґІЇЄҐ" for c in fixed):
        written_in = "koi8-u"  # the letters KOI8-R lacks
    if read_as == "latin-1" and any(c in CP1252_ONLY for c in line):
        read_as = "cp1252"
    return f"{written_in} read as {read_as}"


def plausibility(text: str) -> float:
    """Mean log-probability per letter bigram of ``text`` as Russian, Ukrainian or Belarusian.

    >>> plausibility("Президент Беларуси") > MIN_SCORE > plausibility("оПЕГХДЕМР аЕКЮПСЯХ")
    True
    """
    logp, default = _model()
    pairs = bigrams(text)
    total = sum(logp.get(pair, default[pair[0]]) for pair in pairs)
    total += CASE_PENALTY * len(CASE_SWAP.findall(text))
    return total / max(len(pairs), 1)


def bigrams(text: str) -> list[str]:
    """The symbol bigrams the model counts: letters lowercased, Latin letters and
    digits in a class each, punctuation as itself.

    >>> bigrams("Привет, 2 мира!")
    [' п', 'пр', 'ри', 'ив', 'ве', 'ет', 'т,', ', ', ' 0', '0 ', ' м', 'ми', 'ир', 'ра', 'а!', '! ']
    """
    symbols = [" "]
    for char in text.lower():
        symbol = _symbol(char)
        if symbol != " " or symbols[-1] != " ":
            symbols.append(symbol)
    if symbols[-1] != " ":
        symbols.append(" ")
    return [a + b for a, b in zip(symbols, symbols[1:])]


def _symbol(char: str) -> str:
    if char in LOWER:
        return char
    if char in "'’ʼ":
        return "'"
    if char.isdigit():
        return "0"
    if LATIN_LETTER.match(char):
        return "L"
    if char.isspace():
        return " "
    # Punctuation, symbols and letters of other scripts stand for themselves: the
    # model learns that « opens a word and » closes one, and has never seen ‚ or Ѓ
    # where mojibake puts them, in place of a capital.
    return char


@lru_cache(maxsize=1)
def _model() -> tuple[dict[str, float], dict[str, float]]:
    """Log-probabilities of the counted bigrams, and of an unseen one per first symbol."""
    counts = json.loads(MODEL_PATH.read_text(encoding="utf-8"))
    symbols = {c for pair in counts for c in pair}
    firsts: dict[str, int] = {}
    for pair, count in counts.items():
        firsts[pair[0]] = firsts.get(pair[0], 0) + count
    size = len(symbols) + 1  # add-one smoothing over the symbols, and one never seen
    logp = {pair: math.log((count + 1) / (firsts[pair[0]] + size)) for pair, count in counts.items()}
    default = {s: math.log(1 / (firsts.get(s, 0) + size)) for s in symbols | set("L0#'")}

    class Default(dict):
        def __missing__(self, key):
            return math.log(1 / size)

    return logp, Default(default)
