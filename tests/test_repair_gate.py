"""The gate that spares most lines the cost of ftfy never lets mojibake through."""

import ftfy.bad_codecs  # noqa: F401  (registers ftfy's sloppy codecs)
import ftfy.chardata
import pytest
import regex
from hypothesis import given, settings
from hypothesis import strategies as st

from conftest import ROOT

from cleaner import unicode
from cleaner.changes import NO_LOG


@pytest.mark.parametrize("encoding", ftfy.chardata.CHARMAP_ENCODINGS)
def test_every_utf8_sequence_misdecoded_trips_the_gate(encoding):
    """Exhaustive: every UTF-8 multi-byte sequence starts with a lead byte C2-F4
    and a continuation byte 80-BF, so if each such pair, decoded with a legacy
    encoding, trips the gate, the mojibake of every sequence does."""
    missed = []
    for lead in range(0xC2, 0xF5):
        for continuation in range(0x80, 0xC0):
            try:
                mojibake = bytes([lead, continuation]).decode(encoding)
            except UnicodeDecodeError:
                continue  # bytes this encoding cannot have produced
            if not unicode.NEEDS_REPAIR.search(mojibake):
                missed.append(mojibake)
    assert missed == []


SAMPLES = [
    "Lukashenko’s “union state” — 80% … «done»",
    "Сообщите об орфографической ошибке",
    "café résumé naïve Ærøskøbing",
    "Ελληνικά and עברית and العربية",
    "日本語のテキスト、全角ＡＢＣ",
    "emoji 😀 and ½ ° ± €",
    "Łódź, Kraków, Šiauliai, İstanbul",
]


def repair_without_gate(text, monkeypatch):
    with monkeypatch.context() as patch:
        patch.setattr(unicode, "NEEDS_REPAIR", regex.compile(""))  # every line goes to ftfy
        patch.setattr(unicode, "TEXT_NEEDS_REPAIR", regex.compile(""))
        patch.setattr(unicode, "ftfy_may_change", lambda line: True)
        return unicode.repair(text, NO_LOG)


@pytest.mark.parametrize("encoding", ftfy.chardata.CHARMAP_ENCODINGS)
@pytest.mark.parametrize("sample", SAMPLES)
def test_gated_repair_fixes_what_ungated_repair_fixes(sample, encoding, monkeypatch):
    damaged = sample.encode("utf-8").decode(encoding, errors="replace")
    assert unicode.repair(damaged, NO_LOG) == repair_without_gate(damaged, monkeypatch)


def test_seed_style_mojibake_is_fixed():
    assert unicode.repair("Lukashenkoâ€™s “union” – done", NO_LOG) == "Lukashenko’s “union” – done"


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=60), st.sampled_from(ftfy.chardata.CHARMAP_ENCODINGS))
def test_gated_equals_ungated_on_generated_mojibake(monkeypatch_session, text, encoding):
    damaged = text.encode("utf-8", errors="replace").decode(encoding, errors="replace")
    for candidate in (text, damaged):
        assert unicode.repair(candidate, NO_LOG) == repair_without_gate(candidate, monkeypatch_session)


@pytest.fixture(scope="module")
def monkeypatch_session():
    with pytest.MonkeyPatch.context() as patch:
        yield patch


def ftfy_leaves(line):
    return ftfy.fix_and_explain(line, unicode.FTFY_CONFIG).text == line


@settings(max_examples=500, deadline=None)
@given(st.text(max_size=80), st.sampled_from(ftfy.chardata.CHARMAP_ENCODINGS))
def test_ftfy_gate_passes_only_lines_ftfy_leaves(text, encoding):
    damaged = text.encode("utf-8", errors="replace").decode(encoding, errors="replace")
    for line in (text, damaged, *SAMPLES):
        assert unicode.ftfy_may_change(line) or ftfy_leaves(line), line


def test_ftfy_gate_on_the_seeds_and_their_mojibake():
    lines = {line for path in ROOT.glob("seeds/*/*.txt") for line in path.read_text(encoding="utf-8").split("\n")}
    checked = 0
    for line in lines:
        for encoding in ("utf-8", *ftfy.chardata.CHARMAP_ENCODINGS):
            candidate = line.encode("utf-8").decode(encoding, errors="replace")
            if not unicode.ftfy_may_change(candidate):
                checked += 1
                assert ftfy_leaves(candidate), candidate
    assert checked > 100  # the gate passes most correct lines
