"""Title site suffixes: learned from many titles of a site, or from one title
that names its own site; a suffix that is part of the headline stays."""

import json

from conftest import run_in_process

BODY = "The minister said the talks would resume in the spring of next year."
HEADLINES = ["Budget passes", "Mayor resigns", "Floods in the north", "New bridge opens", "Strike ends",
             "Schools reopen", "Port expands", "Rates rise"]  # fmt: skip


def test_learn_takes_site_suffixes_off_titles_and_leaves_headlines(tmp_path):
    titles = {  # url: (title, expected title)
        **{f"https://alpha.example/{n}": (f"{h} | Alpha Daily", h) for n, h in enumerate(HEADLINES)},
        "https://www.livescience.com/moon": ("Scientists find a new moon | Live Science", "Scientists find a new moon"),
        "https://ria.ru/1": ("Переговоры возобновятся весной — РИА Новости", "Переговоры возобновятся весной"),
        "https://www.wsj.com/a": ("Markets rally - The Wall Street Journal", "Markets rally"),
        "https://time.com/b": ("Climate talks - Time to act", "Climate talks - Time to act"),  # the headline's end
        **{f"https://beta.example/{n}": (f"Match {n} - Live Blog", f"Match {n} - Live Blog") for n in range(2)},
        **{f"https://beta.example/x{n}": (h, h) for n, h in enumerate(HEADLINES)},
    }
    records = [json.dumps({"url": url, "text": f"{title}\n{BODY}"}) for url, (title, _) in titles.items()]
    (tmp_path / "in.jsonl").write_text("\n".join(records) + "\n", encoding="utf-8")
    options = ["in.jsonl", "-o", "out", "--site-field", "url", "--no-default-rules", "--learn", "--jobs", "1"]
    result = run_in_process("dump", *options, cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    out = [json.loads(line) for line in (tmp_path / "out" / "in.jsonl").read_text(encoding="utf-8").splitlines()]
    assert [r["text"] for r in out] == [f"{expected}\n{BODY}" for _, expected in titles.values()]
    assert run_in_process("rules", "test", "out/learned-rules.yaml", cwd=tmp_path).returncode == 0


def test_suggest_reports_the_suffixes(tmp_path):
    records = [
        json.dumps({"url": f"https://alpha.example/{n}", "text": f"{h} | Daily Courier\n{BODY}"})
        for n, h in enumerate(HEADLINES[:6])
    ]
    (tmp_path / "in.jsonl").write_text("\n".join(records) + "\n", encoding="utf-8")
    options = ["suggest", "in.jsonl", "-o", "d.yaml", "--site-field", "url", "--no-default-rules", "--format", "json"]
    result = run_in_process(*options, cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)["titles"] == [
        {"site": "alpha.example", "suffix": "Daily Courier", "docs": 6, "share": 1.0, "names_site": False}
    ]
