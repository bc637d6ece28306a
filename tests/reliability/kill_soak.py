"""Kill soak for ``cleaner dump``: each round starts a dump, ``kill -9``s it or
one of its workers at a random moment, then finishes it with ``--resume``; the
result must be byte for byte the output of an uninterrupted run. A killed
worker must end the run by itself, in one line with exit 2.

    python tests/reliability/kill_soak.py --rounds 50 [--seed 1]

Exit 0 if every round matched; otherwise the first failure is printed.
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
    command = [sys.executable, "-m", "cleaner", "dump", str(source), "-o", str(out), "--jobs", "2", *flags]
    return subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, start_new_session=True, **popen)


def children(pid: int) -> list:
    try:
        return [int(c) for c in Path(f"/proc/{pid}/task/{pid}/children").read_text().split()]
    except OSError:
        return []


def one_round(source: Path, out: Path, expected: dict, chance: random.Random) -> str:
    """'' if the round ended as it must, else what went wrong."""
    shutil.rmtree(out, ignore_errors=True)
    run = dump(source, out)
    time.sleep(chance.uniform(0.3, 2.0))  # starting Python takes ~0.3 s
    victim = "parent"
    workers = children(run.pid)
    if workers and chance.random() < 0.5:
        victim = "worker"
        os.kill(chance.choice(workers), signal.SIGKILL)
    elif run.poll() is None:
        os.kill(run.pid, signal.SIGKILL)
    try:
        _, err = run.communicate(timeout=60)
    except subprocess.TimeoutExpired:
        os.killpg(run.pid, signal.SIGKILL)
        run.communicate()
        return f"{victim} killed: the run hung"
    time.sleep(0.2)
    if alive := [
        p for p in workers if Path(f"/proc/{p}").exists() and "Z" not in Path(f"/proc/{p}/stat").read_text().split()[2]
    ]:
        os.killpg(run.pid, signal.SIGKILL)
        return f"{victim} killed: workers {alive} outlived the run"
    lines = err.decode(errors="replace").splitlines()
    if (
        victim == "worker"
        and run.returncode != 0
        and (run.returncode != 2 or "worker process ended" not in lines[0] or len(lines) != 1)
    ):
        return f"worker killed: exit {run.returncode}, stderr {lines}"
    finish = dump(source, out, "--resume")
    _, err = finish.communicate(timeout=120)
    if finish.returncode != 0:
        return f"--resume after the {victim} was killed: exit {finish.returncode}: {err.decode(errors='replace')}"
    got = snapshot(out)
    if got != expected:
        wrong = sorted(k for k in expected.keys() | got.keys() if got.get(k) != expected.get(k))
        return f"--resume after the {victim} was killed: output differs in {wrong}"
    return ""


def soak(rounds: int, seed: int, work: Path) -> list:
    """The failures of ``rounds`` rounds (an empty list: all went well)."""
    source, reference = work / "in", work / "reference"
    make_dump(source)
    first = dump(source, reference)
    if first.wait(timeout=120) != 0:
        raise SystemExit(f"the uninterrupted run failed: {first.stderr.read().decode()}")
    expected = snapshot(reference)
    chance = random.Random(seed)
    failures = []
    for number in range(rounds):
        if problem := one_round(source, work / "out", expected, chance):
            failures.append(f"round {number + 1}: {problem}")
    return failures


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=50)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as work:
        failures = soak(args.rounds, args.seed, Path(work))
    print(f"{args.rounds - len(failures)} of {args.rounds} rounds byte-identical after kill -9 and --resume")
    for failure in failures:
        print(failure)
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
