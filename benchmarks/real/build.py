"""Build the real-page evaluation: two input shapes, labelled line by line against human gold.

    python benchmarks/real/build.py                       # data into /work/data/realeval
    python benchmarks/real/build.py --out DIR --jobs 2
    python benchmarks/real/build.py --out DIR --sources '' --pages mine=PAGES   # your own pages alone

Sources (bare git mirrors brought with the `fetch` tool; paths by flag or environment):

  TRAFILATURA_REPO  adbar/trafilatura: tests/evaldata.json, ~990 pages (tests/eval, tests/cache)
                    from ~930 sites in many languages, each with "with" snippets (must be in
                    the article) and "without" snippets (must not be): snippet gold.
  READABILITY_REPO  mozilla/readability: test/test-pages/*/source.html with expected.html (the
                    reviewed article body) and expected-metadata.json (title): full gold. The
                    synthetic unit-test pages (source under 20 KB) are left out.
  BIG9_REPO         MSVCode/ir-research-data (Utomo & Leu; "only for research purpose"):
                    Extraction/big5-{05,09,13,17}/html/*.htm with gold/*.txt, the article's
                    text extracted by hand: 360 pages of nine news sites (Ars Technica, BBC,
                    CNN, Forbes, Fox News, LA Times, New York, NY Post, Yahoo News), ten per
                    site and year in 2005, 2009, 2013 and 2017 (the first two from the Wayback
                    Machine, whose toolbar is cut out): full gold, and the only set here with
                    many pages per site, which per-site learning (dump --learn) needs.

Your own pages, e.g. a set you keep aside to check your rules on (`--pages NAME=DIR`,
repeatable; `--sources ''` to build from them alone): DIR/html/STEM.html (or .htm) with
DIR/gold/STEM.txt, the page's article text extracted by hand, one block a line (UTF-8, or
cp1252), labelled as full gold; ids NAME-STEM, and score.py --parts gives NAME its own row.

Each page becomes one record in each of two JSON Lines dumps (fields id, url, text, source):

  page.jsonl     whole-page text, as crawl text dumps look: the <title>, then every block of
                 the <body> (paragraphs, list items, cells, headings, menu entries, buttons,
                 footers, comment threads...) as one line; only script/style/template/svg
                 content is skipped.
  extract.jsonl  the <title>, then trafilatura.extract(html, favor_recall=True) (its
                 recall-oriented mode, comments and tables included, as by default).

labels.jsonl gives, for each (shape, id), one label per line of the record's text:

  T  the first line (the <title>): scored apart, since trimming a site suffix is a fix.
  a  article.  c  chrome.  u  unknown (excluded from the scores).

How a line is labelled (norm(): NFKC, casefold, every run of non-alphanumerics -> one space):
  full gold (readability): the gold blocks are the expected.html blocks plus the metadata
    title. A line is `a` when its norm equals a gold block's, or it is a word-aligned
    substring of one and has at least 5 words, or at least 80% of its word 4-grams occur in
    the gold; `u` when it has no letters or digits, is a short (<5 words) piece of a longer
    gold block, or shares 20-80% of its 4-grams with the gold; `c` otherwise.
  snippet gold (trafilatura): a line is `a` when its norm contains a "with" snippet's norm
    (word-aligned) and no "without" one, `c` when it contains a "without" snippet and no
    "with" one, `u` otherwise (most lines: the gold does not decide them).

Also written: chrome_lines_top.txt (the most frequent chrome lines per shape, normalised,
with document and site counts) and article_lines.txt (every distinct article line), for
writing cross-site chrome rules and checking their negatives against real prose.
"""

from __future__ import annotations

import argparse
import collections
import io
import json
import os
import re
import subprocess
import sys
import tarfile
import unicodedata
from multiprocessing import Pool
from pathlib import Path
from urllib.parse import urlsplit

MIRRORS = Path("/work/.mirror")
DEFAULT_OUT = Path("/work/data/realeval")

# Elements whose text a crawler's text dump never shows.
SKIPPED = {"script", "style", "noscript", "template", "svg", "math", "head"}
# Elements that start a new line in a text dump (HTML block-level and line-breaking elements).
BLOCKS = {
    "address",
    "article",
    "aside",
    "blockquote",
    "body",
    "br",
    "button",
    "caption",
    "center",
    "dd",
    "details",
    "dialog",
    "div",
    "dl",
    "dt",
    "fieldset",
    "figcaption",
    "figure",
    "footer",
    "form",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "header",
    "hr",
    "label",
    "legend",
    "li",
    "main",
    "menu",
    "nav",
    "ol",
    "option",
    "p",
    "pre",
    "section",
    "select",
    "summary",
    "table",
    "tbody",
    "td",
    "textarea",
    "tfoot",
    "th",
    "thead",
    "tr",
    "ul",
}
MIN_WORDS_INSIDE = 5  # a shorter piece of a longer gold block could be a chance match ("Share")


def norm(text: str) -> str:
    """The form lines and gold are compared in.

    >>> norm("  “Leave a Reply” —  Cancel reply ")
    'leave a reply cancel reply'
    """
    text = unicodedata.normalize("NFKC", text).casefold()
    return " ".join(re.findall(r"\w+", text))


def git_tree(git_dir: Path, paths: list[str], into: Path) -> None:
    """Unpack `paths` of the mirror's HEAD into `into` (bare mirrors have no work tree)."""
    into.mkdir(parents=True, exist_ok=True)
    tar = subprocess.run(
        ["git", f"--git-dir={git_dir}", "archive", "--format=tar", "HEAD", *paths],
        check=True,
        capture_output=True,
    ).stdout
    with tarfile.open(fileobj=io.BytesIO(tar)) as archive:
        archive.extractall(into, filter="data")


def block_lines(tree) -> list[str]:
    """Every block of a parsed page's body as one whitespace-collapsed line."""
    lines: list[str] = []
    buffer: list[str] = []

    def flush() -> None:
        line = " ".join("".join(buffer).split())
        if line:
            lines.append(line)
        buffer.clear()

    def walk(element) -> None:
        tag = element.tag if isinstance(element.tag, str) else ""
        tag = tag.rsplit("}", 1)[-1].lower()
        if tag in SKIPPED or not tag:  # comments and processing instructions too
            return
        block = tag in BLOCKS
        if block:
            flush()
        buffer.append(element.text or "")
        for child in element:
            walk(child)
            buffer.append(child.tail or "")
        if block:
            flush()

    body = tree.find(".//body")
    walk(body if body is not None else tree)
    flush()
    return lines


def page_title(tree) -> str:
    title = tree.find(".//title")
    return " ".join((title.text_content() if title is not None else "").split())


def both_shapes(task: tuple[str, bytes]) -> tuple[str, str, str]:
    """(id, whole-page text, extractor text) of one page's HTML bytes."""
    import trafilatura
    from trafilatura.utils import load_html

    record_id, html = task
    tree = load_html(html)
    if tree is None:
        return record_id, "", ""
    title = page_title(tree)
    page = "\n".join([title, *block_lines(tree)])
    extracted = trafilatura.extract(html, favor_recall=True) or ""
    extracted = "\n".join(line.strip() for line in extracted.splitlines() if line.strip())
    return record_id, page, "\n".join([title, extracted] if extracted else [title])


def trafilatura_pages(repo: Path, work: Path):
    """(id, url, html bytes, gold) of trafilatura's eval pages; gold = {'with': [...], 'without': [...]}."""
    git_tree(repo, ["tests/evaldata.json", "tests/eval", "tests/cache"], work)
    annotations = json.loads((work / "tests/evaldata.json").read_text(encoding="utf-8"))
    for number, (url, entry) in enumerate(sorted(annotations.items())):
        for folder in ("eval", "cache"):
            path = work / "tests" / folder / entry["file"]
            if path.exists():
                gold = {"with": entry.get("with", []), "without": entry.get("without", [])}
                html = path.read_bytes()
                yield f"traf-{number:04d}", annotated_url(url, html), html, gold
                break


def readability_pages(repo: Path, work: Path):
    """(id, url, html bytes, gold) of readability's real test pages; gold = {'blocks': [...]}."""
    import lxml.html

    git_tree(repo, ["test/test-pages"], work)
    for folder in sorted((work / "test/test-pages").iterdir()):
        source = folder / "source.html"
        if source.stat().st_size < 20_000:  # a synthetic unit-test page, not a real one
            continue
        html = source.read_bytes()
        metadata = json.loads((folder / "expected-metadata.json").read_text(encoding="utf-8"))
        expected = (folder / "expected.html").read_text(encoding="utf-8")
        blocks = block_lines(lxml.html.fromstring(expected))
        if metadata.get("title"):
            blocks.insert(0, metadata["title"])
        yield f"read-{folder.name}", page_url(html, folder.name + ".readability.invalid"), html, {"blocks": blocks}


BIG9_YEARS = ("05", "09", "13", "17")
WAYBACK_TOOLBAR = re.compile(rb"<!-- BEGIN WAYBACK TOOLBAR INSERT -->.*?<!-- END WAYBACK TOOLBAR INSERT -->", re.S)
# An address the Wayback Machine archived, inside one of its links: "/web/<time><kind>/<address>";
# a page's own links have no kind (images, scripts and styles have "im_", "js_", "cs_").
ARCHIVED = re.compile(rb"/web/\d+([a-z_]*)/(https?://[^/\"'\s>:]+)")


def big9_pages(repo: Path, work: Path):
    """(id, url, html bytes, gold) of the Big9 pages; gold = {'blocks': [...]}, the gold text's lines."""
    git_tree(repo, [f"Extraction/big5-{year}" for year in BIG9_YEARS], work)
    for year in BIG9_YEARS:
        folder = work / "Extraction" / f"big5-{year}"
        pages = sorted(path for path in (folder / "html").iterdir() if path.suffix in (".htm", ".html"))
        for number, source in enumerate(pages):
            html = WAYBACK_TOOLBAR.sub(b"", source.read_bytes())
            blocks = gold_blocks((folder / "gold" / (source.stem + ".txt")).read_bytes())
            yield f"big9-{year}-{number:03d}", archived_url(html), html, {"blocks": blocks}


def gold_blocks(raw: bytes) -> list[str]:
    """The blocks of a gold text file: its non-blank lines, read as UTF-8 or else
    as cp1252 (a third of the Big9 gold files).

    >>> gold_blocks("Café talks\\n\\nThey met.\\n".encode("cp1252"))
    ['Café talks', 'They met.']
    """
    try:
        gold = raw.decode("utf-8")
    except UnicodeDecodeError:
        gold = raw.decode("cp1252", "replace")
    return [line for line in gold.splitlines() if line.strip()]


def own_pages(folder: Path, name: str):
    """(id, url, html bytes, gold) of a folder of your own pages: ``html/STEM.html`` (or
    ``.htm``) with ``gold/STEM.txt``, the article's text extracted by hand, one block a
    line; gold = {'blocks': [...]}. A page without its gold file is an error, not skipped."""
    pages = sorted(path for path in (folder / "html").iterdir() if path.suffix in (".htm", ".html"))
    if not pages:
        raise SystemExit(f"{folder}/html: no .html or .htm pages")
    for source in pages:
        gold = folder / "gold" / (source.stem + ".txt")
        if not gold.is_file():
            raise SystemExit(f"{source}: no gold text at {gold}")
        html = source.read_bytes()
        yield (
            f"{name}-{source.stem}",
            page_url(html, f"{source.stem}.{name}.invalid"),
            html,
            {"blocks": gold_blocks(gold.read_bytes())},
        )


def archived_url(html: bytes) -> str:
    """A Big9 page's address: its canonical or og:url address, the Wayback Machine's prefix
    taken off; else the host most of its own archived links point to (a page's links mostly
    stay on its site; its ads and images come from elsewhere).

    >>> archived_url(b'<link rel="canonical" href="https://web.archive.org/web/2009im_/http://www.cnn.com/a">')
    'http://www.cnn.com/a'
    >>> archived_url(b'<img src="/web/2005im_/http://i.a.cnn.net/a.gif"><a href="/web/2005/http://www.cnn.com:80/b">')
    'http://www.cnn.com/'
    """
    url = declared_url(html)
    if url:
        unwrapped = ARCHIVED.search(url.encode("utf-8"))
        return url[unwrapped.start(2) :] if unwrapped else url
    hosts = collections.Counter(host for kind, host in ARCHIVED.findall(html) if not kind)
    return hosts.most_common(1)[0][0].decode("utf-8") + "/" if hosts else "https://big9.invalid/"


def annotated_url(key: str, html: bytes) -> str:
    """A page's address from its evaldata key, which is a URL or a file-like name.

    >>> annotated_url("hard::nowgrenada.com-pm.html", b"")
    'https://nowgrenada.com/'
    >>> annotated_url("xhttps://www.zoo-berlin.de/de/aktuelles", b"")
    'https://www.zoo-berlin.de/de/aktuelles'
    """
    if "http" in key:
        return key[key.index("http") :]
    return page_url(html, key.split("::")[-1].split("-")[0])


def page_url(html: bytes, name: str) -> str:
    """The page's canonical or og:url address when it gives one, else a made-up one per page."""
    return declared_url(html) or f"https://{name}/"


def declared_url(html: bytes) -> str | None:
    """The page's canonical or og:url address, if it gives one."""
    for pattern in (
        rb'<link[^>]+rel="canonical"[^>]+href="(https?://[^"]+)"',
        rb'<meta[^>]+property="og:url"[^>]+content="(https?://[^"]+)"',
    ):
        found = re.search(pattern, html)
        if found:
            return found.group(1).decode("utf-8", "replace")
    return None


class Gold:
    """Labels lines against one page's gold (full blocks or with/without snippets)."""

    def __init__(self, gold: dict):
        self.snippets = "blocks" not in gold
        if self.snippets:
            self.with_ = [n for n in map(norm, gold["with"]) if n]
            self.without = [n for n in map(norm, gold["without"]) if n]
        else:
            self.blocks = {n for n in map(norm, gold["blocks"]) if n}
            self.joined = " | " + " | ".join(sorted(self.blocks)) + " | "
            self.grams = {g for block in self.blocks for g in four_grams(block)}

    def label(self, line: str) -> str:
        text = norm(line)
        if not text:
            return "u"
        padded = f" {text} "
        if self.snippets:
            with_ = any(f" {s} " in padded for s in self.with_)
            without = any(f" {s} " in padded for s in self.without)
            return "a" if with_ and not without else "c" if without and not with_ else "u"
        if text in self.blocks:
            return "a"
        if padded in self.joined:
            return "a" if len(text.split()) >= MIN_WORDS_INSIDE else "u"
        grams = four_grams(text)
        if grams:
            shared = sum(g in self.grams for g in grams) / len(grams)
            if shared >= 0.8:
                return "a"
            if shared > 0.2:
                return "u"
        return "c"


def four_grams(text: str) -> list[tuple[str, ...]]:
    words = text.split()
    return [tuple(words[i : i + 4]) for i in range(len(words) - 3)]


def host(url: str) -> str:
    return urlsplit(url).hostname or url


SOURCES = {"trafilatura": trafilatura_pages, "readability": readability_pages, "big9": big9_pages}
# ids start with these: score.py's parts tell the sources apart by them
TAKEN_PREFIXES = {"traf", "read", "big9"}


def own_source(spec: str) -> tuple[str, Path]:
    """``--pages NAME=DIR``: NAME is lowercase letters and digits, and is not a public source's id prefix.

    >>> own_source("news=/data/mine")
    ('news', PosixPath('/data/mine'))
    """
    name, equals, folder = spec.partition("=")
    if not (equals and re.fullmatch(r"[a-z0-9]+", name) and name not in TAKEN_PREFIXES | set(SOURCES)):
        raise argparse.ArgumentTypeError(
            f"{spec!r}: expected NAME=DIR, NAME lowercase letters and digits, not {sorted(TAKEN_PREFIXES)}"
        )
    return name, Path(folder)


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT)
    parser.add_argument(
        "--trafilatura", type=Path, default=Path(os.environ.get("TRAFILATURA_REPO", MIRRORS / "adbar+trafilatura/repo"))
    )
    parser.add_argument(
        "--readability",
        type=Path,
        default=Path(os.environ.get("READABILITY_REPO", MIRRORS / "mozilla+readability/repo")),
    )
    parser.add_argument(
        "--big9", type=Path, default=Path(os.environ.get("BIG9_REPO", MIRRORS / "MSVCode+ir-research-data/repo"))
    )
    parser.add_argument(
        "--sources",
        default=",".join(SOURCES),
        help=f"the public sources to build from, comma-separated (default: {','.join(SOURCES)}; '' for none)",
    )
    parser.add_argument(
        "--pages",
        action="append",
        default=[],
        type=own_source,
        metavar="NAME=DIR",
        help="also your own pages: DIR/html/STEM.html with DIR/gold/STEM.txt (repeatable); ids NAME-STEM",
    )
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("--limit", type=int, default=0, help="pages per source (0: all)")
    args = parser.parse_args(argv)
    args.out.mkdir(parents=True, exist_ok=True)
    sys.setrecursionlimit(20_000)  # deeply nested pages

    pages = []
    chosen = [source for source in args.sources.split(",") if source]
    for source in chosen:
        if source not in SOURCES:
            parser.error(f"--sources: unknown source {source!r} (known: {', '.join(SOURCES)})")
        repo = getattr(args, source)
        taken = list(SOURCES[source](repo, args.out / "src" / source))
        pages += [(source, *page) for page in taken[: args.limit or None]]
        print(f"{source}: {len(taken)} pages from {repo}", file=sys.stderr)
    for name, folder in args.pages:
        taken = list(own_pages(folder, name))
        pages += [(name, *page) for page in taken[: args.limit or None]]
        print(f"{name}: {len(taken)} pages from {folder}", file=sys.stderr)

    with Pool(args.jobs) as pool:
        texts = {i: (p, e) for i, p, e in pool.imap_unordered(both_shapes, [(p[1], p[3]) for p in pages], chunksize=8)}

    counts = {shape: collections.Counter() for shape in ("page", "extract")}
    chrome = {shape: collections.defaultdict(lambda: [set(), set()]) for shape in counts}
    article_lines: dict[str, None] = {}
    with (
        open(args.out / "page.jsonl", "w", encoding="utf-8") as page_dump,
        open(args.out / "extract.jsonl", "w", encoding="utf-8") as extract_dump,
        open(args.out / "labels.jsonl", "w", encoding="utf-8") as label_file,
    ):
        dumps = {"page": page_dump, "extract": extract_dump}
        for source, record_id, url, _html, gold in pages:
            page_gold = Gold(gold)
            for shape, text in zip(("page", "extract"), texts[record_id]):
                if not text.strip():
                    continue
                lines = text.split("\n")
                labels = "T" + "".join(page_gold.label(line) for line in lines[1:])
                record = {"id": record_id, "url": url, "source": source, "text": text}
                dumps[shape].write(json.dumps(record, ensure_ascii=False) + "\n")
                label_file.write(json.dumps({"shape": shape, "id": record_id, "labels": labels}) + "\n")
                counts[shape].update(labels)
                counts[shape][source + " pages"] += 1
                for line, label in zip(lines, labels):
                    if label == "c":
                        seen = chrome[shape][norm(line)]
                        seen[0].add(record_id)
                        seen[1].add(host(url))
                    elif label == "a":
                        article_lines.setdefault(line)

    with open(args.out / "chrome_lines_top.txt", "w", encoding="utf-8") as top:
        top.write("# documents\tsites\tnormalised chrome line (labelled against the gold)\n")
        for shape, table in chrome.items():
            top.write(f"## shape: {shape}\n")
            ranked = sorted(table.items(), key=lambda kv: (-len(kv[1][0]), -len(kv[1][1]), kv[0]))
            for line, (docs, sites) in ranked:
                if len(docs) < 2:
                    break
                top.write(f"{len(docs)}\t{len(sites)}\t{line}\n")
    (args.out / "article_lines.txt").write_text("\n".join(article_lines) + "\n", encoding="utf-8")

    for shape, count in counts.items():
        sources = " + ".join(f"{count[source + ' pages']} {source}" for source in dict.fromkeys(p[0] for p in pages))
        print(
            f"{shape}: pages {sources}; lines: title {count['T']}, article {count['a']}, chrome {count['c']},"
            f" unknown {count['u']}",
            file=sys.stderr,
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
