"""The stable codes of rule-file findings, each with why it matters and an example.

E codes are what the loader refuses (a ``RuleError``'s code), W codes what
``cleaner rules lint`` warns about. The table of codes in docs/rules.md and
``cleaner rules lint --help`` are made from ``LINT_CODES``. This module imports
nothing, so that ``cleaner --version`` stays fast.

>>> DUPLICATE_ID.code, CODES["E104"]
('E104', 'duplicate rule id')
"""

from __future__ import annotations

from typing import NamedTuple


class LintCode(NamedTuple):
    code: str
    summary: str  # what is found, in a few words
    why: str  # why it matters
    example: str  # a rule file line that has it


UNREADABLE = LintCode(
    "E100",
    "the file cannot be read or is not valid YAML",
    "nothing in the file can be loaded",
    "`patterns: [a, b` (an unclosed list)",
)
UNKNOWN_KEY = LintCode(
    "E101",
    "unknown key",
    "a misspelt key would be ignored silently; the message says what was meant",
    "`replacment: b`",
)
INVALID_RULE = LintCode(
    "E102",
    "invalid rule",
    "a missing or misplaced key, a wrong type, an unknown kind or a bad id",
    "`kind: drop`",
)
INVALID_REGEX = LintCode(
    "E103",
    "invalid regex",
    "the pattern cannot be compiled, or is too long",
    "`patterns: ['b(']`",
)
DUPLICATE_ID = LintCode(
    "E104",
    "duplicate rule id",
    "ids select and ignore rules, so each names one rule across all files",
    "`id: names.makei` twice",
)
YAML_TAG = LintCode(
    "E105",
    "YAML tag not allowed",
    "a tag such as `!!python/object` could run code; rule files are plain data",
    "`- !!python/object/apply:os.system [ls]`",
)
DUPLICATE_KEY = LintCode(
    "E106",
    "duplicate key",
    "YAML would keep only the last value",
    "`id: a.b` and `id: a.c` in one rule",
)
MATCHES_EMPTY = LintCode(
    "W201",
    "a pattern matches the empty string",
    "a replace rule inserts its replacement everywhere",
    "`pattern: 'x*'`",
)
BACKTRACKING = LintCode(
    "W202",
    "nested unbounded quantifiers or repeated alternatives: catastrophic backtracking",
    "a document can make the regex run past its time limit",
    "`patterns: ['(a+)+$']`",
)
VARIANT_CYCLE = LintCode(
    "W203",
    "a variant is another rule's canonical form: the rules undo each other",
    "two rules rewriting a name into each other never agree",
    "`canonical: Minks` beside `variants: [Minks]`",
)
RULES_FEED_EACH_OTHER = LintCode(
    "W204",
    "rules feed each other: an example is not clean after one run",
    "a rule writes text an earlier rule would have changed, so cleaning is not idempotent",
    "a rule writing `Minsk` loaded after a rule that rewrites `Minsk`",
)
NO_EXAMPLES = LintCode(
    "W205",
    "no examples",
    "examples are the rule's tests",
    "a rule without `examples:`",
)
NO_NEGATIVE_EXAMPLE = LintCode(
    "W206",
    "no negative example (an input that must stay unchanged)",
    "nothing shows which real prose the rule must leave alone",
    "every example has an `output`",
)
NO_POSITIVE_EXAMPLE = LintCode(
    "W207",
    "no positive example (an input the rule changes)",
    "nothing shows the rule doing its job",
    "no example has an `output` differing from its input",
)

LINT_CODES = (
    UNREADABLE,
    UNKNOWN_KEY,
    INVALID_RULE,
    INVALID_REGEX,
    DUPLICATE_ID,
    YAML_TAG,
    DUPLICATE_KEY,
    MATCHES_EMPTY,
    BACKTRACKING,
    VARIANT_CYCLE,
    RULES_FEED_EACH_OTHER,
    NO_EXAMPLES,
    NO_NEGATIVE_EXAMPLE,
    NO_POSITIVE_EXAMPLE,
)

CODES = {c.code: c.summary for c in LINT_CODES}
