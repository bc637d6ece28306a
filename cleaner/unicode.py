"""Stage 1, Unicode repair: mojibake, invisible characters, odd spaces.

ftfy repairs mojibake, but its defaults also straighten curly quotes and fold
full-width characters, which would alter correct text in nearly every English
or Japanese article. ``FTFY_CONFIG`` keeps only the repairs of broken text.

>>> repair("Lukashenkoâ€™s visit", NO_LOG)
'Lukashenko’s visit'
>>> repair("“Quoted” ｆｕｌｌ　ｗｉｄｔｈ", NO_LOG)
'“Quoted” ｆｕｌｌ\\u3000ｗｉｄｔｈ'
>>> repair("soft\\u00adhyphen and\\u00a0NBSP", NO_LOG)
'softhyphen and NBSP'
"""

from __future__ import annotations

import ftfy
import ftfy.fixes
import regex

from .changes import NO_LOG, ChangeLog

FTFY_CONFIG = ftfy.TextFixerConfig(
    fix_latin_ligatures=False,  # 'ﬁ' is typography, not damage
    fix_character_width=False,  # full-width forms are correct CJK text
    uncurl_quotes=False,  # curly quotes are correct English text (opt-in: --straight-quotes)
    fix_line_breaks=False,  # done once for the whole text, before splitting into lines
    normalization=None,  # NFC would rewrite CJK compatibility ideographs
)

# A line made only of these needs no ftfy: printable ASCII without '&' (HTML
# entities) and tab. Most lines of news text pass, which keeps this stage fast.
NEEDS_REPAIR = regex.compile(r"[^\t\x20-\x25\x27-\x7e]")

# Invisible characters that carry nothing in news text. Zero-width (non-)joiners
# and bidi marks are kept: Persian, Indic scripts and emoji need them.
INVISIBLE = regex.compile("[\u200b\u2060\ufeff\u00ad]")
# Spaces that look like a space: NBSP, the typographic spaces, narrow NBSP.
# The ideographic space U+3000 is kept: it is correct CJK text.
ODD_SPACES = regex.compile("[\u00a0\u1680\u2000-\u200a\u202f\u205f]")


# Removing an invisible character can reveal mojibake it split, and repairing
# mojibake can reveal an NBSP: repeat until the line is stable (bounded, since
# each round only removes damage).
MAX_ROUNDS = 4


def repair(text: str, log: ChangeLog) -> str:
    """Repair each line that needs it; line breaks become ``\\n``."""
    lines = ftfy.fixes.fix_line_breaks(text).split("\n")
    for number, line in enumerate(lines, 1):
        if not NEEDS_REPAIR.search(line):
            continue
        for _ in range(MAX_ROUNDS):
            line = _plain_spaces_visible_characters(line, number, log)
            fixed, steps = ftfy.fix_and_explain(line, FTFY_CONFIG)
            if fixed == line:
                break
            note = "; ".join(f"{action} {parameter}" for action, parameter in steps)
            log.line(number, "unicode.ftfy", line, fixed, note)
            line = fixed
        lines[number - 1] = line
    return "\n".join(lines)


def _plain_spaces_visible_characters(line: str, number: int, log: ChangeLog) -> str:
    for rule, pattern, replacement in (
        ("unicode.invisible", INVISIBLE, ""),
        ("unicode.spaces", ODD_SPACES, " "),
    ):
        for match in pattern.finditer(line):
            log.line(number, rule, match.group(), replacement, f"U+{ord(match.group()):04X}")
        line = pattern.sub(replacement, line)
    return line
