"""``title-suffix``: take the site's own name off the end of a document's title."""

from __future__ import annotations

from typing import Optional

from ..changes import ChangeLog
from ..stages import InTurn
from ..titles import without_own_site
from .base import Rule, Spec
from .guard import Guard


class TitleSuffix(Rule):
    """Take the suffix off a document's first line ("Headline | Ars Technica"
    on arstechnica.com) when it names the document's own site: folded to
    Latin letters, its words spell the host's name, that name and one word
    more, its initials, or the initials of its first words and the rest
    (``titles.names_site``; a tagline after the name goes with it; when no
    suffix names the site, a prefix that does: "BfS - Headline"), and four
    words or more of the title are left. So a plain dump with ``--site-field url`` trims every
    site's own name without learning it first; a document whose site is
    unknown keeps its title, since there is nothing to compare the suffix with.
    """

    kind = "title-suffix"
    keys = ()
    stage = InTurn
    needs_site = True  # the pipeline gives each document's stages the rule bound to its site (``for_site``)

    def __init__(self, spec: Spec):
        super().__init__(spec)
        self.guard = Guard(spec)

    def apply(self, text: str, log: ChangeLog) -> str:
        return text  # the site is unknown

    def for_site(self, site: Optional[str]) -> "TitleSuffix | OwnSiteTitle":
        return self if site is None else OwnSiteTitle(self, site)


class OwnSiteTitle:
    """A ``title-suffix`` rule applied to the documents of one site."""

    def __init__(self, rule: TitleSuffix, site: str):
        self.rule = rule
        self.site = site

    def apply(self, text: str, log: ChangeLog) -> str:
        end = text.find("\n")
        title = text if end == -1 else text[:end]
        kept = without_own_site(title, self.site)
        if kept is None:
            return text
        log.at(text, 0, self.rule.id, title, kept)
        return kept + text[len(title) :]
