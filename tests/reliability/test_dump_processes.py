"""``dump`` as a real process meets a lost worker, SIGTERM, a full disk and
``kill -9``: one line, the right exit status, nothing half-written (issue 12)."""

import json
import os
import resource
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from conftest import ROOT

pytestmark = pytest.mark.slow  # real processes, stopped on purpose

sys.path.insert(0, str(ROOT / "tests" / "reliability"))
import kill_soak  # noqa: E402


def start(source, out, *flags, **popen):
    command = [sys.executable, "-m", "cleaner", "dump", str(source), "-o", str(out), *flags]
    return subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, **popen)


def wait_for_workers(run, count=2, seconds=30):
    deadline = time.monotonic() + seconds
    while len(workers := kill_soak.children(run.pid)) < count:
        assert run.poll() is None and time.monotonic() < deadline, "no workers came"
        time.sleep(0.01)
    return workers


def test_a_killed_worker_ends_the_run_in_one_line_and_resume_finishes_it(tmp_path):
    kill_soak.make_dump(tmp_path / "in", records=600)
    run = start(tmp_path / "in", tmp_path / "out", "--jobs", "2")
    os.kill(wait_for_workers(run)[0], signal.SIGKILL)  # what the OOM killer does
    _, err = run.communicate(timeout=60)
    assert (run.returncode, err.decode()) == (
        2,
        "cleaner: a worker process ended unexpectedly (killed, or out of memory?); "
        "completed files are kept: run again with --resume to finish\n",
    )
    assert not list((tmp_path / "out").rglob("*.cleaner-tmp"))
    finish = start(tmp_path / "in", tmp_path / "out", "--jobs", "2", "--resume")
    assert finish.wait(timeout=300) == 0  # a bound for a hang, ample on a busy machine
    reference = start(tmp_path / "in", tmp_path / "reference", "--jobs", "1")
    assert reference.wait(timeout=300) == 0
    assert kill_soak.snapshot(tmp_path / "out") == kill_soak.snapshot(tmp_path / "reference")


WRITE = {"x86_64": "1", "aarch64": "64"}.get(os.uname().machine)  # the write(2) system call's number
SYSCALL_SHOWN = WRITE is not None and os.access("/proc/self/syscall", os.R_OK)


def writing(pid):
    """Whether process ``pid`` is blocked in write(2) (``/proc/PID/syscall`` starts with its number)."""
    try:
        return (Path(f"/proc/{pid}/syscall").read_text().split() or [""])[0] == WRITE
    except OSError:
        return False


@pytest.mark.skipif(not SYSCALL_SHOWN, reason="needs /proc/PID/syscall, on x86_64 or aarch64 Linux")
def test_a_worker_killed_halfway_through_sending_its_result_ends_the_run(tmp_path):
    """The kill soak's one hang: a worker killed in the middle of writing a result
    left half a message in the pool's shared result pipe, and the main process
    waited for the rest forever. Each batch's result here (~1 MiB) is larger than
    a pipe or socket buffer; the main process is stopped until a worker is
    caught blocked in write(2), halfway through a result, and killed there."""
    source = tmp_path / "in"
    source.mkdir()
    text = "Vladimir McKay in Minks, Belarus. " * 250
    (source / "a.jsonl").write_text("".join(json.dumps({"n": i, "text": text}) + "\n" for i in range(1000)))
    out = tmp_path / "out"
    run = start(source, out, "--jobs", "2", start_new_session=True)
    try:
        wait_for_workers(run)
        deadline = time.monotonic() + 120
        while not any(p.stat().st_size for p in out.glob("*.cleaner-tmp")):  # results are flowing
            assert run.poll() is None and time.monotonic() < deadline, "no output came"
            time.sleep(0.01)
        victim = None
        while victim is None:
            assert run.poll() is None, "the run ended before a worker was caught writing"
            os.kill(run.pid, signal.SIGSTOP)  # nobody reads: a worker with a result blocks in write(2)
            caught = time.monotonic() + 1
            while victim is None and time.monotonic() < caught:
                victim = next((worker for worker in kill_soak.children(run.pid) if writing(worker)), None)
                time.sleep(0.005)
            if victim is None:
                os.kill(run.pid, signal.SIGCONT)
                time.sleep(0.05)
        os.kill(victim, signal.SIGKILL)
        os.kill(run.pid, signal.SIGCONT)
        _, err = run.communicate(timeout=60)  # it hung forever with ProcessPoolExecutor
    finally:
        if run.poll() is None:
            os.killpg(run.pid, signal.SIGKILL)
            run.communicate()
    assert (run.returncode, err.decode()) == (
        2,
        "cleaner: a worker process ended unexpectedly (killed, or out of memory?); "
        "completed files are kept: run again with --resume to finish\n",
    )
    assert not list(out.rglob("*.cleaner-tmp"))


def test_sigterm_stops_a_dump_like_ctrl_c(tmp_path):
    kill_soak.make_dump(tmp_path / "in", files=6, records=20000)
    run = start(tmp_path / "in", tmp_path / "out", "--jobs", "2")
    wait_for_workers(run)
    time.sleep(1)  # the workers started: SIGTERM in the middle of the run, not of their start
    run.send_signal(signal.SIGTERM)
    _, err = run.communicate(timeout=60)
    assert (run.returncode, err.decode()) == (143, "cleaner: terminated\n")
    assert not list((tmp_path / "out").rglob("*.cleaner-tmp"))


def test_a_full_disk_is_one_line_and_leaves_no_temporary_file(tmp_path):
    source = tmp_path / "in"
    source.mkdir()
    records = 5_000  # 160 KB of output, past the 64 KiB below
    (source / "a.jsonl").write_text("".join(json.dumps({"text": f"Minks, Belarus {i}"}) + "\n" for i in range(records)))

    def small_disk():  # writes past 64 KiB fail with EFBIG, as ENOSPC would on a full disk
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
        resource.setrlimit(resource.RLIMIT_FSIZE, (64 * 1024, 64 * 1024))

    run = start(source, tmp_path / "out", "--jobs", "1", preexec_fn=small_disk)
    _, err = run.communicate(timeout=300)  # a bound for a hang, ample on a busy machine
    assert (run.returncode, err.decode()) == (
        2,
        f"cleaner: {tmp_path / 'out' / 'a.jsonl'}: cannot write: File too large\n",
    )
    assert not list((tmp_path / "out").rglob("*.cleaner-tmp"))
    assert not (tmp_path / "out" / "a.jsonl").exists()


def test_kill_soak_three_rounds(tmp_path):
    failures = kill_soak.soak(3, seed=12, work=tmp_path, records=600)
    assert not failures, "\n\n".join(failures)  # in full: what was killed when, the processes, their stacks
