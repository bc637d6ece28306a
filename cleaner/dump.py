"""``cleaner dump``: clean whole news dumps, every record accounted for.

The inputs are planned here (``formats`` finds them), cleaned by an engine
(``engines``: this process or worker processes; ``dask``: a cluster) and
written with their markers and rejects (``outputs``), so that a killed run
can be resumed.
"""

from __future__ import annotations

import dataclasses
import os
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable, Optional

from .dask import DaskEngine
from .engines import LocalEngine
from .errors import CleanerError
from .files import TEMPORARY_SUFFIX
from .formats import find_inputs
from .learn import LearningEngine, learned_config
from .outputs import REJECTS, completed, gather_rejects, locked
from .records import Stats


def check_apart(inputs: Iterable, outdir: Path) -> None:
    """Refuse an output folder that is an input, holds one, or lies inside an
    input folder, before anything is written: a dump must never write over,
    or delete, what it reads. Symbolic links are followed, so an alias is caught."""
    out = Path(os.path.realpath(outdir))
    for given in inputs:
        source = Path(os.path.realpath(given))
        if out == source or out in source.parents or source in out.parents:
            where = "is" if out == source else "holds" if out in source.parents else "is inside"
            raise CleanerError(
                f"{outdir}: the output folder {where} the input {given}: choose a folder apart from the inputs"
            )


def plan(inputs: Iterable, outdir: Path) -> list:
    """The input files in order, each with the name of its output in ``outdir``
    two inputs may not share an output, nor an output be an input."""
    outdir = outdir.resolve()
    files = find_inputs(inputs)
    seen: dict = {}
    sources = {os.path.realpath(f.path) for f in files}
    for f in files:
        if os.path.realpath(outdir / f.name) in sources:  # through a symbolic link in OUTDIR
            raise CleanerError(f"{f.path}: its output {outdir / f.name} would be an input file")
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
    site_field: Optional[str] = None,
    learn: bool = False,
) -> DumpResult:
    """Clean ``inputs`` into ``outdir``; with ``scheduler``, on that Dask cluster.
    ``on_batch`` is called with the Stats of each batch cleaned, for progress;
    ``provenance`` names the field that lists the rules fired in changed records;
    ``site_field`` the field naming each record's site, for site-scoped rules;
    ``learn``: a first pass learns each site's chrome (``learn.py``)."""
    from .pipeline import Cleaner

    started = time.perf_counter()
    inputs = list(inputs)
    cleaner = Cleaner(config)  # bad rules fail here, once, before any output or worker
    check_apart(inputs, outdir)
    outdir.mkdir(parents=True, exist_ok=True)
    files = plan(inputs, outdir)
    with locked(outdir):  # so every temporary file in OUTDIR is this run's
        _remove_temporary_files(outdir)  # from a run that was killed
        if learn and (scheduler or resume):  # learn first (or take what was learned), then clean every record
            config = learned_config(files, outdir, config, cleaner, text_field, site_field, jobs, resume)
            cleaner = Cleaner(config)
        if scheduler:  # Dask workers may run in other folders
            config = dataclasses.replace(config, rules=tuple(os.path.abspath(r) for r in config.rules))
        engine: object = DaskEngine(scheduler) if scheduler else LocalEngine(jobs, cleaner)
        if learn and not (scheduler or resume):  # learns, then cleans again only what the learned rules reach
            engine = LearningEngine(jobs, cleaner)
        try:
            return _dump_locked(
                files, outdir, config, text_field, resume, engine, on_batch, started, provenance, site_field
            )
        except BaseException:  # interrupted, a lost worker, a full disk: no partial output
            _remove_temporary_files(outdir)
            raise


def _remove_temporary_files(outdir: Path) -> None:
    for leftover in outdir.rglob(f"*{TEMPORARY_SUFFIX}"):
        leftover.unlink(missing_ok=True)


def _dump_locked(
    files, outdir, config, text_field, resume, engine, on_batch, started, provenance, site_field
) -> DumpResult:
    stats = Stats()
    todo = []
    for source in files:
        previous = completed(outdir, source) if resume else None
        if previous is None:
            todo.append(source)
        else:
            stats.add(previous)
    done, errors = engine.run(todo, outdir, config, text_field, on_batch, provenance, site_field)
    stats.add(done)
    gather_rejects(files, outdir)
    return DumpResult(stats, errors, time.perf_counter() - started, len(files))


def summary(report: DumpResult, outdir: Path) -> str:
    """The closing lines of a dump: counts, throughput, the rules that fired most."""
    s = report.stats
    rate = s.bytes_in / report.seconds / 1e6 if report.seconds else 0.0
    lines = [
        f"Cleaned {s.documents:,} documents from {report.files:,} files in {report.seconds:.1f} s: "
        f"{s.changed:,} changed, {s.rejected:,} rejected" + (f" (see {outdir / REJECTS})" if s.rejected else "") + ".",
        f"In {s.bytes_in / 1e6:,.1f} MB, out {s.bytes_out / 1e6:,.1f} MB, {rate:,.1f} MB/s.",
    ]
    if s.rules:
        top = sorted(s.rules.items(), key=lambda kv: (-kv[1], kv[0]))[:10]
        lines.append("Rules that fired most: " + ", ".join(f"{rule} {count:,}" for rule, count in top) + ".")
    return "\n".join(lines)
