"""Throughput of cleaner against its baselines, on one synthetic dump, in one run.

    python benchmarks/bench.py --size 50          # a 50 MB dump
    python benchmarks/bench.py --size 1000 --only memory

The dump is made from the seed articles: their paragraphs shuffled into new
documents, with mojibake, site chrome, "report a typo" prompts and name variants
injected, written as JSON Lines shards. Every contender reads the same shards,
parses each record, treats its text and writes the record back:

  read+write       nothing done to the text: the floor
  ftfy.fix_text    ftfy alone, default settings
  clean-text       clean-text's clean(), default settings (what users pick otherwise)
  cleaner 1 job    cleaner dump --jobs 1 (Unicode repair and every built-in rule)
  cleaner N jobs   cleaner dump --jobs N (all cores)

The same contenders then run on real pages (``--real``, JSON Lines files
with a ``text`` field; by default the whole-page and extracted dumps of
benchmarks/real/build.py, when they are there).

Then the cost of many rules and sites (``--only rules``): the dump's records
spread over 1,000 sites (``--site-field url``), cleaned with the built-in
rules alone, with 20,000 generated site-scoped line rules (20 for each site,
as learnt rules are) and with 1,000 generated replace rules, each also with
the CPU seconds of loading its rules alone and the ratio of the rest (at
``--size 5``, 3,146 records, each site has about three documents: loading
20,000 rules weighs as much as cleaning); the cost of name
variants: the same dump with 10 and with 100,000 generated variant spellings
loaded (and how long 100,000 take to load), the CPU cost of ``dump --learn``
beside a plain dump with the same ``--site-field``, on the dump spread over
20 sites with a header and a footer line of each site's own (each site learns
rules, so every record is cleaned again: ``--learn``'s dearest case), and the
peak memory of one process of a cleaner dump run.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import NamedTuple

from generated_rules import SITES, replace_rules, site_rules, variant_rules

ROOT = Path(__file__).resolve().parent.parent
REAL = Path("/work/data/realeval")  # benchmarks/real/build.py's output (its DEFAULT_OUT)
CHROME = [
    "Rate it",
    "Add comment",
    "Related Articles",
    "Back to top button",
    "–",
    "This story can be shared on social media",
    "Top Stories",
    "Leave a Reply",
    "Highlight text and press Ctrl+Enter to send the text to be edited!",
    "Сообщите об орфографической ошибке",
    "Выделенный текст слишком длинный.",
]
LEARN_SITES = 20  # sites of the --learn row's dump
VARIANTS = [("Makei", "McKay"), ("Minsk", "Minks"), ("Belarusian", "Belarussian"), ("Sergey Lavrov", "Sergei Lavrov")]


def make_dump(folder: Path, megabytes: float, shards: int, seed: int = 1, sites: int = 0) -> int:
    """Write the synthetic dump; return its size in bytes. With ``sites``, the
    records are spread over that many sites, each with a header and a footer
    line of its own that no built-in rule knows: chrome for ``--learn`` to learn."""
    rng = random.Random(seed)
    paragraphs = [
        p.strip()
        for path in sorted((ROOT / "seeds" / "input").glob("*.txt"))
        for p in path.read_text(encoding="utf-8").split("\n")
        if len(p.strip()) > 60
    ]
    folder.mkdir(parents=True, exist_ok=True)
    outs = [open(folder / f"part-{n:03}.jsonl", "w", encoding="utf-8") for n in range(shards)]
    size, number = 0, 0
    while size < megabytes * 1e6:
        body = rng.sample(paragraphs, k=rng.randint(3, 9))
        for i, paragraph in enumerate(body):
            if rng.random() < 0.05:  # mojibake
                body[i] = paragraph.encode("utf-8").decode("latin-1", errors="replace")
            elif rng.random() < 0.1:
                canonical, variant = rng.choice(VARIANTS)
                body[i] = paragraph.replace(canonical, variant)
        lines = [body[0], *rng.sample(CHROME, k=rng.randint(0, 2)), "", "\n\n".join(body[1:])]
        lines += rng.sample(CHROME, k=rng.randint(0, 3))
        host = f"site{number % sites}.example" if sites else "example.org"
        if sites:
            lines = [f"Front page of the {host} daily", *lines, f"{host} newsroom desk"]
        record = json.dumps(
            {"id": number, "url": f"https://{host}/{number}", "text": "\n".join(lines)}, ensure_ascii=False
        )
        outs[number % shards].write(record + "\n")
        size += len(record.encode("utf-8")) + 1
        number += 1
    for out in outs:
        out.close()
    return size


def shard(path: Path, folder: Path, shards: int) -> None:
    """``path``'s records dealt into ``shards`` files in ``folder``, as the synthetic dump is."""
    folder.mkdir(parents=True, exist_ok=True)
    outs = [open(folder / f"part-{n:03}.jsonl", "w", encoding="utf-8") for n in range(shards)]
    with open(path, encoding="utf-8") as records:
        for number, record in enumerate(records):
            outs[number % shards].write(record)
    for out in outs:
        out.close()


def transform_dump(source: Path, target: Path, transform) -> None:
    """Read every shard, apply ``transform`` to each text, write it back."""
    target.mkdir(parents=True, exist_ok=True)
    for shard in sorted(source.glob("*.jsonl")):
        with open(shard, encoding="utf-8") as lines, open(target / shard.name, "w", encoding="utf-8") as out:
            for line in lines:
                record = json.loads(line)
                record["text"] = transform(record["text"])
                out.write(json.dumps(record, ensure_ascii=False) + "\n")


def timed(function) -> float:
    started = time.perf_counter()
    function()
    return time.perf_counter() - started


class Run(NamedTuple):
    """A contender's wall-clock and CPU seconds. On a machine others share,
    CPU seconds are the steadier measure of one process's work; wall-clock
    seconds say what jobs gain."""

    seconds: float
    cpu: float
    peak_mb: float = 0.0


def timed_run(function) -> Run:
    started, cpu = time.perf_counter(), time.process_time()
    function()
    return Run(time.perf_counter() - started, time.process_time() - cpu)


def run_cleaner(args: list) -> Run:
    """Run the cleaner command: its seconds, CPU seconds and the peak RSS in MB of its largest process."""
    return run_command([sys.executable, "-m", "cleaner", *args])


def run_command(command: list) -> Run:
    """Run ``command``: its seconds, CPU seconds and the peak RSS in MB of its largest process."""
    probe = (
        "import resource, subprocess, sys, time; t = time.perf_counter(); "
        "code = subprocess.run(sys.argv[1:], stderr=subprocess.DEVNULL).returncode; "
        "use = resource.getrusage(resource.RUSAGE_CHILDREN); "
        "print(time.perf_counter() - t, use.ru_utime + use.ru_stime, use.ru_maxrss, code)"
    )
    out = subprocess.run(
        [sys.executable, "-c", probe, *command],
        capture_output=True,
        text=True,
        check=True,
    )
    seconds, cpu, rss_kb, code = out.stdout.split()
    if code != "0":
        raise SystemExit(f"{' '.join(command)} failed with exit status {code}")
    return Run(float(seconds), float(cpu), int(rss_kb) / 1024)


def throughput(dump: Path, work: Path, jobs: int) -> None:
    """Every contender on the JSON Lines files of ``dump``: seconds, MB/s, ratio to ftfy."""
    import ftfy
    from cleantext import clean as clean_text

    mb = sum(p.stat().st_size for p in dump.glob("*.jsonl")) / 1e6
    results = {
        "read+write": timed_run(lambda: transform_dump(dump, work / "o-rw", lambda t: t)),
        "ftfy.fix_text": timed_run(lambda: transform_dump(dump, work / "o-ftfy", ftfy.fix_text)),
        "clean-text": timed_run(lambda: transform_dump(dump, work / "o-ct", clean_text)),
        "cleaner 1 job": run_cleaner(["dump", str(dump), "-o", str(work / "o-c1"), "--jobs", "1"]),
        f"cleaner {jobs} jobs": run_cleaner(["dump", str(dump), "-o", str(work / "o-cn"), "--jobs", str(jobs)]),
    }
    base = results["ftfy.fix_text"]
    print(
        f"\n{'':16}{'seconds':>9}{'x ftfy':>8}{'CPU s':>8}{'MB/s':>8}{'x ftfy':>8}  (MB/s and the second x ftfy: of CPU time)"
    )
    for name, run in results.items():
        cpu = "" if name.endswith("jobs") else f"{run.cpu:8.2f}{mb / run.cpu:8.2f}{base.cpu / run.cpu:8.2f}"
        print(f"{name:16}{run.seconds:9.2f}{base.seconds / run.seconds:8.2f}{cpu}")
    print(
        f"{jobs} jobs / 1 job: {results['cleaner 1 job'].seconds / results[f'cleaner {jobs} jobs'].seconds:.2f}x (wall clock)"
    )


def many_rules(dump: Path, work: Path) -> None:
    """The built-in rules alone, then with many site rules, then with many replace rules."""
    sites, replace, spread = work / "site-rules.json", work / "replace-rules.json", work / "dump-sites"
    count = site_rules(sites)
    replace_rules(replace)
    spread.mkdir(parents=True, exist_ok=True)
    documents = 0
    for shard_path in sorted(dump.glob("*.jsonl")):  # the same records, each of one of SITES hosts
        with (
            open(shard_path, encoding="utf-8") as records,
            open(spread / shard_path.name, "w", encoding="utf-8") as out,
        ):
            for line in records:
                record = json.loads(line)
                record["url"] = f"https://site{record['id'] % SITES}.example/{record['id']}"
                out.write(json.dumps(record, ensure_ascii=False) + "\n")
                documents += 1
    base = ["dump", str(spread), "--jobs", "1", "--site-field", "url"]
    runs = {
        "built-in rules alone": [],
        f"+ {count:,} site rules ({SITES:,} sites)": ["--rules", str(sites)],
        "+ 1,000 replace rules": ["--rules", str(replace)],
    }
    seconds = {
        name: run_cleaner([*base, "-o", str(work / f"o-r{n}"), *extra]).cpu
        for n, (name, extra) in enumerate(runs.items())
    }
    # what loading the rules alone costs (process start included): paid once, whatever the dump's size
    load = "import sys; from cleaner import Cleaner, Config; Cleaner(Config(rules=tuple(sys.argv[1:])))"
    loading = {name: run_command([sys.executable, "-c", load, *extra[1:]]).cpu for name, extra in runs.items()}
    alone, alone_cleaning = (
        seconds["built-in rules alone"],
        seconds["built-in rules alone"] - loading["built-in rules alone"],
    )
    print(
        f"\n{documents:,} documents over {SITES:,} sites, {documents / SITES:.1f} a site: a site's rules are"
        " loaded once a process and its stages made at its first document, whatever its number of documents"
    )
    print(f"{'1 job, --site-field url':36}{'CPU s':>9}{'x alone':>9}{'loading':>9}{'cleaning x alone':>18}")
    for name, value in seconds.items():
        cleaning = alone_cleaning / (value - loading[name])
        print(f"{name:36}{value:9.2f}{alone / value:9.2f}{loading[name]:9.2f}{cleaning:18.2f}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--size", type=float, default=50, help="size of the dump in MB (default 50)")
    parser.add_argument("--shards", type=int, default=8, help="JSON Lines files in the dump (default 8)")
    parser.add_argument("--jobs", type=int, default=os.cpu_count() or 1, help="jobs for the parallel run")
    parser.add_argument(
        "--only", choices=["throughput", "real", "rules", "variants", "learn", "memory"], help="run one part"
    )
    parser.add_argument(
        "--real",
        nargs="*",
        type=Path,
        default=[REAL / "page.jsonl", REAL / "extract.jsonl"],
        help="JSON Lines files of real pages (default: benchmarks/real/build.py's, if built)",
    )
    parser.add_argument("--keep", metavar="DIR", help="work in DIR and keep it (default: a temporary folder)")
    args = parser.parse_args()

    work = Path(args.keep) if args.keep else Path(tempfile.mkdtemp(prefix="cleaner-bench-"))
    try:
        dump = work / "dump"
        if not dump.is_dir():
            size = make_dump(dump, args.size, args.shards)
        else:
            size = sum(p.stat().st_size for p in dump.glob("*.jsonl"))
        mb = size / 1e6
        print(
            f"dump: {mb:.1f} MB in {args.shards} JSON Lines files; {os.cpu_count()} cores; Python {sys.version.split()[0]}"
        )

        if args.only in (None, "throughput"):
            throughput(dump, work / "synthetic", args.jobs)

        if args.only in (None, "real"):
            for path in args.real:
                if not path.is_file():
                    print(f"\nreal pages: {path} not found (python benchmarks/real/build.py makes it)")
                    continue
                folder = work / f"real-{path.stem}"
                shard(path, folder, args.shards)
                print(f"\nreal pages: {path} ({path.stat().st_size / 1e6:.1f} MB)", end="")
                throughput(folder, work / f"o-real-{path.stem}", args.jobs)

        if args.only in (None, "rules"):
            many_rules(dump, work)

        if args.only in (None, "variants"):
            print()
            timings = {}
            for count, suffix in ((10, ".json"), (100_000, ".json"), (100_000, ".yaml")):
                rules = work / f"variants-{count}{suffix}"
                variant_rules(rules, count)
                load = timed(
                    lambda rules=rules: subprocess.run(
                        [
                            sys.executable,
                            "-c",
                            "import sys; from cleaner import Cleaner, Config; Cleaner(Config(rules=(sys.argv[1],)))",
                            str(rules),
                        ],
                        check=True,
                    )
                )
                seconds = run_cleaner(
                    ["dump", str(dump), "-o", str(work / f"o-v{count}{suffix}"), "--jobs", "1", "--rules", str(rules)]
                ).cpu
                timings[count, suffix] = seconds
                print(
                    f"{count:>7,} variants ({suffix[1:]}): load {load:5.2f} s (process start included), dump {seconds:6.2f} CPU s"
                )
            print(f"100,000 variants / 10 variants (json): {timings[100_000, '.json'] / timings[10, '.json']:.2f}x")

        # the dump spread over sites that each learn their chrome: every record is cleaned twice
        if args.only in (None, "learn"):
            sited = work / "dump-learn"  # not the rules row's dump-sites (1,000 sites): a whole run made this row on it
            if not sited.is_dir():
                make_dump(sited, args.size, args.shards, sites=LEARN_SITES)
            jobs = ["--jobs", str(args.jobs), "--site-field", "url"]
            plain = run_cleaner(["dump", str(sited), "-o", str(work / "o-plain"), *jobs])
            learn = run_cleaner(["dump", str(sited), "-o", str(work / "o-learn"), *jobs, "--learn"])
            print(
                f"\ndump --learn over {LEARN_SITES} sites, each learning its chrome ({args.jobs} jobs): "
                f"{learn.cpu:.1f} CPU s / plain dump {plain.cpu:.1f} CPU s: {learn.cpu / plain.cpu:.2f}x "
                f"({learn.seconds:.1f} s / {plain.seconds:.1f} s)"
            )

        if args.only in (None, "memory"):
            seconds, _, peak = run_cleaner(["dump", str(dump), "-o", str(work / "o-mem"), "--jobs", str(args.jobs)])
            print(
                f"\nmemory: peak RSS of the largest cleaner process {peak:.0f} MB on {mb:.0f} MB ({seconds:.1f} s, {args.jobs} jobs)"
            )
    finally:
        if not args.keep:
            shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
