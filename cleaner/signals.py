"""Ctrl+C and SIGTERM held back for a short critical section, then delivered.

A signal that lands between two steps that must go together (a temporary file
created and the code that removes it on failure set up; a worker forked and
its pipe recorded) would leave the first done without the second. Held, it is
delivered as the section ends, where the caller's own handling (``cli``:
"cleaner: interrupted", exit 130) takes over."""

from __future__ import annotations

import contextlib
import signal
from typing import Iterator

HELD_SIGNALS = {signal.SIGINT, signal.SIGTERM}


@contextlib.contextmanager
def signals_held() -> Iterator[None]:
    """Ctrl+C and SIGTERM held back (not lost) for the duration, then delivered;
    the mask as it was restored, so that sections nest."""
    before = signal.pthread_sigmask(signal.SIG_BLOCK, HELD_SIGNALS)
    try:
        yield
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, before)
