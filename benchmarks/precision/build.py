"""Rebuild the precision corpus: real, edited article bodies in many scripts.

    python benchmarks/precision/build.py [--mirrors /work/.mirror] [--out /work/data/precision]

Reads public repositories already brought onto this machine (bare git
directories under MIRRORS/owner+name/repo, as the `fetch` tool leaves them) and
writes OUT/corpus.jsonl, one body a line: {"id", "source", "script", "text"}.
Nothing is downloaded here and nothing of the data is committed.

Sources (none of them the held-out extraction benchmarks):
  LTSACH/AILearningHub              BBC News 2004-05, 2,225 articles (Latin)
  leogao2/htmltotext-benchmark      hand-checked page texts, de/en/hr/zh
  UniversalDependencies/UD_*-PUD    news and Wikipedia, professionally translated
                                    (Russian, Hindi, Thai, Chinese, Korean)
  UniversalDependencies/UD_Ukrainian-IU  news, fiction, essays (Cyrillic)
  UniversalDependencies/UD_Hebrew-HTB    Haaretz news (Hebrew)
  parallelfold/SaudiNewsNet         Saudi newspapers, 2015 (Arabic)
  jkatsuta/18_4q_doc2vec            the livedoor news corpus (Japanese)

Samples are deterministic (every k-th item in a sorted order), so two builds
from the same mirrors give the same corpus.
"""

from __future__ import annotations

import argparse
import csv
import io
import json
import subprocess
import sys
import zipfile
from pathlib import Path

PUD = {"Russian": "Cyrillic", "Hindi": "Devanagari", "Thai": "Thai", "Chinese": "Han", "Korean": "Hangul"}
PER_SOURCE = 400  # bodies taken from a large source (Arabic, Japanese)
HEBREW_SENTENCES = 15  # HTB has no document marks: consecutive sentences make a body


class Mirror:
    def __init__(self, root: Path, repo: str):
        self.repo = repo
        self.git_dir = root / repo.replace("/", "+") / "repo"
        if not self.git_dir.is_dir():
            sys.exit(f"build.py: {self.git_dir}: missing; fetch github:{repo} first")

    def files(self, prefix: str = "") -> list:
        out = self._git("ls-tree", "-r", "--name-only", "HEAD", "--", prefix or ".")
        return sorted(out.decode().splitlines())

    def read(self, path: str) -> bytes:
        return self._git("show", f"HEAD:{path}")

    def _git(self, *args) -> bytes:
        return subprocess.run(["git", f"--git-dir={self.git_dir}", *args], check=True, capture_output=True).stdout


def every_kth(items: list, count: int) -> list:
    step = max(1, len(items) // count)
    return items[::step][:count]


def bbc(root):
    m = Mirror(root, "LTSACH/AILearningHub")
    for name in ("train", "val", "test"):
        rows = csv.DictReader(io.StringIO(m.read(f"datasets/bbcnews/data/{name}.csv").decode()))
        for n, row in enumerate(rows):
            yield f"bbc-{name}-{n}", "Latin", row["text"]


def htmltotext(root):
    m = Mirror(root, "leogao2/htmltotext-benchmark")
    for path in m.files("benchmarkdata"):
        if "/text/" in path and path.endswith(".txt"):
            script = "Han" if path.startswith("benchmarkdata/zh/") else "Latin"
            yield "htmltotext-" + Path(path).stem, script, m.read(path).decode()


def conllu_sentences(data: str):
    """(document id, paragraph start?, sentence text) of each sentence in a CoNLL-U file."""
    doc = None
    new_par = False
    for line in data.splitlines():
        if line.startswith("# newdoc"):
            doc = line.split("=", 1)[1].strip() if "=" in line else None
        elif line.startswith("# newpar"):
            new_par = True
        elif line.startswith("# sent_id"):
            sent_id = line.split("=", 1)[1].strip()
        elif line.startswith("# text ="):
            yield doc, sent_id, new_par, line.split("=", 1)[1].strip()
            new_par = False


def grouped(sentences, key) -> dict:
    """Sentences joined one a line, grouped by ``key``; order kept."""
    groups: dict = {}
    for item in sentences:
        groups.setdefault(key(item), []).append(item[3])
    return {k: "\n".join(v) for k, v in groups.items()}


def pud(root):
    for language, script in PUD.items():
        m = Mirror(root, f"UniversalDependencies/UD_{language}-PUD")
        (path,) = [p for p in m.files() if p.endswith(".conllu")]
        # sent_id n01001011: document n01001, sentence 011.
        for doc, text in grouped(conllu_sentences(m.read(path).decode()), lambda s: s[1][:6]).items():
            yield f"pud-{language.lower()}-{doc}", script, text


def ukrainian(root):
    m = Mirror(root, "UniversalDependencies/UD_Ukrainian-IU")
    for split in ("dev", "test"):
        sentences = conllu_sentences(m.read(f"uk_iu-ud-{split}.conllu").decode())
        for doc, text in grouped(sentences, lambda s: s[0]).items():
            yield f"uk-iu-{doc}", "Cyrillic", text


def hebrew(root):
    m = Mirror(root, "UniversalDependencies/UD_Hebrew-HTB")
    for split in ("dev", "test"):
        texts = [s[3] for s in conllu_sentences(m.read(f"he_htb-ud-{split}.conllu").decode())]
        for start in range(0, len(texts), HEBREW_SENTENCES):
            yield f"he-htb-{split}-{start}", "Hebrew", "\n".join(texts[start : start + HEBREW_SENTENCES])


def saudi(root):
    m = Mirror(root, "parallelfold/SaudiNewsNet")
    articles = []
    for path in m.files("dataset"):
        with zipfile.ZipFile(io.BytesIO(m.read(path))) as archive:
            for name in sorted(archive.namelist()):
                for n, article in enumerate(json.loads(archive.read(name))):
                    articles.append((f"saudi-{Path(name).stem}-{n}", article["content"]))
    for key, text in every_kth(articles, PER_SOURCE):
        yield key, "Arabic", text


def livedoor(root):
    m = Mirror(root, "jkatsuta/18_4q_doc2vec")
    paths = [
        p
        for p in m.files("experiments/text")
        if p.rsplit("/", 1)[-1][:1].islower() and "LICENSE" not in p and p.count("/") == 3
    ]
    for path in every_kth(paths, PER_SOURCE):
        # Line 1 the address, line 2 the date, then the title and the body.
        lines = m.read(path).decode().splitlines()[2:]
        yield "livedoor-" + Path(path).stem, "Han+Kana", "\n".join(lines)


SOURCES = [bbc, htmltotext, pud, ukrainian, hebrew, saudi, livedoor]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--mirrors", type=Path, default=Path("/work/.mirror"))
    parser.add_argument("--out", type=Path, default=Path("/work/data/precision"))
    args = parser.parse_args()
    args.out.mkdir(parents=True, exist_ok=True)
    counts: dict = {}
    with open(args.out / "corpus.jsonl", "w", encoding="utf-8") as out:
        for source in SOURCES:
            for key, script, text in source(args.mirrors):
                text = text.strip()
                if not text:
                    continue
                out.write(
                    json.dumps(
                        {"id": key, "source": source.__name__, "script": script, "text": text}, ensure_ascii=False
                    )
                    + "\n"
                )
                counts[script] = counts.get(script, 0) + 1
    for script, count in sorted(counts.items()):
        print(f"{script:10} {count:6,}")
    print(f"{'total':10} {sum(counts.values()):6,}  -> {args.out / 'corpus.jsonl'}")


if __name__ == "__main__":
    main()
