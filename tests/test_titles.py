"""Title site suffixes: learned from many titles of a site, or from one title
that names its own site; a suffix that is part of the headline stays."""

import json

from conftest import run_in_process

BODY = "The minister said the talks would resume in the spring of next year."
HEADLINES = ["The budget passes its first vote", "The mayor of the city resigns", "Floods in the north of the country",
             "A new bridge opens to traffic", "The strike at the port ends", "Schools reopen after the holidays",
             "The port expands its container terminal", "Interest rates rise again in May"]  # fmt: skip


def test_learn_takes_site_suffixes_off_titles_and_leaves_headlines(tmp_path):
    titles = {  # url: (title, expected title)
        **{f"https://alpha.example/{n}": (f"{h} | Alpha Daily", h) for n, h in enumerate(HEADLINES)},
        "https://www.livescience.com/moon": ("Scientists find a new moon | Live Science", "Scientists find a new moon"),
        "https://ria.ru/1": (
            "Переговоры о мире возобновятся весной — РИА Новости",
            "Переговоры о мире возобновятся весной",
        ),
        "https://www.wsj.com/a": (
            "Markets rally after the rate cut - The Wall Street Journal",
            "Markets rally after the rate cut",
        ),
        "https://time.com/b": (
            "The climate talks in Bonn - Time to act",
            "The climate talks in Bonn - Time to act",
        ),  # the headline's end
        # a title of three words left would look like a menu item to the line rules: kept whole
        "https://alpha.example/short": ("About Us | Alpha Daily", "About Us | Alpha Daily"),
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


def test_a_trimmed_title_is_never_left_to_the_menu_rules(tmp_path):
    """A real page of the evaluation: its title, cut to three words, would have
    started a run of four menu-like lines and gone with its headline and byline."""
    text = "\n".join(
        [
            "Anzahl zugelassener Parteien – KATAPULT-Magazin",
            "Deutschland",
            "Anzahl zugelassener Parteien",
            "Von Tim Ehlers",
            "Weil es zu viele sind, haben wir uns auf die größten Parteien beschränkt, die in allen Ländern antreten.",
        ]
    )
    record = {"url": "https://katapult-magazin.de/de/artikel/anzahl", "text": text}
    (tmp_path / "in.jsonl").write_text(json.dumps(record, ensure_ascii=False) + "\n", encoding="utf-8")
    result = run_in_process(
        "dump", "in.jsonl", "-o", "out", "--site-field", "url", "--learn", "--jobs", "1", cwd=tmp_path
    )
    assert result.returncode == 0, result.stderr
    assert json.loads((tmp_path / "out" / "in.jsonl").read_text(encoding="utf-8"))["text"] == text


def test_a_plain_dump_with_sites_takes_each_sites_own_name_off_its_titles(tmp_path):
    titles = {  # url: (title, expected title), with the built-in rules and no learning
        "https://arstechnica.com/a": ("Apple’s new iPad is a laptop replacement | Ars Technica", "Apple’s new iPad is a laptop replacement"),
        "https://www.bbc.co.uk/news/1": ("Scientists find a new moon - BBC News", "Scientists find a new moon"),
        "https://ria.ru/1": ("Переговоры о мире возобновятся весной — РИА Новости", "Переговоры о мире возобновятся весной"),
        # real titles of the evaluation: initials and the rest, an article, umlauts spelt out, a tagline
        "https://www.nytimes.com/2020/a": ("Rolling Blackouts in California Have Power Experts Stumped - The New York Times", "Rolling Blackouts in California Have Power Experts Stumped"),
        "https://www.washingtonpost.com/b": ("Attack stokes instability fears in North Africa - The Washington Post", "Attack stokes instability fears in North Africa"),
        "https://www.sueddeutsche.de/c": ("Deutschlandtakt: Flixbus attackiert Deutsche Bahn - Wirtschaft - Süddeutsche.de", "Deutschlandtakt: Flixbus attackiert Deutsche Bahn - Wirtschaft"),
        "https://www.lbv.de/d": ("Lebenszeichen von Bavaria nach zwei Monaten Funkstille - LBV - Gemeinsam Bayerns Natur schützen", "Lebenszeichen von Bavaria nach zwei Monaten Funkstille"),
        "https://www.bfs.de/f": ("BfS - Pressemitteilungen - Radon im Boden: Neue Karte gibt Orientierung", "Pressemitteilungen - Radon im Boden: Neue Karte gibt Orientierung"),
        # another site's name, a headline's own end, a title too short once trimmed: kept
        "https://jungle.world/g": ("jungle.world - Das Imperialismus-Phantom", None),
        "https://www.nytimes.com/e": ("Rents rise again in Brooklyn and Queens - New York", None),
        "https://time.com/f": ("Tom and Jerry meet again - Time to act - Ideas", None),
        "https://theverge.com/b": ("Apple’s new iPad is a laptop replacement | Ars Technica", None),
        "https://time.com/b": ("The climate talks in Bonn - Time to act", None),
        "https://arstechnica.com/about": ("About us | Ars Technica", None),
    }  # fmt: skip
    records = [json.dumps({"url": url, "text": f"{title}\n{BODY}"}) for url, (title, _) in titles.items()]
    records.append(json.dumps({"text": f"Scientists find a new moon - BBC News\n{BODY}"}))  # no site: kept
    (tmp_path / "in.jsonl").write_text("\n".join(records) + "\n", encoding="utf-8")
    result = run_in_process("dump", "in.jsonl", "-o", "out", "--site-field", "url", "--jobs", "1", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    out = [
        json.loads(line)["text"] for line in (tmp_path / "out" / "in.jsonl").read_text(encoding="utf-8").splitlines()
    ]
    expected = [f"{kept or title}\n{BODY}" for title, kept in titles.values()]
    assert out == expected + [f"Scientists find a new moon - BBC News\n{BODY}"]


def test_own_site_titles_through_the_api_and_the_stages_of_each_site():
    from cleaner import Cleaner

    cleaner = Cleaner()
    text = f"Scientists find a new moon - BBC News\n{BODY}"
    assert cleaner.clean(text, site="https://www.bbc.co.uk/news") == f"Scientists find a new moon\n{BODY}"
    assert cleaner.clean(text, site="cnn.com") == text
    assert cleaner.clean(text) == text
    # one set of stages per site, reused by every document of that site
    assert cleaner.stages_for(text, "bbc.co.uk") is cleaner.stages_for(BODY, "bbc.co.uk")
    assert cleaner.stages_for(text, "bbc.co.uk") is not cleaner.stages_for(text, "cnn.com")
