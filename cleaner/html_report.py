"""``dump --report``: one self-contained HTML page to decide which rules to keep.

No network and no external assets: the CSS is inline and the bar chart is
inline SVG, so the page opens anywhere, from a mail attachment too. Each
figure sits in an element with a ``data-figure`` (or ``data-rule``) attribute,
which the tests read back from the page as a browser renders it.

>>> page = render({"documents": 2, "changed": 1, "rejected": 0}, [], {}, {}, [])
>>> page.startswith("<!DOCTYPE html>") and 'data-figure="documents">2<' in page
True
"""

from __future__ import annotations

import json
from collections import Counter, defaultdict
from html import escape
from pathlib import Path

from .report import shown

EXAMPLES_PER_RULE = 3
LINE_KINDS = ("drop-line", "drop-tail")  # rules that drop lines: a site's chrome

STYLE = """
body{font:14px/1.45 system-ui,sans-serif;margin:2em auto;max-width:70em;color:#222}
h1{font-size:1.6em}h2{font-size:1.25em;margin-top:2em;border-bottom:1px solid #ccc}
table{border-collapse:collapse}td,th{padding:.2em .7em;border-bottom:1px solid #eee;text-align:left}
td.n{text-align:right;font-variant-numeric:tabular-nums}
.totals span{display:inline-block;margin-right:2em}.totals b{font-size:1.4em;display:block}
pre{white-space:pre-wrap;margin:.1em 0;padding:.3em;font-size:12px}
.before{background:#fde8e8}.after{background:#e6f6e6}code{color:#555}
"""


def build(stats: dict, changes, rules: list, rejects_path: Path, site_field) -> str:
    """The page of a dump: ``stats`` (``Stats.as_dict()``), its ``changes``
    (``provenance.audit``), the ``rules`` loaded, and its rejects file."""
    places = {rule.id: f"{shown(rule.path)}:{rule.line}" for rule in rules}
    kinds = {rule.id: rule.kind for rule in rules}
    examples: dict = defaultdict(list)
    by_site: dict = defaultdict(Counter)
    for change in changes:
        if len(examples[change.rule]) < EXAMPLES_PER_RULE:
            examples[change.rule].append(change)
        if site_field and kinds.get(change.rule) in LINE_KINDS:
            by_site[change.site or "(no site)"][change.rule] += 1
    reasons: Counter = Counter()
    if rejects_path.is_file():
        for line in rejects_path.read_text(encoding="utf-8").splitlines():
            reasons[json.loads(line).get("reason", "")] += 1
    return render(
        stats,
        [(rule, places.get(rule, "built in")) for rule in stats.get("rules", {})],
        examples,
        by_site,
        sorted(reasons.items(), key=lambda kv: (-kv[1], kv[0])),
    )


def render(stats: dict, fired: list, examples: dict, by_site: dict, reasons: list) -> str:
    counts = stats.get("rules", {})
    parts = [
        "<!DOCTYPE html><html lang=en><head><meta charset=utf-8><title>cleaner dump report</title>",
        f"<style>{STYLE}</style></head><body><h1>cleaner dump report</h1><div class=totals>",
    ]
    for key, label in (("documents", "documents"), ("changed", "changed"), ("rejected", "rejected")):
        parts.append(f'<span>{label}<b data-figure="{key}">{stats.get(key, 0)}</b></span>')
    parts.append("</div><h2>Rules fired</h2>")
    parts.append(_bars(fired, counts))
    parts.append("<h2>Per site: lines dropped by rule</h2>")
    if by_site:
        parts.append("<table><tr><th>site</th><th>rule</th><th>lines</th></tr>")
        for site in sorted(by_site, key=lambda s: (-sum(by_site[s].values()), s)):
            for rule, n in sorted(by_site[site].items(), key=lambda kv: (-kv[1], kv[0])):
                parts.append(
                    f"<tr><td>{escape(site)}</td><td>{escape(rule)}</td>"
                    f'<td class=n data-site="{escape(site)}" data-rule="{escape(rule)}">{n}</td></tr>'
                )
        parts.append("</table>")
    else:
        parts.append("<p>No site field given (<code>--site-field</code>), or no lines dropped.</p>")
    parts.append("<h2>Examples</h2>")
    for rule, place in fired:
        parts.append(f'<h3>{escape(rule)} <code data-place="{escape(rule)}">{escape(place)}</code></h3>')
        for change in examples.get(rule, []):
            parts.append(
                f"<p><code>{escape(change.source)}:{change.line}</code></p>"
                f"<pre class=before>{escape(visible(change.before))}</pre>"
                f"<pre class=after>{escape(visible(change.after))}</pre>"
            )
    parts.append("<h2>Rejects by reason</h2>")
    if reasons:
        parts.append("<table><tr><th>reason</th><th>records</th></tr>")
        for reason, n in reasons:
            parts.append(f'<tr><td>{escape(reason)}</td><td class=n data-reason="{escape(reason)}">{n}</td></tr>')
        parts.append("</table>")
    else:
        parts.append("<p>None.</p>")
    parts.append("</body></html>\n")
    return "".join(parts)


def _bars(fired: list, counts: dict) -> str:
    """A horizontal bar chart, inline SVG, a bar per rule, longest first."""
    if not fired:
        return "<p>No rule fired.</p>"
    top = max(counts[rule] for rule, _ in fired)
    row, label, width = 22, 260, 420
    svg = [
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{label + width + 80}" height="{row * len(fired)}" role=img>'
    ]
    for i, (rule, _) in enumerate(fired):
        n = counts[rule]
        y = i * row
        svg.append(
            f'<text x="{label - 6}" y="{y + 15}" text-anchor="end" font-size="12">{escape(rule)}</text>'
            f'<rect x="{label}" y="{y + 3}" width="{max(1, round(width * n / top))}" '
            f'height="{row - 6}" fill="#4a7bd0"/>'
            f'<text x="{label + round(width * n / top) + 6}" y="{y + 15}" font-size="12" '
            f'data-rule="{escape(rule)}">{n}</text>'
        )
    svg.append("</svg>")
    return "".join(svg)


def visible(text: str) -> str:
    """``text``, or its Python literal when it is only whitespace (else the change looks like nothing).

    >>> visible("a b"), visible("\\n\\n")
    ('a b', "'\\\\n\\\\n'")
    """
    return text if text.strip() else repr(text)
