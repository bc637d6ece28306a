"""Every setting once: its default, its type and its help.

The pipeline's ``Config`` and the command line's ``Settings`` (``Config`` and
the file settings) are dataclasses whose fields carry a ``Kind`` and a help
text. The ``[tool.cleaner]`` keys (``config.py``), the command-line flags
(``flag()``) and the checks of values from Python all derive from them, so a
value is checked where it enters, whichever way it comes in.

>>> Config().timeout
5.0
>>> Config(timeout=2).timeout
2.0
>>> Config(rules="my-rules")
Traceback (most recent call last):
...
cleaner.errors.CleanerError: Config(rules='my-rules'): expected a list of rule files or folders, got 'my-rules'
"""

from __future__ import annotations

import argparse
import codecs
import math
import os
from dataclasses import dataclass, field, fields
from typing import Callable, NamedTuple, Optional

from .errors import CleanerError
from .files import DEFAULT_INCLUDE

DEFAULT_TIMEOUT = 5.0  # seconds a rule's regex may run on one document


class Kind(NamedTuple):
    """What a setting holds: ``check`` returns the value as stored or raises ValueError;
    ``parse`` reads a flag's text (``None``: an on/off flag)."""

    expected: str
    check: Callable
    parse: Optional[Callable]


def _flag(value):
    if isinstance(value, bool):
        return value
    raise ValueError


def _strings(value) -> tuple:
    if isinstance(value, (list, tuple)) and all(isinstance(v, str) for v in value):
        return tuple(value)
    raise ValueError


def _paths(value) -> tuple:
    if isinstance(value, (list, tuple)) and all(isinstance(v, (str, os.PathLike)) for v in value):
        return tuple(value)
    raise ValueError


def _seconds(value) -> float:
    # bool is an int to Python, and NaN compares false: both refused here
    if isinstance(value, (int, float)) and not isinstance(value, bool) and 0 < value < math.inf:
        return float(value)
    raise ValueError


def _encoding(value) -> str:
    if isinstance(value, str):
        codecs.lookup(value)  # an unknown name raises LookupError, caught by checked()
        return value
    raise ValueError


def _count(value) -> int:
    if isinstance(value, int) and not isinstance(value, bool) and value >= 1:
        return value
    raise ValueError


def _share(value) -> float:
    if isinstance(value, (int, float)) and not isinstance(value, bool) and 0 <= value <= 1:
        return float(value)
    raise ValueError


def _ids(text: str) -> tuple:
    """``--ignore names,chrome``: comma-separated ids.

    >>> _ids("names, chrome,")
    ('names', 'chrome')
    """
    return tuple(part.strip() for part in text.split(",") if part.strip())


FLAG = Kind("true or false", _flag, None)
IDS = Kind("a list of strings", _strings, _ids)
PATHS = Kind("a list of rule files or folders", _paths, lambda text: (text,))
SECONDS = Kind("a positive number of seconds", _seconds, float)
ENCODING = Kind("an encoding Python knows, e.g. utf-8 or cp1251", _encoding, str)
COUNT = Kind("a whole number of 1 or more", _count, int)
SHARE = Kind("a number from 0 to 1", _share, float)


def checked(kind: Kind, value):
    """``value`` as stored, or ValueError("expected ..., got ...")."""
    try:
        return kind.check(value)
    except (ValueError, LookupError):
        raise ValueError(f"expected {kind.expected}, got {value!r}") from None


def flag_type(kind: Kind) -> Callable:
    """An argparse ``type=`` that reads and checks a flag's text: a bad value is a
    one-line usage error naming the flag."""

    parse = kind.parse
    assert parse is not None, "an on/off flag takes no value to read"

    def read(text: str):
        try:
            return checked(kind, parse(text))
        except ValueError:
            raise argparse.ArgumentTypeError(f"expected {kind.expected}, got {text!r}") from None

    read.__name__ = kind.expected  # argparse names the type in some messages
    return read


def setting(default, kind: Kind, group: str, help: str, metavar: str = "", adds: bool = False):
    """A dataclass field that is a setting, its flag shown in ``group`` of the help.
    ``adds``: the flag adds to the config file's value instead of replacing it."""
    metadata = {"kind": kind, "help": help, "group": group, "metavar": metavar, "adds": adds}
    return field(default=default, metadata=metadata)


@dataclass(frozen=True)
class Config:
    """What a ``Cleaner`` loads and does besides its rules."""

    rules: tuple = setting(
        (),
        PATHS,
        "rules",
        metavar="PATH",
        adds=True,
        help="rule file, or folder of rule files (.yaml, .json), to load after the built-in ones (repeatable)",
    )
    default_rules: bool = setting(True, FLAG, "rules", help="load the built-in rules")
    select: tuple = setting(
        (),
        IDS,
        "rules",
        metavar="IDS",
        help="use only the rules with these ids or id prefixes, comma-separated (e.g. names,punctuation)",
    )
    ignore: tuple = setting((), IDS, "rules", metavar="IDS", help="leave out the rules with these ids or id prefixes")
    timeout: float = setting(
        DEFAULT_TIMEOUT,
        SECONDS,
        "rules",
        metavar="SECONDS",
        help="how long one rule's regex may run on one document before that document fails",
    )
    ascii: bool = setting(False, FLAG, "output", help="transliterate the result to ASCII (unidecode)")
    straight_quotes: bool = setting(False, FLAG, "output", help="turn curly quotes into straight ones")

    def __post_init__(self):
        for each in fields(self):
            value = getattr(self, each.name)
            try:
                object.__setattr__(self, each.name, checked(each.metadata["kind"], value))
            except ValueError as exc:
                raise CleanerError(f"{type(self).__name__}({each.name}={value!r}): {exc}") from None


@dataclass(frozen=True)
class Settings(Config):
    """A command's settings: the pipeline's, and which files it reads and how."""

    include: tuple = setting(
        DEFAULT_INCLUDE, IDS, "files", metavar="GLOBS", help="file-name globs a folder walk takes, comma-separated"
    )
    exclude: tuple = setting((), IDS, "files", metavar="GLOBS", help="file or folder globs to leave alone")
    encoding: str = setting("utf-8", ENCODING, "files", metavar="NAME", help="encoding of the files")

    @property
    def config(self) -> Config:
        return Config(**{each.name: getattr(self, each.name) for each in fields(Config)})


SETTINGS = {each.name: each for each in fields(Settings)}


def key(name: str) -> str:
    """The config-file key, and the flag without its dashes, of a setting.

    >>> key("straight_quotes")
    'straight-quotes'
    """
    return name.replace("_", "-")


def _shown(default) -> str:
    """A default as the help shows it.

    >>> _shown(True), _shown(("*.txt",)), _shown(5.0), _shown(())
    ('yes', '*.txt', '5', '')
    """
    if isinstance(default, bool):
        return "yes" if default else "no"
    if isinstance(default, tuple):
        return ",".join(default)
    return f"{default:g}" if isinstance(default, float) else str(default)


def add_flags(parser, group: str, only: Optional[tuple] = None) -> None:
    """The flags of the settings of ``group`` (or ``only`` those named). Each
    defaults to None, "not given", so that the config file's value stands."""
    for each in SETTINGS.values():
        meta = each.metadata
        if meta["group"] != group or (only is not None and each.name not in only):
            continue
        shown = _shown(each.default)
        options = {"dest": each.name, "default": None, "help": meta["help"] + (f" (default: {shown})" if shown else "")}
        if meta["kind"].parse is None:
            parser.add_argument(f"--{key(each.name)}", action=argparse.BooleanOptionalAction, **options)
        else:
            action = "extend" if meta["adds"] else "store"
            kind = flag_type(meta["kind"])
            parser.add_argument(f"--{key(each.name)}", type=kind, action=action, metavar=meta["metavar"], **options)
