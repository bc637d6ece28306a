"""benchmarks/real/build.py's reading of your own pages (``--pages NAME=DIR``)."""

import argparse
import importlib.util
from pathlib import Path

import pytest

spec = importlib.util.spec_from_file_location("real_build", Path(__file__).parents[1] / "benchmarks/real/build.py")
assert spec and spec.loader
real_build = importlib.util.module_from_spec(spec)
spec.loader.exec_module(real_build)


def page_folder(root: Path, pages: dict) -> Path:
    for folder in ("html", "gold"):
        (root / folder).mkdir(parents=True)
    for name, (html, gold) in pages.items():
        (root / "html" / name).write_bytes(html)
        if gold is not None:
            (root / "gold" / (Path(name).stem + ".txt")).write_bytes(gold)
    return root


def test_own_pages_pair_each_page_with_its_gold_blocks(tmp_path):
    canonical = b'<html><head><link rel="canonical" href="https://news.example/a"></head><body><p>x</p></body></html>'
    folder = page_folder(
        tmp_path,
        {
            "a.html": (canonical, b"Talks resume\n\nThe talks resumed.\n"),
            "b.htm": (b"<p>y</p>", "Caf\u00e9 closes\n".encode("cp1252")),
            "notes.txt": (b"not a page", None),
        },
    )
    pages = list(real_build.own_pages(folder, "mine"))
    assert [(i, url, gold) for i, url, _, gold in pages] == [
        ("mine-a", "https://news.example/a", {"blocks": ["Talks resume", "The talks resumed."]}),
        ("mine-b", "https://b.mine.invalid/", {"blocks": ["Caf\u00e9 closes"]}),
    ]


def test_a_page_without_its_gold_is_an_error_naming_both_files(tmp_path):
    folder = page_folder(tmp_path, {"a.html": (b"<p>x</p>", None)})
    with pytest.raises(SystemExit, match=r"a\.html: no gold text at .*gold/a\.txt"):
        list(real_build.own_pages(folder, "mine"))


@pytest.mark.parametrize("spec", ["mine", "traf=/x", "big9=/x", "Mine=/x", "my-pages=/x"])
def test_a_source_name_that_could_be_taken_for_another_is_refused(spec):
    with pytest.raises(argparse.ArgumentTypeError):
        real_build.own_source(spec)


def test_score_gives_each_own_source_its_part():
    spec = importlib.util.spec_from_file_location("real_score", Path(__file__).parents[1] / "benchmarks/real/score.py")
    assert spec and spec.loader
    real_score = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(real_score)
    parts = real_score.parts_of([{"id": "mine-a", "source": "mine"}, {"id": "traf-0001", "source": "trafilatura"}])
    assert [name for name in parts if parts[name]("mine-a")] == ["mine"]
    assert [name for name in parts if parts[name]("traf-0001")] == ["traf odd"]
