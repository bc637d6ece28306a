"""drop-block and drop-run: link blocks and menus go, an article's own short lines stay."""

import pytest

from cleaner import Cleaner, Config

PROSE = "The ministers met on Monday and agreed to meet again in the spring."
RULES = """\
rules:
  - id: t.related
    kind: drop-block
    lines: [Related Stories]
    max-lines: 3
  - id: t.menu
    kind: drop-run
    edge: head
  - id: t.footer
    kind: drop-run
    edge: tail
    min-lines: 3
"""


@pytest.fixture(scope="module")
def cleaner(rules_only):
    return rules_only(RULES)


@pytest.mark.parametrize(
    "text, expected",
    [
        # a block of headlines, up to max-lines, wherever it stands
        (
            f"{PROSE}\nRelated Stories\nFirst headline\nSecond headline\n\nThird headline\nFourth headline",
            f"{PROSE}\n\nFourth headline",
        ),
        # the heading alone when the short lines under it lead into prose
        (
            f"{PROSE}\nRelated Stories\nThe court's ruling\nBy Anna Smith\n{PROSE}",
            f"{PROSE}\nThe court's ruling\nBy Anna Smith\n{PROSE}",
        ),
        # a head menu of four or more items; a short title above prose stays
        (f"Home\nWorld\nBusiness\nSport\nCulture\nMinsk Talks\n{PROSE}", f"Minsk Talks\n{PROSE}"),
        (f"Home\nWorld\nBusiness\nSport\nTalks ended in Minsk today\n{PROSE}", f"Talks ended in Minsk today\n{PROSE}"),
        # a footer of three or more items
        (f"{PROSE}\nImpressum\nKontakt\nDatenschutz", PROSE),
    ],
)
def test_chrome_goes(cleaner, text, expected):
    assert cleaner.clean(text) == expected
    assert cleaner.clean(expected) == expected


@pytest.mark.parametrize(
    "text",
    [
        # subheadings inside an article
        f"Minsk Talks\n{PROSE}\nWhat comes next\n{PROSE}\nThe Sanctions\n{PROSE}",
        # a bullet list with figures, and an ingredient list
        f"Results\n- Minsk 12\n- Brest 7\n- Gomel 3\n{PROSE}",
        f"Ingredients\n200 g flour\n100 g sugar\n2 eggs\n{PROSE}",
        # a poem
        "Roses are red\nViolets are blue\nSugar is sweet\nAnd so are you\n" + PROSE,
        f"{PROSE}\nRoses are red\nViolets are blue\nSugar is sweet\nAnd so are you",
        # datelines and a signature
        f"MINSK, June 3 (Reuters)\n{PROSE}\nAnna Smith\nMinsk",
        # three menu-like lines are not a menu at the head (four are)
        f"Home\nWorld\nSport\n{PROSE}",
        # the words of a heading inside a sentence
        "Related Stories of the war were told by veterans in Minsk on Monday.\nFirst\nSecond",
    ],
)
def test_article_lines_stay(cleaner, text):
    assert cleaner.clean(text) == text


def test_a_run_needs_an_edge_key(tmp_path):
    from cleaner.errors import RuleError

    path = tmp_path / "bad.yaml"
    path.write_text("rules:\n  - id: t.menu\n    kind: drop-run\n", encoding="utf-8")
    with pytest.raises(RuleError, match="missing key 'edge'"):
        Cleaner(Config(rules=(str(path),), default_rules=False))
