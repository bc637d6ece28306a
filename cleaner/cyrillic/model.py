"""The letter-bigram model of real Russian, Ukrainian and Belarusian text that judges a re-reading.

Built from permissively licensed text (``benchmarks/cyrillic/corpora.py``) by
``benchmarks/cyrillic/build_model.py`` into ``data/cyrillic_bigrams.json``,
shipped with the package; the file's header names the sources, their authors
and licences.
"""

from __future__ import annotations

import json
import math
from functools import lru_cache
from pathlib import Path

import regex

from .pages import LOWER, UPPER

MODEL_PATH = Path(__file__).parent.parent / "data" / "cyrillic_bigrams.json"

LATIN_LETTER = regex.compile(r"\p{Latin}")
# Latin i next to a Cyrillic letter is і: Ukrainian and Belarusian writers type
# it so ("грамадзянамi"), and in CP866, which has no і, they had to.
LATIN_I = regex.compile(f"(?<=[{LOWER}])i|i(?=[{LOWER}])")
CASE_SWAP = regex.compile(f"[{LOWER}][{UPPER}]")
CASE_PENALTY = -10.0  # per lowercase letter followed by an uppercase one


def plausibility(text: str) -> float:
    """Mean log-probability per letter bigram of ``text`` as Russian, Ukrainian or Belarusian.

    >>> plausibility("Президент Беларуси") > -3.8 > plausibility("оПЕГХДЕМР аЕКЮПСЯХ")
    True
    """
    logp, default = _model()
    pairs = bigrams(text)
    total = sum(logp.get(pair, default[pair[0]]) for pair in pairs)
    total += CASE_PENALTY * len(CASE_SWAP.findall(text))
    return total / max(len(pairs), 1)


def bigrams(text: str) -> list[str]:
    """The symbol bigrams the model counts: letters lowercased, Latin letters and
    digits in a class each, punctuation as itself. A run of Latin letters is one
    symbol, as a run of spaces is: the ASCII words and tags around a broken word
    are the same in every reading, and would otherwise outweigh it ("<strong>").

    >>> bigrams("Привет, 2 мира!")
    [' п', 'пр', 'ри', 'ив', 'ве', 'ет', 'т,', ', ', ' 0', '0 ', ' м', 'ми', 'ир', 'ра', 'а!', '! ']
    >>> bigrams("мiр") == bigrams("мір") and bigrams("#мір") == bigrams("мір")
    True
    """
    symbols = [" "]
    for char in LATIN_I.sub("і", text.lower()):
        symbol = _symbol(char)
        if symbol not in " L" or symbols[-1] != symbol:
            symbols.append(symbol)
    if symbols[-1] != " ":
        symbols.append(" ")
    return [a + b for a, b in zip(symbols, symbols[1:])]


def _symbol(char: str) -> str:
    if char in LOWER:
        return char
    if char in "'’ʼ":
        return "'"
    if char.isdigit():
        return "0"
    if LATIN_LETTER.match(char):
        return "L"
    if char.isspace() or char in "#@":
        # A hashtag or a handle is a word: "#Варта" starts as "Варта" does.
        return " "
    # Punctuation, symbols and letters of other scripts stand for themselves: the
    # model learns that « opens a word and » closes one, and has never seen ‚ or Ѓ
    # where mojibake puts them, in place of a capital.
    return char


@lru_cache(maxsize=1)
def counts() -> dict[str, int]:
    """How often each bigram occurs in a million of each language's bigrams."""
    return json.loads(MODEL_PATH.read_text(encoding="utf-8"))["bigrams"]


@lru_cache(maxsize=1)
def _model() -> tuple[dict[str, float], dict[str, float]]:
    """Log-probabilities of the counted bigrams, and of an unseen one per first symbol."""
    counts_ = counts()
    symbols = {c for pair in counts_ for c in pair}
    firsts: dict[str, int] = {}
    for pair, count in counts_.items():
        firsts[pair[0]] = firsts.get(pair[0], 0) + count
    size = len(symbols) + 1  # add-one smoothing over the symbols, and one never seen
    logp = {pair: math.log((count + 1) / (firsts[pair[0]] + size)) for pair, count in counts_.items()}
    default = {s: math.log(1 / (firsts.get(s, 0) + size)) for s in symbols | set("L0#'")}

    class Default(dict):
        def __missing__(self, key):
            return math.log(1 / size)

    return logp, Default(default)
