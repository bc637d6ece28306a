"""``dump --learn`` on a synthetic dump of three sites: each site's chrome goes,
wherever it stands, and no body line, not even one that recurs across a few
documents or that is another site's chrome."""

import json
import random

import pytest

from conftest import run_in_process

VOCABULARY = (
    "the a minister government talks agreement border trade energy spring winter report officials "
    "said would could after before during parliament week month plan support sanctions meeting"
).split()
CHROME = {  # site: (menu at the head, widget in the middle, footer at the tail)
    "alpha.example": (["Home", "World", "Sport"], ["Share this:", "Twitter", "Facebook"], ["© Alpha Media"]),
    "beta.example": (["Новости", "Спорт"], ["Поделиться", "Читайте также"], ["Все права защищены"]),
    "gamma.example": (["Menu"], ["Most Read", "Trending now"], ["About us", "Contact", "Privacy Policy"]),
}
QUOTE = "“We will never accept these sanctions,” the minister said on Monday."


def sentence(rng: random.Random) -> str:
    words = [rng.choice(VOCABULARY) for _ in range(rng.randint(9, 16))]
    return " ".join(words).capitalize() + f" {rng.randint(1, 10**6)}."


def body(rng: random.Random, site: str, number: int) -> list:
    lines = [sentence(rng) for _ in range(rng.randint(3, 6))]
    if number % 15 == 0:
        lines.insert(1, QUOTE)  # a sentence four articles of each site repeat
    if number % 12 == 0:
        lines.insert(2, "What happens next")  # a recurring subheading, between prose lines
    if site == "alpha.example" and number % 30 == 0:
        lines.insert(1, "Most Read")  # gamma's chrome, a line of alpha's article
    return lines


@pytest.fixture(scope="module")
def dump(tmp_path_factory):
    rng = random.Random(17)
    folder = tmp_path_factory.mktemp("learn")
    records, bodies = [], {}
    for number in range(180):
        site = sorted(CHROME)[number % 3]
        head, middle, tail = CHROME[site]
        lines = body(rng, site, number // 3)
        comments = [sentence(rng) for _ in range(2)]  # prose after the widget keeps it off the tail
        text = head + lines[:-1] + middle + lines[-1:] + comments + tail
        bodies[number] = lines + comments
        records.append(json.dumps({"id": number, "url": f"https://www.{site}/{number}", "text": "\n".join(text)}))
    (folder / "in").mkdir()
    (folder / "in" / "dump.jsonl").write_text("\n".join(records) + "\n", encoding="utf-8")
    return folder, bodies


def texts(path) -> dict:
    return {r["id"]: r["text"].split("\n") for r in map(json.loads, path.read_text(encoding="utf-8").splitlines())}


def test_learn_removes_each_sites_chrome_and_no_body_line(dump):
    folder, bodies = dump
    options = ["in", "--site-field", "url", "--no-default-rules", "--jobs", "2"]
    result = run_in_process("dump", *options, "-o", "out", "--learn", cwd=folder)
    assert result.returncode == 0, result.stderr
    assert texts(folder / "out" / "dump.jsonl") == bodies
    learned = (folder / "out" / "learned-rules.yaml").read_text(encoding="utf-8")
    assert learned.startswith("# Learned by cleaner dump --learn: reusable with --rules.\n")
    # reused with --rules, the learned file cleans the same
    again = run_in_process("dump", *options, "-o", "again", "--rules", "out/learned-rules.yaml", cwd=folder)
    assert again.returncode == 0, again.stderr
    assert (folder / "again" / "dump.jsonl").read_bytes() == (folder / "out" / "dump.jsonl").read_bytes()


def test_changes_of_a_learn_run_name_the_learned_rules(dump):
    """``--changes`` explains the outputs with the rules that cleaned them, the learned ones too."""
    folder, _ = dump
    options = ["in", "--site-field", "url", "--no-default-rules", "--jobs", "1", "--learn"]
    result = run_in_process("dump", *options, "-o", "audited", "--changes", "changes.jsonl", cwd=folder)
    assert result.returncode == 0, result.stderr
    changes = [json.loads(line) for line in (folder / "changes.jsonl").read_text(encoding="utf-8").splitlines()]
    shares = [c for c in changes if c["id"] == 0 and c["before"] == "Share this:"]
    assert len(shares) == 1 and shares[0]["rule"].startswith("suggested.alpha-example.line-")


def test_without_learn_the_chrome_stays(dump):
    folder, bodies = dump
    result = run_in_process("dump", "in", "-o", "plain", "--site-field", "url", "--no-default-rules", cwd=folder)
    assert result.returncode == 0, result.stderr
    assert not (folder / "plain" / "learned-rules.yaml").exists()
    assert all(
        "Share this:" in lines for number, lines in texts(folder / "plain" / "dump.jsonl").items() if number % 3 == 0
    )


def test_mining_in_batches_counts_what_mining_at_once_does():
    """The workers' tables, merged, are the table one process would have counted."""
    from cleaner.suggest import Miner

    rng = random.Random(5)
    documents = []
    for number in range(60):
        site = sorted(CHROME)[number % 3]
        head, middle, tail = CHROME[site]
        lines = body(rng, site, number)
        documents.append((f"Headline {number} | {site}\n" + "\n".join(head + lines + middle + tail), site))
    whole, first, second = Miner(names=False), Miner(names=False), Miner(names=False)
    for number, (text, site) in enumerate(documents):
        whole.add(text, site)
        (first if number < 25 else second).add(text, site)
    first.merge(second)
    assert first.lines == whole.lines and first.docs_per_site == whole.docs_per_site
    assert first.titles.suffixes == whole.titles.suffixes and len(whole.titles.suffixes) == 3


HEADLINES = [
    "Storm leaves thousands of homes without power",
    "Museum reopens after three years of repairs",
    "Local football club celebrates its championship title",
    "Farmers worry about another unusually dry summer",
    "Festival draws record crowds despite heavy rainfall",
    "Bridge across the river finally opens to traffic",
]


def test_a_label_of_the_pages_own_summary_is_not_learned_but_a_related_heading_is():
    """CNN's "Story Highlights" recurs on every page, but the lines below it are
    the page's own sentences (its words are the article's): the label is the
    article's, and stays. "Related Stories", above other pages' headlines, is
    the site's chrome."""
    from cleaner.suggest import Miner, boilerplate

    rng = random.Random(11)
    miner = Miner(names=False)
    for number in range(12):
        lines = [sentence(rng) for _ in range(4)]
        summary = [" ".join(line.split()[:8]) for line in lines[:2]]  # the story's first words, unpunctuated
        related = [HEADLINES[(number + k) % len(HEADLINES)] for k in range(3)]
        title = " ".join(lines[3].split()[:5]) + " | Courier"
        page = [title, "Home", "World", "Story Highlights", *summary, *lines]
        miner.add("\n".join([*page, "Related Stories", *related, "About us"]), "courier.example")
    learned = {candidate.line for candidate in boilerplate(miner, 5, 0.02)}
    assert learned == {"Home", "World", "Related Stories", "About us", *HEADLINES}


def test_a_site_named_with_a_wildcard_learns_rules_for_itself_alone(tmp_path):
    """A site field that is not a URL may hold "*": the rules learned for
    "wire*feed" must not reach "wirexfeed", where the same line is the article's."""
    rng = random.Random(5)
    records = [
        {"id": n, "source": "wire*feed", "text": f"{sentence(rng)}\n{sentence(rng)}\nTip line: call us"}
        for n in range(12)
    ]
    other = f"{sentence(rng)}\n{sentence(rng)}\nTip line: call us"
    records.append({"id": 12, "source": "wirexfeed", "text": other})
    (tmp_path / "in.jsonl").write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    options = ["in.jsonl", "-o", "out", "--site-field", "source", "--no-default-rules", "--learn"]
    result = run_in_process("dump", *options, cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    out = texts(tmp_path / "out" / "in.jsonl")
    assert [n for n, lines in out.items() if "Tip line: call us" in lines] == [12]
    assert "- wire[*]feed" in (tmp_path / "out" / "learned-rules.yaml").read_text(encoding="utf-8")
