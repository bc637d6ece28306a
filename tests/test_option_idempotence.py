"""Every combination of options is idempotent: an option's output meets the rules it can feed in the same run."""

import itertools

import pytest

from cleaner import Cleaner, Config

OPTIONS = [dict(zip(("ascii", "straight_quotes"), flags)) for flags in itertools.product([False, True], repeat=2)]


@pytest.fixture(scope="module", params=OPTIONS, ids=lambda o: "+".join(k for k, v in o.items() if v) or "none")
def cleaner_with(request):
    return Cleaner(Config(**request.param))


def test_ascii_output_meets_the_whitespace_rules():
    assert Cleaner(Config(ascii=True)).clean("東京.") == "Dong Jing."


def test_ascii_output_meets_the_name_rules():
    assert Cleaner(Config(ascii=True)).clean("Сергей Лавров") == "Sergey Lavrov"


@pytest.mark.parametrize(
    "text",
    [
        "東京.",
        "Сергей Лавров",
        "“Сергей” Лавров ,",
        "Tom &amp; Jerry said ‹…>",
        "Lukashenkoâ€™s «McKay» .",
        "The Belorusian Foreign Minister Vladimir McKay said",
        "Â\x80Ä ",
    ],
)
def test_idempotent_with_every_combination_of_options(cleaner_with, text):
    once = cleaner_with.clean(text)
    assert cleaner_with.clean(once) == once
