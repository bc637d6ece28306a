"""``cleaner suggest``: mine a dump for the rules it needs, as a draft to review.

One streaming pass over the documents, after the loaded rules have cleaned
them (so what they already remove is left out):

- Boilerplate: every line is normalised as CCNet does (case, digits,
  punctuation and spaces folded) and hashed; for each hash we count the
  documents holding it and where it stood (among the first or last lines).
  The table is bounded: past ``MAX_LINES`` entries, lines seen once are
  forgotten. A line becomes a candidate when it recurs in at least
  ``min_docs`` documents and ``min_share`` of its source's documents, has the
  shape of chrome (short, not a sentence) and stands mostly at an edge; prose
  that merely recurs (a quotation cited by several articles, a dateline) fails
  these tests.
- Name variants (``suggest_variants``): rarer spellings close to a loaded
  rule's canonical name or to a frequent name.

The draft is a normal rule file: it loads with ``--rules``, and every rule
carries its counts in its description and examples taken from the dump.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from typing import NamedTuple, Optional, Sequence

import regex

from .errors import CleanerError
from .formats import find_inputs, parsed_records
from .own_text import OwnText
from .shapes import LETTER, is_chrome_shaped, is_dated, is_prose
from .sites import example_site, site_glob, site_of_record
from .titles import TitleCounter, title_rule
from .suggest_variants import NameCounter, variant_rules, variants
from .suggest_keys import commonest, compared, digest, labels_date, line_rule, normalised
from .suggest_place import ARTICLES_KEPT, NUMBER, RUN_DOCS, TEMPLATE_DOCS, TEMPLATE_SHARE, Place, runs_between

HEADER = "# Suggested by cleaner suggest: review every rule before use."
MAX_LINES = 2_000_000  # entries of the line table before lines seen once are forgotten
EDGE = 3  # a line "at the head" is among the first EDGE non-blank lines (tail alike)
MIN_EDGE = 0.5  # share of its documents in which a line stands at an edge, to be an edge rule
ANYWHERE_SHARE = 0.2  # share of its site's documents a line found away from the edges needs
MAX_INSIDE = 0.2  # share of its documents in which a line may stand between two prose lines
MAX_OPENS = 0.5  # share of its documents in which a dated line may stand right above a prose line
HEADLINE_WORDS = 3  # a line of this many words that its document's title holds is that document's headline
MAX_HEADLINE = 0.5  # share of its documents: above, the titles hold it because it is the site's name
MAX_HEADS_OWN = 0.5  # share of its documents: above, it labels the page's own text ("Story Highlights")


class LineKey(NamedTuple):
    site: str
    digest: bytes  # of the line, normalised


@dataclass
class LineSeen:
    docs: int = 0
    head: int = 0
    tail: int = 0
    deepest_head: int = 0  # the furthest from the head it stood when at the head (0-based)
    deepest_tail: int = 0
    inside: int = 0  # times it stood between two prose lines: a subheading's place, not chrome's
    opens: int = 0  # times a prose line followed it: a dateline's place, above its article's first paragraph
    headline: int = 0  # documents whose title (first line) holds it: it is their headline
    heads_own: int = 0  # documents in which the page's own sentences follow it (``own_text``)
    forms: dict = field(default_factory=dict)  # its exact texts (at most 5), each with its count, for the rule
    examples: list = field(default_factory=list)  # a few documents it stood in
    place: Place = field(default_factory=Place)  # its neighbours: a template's, or not

    def merge(self, other: LineSeen) -> None:
        """Add what ``other`` saw in other documents."""
        self.docs, self.head, self.tail = self.docs + other.docs, self.head + other.head, self.tail + other.tail
        self.place.merge(other.place)
        self.inside += other.inside
        self.opens += other.opens
        self.headline += other.headline
        self.heads_own += other.heads_own
        self.deepest_head = max(self.deepest_head, other.deepest_head)
        self.deepest_tail = max(self.deepest_tail, other.deepest_tail)
        for form, count in other.forms.items():
            if len(self.forms) < 5 or form in self.forms:
                self.forms[form] = self.forms.get(form, 0) + count
        self.examples = (self.examples + other.examples)[:2]


@dataclass
class Candidate:
    line: str
    site: str
    docs: int
    share: float
    head: float
    tail: float
    rule: dict
    digest: bytes = b""  # of the line as the miner counted it


@dataclass
class Suggestion:
    documents: int  # documents counted
    boilerplate: list  # Candidates, most frequent first
    variants: list  # VariantCandidates
    draft: dict  # the draft rule file as data
    titles: list = field(default_factory=list)  # titles.TitleCandidates


def suggest(
    inputs,
    cleaner,
    text_field: str = "text",
    site_field: Optional[str] = None,
    min_docs: int = 5,
    min_share: float = 0.02,
    on_document=None,
) -> Suggestion:
    """Mine ``inputs`` after ``cleaner`` and draft the rules they need; names
    that ``cleaner``'s variants rules know are not suggested again."""
    from .kinds.variants import Variants

    counted = mine(inputs, cleaner, text_field, site_field, on_document)
    known: dict = {}
    for rule in cleaner.rules:
        if isinstance(rule, Variants):
            known.setdefault(rule.canonical, set()).update(rule.variants)
    lines = boilerplate(counted, min_docs, min_share)
    assert counted.names is not None  # mined with names
    names = variants(counted.names, known)
    titles = counted.titles.candidates(counted.docs_per_site, min_docs)
    document = draft(lines, names, cleaner.config.timeout, titles)
    return Suggestion(sum(counted.docs_per_site.values()), lines, names, document, titles)


def draft_text(suggestion: Suggestion, header: str = HEADER) -> str:
    """The draft rule file, as YAML to write."""
    import yaml

    # libyaml's emitter when PyYAML has it: the same rules in a fifth of the time (a --learn run's
    # thousand rules took 2.3 s of CPU to write in Python); only long quoted lines fold otherwise
    dumper = getattr(yaml, "CSafeDumper", yaml.SafeDumper)
    return header + "\n" + yaml.dump(suggestion.draft, Dumper=dumper, sort_keys=False, allow_unicode=True, width=100)


class Miner:
    """The counting pass, one document at a time."""

    def __init__(self, names: bool = True) -> None:
        self.lines: dict = {}  # LineKey -> LineSeen
        self.docs_per_site: Counter = Counter()
        self.names = NameCounter() if names else None  # None: lines only, as dump --learn mines
        self.titles = TitleCounter()

    def add(self, text: str, site: str) -> None:
        self.docs_per_site[site] += 1
        kept = [line for line in map(str.strip, text.split("\n")) if line]
        prose = [is_prose(line) for line in kept]
        if kept:
            self.titles.add(kept[0], site)
        normals = normalised(kept)
        title = f" {normals[0]} " if kept else ""
        digests = [digest(compared(line, normal, p)) for line, normal, p in zip(kept, normals, prose)]
        article = max(zip(map(len, kept), digests))[1] if kept else b""  # its longest line, the article's
        seen_here, table, last = set(), self.lines, len(kept) - 1
        labels = OwnText(kept, prose).labels()
        for index, line in enumerate(kept):
            here = digests[index]
            if here in seen_here:
                continue
            seen_here.add(here)
            entry = table.get((site, here))  # a LineKey is a tuple: a tuple finds it
            if entry is None:
                entry = table[LineKey(site, here)] = LineSeen()
            entry.docs += 1
            below = digests[index + 1] if index < last else None
            entry.place.add(digests[index - 1] if index else None, below, article)
            if index < EDGE:
                entry.head += 1
                entry.deepest_head = max(entry.deepest_head, index)
            elif last - index < EDGE:
                entry.tail += 1
                entry.deepest_tail = max(entry.deepest_tail, last - index)
            if index < last and prose[index + 1]:
                entry.opens += 1
                entry.inside += index > 0 and prose[index - 1]
            # the title itself counts: trimmed of its site's name, it may have replaced the headline
            normal = normals[index]
            if len(normal) < len(title) and normal.count(" ") >= HEADLINE_WORDS - 1 and f" {normal} " in title:
                entry.headline += 1
            entry.heads_own += index in labels
            forms = entry.forms
            if len(forms) < 5 or line in forms:
                forms[line] = forms.get(line, 0) + 1
            if len(entry.examples) < 2:
                entry.examples.append("\n".join(kept[max(0, index - 1) : index + 2]))
        if self.names is not None:
            self.names.add(text)
        self._bound()

    def _bound(self) -> None:
        if len(self.lines) > MAX_LINES:
            self.lines = {k: v for k, v in self.lines.items() if v.docs > 1}

    def merge(self, other: Miner) -> None:
        """Add the lines and titles ``other`` counted in other documents (a worker's batch)."""
        self.docs_per_site.update(other.docs_per_site)
        for key, seen in other.lines.items():
            entry = self.lines.get(key)
            if entry is None:
                self.lines[key] = seen
            else:
                entry.merge(seen)
        self.titles.merge(other.titles)
        self._bound()


def mine(
    inputs, cleaner, text_field: str = "text", site_field: Optional[str] = None, on_document=None, names: bool = True
) -> Miner:
    """Count lines (and ``names``) over every record of ``inputs``, after ``cleaner``;
    ``on_document`` is called with the size in bytes of each record counted."""
    miner = Miner(names)
    for source in find_inputs(inputs):
        for record, parsed in parsed_records(source, text_field):
            site = site_of_record(parsed, site_field)
            try:
                text = cleaner.clean(parsed.text, site)
            except CleanerError:
                continue  # dump would reject it: nothing to learn from it
            miner.add(text, site or "")
            if on_document:
                on_document(len(record.raw))
    return miner


def boilerplate(miner: Miner, min_docs: int, min_share: float) -> list:
    """The candidate lines, most frequent first, each with its draft rule."""
    candidates, surrounded = [], {}
    for key, seen in miner.lines.items():
        if seen.docs < RUN_DOCS:  # what no line under it can be: most lines are seen once
            continue
        total = miner.docs_per_site[key.site]
        line = commonest(seen.forms)
        if seen.docs < TEMPLATE_DOCS * min_docs:
            if is_in_run(seen, line, total, min_share):
                surrounded[key] = seen.place
        elif is_learnable(seen, line, total, min_docs, min_share):
            candidates.append(candidate(key, seen, total))
    learned = {(found.site, found.digest) for found in candidates}
    candidates += [
        candidate(key, miner.lines[key], miner.docs_per_site[key.site]) for key in runs_between(surrounded, learned)
    ]
    candidates.sort(key=lambda c: (-c.docs, c.site, c.line))
    for number, found in enumerate(candidates, 1):
        slug = regex.sub(r"[^a-z0-9]+", "-", found.site.lower()).strip("-") or "all"
        scope = {"sites": [site_glob(found.site)]} if found.site else {}
        found.rule = {"id": f"suggested.{slug}.line-{number}", **scope, **found.rule}
    return candidates


def candidate(key: LineKey, seen: LineSeen, total: int) -> Candidate:
    """The learned line ``key``, with its draft rule."""
    line = commonest(seen.forms)
    found = Candidate(line, key.site, seen.docs, seen.docs / total, seen.head / seen.docs, seen.tail / seen.docs, {})
    found.digest = key.digest
    found.rule = line_rule(found, seen)
    return found


def is_footer(seen: LineSeen) -> bool:
    """Is the line the last of nearly all its documents, each a different article?"""
    last = seen.tail >= TEMPLATE_SHARE * seen.docs and seen.deepest_tail == 0
    return last and len(seen.place.articles) >= min(seen.docs, ARTICLES_KEPT)


def is_in_run(seen: LineSeen, line: str, total: int, min_share: float) -> bool:
    """Could this line of two documents be a line of a layout's run (``runs_between``)?
    A short undated line, the same lines around it in both, no headline."""
    if (
        not seen.place.surrounded(seen.docs) or seen.docs / total < min_share
    ):  # most lines of two: not the same lines around
        return False
    if seen.headline or seen.heads_own > MAX_HEADS_OWN * seen.docs:
        return False
    if LETTER.search(line) is None or is_dated(line) or is_prose(line):
        return False
    return len({tuple(NUMBER.findall(form)) for form in seen.forms}) == 1


def is_learnable(seen: LineSeen, line: str, total: int, min_docs: int, min_share: float) -> bool:
    """Is this recurring line its site's chrome, by number, shape and place?

    - number: in ``min_docs`` documents and ``min_share`` of its site's;
    - shape: chrome-shaped (short, not a sentence: a quotation that articles
      repeat is prose); a dated line (counted with its date masked:
      ``suggest_keys``) is the site's when it labels the date ("Posted: 2:51
      pm", "| Last Updated: Friday, 2 September 2005 |") and the article's
      prose seldom follows it: a date alone, or a dateline ("MOSCOW, March 3
      —") that opens its article's first paragraph, is the article's;
    - place: seldom between two prose lines (where a column's recurring
      subheading or a quotation stands, and chrome seldom does); and mostly at
      an edge, or, anywhere else, in ``ANYWHERE_SHARE`` of its site's documents;
    - or a template's line (``Place.proves``): among the same lines in
      nearly every document, where fewer documents prove it, a sentence may
      be chrome and the prose around it is the template's too;
    - not an article's headline: a headline recurs in the site's "Most read"
      and "Related" lists, but it is also the headline of the document whose
      title holds it, and a rule would drop it there. A line that most of its
      documents' titles hold is the site's name ("… | New York Post"): chrome;
    - not a label of the page's own text: in most of its documents the page's
      own sentences follow it (``own_text``).
    """
    if seen.docs / total < min_share or LETTER.search(line) is None:
        return False
    if is_dated(line) and seen.opens > (MAX_OPENS * seen.docs if labels_date(line) else 0):
        return False
    if 0 < seen.headline <= MAX_HEADLINE * seen.docs or seen.heads_own > MAX_HEADS_OWN * seen.docs:
        return False
    if seen.place.proves(line, seen.docs, seen.forms, min_docs):
        return True  # the prose around it, if any, is the template's too
    if seen.docs >= min_docs and seen.docs / total >= ANYWHERE_SHARE and is_footer(seen):
        return True  # a sentence too: a copyright or trademark notice
    if seen.inside / seen.docs > MAX_INSIDE or not is_chrome_shaped(line) or seen.docs < min_docs:
        return False
    return (seen.head + seen.tail) / seen.docs >= MIN_EDGE or seen.docs / total >= ANYWHERE_SHARE


def draft(boilerplate_candidates: list, variant_candidates: list, timeout: float, titles: Sequence = ()) -> dict:
    """The draft rule file as data; examples get the outputs their rule gives."""
    from .pipeline import Cleaner, Config
    from .kinds import KIND_CLASSES, Spec

    rules = [c.rule for c in boilerplate_candidates]
    rules += [title_rule(candidate, number) for number, candidate in enumerate(titles, 1)]
    rules += variant_rules(variant_candidates)
    for rule in rules:
        built = KIND_CLASSES[rule["kind"]](Spec(rule, "draft", 0, {}, (), timeout))
        alone = Cleaner(Config(), [built])
        for example in rule["examples"]:
            output = alone.clean(example["input"], example_site(built.sites))
            if output != example["input"]:
                example["output"] = output
    return {"description": "Draft rules suggested by cleaner suggest: review each before use.", "rules": rules}
