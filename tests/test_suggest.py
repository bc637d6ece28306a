"""``cleaner suggest`` finds a dump's boilerplate and name variants, and nothing else."""

import json
import random

import pytest

from conftest import run_in_process

HEADS = ["Subscribe to our newsletter", "Top News Today", "Advertisement"]
TAILS = ["Share this article", "Follow us on Twitter", "Comments ({n})", "Read more at Daily Courier"]
VOCABULARY = (
    "the a minister government talks agreement border trade energy spring winter report officials "
    "said would could after before during parliament week month plan support sanctions meeting "
    "economy region capital summit statement press visit cooperation security deal market"
).split()


def sentence(rng: random.Random) -> str:
    words = [rng.choice(VOCABULARY) for _ in range(rng.randint(9, 16))]
    return " ".join(words).capitalize() + f" {rng.randint(1, 10**6)}."


@pytest.fixture(scope="module")
def corpus(tmp_path_factory):
    rng = random.Random(7)
    folder = tmp_path_factory.mktemp("suggest")
    shares = {line: rng.uniform(0.1, 0.3) for line in HEADS + TAILS}
    records, injected, body_lines = [], {line: 0 for line in shares}, []
    for number in range(500):
        body = [sentence(rng) for _ in range(rng.randint(3, 8))]
        if number % 10 == 0:  # the foreign minister, mostly spelled right
            body[0] = body[0][:-1] + (" with Makey." if number % 100 == 0 else " with Makei.")
        body_lines.extend(body)
        lines = list(body)
        for line in HEADS:
            if rng.random() < shares[line]:
                lines.insert(0, line)
                injected[line] += 1
        for line in TAILS:
            if rng.random() < shares[line]:
                lines.append(line.format(n=rng.randint(1, 99)))
                injected[line] += 1
        records.append(json.dumps({"id": number, "url": f"https://courier.example/{number}", "text": "\n".join(lines)}))
    (folder / "dump.jsonl").write_text("\n".join(records) + "\n")
    return folder, injected, body_lines


def run(cwd, *args):
    result = run_in_process(*args, cwd=cwd)
    return result.returncode, result.stdout.decode(), result.stderr.decode()


@pytest.mark.slow
def test_draft_removes_the_boilerplate_and_no_body_sentence(corpus):
    folder, injected, body_lines = corpus
    code, out, err = run(folder, "suggest", "dump.jsonl", "-o", "draft.yaml", "--no-default-rules", "--format", "json")
    assert code == 0, err
    report = json.loads(out)
    assert report["documents"] == 500
    code, _, err = run(folder, "dump", "dump.jsonl", "-o", "out", "--no-default-rules", "--rules", "draft.yaml")
    assert code == 0, err
    cleaned = [
        json.loads(line)["text"].split("\n") for line in (folder / "out" / "dump.jsonl").read_text().splitlines()
    ]
    remaining = {line: 0 for line in injected}
    for lines in cleaned:
        for line in lines:
            for template in injected:
                if line == template or (template.startswith("Comments") and line.startswith("Comments (")):
                    remaining[template] += 1
    removed = {line: 1 - remaining[line] / injected[line] for line in injected}
    assert all(share >= 0.95 for share in removed.values()), removed
    kept = [line for lines in cleaned for line in lines]
    # no body sentence lost and nothing else left; the suggested variant is applied
    assert sorted(kept) == sorted(line.replace("Makey", "Makei") for line in body_lines)


def test_the_report_names_the_variants(corpus):
    folder, _, _ = corpus
    code, out, _ = run(folder, "suggest", "dump.jsonl", "-o", "draft.yaml", "--no-default-rules", "--format", "json")
    variants = {(v["variant"], v["canonical"]) for v in json.loads(out)["variants"]}
    assert ("Makey", "Makei") in variants


def test_the_python_api_drafts_what_the_command_writes(corpus):
    from cleaner import Cleaner, Config
    from cleaner.suggest import draft_text, suggest

    folder, _, _ = corpus
    suggestion = suggest([folder / "dump.jsonl"], Cleaner(Config(default_rules=False)))
    assert run(folder, "suggest", "dump.jsonl", "-o", "api.yaml", "--no-default-rules")[0] == 0
    assert draft_text(suggestion) == (folder / "api.yaml").read_text(encoding="utf-8")
    assert draft_text(suggestion).startswith("# Suggested by cleaner suggest: review every rule before use.\n")
    assert suggestion.documents == 500
    assert ("Makey", "Makei") in {(v.variant, v.canonical) for v in suggestion.variants}


def test_draft_is_a_valid_rule_file_whose_examples_pass(corpus):
    folder, _, _ = corpus
    run(folder, "suggest", "dump.jsonl", "-o", "draft.yaml", "--no-default-rules")
    code, _, err = run(folder, "rules", "test", "draft.yaml")
    assert code == 0, err


def test_existing_rules_are_not_suggested_again(corpus, tmp_path):
    folder, _, _ = corpus
    (tmp_path / "mine.yaml").write_text("rules:\n  - id: mine.ad\n    kind: drop-line\n    lines: [Advertisement]\n")
    code, out, _ = run(
        folder,
        "suggest",
        "dump.jsonl",
        "-o",
        tmp_path / "draft.yaml",
        "--no-default-rules",
        "--rules",
        tmp_path / "mine.yaml",
        "--format",
        "json",
    )
    assert code == 0
    assert "Advertisement" not in [c["line"] for c in json.loads(out)["boilerplate"]]


def test_prose_that_recurs_is_not_chrome(tmp_path):
    """A quotation cited by many articles, mid-body, is kept apart by shape and place."""
    rng = random.Random(3)
    quote = "We will never accept these sanctions, and we will respond to them in kind."
    records = []
    for _ in range(100):
        body = [sentence(rng) for _ in range(5)]
        body.insert(2, quote)
        records.append(json.dumps({"text": "\n".join(body)}))
    (tmp_path / "d.jsonl").write_text("\n".join(records) + "\n")
    code, out, _ = run(tmp_path, "suggest", "d.jsonl", "-o", "draft.yaml", "--no-default-rules", "--format", "json")
    assert code == 0 and json.loads(out)["boilerplate"] == []


def test_site_field_finds_chrome_per_source(tmp_path):
    rng = random.Random(5)
    records = []
    for number in range(400):
        site = "small.example" if number % 20 == 0 else "big.example"
        lines = [sentence(rng) for _ in range(4)]
        if site == "small.example":
            lines.append("Powered by Small CMS")  # in all 20 of its documents: 5% of the dump
        records.append(json.dumps({"url": f"https://www.{site}/a/{number}", "text": "\n".join(lines)}))
    (tmp_path / "d.jsonl").write_text("\n".join(records) + "\n")
    options = ["suggest", "d.jsonl", "-o", "draft.yaml", "--no-default-rules", "--format", "json", "--min-share", "0.1"]
    overall = json.loads(run(tmp_path, *options)[1])["boilerplate"]
    per_site = json.loads(run(tmp_path, *options, "--site-field", "url")[1])["boilerplate"]
    assert overall == []
    assert [(c["line"], c["site"], c["docs"], c["share"], c["tail"], c["rule"]) for c in per_site] == [
        ("Powered by Small CMS", "small.example", 20, 1.0, 1.0, "suggested.small-example.line-1")
    ]


def test_chrome_anywhere_is_learned_but_not_subheadings_datelines_or_quotes(tmp_path):
    """A share widget between the article and its comments is learned for its
    site; a column's recurring subheading (between prose lines), a dateline and
    a short quotation repeated by a few articles are not."""
    rng = random.Random(11)
    records = []
    for number in range(100):
        lines = [sentence(rng) for _ in range(3)]
        if number % 3 == 0:
            lines.insert(0, "MOSCOW, March 3 —")  # a day's dateline, at the head of a third
        if number % 4 == 0:
            lines.insert(2, "The bottom line")  # the column's subheading, mid-article
        if number % 20 == 0:
            lines.insert(1, "“Not on my watch”")  # a short quotation that five articles repeat
        lines += ["Share this:", "Twitter", "Facebook"] + [sentence(rng) for _ in range(4)]  # then comments
        records.append(json.dumps({"url": f"https://daily.example/{number}", "text": "\n".join(lines)}))
    (tmp_path / "d.jsonl").write_text("\n".join(records) + "\n")
    options = ["suggest", "d.jsonl", "-o", "draft.yaml", "--no-default-rules", "--format", "json"]
    code, out, err = run(tmp_path, *options, "--site-field", "url")
    assert code == 0, err
    found = [(c["line"], c["site"], c["docs"], c["head"], c["tail"]) for c in json.loads(out)["boilerplate"]]
    assert found == [
        ("Facebook", "daily.example", 100, 0.0, 0.0),
        ("Share this:", "daily.example", 100, 0.0, 0.0),
        ("Twitter", "daily.example", 100, 0.0, 0.0),
    ]
    draft = (tmp_path / "draft.yaml").read_text()
    assert draft.count("  sites:\n  - daily.example\n") == 3 and draft.count("where: anywhere") == 3
    assert run(tmp_path, "rules", "test", "draft.yaml")[0] == 0


def test_a_headline_in_other_pages_lists_is_not_learned_but_the_site_name_is():
    """A story's headline recurs in the "Most read" list of the site's other
    pages, but it is the headline of its own page (its title holds it): a rule
    would drop it there (Big9's BBC and Fox News pages, 2005). The site's name,
    which every title holds, and the list's heading are chrome."""
    from cleaner.suggest import Miner, boilerplate

    rng = random.Random(13)
    stories = [f"Minister {word} the border talks" for word in ("opens", "ends", "delays", "resumes")]
    miner = Miner(names=False)
    for number in range(40):
        story = stories[number] if number < 4 else "Report on " + " ".join(rng.sample(VOCABULARY, 4))
        # once cleaned, a page's title may be its headline alone (its site suffix trimmed, the copy dropped)
        title = [story] if number == 3 else [f"{story} | Daily Courier", story]
        lines = [*title, "Daily Courier"] + [sentence(rng) for _ in range(4)]
        miner.add("\n".join(lines + ["Most read", *stories]), "courier.example")
    learned = sorted((c.line, c.docs) for c in boilerplate(miner, 5, 0.02))
    assert learned == [("Daily Courier", 40), ("Most read", 40)]


def test_a_layouts_template_is_learned_from_a_few_pages_but_no_copied_article_or_quotation():
    """A layout that served few of its site's pages: its footer (a copyright
    sentence, links, a one-cell table row, an advertising sentence: the link
    between two prose lines) stands between the article and
    the comments of 7 of 40 pages, among the same lines each time, and a
    comment widget ("Permalink", "Flag") in 4: template lines, learned (Big9:
    Forbes 2005's footer, Fox News's copyright, Forbes's comment widget). An
    article copied to six URLs repeats every line among the same neighbours,
    but in one article; a quotation that six articles open with stands among
    each one's own lines: neither is learned."""
    from cleaner.suggest import Miner, boilerplate

    rng = random.Random(17)
    footer = ["This material may not be published or redistributed.", "Privacy Statement", "| Reprints/Permissions |"]
    footer.append("Advertise with us and reach our readers in print and online.")  # "Privacy Statement" between prose
    copied = [sentence(rng) for _ in range(5)]
    quote = "We will never accept these sanctions, and we will respond to them in kind."
    miner = Miner(names=False)
    for number in range(40):
        lines = ["Report on " + " ".join(rng.sample(VOCABULARY, 4))] + [sentence(rng) for _ in range(4)]
        if number < 6:
            lines[1:] = copied
        elif number < 12:
            lines.insert(1, quote)
        if 12 <= number < 19:
            lines += footer
        if 19 <= number < 23:
            lines += ["Reader comments", sentence(rng), "Permalink", "Flag", "Top 10 stories"]
        if 23 <= number < 26:  # a table of contents, numbered as the article's sections are
            lines[1:1] = [f"{number - 20} See also", f"{number - 19} References", f"{number - 18} External links"]
        miner.add("\n".join(lines + [sentence(rng) for _ in range(3)]), "daily.example")
    learned = [(c.line, c.docs, c.rule.get("lines")) for c in boilerplate(miner, 5, 0.02)]
    assert learned == [
        ("Advertise with us and reach our readers in print and online.", 7, footer[3:]),
        ("Privacy Statement", 7, ["Privacy Statement"]),
        ("This material may not be published or redistributed.", 7, footer[:1]),
        ("| Reprints/Permissions |", 7, ["Reprints/Permissions"]),  # as line rules compare it: the cell
        ("Flag", 4, ["Flag"]),
        ("Permalink", 4, ["Permalink"]),
        ("Top 10 stories", 4, ["Top 10 stories"]),  # its number the same on every page: the template's
    ]  # "Reader comments", in 4 pages too, has other lines around it in each: too few to tell;
    # a table of contents' numbered lines, in 3, could be any article's


def test_a_dated_label_is_learned_with_its_date_masked_but_no_dateline():
    """A site's "Posted: 2:51 pm" above the byline changes its time on every
    page: counted with its date masked, it is one line of the template, and
    its rule a regex that finds the next page's time too (Big9: the New York
    Post's "Posted:", BBC's "Last Updated: Friday, 2 September 2005"). A
    dateline opening the article's first paragraph is the article's, and so
    is a date alone that opens it on some pages: not learned, however often
    the slot recurs. A date alone that never stands above the prose (BBC's
    "- 28 March 2017" between the headline and "- From the section") is the
    page's header."""
    from cleaner import Cleaner, Config
    from cleaner.kinds import KIND_CLASSES, Spec
    from cleaner.suggest import Miner, boilerplate
    from cleaner.suggest_keys import NAME

    rng = random.Random(23)
    miner = Miner(names=False)
    months = ["January", "February", "March", "April", "May", "June"]
    for number in range(30):
        day, hour, minute = rng.randint(1, 28), rng.randint(1, 12), rng.randint(0, 59)
        headline = "Report on " + " ".join(rng.sample(VOCABULARY, 4))
        posted = f"Posted: {hour}:{minute:02d} {rng.choice(['am', 'pm'])}"
        header = f"- {day} {months[number % 6]} 2009"  # the page's date, in the header
        date = f"{months[number % 6]} {day}, 2009"  # the article's date, above its first paragraph on some pages
        dateline = f"MOSCOW, {months[number % 6]} {day} —"  # opens the article's first paragraph
        opening = [date, dateline] if number % 5 else [dateline, date]
        lines = [headline, header, "- From the section World", posted, "By Staff Reporter", *opening]
        miner.add("\n".join(lines + [sentence(rng) for _ in range(4)]), "post.example")
    learned = {c.line: c.rule for c in boilerplate(miner, 5, 0.02)}
    # the most common of the first five forms seen
    assert sorted(learned) == ["- 25 January 2009", "- From the section World", "By Staff Reporter", "Posted: 5:57 pm"]
    assert learned["- 25 January 2009"]["patterns"] == [r"\-\ \d+\ " + NAME + r"\ \d+"]
    rule = learned["Posted: 5:57 pm"]
    assert rule["patterns"] == [r"Posted:\ \d+:\d+\ [ap]\.?m\.?"] and rule["ignore-case"] and "lines" not in rule
    built = KIND_CLASSES["drop-line"](Spec(rule, "draft", 0, {}, (), 5.0))
    page = (
        "Talks resume\nPosted: 11:48 AM\nJune 3, 2010\nMOSCOW, June 3 —\nThe talks resumed on Monday, officials said."
    )
    assert Cleaner(Config(), [built]).clean(page, "post.example") == (
        "Talks resume\nJune 3, 2010\nMOSCOW, June 3 —\nThe talks resumed on Monday, officials said."
    )


def test_a_run_between_learned_lines_on_two_pages_and_a_footer_sentence_are_learned_but_no_repeated_list():
    """A layout that served two pages: the same two links between the same two
    learned lines on both, each a different article (Big9: menus of a layout
    that served two pages, a day's "Most popular" list), is learned from two documents; a trademark notice that ends
    8 of 20 pages, each a different article, is the site's footer, a sentence
    though it is. A bullet list that two articles of a series repeat stands
    between their own lines; a closing sentence that copies of one article end
    with is one article's: neither is learned."""
    from cleaner.suggest import Miner, boilerplate

    rng = random.Random(29)
    notice = "DAILY COURIER is a registered trademark of Courier Holdings, Inc. All rights reserved."
    bullets = ["Talks resume on Monday", "Sanctions stay in force", "Border opens in spring"]
    closing = "The talks will resume next week, the ministry said in a statement on Friday."
    copied = [sentence(rng) for _ in range(3)]
    miner = Miner(names=False)
    for number in range(20):
        lines = ["Report on " + " ".join(rng.sample(VOCABULARY, 4))] + [sentence(rng) for _ in range(3)]
        if number < 2:
            lines += ["Also in the series"] + bullets + [sentence(rng)]
        if 2 <= number < 5:
            lines[1:] = copied + [closing]
        middle = ["Rita churns toward coast", "Map: Tracking Rita"] if number in (5, 6) else []
        lines += ["Home", *middle, "Contact us", sentence(rng)]
        if 8 <= number < 16:
            lines.append(notice)
        miner.add("\n".join(lines), "courier.example")
    learned = sorted((c.line, c.docs, c.rule["where"]) for c in boilerplate(miner, 5, 0.02))
    assert learned == [
        ("Contact us", 20, "tail"),  # a sentence or the notice after it: within three lines of the end
        (notice, 8, "tail"),
        ("Home", 20, "anywhere"),
        ("Map: Tracking Rita", 2, "tail"),
        ("Rita churns toward coast", 2, "anywhere"),
    ]
