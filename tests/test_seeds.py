"""The five scraped seed articles come out exactly as reviewed by hand."""

from pathlib import Path

import pytest

from conftest import ROOT

SEEDS = sorted((ROOT / "seeds" / "input").glob("*.txt"))

# Every defect of the seeds, which no cleaned seed may still hold.
DEBRIS = [
    " / News / News agency Inforos",
    "Rate it",
    "Add comment",
    "Top Stories",
    "Written by The Frontier Post",
    "About the author",
    "Leave a Reply",
    "This story can be shared on social media",
    "Related Articles",
    "Back to top button",
    "Ctrl+Enter",
    "Report a bug",
    "Сообщите об орфографической ошибке",
    "Выделенный текст слишком длинный",
    "McKay",
    "Minks",
    "Belarussian",
    "[Putina]",
    "Sergei",
    "<…>",
    ",”Lukashenko",
    "”British",
    "”Belarus",
    ".”He",
    ", “Lukashenko said",
    ", “said Russian",
    "”, –",
    "\u00a0",
    "\n–\n",
]


def test_there_are_five_seeds():
    assert [p.name[:3] for p in SEEDS] == ["000", "001", "002", "003", "004"]


@pytest.mark.parametrize("seed", SEEDS, ids=lambda p: p.name[:3])
def test_seed_is_cleaned_exactly_as_reviewed(cleaner, seed: Path):
    expected = (ROOT / "seeds" / "expected" / seed.name).read_text(encoding="utf-8")
    assert cleaner.clean(seed.read_text(encoding="utf-8")) == expected


@pytest.mark.parametrize("seed", SEEDS, ids=lambda p: p.name[:3])
def test_cleaning_a_cleaned_seed_changes_nothing(cleaner, seed: Path):
    once = cleaner.clean(seed.read_text(encoding="utf-8"))
    assert cleaner.clean(once) == once


def test_no_seed_debris_remains(cleaner):
    cleaned = "\n".join(cleaner.clean(p.read_text(encoding="utf-8")) for p in SEEDS)
    assert [d for d in DEBRIS if d in cleaned] == []
    raw = "\n".join(p.read_text(encoding="utf-8") for p in SEEDS)
    assert [d for d in DEBRIS if d not in raw] == []  # each entry is a real defect of the seeds


def test_seed_title_printed_three_times_is_kept_once(cleaner):
    cleaned = cleaner.clean(SEEDS[0].read_text(encoding="utf-8"))
    title = "West doing everything possible to avoid convergence of Russia and Belarus"
    assert cleaned.startswith(title + "\n\nThe West is doing")
    assert cleaned.count(title) == 1
