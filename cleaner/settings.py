"""What a ``Cleaner`` loads and does besides its rules: the ``Config`` object.

>>> Config().timeout
5.0
"""

from __future__ import annotations

from dataclasses import dataclass

DEFAULT_TIMEOUT = 5.0  # seconds a rule's regex may run on one document


@dataclass(frozen=True)
class Config:
    """What a ``Cleaner`` loads and does besides its rules."""

    rules: tuple = ()  # extra rule files or folders, applied after the built-in ones
    default_rules: bool = True  # load the built-in rules
    ascii: bool = False  # transliterate to ASCII with unidecode
    straight_quotes: bool = False  # turn curly quotes into straight ones
    select: tuple = ()  # rule ids or id prefixes to use; empty: all
    ignore: tuple = ()  # rule ids or id prefixes to leave out
    timeout: float = DEFAULT_TIMEOUT  # seconds a rule's regex may run on one document
