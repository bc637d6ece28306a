"""Count the letter bigrams of real Russian, Ukrainian and Belarusian text.

    python benchmarks/cyrillic/build_model.py [/work/data/cyrillic]

Reads train/{ru,uk,be}.txt written by corpora.py (permissively licensed
text kept apart from the tuning and recall sentences) and writes
cleaner/data/cyrillic_bigrams.json, the counts cleaner/cyrillic/model.py
scores candidate repairs with, under a header naming each source, its authors
and its licence. Each language counts equally, whatever its size, so that
Ukrainian and Belarusian letters are not drowned by Russian.
"""

from __future__ import annotations

import json
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from corpora import MODEL_SOURCES  # noqa: E402

from cleaner.cyrillic.model import MODEL_PATH, bigrams  # noqa: E402

LANGUAGES = ("ru", "uk", "be")
SCALE = 1_000_000  # counts per language after weighting


def main() -> None:
    data = Path(sys.argv[1] if len(sys.argv) > 1 else "/work/data/cyrillic")
    total: Counter = Counter()
    for language in LANGUAGES:
        counts = Counter()
        for line in (data / "train" / f"{language}.txt").read_text(encoding="utf-8").splitlines():
            counts.update(bigrams(line))
        weight = SCALE / sum(counts.values())
        for pair, count in counts.items():
            total[pair] += count * weight
    counted = {pair: round(count) for pair, count in sorted(total.items()) if round(count) > 0}
    header = {
        "about": "Letter-bigram counts per million bigrams of each language, made by benchmarks/cyrillic/build_model.py "
        "from the texts below; no sentence of them is kept.",
        "sources": MODEL_SOURCES,
    }
    text = json.dumps(header, ensure_ascii=False, indent=1)[:-2]  # the header readable, one line of counts
    text += ',\n "bigrams": ' + json.dumps(counted, ensure_ascii=False, separators=(",", ":")) + "\n}\n"
    MODEL_PATH.write_text(text, encoding="utf-8")
    print(f"{MODEL_PATH.relative_to(ROOT)}: {len(counted)} bigrams, {MODEL_PATH.stat().st_size} bytes")


if __name__ == "__main__":
    main()
