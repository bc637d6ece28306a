"""The regex time of a document, and each rule's share of it: a hostile or
careless pattern stops with an error naming its rule instead of hanging the run."""

from __future__ import annotations

from contextlib import contextmanager
from contextvars import ContextVar
from time import monotonic, process_time
from typing import TYPE_CHECKING, Any, Iterator, Optional

from .errors import RuleTimeout

if TYPE_CHECKING:
    from .kinds.base import Spec


class Budget:
    """The regex time of one document, shared by every rule's regex calls on it
    (``TimeLimit``): a document of many lines, each a little under the limit,
    fails as surely as one line over it. Only time inside regex calls counts:
    Unicode repair of a big document spends none of it.

    Each call is charged its wall time, which costs a twentieth of reading the
    process's CPU clock (0.06 µs against 0.7, twice a regex call). But the
    regex module counts its own ``timeout`` in the process's CPU time (C's
    ``clock()``), and a busy host stretches the wall time of every call: so
    when the wall time charged has spent the budget, the document's CPU time
    decides (``cpu_left``), and the document fails only if that has spent it
    too. Its CPU time holds its regex time and more, so the budget never
    lasts longer than it should.

    ``Cleaner`` opens one per document (``document_budget``); outside one, each
    call has the rule's whole time limit.

    >>> with document_budget(2.0) as budget:
    ...     budget.left
    2.0
    >>> BUDGET.get() is None
    True
    """

    __slots__ = ("seconds", "left", "started", "opened")

    def __init__(self, seconds: float):
        self.seconds = seconds
        self.left = seconds
        self.started = 0.0  # when the regex call under way began (wall clock)
        self.opened = process_time()  # the process's CPU time when the document began

    def cpu_left(self) -> float:
        """What is left once the wall time charged has spent the budget: the
        budget less the CPU time the document has taken so far, which the next
        charges draw on."""
        self.left = self.seconds - (process_time() - self.opened)
        self.started = monotonic()
        return self.left


BUDGET: ContextVar[Optional[Budget]] = ContextVar("cleaner_regex_budget", default=None)


@contextmanager
def document_budget(seconds: float) -> Iterator[Budget]:
    """One document's regex budget of ``seconds``, drawn on by every ``TimeLimit`` inside."""
    budget = Budget(seconds)
    token = BUDGET.set(budget)
    try:
        yield budget
    finally:
        BUDGET.reset(token)


class TimeLimit:
    """Wraps a rule's regex calls (``with limit: p.search(text, timeout=limit.seconds)``,
    never nested): once the document's ``Budget`` is spent (a hostile or careless
    pattern backtracking without end), the document fails with an error naming
    the rule, instead of hanging the run.

    The regex module raises TimeoutError, an OSError: it is turned into a
    RuleTimeout here so that no caller mistakes it for a file error."""

    def __init__(self, spec: Spec):
        self.alone = spec.timeout  # what a call may take outside a document's budget
        self.rule = f"rule {spec.data['id']} ({spec.path}:{spec.line})"

    def __enter__(self) -> "TimeLimit":
        budget = BUDGET.get()
        if budget is not None:
            budget.started = monotonic()
        return self

    @property
    def seconds(self) -> float:
        """What the next call may take: what is left of the document's budget."""
        budget = BUDGET.get()
        if budget is None:
            return self.alone
        left = budget.left - (monotonic() - budget.started)
        if left <= 0:  # by the wall clock; the CPU clock may leave more
            left = budget.cpu_left()
            if left <= 0:
                raise TimeoutError("regex time of the document spent")
        return left

    def __exit__(self, kind: Optional[type], error: Optional[BaseException], traceback: Any) -> None:
        budget = BUDGET.get()
        if budget is not None:
            budget.left -= monotonic() - budget.started
        if kind is not None and issubclass(kind, TimeoutError):
            seconds = self.alone if budget is None else budget.seconds
            raise RuleTimeout(f"{self.rule} took more than {seconds:g} s on this document") from None
