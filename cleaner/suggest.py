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
- Name variants: capitalised words are counted; a rarer word within a small
  edit distance (the regex module's fuzzy matching) of a loaded rule's
  canonical name or of a frequent name is proposed as its variant.

The draft is a normal rule file: it loads with ``--rules``, and every rule
carries its counts in its description and examples taken from the dump.
"""

from __future__ import annotations

import hashlib
import math
import re
import unicodedata
from collections import Counter
from dataclasses import dataclass, field
from typing import NamedTuple, Optional

import regex

from .errors import CleanerError
from .formats import find_inputs, parsed_records
from .shapes import is_chrome_shaped
from .sites import site_of_record

MAX_LINES = 2_000_000  # entries of the line table before lines seen once are forgotten
MAX_NAMES = 500_000
EDGE = 3  # a line "at the head" is among the first EDGE non-blank lines (tail alike)
MIN_NAME_LENGTH = 5  # shorter capitalised words are mostly ordinary words at a sentence start
MAX_VARIANT_SHARE = 0.2  # a variant more frequent than this beside its name is a competing spelling, for review
ORDINARY_SHARE = 0.2  # a word written in lower case this often beside its capitalised form is an ordinary word
MIN_SIMILARITY = 0.4  # cosine of context words a variant needs with its name (Briton/Britain: 0.36)
MIN_COMPETING_SIMILARITY = 0.5  # a common competing spelling needs more (Davis/David: 0.30)
CONTEXT = 3  # words either side of a name that make its context
MAX_CONTEXT_WORDS = 200  # distinct context words kept per name
STOP_WORDS = 100  # the dump's most frequent lower-case words say nothing about a name
WORDS = regex.compile(r"\w+")
LOWER_WORD = regex.compile(r"\b\p{Ll}[\p{Ll}\p{M}]+\b")
NAME = regex.compile(r"\b\p{Lu}[\p{Ll}\p{M}]{2,}\b")


def normalise(line: str) -> str:
    """The line as CCNet compares lines: lower case, digits as 0, no
    punctuation, single spaces.

    >>> normalise("  Read MORE (12 comments)! ")
    'read more 00 comments'
    """
    folded = re.sub(r"\d", "0", line.casefold())
    folded = "".join(c for c in folded if not unicodedata.category(c).startswith("P"))
    return " ".join(folded.split())


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
    forms: Counter = field(default_factory=Counter)  # its exact texts, for the rule
    examples: list = field(default_factory=list)  # a few documents it stood in


@dataclass
class Candidate:
    line: str
    site: str
    docs: int
    share: float
    head: float
    tail: float
    rule: dict


@dataclass
class VariantCandidate:
    canonical: str
    variant: str
    count: int
    canonical_count: int
    contexts: list
    similarity: float = 0.0  # cosine of the context words of the two spellings
    lower_case: int = 0  # times the variant stood in lower case: an ordinary word's sign
    competing: bool = False  # nearly as common as the canonical: a choice for the reviewer


@dataclass
class Suggestion:
    documents: int  # documents counted
    boilerplate: list  # Candidates, most frequent first
    variants: list  # VariantCandidates
    draft: dict  # the draft rule file as data


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
    names = variants(counted, known)
    document = draft(lines, names, cleaner.config.timeout)
    return Suggestion(sum(counted.docs_per_site.values()), lines, names, document)


def draft_text(suggestion: Suggestion) -> str:
    """The draft rule file, as YAML to write."""
    import yaml

    header = "# Suggested by cleaner suggest: review every rule before use.\n"
    return header + yaml.safe_dump(suggestion.draft, sort_keys=False, allow_unicode=True, width=100)


class Miner:
    """The counting pass, one document at a time."""

    def __init__(self):
        self.lines: dict = {}  # LineKey -> LineSeen
        self.docs_per_site: Counter = Counter()
        self.names: Counter = Counter()
        self.name_contexts: dict = {}
        self.lower: Counter = Counter()  # lower-case words: ordinary words, and the stop words
        self.context_words: dict = {}  # name -> Counter of the words around it

    def add(self, text: str, site: str) -> None:
        self.docs_per_site[site] += 1
        kept = [line.strip() for line in text.split("\n") if line.strip()]
        seen_here = set()
        for index, line in enumerate(kept):
            key = LineKey(site, hashlib.blake2b(normalise(line).encode("utf-8"), digest_size=8).digest())
            if key in seen_here:
                continue
            seen_here.add(key)
            entry = self.lines.get(key)
            if entry is None:
                entry = self.lines[key] = LineSeen()
            entry.docs += 1
            from_tail = len(kept) - 1 - index
            if index < EDGE:
                entry.head += 1
                entry.deepest_head = max(entry.deepest_head, index)
            elif from_tail < EDGE:
                entry.tail += 1
                entry.deepest_tail = max(entry.deepest_tail, from_tail)
            if len(entry.forms) < 5 or line in entry.forms:
                entry.forms[line] += 1
            if len(entry.examples) < 2:
                entry.examples.append("\n".join(kept[max(0, index - 1) : index + 2]))
        self.lower.update(LOWER_WORD.findall(text))
        for match in NAME.finditer(text):
            name = match.group()
            self.names[name] += 1
            self._add_context(name, text, match.start(), match.end())
            if name not in self.name_contexts and len(self.name_contexts) < MAX_NAMES:
                self.name_contexts[name] = text[max(0, match.start() - 40) : match.end() + 40].replace("\n", " ")
        if len(self.lines) > MAX_LINES:
            self.lines = {k: v for k, v in self.lines.items() if v.docs > 1}
        if len(self.names) > MAX_NAMES:
            self.names = Counter({k: v for k, v in self.names.items() if v > 1})
            self.context_words = {k: v for k, v in self.context_words.items() if k in self.names}
        if len(self.lower) > MAX_NAMES:
            self.lower = Counter({k: v for k, v in self.lower.items() if v > 1})

    def _add_context(self, name: str, text: str, start: int, end: int) -> None:
        """Count the words within ``CONTEXT`` words of a name, on its line."""
        line_start, line_end = text.rfind("\n", 0, start) + 1, text.find("\n", end)
        before = WORDS.findall(text[max(line_start, start - 80) : start])[-CONTEXT:]
        after = WORDS.findall(text[end : end + 80 if line_end == -1 else min(line_end, end + 80)])[:CONTEXT]
        words = self.context_words.setdefault(name, Counter())
        for word in before + after:
            word = word.casefold()
            if word in words or len(words) < MAX_CONTEXT_WORDS:
                words[word] += 1

    def similarity(self, a: str, b: str) -> float:
        """Cosine of the context words of two names, the dump's stop words left out.

        >>> m = Miner()
        >>> m.add("the minister Makei said on Monday\\n"
        ...       "the minister Makey said on Friday\\nviele Menschen in Berlin", "s")
        >>> round(m.similarity("Makei", "Makey"), 2), m.similarity("Makei", "Menschen")
        (0.8, 0.0)
        """
        stop = {word for word, _ in self.lower.most_common(STOP_WORDS)} if len(self.lower) > STOP_WORDS else set()
        x, y = (self.context_words.get(name, Counter()) for name in (a, b))
        x, y = ({w: c for w, c in v.items() if w not in stop} for v in (x, y))
        dot = sum(c * y.get(w, 0) for w, c in x.items())
        norm = math.sqrt(sum(c * c for c in x.values()) * sum(c * c for c in y.values()))
        return dot / norm if norm else 0.0


def mine(inputs, cleaner, text_field: str = "text", site_field: Optional[str] = None, on_document=None) -> Miner:
    """Count lines and names over every record of ``inputs``, after ``cleaner``;
    ``on_document`` is called with the size in bytes of each record counted."""
    miner = Miner()
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
    candidates = []
    for key, seen in miner.lines.items():
        site = key.site
        total = miner.docs_per_site[site]
        line = seen.forms.most_common(1)[0][0]
        edge = (seen.head + seen.tail) / seen.docs
        if seen.docs < min_docs or seen.docs / total < min_share or edge < 0.5 or not is_chrome_shaped(line):
            continue
        candidates.append(
            Candidate(line, site, seen.docs, seen.docs / total, seen.head / seen.docs, seen.tail / seen.docs, {})
        )
        candidates[-1].rule = _line_rule(candidates[-1], seen)
    candidates.sort(key=lambda c: (-c.docs, c.site, c.line))
    for number, candidate in enumerate(candidates, 1):
        slug = regex.sub(r"[^a-z0-9]+", "-", candidate.site.lower()).strip("-") or "all"
        candidate.rule = {"id": f"suggested.{slug}.line-{number}", **candidate.rule}
    return candidates


def _line_rule(candidate: Candidate, seen: LineSeen) -> dict:
    forms = list(seen.forms)
    literal = regex.escape(candidate.line)
    pattern = regex.sub(r"\d+", lambda _: r"\d+", literal)  # "12 comments" and "3 comments" alike
    if pattern != literal and all(regex.fullmatch(pattern, form, regex.IGNORECASE) for form in forms):
        match: dict[str, object] = {"patterns": [pattern]}
        if not all(regex.fullmatch(pattern, form) for form in forms):  # the forms differ in case too
            match["ignore-case"] = True
    else:
        match = {"lines": forms}  # every form seen, as it was
    where = "head" if candidate.head >= 0.9 else "tail" if candidate.tail >= 0.9 else "anywhere"
    placement: dict[str, object] = {"where": where}
    if where != "anywhere":
        placement["within"] = 1 + (seen.deepest_head if where == "head" else seen.deepest_tail)
    site = f" on {candidate.site}" if candidate.site else ""
    return {
        "kind": "drop-line",
        "description": (
            f"Suggested: in {candidate.docs} documents{site} ({candidate.share:.0%}), "
            f"{candidate.head:.0%} at the head, {candidate.tail:.0%} at the tail. Review before use."
        ),
        **match,
        **placement,
        # outputs are filled in by draft(); the last example shows the rule's scope:
        # the same words inside a sentence stay
        "examples": [{"input": example} for example in seen.examples]
        + [{"input": f"Readers saw “{candidate.line}” in a sentence, which stays."}],
    }


def variants(miner: Miner, known: dict, top: int = 200, min_count: int = 2) -> list:
    """Spellings of the same name within a small edit distance of a known
    canonical name (``known``: canonical -> its variants) or of one of the
    ``top`` names.

    A proposal must be a spelling of the *same* name: never an ordinary word
    (one the dump writes in lower case too: Policy, World), and similar in
    its contexts to its name (not African beside American, München beside
    Menschen). One nearly as common as its name is a competing spelling
    (Lukashenka beside Lukashenko), proposed for review.
    """
    frequent = [name for name, _ in miner.names.most_common(top) if len(name) >= MIN_NAME_LENGTH]
    anchors = dict.fromkeys([*known, *frequent])
    by_initial: dict = {}
    for name, count in miner.names.items():
        by_initial.setdefault(name[0], []).append((name, count))
    found = []
    for anchor in anchors:
        anchor_count = miner.names.get(anchor, 0)
        distance = 1 if len(anchor) < 10 else 2  # Tuesday, Thursday: two edits apart, too short to be one name
        fuzzy = regex.compile(rf"(?:{regex.escape(anchor)}){{e<={distance}}}")
        for name, count in by_initial.get(anchor[0], ()):
            if (
                name == anchor
                or name in known.get(anchor, ())
                or name in known  # a canonical name of its own
                or count < min_count
                or count >= max(anchor_count, 1)  # the rarer spelling is the variant
                or abs(len(name) - len(anchor)) > distance
                or name in (anchor + "s", anchor + "es")
                or anchor in (name + "s", name + "es")  # plurals
                or name.startswith(anchor)
                or anchor.startswith(name)  # a derived word: Russia, Russian
                or not fuzzy.fullmatch(name)
            ):
                continue
            lower_case = miner.lower.get(name.lower(), 0)
            if (
                lower_case >= count * ORDINARY_SHARE
                or miner.lower.get(anchor.lower(), 0) >= anchor_count * ORDINARY_SHARE
            ):
                continue  # an ordinary word, capitalised at a sentence's start or in a title
            similarity = miner.similarity(anchor, name)
            competing = count > max(anchor_count, 1) * MAX_VARIANT_SHARE
            if similarity < (MIN_COMPETING_SIMILARITY if competing else MIN_SIMILARITY):
                continue  # another word or name in its own right: its contexts are not the name's
            found.append(
                VariantCandidate(
                    anchor,
                    name,
                    count,
                    anchor_count,
                    [miner.name_contexts.get(name, "")],
                    round(similarity, 3),
                    lower_case,
                    competing,
                )
            )
    # a spelling near two names belongs to the closest, then the more frequent
    closest: dict = {}
    for v in found:
        rank = (abs(len(v.variant) - len(v.canonical)), -v.canonical_count)
        if v.variant not in closest or rank < closest[v.variant][0]:
            closest[v.variant] = (rank, v)
    return sorted((v for _, v in closest.values()), key=lambda v: (-v.count, v.canonical, v.variant))


def draft(boilerplate_candidates: list, variant_candidates: list, timeout: float) -> dict:
    """The draft rule file as data; examples get the outputs their rule gives."""
    from .pipeline import Cleaner, Config
    from .kinds import KIND_CLASSES, Spec

    rules = [c.rule for c in boilerplate_candidates]
    by_canonical: dict = {}
    for v in variant_candidates:
        by_canonical.setdefault(v.canonical, []).append(v)
    for canonical, found in by_canonical.items():
        slug = regex.sub(r"[^a-z0-9]+", "-", unicodedata.normalize("NFKD", canonical).lower()).strip("-")
        rules.append(
            {
                "id": f"suggested.variants.{slug or 'name'}",
                "kind": "variants",
                "description": ("REVIEW: competing spelling. " if any(v.competing for v in found) else "REVIEW: ")
                + "suggested spellings of "
                + canonical
                + " ("
                + ", ".join(f"{v.variant} {v.count}x" for v in found)
                + f"; {canonical} {found[0].canonical_count}x).",
                "canonical": canonical,
                "variants": [v.variant for v in found],
                "examples": [{"input": v.contexts[0]} for v in found if v.contexts[0]][:2],
            }
        )
    for rule in rules:
        built = KIND_CLASSES[rule["kind"]](Spec(rule, "draft", 0, {}, (), timeout))
        alone = Cleaner(Config(), [built])
        for example in rule["examples"]:
            output = alone.clean(example["input"])
            if output != example["input"]:
                example["output"] = output
    return {"description": "Draft rules suggested by cleaner suggest: review each before use.", "rules": rules}
