"""``workers.Pool``, the dump's worker processes: results in any order, a task's
exception raised in the main process, and a worker that dies, however and
whenever, is ``WorkerLost`` at once, never a wait (issue 12)."""

import os
import signal

import pytest

from cleaner.workers import Pool, WorkerLost, pool_of


def fail(message):
    raise ValueError(message)


def refuse_to_start():
    raise RuntimeError("this worker cannot start")


def test_results_come_back_in_any_order_of_asking():
    with pool_of(2, int) as pool:
        pending = [pool.submit(pow, 2, n) for n in range(10)]
        assert [p.result() for p in reversed(pending)] == [2**n for n in reversed(range(10))]
        assert pending[0].result() == 1  # asked again: the same value


def test_a_tasks_exception_is_raised_here_with_the_workers_traceback():
    with pool_of(2, int) as pool:
        with pytest.raises(ValueError, match="no such thing") as raised:
            pool.submit(fail, "no such thing").result()
        assert "in fail" in str(raised.value.__cause__)
        assert pool.submit(pow, 3, 2).result() == 9  # the worker lives on


def test_a_worker_that_cannot_start_is_a_lost_worker():
    with pytest.raises(WorkerLost, match="^a worker process ended unexpectedly"):
        with pool_of(2, refuse_to_start) as pool:
            pool.submit(pow, 2, 2).result()


@pytest.mark.parametrize("victim", [0, 1])
def test_a_worker_killed_while_idle_is_lost_at_the_next_task(victim):
    pool = Pool(2, int)
    try:
        assert pool.submit(pow, 2, 3).result() == 8
        os.kill(pool.workers[victim].process.pid, signal.SIGKILL)
        pool.workers[victim].process.join()
        with pytest.raises(WorkerLost):
            for n in range(4):  # the dead one gets one of them, or is seen dead while waiting
                pool.submit(pow, 2, n).result()
    finally:
        pool.kill()
    assert all(worker.process.exitcode is not None for worker in pool.workers)


def test_the_workers_end_with_the_pool():
    with pool_of(2, int) as pool:
        pool.submit(pow, 2, 2).result()
    assert [worker.process.exitcode for worker in pool.workers] == [0, 0]


class Unpicklable(Exception):
    def __init__(self):
        super().__init__("cannot travel")
        self.handle = lambda: None  # a lambda cannot be pickled


def raise_unpicklable():
    raise Unpicklable()


def test_an_exception_that_cannot_be_pickled_comes_back_as_its_traceback():
    with pool_of(1, int) as pool:
        with pytest.raises(RuntimeError, match="Unpicklable: cannot travel"):
            pool.submit(raise_unpicklable).result()
        assert pool.submit(pow, 2, 5).result() == 32
