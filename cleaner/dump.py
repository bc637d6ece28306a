"""``cleaner dump``: clean whole news dumps, every record accounted for.

The inputs are planned here (``formats`` finds them), cleaned by an engine
(``engines``: this process or worker processes; ``dask``: a cluster) and
written with their markers and rejects (``outputs``), so that a killed run
can be resumed.
"""

from __future__ import annotations

import time
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable, Optional

from .dask import DaskEngine
from .engines import LocalEngine
from .errors import CleanerError
from .files import TEMPORARY_SUFFIX
from .formats import find_inputs
from .outputs import REJECTS, completed, gather_rejects
from .records import Stats

def plan(inputs: Iterable, outdir: Path) -> list:
    """The input files in order, each with the name of its output in ``outdir``
    (which a folder walk does not enter); two inputs may not share an output."""
    outdir = outdir.resolve()
    files = find_inputs(inputs, skip=outdir)
    seen: dict = {}
    for f in files:
        if f.name in seen:
            raise CleanerError(f"{f.path} and {seen[f.name]} would both be written to {outdir / f.name}")
        if f.name == REJECTS:
            raise CleanerError(f"{f.path}: its output would overwrite {outdir / REJECTS}")
        seen[f.name] = f.path
    return files


@dataclass
class DumpResult:
    stats: Stats
    errors: list  # inputs that could not be read
    seconds: float
    files: int


def dump(
    inputs: Iterable,
    outdir: Path,
    config,
    text_field: str = "text",
    jobs: int = 1,
    resume: bool = False,
    scheduler: Optional[str] = None,
    on_batch=None,
    provenance: Optional[str] = None,
) -> DumpResult:
    """Clean ``inputs`` into ``outdir``; with ``scheduler``, on that Dask cluster.
    ``on_batch`` is called with the Stats of each batch cleaned, for progress;
    ``provenance`` names the field that lists the rules fired in changed records."""
    started = time.perf_counter()
    outdir.mkdir(parents=True, exist_ok=True)
    files = plan(inputs, outdir)
    for leftover in outdir.rglob(f"*{TEMPORARY_SUFFIX}"):  # from a run that was killed
        leftover.unlink()
    stats = Stats()
    todo = []
    for source in files:
        previous = completed(outdir, source) if resume else None
        if previous is None:
            todo.append(source)
        else:
            stats.add(previous)
    engine = DaskEngine(scheduler) if scheduler else LocalEngine(jobs)
    done, errors = engine.run(todo, outdir, config, text_field, on_batch, provenance)
    stats.add(done)
    gather_rejects(files, outdir)
    return DumpResult(stats, errors, time.perf_counter() - started, len(files))


def summary(report: DumpResult, outdir: Path) -> str:
    """The closing lines of a dump: counts, throughput, the rules that fired most."""
    s = report.stats
    rate = s.bytes_in / report.seconds / 1e6 if report.seconds else 0.0
    lines = [
        f"Cleaned {s.documents:,} documents from {report.files:,} files in {report.seconds:.1f} s: "
        f"{s.changed:,} changed, {s.rejected:,} rejected"
        + (f" (see {outdir / REJECTS})" if s.rejected else "")
        + ".",
        f"In {s.bytes_in / 1e6:,.1f} MB, out {s.bytes_out / 1e6:,.1f} MB, {rate:,.1f} MB/s.",
    ]
    if s.rules:
        top = sorted(s.rules.items(), key=lambda kv: (-kv[1], kv[0]))[:10]
        lines.append("Rules that fired most: " + ", ".join(f"{rule} {count:,}" for rule, count in top) + ".")
    return "\n".join(lines)
