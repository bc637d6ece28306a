"""``variants``: replace other spellings of a name by its canonical one."""

from __future__ import annotations

from typing import Iterator

from ..lint_codes import VARIANT_CYCLE
from ..names import WORD, WORD_CHAR, FirstWord, VariantIndex
from .base import GUARD_KEYS, IGNORE_CASE, STRING_LIST, RuleFinding, Key, Rule, Spec
from .guard import Guard


class Variants(Rule):
    """Replace whole-word ``variants`` of a name by its ``canonical`` spelling.

    Applied for all rules at once by ``names.VariantIndex``.
    """

    kind = "variants"
    keys = (
        Key("canonical", {"type": "string"}, "The right spelling of the name.", required=True),
        Key("variants", {**STRING_LIST, "minItems": 1}, "Other spellings, each matched as whole words.", required=True),
        IGNORE_CASE,
        *GUARD_KEYS,
    )
    stage = VariantIndex

    def __init__(self, spec: Spec):
        super().__init__(spec)
        self.canonical: str = spec.data["canonical"]
        self.variants: list = spec.data["variants"]
        self.ignore_case: bool = spec.data.get("ignore-case", False)
        self.guard = Guard(spec)
        self.first_words: list[FirstWord] = []
        for i, variant in enumerate(self.variants):
            key = variant.casefold() if self.ignore_case else variant
            first = WORD.match(key)
            if not (first and WORD_CHAR.match(variant, len(variant) - 1)):
                raise spec.error(("variants", i), f"variant {variant!r} must start and end with a letter or digit")
            self.first_words.append(FirstWord(variant, first.group()))
            if variant == self.canonical:
                raise spec.error(("variants", i), f"variant {variant!r} is the canonical form")

    @classmethod
    def lint_together(cls, rules: list) -> Iterator[RuleFinding]:
        """A variant that is another rule's canonical form: the two rules undo each other."""
        canonical = {r.canonical: r for r in rules}
        for rule in rules:
            for i, variant in enumerate(rule.variants):
                other = canonical.get(variant)
                if other is not None and other is not rule:
                    yield RuleFinding(
                        rule,
                        ("variants", i),
                        VARIANT_CYCLE.code,
                        f"variant {variant!r} is the canonical form of {other.id}",
                    )
