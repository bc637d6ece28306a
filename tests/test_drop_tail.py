"""drop-tail: a marker near the end takes itself and what follows; with
``prose-share``, only when most of the prose stands above it."""

import pytest

PROSE = "The ministers met on Monday and agreed to meet again in the spring."
OTHER = "She spoke to reporters in Minsk after a meeting with her counterparts."
RULES = """\
rules:
  - id: t.footer
    kind: drop-tail
    marker: End of page
    within: 6
    prose-share: 0.7
  - id: t.anywhere
    kind: drop-tail
    marker: Stop here
    within: 6
"""


@pytest.fixture(scope="module")
def cleaner(rules_only):
    return rules_only(RULES)


@pytest.mark.parametrize(
    "text, expected",
    [
        (f"Title\n{PROSE}\n{OTHER}\nEnd of page\nImpressum\nKontakt", f"Title\n{PROSE}\n{OTHER}"),
        # a little prose after the marker is allowed: 70% of it stands above
        (f"{PROSE}\n{OTHER}\n{PROSE}\nEnd of page\n{OTHER}", f"{PROSE}\n{OTHER}\n{PROSE}"),
        # without prose-share the place in the window is all that counts
        (f"Title\nStop here\n{PROSE}\n{OTHER}", "Title"),
        # of two markers in the window, the topmost that has the prose above it
        (f"Title\nEnd of page\n{PROSE}\n{OTHER}\nEnd of page\nKontakt", f"Title\nEnd of page\n{PROSE}\n{OTHER}"),
    ],
)
def test_the_tail_goes(cleaner, text, expected):
    assert cleaner.clean(text) == expected
    assert cleaner.clean(expected) == expected


@pytest.mark.parametrize(
    "text",
    [
        # the marker above the story (a wire copy's notice): the prose is after it
        f"Title\nEnd of page\n{PROSE}\n{OTHER}",
        # as much prose after it as before
        f"{PROSE}\nEnd of page\n{OTHER}",
        # outside the window
        f"{PROSE}\nEnd of page\n" + "\n".join(f"Item {n}" for n in range(6)),
    ],
)
def test_the_article_stays(cleaner, text):
    assert cleaner.clean(text) == text
