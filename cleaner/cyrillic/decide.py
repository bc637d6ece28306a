"""Which re-reading of a line the Cyrillic repair keeps, run of words by run of words.

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
"""

from __future__ import annotations

import re
from typing import NamedTuple

import regex

from .gate import LATIN_PROSE, LONG_WORD
from .model import LATIN_LETTER, plausibility
from .pages import LOWER, PAIRS, UPPER, note, reread

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
# Nor one whose letters of theirs are shaped as Serbian writes them: inside a
# word after a lowercase letter ("Хиљаде", "међу"), or starting a word as
# Serbian and Macedonian words start (the pairs found at word starts in their
# tuning text: "Људски", "ће", "Ђорђе"; and "ћао", Serbian's "ciao", which as
# MacCyrillic's "Оао" no word starts with). A word that starts with one otherwise
# ("Ѓраслав", "Ђвтобус", "Џачатак", "С џ тоже") is MacCyrillic's capital: Бр, Ав, Па, Я.
_THEIRS_LOWER = "ђѓљњќћџ"
_SERBIAN_STARTS = "[Ћћ](?:[еу]|ао)|[Њњ][еио]|[Љљ]у|[Ќќ]е|[Ђђ][ео]|[Џџ][ео]"
_MAC_CAPITAL_SHAPED = rf"(?<![^\W\d_])(?!{_SERBIAN_STARTS})[{_THEIRS}]"
_SERBIAN_INSIDE = rf"[а-ш{_THEIRS_LOWER}][{_THEIRS_LOWER}]"
SERBIAN_MACEDONIAN = re.compile(
    f"[јѕ]|^(?=.*[{_THEIRS}])"
    rf"(?!.*(?:[{_OURS_ONLY}]|[^\W\d_][{re.escape(_OURS_ONLY_AS_SYMBOLS)}]|[^\W\d_][»›][^\W\d_]))"
    f"(?=.*{_SERBIAN_INSIDE}|(?!.*{_MAC_CAPITAL_SHAPED}))"
)
# Nor one holding і or ї: MacCyrillic read as cp1251 makes ґ and » of them, and
# they would be ≥ and њ in it. Nor « (Ђ in MacCyrillic, which these three
# languages do not write: in a line holding it, » closes a quote and is no ї,
# "место»"). A correct line with a rare ґ inside a word ("реґтайм", the і of
# MacCyrillic) holds an і or an ї elsewhere.
NOT_MAC_CYRILLIC = re.compile("[«іїІЇ]")
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
LONG_CYRILLIC_WORD = regex.compile(f"[{LOWER}{UPPER}]{{{LONG_WORD}}}")


class Thresholds(NamedTuple):
    """What a re-reading of a run must reach to be kept (set with benchmarks/cyrillic/measure.py --tuning)."""

    min_score: float  # the candidate's mean log-probability per bigram
    min_gain: float  # how far its total must beat the original's, when the original is Cyrillic too
    min_letters: int  # the letters of its longest word, at least


# Not Icelandic "í ... á ... í" read as "н ... б ... н": a word of three letters.
THRESHOLDS = Thresholds(min_score=-3.8, min_gain=5.0, min_letters=3)
# MacCyrillic read as cp1251 changes only capitals and я, so its repairs gain
# less (at 1.5 a Bulgarian line changes). Its mojibake of a word is Cyrillic
# already, never Latin prose (a run of punctuation alone is judged as in every
# pair: run_gain), and what could pass for it, Serbian and Macedonian, is kept
# out by their letters (SERBIAN_MACEDONIAN), so a lower score and a word of two
# letters are enough: the tuning text's short lines of dialogue ("Ќґ!", "С Ќа
# що?" are "Ні!", "– На що?") and rare words. On the tuning text, a min_score of
# -4.2 repairs 3 Ukrainian lines more than -3.8, -4.5 one Belarusian line more,
# -5.0 no more; none changes a correct line.
THRESHOLDS_MAC = Thresholds(min_score=-4.5, min_gain=3.0, min_letters=2)


def repair_line(line: str) -> tuple[str, str]:
    """The line with its most plausible repair applied, and the note naming the pages."""
    best, best_gain, best_note = line, 0.0, ""
    not_macCyrillic = SERBIAN_MACEDONIAN.search(line) or NOT_MAC_CYRILLIC.search(line)
    for written_in, read_as in PAIRS:
        if written_in == "mac-cyrillic" and not_macCyrillic:
            continue
        fixed, gain = repair_runs(line, written_in, read_as)
        if gain > best_gain:
            best, best_gain, best_note = fixed, gain, note(line, fixed, written_in, read_as)
    return best, best_note


def repair_runs(line: str, written_in: str, read_as: str) -> tuple[str, float]:
    """Re-read ``line`` as written in ``written_in``, run by run, keeping the runs that gain.

    Returns the line and the summed gain of the runs kept.
    """
    pieces, runs = [], []
    run: list[tuple[int, str]] = []  # (index in pieces, the word re-read) of the run under way
    position = 0
    for match in WORD.finditer(line):
        word = match.group()
        pieces += [line[position : match.start()], word]
        position = match.end()
        if word.isascii() and word.isprintable():  # the same in every pair of pages, no Cyrillic letter
            continue  # (not so control characters: ftfy's cp1251 cannot encode SUB; tests/test_cyrillic.py)
        candidate = reread(word, written_in, read_as)
        if candidate == word:
            # MacCyrillic's lowercase letters are the same in cp1251: such a
            # word is the context the run is judged in.
            if CYRILLIC_LETTER.search(word):
                run.append((len(pieces) - 1, word))
            continue
        if (
            candidate is None
            or NOT_TEXT.search(candidate)
            or (
                not CYRILLIC_LETTER.search(candidate)
                and LETTER.findall(candidate) not in ([], LATIN_LETTER.findall(word))
            )
        ):
            if run:
                runs.append(run)
            run = []
            continue
        # Cyrillic, or a word whose punctuation alone changes ("\x93Docudays"), or one
        # that becomes no letters at all (CP866's № read as Latin-1 is ü: "ü2" is "№2"):
        # the run carries it along.
        run.append((len(pieces) - 1, candidate))
    pieces.append(line[position:])
    if run:
        runs.append(run)
    total = 0.0
    latin_prose = LATIN_PROSE.search(line) is not None
    for run in runs:
        if all(pieces[index] == candidate for index, candidate in run):
            continue
        if latin_prose and not any(LONG_CYRILLIC_WORD.search(candidate) for _, candidate in run):
            continue  # see gate.LATIN_PROSE
        gain = run_gain(
            " ".join(pieces[index] for index, _ in run),
            " ".join(candidate for _, candidate in run),
            THRESHOLDS_MAC if written_in == "mac-cyrillic" else THRESHOLDS,
        )
        if gain > 0:
            total += gain
            for index, candidate in run:
                pieces[index] = candidate
    return "".join(pieces), total


def run_gain(before: str, after: str, thresholds: Thresholds = THRESHOLDS) -> float:
    """How far more plausible ``after`` is than ``before``, in log-probability per
    bigram times letters; 0 when not far enough."""
    cyrillic_before = CYRILLIC_LETTER.search(before) is not None
    if not cyrillic_before:
        # Latin letters and punctuation are no Cyrillic text at all: the candidate's
        # own plausibility counts, on the thresholds of every pair (MacCyrillic's would
        # read an English line's "“…" and "••" as "УЕ" and "ХХ").
        thresholds = THRESHOLDS
    letters = len(CYRILLIC_LETTER.findall(after))
    score = plausibility(after)
    longest = max(len(CYRILLIC_LETTER.findall(word)) for word in after.split(" "))
    if longest < thresholds.min_letters or score < thresholds.min_score:
        return 0.0
    if not cyrillic_before:
        return (score - thresholds.min_score) * letters
    gain = (score - plausibility(before)) * letters
    return gain if gain >= thresholds.min_gain else 0.0
