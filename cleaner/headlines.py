"""Is a line the article's headline, the one its page's title repeats? Whole-page
judgements (``context``) keep it, and own-text checks (``own_text``) do not take
it for the site's: a headline stands among a page's link-like lines as a menu
item does, and only the title tells it apart."""

from __future__ import annotations

import regex

WORD = regex.compile(r"\w+")
APOSTROPHE = regex.compile(r"(?<=\w)['’](?=\w)")
HEADLINE_WORDS = 3
HEADLINE_SHARE = 0.8


def title_words(line: str) -> set[str]:
    return set(_words(line))


def _words(line: str) -> list[str]:
    """The words of a headline or a title, an apostrophe left out: titles often
    lose it ("Irans newest combat jet | Fox News" over "Iran's newest combat jet").

    >>> _words("Iran's newest jet"), _words("Iran’s newest jet")
    (['irans', 'newest', 'jet'], ['irans', 'newest', 'jet'])
    """
    folded = line.casefold()
    if "'" in folded or "’" in folded:  # (most lines hold none: the regex call is the dearer test)
        folded = APOSTROPHE.sub("", folded)
    return WORD.findall(folded)


def is_headline(line: str, title: set[str]) -> bool:
    """Is ``line`` the headline that the page's title repeats ("Talks resume in
    Minsk" under "Talks resume in Minsk | Daily Courier")?

    >>> is_headline("Update | Talks resume in Minsk", title_words("Talks resume in Minsk - Daily Courier"))
    True
    >>> title = title_words("Talks resume in Minsk")
    >>> is_headline("Minsk", title_words("Minsk")), is_headline("More from Minsk today", title)
    (False, False)
    """
    words = _words(line)
    return len(words) >= HEADLINE_WORDS and sum(word in title for word in words) >= HEADLINE_SHARE * len(words)
