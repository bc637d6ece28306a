"""Recall and precision of the Cyrillic code-page repair on real text.

    python benchmarks/cyrillic/measure.py [/work/data/cyrillic] [--tuning] [--detector charset-normalizer]

Recall: every sentence of recall/{ru,uk,be}.txt (tuning/ with --tuning) is
encoded in the page it is written in and decoded in the page it is read as,
for every pair cleaner.cyrillic repairs; a repair counts only when it gives
the sentence back exactly. A sentence with a character the written-in page
has no byte for is first given the ASCII stand-in a writer in that page would
have typed (« » as ", — as -; in CP866, which has no і, Latin i), and skipped
if one remains (Belarusian ў in KOI8).
Precision: every line of the other precision/*.txt (tuning/ with --tuning) and
of the correct Cyrillic sentences must come back unchanged. The model is built
from train/, which neither reads.

With --detector charset-normalizer, each broken run is judged by that library
instead (on the re-encoded bytes: kept when its best guess is the written-in
page family), to compare it with the shipped bigram model.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from cleaner import cyrillic  # noqa: E402
from cleaner.cyrillic import decide  # noqa: E402
from cleaner.changes import NO_LOG  # noqa: E402

STAND_INS = str.maketrans(
    {"«": '"', "»": '"', "„": '"', "“": '"', "”": '"', "—": "-", "–": "-", "…": "...", "’": "'", "№": "N"}
)


# CP866 has no і: Ukrainian and Belarusian writers in DOS typed Latin i for it,
# as many still do ("грамадзянамi").
STAND_INS_CP866 = str.maketrans({"і": "i", "І": "I"})


def broken(sentence: str, written_in: str, read_as: str) -> tuple[str, str] | None:
    """(the sentence as its page could hold it, its mojibake), or None."""
    codec = cyrillic.WRITTEN_IN[written_in] if written_in != "koi8-r" else "koi8_u"
    stand_ins = [sentence.translate(STAND_INS)]
    if written_in == "cp866":
        stand_ins = [text.translate(STAND_INS_CP866) for text in (sentence, *stand_ins)]
    for text in (sentence, *stand_ins):
        try:
            raw = text.encode(codec)
        except UnicodeEncodeError:
            continue
        return text, raw.decode(cyrillic.READ_AS[read_as][0])
    return None


LIMIT = None
CYRILLIC = ("be", "ru", "uk")  # the languages repaired; every other set is precision text


def read(path: Path) -> list[str]:
    return [line for line in path.read_text(encoding="utf-8").splitlines() if line.strip()][:LIMIT]


def use_charset_normalizer() -> None:
    """Swap the bigram test for charset-normalizer's guess on the re-encoded bytes."""
    from charset_normalizer import from_bytes

    families = {"cp1251": "cp1251", "koi8-r": "koi8", "cp866": "cp866", "mac-cyrillic": "maccyrillic"}
    original = decide.reread
    state = {}

    def reread(word, written_in, read_as):
        state["pair"] = (written_in, read_as)
        return original(word, written_in, read_as)

    def gain(before, after, thresholds=decide.THRESHOLDS):
        """1 when charset-normalizer's best guess for the re-encoded run is its page, else 0."""
        written_in, _ = state["pair"]
        if max(len(decide.CYRILLIC_LETTER.findall(word)) for word in after.split(" ")) < thresholds.min_letters:
            return 0.0
        try:
            best = from_bytes(after.encode(cyrillic.WRITTEN_IN[written_in])).best()
        except UnicodeEncodeError:
            return 0.0
        return float(best is not None and best.encoding.replace("_", "").startswith(families[written_in]))

    decide.reread = reread  # type: ignore[assignment]
    decide.run_gain = gain


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("data", nargs="?", default="/work/data/cyrillic", type=Path)
    parser.add_argument("--tuning", action="store_true", help="measure on the text thresholds are set on")
    parser.add_argument("--detector", choices=["bigrams", "charset-normalizer"], default="bigrams")
    parser.add_argument(
        "--limit", type=int, default=0, help="first N lines of each set only (charset-normalizer is slow)"
    )
    parser.add_argument("--show", type=int, default=3, help="failures to show per set")
    args = parser.parse_args()
    global LIMIT
    LIMIT = args.limit or None
    if args.detector == "charset-normalizer":
        use_charset_normalizer()
    recall_folder, precision_folder = ("tuning", "tuning") if args.tuning else ("recall", "precision")
    start = time.perf_counter()
    cyrillic_lines = {}
    print(f"recall ({recall_folder}/): repaired exactly / broken sentences")
    grand = [0, 0]
    for language in CYRILLIC:
        path = args.data / recall_folder / f"{language}.txt"
        lines = cyrillic_lines[path.stem] = read(path)
        for written_in, read_as in cyrillic.PAIRS:
            good = total = shown = 0
            for sentence in lines:
                pair = broken(sentence, written_in, read_as)
                if pair is None:
                    continue
                expected, mojibake = pair
                total += 1
                repaired = cyrillic.repair(mojibake, NO_LOG)
                if repaired == expected:
                    good += 1
                elif shown < args.show:
                    shown += 1
                    print(f"    MISS {mojibake!r}\n      -> {repaired!r}")
            grand[0] += good
            grand[1] += total
            skipped = len(lines) - total
            print(
                f"  {path.stem} {written_in:>12} read as {read_as:<8} {good:5}/{total:<5} {good / max(total, 1):8.2%}"
                + (f"  ({skipped} not encodable)" if skipped else "")
            )
    print(f"  all {grand[0]}/{grand[1]} = {grand[0] / grand[1]:.2%}")
    print(f"precision ({precision_folder}/ and correct Cyrillic): lines changed / lines")
    changed_all = lines_all = 0
    sets = {
        path.stem: read(path)
        for path in sorted((args.data / precision_folder).glob("*.txt"))
        if path.stem not in CYRILLIC
    }
    sets.update({f"{lang} (correct)": lines for lang, lines in cyrillic_lines.items()})
    for name, lines in sets.items():
        changed = [line for line in lines if cyrillic.repair(line, NO_LOG) != line]
        changed_all += len(changed)
        lines_all += len(lines)
        print(f"  {name:14} {len(changed):4}/{len(lines)}")
        for line in changed[: args.show]:
            print(f"    CHANGED {line!r}\n      -> {cyrillic.repair(line, NO_LOG)!r}")
    print(f"  all {changed_all}/{lines_all} changed")
    print(f"{time.perf_counter() - start:.1f} s")


if __name__ == "__main__":
    main()
