"""drop-records: a comment thread or a block of teasers after the article goes;
an interview, a list of quotes, a timeline, a live blog, a bibliography or a
table inside the article stays, and so does every Wikinews article."""

import json
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from cleaner import Cleaner, Config

ROOT = Path(__file__).resolve().parents[1]
WIKINEWS = [json.loads(line)["text"] for line in (ROOT / "tests/corpus/wikinews/articles.jsonl").open()]

ARTICLE = [
    "The ministers met on Monday and agreed to meet again in the spring, officials said.",
    "Both delegations described the talks as difficult but useful, and neither side gave details.",
    "The talks began years ago, and the record shows how slowly they have moved since then.",
    "The first meeting was held in Minsk, the second in Geneva, and the third was called off.",
    "Each round ended with a short statement from both delegations and no questions taken.",
]
# the thread of a real blog page (trafilatura's evaluation, traf-0056), shortened
THREAD = [
    "11 responses to “The Loneliest Woman in the World”",
    "Art Edwards says:",
    "July 11, 2011 at 12:25 pm",
    "So true. These singles will always have a special place for me.",
    "Reply",
    "Harry Paterson says:",
    "July 11, 2011 at 2:54 pm",
    "Now that was great writing. Thoroughly enjoyable. Nice work, Tim.",
    "Reply",
    "dwoz says:",
    "July 11, 2011 at 3:14 pm",
    "I’d be willing to go along with you for the ride, but for two little words:",
    "Diane Warren.",
    "Reply",
    "Gloria says:",
    "July 30, 2011 at 7:48 pm",
    "The Wilson sisters are goddesses. This was a fun breakdown of a fun 80s rock ballad.",
]
TEASERS = [
    "Other recent stories",
    "The Belmarsh Tribunal put the US on trial",
    "Read more",
    "Cooperatives must be centre stage as the century unfolds",
    "Read more",
    "Why the strike at the port matters",
    "Read more",
]
FOOTER = ["Leave a Reply", "Your email address will not be published.", "© 2021 Daily Courier"]

RULES = """\
rules:
  - id: t.comments
    kind: drop-records
    patterns: ['\\w+ \\d{1,2}, \\d{4} at \\d{1,2}:\\d\\d [ap]m']
    min-prose-before: 5
  - id: t.teasers
    kind: drop-records
    marks: end
    lines: [Read more]
    max-record-lines: 6
"""


@pytest.fixture(scope="module")
def records_only(rules_only):
    return rules_only(RULES)


@pytest.fixture(scope="module")
def builtin():
    return Cleaner()


def text(*lines: str) -> str:
    return "\n".join(lines)


def test_a_comment_thread_after_the_article_goes(records_only):
    """Every record from the first date on; the byline above the first date
    ("Art Edwards says:") and the thread's heading stay."""
    out = records_only.clean(text(*ARTICLE, *THREAD, *FOOTER))
    assert out == text(*ARTICLE, *THREAD[:2], *FOOTER)


def test_the_builtin_rules_take_the_thread_and_its_form(builtin):
    """The thread's heading ("11 responses to “…”") cuts the tail once the
    article's prose stands above it (chrome.comments-heading), its first byline
    with it; the records and the form go even without it."""
    out = builtin.clean(text(*ARTICLE, *THREAD, *FOOTER))
    assert out == text(*ARTICLE)
    out = builtin.clean(text(*ARTICLE, *THREAD[1:], *FOOTER))
    assert out == text(*ARTICLE, THREAD[1])


# captions of a gallery embedded in a story, one line each (Readability's independent.co.uk page, shortened)
GALLERY = [
    "- 1/50 United goin down Manchester United's absence from the Champions League hurt more than the fans' pride.",
    "- 2/50 Star Wars boosts economy Production of the next Star Wars movie has brought £150 million to Britain.",
    "- 3/50 Natalie Massenet Leaves Net-a-Porter The founder decided to quit the online fashion retailer.",
    "- 4/50 I'll keep working, says Mayer The chief executive of Yahoo said that she was expecting twin girls.",
]
ONE_LINE_RECORDS = """\
rules:
  - id: t.gallery
    kind: drop-records
    patterns: ['- \\d+/50 .+']
    min-record-lines: {lines}
    max-record-lines: {lines}
    min-prose-before: 5
"""


def test_one_line_records_go_without_the_line_below(rules_only):
    """With records of one line, markers on adjacent lines are records of
    their own, and the last takes no line below it: the article's next
    paragraph stays. With records of two lines or more they are one record
    (a table's dated rows), which is no thread."""
    document = text(*ARTICLE, *GALLERY, ARTICLE[0])
    assert rules_only(ONE_LINE_RECORDS.format(lines=1)).clean(document) == text(*ARTICLE, ARTICLE[0])
    assert rules_only(ONE_LINE_RECORDS.format(lines=2)).clean(document) == document


def test_a_gallery_inside_the_story_goes_and_a_gallery_story_stays(builtin):
    """threads.gallery-captions: the captions after most of the prose go; a
    gallery whose captions are the story, after a short introduction, stays."""
    assert builtin.clean(text(*ARTICLE, ARTICLE[0], *GALLERY, ARTICLE[1])) == text(*ARTICLE, *ARTICLE[:2])
    assert builtin.clean(text(ARTICLE[0], *GALLERY)) == text(ARTICLE[0], *GALLERY)


def test_teasers_after_the_article_go(records_only):
    """The records closed by "Read more"; the first takes as many lines as the
    shortest after it, so the article's last paragraph and the heading stay."""
    out = records_only.clean(text(*ARTICLE, *TEASERS, *FOOTER))
    assert out == text(*ARTICLE, TEASERS[0], *FOOTER)


def test_two_records_are_not_a_thread(records_only):
    thread = THREAD[:9]
    assert records_only.clean(text(*ARTICLE, *thread)) == text(*ARTICLE, *thread)


@pytest.mark.parametrize(
    "document",
    [
        # the thread is the document: no article before it (a forum page, a live blog)
        [ARTICLE[0], *THREAD],
        # a timeline inside the article, its last paragraphs after it
        [
            *ARTICLE,
            "Feb 11, 2015 at 9:00 am",
            "The leaders signed the package of measures after sixteen hours of talks.",
            "Sep 1, 2015 at 12:00 pm",
            "A new ceasefire took effect along the line of contact.",
            "Dec 30, 2015 at 4:30 pm",
            "The contact group agreed to extend the measures into the next year.",
            *ARTICLE[:3],
        ],
        # an interview's questions, each closed by "Read more", the answers after them
        [
            *ARTICLE[:3],
            "Why did the talks fail?",
            "Read more",
            "Who leads?",
            "Read more",
            "What next?",
            "Read more",
            *ARTICLE,
        ],
        # records of one line: a table's dated rows
        [*ARTICLE, *[f"Aug {day}, 2020 at 6:00 pm | 400 | {day * 3}" for day in range(1, 9)]],
        # a forum page: long posts first (markers far apart), then short ones
        [
            *[line for day in (1, 2, 3) for line in (f"Mar {day}, 2011 at 2:17 pm", *ARTICLE * 3)],
            *[line for day in (4, 5, 6) for line in (f"Mar {day}, 2011 at 2:17 pm", ARTICLE[day - 4])],
        ],
        # records too long: dates far apart in a long text
        [
            *ARTICLE,
            "Mar 3, 2015 at 10:02 am",
            *ARTICLE * 3,
            "Mar 4, 2015 at 10:02 am",
            *ARTICLE * 3,
            "Mar 5, 2015 at 9:00 am",
        ],
    ],
)
def test_records_inside_the_article_stay(records_only, document):
    assert records_only.clean(text(*document)) == text(*document)


# Inside an article: an interview, quotes with their attributions, a bibliography, a live blog's
# entries under their times, a list of results with dates. None of them may lose a line.
ARTICLE_SHAPES = [
    [
        "Q: What did the ministers agree?",
        "A: To meet again in the spring, and to say nothing before then.",
        "Q: Will they meet in Minsk?",
        "A: Nobody knows yet, and the ministry is not saying.",
        "Q: What comes next?",
        "A: A long wait for the agenda.",
    ],
    [
        "“We will meet again in the spring,” the minister said.",
        "— Anna Smith, March 3, 2015",
        "“Nothing has been decided,” his deputy said.",
        "— John Doe, March 4, 2015",
        "“The talks were useful,” a diplomat said.",
        "— Jane Roe, March 5, 2015",
    ],
    [
        "Smith, A. (2015). Talks in Minsk. Journal of Diplomacy, 12(3), 45–67.",
        "Doe, J. (2016). The spring round. Foreign Affairs Review, 8, 1–20.",
        "Roe, J. (2017). A long wait. Minsk: Academic Press.",
    ],
    ["10:02 am", ARTICLE[1], "11:15 am", ARTICLE[2], "1:40 pm", ARTICLE[3]],
    ["March 3, 2015", ARTICLE[1], "March 4, 2015", ARTICLE[2], "March 5, 2015", ARTICLE[3]],
]


@pytest.mark.parametrize("shape", ARTICLE_SHAPES)
@pytest.mark.parametrize("where", ["end", "middle"])
def test_an_articles_own_records_stay(builtin, shape, where):
    document = [*ARTICLE, *shape] if where == "end" else [*ARTICLE, *shape, *ARTICLE[:3]]
    assert builtin.clean(text(*document)) == text(*document)


@pytest.mark.parametrize("number", range(len(WIKINEWS)))
def test_real_articles_stay_whole(builtin, number):
    """No line of 43 Wikinews stories and interviews goes to the thread rules,
    with a real thread after them or not."""
    threads = Cleaner(Config(select=("threads",)))
    article = WIKINEWS[number]
    assert threads.clean(article) == article
    assert threads.clean(text(article, *THREAD[:2])) == text(article, *THREAD[:2])


LINES = st.sampled_from([*ARTICLE, *THREAD, *TEASERS, *FOOTER, "", "March 3, 2015"])


@given(st.lists(LINES, min_size=5, max_size=80))
def test_cleaning_twice_is_cleaning_once(records_only, builtin, lines):
    for cleaner in (records_only, builtin):
        once = cleaner.clean(text(*lines))
        assert cleaner.clean(once) == once
