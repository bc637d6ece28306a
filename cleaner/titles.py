"""Title site suffixes: "Headline | Live Science", "Headline - WSJ", "Заголовок — РИА Новости".

A document's first line is its title when it has one. What follows its last
spaced separator (``|``, a dash, ``·``, ``•``, ``»``, ``/``, ``::``) is the site's
name, and a rule for ``suggest`` and ``dump --learn`` to remove (from a title
that keeps four words or more: ``KEPT_TITLE``), when:

- the same suffix ends many titles of the site (``min_docs`` titles and
  ``TITLE_SHARE`` of the site's documents), or
- it names the document's own site, even on a single page: folded to Latin
  letters, its words spell the host's name (``livescience.com``: "Live
  Science"), that name and one word more (``bbc.co.uk``: "BBC News",
  ``ria.ru``: "РИА Новости", ``selbermachen.de``: "selbermachen.de"), its
  initials (``wsj.com``: "The Wall Street Journal") or the initials of its
  first words and the rest (``nytimes.com``: "The New York Times"), with a
  leading article or "www" left out ("The Washington Post", "Die Zeit") and
  German umlauts also spelt out (``sueddeutsche.de``: "Süddeutsche.de").
  A tagline after the site's name goes with it ("Headline - LBV - Gemeinsam
  Bayerns Natur schützen" on ``lbv.de``); when no suffix names the site, a
  prefix that does goes ("BfS - Pressemitteilungen - Radon im Boden" on
  ``bfs.de``). The ``title-suffix`` kind trims a title so; ``suggest`` learns
  suffixes only.

>>> names_site("Live Science", "livescience.com"), names_site("РИА Новости", "ria.ru")
(True, True)
>>> names_site("The Wall Street Journal", "wsj.com"), names_site("BBC News", "news.bbc.co.uk")
(True, True)
>>> names_site("The New York Times", "nytimes.com"), names_site("Süddeutsche.de", "sueddeutsche.de")
(True, True)
>>> names_site("The Washington Post", "washingtonpost.com"), names_site("www.siegessaeule.de", "siegessaeule.de")
(True, True)
>>> names_site("Time to act", "time.com"), names_site("Reuters", "apnews.com"), names_site("New York", "nytimes.com")
(False, False, False)
>>> split_title("Scientists find a new moon | Live Science")
('Scientists find a new moon', 'Live Science')
>>> split_title("Tom - Jerry - The story"), split_title("No suffix here"), split_title("2:1 - 3:0")
(('Tom - Jerry', 'The story'), None, None)
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

import regex
from unidecode import unidecode

from .shapes import LETTER, is_chrome_shaped
from .sites import site_glob

SEPARATOR = r"[ \t]+(?:[|\-–—·•»/]|::)[ \t]+"
TITLE = regex.compile(rf"^(?P<title>.*\S){SEPARATOR}(?P<suffix>\S.*?)[ \t]*$")
PREFIXED = regex.compile(rf"^(?P<prefix>\S.*?){SEPARATOR}(?P<title>.*\S)[ \t]*$")  # "Site - Headline"
MAX_SUFFIX_WORDS = 5
MAX_SUFFIXES = 100_000  # suffixes counted before those seen once are forgotten
TITLE_SHARE = 0.3  # of its site's documents a learned suffix ends
# What a rule leaves of a title: four words or more. A shorter one ("About Us",
# "Streit ums Feuerholz") looks like a menu item or a chrome label to the line
# rules, which would then drop the title itself, and the headline below with it.
KEPT_TITLE = r"(?:[^ \t\n]+[ \t]+){3}[^\n]*\S"
SECOND_LEVEL = {"co", "com", "org", "net", "gov", "ac", "edu", "ne", "or"}  # bbc.co.uk, abc.net.au
ARTICLES = {"the", "der", "die", "das", "le", "la", "les", "el", "los", "las", "il", "lo"}  # "The Washington Post"
UMLAUTS = str.maketrans({"ä": "ae", "ö": "oe", "ü": "ue", "Ä": "Ae", "Ö": "Oe", "Ü": "Ue", "ß": "ss"})


def split_title(line: str):
    """The title and its suffix, when the line ends in a short suffix after a spaced separator."""
    match = TITLE.match(line)
    if match is None or not LETTER.search(match["title"]) or not LETTER.search(match["suffix"]):
        return None
    suffix = match["suffix"]
    if len(suffix.split()) > MAX_SUFFIX_WORDS or not is_chrome_shaped(suffix):
        return None
    return match["title"], suffix


def host_name(site: str) -> str:
    """The registered name of a host: ``news.bbc.co.uk`` is ``bbc``."""
    labels = site.split(".")
    if len(labels) >= 3 and labels[-2] in SECOND_LEVEL and len(labels[-1]) == 2:
        labels = labels[:-1]
    return labels[-2] if len(labels) >= 2 else labels[0]


def spellings(suffix: str):
    """The suffix's words, folded to Latin letters, as a site may spell its host:
    with German umlauts plain and spelt out, without "www" or a leading article."""
    for text in dict.fromkeys((suffix, suffix.translate(UMLAUTS))):
        words = regex.findall(r"[a-z0-9]+", unidecode(text).lower())
        words = words[1:] if words[:1] == ["www"] else words
        yield words
        if len(words) > 1 and words[0] in ARTICLES:
            yield words[1:]


def names_site(suffix: str, site: str) -> bool:
    """Does ``suffix`` name the site ``site`` (a host)? See the module's doc."""
    name = regex.sub(r"[^a-z0-9]", "", host_name(site).lower())
    if len(name) < 2:
        return False
    for words in spellings(suffix):
        if not words:
            continue
        initials = "".join(word[0] for word in words)
        if name in ("".join(words), "".join(words[:-1]), initials):
            return True
        # the initials of the first words and the rest: "New York Times" (nytimes), "Los Angeles Times" (latimes)
        if any(name == initials[:k] + "".join(words[k:]) for k in range(2, len(words))):
            return True
    return False


def split_prefix(line: str):
    """The site's name and the title, when the line starts with a short name and a spaced separator."""
    match = PREFIXED.match(line)
    if match is None or not LETTER.search(match["title"]):
        return None
    prefix = match["prefix"]
    if len(prefix.split()) > MAX_SUFFIX_WORDS or not is_chrome_shaped(prefix):
        return None
    return prefix, match["title"]


def without_own_site(line: str, site: str):
    """``line`` without its suffix (or, when none names the site, its prefix:
    "Site - Headline") when it names ``site`` and four words or more are left
    (``KEPT_TITLE``); else None.

    >>> without_own_site("Scientists find a new moon | Live Science", "livescience.com")
    'Scientists find a new moon'
    >>> without_own_site("Scientists find a new moon | Live Science", "space.com")
    >>> without_own_site("About us | BBC", "bbc.com")
    >>> without_own_site("Lebenszeichen von Bavaria nach zwei Monaten - LBV - Gemeinsam Bayerns Natur", "lbv.de")
    'Lebenszeichen von Bavaria nach zwei Monaten'
    >>> without_own_site("Tom and Jerry meet again - Time to act - Ideas", "time.com")
    >>> without_own_site("BfS - Pressemitteilungen - Radon im Boden: Neue Karte", "bfs.de")
    'Pressemitteilungen - Radon im Boden: Neue Karte'
    >>> without_own_site("jungle.world - Das Imperialismus-Phantom", "jungle.world")
    """
    found = split_title(line)
    if found is not None and not names_site(found[1], site):
        found = split_title(found[0])  # a tagline after the site's name: "Headline - Site - Tagline"
    if found is not None and names_site(found[1], site):
        kept = found[0]
    else:
        prefixed = split_prefix(line)
        if prefixed is None or not names_site(prefixed[0], site):
            return None
        kept = prefixed[1]
    return kept if regex.fullmatch(KEPT_TITLE, kept) else None


@dataclass
class TitleCandidate:
    site: str
    suffix: str
    docs: int  # titles of the site it ended
    share: float
    names_site: bool
    example: str  # a title it ended


class TitleCounter:
    """The suffixes of each site's titles, one document at a time."""

    def __init__(self) -> None:
        self.suffixes: Counter = Counter()  # (site, suffix) -> titles
        self.examples: dict = {}

    def add(self, title: str, site: str) -> None:
        found = split_title(title)
        if found is None:
            return
        key = (site, found[1])
        self.suffixes[key] += 1
        self.examples.setdefault(key, title)
        self._bound()

    def merge(self, other: TitleCounter) -> None:
        """Add the suffixes ``other`` counted in other documents."""
        self.suffixes.update(other.suffixes)
        for key, title in other.examples.items():
            self.examples.setdefault(key, title)
        self._bound()

    def _bound(self) -> None:
        if len(self.suffixes) > MAX_SUFFIXES:
            self.suffixes = Counter({k: v for k, v in self.suffixes.items() if v > 1})
            self.examples = {k: v for k, v in self.examples.items() if k in self.suffixes}

    def candidates(self, docs_per_site: Counter, min_docs: int) -> list:
        """The suffixes to remove, each site's most frequent first."""
        found = []
        for (site, suffix), count in self.suffixes.items():
            share = count / docs_per_site[site]
            own = bool(site) and names_site(suffix, site)
            if own or (count >= min_docs and share >= TITLE_SHARE):
                found.append(TitleCandidate(site, suffix, count, share, own, self.examples[(site, suffix)]))
        return sorted(found, key=lambda c: (c.site, -c.docs, c.suffix))


def title_rule(candidate: TitleCandidate, number: int) -> dict:
    """The draft ``replace`` rule that takes the suffix off the first line of the site's documents."""
    slug = regex.sub(r"[^a-z0-9]+", "-", candidate.site.lower()).strip("-") or "all"
    why = "it names the site" if candidate.names_site else f"it ends {candidate.docs} titles ({candidate.share:.0%})"
    return {
        "id": f"suggested.{slug}.title-{number}",
        **({"sites": [site_glob(candidate.site)]} if candidate.site else {}),
        "kind": "replace",
        "description": f"Suggested: the site's name after the title, as {why}.",
        "pattern": rf"\A(?P<title>{KEPT_TITLE}){SEPARATOR}{regex.escape(candidate.suffix)}[ \t]*$",
        "replacement": r"\g<title>",
        "examples": [
            {"input": candidate.example + "\nBody."},
            {"input": f"Body.\nReaders - {candidate.suffix}"},
        ],
    }
