"""Site-scoped rules: on their sites, never on another, on an unknown site only with their guard."""

import pytest

from cleaner import Cleaner, Config

RULES = """\
rules:
  - id: courier.newsletter
    kind: drop-line
    lines: [Get the Courier daily]
    sites: [courier.example, "*.courier.example"]
  - id: courier.suffix
    kind: replace
    pattern: ' \\| Daily Courier$'
    replacement: ''
    sites: [courier.example]
    when: '(?m)\\| Daily Courier$'
  - id: herald.more
    kind: drop-line
    lines: [More from the Herald]
    sites: [herald.example]
"""
DOCUMENT = "Talks ended | Daily Courier\nBody.\nGet the Courier daily\nMore from the Herald\n"


@pytest.fixture(scope="module")
def cleaner(rules_only):
    return rules_only(RULES)


@pytest.mark.parametrize(
    "site, expected",
    [
        ("courier.example", "Talks ended\nBody.\nMore from the Herald\n"),
        ("https://www.courier.example/2021/a.html", "Talks ended\nBody.\nMore from the Herald\n"),
        ("news.courier.example", "Talks ended | Daily Courier\nBody.\nMore from the Herald\n"),
        ("herald.example", "Talks ended | Daily Courier\nBody.\nGet the Courier daily\n"),
        ("other.example", DOCUMENT),
        # unknown site: only the rule whose guard matches
        (None, "Talks ended\nBody.\nGet the Courier daily\nMore from the Herald\n"),
    ],
)
def test_site_rules_fire_on_their_sites_only(cleaner, site, expected):
    assert cleaner.clean(DOCUMENT, site=site) == expected


def test_a_guarded_site_rule_needs_its_guard_on_its_own_site_too(cleaner):
    assert cleaner.clean("Body | Daily Courier is a name.\n", site="courier.example") == (
        "Body | Daily Courier is a name.\n"
    )


def test_each_site_keeps_its_own_stages(cleaner):
    for site in ["courier.example", "herald.example", "courier.example", None, "herald.example"]:
        cleaner.clean(DOCUMENT, site=site)
    assert cleaner.stages_for(DOCUMENT, "other.example") is cleaner.stages
    assert cleaner.stages_for(DOCUMENT, "herald.example") is cleaner.stages_for(DOCUMENT, "herald.example")


def test_a_line_rule_with_a_guard_applies_where_the_document_matches(tmp_path):
    path = tmp_path / "guarded.yaml"
    path.write_text(
        "rules:\n  - id: x.rate\n    kind: drop-line\n    lines: [Rate it]\n    when: 'Inforos'\n", encoding="utf-8"
    )
    guarded = Cleaner(Config(rules=(str(path),), default_rules=False))
    assert guarded.clean("Title / Inforos\nRate it\nBody.") == "Title / Inforos\nBody."
    assert guarded.clean("Title\nRate it\nBody.") == "Title\nRate it\nBody."


@pytest.mark.parametrize(
    "text",
    [
        "Title\n\nWritten by Tim Ferriss\n\nBody.",  # another site's byline
        "Title\nBody.\n\nAbout the author\nThe reporter.",
        "Title\nRate it\nBody.",
    ],
)
def test_builtin_site_rules_leave_other_sites_alone(text):
    assert Cleaner().clean(text) == text
    assert Cleaner().clean(text, site="example.org") == text


INFOROS = "Title / News / News agency Inforos\nRate it\nBody."
FRONTIER = "Title\nWritten by The Frontier Post\nBody.\n\nAbout the author\nThe reporter."


def test_builtin_site_rules_fire_on_their_site_and_on_unknown_sites_with_their_guard():
    assert Cleaner().clean(INFOROS, site="https://www.inforos.ru/en/?id=1") == "Title\nBody."
    assert Cleaner().clean(INFOROS) == "Title\nBody."
    assert Cleaner().clean(FRONTIER, site="thefrontierpost.com") == "Title\nBody."
    assert Cleaner().clean(FRONTIER) == "Title\nBody."


def test_builtin_site_rules_never_fire_on_another_known_site():
    assert Cleaner().clean(INFOROS, site="example.org") == INFOROS
    assert Cleaner().clean(FRONTIER, site="example.org") == FRONTIER


def test_dump_site_field_gives_each_record_its_site(tmp_path):
    import json

    from conftest import run_in_process

    rules = tmp_path / "sites.yaml"
    rules.write_text(RULES, encoding="utf-8")
    (tmp_path / "in").mkdir()
    records = [
        {"url": "https://www.courier.example/a", "text": "Body.\nGet the Courier daily"},
        {"url": "https://herald.example/b", "text": "Body.\nGet the Courier daily"},
        {"text": "Body.\nGet the Courier daily"},
    ]
    lines = "".join(json.dumps(r) + "\n" for r in records)
    (tmp_path / "in" / "d.jsonl").write_text(lines, encoding="utf-8")
    result = run_in_process(
        "dump",
        tmp_path / "in",
        "-o",
        tmp_path / "out",
        "--jobs",
        "1",
        "--site-field",
        "url",
        "--no-default-rules",
        "--rules",
        rules,
    )
    assert result.returncode == 0, result.stderr
    texts = [json.loads(line)["text"] for line in (tmp_path / "out" / "d.jsonl").read_text().splitlines()]
    assert texts == ["Body.", "Body.\nGet the Courier daily", "Body.\nGet the Courier daily"]
