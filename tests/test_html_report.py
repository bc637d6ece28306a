"""``dump --report``: the page as a real browser renders it (headless Chromium, ``--dump-dom``).

Chromium comes from the OS packages (``.ci/run`` installs it); without it this
test fails, it does not skip: the report is only tested where a browser runs.
"""

import json
import re
import shutil
import subprocess
from html.parser import HTMLParser

import pytest

from conftest import run_in_process

RECORDS = [
    {"id": 1, "url": "https://www.a.example/1", "text": "Vladimir McKay in Minks, Belarus.\nAdd comment"},
    {"id": 2, "url": "https://a.example/2", "text": "Talks in Minks, Belarus. Then Minks, Belarus again.\nAdd comment"},
    {"id": 3, "url": "https://b.example/3", "text": "Already clean.\nAdd comment"},
    {"id": 4, "url": "https://b.example/4", "text": "Already clean."},
]


class Figures(HTMLParser):
    """The text of every element that carries a data-figure, data-rule, data-site or data-reason."""

    def __init__(self):
        super().__init__()
        self.figures, self._open = {}, None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        keys = [k for k in ("data-figure", "data-site", "data-rule", "data-reason", "data-place") if k in attrs]
        self._open = tuple((k, attrs[k]) for k in keys) or None

    def handle_data(self, data):
        if self._open:
            self.figures[self._open] = data
            self._open = None


def browser() -> str:
    found = shutil.which("chromium") or shutil.which("chromium-browser")
    assert found, "chromium is not installed: `apt-get install -y chromium` (.ci/run does it)"
    return found


@pytest.mark.slow  # a real browser
def test_report_figures_as_a_browser_renders_them(tmp_path):
    source = tmp_path / "in.jsonl"
    lines = [json.dumps(r) for r in RECORDS] + ["{bad json", json.dumps({"id": 6})]
    source.write_text("\n".join(lines) + "\n", encoding="utf-8")
    page = tmp_path / "report.html"
    result = run_in_process(
        "dump", source, "-o", tmp_path / "out", "--jobs", "1", "--report", page, "--site-field", "url"
    )
    assert result.returncode == 0, result.stderr.decode()
    html = page.read_text(encoding="utf-8")
    assert not re.search(r"""(src|href)=["']?(https?:)?//""", html)  # self-contained: nothing fetched

    chromium = browser()
    flags = ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", f"--user-data-dir={tmp_path / 'profile'}"]
    dom = subprocess.run([chromium, *flags, "--dump-dom", page.as_uri()], capture_output=True, timeout=120, check=True)
    shot = tmp_path / "report.png"
    subprocess.run(
        [chromium, *flags, "--window-size=1100,1400", f"--screenshot={shot}", page.as_uri()],
        capture_output=True,
        timeout=120,
        check=True,
    )
    assert shot.stat().st_size > 10_000  # kept in tmp_path for review

    parser = Figures()
    parser.feed(dom.stdout.decode("utf-8"))
    figures = parser.figures
    assert figures[(("data-figure", "documents"),)] == "4"
    assert figures[(("data-figure", "changed"),)] == "3"
    assert figures[(("data-figure", "rejected"),)] == "2"
    # the bar chart's labels
    assert figures[(("data-rule", "names.minsk"),)] == "3"
    assert figures[(("data-rule", "chrome.comment-form"),)] == "3"
    assert figures[(("data-rule", "names.makei"),)] == "1"
    # per site, lines dropped by rule
    assert figures[(("data-site", "a.example"), ("data-rule", "chrome.comment-form"))] == "2"
    assert figures[(("data-site", "b.example"), ("data-rule", "chrome.comment-form"))] == "1"
    rejects = {k[0][1]: v for k, v in figures.items() if k[0][0] == "data-reason"}
    assert sorted(rejects.values()) == ["1", "1"]
    assert any(reason.startswith("invalid JSON") for reason in rejects)
    assert "no field 'text'" in rejects
    place = figures[(("data-place", "names.minsk"),)]
    assert re.fullmatch(r".*names\.yaml:\d+", place), place
