"""The Cyrillic repair searches with its gate's patterns only the lines ``scan``
finds on the UTF-8 bytes: every line the patterns match must be among them.

A match with a loud character (two bytes long in UTF-8) has a shape in that
character. A match without one is made of quiet characters (three bytes long)
and ASCII, and is at most three characters long: checked on every string of up
to three characters over an alphabet with one code point of each kind (its
classes in the patterns, and how the scan reads its bytes), as
``tests/test_badness_gate.py`` does for ftfy's detector.
"""

import itertools
import re
from re import _constants as sre
from re import _parser

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from cleaner import cyrillic, unicode
from cleaner.changes import NO_LOG
from cleaner.cyrillic import gate, scan
from cleaner.cyrillic.pages import LOWER, UPPER


def classes(pattern: re.Pattern) -> list[frozenset]:
    """The characters of each literal and class of ``pattern``, its lookarounds' too."""
    found = []

    def walk(items) -> None:
        for op, argument in items:
            if op is sre.LITERAL:
                found.append(frozenset(chr(argument)))
            elif op is sre.IN:
                found.append(
                    frozenset().union(
                        *(
                            {chr(value)} if item is sre.LITERAL else map(chr, range(value[0], value[1] + 1))
                            for item, value in argument
                        )
                    )
                )
            elif op is sre.BRANCH:
                for branch in argument[1]:
                    walk(branch)
            elif op is not sre.AT:
                walk(argument[-1])

    walk(_parser.parse(pattern.pattern, pattern.flags))
    return found


CLASSES = [c for pattern in scan.GATE for c in classes(pattern)]


def read_as(character: str) -> bytes:
    """How ``SHAPE`` sees ``character``: marked, continuation and other bytes, space, digit, newline."""
    marked = character.encode("utf-8", "surrogatepass").translate(scan.MARKED)
    return bytes(
        b if b in b"\xc0 \n" else ord("0") if chr(b).isdigit() else 0x80 if 0x80 <= b < 0xC0 else ord("x")
        for b in marked
    )


def alphabet() -> list[str]:
    """One code point of each kind: the gate's characters by their classes, the rest by their bytes."""
    found: dict = {}
    for character in sorted(scan.GATE_CHARACTERS):
        found.setdefault((tuple(character in c for c in CLASSES), read_as(character)), character)
    # Outside the gate's characters, the lead byte is all the scan reads: UTF-8 gives every
    # code point of a block of 64 (two bytes), 4,096 (three) or 0x40000 (four) the same one.
    blocks = [(code, 1) for code in range(0x80)]
    blocks += [(code, 64) for code in range(0x80, 0x800, 64)] + [(code, 4096) for code in range(0x800, 0x10000, 4096)]
    blocks += [(code, 0x40000) for code in range(0x10000, 0x110000, 0x40000)]
    for first, size in blocks:
        for character in (chr(c) for c in range(first, first + size) if chr(c) not in scan.GATE_CHARACTERS):
            found.setdefault((None, read_as(character)), character)
            break
    return list(found.values())


ALPHABET = alphabet()
LOUD = [c for c in ALPHABET if c in scan.GATE_CHARACTERS and len(c.encode("utf-8")) == 2]
NOT_LOUD = [c for c in ALPHABET if c not in LOUD]  # quiet, ASCII, and characters the gate does not name


def has_shape(text: str) -> bool:
    return scan.SHAPE.search(text.encode("utf-8", "surrogatepass").translate(scan.MARKED)) is not None


def test_the_gate_names_the_characters_it_matches():
    assert {" ", "Ï", "ð", "р", "Т", "ґ", "“", "’", "…", "╗"} <= scan.GATE_CHARACTERS
    assert (scan.LOUD, scan.QUIET) == (b"\xc2\xc3\xc5\xc6\xcb\xd0\xd1\xd2", b"\xe2")
    assert 40 < len(ALPHABET) < 400


def test_every_loud_character_is_a_shape_wherever_it_stands():
    assert [c for c in scan.GATE_CHARACTERS if len(c.encode()) == 2 and not has_shape(c)] == []
    assert all(has_shape(f"x{c}y") and has_shape(f"“{c}") for c in LOUD)


def test_the_gate_matches_no_longer_text_without_a_loud_character():
    """RARE_PAIRS needs lowercase Cyrillic letters (loud); SUSPICIOUS matches three characters at most."""
    assert _parser.parse(gate.SUSPICIOUS.pattern).getwidth()[1] <= 3
    assert all(len(c.encode()) == 2 for c in LOWER + UPPER)


def test_no_string_without_a_loud_character_matches_without_a_shape():
    missed = []
    for length in (1, 2, 3):
        for characters in itertools.product(NOT_LOUD, repeat=length):
            text = "".join(characters)
            if gate.suspicious(text) and not has_shape(text):
                missed.append(text)
    assert missed == []


def test_curly_quotes_in_english_prose_are_no_shape():
    assert not has_shape("“Quoted,” she said – it’s the ‘best’ … of 2024.\n“ ”")
    assert has_shape("he said…”") and has_shape("“ 5") and has_shape("café") and has_shape("Привет")


LINES = st.sampled_from(
    [
        "",
        "Plain English prose, with “curly” quotes – and dashes… that ends.",
        "a" * 700,
        "’”",
        "x “ 5 apples",
        "Ïðåçèäåíò Áåëàðóñè",
        "Visit of рТЕЪЙДЕОФ тПУУЙЙ to Minsk",
        "уфтщн!",
        "Сообщите об орфографической ошибке",
        "НАТО и США",
        "Lukashenkoâ€™s visit",
        "Ça va très bien, Þórður",
        "Ελληνικά, 中文, 😀",
        "\ud800 lone surrogate",
    ]
)


@settings(max_examples=400)
@given(st.lists(LINES | st.text(max_size=6), max_size=30).map("\n".join))
def test_the_lines_found_are_those_that_pass_the_gate(text):
    lines = text.split("\n")
    assert scan.lines_to_judge(text) == [(n, line) for n, line in enumerate(lines, 1) if gate.worth_judging(line)]


def test_lines_far_apart_and_near_are_numbered_as_they_stand():
    text = "\n".join(["’”"] + ["filler " * 40] * 3 + ["Ïðåçèäåíò"] + ["x"] * 2000 + ["рТЕЪЙДЕОФ"])
    assert scan.lines_to_judge(text) == [(1, "’”"), (5, "Ïðåçèäåíò"), (2006, "рТЕЪЙДЕОФ")]


def test_the_repair_of_a_document_is_that_of_its_lines():
    text = "Intro “quoted”\n\nÏðåçèäåíò Áåëàðóñè\nplain\nрТЕЪЙДЕОФ тПУУЙЙ"
    assert cyrillic.repair(text, NO_LOG) == "\n".join(cyrillic.repair(line, NO_LOG) for line in text.split("\n"))
    assert cyrillic.repair("English only, “quoted”", NO_LOG) == "English only, “quoted”"


# The Unicode stage's one pass (``unicode.TEXT_NEEDS_A_LOOK``) stands for both
# gates: where it finds nothing, the byte scan finds no shape and no character
# needs a repair. A shape is at most three characters long ("“ 5").
SMALL = [*unicode.TYPOGRAPHY, "a", " ", "5", "\n", "&", "\t", "é", "Ï", "р", "╗", "€", "中", "😀", "\x85", "\ud800"]


def looked_over(text: str) -> bool:
    return unicode.TEXT_NEEDS_A_LOOK.search(text) is None


def test_the_one_pass_misses_no_shape_and_no_character_to_repair():
    wrong = []
    for length, letters in ((1, [*ALPHABET, *SMALL]), (2, [*ALPHABET, *SMALL]), (3, SMALL)):
        for characters in itertools.product(letters, repeat=length):
            text = "".join(characters)
            if looked_over(text) and (has_shape(text) or unicode.TEXT_NEEDS_REPAIR.search(text)):
                wrong.append(text)
    assert wrong == []


def test_english_prose_is_decided_by_the_one_pass():
    assert looked_over("“Quoted,” she said – it’s the ‘best’ … of 2024.\n\nNext line")
    assert not any(map(looked_over, ["he said…”", "“ 5", "«done»", "café", "a &amp; b", "Привет", "x\x85"]))


@settings(max_examples=300)
@given(st.lists(LINES | st.text(st.sampled_from(SMALL), max_size=8), max_size=12).map("\n".join))
def test_the_stage_with_the_one_pass_is_the_stage_without_it(text):
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(unicode, "TEXT_NEEDS_A_LOOK", re.compile(""))  # every document to both gates
        expected = unicode.repair(text, NO_LOG)
    assert unicode.repair(text, NO_LOG) == expected


def read_back_as_utf8(line: str) -> bool:
    """``gate.is_utf8_read_as_cp1252`` without its shortcut."""
    try:
        return not line.translate(gate.AS_BYTES).encode("latin-1").decode("utf-8").isascii()
    except UnicodeError:
        return False


READ_BACK = [*SMALL, "Ã", "©", "â", "\x80", "\x9c", "€", "ô", "õ", "Â", "Á", "ð", "Ð", "Ñ", "\xa0", "\xbf"]


@settings(max_examples=500)
@given(st.text(st.sampled_from(READ_BACK) | st.characters(), max_size=12))
def test_the_utf8_read_back_shortcut_answers_as_the_read_back(line):
    assert gate.is_utf8_read_as_cp1252(line) == read_back_as_utf8(line)


def test_the_utf8_read_back_shortcut_on_every_pair_of_its_kinds():
    letters = READ_BACK + [chr(code) for code in range(0x80, 0x100, 7)]
    wrong = [a + b for a in letters for b in letters if gate.is_utf8_read_as_cp1252(a + b) != read_back_as_utf8(a + b)]
    assert wrong == [] and gate.is_utf8_read_as_cp1252("Ã©") and not gate.is_utf8_read_as_cp1252("Привет")
