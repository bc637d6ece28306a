"""cleaner: rule-driven cleaning of scraped news text.

>>> from cleaner import clean
>>> clean("Belarussian officials met in Minks.\\nAdd comment")
'Belarusian officials met in Minsk.'

The heavy modules load on first use, so ``cleaner --version`` starts fast.
"""

from __future__ import annotations

__version__ = "0.1.0"

_LAZY = {
    "clean": "pipeline",
    "Cleaner": "pipeline",
    "Config": "settings",
    "Change": "changes",
    "CleanerError": "errors",
    "RuleError": "errors",
}

__all__ = ["__version__", *_LAZY]


def __getattr__(name: str):
    if name in _LAZY:
        from importlib import import_module

        return getattr(import_module(f"cleaner.{_LAZY[name]}"), name)
    raise AttributeError(f"module 'cleaner' has no attribute {name!r}")
