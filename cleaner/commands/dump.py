"""``cleaner dump``: clean a dump (.txt, .jsonl, optionally .gz/.zst) into a new folder."""

from __future__ import annotations

import contextlib
import json
import os
import signal
import sys
from pathlib import Path

from ..config import resolve
from ..errors import CleanerError
from ..provenance import DEFAULT_FIELD
from ..report import exit_status
from ..settings import COUNT, flag_type
from . import progress, write_output


def add_parser(commands, parents) -> None:
    parser = commands.add_parser(
        "dump",
        parents=[parents.rules],
        help="clean a dump of .txt and .jsonl files (optionally .gz/.zst) into a new folder",
        description="Clean each INPUT (a file, or a folder walked for .txt and .jsonl files, "
        "optionally .gz or .zst compressed) into OUTDIR, which mirrors the inputs: the same "
        "names, formats and record order. Records that cannot be cleaned go to "
        "OUTDIR/rejects.jsonl with their source, line and reason; documents written plus "
        "rejects always equals documents read.",
        epilog="exit status: 0 done, 1 records were rejected and --strict was given, "
        "2 bad usage, bad rules, or an input that could not be read.",
    )
    parser.add_argument("inputs", nargs="+", metavar="INPUT", help="dump file or folder")
    parser.add_argument("-o", "--output", required=True, metavar="OUTDIR", help="folder for the clean dump")
    parser.add_argument("--field", default="text", help="the text field of JSON Lines records (default: text)")
    parser.add_argument(
        "-j",
        "--jobs",
        type=flag_type(COUNT),
        default=os.cpu_count() or 1,
        metavar="N",
        help="worker processes (default: all cores)",
    )
    parser.add_argument("--strict", action="store_true", help="exit 1 if any record was rejected")
    parser.add_argument("--stats", metavar="FILE", help="write the counts as JSON to FILE")
    parser.add_argument("--resume", action="store_true", help="skip inputs a previous run completed")
    parser.add_argument("--engine", choices=["local", "dask"], default="local", help="where to run (default: local)")
    parser.add_argument("--scheduler", metavar="ADDRESS", help="Dask scheduler address, e.g. tcp://10.0.0.5:8786")
    parser.add_argument(
        "--provenance",
        nargs="?",
        const=DEFAULT_FIELD,
        metavar="FIELD",
        help=f"add to each changed JSON Lines record a FIELD (default: {DEFAULT_FIELD}) counting the rules that fired",
    )
    parser.add_argument(
        "--changes", metavar="FILE", help="write one JSON line per change (source, line, id, rule, before, after)"
    )
    parser.add_argument("--report", metavar="FILE", help="write a self-contained HTML page about the run")
    parser.add_argument(
        "--site-field",
        metavar="FIELD",
        help="the field naming each record's site, e.g. url (its host is taken): "
        "site-scoped rules apply to their sites' records",
    )
    parser.add_argument(
        "--learn",
        action="store_true",
        help="first learn each site's recurring chrome from the inputs (as suggest does; with --site-field), "
        "write it to OUTDIR/learned-rules.yaml, then clean with it too",
    )
    parser.set_defaults(run=run)


def run(args) -> int:
    from ..dump import dump, summary

    if args.engine == "dask" and not args.scheduler:
        raise CleanerError("--engine dask needs --scheduler ADDRESS")
    config = resolve(args).config
    outdir = Path(args.output)
    try:
        with terminated_like_interrupted(), progress() as on_batch:
            report = dump(
                args.inputs,
                outdir,
                config,
                text_field=args.field,
                jobs=args.jobs,
                resume=args.resume,
                scheduler=args.scheduler if args.engine == "dask" else None,
                on_batch=on_batch,
                provenance=args.provenance,
                site_field=args.site_field,
                learn=args.learn,
            )
    except Terminated:
        print("cleaner: terminated", file=sys.stderr)
        return 128 + signal.SIGTERM
    for error in report.errors:
        print(f"cleaner: {error}", file=sys.stderr)
    print(summary(report, outdir), file=sys.stderr)
    if args.stats:
        stats = {**report.stats.as_dict(), "seconds": round(report.seconds, 3), "files": report.files}
        stats["errors"] = report.errors
        write_output(Path(args.stats), (json.dumps(stats, indent=2) + "\n").encode("utf-8"))
    if args.changes or args.report:
        write_audit(args, config, outdir, report)
    return exit_status(found=args.strict and bool(report.stats.rejected), failed=bool(report.errors))


def write_audit(args, config, outdir: Path, report) -> None:
    """``--changes`` and ``--report``: the inputs explained once more, after the run."""
    from ..dump import plan
    from ..html_report import build
    from ..learn import with_learned
    from ..outputs import REJECTS
    from ..pipeline import Cleaner
    from ..provenance import audit

    cleaner = Cleaner(with_learned(config, outdir) if args.learn else config)  # the rules the outputs were cleaned with
    changes = list(audit(plan(args.inputs, outdir), cleaner, args.field, args.site_field))
    if args.changes:
        write_output(Path(args.changes), b"".join(change.as_json() for change in changes))
    if args.report:
        page = build(report.stats.as_dict(), changes, cleaner.rules, outdir / REJECTS, args.site_field)
        write_output(Path(args.report), page.encode("utf-8"))


class Terminated(BaseException):
    """SIGTERM arrived: stop as for Ctrl+C (no partial outputs), exit 143."""


@contextlib.contextmanager
def terminated_like_interrupted():
    """SIGTERM raises ``Terminated`` while dumping (only the main thread can set a handler)."""
    owner = os.getpid()

    def stop(signum, frame):
        if os.getpid() != owner:  # a worker just forked, before it set its own handlers
            os._exit(128 + signal.SIGTERM)
        raise Terminated

    previous = signal.signal(signal.SIGTERM, stop)
    try:
        yield
    finally:
        signal.signal(signal.SIGTERM, previous)
