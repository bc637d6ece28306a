"""Worker processes that can die at any moment without hanging the run.

Not ``concurrent.futures.ProcessPoolExecutor`` nor ``multiprocessing.Pool``:
their workers all write their results into one pipe, whose write end the main
process holds too. A worker killed while writing a result (the OOM killer,
``kill -9``; the result of a 1 MiB batch takes many writes) leaves half a message
in that pipe: the pool's reader waits for the rest forever, never looks at the
dead worker, the other workers wait forever for the pipe's lock, and the run
hangs at 0% CPU, deaf to Ctrl+C (issue 12: the likely cause of a kill soak's
round that hung).

Here each worker has a socket of its own, whose other end only the main process
holds. A worker's death is the end of its socket, whatever it was doing: the
main process sees it at once and raises ``WorkerLost``. A worker is sent a task
only when it is idle, so neither side ever waits on a full socket for the other;
and everything happens in the main thread, with no helper thread to join, nor to
be copied by a fork.
"""

from __future__ import annotations

import contextlib
import itertools
import multiprocessing
import multiprocessing.connection
import os
import signal
import traceback
from collections import deque
from typing import Callable, Optional

from .errors import CleanerError
from .signals import HELD_SIGNALS, signals_held


class WorkerLost(CleanerError):
    """A worker process ended in the middle of the run."""

    def __init__(self) -> None:
        super().__init__(
            "a worker process ended unexpectedly (killed, or out of memory?); "
            "completed files are kept: run again with --resume to finish"
        )


class Pool:
    """``jobs`` worker processes forked from this one; each first runs
    ``initializer(*initargs)`` (a worker that fails there ends silently, and the
    run with ``WorkerLost``). ``submit(function, *args)`` returns a ``Pending``
    whose ``result()`` is the function's value (or its exception, raised here)."""

    def __init__(self, jobs: int, initializer: Callable, initargs: tuple = ()) -> None:
        context = multiprocessing.get_context("fork")
        self.workers: list = []
        self.results: dict = {}  # ticket -> _Outcome, in the order they came
        self.waiting: deque = deque()  # (ticket, function, args) until a worker is idle
        self.tickets = itertools.count()
        # Ctrl+C or SIGTERM in the middle of a fork would be lost (Python ignores
        # errors raised in fork hooks): they wait until the forks are done.
        try:
            with signals_held():
                for _ in range(jobs):
                    ours, theirs = context.Pipe()
                    others = [worker.connection for worker in self.workers] + [ours]
                    process = context.Process(
                        target=_serve, args=(theirs, others, initializer, initargs, os.getpid()), daemon=True
                    )
                    process.start()
                    theirs.close()  # the worker's end lives in the worker alone: its death is end of file here
                    self.workers.append(_Worker(process, ours))
        except BaseException:  # a fork that failed, or the Ctrl+C held back: the workers end too
            self.kill()
            raise

    def submit(self, function: Callable, *args) -> "Pending":
        ticket = next(self.tickets)
        self.waiting.append((ticket, function, args))
        self._receive(block=False)  # results that came meanwhile free their workers
        return Pending(self, ticket)

    def take(self, ticket: int) -> "_Outcome":
        """The outcome of ``ticket``, waited for (once: it is then forgotten)."""
        while ticket not in self.results:
            self._receive(block=True)
        return self.results.pop(ticket)

    def _dispatch(self) -> None:
        for worker in self.workers:
            if not self.waiting:
                return
            if worker.ticket is None:
                worker.ticket, function, args = self.waiting.popleft()
                try:
                    worker.connection.send((function, args))
                except OSError:  # the worker's end is gone: it died
                    raise WorkerLost from None

    def _receive(self, block: bool) -> None:
        """Take the results that came (with ``block``, wait for one) and give the
        freed workers the tasks waiting, at once; a worker's end of file, or its
        process ending with its socket still open, is ``WorkerLost``."""
        self._dispatch()  # an idle worker and a waiting task must not wait for each other
        watched = {worker.connection: worker for worker in self.workers}
        watched.update({worker.process.sentinel: worker for worker in self.workers})
        for ready in multiprocessing.connection.wait(list(watched), timeout=None if block else 0):
            worker = watched[ready]
            if isinstance(ready, int):  # its process's sentinel: it ended
                if worker.connection.poll():
                    continue  # it wrote before it ended: read that first, then meet the end
                raise WorkerLost
            try:
                outcome = worker.connection.recv()
            except (EOFError, OSError):  # the worker died, perhaps in the middle of a message
                raise WorkerLost from None
            if worker.ticket is None:  # nothing was asked of it: not ours to trust
                raise WorkerLost
            self.results[worker.ticket] = outcome
            worker.ticket = None
        self._dispatch()

    def close(self) -> None:
        """End the workers once their work is done: each sees the end of its socket and exits."""
        for worker in self.workers:
            worker.connection.close()
        for worker in self.workers:
            worker.process.join(timeout=10)  # idle workers exit at once; a stuck one is not waited for
        self.kill()

    def kill(self) -> None:
        """End the workers now, whatever they are doing: the run is over."""
        for worker in self.workers:
            if worker.process.exitcode is None:
                worker.process.kill()
        for worker in self.workers:
            worker.process.join()  # SIGKILL cannot be ignored: this returns
            worker.connection.close()


class Pending:
    """A result to come from ``Pool``, in the shape of a future."""

    def __init__(self, pool: Pool, ticket: int) -> None:
        self.pool = pool
        self.ticket = ticket
        self.outcome: Optional[_Outcome] = None

    def result(self):
        if self.outcome is None:
            self.outcome = self.pool.take(self.ticket)
        return self.outcome.value()


@contextlib.contextmanager
def pool_of(jobs: int, initializer: Callable, initargs: tuple = ()):
    """A ``Pool`` for the block: its workers end with it, at once if the block failed."""
    pool = Pool(jobs, initializer, initargs)
    try:
        yield pool
    except BaseException:
        pool.kill()
        raise
    pool.close()


class _Worker:
    def __init__(self, process, connection) -> None:
        self.process = process
        self.connection = connection
        self.ticket: Optional[int] = None  # the task it is working on


class _Outcome:
    """A task's value, or the exception it raised, with the worker's traceback."""

    def __init__(self, result=None, error: Optional[BaseException] = None, trace: str = "") -> None:
        self.result = result
        self.error = error
        self.trace = trace

    def value(self):
        if self.error is None:
            return self.result
        raise self.error from _RemoteTraceback(self.trace)


class _RemoteTraceback(Exception):
    def __str__(self) -> str:
        return f'\n"""\n{self.args[0]}"""'


def _serve(connection, others: list, initializer: Callable, initargs: tuple, parent: int) -> None:
    """A worker: run the tasks that come on ``connection`` until its end of file."""
    # Ctrl+C and SIGTERM reach the whole process group: the main process alone
    # handles them (it stops the workers and removes partial outputs), workers print nothing.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    signal.pthread_sigmask(signal.SIG_UNBLOCK, HELD_SIGNALS)  # held by the main process while it forked
    for other in others:  # the main process's ends, copied by the fork: the main process alone holds them
        other.close()
    try:
        _end_with_parent(parent)
        initializer(*initargs)
    except BaseException:  # the main process checked what it could: this worker cannot start
        os._exit(2)  # silently: the main process reports the lost worker in one line
    while True:
        try:
            function, args = connection.recv()
        except (EOFError, OSError):  # the run is over
            return
        try:
            outcome = _Outcome(function(*args))
        except Exception as error:
            outcome = _Outcome(error=error, trace=traceback.format_exc())
        try:
            connection.send(outcome)  # pickled whole before a byte is written
        except OSError:  # the main process is gone: the run is over
            return
        except Exception:  # an exception that cannot be pickled: its traceback still can
            connection.send(_Outcome(error=RuntimeError(outcome.trace), trace=outcome.trace))


def _end_with_parent(parent: int) -> None:
    """Ask Linux to kill this worker when the main process dies (killed -9, or
    by the OOM killer): orphaned workers would otherwise wait for work forever."""
    import ctypes

    try:
        ctypes.CDLL(None, use_errno=True).prctl(1, signal.SIGKILL)  # 1: PR_SET_PDEATHSIG
    except (OSError, AttributeError):  # not Linux: nothing to ask
        return
    if os.getppid() != parent:  # it died before we asked
        os._exit(2)
