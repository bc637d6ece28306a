"""Kill soak for ``cleaner dump``: each round starts a dump, ``kill -9``s it or
one of its workers at a random moment, then finishes it with ``--resume`` (which
may be killed too); the result must be byte for byte the output of an
uninterrupted run. A killed worker must end the run by itself, in one line with
exit 2. The moments are spread over the whole uninterrupted run (start-up, the
workers' start, batches, the last batch, renames, markers, rejects).

    python tests/reliability/kill_soak.py --rounds 50 [--seed 1] [--kills 2] [--victim any] [--span S]

Each round is printed as it ends; a failure says which round and seed, what
was killed when, and for a run that hung, its process tree and every thread's
Python stack (faulthandler, on SIGABRT) with the run's stderr. Exit 0 if every
round matched.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Callable, Optional

HANG = 60  # seconds a killed run may take to end by itself; a resumed run gets twice that


def make_dump(folder: Path, files: int = 6, records: int = 2500) -> None:
    folder.mkdir(parents=True)
    for n in range(files):
        lines = [json.dumps({"n": i, "text": f"Vladimir McKay in Minks, Belarus, number {i}."}) for i in range(records)]
        suffix = ".jsonl" if n % 2 else ".txt"
        body = "\n".join(lines) + "\n" if suffix == ".jsonl" else "Minks, Belarus.\r\n" * records
        (folder / f"part-{n:02}{suffix}").write_text(body, newline="")


def snapshot(folder: Path) -> dict:
    """Every file a dump leaves that a user reads (the state folder is bookkeeping)."""
    return {
        p.relative_to(folder).as_posix(): p.read_bytes()
        for p in sorted(folder.rglob("*"))
        if p.is_file() and ".cleaner-dump" not in p.parts
    }


def dump(source: Path, out: Path, *flags: str, **popen) -> subprocess.Popen:
    """A dump in a session of its own; SIGABRT makes it print every thread's stack."""
    command = [sys.executable, "-m", "cleaner", "dump", str(source), "-o", str(out), "--jobs", "2", *flags]
    env = {**os.environ, "PYTHONFAULTHANDLER": "1"}
    return subprocess.Popen(
        command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, start_new_session=True, env=env, **popen
    )


def children(pid: int) -> list:
    try:
        return [int(c) for c in Path(f"/proc/{pid}/task/{pid}/children").read_text().split()]
    except OSError:
        return []


def family(pid: int) -> list:
    """``pid`` and all its descendants."""
    found = [pid]
    for child in children(pid):
        found += family(child)
    return found


def alive(pid: int) -> bool:
    """Running, or stopped, but not a zombie."""
    try:
        return Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0] != "Z"
    except OSError:
        return False


def survivors(pids, seconds: float = 5) -> list:
    """Those of ``pids`` still alive after ``seconds`` (workers end with the main
    process through PR_SET_PDEATHSIG, at once, but a loaded machine may be slow to run their exit)."""
    deadline = time.monotonic() + seconds
    while (left := [p for p in pids if alive(p)]) and time.monotonic() < deadline:
        time.sleep(0.05)
    return left


def describe(pids: list) -> str:
    """One line per process and thread: state, kernel wait channel, system call, command."""

    def read(path: str) -> str:
        try:
            return Path(path).read_text().strip()
        except OSError:
            return "?"

    lines = []
    for member in pids:
        state = (read(f"/proc/{member}/stat").rsplit(")", 1)[-1].split() or ["?"])[0]
        command = read(f"/proc/{member}/cmdline").replace("\0", " ")
        lines.append(f"  {member} {state} wchan={read(f'/proc/{member}/wchan')} {command}")
        for thread in sorted(os.listdir(f"/proc/{member}/task")) if os.path.isdir(f"/proc/{member}/task") else []:
            task = f"/proc/{member}/task/{thread}"
            lines.append(f"    thread {thread} wchan={read(task + '/wchan')} syscall={read(task + '/syscall')[:40]}")
    return "\n".join(lines)


def end(run: subprocess.Popen, seconds: float, members: tuple = ()) -> tuple:
    """``(exit status, stderr, '')`` of ``run``; if it has not ended within
    ``seconds``: ``(None, stderr with every thread's stack, the process tree)``
    (of ``run`` and ``members``, its processes seen earlier: orphans are not its family)."""
    try:
        _, err = run.communicate(timeout=seconds)
        return run.returncode, err.decode(errors="replace"), ""
    except subprocess.TimeoutExpired:
        everyone = [p for p in dict.fromkeys([*family(run.pid), *members]) if alive(p)]
        tree = describe(everyone)
        for member in everyone:  # one at a time, so that their stacks do not interleave
            os.kill(member, signal.SIGABRT)  # faulthandler prints its threads' stacks
            survivors([member])
        try:
            _, err = run.communicate(timeout=10)
        except subprocess.TimeoutExpired:
            os.killpg(run.pid, signal.SIGKILL)
            _, err = run.communicate()
        return None, err.decode(errors="replace"), tree


def kill_one(run: subprocess.Popen, out: Path, delay: float, chance: random.Random, victim: str) -> tuple:
    """After ``delay`` s, ``kill -9`` the dump or one of its workers: what was
    killed and where the run stood (its workers, the inputs marked done, the
    temporary outputs in ``out``), and the processes of the run at that moment."""
    time.sleep(delay)
    members = tuple(family(run.pid))
    workers = children(run.pid)
    done = len(list((out / ".cleaner-dump").glob("*.done.json")))
    where = f"{len(workers)} workers, {done} inputs done, {len(list(out.rglob('*.cleaner-tmp')))} temporary files"
    if workers and (victim == "worker" or victim == "any" and chance.random() < 0.5):
        worker = chance.choice(workers)
        os.kill(worker, signal.SIGKILL)
        return f"killed worker {worker} ({where})", members
    if run.poll() is None:
        os.kill(run.pid, signal.SIGKILL)
        return f"killed the dump {run.pid} ({where})", members
    return "nothing to kill (the run had ended)", members


def one_round(source: Path, out: Path, expected: dict, chance: random.Random, span: float, kills: int, victim: str):
    """``(what happened, what went wrong or '')``: ``kills`` runs, each killed at a
    moment in ``[0, span]`` s, then one ``--resume`` that must finish the dump."""
    shutil.rmtree(out, ignore_errors=True)
    story = []
    for number in range(kills):
        run = dump(source, out, *(["--resume"] if number else []))
        delay = chance.uniform(0, span)
        killed, members = kill_one(run, out, delay, chance, victim)
        story.append(f"{'resume' if number else 'run'} {number + 1}: at {delay:.2f} s {killed}")
        status, err, tree = end(run, HANG, members)
        if status is None:
            return story, f"the run hung after it was killed\nprocesses:\n{tree}\nstderr:\n{err}"
        if outlived := survivors(members):
            tree = describe(outlived)
            for p in outlived:
                os.kill(p, signal.SIGKILL)
            return story, f"processes outlived the run:\n{tree}\nstderr:\n{err}"
        lines = err.splitlines()
        story[-1] += f", exit {status}"
        lost = (status, len(lines)) == (2, 1) and "worker process ended" in lines[0]
        if killed.startswith("killed worker") and status != 0 and not lost:
            return story, f"a killed worker must end the run in one line, exit 2\nstderr:\n{err}"
    finish = dump(source, out, "--resume")
    status, err, tree = end(finish, 2 * HANG)
    if status is None:
        return story, f"--resume hung\nprocesses:\n{tree}\nstderr:\n{err}"
    if status != 0:
        return story, f"--resume: exit {status}\nstderr:\n{err}"
    got = snapshot(out)
    if got != expected:
        wrong = sorted(k for k in expected.keys() | got.keys() if got.get(k) != expected.get(k))
        return story, f"--resume: output differs in {wrong}"
    return story, ""


def soak(
    rounds: int,
    seed: int,
    work: Path,
    kills: int = 1,
    victim: str = "any",
    records: int = 2500,
    say: Optional[Callable] = None,
    span: Optional[float] = None,
) -> list:
    """The failures of ``rounds`` rounds (an empty list: all went well), on six
    files of ``records`` records; ``say`` is called with a line per round; the
    kills land in the first ``span`` seconds of a run (default: anywhere in it)."""
    source, reference = work / "in", work / "reference"
    make_dump(source, records=records)
    started = time.monotonic()
    first = dump(source, reference)
    status, err, _ = end(first, 10 * HANG)
    if status != 0:
        raise SystemExit(f"the uninterrupted run failed: {err}")
    span = span or 1.2 * (time.monotonic() - started)  # anywhere in a run, and after
    expected = snapshot(reference)
    chance = random.Random(seed)
    failures = []
    for number in range(1, rounds + 1):
        began = time.monotonic()
        story, problem = one_round(source, work / "out", expected, chance, span, chance.randint(1, kills), victim)
        line = f"round {number} (seed {seed}, {time.monotonic() - began:.1f} s): {'; '.join(story)}"
        if problem:
            failures.append(f"{line}: FAILED: {problem}")
        if say:
            say(failures[-1] if problem else f"{line}: identical after --resume")
    return failures


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=50)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--kills", type=int, default=2, help="up to this many kills per round (default: 2)")
    parser.add_argument("--victim", choices=["any", "dump", "worker"], default="any")
    parser.add_argument("--records", type=int, default=2500, help="records in each of the six input files")
    parser.add_argument(
        "--span", type=float, help="kill in the first SPAN seconds of a run, e.g. its start-up (default: anywhere)"
    )
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as work:
        say = lambda line: print(line, flush=True)  # noqa: E731
        failures = soak(args.rounds, args.seed, Path(work), args.kills, args.victim, args.records, say, args.span)
    print(f"{args.rounds - len(failures)} of {args.rounds} rounds byte-identical after kill -9 and --resume")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
