"""Where a recurring line stands: evidence that it is part of its site's template.

``suggest`` learns a line that recurs in a site's documents as chrome by its
number, its shape and its place. The place it knew was the edges (the first
and last lines); a menu or a footer in the middle of a page, or a layout that
served only a few pages, needs other evidence: its neighbours. A template's
line stands among the same lines on every page of its layout; a recurring
subheading, a quotation or a dateline stands among each article's own lines.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Optional

import regex

from .shapes import is_dated, is_prose

TEMPLATE_DOCS = 0.6  # share of min_docs documents a short template line needs (3 of 5)
RUN_DOCS = 2  # documents that prove a short line of a run between a layout's learned lines
TEMPLATE_SHARE = 0.9  # share of its documents in which a template line has the same neighbour
ARTICLES_KEPT = 5  # distinct articles counted per line: a template line must stand in as many
NUMBER = regex.compile(r"\d+")


@dataclass
class Place:
    """Evidence that a line is part of its site's template: the line above it
    and the line below it in the first document that had one (digests), and
    in how many documents each was the same; and the articles it stood in (the
    digests of their longest lines, up to ``ARTICLES_KEPT``), so that copies
    of one article, which share every line and its neighbours, are no template.
    Bounded: two digests, two counts and at most ``ARTICLES_KEPT`` digests a line."""

    above: Optional[bytes] = None
    below: Optional[bytes] = None
    same_above: int = 0
    same_below: int = 0
    articles: tuple = ()

    def add(self, above: Optional[bytes], below: Optional[bytes], article: bytes) -> None:
        """One more document, where ``above`` and ``below`` stood around the line (None at an end)."""
        if above is not None and self.above in (None, above):
            self.above, self.same_above = above, self.same_above + 1
        if below is not None and self.below in (None, below):
            self.below, self.same_below = below, self.same_below + 1
        if len(self.articles) < ARTICLES_KEPT and article not in self.articles:
            self.articles += (article,)

    def merge(self, other: Place) -> None:
        """Add what ``other`` saw in other documents (its first neighbours count when they are ours)."""
        if other.above is not None and self.above in (None, other.above):
            self.above, self.same_above = other.above, self.same_above + other.same_above
        if other.below is not None and self.below in (None, other.below):
            self.below, self.same_below = other.below, self.same_below + other.same_below
        for article in other.articles:
            if len(self.articles) < ARTICLES_KEPT and article not in self.articles:
                self.articles += (article,)

    def surrounded(self, docs: int) -> bool:
        """The same line above it and the same line below it in each of its
        ``docs`` documents, and these are different articles."""
        return self.same_above == self.same_below == docs and len(self.articles) >= min(docs, ARTICLES_KEPT)

    def is_template(self, docs: int) -> bool:
        """The same line above it, or below it, in ``TEMPLATE_SHARE`` of its ``docs``
        documents, and these are different articles."""
        same = max(self.same_above, self.same_below)
        return same >= TEMPLATE_SHARE * docs and len(self.articles) >= min(docs, ARTICLES_KEPT)

    def proves(self, line: str, docs: int, forms, min_docs: int) -> bool:
        """Is ``line``, in ``docs`` documents with these ``forms``, part of its
        site's template (``is_template``: the same neighbour in nearly every
        document, different articles)? Then fewer documents prove it
        (``TEMPLATE_DOCS`` of ``min_docs``: a layout may have served ten
        pages), and a sentence is chrome too (a copyright or a disclaimer
        footer) when it recurs in ``min_docs`` documents: a quotation that
        several articles repeat stands among each one's own sentences. A line
        whose number varies needs ``min_docs`` too: a table of contents' "7
        References" stands among "6 See also" and "8 External links" in every
        article ("11 References" among "10 See also" …); a list numbered the
        same on every page ("- 1 rihanna", a "Hot topics" box) is the template's,
        and so is a dated line, whose numbers are its date's ("- Last Updated:
        2:31 PM, April 19, 2013").
        """
        numbered = len({tuple(NUMBER.findall(form)) for form in forms}) > 1 and not is_dated(line)
        few = not is_prose(line) and not numbered
        return docs >= (TEMPLATE_DOCS * min_docs if few else min_docs) and self.is_template(docs)


def runs_between(surrounded: dict, learned: set) -> list:
    """The lines of ``surrounded`` (site and digest -> ``Place``: lines of few
    documents, each ``Place.surrounded``) that stand in a run of such lines
    between two lines of ``learned`` (site and digest): the same run of lines
    between the same two learned lines on two pages of different articles is
    a layout's (Big9 whole pages: latimes.com's and forbes.com's menus of a
    layout that served two pages, nymag.com's "Most popular" list of a day).
    A list that two articles of a series repeat has the same shape, but its
    run ends at their own lines, which no rule learned."""

    def ends_learned(key: tuple, side: str) -> bool:
        site, walked = key[0], set()
        while key in surrounded and key not in walked:
            walked.add(key)
            key = (site, getattr(surrounded[key], side))
        return key in learned

    return [key for key in surrounded if ends_learned(key, "above") and ends_learned(key, "below")]
