"""Clean, well-edited articles come out byte-identical.

The corpus holds curly and straight quotes, Russian, Japanese with full-width
characters, Persian with zero-width non-joiners, German and French with their
own spellings of the seeds' names, an article about film director Adam McKay
and one about mink farms in Belarus.
"""

from pathlib import Path

import pytest

from conftest import ROOT

CORPUS = sorted((ROOT / "tests" / "corpus").glob("*.txt"))


def test_corpus_is_there():
    assert len(CORPUS) == 9


@pytest.mark.parametrize("article", CORPUS, ids=lambda p: p.stem)
def test_clean_article_is_left_byte_identical(cleaner, article: Path):
    text = article.read_text(encoding="utf-8")
    assert cleaner.explain(text) == []
    assert cleaner.clean(text) == text
