"""benchmarks/real/score.py's alignment: what counts as an article line dropped."""

import importlib.util
from pathlib import Path

spec = importlib.util.spec_from_file_location("real_score", Path(__file__).parents[1] / "benchmarks/real/score.py")
assert spec and spec.loader
real_score = importlib.util.module_from_spec(spec)
spec.loader.exec_module(real_score)

PAGE = ["Talks resume", "Home", "World", "Talks resume", "The talks resumed on Monday, officials said."]
LABELS = "Tccaa"


def fates(output: str) -> dict:
    counts, _, dropped = real_score.score([{"id": "p", "text": "\n".join(PAGE)}], {"p": LABELS}, {"p": output})
    return {key: n for key, n in counts.items() if n}, dropped


def test_a_headline_whose_title_copy_stands_right_above_it_counts_as_kept():
    """The output holds "Talks resume" once, where the title and the headline
    stood (the menu between them gone, whitespace.repeated-line took the
    second copy): which copy it kept, no reader can tell."""
    counts, dropped = fates("Talks resume\nThe talks resumed on Monday, officials said.")
    assert counts == {("T", "kept"): 1, ("c", "dropped"): 2, ("a", "kept"): 2} and dropped == []


def test_a_headline_dropped_with_other_lines_kept_in_between_counts_as_dropped():
    counts, dropped = fates("Talks resume\nWorld\nThe talks resumed on Monday, officials said.")
    assert counts == {("T", "kept"): 1, ("c", "dropped"): 1, ("c", "kept"): 1, ("a", "dropped"): 1, ("a", "kept"): 1}
    assert dropped == [("p", "Talks resume")]


def test_a_line_whose_copy_is_gone_too_counts_as_dropped():
    counts, dropped = fates("The talks resumed on Monday, officials said.")
    assert counts == {("T", "dropped"): 1, ("c", "dropped"): 2, ("a", "dropped"): 1, ("a", "kept"): 1}
