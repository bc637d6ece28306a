"""Bad rule files are refused with one line ``path:line: message``."""

import textwrap

import pytest

from cleaner import RuleError
from cleaner.loader import load_rules

CASES = [
    (
        "yaml error",
        "rules:\n  - id: x\n    kind: replace\n   bad: [\n",
        "4: YAML error: did not find expected '-' indicator",
    ),
    (
        "control character",
        "rules:\n  - id: x\n    kind: \x1breplace\n",
        "3: YAML error: control characters are not allowed ('\\x1b')",
    ),
    ("boolean key", "rules:\n  - id: x.y\n    on: replace\n", "3: key 'on' is read as True, not text: quote it"),
    (
        "python tag",
        'rules:\n  - !!python/object/apply:os.system ["echo pwned"]\n',
        "2: YAML tag '!!python/object/apply:os.system' is not allowed in rule files",
    ),
    ("empty file", "", "1: empty rule file (expected a mapping with 'rules')"),
    ("unknown top key", "rule: []\n", "1: unknown key 'rule' (did you mean 'rules'?)"),
    ("rules not a list", "rules: 3\n", "1: rules: expected a list, got 3"),
    (
        "unknown key",
        "rules:\n  - id: x.y\n    kind: replace\n    pattern: a\n    replacment: b\n",
        "5: x.y: unknown key 'replacment' (did you mean 'replacement'?)",
    ),
    (
        "key of another kind",
        "rules:\n  - id: x.y\n    kind: drop-line\n    lines: [a]\n    canonical: b\n",
        "5: x.y: key 'canonical' does not belong in a drop-line rule (it takes lines, patterns, ignore-case, where, within, when, when-not)",
    ),
    (
        "unknown example key",
        "rules:\n  - id: x.y\n    kind: variants\n    canonical: A\n    variants: [B]\n    examples:\n      - input: B\n        outptu: A\n",
        "8: x.y: unknown key 'outptu' (did you mean 'output'?)",
    ),
    ("unknown kind", "rules:\n  - id: x.y\n    kind: drop\n", "3: x.y: unknown kind 'drop' (did you mean 'drop-run'?)"),
    # a kind that is a mapping or a list is no kind: it once crashed the unknown key's message (unhashable)
    ("kind a mapping, unknown key", "rules:\n  - id: x.y\n    kind: {a: 1}\n    foo: b\n", "4: x.y: unknown key 'foo'"),
    ("kind a list, unknown key", "rules:\n  - id: x.y\n    kind: [replace]\n    foo: b\n", "4: x.y: unknown key 'foo'"),
    ("missing id", "rules:\n  - kind: replace\n    pattern: a\n    replacement: b\n", "2: missing key 'id'"),
    ("missing key", "rules:\n  - id: x.y\n    kind: replace\n    pattern: a\n", "2: x.y: missing key 'replacement'"),
    (
        "drop-line needs lines",
        "rules:\n  - id: x.y\n    kind: drop-line\n    where: head\n",
        "2: x.y: a drop-line rule needs 'lines' or 'patterns'",
    ),
    (
        "drop-tail needs one marker",
        "rules:\n  - id: x.y\n    kind: drop-tail\n    marker: a\n    pattern: b\n",
        "2: x.y: a drop-tail rule needs exactly one of 'marker' or 'pattern'",
    ),
    (
        "bad where",
        "rules:\n  - id: x.y\n    kind: drop-line\n    lines: [a]\n    where: top\n",
        "5: x.y: where: 'top' is not one of ['head', 'tail', 'anywhere']",
    ),
    (
        "wrong type",
        "rules:\n  - id: x.y\n    kind: replace\n    pattern: a\n    replacement: 5\n",
        "5: x.y: replacement: expected a string, got 5",
    ),
    (
        "bad id",
        "rules:\n  - id: X Y\n    kind: replace\n    pattern: a\n    replacement: b\n",
        "2: id 'X Y' must be lowercase words joined by dots, like 'names.makei'",
    ),
    (
        "bad regex",
        "rules:\n  - id: x.y\n    kind: drop-line\n    patterns: [a, 'b(', c]\n",
        "4: x.y: invalid regex 'b(': missing ) at position 2",
    ),
    (
        "bad guard regex",
        "rules:\n  - id: x.y\n    kind: replace\n    pattern: a\n    replacement: b\n    when: '(?<'\n",
        "6: x.y: invalid regex '(?<': missing group name at position 3",
    ),
    (
        "unknown group",
        "rules:\n  - id: x.y\n    kind: replace\n    pattern: a\n    replacement: '\\2'\n",
        "5: x.y: replacement refers to unknown group '2'",
    ),
    ("duplicate key", "rules:\n  - id: x.y\n    id: x.z\n", "3: duplicate key 'id'"),
    (
        "variant not word-bounded",
        "rules:\n  - id: x.y\n    kind: variants\n    canonical: A\n    variants: ['[B]']\n",
        "5: x.y: variant '[B]' must start and end with a letter or digit",
    ),
    (
        "variant is canonical",
        "rules:\n  - id: x.y\n    kind: variants\n    canonical: A\n    variants: [B, A]\n",
        "5: x.y: variant 'A' is the canonical form",
    ),
]


@pytest.mark.parametrize("text, message", [c[1:] for c in CASES], ids=[c[0] for c in CASES])
def test_bad_rule_file_is_refused_with_its_line(tmp_path, text, message):
    path = tmp_path / "bad.yaml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(RuleError) as caught:
        load_rules([path])
    assert str(caught.value) == f"{path}:{message}"


def test_duplicate_id_across_files_names_both(tmp_path):
    rule = "rules:\n  - id: a.b\n    kind: replace\n    pattern: x\n    replacement: y\n"
    (tmp_path / "one.yaml").write_text(rule)
    (tmp_path / "two.yaml").write_text("description: two\n" + rule)
    with pytest.raises(RuleError) as caught:
        load_rules([tmp_path])
    assert (
        str(caught.value) == f"{tmp_path / 'two.yaml'}:3: duplicate rule id 'a.b' (first at {tmp_path / 'one.yaml'}:2)"
    )


def test_missing_rule_path(tmp_path):
    with pytest.raises(RuleError) as caught:
        load_rules([tmp_path / "nope.yaml"])
    assert str(caught.value) == f"{tmp_path / 'nope.yaml'}:0: no such rule file or folder"


def test_folder_loads_yaml_files_sorted_recursively(tmp_path):
    for name in ["b.yaml", "a.yml", "sub/c.yaml", "notes.txt"]:
        path = tmp_path / name
        path.parent.mkdir(exist_ok=True)
        rule_id = path.stem
        path.write_text(f"rules:\n  - id: {rule_id}\n    kind: replace\n    pattern: x\n    replacement: y\n")
    assert [r.id for r in load_rules([tmp_path])] == ["a", "b", "c"]


def test_yaml_anchors_are_plain_data(tmp_path):
    path = tmp_path / "anchors.yaml"
    path.write_text(
        textwrap.dedent("""\
        rules:
          - id: a
            kind: variants
            canonical: Minsk
            variants: [Minks]
            when: &belarus '\\bBelarus\\b'
          - id: b
            kind: variants
            canonical: Makei
            variants: [McKay]
            when: *belarus
        """)
    )
    rules = load_rules([path])
    assert [r.guard.when.pattern for r in rules] == [r"\bBelarus\b", r"\bBelarus\b"]
    assert (rules[1].path, rules[1].line) == (str(path), 7)


def test_json_rule_file_loads_with_rule_lines(tmp_path):
    path = tmp_path / "generated.json"
    path.write_text(
        '{"rules": [\n'
        '  {"id": "gen.a", "kind": "variants", "canonical": "Minsk", "variants": ["Minks"]},\n'
        '  {"id": "gen.b", "kind": "variants", "canonical": "Makei",\n'
        '   "variants": ["McKay", "Makey"], "description": "the \\"id\\": \\"gen.a\\" is not a key"}\n'
        "]}\n"
    )
    rules = load_rules([tmp_path])
    assert [(r.id, r.line, r.variants) for r in rules] == [
        ("gen.a", 2, ["Minks"]),
        ("gen.b", 3, ["McKay", "Makey"]),
    ]


def test_invalid_json_rule_file_is_located_like_yaml(tmp_path):
    path = tmp_path / "generated.json"
    path.write_text(
        '{"rules": [\n  {"id": "gen.a", "kind": "variants",\n   "canonical": "Minsk", "variantz": ["Minks"]}\n]}\n'
    )
    with pytest.raises(RuleError) as caught:
        load_rules([path])
    assert str(caught.value) == f"{path}:3: gen.a: unknown key 'variantz' (did you mean 'variants'?)"
