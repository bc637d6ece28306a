"""Rebuild tests/corpus/wikinews/articles.jsonl: real news articles small enough to commit.

    python benchmarks/precision/wikinews_sample.py [--mirrors /work/.mirror]

The Wikinews news stories and interviews of the GUM corpus
(UniversalDependencies/UD_English-GUM, brought with `fetch`), their text as
GUM gives it sentence by sentence (``# text =``), paragraphs as its
``# newpar`` marks say. Wikinews text is CC BY 2.5: each record keeps the URL
of its article, and the folder's README gives the attribution. The suggest
tests mine these articles as a dump of real text.
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path

from build import Mirror  # the precision corpus's reader of fetched repositories

ROOT = Path(__file__).resolve().parents[2]
OUT = ROOT / "tests" / "corpus" / "wikinews" / "articles.jsonl"
SOURCES = "not-to-release/sources/"
GENRES = ("GUM_news_", "GUM_interview_")  # the genres GUM took from Wikinews


def article(conllu: str) -> dict:
    """One article: its URL and its text, a paragraph a line."""
    url, paragraphs = "", []
    for line in conllu.splitlines():
        if line.startswith("# meta::sourceURL = "):
            url = line.split(" = ", 1)[1]
        elif line.startswith("# newpar") and not line.startswith("# newpar_"):
            paragraphs.append([])
        elif line.startswith("# text = "):
            if not paragraphs:
                paragraphs.append([])
            paragraphs[-1].append(line.split(" = ", 1)[1])
    return {"url": url, "text": "\n".join(" ".join(p) for p in paragraphs if p)}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--mirrors", type=Path, default=Path("/work/.mirror"))
    args = parser.parse_args()
    m = Mirror(args.mirrors, "UniversalDependencies/UD_English-GUM")
    paths = [p for p in m.files(SOURCES) if p[len(SOURCES) :].startswith(GENRES)]
    with open(OUT, "w", encoding="utf-8") as out:
        for path in paths:
            out.write(json.dumps(article(m.read(path).decode("utf-8")), ensure_ascii=False) + "\n")
    print(f"{len(paths)} articles, {OUT.stat().st_size:,} bytes -> {OUT}")


if __name__ == "__main__":
    main()
