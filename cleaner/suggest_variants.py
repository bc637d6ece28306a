"""Name variants for ``cleaner suggest``: rarer spellings of a known or frequent name.

Capitalised words are counted, with the words around them; a rarer word
within a small edit distance (the regex module's fuzzy matching) of a loaded
rule's canonical name or of a frequent name is proposed as its variant, when
its contexts are the name's and the dump never writes it in lower case.
"""

from __future__ import annotations

import math
import unicodedata
from collections import Counter
from dataclasses import dataclass

import regex

MAX_NAMES = 500_000
MIN_DOCUMENTS = 2  # a word frequent in one document only (a typo a page repeats) is no name to spell by
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


class NameCounter:
    """The counting of names, one document at a time; bounded by ``MAX_NAMES``."""

    def __init__(self) -> None:
        self.names: Counter = Counter()
        self.documents: Counter = Counter()  # name -> documents it stands in
        self.name_contexts: dict = {}
        self.lower: Counter = Counter()  # lower-case words: ordinary words, and the stop words
        self.context_words: dict = {}  # name -> Counter of the words around it

    def add(self, text: str) -> None:
        self.lower.update(LOWER_WORD.findall(text))
        matches = list(NAME.finditer(text))
        self.documents.update({match.group() for match in matches})
        for match in matches:
            name = match.group()
            self.names[name] += 1
            self._add_context(name, text, match.start(), match.end())
            if name not in self.name_contexts and len(self.name_contexts) < MAX_NAMES:
                self.name_contexts[name] = text[max(0, match.start() - 40) : match.end() + 40].replace("\n", " ")
        if len(self.names) > MAX_NAMES:
            self.names = Counter({k: v for k, v in self.names.items() if v > 1})
            self.documents = Counter({k: v for k, v in self.documents.items() if k in self.names})
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

        >>> m = NameCounter()
        >>> m.add("the minister Makei said on Monday\\n"
        ...       "the minister Makey said on Friday\\nviele Menschen in Berlin")
        >>> round(m.similarity("Makei", "Makey"), 2), m.similarity("Makei", "Menschen")
        (0.8, 0.0)
        """
        stop = {word for word, _ in self.lower.most_common(STOP_WORDS)} if len(self.lower) > STOP_WORDS else set()
        x, y = (self.context_words.get(name, Counter()) for name in (a, b))
        x, y = ({w: c for w, c in v.items() if w not in stop} for v in (x, y))
        dot = sum(c * y.get(w, 0) for w, c in x.items())
        norm = math.sqrt(sum(c * c for c in x.values()) * sum(c * c for c in y.values()))
        return dot / norm if norm else 0.0


def variants(miner: NameCounter, known: dict, top: int = 200, min_count: int = 2) -> list:
    """Spellings of the same name within a small edit distance of a known
    canonical name (``known``: canonical -> its variants) or of one of the
    ``top`` names.

    A proposal must be a spelling of the *same* name: never an ordinary word
    (one the dump writes in lower case too: Policy, World), and similar in
    its contexts to its name (not African beside American, München beside
    Menschen). One nearly as common as its name is a competing spelling
    (Lukashenka beside Lukashenko), proposed for review. A name stands in
    more documents than its variant: a misspelling one page repeats many
    times is no name to correct the others by.
    """
    frequent = [
        name
        for name, _ in miner.names.most_common(top)
        if len(name) >= MIN_NAME_LENGTH and miner.documents[name] >= MIN_DOCUMENTS
    ]
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
                or (anchor not in known and miner.documents[name] >= miner.documents[anchor])  # ... in documents too
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


def variant_rules(candidates: list) -> list:
    """One draft ``variants`` rule per canonical name, its spellings for review."""
    rules = []
    by_canonical: dict = {}
    for v in candidates:
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
    return rules
