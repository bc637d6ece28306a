"""``dump --provenance`` and ``dump --changes``: what each record went through, the clean text unchanged."""

import json

from cleaner.provenance import with_provenance

from conftest import run_in_process

DIRTY = "Vladimir McKay in Minks, Belarus.\nAdd comment"
RAW = (
    '{"id": 1, "text": "Vladimir McKay in Minks, Belarus.\\nAdd comment", "url": "https://a.example/1"}\r\n'
    '{"id": 2, "text": "Already clean."}\n'
    "\n"
    '{"text": "Minks, Belarus again"}\n'
)


def dump_of(tmp_path, *flags):
    source = tmp_path / "in.jsonl"
    source.write_bytes(RAW.encode("utf-8"))
    out = tmp_path / ("out" + str(len(list(tmp_path.iterdir()))))
    result = run_in_process("dump", source, "-o", out, "--jobs", "1", *flags)
    assert result.returncode == 0, result.stderr.decode()
    return (out / "in.jsonl").read_bytes()


def test_provenance_adds_the_rules_to_changed_records_only_and_keeps_the_rest(tmp_path):
    plain = dump_of(tmp_path)
    marked = dump_of(tmp_path, "--provenance")
    assert marked.decode("utf-8").splitlines(keepends=True) == [
        '{"id": 1, "text": "Vladimir Makei in Minsk, Belarus.", "url": "https://a.example/1", '
        '"cleaner_rules": {"chrome.comment-form": 1, "names.makei": 1, "names.minsk": 1}}\r\n',
        '{"id": 2, "text": "Already clean."}\n',
        "\n",
        '{"text": "Minsk, Belarus again", "cleaner_rules": {"names.minsk": 1}}\n',
    ]
    # the same text as without provenance: only the field was added
    for with_field, without in zip(marked.splitlines(), plain.splitlines()):
        assert {k: v for k, v in json.loads(with_field or b"{}").items() if k != "cleaner_rules"} == json.loads(
            without or b"{}"
        )


def test_provenance_field_name_is_configurable(tmp_path):
    marked = dump_of(tmp_path, "--provenance", "fired")
    assert json.loads(marked.splitlines()[3]) == {"text": "Minsk, Belarus again", "fired": {"names.minsk": 1}}


def test_changes_file_has_one_line_per_change(tmp_path):
    plain = dump_of(tmp_path)
    with_changes = dump_of(tmp_path, "--changes", tmp_path / "changes.jsonl")
    assert with_changes == plain
    changes = [json.loads(line) for line in (tmp_path / "changes.jsonl").read_text(encoding="utf-8").splitlines()]
    source = str(tmp_path / "in.jsonl")
    assert changes == [
        {"source": source, "line": 1, "id": 1, "rule": "names.makei", "before": "McKay", "after": "Makei"},
        {"source": source, "line": 1, "id": 1, "rule": "names.minsk", "before": "Minks", "after": "Minsk"},
        {"source": source, "line": 1, "id": 1, "rule": "chrome.comment-form", "before": "Add comment", "after": ""},
        {"source": source, "line": 4, "rule": "names.minsk", "before": "Minks", "after": "Minsk"},
    ]


def test_provenance_into_an_empty_object():
    assert with_provenance(b"{ }\n", "f", {"r": 2}) == b'{ "f": {"r": 2}}\n'
