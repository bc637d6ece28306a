"""The sdist carries what its own tests read, and the licence; the wheel
carries the built-in rules inside the package."""

import subprocess
import tarfile
import zipfile

import pytest

from conftest import ROOT

# What the test suite reads outside tests/ and cleaner/ (a test that reads a new
# top-level file or folder adds it here and to the sdist's include list).
READ_BY_TESTS = [
    "LICENSE",
    "README.md",
    "CHANGELOG.md",
    "pyproject.toml",
    ".pre-commit-hooks.yaml",
    "docs",
    "rules",
    "seeds",
    "benchmarks/cyrillic/sample.json",
    "fuzz/corpus-pipeline",
]


def tracked(path: str) -> set:
    listed = subprocess.run(["git", "ls-files", "--", path], cwd=ROOT, capture_output=True, text=True, check=True)
    return set(listed.stdout.split())


@pytest.mark.slow  # builds both
def test_sdist_holds_every_file_the_tests_read_and_the_wheel_the_rules(tmp_path):
    from hatchling.builders.sdist import SdistBuilder
    from hatchling.builders.wheel import WheelBuilder

    sdist = next(SdistBuilder(str(ROOT)).build(directory=str(tmp_path)))
    with tarfile.open(sdist) as archive:
        top = archive.getnames()[0].split("/")[0]
        names = {name.split("/", 1)[1] for name in archive.getnames() if "/" in name}
    for path in ["tests", "cleaner", *READ_BY_TESTS]:
        wanted = tracked(path)
        assert wanted, path  # still in the repository: else drop it from the list
        assert wanted <= names, f"{top} lacks {sorted(wanted - names)[:5]}"

    wheel = next(WheelBuilder(str(ROOT)).build(directory=str(tmp_path)))
    with zipfile.ZipFile(wheel) as archive:
        inside = set(archive.namelist())
    assert {f"cleaner/{name}" for name in tracked("rules")} <= inside
    assert any(name.endswith(".dist-info/licenses/LICENSE") or name.endswith("/LICENSE") for name in inside)
