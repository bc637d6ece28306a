import io
import os
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import settings

# In CI every run tries the same examples: a failure there is one anyone can
# rerun, never a random example that passes on the next push. Found failures
# become explicit regression tests (see tests/reliability/test_properties.py).
# No profile has a deadline: a test must never fail because the machine is busy
# (hypothesis's 200 ms default failed an idempotence test under load).
settings.register_profile("ci", derandomize=True, print_blob=True, deadline=None)
settings.register_profile("dev", deadline=None)
settings.load_profile("ci" if os.environ.get("CI") == "true" else "dev")

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="session")
def cleaner():
    from cleaner import Cleaner

    return Cleaner()


@pytest.fixture(scope="session")
def rules_only(tmp_path_factory):
    """Make a Cleaner with the rules of a YAML text alone (no built-in rules)."""
    from cleaner import Cleaner, Config

    def make(text: str):
        path = tmp_path_factory.mktemp("rules") / "rules.yaml"
        path.write_text(text, encoding="utf-8")
        return Cleaner(Config(rules=(str(path),), default_rules=False))

    return make


class _Stream(io.TextIOWrapper):
    """A text stream over bytes, like sys.stdout of a real process whose output is a pipe."""

    def __init__(self, data: bytes = b""):
        super().__init__(io.BytesIO(data), encoding="utf-8", errors="surrogateescape", newline="\n")

    def isatty(self) -> bool:
        return False

    def value(self) -> bytes:
        self.flush()
        return self.buffer.getvalue()


def run_in_process(*args, input=None, cwd=ROOT) -> subprocess.CompletedProcess:
    """``cleaner ARGS`` run by ``cleaner.cli.main`` in this process, with standard input,
    output and error as bytes and the working folder ``cwd``: the same result as
    a real process, without the cost of starting one. Tests of what only a real
    process shows (signals, exit on a broken pipe, the installed script) start one."""
    from cleaner.cli import main

    argv = [str(a) for a in args]
    saved = sys.stdin, sys.stdout, sys.stderr, os.getcwd()
    sys.stdin, sys.stdout, sys.stderr = _Stream(input or b""), _Stream(), _Stream()
    out, err = sys.stdout, sys.stderr
    try:
        os.chdir(cwd)
        try:
            code = main(argv)
        except SystemExit as exc:  # argparse: --help, --version, usage errors
            code = exc.code if isinstance(exc.code, int) else (0 if exc.code is None else 2)
            if isinstance(exc.code, str):
                err.write(exc.code + "\n")
        return subprocess.CompletedProcess(["cleaner", *argv], code, out.value(), err.value())
    finally:
        sys.stdin, sys.stdout, sys.stderr = saved[:3]
        os.chdir(saved[3])


@pytest.fixture(scope="session")
def cluster():
    """A real Dask cluster of two worker processes, started once for the tests that need one."""
    from distributed import LocalCluster

    # dashboard on a free port: None means the default 8787, which another cluster on the machine may hold
    with LocalCluster(
        n_workers=2, threads_per_worker=1, processes=True, host="127.0.0.1", dashboard_address=":0"
    ) as cluster:
        yield cluster
