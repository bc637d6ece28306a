"""How ``check`` and ``fix`` show changes (``--output-format``), like ruff's formats.

``full`` is the human text (``Would fix PATH``, or the diff); the others give one
entry per change at its line and column in the original file (``Cleaner.explain``).

>>> from cleaner import Change
>>> change = Change("names.makei", 2, 5, "McKay", "Makei")
>>> print(concise("a.txt", change))
a.txt:2:5: names.makei "McKay" → "Makei"
>>> print(github("a,b.txt", change))
::warning file=a%2Cb.txt,line=2,col=5,endLine=2,endColumn=10,title=names.makei::names.makei "McKay" → "Makei"
>>> as_json("a.txt", Change("chrome.x", 1, 1, "Menu\\n", ""))["end_line"]
2
"""

from __future__ import annotations

import json

FORMATS = ("full", "concise", "json", "github")


def message(change) -> str:
    """What a change does, in a few words: its rule, and before → after."""
    quote = lambda text: json.dumps(text, ensure_ascii=False)
    what = f"remove {quote(change.before)}" if not change.after else f"{quote(change.before)} → {quote(change.after)}"
    return f"{change.rule} {what}"


def end(change) -> tuple:
    """The line and column just past the text the change replaces."""
    lines = change.before.split("\n")
    if len(lines) == 1:
        return change.line, change.column + len(change.before)
    return change.line + len(lines) - 1, len(lines[-1]) + 1


def concise(path: str, change) -> str:
    return f"{path}:{change.line}:{change.column}: {message(change)}"


def as_json(path: str, change) -> dict:
    end_line, end_column = end(change)
    return {
        "path": path,
        "line": change.line,
        "column": change.column,
        "end_line": end_line,
        "end_column": end_column,
        "rule": change.rule,
        "before": change.before,
        "after": change.after,
    }


def _escape(text: str, properties: bool = False) -> str:
    """GitHub's workflow-command escaping (a property also escapes ':' and ',')."""
    text = text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
    return text.replace(":", "%3A").replace(",", "%2C") if properties else text


def github(path: str, change) -> str:
    """A GitHub Actions annotation: shown on the pull request's diff at the change."""
    end_line, end_column = end(change)
    where = (
        f"file={_escape(path, True)},line={change.line},col={change.column},endLine={end_line},endColumn={end_column}"
    )
    return f"::warning {where},title={_escape(change.rule, True)}::{_escape(message(change))}"
