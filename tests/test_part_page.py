"""drop-context's pages judged in part (``part-page-share``): a page with too
few link-like lines to be taken for whole (a long article, its comments) loses
only the runs far below an article's body that outweighs the rest of its prose
``part-page-weight`` times; every line of two real stories stays, and so do the
lines above the body and those within ``keep-between`` lines below it (a fact
box)."""

import json
from pathlib import Path

import pytest

from test_context import ARCHIVE, FOOTER, MENU_LINES, RECENT

ROOT = Path(__file__).resolve().parents[1]
WIKINEWS = [json.loads(line)["text"] for line in (ROOT / "tests/corpus/wikinews/articles.jsonl").open()]
# Two real stories one after the other: 73 lines, 62 of them prose (the body), 9 link-like
ARTICLE = [line for number in (40, 3) for line in WIKINEWS[number].split("\n") if line.strip()]
RULE = "rules:\n  - id: t.page\n    kind: drop-context\n    body-gap: 15\n"
PART = "    part-page-share: 0.4\n    part-page-weight: 2\n"
# Real prose from two other stories of the corpus, their 24 longest lines: teasers beside the article
OTHER = sorted((line for number in (35, 0) for line in WIKINEWS[number].split("\n")), key=len, reverse=True)[:24]
FACTS = ["At a Glance", "Company: CataList Homes", "Headquarters: Hermosa Beach", "Chairman and CEO: Hal Ellis"]
FACTS += ["Year founded: 2001", "Number of offices: 10", "Source: Times research"]


@pytest.fixture(scope="module")
def part(rules_only):
    return rules_only(RULE + PART)


@pytest.fixture(scope="module")
def whole_only(rules_only):
    return rules_only(RULE)


def page(*below: str) -> str:
    """The site's title and the article, then what stands below it: 125 lines
    with ``below`` as the page has it, 61 link-like (49%: not a whole page)."""
    return "\n".join(["Daily Courier", *ARTICLE, *below])


def test_the_runs_far_below_a_clear_body_go(part, whole_only):
    text = page(*RECENT, *ARCHIVE, *FOOTER, *MENU_LINES)
    near = [*RECENT, *ARCHIVE[:5]]  # within 15 lines of the body's last prose line
    assert part.clean(text) == "\n".join(["Daily Courier", *ARTICLE, *near])
    assert whole_only.clean(text) == text  # without the key the page is refused, as before
    once = part.clean(text)
    assert part.clean(once) == once


def test_what_stands_above_the_body_stays(part):
    """A page judged in part has no evidence above its body: the menu and the
    headline lists there stay (a whole page loses them)."""
    text = "\n".join(["Daily Courier", *MENU_LINES, *RECENT, *ARCHIVE, *FOOTER, *ARTICLE])
    assert part.clean(text) == text


def test_a_body_that_does_not_outweigh_the_rest_twice_protects_the_page(part, rules_only):
    """Teasers in a column above the article holding more than half its prose:
    the body is not clear enough for a page judged in part, and nothing goes;
    with a weight of 1 the runs far below the body would."""
    text = "\n".join(["Daily Courier", *OTHER, *MENU_LINES, *ARTICLE, *RECENT, *ARCHIVE, *FOOTER])
    assert part.clean(text) == text
    lighter = rules_only(RULE + PART.replace("weight: 2", "weight: 1")).clean(text)
    assert lighter == "\n".join(["Daily Courier", *OTHER, *MENU_LINES, *ARTICLE, *RECENT, *ARCHIVE[:5]])


def test_a_fact_box_right_below_the_body_stays(part):
    """A fact box, a list of requirements: what stands within ``keep-between``
    lines below the body may be the article's on a page judged in part; the
    runs further down still go."""
    text = page(*FACTS, *RECENT, *ARCHIVE, *FOOTER, *MENU_LINES)
    assert part.clean(text) == "\n".join(["Daily Courier", *ARTICLE, *FACTS, *RECENT[:8]])


def test_a_page_judged_in_part_keeps_the_usual_runs(rules_only):
    """Below the body of a page judged in part, the shorter runs and the dated
    lines that the ``after-body-`` keys let go on a whole page need their
    usual length: four headlines between dates stay, the menu goes."""
    after = "    after-body-min-lines: 4\n    after-body-min-share: 0.6\n    after-body-dates: true\n"
    dated, headlines = ["Posted 12.05.2021 at 12:04", "Updated 12.05.2021 at 18:30"], RECENT[1:5]
    text = page(*RECENT[5:], *ARCHIVE, *dated, *headlines, *dated, *MENU_LINES)
    assert part_out(rules_only(RULE + PART + after), text) == [*RECENT[5:], *ARCHIVE, *dated, *headlines, *dated]


def part_out(cleaner, text):
    """What is left below the article."""
    return cleaner.clean(text).split("\n")[1 + len(ARTICLE) :]
