"""drop-context: the menus and link lists of whole-page text go; an article's own
short lines (subheadings, lists, datelines, captions, a poem, an interview's
questions) stay, and an article or an extractor's output is never touched."""

import json
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from cleaner import Cleaner

ROOT = Path(__file__).resolve().parents[1]
WIKINEWS = [json.loads(line)["text"] for line in (ROOT / "tests/corpus/wikinews/articles.jsonl").open()]

MENU = "Home World Politics Business Markets Technology Science Health Sport Culture Travel Opinion Video Podcasts"
MENU_LINES = MENU.split() + ["Live Blogs", "Photo Galleries", "Crosswords", "Newsletters", "Events", "Jobs"]
RECENT = [
    "Recent Posts",
    "Storm Leaves Thousands Without Power in the North",
    "City Council Approves New Budget for Schools",
    "Local Team Wins the Regional Championship",
    "Museum Reopens After Two Years of Repairs",
    "Farmers Worry About the Dry Summer",
    "New Bridge Opens to Traffic",
    "Festival Draws Record Crowds",
    "Mayor Promises Faster Buses",
    "Library Extends Its Opening Hours",
]
ARCHIVE = ["Archives"] + [f"► {month} 2021" for month in "January February March April May June July August".split()]
FOOTER = [
    "About Us",
    "Contact",
    "Careers",
    "Advertise With Us",
    "Privacy Policy",
    "Terms of Use",
    "Cookie Settings",
    "Site Map",
    "Help",
    "Accessibility",
    "Corrections",
    "Subscribe",
]
CHROME = {"Daily Courier", *MENU_LINES, *RECENT, *ARCHIVE, *FOOTER}
PROSE = "The ministers met on Monday and agreed to meet again in the spring, officials said."
PROSE_2 = "Both delegations described the talks as difficult but useful, and neither side gave details."
# Emily Dickinson, "Hope" is the thing with feathers (public domain)
POEM = [
    "“Hope” is the thing with feathers",
    "That perches in the soul",
    "And sings the tune without the words",
    "And never stops at all",
]

RULE = "rules:\n  - id: t.page\n    kind: drop-context\n"


@pytest.fixture(scope="module")
def context_only(rules_only):
    return rules_only(RULE)


@pytest.fixture(scope="module", params=["", "    body-gap: 15\n"], ids=["every-prose", "body-gap"])
def context_rule(request, rules_only):
    """The rule as the tests above have it, and with ``body-gap`` (only the
    article's prose shields its neighbours), as the built-in rule has it."""
    return rules_only(RULE + request.param)


@pytest.fixture(scope="module")
def builtin():
    return Cleaner()


def page(*article: str) -> str:
    """The article as whole-page text: the site's title, its menu, the article,
    a "Recent Posts" list, an archive list, the footer links and the menu again."""
    return "\n".join(["Daily Courier", *MENU_LINES, *article, *RECENT, *ARCHIVE, *FOOTER, *MENU_LINES])


def test_menus_lists_and_footer_go(context_only):
    text = page("Talks Resume in Minsk", "By Anna Smith", PROSE, PROSE_2, "Share this article")
    # the title stays, and the lines within two lines of prose; of the menu, the
    # lowest item stays too: the line right above an article may be its headline
    expected = ["Daily Courier", "Jobs", "Talks Resume in Minsk", "By Anna Smith", PROSE, PROSE_2]
    expected += ["Share this article", "Recent Posts"]
    assert context_only.clean(text) == "\n".join(expected)
    assert context_only.clean("\n".join(expected)) == "\n".join(expected)


def test_a_link_list_between_two_parts_of_a_page_goes(context_only):
    text = "\n".join(["Daily Courier", *MENU_LINES, PROSE, *RECENT, *FOOTER, *ARCHIVE, PROSE_2, "Subscribe"])
    expected = ["Daily Courier", "Newsletters", "Events", "Jobs", PROSE]
    expected += ["Recent Posts", "Storm Leaves Thousands Without Power in the North"]
    expected += ["► June 2021", "► July 2021", "► August 2021", PROSE_2, "Subscribe"]
    assert context_only.clean(text) == "\n".join(expected)


def test_the_headline_that_the_title_repeats_stays(context_only):
    text = page("Talks resume in Minsk", "June 3, 2021", "Photo: Reuters", "Listen to this story", PROSE, PROSE_2)
    text = "Talks resume in Minsk | Daily Courier\n" + text.split("\n", 1)[1]
    assert "Talks resume in Minsk\nJune 3, 2021" in context_only.clean(text)


SECTIONS = ["Metro", "Page Six", "Living", "Media", "Tech", "Photos", "Covers", "Columnists"]
SITE_LINES = "  - id: t.site\n    kind: drop-line\n    where: anywhere\n    lines: [Metro, Living, Tech, Covers]\n"


def test_what_is_left_of_a_menu_that_line_rules_took_in_part_goes(rules_only):
    """A line rule (a site's learned menu items) takes four of a section menu's
    eight items; the four left are still a menu: the lines it took count as
    members of the run, and do not bring the rest nearer to prose."""
    article = ["Talks Resume in Minsk", "By Anna Smith", PROSE, PROSE_2, "Share this article"]
    text = "\n".join(["Daily Courier", *MENU_LINES, *article, *RECENT, "|", *SECTIONS, "|", *FOOTER])
    expected = ["Daily Courier", "Jobs", *article, "Recent Posts", "|", "|"]
    assert rules_only(RULE + SITE_LINES).clean(text) == "\n".join(expected)
    without_rule = rules_only(RULE).clean(text)  # the whole menu is a run of eight: it goes alike
    assert without_rule == "\n".join(expected)


@pytest.mark.parametrize(
    "article",
    [
        # subheadings between paragraphs, a short list, a poem, a dateline, an interview
        ["Minsk Talks", PROSE, "What Comes Next", PROSE_2, "The Sanctions", PROSE],
        [PROSE, "Sanctions", "Trade", "Energy", "Borders", "Visas", "Transit", "Fishing", PROSE_2],
        ["A Poem for the Spring", PROSE, *POEM, PROSE_2],
        ["MINSK, June 3 (Reuters)", PROSE, PROSE_2, "Anna Smith", "Minsk"],
        ["What did the ministers agree?", PROSE, "Will they meet again?", PROSE_2],
    ],
)
def test_an_article_alone_is_never_touched(context_rule, builtin, article):
    text = "\n".join(article)
    assert context_rule.clean(text) == text
    assert builtin.clean(text) == text


@pytest.mark.parametrize(
    "article",
    [
        [PROSE, "What Comes Next", PROSE_2, "The Sanctions", PROSE, "Trade", "Energy", "Borders", PROSE_2],
        [PROSE, *POEM, PROSE_2, *POEM, PROSE],
    ],
)
def test_an_articles_short_lines_stay_inside_a_page(context_rule, article):
    out = context_rule.clean(page(*article)).split("\n")
    assert [line for line in out if line not in CHROME] == article


@pytest.mark.parametrize("number", range(len(WIKINEWS)))
def test_real_articles_stay_whole_inside_a_page(context_rule, number):
    """Every line of 43 Wikinews stories and interviews (their subheadings,
    datelines, captions, questions, lists of results) survives in a whole page,
    and most of the page's chrome goes."""
    article = [line for line in WIKINEWS[number].split("\n") if line.strip()]
    out = context_rule.clean(page(*article)).split("\n")
    assert [line for line in out if line not in CHROME or line in article] == article
    assert sum(line in CHROME for line in out) <= len(CHROME) // 4


def test_an_extractors_output_is_never_touched(context_rule):
    """Few link-like lines, or a small share of them: not a whole page."""
    text = "\n".join(["Talks Resume in Minsk", *MENU_LINES[:8], PROSE, *RECENT[:5], PROSE_2])
    assert context_rule.clean(text) == text


LINES = st.sampled_from([*MENU_LINES, *RECENT, *ARCHIVE, *FOOTER, *POEM, PROSE, PROSE_2, "", "June 3, 2021"])


@given(st.lists(LINES, min_size=30, max_size=120))
def test_cleaning_twice_is_cleaning_once(context_rule, builtin, lines):
    for cleaner in (context_rule, builtin):
        once = cleaner.clean("\n".join(lines))
        assert cleaner.clean(once) == once


def test_the_builtin_rules_clean_a_page(builtin):
    """With the other built-in rules: the head menu (drop-run), the footer's
    legal lines and the "Recent Posts" block go first, and the whole-page
    guard still counts the page as it came."""
    out = builtin.clean(page("Talks Resume in Minsk", "By Anna Smith", PROSE, PROSE_2))
    expected = ["Talks Resume in Minsk", "By Anna Smith", PROSE, PROSE_2, "► January 2021", "► February 2021"]
    assert out == "\n".join(expected)


BLURB = "The Daily Courier is an independent newspaper, founded in 1901 and owned by its readers."


def test_a_sentence_away_from_the_article_shields_nothing_with_body_gap(context_rule):
    """A footer's blurb is prose, but not the article's: with ``body-gap`` the
    footer links around it go, and so does the line right above it, since the
    article outweighs the blurb (a heading of the article's other part heads
    two prose lines or more). The blurb stays. Without ``body-gap`` the lines
    within two lines of the blurb stay, and the lowest line of the run above
    it (it could be a headline)."""
    article = ["Talks Resume in Minsk", "By Anna Smith", PROSE, PROSE_2, PROSE, PROSE_2]
    text = page(*article).replace(FOOTER[6], f"{BLURB}\n{FOOTER[6]}")
    out = context_rule.clean(text).split("\n")
    after = out[out.index(RECENT[1]) + 1 :]  # the first headline stays: within two lines of prose
    if "body-gap" in context_rule.rules[0].spec.data:
        assert after == [BLURB]
    else:
        assert after == FOOTER[3:6] + [BLURB] + FOOTER[6:8]


@pytest.mark.parametrize(
    "part",
    [
        ["What Comes Next", PROSE_2, "Sanctions", "Trade", "Energy", "Borders", "Visas", "Transit", PROSE],
        ["The Sanctions", PROSE_2, "The Trade", PROSE, "The Energy", PROSE_2, "The Borders", PROSE, "Visas", PROSE_2],
    ],
)
def test_the_articles_other_part_keeps_its_lists_and_subheadings(context_rule, part):
    """An article cut in two by a long list: the part of it that is not the
    body, when it holds as much prose as the body, keeps its list between two
    paragraphs and its subheadings."""
    body = ["Talks Resume in Minsk", PROSE, PROSE_2]
    listed = [f"Result {name}" for name in "ABCDEFGHIJKLMNOPQRST"]
    out = context_rule.clean(page(*body, *listed, *part)).split("\n")
    assert [line for line in out if line not in CHROME and line not in listed] == body + part


def test_what_stands_around_teasers_goes_when_the_body_outweighs_them(context_only, builtin):
    """When the body holds more prose than the rest of the page (it is clearly
    found, the page clearly whole), a line right above a lone sentence away
    from it (a teaser's headline) and a list between two such sentences go
    with ``body-gap``: a "More stories" block, not the article's other part.
    A heading of two prose lines or more still stays; without ``body-gap``
    every prose line shields its neighbours."""
    body = ["Talks Resume in Minsk", PROSE, PROSE_2, PROSE, PROSE_2, PROSE, PROSE_2]
    listed = [f"Result {name}" for name in "ABCDEFGHIJKLMNOPQRST"]
    teasers = ["What Comes Next", PROSE_2, "Sanctions", "Trade", "Energy", "Borders", "Visas", "Transit", PROSE]
    headed = ["Voices From Minsk", PROSE, PROSE_2]
    text = page(*body, *listed, *teasers, *listed, *headed)
    kept = [line for line in builtin.clean(text).split("\n") if line not in CHROME and line not in listed]
    assert kept == body + [PROSE_2, PROSE] + headed
    kept = [line for line in context_only.clean(text).split("\n") if line not in CHROME and line not in listed]
    assert kept == body + teasers + headed


HEADLINES = ["Storm Season Begins Early", "Rangers Beat the Kings", "Ferry Service Resumes", "Schools Close Early"]
DATED = ["Posted 12.05.2021 at 12:04", "Updated 12.05.2021 at 18:30"]
AFTER_BODY = "    body-gap: 15\n    after-body-min-lines: 4\n    after-body-min-share: 0.6\n"


def test_below_a_body_that_outweighs_the_page_shorter_runs_go(rules_only):
    """Below the article's body, when it holds more prose than the rest of the
    page, four link-like lines between dated lines go with
    ``after-body-min-lines: 4``; without the key (five) they stay, and with
    it the same four above the article stay: place is the evidence."""
    article = ["Talks Resume in Minsk", "By Anna Smith", PROSE, PROSE_2, PROSE, PROSE_2]
    below = page(*article, *DATED, *HEADLINES, *DATED)
    above = page(*DATED, *HEADLINES, *DATED, *article)
    with_keys, without = rules_only(RULE + AFTER_BODY), rules_only(RULE + "    body-gap: 15\n")
    assert not set(HEADLINES) & set(with_keys.clean(below).split("\n"))
    assert set(HEADLINES) <= set(without.clean(below).split("\n"))
    assert set(HEADLINES) <= set(with_keys.clean(above).split("\n"))


def test_below_a_body_that_does_not_outweigh_the_page_runs_need_their_usual_length(rules_only):
    """When the page's other prose (three teasers far apart, each shorter than
    the article) outweighs the body, the body is not clearly the article's:
    below it, runs need ``min-lines`` as anywhere; with one teaser they go."""
    article = ["Talks Resume in Minsk", PROSE, PROSE_2, *DATED, *HEADLINES, *DATED]
    far_apart = [*RECENT, *ARCHIVE]  # more than body-gap lines
    rule = rules_only(RULE + AFTER_BODY)
    three = page(*article, *far_apart, PROSE, *far_apart, PROSE, *far_apart, PROSE)
    assert set(HEADLINES) <= set(rule.clean(three).split("\n"))
    one = page(*article, *far_apart, PROSE)
    assert not set(HEADLINES) & set(rule.clean(one).split("\n"))


LOWER_MENU = ["world", "u.s.", "politics", "new york", "business", "tech", "science", "real estate", "jobs", "magazine"]


def test_a_menu_in_lower_case_goes_and_an_articles_lower_case_list_stays(context_rule):
    """Labels in lower case count as link-like among other lines (the first two
    stay: within two lines of prose); an article's list of them between two
    paragraphs stays."""
    ingredients = ["flour", "sugar", "butter", "baking powder", "milk", "a pinch of salt"]
    article = ["Talks Resume in Minsk", PROSE, *ingredients, PROSE_2]
    out = context_rule.clean(page(*article, *LOWER_MENU)).split("\n")
    assert [line for line in out if line not in CHROME] == article + LOWER_MENU[:2]


def test_a_page_whose_links_are_in_lower_case_is_a_whole_page(context_rule):
    """The guard counts the labels in lower case too: a site whose menus and
    tags are all in lower case is a whole page, and they go."""
    tags = "apple banana cherry grape lemon mango melon olive onion orange peach pear plum potato radish".split()
    tags += [f"{tag} pie" for tag in tags]
    article = ["Talks Resume in Minsk", PROSE, PROSE_2]
    out = context_rule.clean("\n".join(["Daily Courier", *LOWER_MENU, *article, *tags, *LOWER_MENU]))
    # "u.s." (dots) is no label and cuts the run; "jobs" is the lowest line of a run right above
    # the article (its headline, perhaps), "magazine" and two tags stand within two lines of prose
    kept = ["Daily Courier", "world", "u.s.", "jobs", "magazine", *article, *tags[:2], "u.s."]
    assert out.split("\n") == kept


SHARE_WIDGET = ["Share this", "Email", "Facebook", "Twitter", "WhatsApp", "LinkedIn", "Reddit", "Pinterest"]
SHARE_WIDGET += ["Print", "Copy link", "More on this story", "Top Stories", "Most Read", "Watched", "Comments", "Close"]
SHARE_LINES = (
    "  - id: t.share\n    kind: drop-line\n    where: anywhere\n    lines: [" + ", ".join(SHARE_WIDGET) + "]\n"
)
TEASER = "Storm leaves thousands without power in the north, and crews work through the night."
TEASER_2 = "City council approves a new budget for schools after a long debate on Tuesday."


def test_lines_other_rules_dropped_below_the_body_end_it(rules_only):
    """A share widget and a "More on this story" block that line rules took
    (16 lines) end the article: with ``body-gap-dropped`` they count in
    ``body-gap``, and the teasers after them (a headline, a sentence, again)
    are not the article's, so the headlines around them go; without it the
    teasers, now close below the article, join its body and shield them."""
    article = ["Talks Resume in Minsk", PROSE, PROSE_2, PROSE, PROSE_2]
    teasers = [HEADLINES[0], TEASER, *HEADLINES[1:], "Harbour Reopens to Ships", TEASER_2]
    text = page(*article, *SHARE_WIDGET, *teasers)
    rule = RULE + "    body-gap: 15\n"
    ended = rules_only(rule + "    body-gap-dropped: true\n" + SHARE_LINES).clean(text).split("\n")
    # the first headline stands within two lines of the article (the widget's lines take no place)
    assert [line for line in ended if line not in CHROME] == [*article, HEADLINES[0], TEASER, TEASER_2]
    joined = rules_only(rule + SHARE_LINES).clean(text).split("\n")
    assert [line for line in joined if line not in CHROME] == [*article, *teasers]


def test_lines_other_rules_dropped_above_the_body_do_not_move_its_start(rules_only):
    """Above the article the body starts as before: a headline, its deck and a
    caption (prose) above an advertisement block that line rules took and a
    short sidebar still stand with the body, and the deck stays."""
    head = ["Katrina kills 50 in one Mississippi county", "Tropical storm heads toward Tennessee, Ohio River Valley"]
    caption = "An SUV is crushed by fallen bricks after Hurricane Katrina hit New Orleans Monday."
    sidebar = ["Special Report", "Interactive: Safety Tips", "Gallery: Top 10 worst hurricanes"]
    article = [PROSE, PROSE_2, PROSE, PROSE_2, PROSE, PROSE_2]
    text = page(*head, caption, *SHARE_WIDGET, *sidebar, *article)
    out = rules_only(RULE + "    body-gap: 15\n    body-gap-dropped: true\n" + SHARE_LINES).clean(text).split("\n")
    assert [line for line in out if line not in CHROME] == [*head, caption, *sidebar, *article]


def test_a_teaser_cut_short_does_not_extend_the_body(rules_only):
    """With ``body-gap``, sentences cut short with an ellipsis ("…", "...")
    under the headlines of a list below the article are a teaser's: they do
    not join the article's body, and the headlines between them go; whole
    sentences there would (their headlines stay, as an article's other part's)."""
    context_rule = rules_only(RULE + "    body-gap: 15\n")
    article = ["Talks Resume in Minsk", PROSE, PROSE_2, PROSE, PROSE_2]
    cut = ["Storm leaves thousands without power in the north, and crews …", "City council approves a budget for..."]
    whole = ["Storm leaves thousands without power in the north, said crews.", "City council approves a new budget."]
    listed = [*HEADLINES, "Harbour Reopens to Ships", "Bakers Win the Bread Prize"]

    def teasers(sentences):
        return [*listed, sentences[0], *listed, sentences[1], *listed]

    out = context_rule.clean(page(*article, *teasers(cut))).split("\n")  # two lines of the body stay
    assert [line for line in out if line not in CHROME] == [*article, *listed[:2], *cut]
    out = context_rule.clean(page(*article, *teasers(whole))).split("\n")
    kept = [line for line in out if line not in CHROME]
    assert kept[: len(article) + 14] == [*article, *teasers(whole)[:14]]  # the lists between them stay


def test_an_articles_sentence_ending_in_an_ellipsis_stays_in_its_body(context_rule):
    """A paragraph of the article that trails off ("…") between two others
    stays in the body: the list after it, between two of the body's
    paragraphs, stays whole."""
    trailing = "He paused, looked at the delegates and said that they would see…"
    listed = ["Sanctions", "Trade", "Energy", "Borders", "Visas", "Transit"]
    article = ["Talks Resume in Minsk", PROSE, trailing, *listed, PROSE_2, PROSE]
    out = context_rule.clean(page(*article)).split("\n")
    assert [line for line in out if line not in CHROME] == article


def test_below_a_clear_body_a_headline_lists_dates_go_with_it(rules_only):
    """Below a body that outweighs the page, a headline list whose every
    headline has its date under it ("13 Oct 05 | Technology") goes with
    ``after-body-dates``: the dates are members of the run, not breaks in it.
    The story's own date right under it stays (within ``distance``), and so
    does the same list above the article; without the key the dates cut the
    list into runs of one, and it stays."""
    article = ["Talks Resume in Minsk", PROSE, PROSE_2, PROSE, PROSE_2, "Posted 12.05.2021 at 12:04"]
    dated = ["13 Oct 05 | Have Your Say", "12 Oct 05 | Technology", "12 Oct 05 | Business", "28 Sep 05 | Music"]
    listed = [line for pair in zip(HEADLINES, dated) for line in pair]
    rule = RULE + "    body-gap: 15\n" + AFTER_BODY.replace("    body-gap: 15\n", "")
    with_key = rules_only(rule + "    after-body-dates: true\n")
    below = with_key.clean(page(*article, *listed)).split("\n")
    assert [line for line in below if line not in CHROME] == [*article, HEADLINES[0]]  # within two lines of prose
    above = with_key.clean(page(*listed, *article)).split("\n")  # its first headline goes with the menu
    assert [line for line in above if line not in CHROME] == [*listed[1:], *article]
    without = rules_only(rule).clean(page(*article, *listed)).split("\n")
    assert [line for line in without if line not in CHROME] == [*article, *listed]


def test_the_headline_stays_when_the_title_leaves_out_its_apostrophe(context_only):
    """A title often loses a headline's apostrophe ("Irans newest combat jet |
    Fox News"): the headline's copy in a "Most read" list far below is still
    the headline, and stays; the list's other lines go."""
    headline = "Iran’s envoy returns to Minsk for talks"
    most_read = ["Most Read", *HEADLINES, headline, "Harbour Reopens to Ships", "Bakers Win the Bread Prize"]
    text = page("Talks Resume in Minsk", PROSE, PROSE_2, *FOOTER, *most_read)
    text = "Irans envoy returns to Minsk for talks | Daily Courier\n" + text.split("\n", 1)[1]
    out = context_only.clean(text).split("\n")
    assert headline in out
    assert not set(most_read) - {headline} & set(out)


def test_below_a_clear_body_a_widgets_counts_go_with_its_links(rules_only):
    """A share widget's counters ("0", "1 / 5") between its buttons below the
    article are members of the run with ``after-body-dates``, not breaks in
    it; a table's numbers between two of the article's paragraphs stay."""
    buttons = ["Share on Facebook", "0", "Share on Twitter", "0", "Share by Email", "1 / 5", "Print This Page", "0"]
    table = ["Votes", "27.4%", "Turnout", "61.0%", "Seats", "42"]
    article = ["Talks Resume in Minsk", PROSE, PROSE_2, *table, PROSE, PROSE_2]
    rule = RULE + "    body-gap: 15\n" + AFTER_BODY.replace("    body-gap: 15\n", "")
    out = rules_only(rule + "    after-body-dates: true\n").clean(page(*article, *buttons)).split("\n")
    assert [line for line in out if line not in CHROME] == [*article, *buttons[:2]]  # within two lines of prose
    out = rules_only(rule).clean(page(*article, *buttons)).split("\n")
    assert [line for line in out if line not in CHROME] == [*article, *buttons]


def test_a_list_between_a_clear_bodys_end_and_a_teaser_goes(rules_only):
    """Below a body that outweighs the page, a list that a teaser (not the
    article's prose) closes is the page's: beyond two lines of the body, it
    goes. The same list leading into the article's next paragraph, or into
    its first, stays whole."""
    listed = [*HEADLINES, "Harbour Reopens to Ships", "Bakers Win the Bread Prize"]
    teaser = "Storm leaves thousands without power in the north, and crews …"
    article = ["Talks Resume in Minsk", PROSE, PROSE_2, PROSE, PROSE_2]
    rule = rules_only(RULE + "    body-gap: 15\n")
    below = rule.clean(page(*article, *listed, teaser)).split("\n")
    assert [line for line in below if line not in CHROME] == [*article, *listed[:2], teaser]
    inside = [*article[:3], *listed, *article[3:]]
    assert [line for line in rule.clean(page(*inside, teaser)).split("\n") if line not in CHROME] == [*inside, teaser]
    above = [teaser, *listed, *article]
    assert [line for line in rule.clean(page(*above)).split("\n") if line not in CHROME] == above


def test_headlines_opening_with_a_quote_go_and_a_quoted_line_of_the_article_stays(context_only):
    """A headline quoting a name ("'American Idol' Finale …", "„Red levens“ –
    Leben retten") or behind an arrow or a hyphen ("← Older Posts", "-Real
    Estate") is a link's text like any other; inside the article, a poem's
    first line opening with a quote and a list of hyphened items stay,
    between two prose lines."""
    quoted = [
        "'American Idol' Finale Draws Record Crowds",
        "“Hope” Returns to the Stage",
        "„Red levens“ – Leben retten",
    ]
    quoted += ["« Le Monde » change de mains", "← Older Posts", "-Real Estate", "-Enterprise Tech", *RECENT[5:]]
    article = ["Talks Resume in Minsk", PROSE, *POEM, PROSE_2, "-Sanctions", "-Transit Fees", PROSE, PROSE_2]
    text = "\n".join(["Daily Courier", *MENU_LINES, *article, *ARCHIVE, *quoted, *FOOTER])
    out = context_only.clean(text).split("\n")
    assert [line for line in out if line not in CHROME] == article
    assert not set(quoted) & set(out)


def test_below_a_clear_body_a_widgets_notes_go_with_its_links(rules_only):
    """A comment form's and a widget's notes ("Thank you for your support!",
    "No comments yet.") between their buttons below the article are members
    of the run with ``after-body-notes``; the article's own short sentences
    (an interview's "He laughed.", "Why?") between its paragraphs, and its
    closing "Thank you." right under the body, stay."""
    widget = ["Share on Facebook", "Thank you for your support!", "Share on Twitter", "No comments yet."]
    widget += ["Leave a Comment", "Log in to reply.", "Print This Page"]
    article = ["Talks Resume in Minsk", PROSE, "He laughed.", PROSE_2, "Why?", PROSE, PROSE_2, "Thank you."]
    rule = RULE + "    body-gap: 15\n" + AFTER_BODY.replace("    body-gap: 15\n", "")
    out = rules_only(rule + "    after-body-notes: true\n").clean(page(*article, *widget)).split("\n")
    assert [line for line in out if line not in CHROME] == [*article, widget[0]]  # within two lines of prose
    out = rules_only(rule).clean(page(*article, *widget)).split("\n")  # the notes cut the widget's runs
    assert [line for line in out if line not in CHROME] == [*article, *widget[:-1]]
