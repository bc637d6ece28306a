"""ftfy's mojibake detector is asked only about lines holding a ``SUSPECT``
character: the lines it is not asked about are lines it would pass.

The alphabet below stands for every code point: a code point outside ftfy's
classes matches the pattern's positions only through ``\\s``, ``\\w``, ``.``
and negated classes, so one code point of each such signature stands for all
of them (the signature is taken of every code point, 0 to 0x10FFFF).
"""

import itertools
import re

import ftfy.badness
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from cleaner import unicode
from cleaner.badness_gate import SUSPECT, SUSPECT_CHARACTERS, alternatives, may_be_bad

CLASSES = [c for positions in alternatives(ftfy.badness.BADNESS_RE) for c in positions if c is not None]
SPACE, WORD, NOT_LATIN = re.compile(r"\s"), re.compile(r"\w"), re.compile("[^A-Za-z]")


def signature(character: str) -> tuple:
    """What each position of the pattern can tell of ``character``."""
    return (
        tuple(character in c for c in CLASSES),
        SPACE.match(character) is not None,
        WORD.match(character) is not None,
        NOT_LATIN.match(character) is not None,
        character == "\n",
    )


def innocent_alphabet() -> list[str]:
    """One code point of each signature among all those outside ``SUSPECT``."""
    found: dict = {}
    for code in range(0x110000):
        character = chr(code)
        if character not in SUSPECT_CHARACTERS:
            found.setdefault(signature(character), character)
    return list(found.values())


INNOCENT = innocent_alphabet()


def test_the_alphabet_is_small_and_has_what_prose_has():
    assert 20 < len(INNOCENT) < 60
    assert SUSPECT.search("".join(INNOCENT)) is None


@pytest.mark.parametrize("length", [1, 2, 3])
def test_no_string_of_innocent_characters_is_bad(length):
    """Exhaustive up to three characters: every alternative of three
    positions or fewer is covered, whatever its classes."""
    search = ftfy.badness.BADNESS_RE.search
    bad = ["".join(t) for t in itertools.product(INNOCENT, repeat=length) if search("".join(t))]
    assert bad == []


@pytest.mark.slow
def test_no_string_of_four_innocent_characters_is_bad():
    """Every alternative but one (``ГўВЂВ.x``, which needs ``Ђ``) has four positions or fewer."""
    search = ftfy.badness.BADNESS_RE.search
    assert [t for t in itertools.product(INNOCENT, repeat=4) if search("".join(t))] == []


def test_every_alternative_needs_a_suspect_character():
    for positions in alternatives(ftfy.badness.BADNESS_RE):
        assert any(c is not None and c <= SUSPECT_CHARACTERS for c in positions), positions


@settings(max_examples=500, deadline=None)
@given(st.lists(st.sampled_from(INNOCENT), max_size=40).map("".join))
def test_longer_innocent_text_is_not_bad(text):
    assert not ftfy.badness.is_bad(text)


# Prose between the pieces puts their windows (``WIDEST`` around each suspect character) apart.
SUSPECT_OR_NOT = (
    st.sampled_from(sorted(SUSPECT_CHARACTERS))
    | st.sampled_from(INNOCENT)
    | st.text(max_size=3)
    | st.sampled_from([" prose of a line ", "Ça été", "a", " "])
)


@settings(max_examples=1000, deadline=None)
@given(st.lists(SUSPECT_OR_NOT, max_size=40).map("".join))
def test_may_be_bad_answers_as_is_bad(text):
    assert may_be_bad(text) == ftfy.badness.is_bad(text)


@pytest.mark.parametrize(
    "line",
    ["Â x", "1 Â x", "a long line then 1 Â x", "é“word", "a long line and then é“word", "x" * 20 + "Ã©" + "y" * 20],
)
def test_windows_find_what_the_whole_line_search_finds(line):
    """``^`` matches at the line's start only, not at a window's."""
    assert may_be_bad(line) == ftfy.badness.is_bad(line)


def test_accented_and_cyrillic_prose_is_not_asked_about():
    for line in ("Ελληνικά, café, Сообщите об ошибке", "Straße, naïve, Ўладзімір, київ", "déjà – l’été…"):
        assert SUSPECT.search(line) is None and not unicode.ftfy_may_change(line)
    assert may_be_bad("cafÃ©") and unicode.ftfy_may_change("Lukashenkoâ€™s")
