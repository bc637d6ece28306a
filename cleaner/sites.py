"""Sites: which site a document comes from, and which site-scoped rules it meets.

A record names its site in a field (``--site-field url``): the host of a URL,
or the field's value itself when it is not a URL. Hosts compare in lower case
without a leading ``www.``, so ``https://WWW.Inforos.ru/x`` is ``inforos.ru``.

>>> site_of("https://www.inforos.ru/en/?module=news&id=1")
'inforos.ru'
>>> site_of("thefrontierpost.com")
'thefrontierpost.com'
>>> site_of("  ")

A rule's ``sites`` are host globs: ``inforos.ru`` is that host, ``*.bbc.co.uk``
its subdomains. ``SiteIndex`` answers, once per distinct site, which scoped
rules apply there: a run meets each site's rules through one dictionary
lookup per document, however many sites the rule files know.

>>> index = SiteIndex({"a": ("inforos.ru",), "b": ("*.bbc.co.uk", "bbc.co.uk")})
>>> index.rules_for("inforos.ru"), index.rules_for("news.bbc.co.uk"), index.rules_for("cnn.com")
(('a',), ('b',), ())
"""

from __future__ import annotations

import fnmatch
from glob import escape as escape_glob
import re
from typing import Dict, Hashable, Optional, Tuple
from urllib.parse import urlsplit


def site_of(value: Optional[str]) -> Optional[str]:
    """The site a field's value names: a URL's host, else the value itself; None if empty."""
    if value is None:
        return None
    value = value.strip()
    if not value:
        return None
    host = urlsplit(value).hostname if "://" in value else None
    site = (host or value).lower()
    return site[4:] if site.startswith("www.") else site


def site_of_record(parsed, site_field: Optional[str]) -> Optional[str]:
    """The site a parsed record's ``site_field`` names (``formats.Parsed``), or None."""
    value = parsed.fields.get(site_field) if site_field else None
    return site_of(value) if isinstance(value, str) else None


ESCAPED = re.compile(r"\[([*?[])\]")  # a wildcard as glob.escape writes it, to stand for itself
ONE_SITE = re.compile(r"(?:[^*?[]|\[[*?[]\])+")


def site_glob(site: str) -> str:
    """The glob that names ``site`` and no other: a site field's value that is
    not a URL may hold a glob's wildcards, which a rule learned for it must
    not carry ("wire*feed" would also reach "wirexfeed").

    >>> site_glob("inforos.ru"), site_glob("wire*feed")
    ('inforos.ru', 'wire[*]feed')
    """
    return escape_glob(site)


def example_site(globs: Tuple[str, ...]) -> Optional[str]:
    """The site a rule's examples come from: the first of its ``sites`` that
    names one host (not a glob, or a glob of escaped wildcards only: ``site_glob``), or None.

    >>> example_site(("*.bbc.co.uk", "bbc.co.uk")), example_site(("*.example",)), example_site(("wire[*]feed",))
    ('bbc.co.uk', None, 'wire*feed')
    """
    for pattern in globs:
        if ONE_SITE.fullmatch(pattern):
            return ESCAPED.sub(r"\1", pattern).lower()
    return None


def site_of_example(example, globs: Tuple[str, ...]) -> Optional[str]:
    """The site of one example of a rule (``kinds.Example``): its own, else ``example_site(globs)``."""
    return example.site or example_site(globs)


class SiteIndex:
    """Which keys (rules) apply on each site, given each key's host globs.

    Globs without wildcards are looked up directly; the others are tried once
    per site, and the answer is remembered.
    """

    def __init__(self, scopes: Dict[Hashable, Tuple[str, ...]]):
        self.exact: Dict[str, list] = {}
        self.wild: list = []
        for key, globs in scopes.items():
            for glob in globs:
                glob = glob.lower()
                if "*" in glob or "?" in glob or "[" in glob:  # (any() over the three: a tenth of loading 20,000 rules)
                    self.wild.append((glob, key))
                else:
                    self.exact.setdefault(glob, []).append(key)
        self._known: Dict[str, tuple] = {}

    def rules_for(self, site: str) -> tuple:
        found = self._known.get(site)
        if found is None:
            keys = list(self.exact.get(site, ()))
            keys += [key for glob, key in self.wild if key not in keys and fnmatch.fnmatchcase(site, glob)]
            found = self._known[site] = tuple(keys)
        return found
