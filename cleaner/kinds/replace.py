"""``replace``: replace every match of a regex."""

from __future__ import annotations

import regex

from ..changes import ChangeLog
from ..literals import required
from ..stages import InTurn
from .base import GUARD_KEYS, Key, RegexUse, Rule, Spec, overlaps
from .guard import Guard

_GROUP_REFERENCE = regex.compile(r"\\(\d+)|\\g<([^>]*)>")


class Replace(Rule):
    """Replace every match of ``pattern`` (``^``/``$`` match at line ends) by ``replacement``."""

    kind = "replace"
    keys = (
        Key(
            "pattern",
            {"type": "string"},
            "Regex whose every match is replaced; `^` and `$` match at line ends.",
            required=True,
            regex=RegexUse.EDITS,
        ),
        Key(
            "replacement",
            {"type": "string"},
            r"What replaces a match; `\1` and `\g<name>` stand for its groups.",
            required=True,
        ),
        *GUARD_KEYS,
    )
    stage = InTurn

    def __init__(self, spec: Spec):
        super().__init__(spec)
        self.pattern = spec.compile("pattern", spec.data["pattern"], regex.MULTILINE)
        self.needs = required(self.pattern.pattern)  # most documents lack it: no regex runs on them
        self.replacement: str = spec.data["replacement"]
        self.guard = Guard(spec)
        for number, name in _GROUP_REFERENCE.findall(self.replacement):
            ref = number or name
            known = ref.isdigit() and int(ref) <= self.pattern.groups or ref in self.pattern.groupindex
            if not known:
                raise spec.error("replacement", f"replacement refers to unknown group {ref!r}")
        try:  # the parser ``sub`` itself runs on the template: a bad escape fails here, not at a match
            regex._main._compile_replacement_helper(self.pattern, self.replacement)  # type: ignore[attr-defined]  # private: not in the regex stubs
        except (regex.error, IndexError) as exc:
            raise spec.error("replacement", f"invalid replacement: {exc}") from None

    def apply(self, text: str, log: ChangeLog) -> str:
        if self.needs is not None and self.needs.absent_from(text) or not self.guard.admits(text):
            return text
        protected = self.guard.protected_spans(text)

        def substitute(match: regex.Match) -> str:
            if protected and overlaps(match.span(), protected):
                return match.group()
            after = match.expand(self.replacement)
            log.at(text, match.start(), self.id, match.group(), after)
            return after

        with self.guard.limit:
            return self.pattern.sub(substitute, text, timeout=self.guard.limit.seconds)
