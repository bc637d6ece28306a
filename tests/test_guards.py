"""Guards stay within a line, and see the text as the other rules leave it."""

import pytest

from conftest import run_in_process


def test_a_guard_does_not_match_across_a_line_break():
    result = run_in_process("clean", input=b"Talks ended in Minsk\nMcKay said Belarus would respond.\n")
    assert result.stdout == b"Talks ended in Minsk\nMakei said Belarus would respond.\n"


def test_the_guard_still_holds_within_a_line(cleaner):
    assert cleaner.clean("Talks ended in Minsk McKay said.") == "Talks ended in Minsk McKay said."


@pytest.mark.parametrize(
    "text, expected",
    [
        ("The Belorusian Foreign Minister Vladimir McKay said", "The Belarusian Foreign Minister Vladimir Makei said"),
        ("Tom &amp; Jerry said ‹…>", "Tom & Jerry said ‹…>"),
    ],
)
def test_one_run_does_what_two_would(cleaner, text, expected):
    once = cleaner.clean(text)
    assert once == expected
    assert cleaner.clean(once) == once


def test_lukashenco_and_krutoy_need_one_run(cleaner):
    text = "Lukashenco met Krutoy in Minsk."
    once = cleaner.clean(text)
    assert cleaner.clean(once) == once
    assert "Lukashenco" not in once
