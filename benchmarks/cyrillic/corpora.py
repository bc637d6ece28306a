"""Rebuild the corpora that measure the Cyrillic code-page repair.

    python benchmarks/cyrillic/corpora.py [/work/data/cyrillic]

Every text comes from a public git repository (Universal Dependencies
treebanks, grammarly/ua-gec and natasha/corus samples). A repository is read
from a local bare mirror when one exists (``--mirrors``, laid out as
``owner+name/repo``, as the project's fetch tool leaves them), else cloned from
GitHub into the data folder. Four kinds of file are written, one sentence a line:

  train/{ru,uk,be}.txt      text the shipped bigram model is built from
  tuning/{ru,uk,be}.txt     sentences to break and repair while setting thresholds
  recall/{ru,uk,be}.txt     news sentences to break and repair, to report on
  precision/{lang}.txt      correct text that must come through unchanged
  tuning/{lang}.txt         more of it (the treebanks' dev files), to set thresholds on

train/, tuning/ and recall/ share no sentence (one found in recall/ is dropped
from the others). The model ships, so its text is permissively licensed only
(see benchmarks/cyrillic/README.md): ru_gsd and be_hse (CC BY-SA 4.0) and
UA-GEC's corrected texts (CC BY 4.0). The rest is measured here, never
shipped: uk_iu, tr_imst, el_gdt, pl_pdb and bg_btb are CC BY-NC-SA,
the natasha/corus files are samples of news sites, the other UD treebanks
are CC BY-SA.
"""

from __future__ import annotations

import argparse
import csv
import gzip
import io
import json
import re
import subprocess
import sys
import tarfile
from pathlib import Path

csv.field_size_limit(sys.maxsize)

UD = "UniversalDependencies/UD_"
# (repository, file, language, genre filter: None = all, "news" = only news, "!news" = all but news)
# Every TUNING_SHARE-th sentence of these goes to tuning/, the rest to train/.
TRAIN_UD = [
    (UD + "Russian-GSD", "ru_gsd-ud-dev.conllu", "ru", None),
    (UD + "Russian-GSD", "ru_gsd-ud-test.conllu", "ru", None),
    (UD + "Belarusian-HSE", "be_hse-ud-dev.conllu", "be", "!news"),
    (UD + "Belarusian-HSE", "be_hse-ud-test.conllu", "be", "!news"),
]
TUNING_SHARE = 5
# Ukrainian: UA-GEC (CC BY 4.0), texts by 828 writers (essays, translations, donated
# posts and articles) as its proofreaders corrected them, one sentence a line. Its
# train partition is the model's text, its test partition the tuning sentences. Each
# document's first annotator only (a second one corrected a few of them again).
UA_GEC = "grammarly/ua-gec"
UA_GEC_SENTENCES = "data/gec-only/{partition}/target-sentences"
# What the shipped model is counted from, with the attribution its licences ask for
# (build_model.py writes it into the model file).
MODEL_SOURCES = [
    {
        "language": "ru",
        "text": "UD_Russian-GSD (Universal Dependencies; McDonald, Nikolaev, Lyashevskaya): the sentences of "
        "ru_gsd-ud-dev and -test, Russian Wikipedia text, but every fifth",
        "url": "https://github.com/UniversalDependencies/UD_Russian-GSD",
        "licence": "CC BY-SA 4.0",
    },
    {
        "language": "uk",
        "text": "UA-GEC (Grammarly; Syvokon, Nahorna, Kuchmiichuk, Osidach): the corrected sentences of its "
        "train partition (data/gec-only/train/target-sentences)",
        "url": "https://github.com/grammarly/ua-gec",
        "licence": "CC BY 4.0",
    },
    {
        "language": "be",
        "text": "UD_Belarusian-HSE (Universal Dependencies; Lyashevskaya, Peljak-Łapińska, Petrova, Shishkina): "
        "the sentences of be_hse-ud-dev and -test that are not news, but every fifth",
        "url": "https://github.com/UniversalDependencies/UD_Belarusian-HSE",
        "licence": "CC BY-SA 4.0",
    },
]
RECALL_UD = [
    (UD + "Russian-PUD", "ru_pud-ud-test.conllu", "ru", None),
    (UD + "Ukrainian-IU", "uk_iu-ud-test.conllu", "uk", None),
    (UD + "Belarusian-HSE", "be_hse-ud-dev.conllu", "be", "news"),
    (UD + "Belarusian-HSE", "be_hse-ud-test.conllu", "be", "news"),
]
PRECISION = [
    (UD + "French-GSD", "fr_gsd-ud-test.conllu", "fr"),
    (UD + "German-GSD", "de_gsd-ud-test.conllu", "de"),
    (UD + "Spanish-GSD", "es_gsd-ud-test.conllu", "es"),
    (UD + "Portuguese-Bosque", "pt_bosque-ud-test.conllu", "pt"),
    (UD + "Icelandic-Modern", "is_modern-ud-test.conllu", "is"),
    (UD + "Turkish-IMST", "tr_imst-ud-test.conllu", "tr"),
    (UD + "Vietnamese-VTB", "vi_vtb-ud-test.conllu", "vi"),
    (UD + "Polish-PDB", "pl_pdb-ud-test.conllu", "pl"),
    (UD + "Czech-CAC", "cs_cac-ud-test.conllu", "cs"),
    (UD + "Greek-GDT", "el_gdt-ud-test.conllu", "el"),
    # Other Cyrillic alphabets, whose letters (Ђ Љ Њ Ћ Џ Ѓ Ќ) MacCyrillic mojibake is made of:
    (UD + "Serbian-SET", "sr_set-ud-test.conllu", "sr"),  # Latin script, transliterated (serbian_cyrillic)
    (UD + "Macedonian-MTB", "mk_mtb-ud-test.conllu", "mk"),  # no dev file: halves of the test file
    (UD + "Bulgarian-BTB", "bg_btb-ud-test.conllu", "bg"),
]
SERBIAN_DIGRAPHS = {"Lj": "Љ", "LJ": "Љ", "lj": "љ", "Nj": "Њ", "NJ": "Њ", "nj": "њ", "Dž": "Џ", "DŽ": "Џ", "dž": "џ"}
SERBIAN_LETTERS = str.maketrans(
    "abvgdđežzijklmnoprstćufhcčšABVGDĐEŽZIJKLMNOPRSTĆUFHCČŠ", "абвгдђежзијклмнопрстћуфхцчшАБВГДЂЕЖЗИЈКЛМНОПРСТЋУФХЦЧШ"
)
CORUS = "natasha/corus"
SENTENCE_END = re.compile(r"(?<=[.!?…])\s+(?=[«\"„А-ЯЁA-Z0-9])")
TAG = re.compile(r"<[^>]+>")
# The corus "ods" samples lost the backslash of their line breaks: "сообщаетnРИА",
# "газетаnThe Timesn.", "«nФедеральное": a Latin n touching a Cyrillic letter is one.
LOST_NEWLINE = re.compile(r"(?<=[а-яёА-ЯЁ])n+|n+(?=[а-яёА-ЯЁ])|(?<=[.,:;!?»\")\d])n+(?=[«\"(\d—–),.])")


class Repos:
    """Reads files from bare git repositories: local mirrors first, else a clone."""

    def __init__(self, mirrors: Path, cache: Path):
        self.mirrors, self.cache = mirrors, cache

    def git_dir(self, repo: str) -> Path:
        mirror = self.mirrors / repo.replace("/", "+") / "repo"
        if mirror.is_dir():
            return mirror
        clone = self.cache / repo.replace("/", "+")
        if not clone.is_dir():
            subprocess.run(["git", "clone", "--quiet", "--bare", f"https://github.com/{repo}", str(clone)], check=True)
        return clone

    def read(self, repo: str, path: str) -> bytes:
        return subprocess.run(
            ["git", "--git-dir", str(self.git_dir(repo)), "show", f"HEAD:{path}"], check=True, capture_output=True
        ).stdout

    def list(self, repo: str, folder: str) -> list[str]:
        out = subprocess.run(
            ["git", "--git-dir", str(self.git_dir(repo)), "ls-tree", "-r", "--name-only", "HEAD", folder],
            check=True,
            capture_output=True,
            text=True,
        ).stdout
        return out.split()


def conllu_sentences(data: bytes, genre: str | None = None) -> list[str]:
    """The ``# text =`` lines of a CoNLL-U file, filtered on ``# genre`` when asked."""
    sentences, text = [], None
    for line in data.decode("utf-8").split("\n"):
        if line.startswith("# text ="):  # vi_vtb has no space after '='
            text = line[len("# text =") :].strip()
        elif line.startswith("# genre = ") and text is not None:
            is_news = line.split("=", 1)[1].strip() == "news"
            if genre == "news" and not is_news or genre == "!news" and is_news:
                text = None
        elif not line.strip() and text is not None:
            sentences.append(text)
            text = None
    return sentences


def serbian_cyrillic(text: str) -> str:
    """Serbian Latin in Serbian Cyrillic, the one-to-one transliteration Serbian press uses.

    >>> serbian_cyrillic("Ljubljana i Đorđe Balašević, Džon")
    'Љубљана и Ђорђе Балашевић, Џон'
    """
    for latin, cyrillic in SERBIAN_DIGRAPHS.items():
        text = text.replace(latin, cyrillic)
    return text.translate(SERBIAN_LETTERS)


def split_sentences(text: str) -> list[str]:
    text = " ".join(TAG.sub(" ", text).split())
    return [s for s in SENTENCE_END.split(text) if len(s) > 15]


def corus_news(repos: Repos) -> list[str]:
    """Russian news sentences from the natasha/corus sample files."""
    texts = []
    for path in repos.list(CORUS, "data/ods") + ["data/lenta-ru-news.csv.gz"]:
        rows = csv.DictReader(io.StringIO(gzip.decompress(repos.read(CORUS, path)).decode("utf-8")))
        texts += [LOST_NEWLINE.sub(" ", row["text"]) for row in rows]
    for line in gzip.decompress(repos.read(CORUS, "data/ria.json.gz")).decode("utf-8").splitlines():
        texts.append(json.loads(line)["text"])
    for path in repos.list(CORUS, "data/buriy"):
        with tarfile.open(fileobj=io.BytesIO(repos.read(CORUS, path))) as archive:
            for member in archive.getmembers():
                if member.isfile():
                    data = archive.extractfile(member).read().decode("utf-8")
                    texts += [row[2] for row in csv.reader(io.StringIO(data)) if len(row) > 2]
    return [s for text in texts for s in split_sentences(text)]


CYRILLIC_LETTER = re.compile("[а-яёіїєґА-ЯЁІЇЄҐ]")


def ua_gec_sentences(repos: Repos, partition: str) -> list[str]:
    """The corrected sentences of UA-GEC's ``partition`` (train or test) that hold Cyrillic
    (a few translators left English lines: "We’re counting cards.")."""
    folder = UA_GEC_SENTENCES.format(partition=partition)
    paths = [path for path in repos.list(UA_GEC, folder) if path.endswith(".a1.txt")]
    lines = [line.strip() for path in paths for line in repos.read(UA_GEC, path).decode("utf-8").splitlines()]
    return [line for line in lines if CYRILLIC_LETTER.search(line)]


def unique(lines: list[str]) -> list[str]:
    return list(dict.fromkeys(line for line in lines if line))


def normalised(sentence: str) -> str:
    return " ".join(sentence.split()).casefold()


def build(out: Path, repos: Repos) -> None:
    files: dict[str, list[str]] = {}
    files["recall/ru.txt"] = corus_news(repos)
    for repo, path, lang, genre in RECALL_UD:
        files.setdefault(f"recall/{lang}.txt", []).extend(conllu_sentences(repos.read(repo, path), genre))
    for repo, path, lang, genre in TRAIN_UD:
        for index, sentence in enumerate(unique(conllu_sentences(repos.read(repo, path), genre))):
            split = "tuning" if index % TUNING_SHARE == TUNING_SHARE - 1 else "train"
            files.setdefault(f"{split}/{lang}.txt", []).append(sentence)
    files["train/uk.txt"] = ua_gec_sentences(repos, "train")
    files["tuning/uk.txt"] = ua_gec_sentences(repos, "test")
    recall = {normalised(line) for name, lines in files.items() if name.startswith("recall/") for line in lines}
    for name in [name for name in files if not name.startswith("recall/")]:
        kept = [line for line in files[name] if normalised(line) not in recall]
        if len(kept) < len(files[name]):
            print(f"{name}: {len(files[name]) - len(kept)} sentences dropped, found in recall/")
        files[name] = kept
    for repo, path, lang in PRECISION:
        test = conllu_sentences(repos.read(repo, path))
        if path.replace("-test", "-dev") in repos.list(repo, "."):
            dev = conllu_sentences(repos.read(repo, path.replace("-test", "-dev")))
        else:
            test, dev = test[len(test) // 2 :], test[: len(test) // 2]
        if lang == "sr":
            test, dev = [serbian_cyrillic(line) for line in test], [serbian_cyrillic(line) for line in dev]
        files[f"precision/{lang}.txt"], files[f"tuning/{lang}.txt"] = test, dev
    for name, lines in files.items():
        target = out / name
        target.parent.mkdir(parents=True, exist_ok=True)
        lines = unique(lines)
        target.write_text("\n".join(lines) + "\n", encoding="utf-8")
        print(f"{name:24} {len(lines):6} lines")


# The committed sample: CC BY-SA and CC BY sources only, every n-th sentence, no choosing.
SAMPLE = Path(__file__).with_name("sample.json")
SAMPLE_RECALL = [
    (UD + "Russian-PUD", "ru_pud-ud-test.conllu", "ru", None),
    (UD + "Belarusian-HSE", "be_hse-ud-test.conllu", "be", "news"),
]
SAMPLE_PRECISION = [entry for entry in PRECISION if entry[2] not in {"tr", "el", "pl", "bg"}]  # those are NC
SAMPLE_LICENCE = (
    "CC BY-SA (Universal Dependencies: ru_pud CC BY-SA 3.0; be_hse, fr/de/es gsd, pt_bosque, is_modern, vi_vtb, "
    "cs_cac, sr_set transliterated, mk_mtb CC BY-SA 4.0) and CC BY 4.0 (uk: UA-GEC, Grammarly; Syvokon, Nahorna, "
    "Kuchmiichuk, Osidach, https://github.com/grammarly/ua-gec, its test partition: tuning text, not the model's)"
)


def write_sample(repos: Repos, per_set: int = 60) -> None:
    def every_nth(lines: list[str]) -> list[str]:
        lines = unique(lines)
        return lines[:: max(1, len(lines) // per_set)][:per_set]

    sample: dict = {"licence": SAMPLE_LICENCE, "recall": {}, "precision": {}}
    for repo, path, lang, genre in SAMPLE_RECALL:
        sample["recall"][lang] = every_nth(conllu_sentences(repos.read(repo, path), genre))
    sample["recall"]["uk"] = every_nth(ua_gec_sentences(repos, "test"))
    for repo, path, lang in SAMPLE_PRECISION:
        lines = conllu_sentences(repos.read(repo, path))
        sample["precision"][lang] = every_nth([serbian_cyrillic(line) for line in lines] if lang == "sr" else lines)
    SAMPLE.write_text(json.dumps(sample, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    print(
        f"{SAMPLE.name}: {sum(map(len, sample['recall'].values()))} recall, {sum(map(len, sample['precision'].values()))} precision lines"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("out", nargs="?", default="/work/data/cyrillic", type=Path)
    parser.add_argument("--mirrors", default="/work/.mirror", type=Path)
    parser.add_argument("--sample", action="store_true", help="also rewrite the sample tests/test_cyrillic.py reads")
    args = parser.parse_args()
    repos = Repos(args.mirrors, args.out / "git")
    build(args.out, repos)
    if args.sample:
        write_sample(repos)


if __name__ == "__main__":
    main()
