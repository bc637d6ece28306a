"""Fuzz the pipeline with atheris: no crash, valid text out, idempotent.

    pip install atheris
    python fuzz/fuzz_pipeline.py -max_total_time=600 fuzz/corpus-pipeline

Not part of CI: run it by hand and keep any crash file it writes as a test.
"""

import sys

import atheris

with atheris.instrument_imports():
    from cleaner import Cleaner, CleanerError

CLEANER = Cleaner()


def test_one_input(data: bytes) -> None:
    text = atheris.FuzzedDataProvider(data).ConsumeUnicodeNoSurrogates(len(data))
    try:
        once = CLEANER.clean(text)
    except CleanerError:
        return  # refused clearly (an over-long line): allowed
    once.encode("utf-8")  # valid text: no lone surrogates
    twice = CLEANER.clean(once)
    if twice != once:
        raise AssertionError(f"not idempotent: {text!r} -> {once!r} -> {twice!r}")


if __name__ == "__main__":
    atheris.Setup(sys.argv, test_one_input)
    atheris.Fuzz()
