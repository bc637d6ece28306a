"""Does a line head its page's own text? Evidence for ``suggest``'s mining.

A label can recur on every page of a site and still belong to each page's
article: CNN's "Story Highlights" stands above the summary of the story below
it, and the gold of an extraction keeps it with the summary. A "Related" or
"More on" heading recurs the same way but opens other pages' headlines. What
tells them apart is what follows: the page's own sentences, whose words the
page's prose holds, or other stories' headlines, whose words it seldom does.
"""

from __future__ import annotations

from typing import Optional, Sequence

import regex

from .headlines import is_headline, title_words
from .shapes import MIN_SENTENCE_WORDS

OWN_LINES = 2  # the lines below a label of the page's own text that must be its own sentences
OWN_WORDS = 0.5  # the share of such a line's long words that the page's prose lines hold
LONG_WORD = regex.compile(r"\w{5,}")  # shorter words ("that", "with", "said") are every text's


class OwnText:
    """One document's lines (stripped, non-blank) and which of them are prose;
    what a line needs is found when first asked for, once (most lines never
    have two sentence-shaped lines below them)."""

    def __init__(self, lines: Sequence[str], prose: Sequence[bool]) -> None:
        self.lines, self.prose = lines, prose
        # lines that may be a summary's points: sentence-shaped (words counted by the spaces
        # between them, the cleaned text having single spaces), not paragraphs
        self.points = [not p and line.count(" ") >= MIN_SENTENCE_WORDS - 1 for line, p in zip(lines, prose)]
        self.own: dict[int, bool] = {}  # point -> is it the page's own sentence
        self.title: Optional[set] = None  # the words of the title (the first line)
        self.prose_words: Optional[set] = None  # the long words of the prose lines

    def follows(self, index: int) -> bool:
        """Do the page's own sentences follow line ``index`` (not itself prose):
        are the next ``OWN_LINES`` lines sentence-shaped but not paragraphs
        (a summary's points have no full stop), each with most of its long
        words in the page's prose, and neither the page's headline (the
        menu's last item stands above the headline and its standfirst, which
        the prose repeats too)? Any line right above the article's first
        paragraphs, chrome or not, has its paragraphs below it: they are no
        evidence.

        >>> from cleaner.shapes import is_prose
        >>> def follows(page, index=0):
        ...     return OwnText(page, [is_prose(line) for line in page]).follows(index)
        >>> body = ["The ministers resume their talks in Minsk this week, officials said.",
        ...         "A difficult week is ahead on the border, both delegations expect."]
        >>> summary = ["Talks on the border resume in Minsk", "Ministers expect a difficult week ahead"]
        >>> follows(["Story Highlights", *summary, *body])
        True
        >>> headlines = ["Storm leaves thousands of homes without power", "Museum reopens after two years of repairs"]
        >>> follows(["Related", *headlines, *body])
        False
        >>> follows(["Talks on the border resume in Minsk | Courier", "Subscribe", *summary, *body], 1)  # the headline
        False
        """
        following = range(index + 1, index + 1 + OWN_LINES)
        if self.prose[index] or following.stop > len(self.lines) or not all(self.points[i] for i in following):
            return False
        return all(self._own_sentence(i) for i in following)

    def labels(self) -> set:
        """The lines that ``follows`` holds for, asked only of those with a
        point below them (most lines of a page have none).

        >>> from cleaner.shapes import is_prose
        >>> page = ["Menu", "Story Highlights", "Talks on the border resume in Minsk",
        ...         "Ministers expect a difficult week ahead",
        ...         "The ministers resume their talks in Minsk this week, officials said.",
        ...         "A difficult week is ahead on the border, both delegations expect."]
        >>> OwnText(page, [is_prose(line) for line in page]).labels()
        {1}
        """
        points = self.points
        return {index for index in range(len(points) - OWN_LINES) if points[index + 1] and self.follows(index)}

    def _own_sentence(self, index: int) -> bool:
        """Is a point not the page's headline, most of its long words words of the page's prose?"""
        if index not in self.own:
            if self.title is None or self.prose_words is None:
                self.title = title_words(self.lines[0])
                prose = "\n".join(line for line, is_prose in zip(self.lines, self.prose) if is_prose)
                self.prose_words = _words(prose)  # one pass: no long word spans a line break
            words = _words(self.lines[index])
            self.own[index] = (
                not is_headline(self.lines[index], self.title)
                and bool(words)
                and len(words & self.prose_words) >= OWN_WORDS * len(words)
            )
        return self.own[index]


def _words(line: str) -> set:
    return set(LONG_WORD.findall(line.casefold()))
