"""Fuzz the rule loader with atheris: any bytes as a rule file either load or
are refused with a RuleError (path:line: message), never anything else.

    pip install atheris
    python fuzz/fuzz_loader.py -max_total_time=600 fuzz/corpus-loader
"""

import os
import sys
import tempfile

import atheris

with atheris.instrument_imports():
    from cleaner.errors import RuleError
    from cleaner.loader import load_file

FOLDER = tempfile.mkdtemp(prefix="cleaner-fuzz-")


def test_one_input(data: bytes) -> None:
    path = os.path.join(FOLDER, "rules.json" if data[:1] == b"{" else "rules.yaml")
    with open(path, "wb") as out:
        out.write(data)
    try:
        load_file(path)
    except RuleError as exc:
        assert str(exc).startswith(f"{path}:"), exc
        assert "\n" not in str(exc), exc  # one line, always


if __name__ == "__main__":
    atheris.Setup(sys.argv, test_one_input)
    atheris.Fuzz()
