"""The "did you mean" hint every unknown name gets: a rule id, a key, a kind.

>>> did_you_mean("ignroe", ["ignore", "select"])
" (did you mean 'ignore'?)"
>>> did_you_mean("zzz", ["ignore"])
''
"""

from __future__ import annotations

import difflib
from typing import Iterable


def did_you_mean(word: str, choices: Iterable[str]) -> str:
    """`` (did you mean 'x'?)`` for the closest of ``choices``, or nothing."""
    close = difflib.get_close_matches(word, list(choices), n=1)
    return f" (did you mean {close[0]!r}?)" if close else ""
