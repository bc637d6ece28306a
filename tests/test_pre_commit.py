"""The real pre-commit framework runs cleaner's hooks from this repository.

The hook repository is a snapshot of this working tree (committed in a temporary
git repository), so the test checks the code under test, not the last commit.
pre-commit builds the hook's environment from the package registry, as it does
for users.
"""

import os
import shutil
import subprocess
import sys

import pytest

from conftest import ROOT

pytestmark = [pytest.mark.slow, pytest.mark.xdist_group("pre-commit")]  # real pre-commit runs, one hook environment

SHIPPED = ["cleaner", "rules", "pyproject.toml", "README.md", ".pre-commit-hooks.yaml"]
DIRTY = "Lavrov met Vladimir McKay in Minsk.\nAdd comment\n"
CLEAN = "Lavrov met Vladimir Makei in Minsk.\n"


def git(cwd, *args):
    subprocess.run(
        ["git", "-c", "user.name=test", "-c", "user.email=test@example.invalid", *args],
        cwd=cwd,
        check=True,
        capture_output=True,
    )


def snapshot_of_this_repository(dest):
    dest.mkdir()
    for name in SHIPPED:
        source = ROOT / name
        if source.is_dir():
            shutil.copytree(source, dest / name, ignore=shutil.ignore_patterns("__pycache__"))
        else:
            shutil.copy2(source, dest / name)
    git(dest, "init", "-q")
    git(dest, "add", "-A")
    git(dest, "commit", "-q", "-m", "snapshot")
    return subprocess.run(["git", "rev-parse", "HEAD"], cwd=dest, capture_output=True, text=True).stdout.strip()


@pytest.fixture(scope="module")
def hooks(tmp_path_factory):
    """The snapshot repository, its revision, and a pre-commit cache shared by the tests."""
    root = tmp_path_factory.mktemp("pre-commit")
    rev = snapshot_of_this_repository(root / "hooks")
    return root / "hooks", rev, root / "cache"


def texts_repository(path, hooks, hook_ids):
    repo, rev, _ = hooks
    path.mkdir()
    git(path, "init", "-q")
    listed = "".join(f"      - id: {hook}\n" for hook in hook_ids)
    (path / ".pre-commit-config.yaml").write_text(f"repos:\n  - repo: {repo}\n    rev: {rev}\n    hooks:\n{listed}")
    return path


def pre_commit(texts, hooks, *args):
    env = {**os.environ, "PRE_COMMIT_HOME": str(hooks[2])}
    return subprocess.run(
        [sys.executable, "-m", "pre_commit", *args], cwd=texts, capture_output=True, text=True, env=env
    )


def test_pre_commit_fixes_then_passes(tmp_path, hooks):
    texts = texts_repository(tmp_path / "texts", hooks, ["cleaner", "cleaner-check"])
    (texts / "dirty.txt").write_text(DIRTY)
    (texts / "clean.txt").write_text(CLEAN)
    (texts / "notes.md").write_text(DIRTY)  # not a *.txt file: the hooks leave it
    git(texts, "add", "-A")
    clean_before = (texts / "clean.txt").stat().st_mtime_ns

    first = pre_commit(texts, hooks, "run", "--all-files")
    assert first.returncode == 1, first.stdout + first.stderr
    assert "Fixed dirty.txt" in first.stdout
    assert "files were modified by this hook" in first.stdout
    assert (texts / "dirty.txt").read_text() == CLEAN

    second = pre_commit(texts, hooks, "run", "--all-files")
    assert second.returncode == 0, second.stdout + second.stderr
    assert (texts / "clean.txt").read_text() == CLEAN
    assert (texts / "clean.txt").stat().st_mtime_ns == clean_before
    assert (texts / "notes.md").read_text() == DIRTY


def test_check_hook_fails_without_changing(tmp_path, hooks):
    texts = texts_repository(tmp_path / "texts", hooks, ["cleaner-check"])
    (texts / "dirty.txt").write_text(DIRTY)
    git(texts, "add", "-A")
    result = pre_commit(texts, hooks, "run", "--all-files")
    assert result.returncode == 1, result.stdout + result.stderr
    assert "Would fix dirty.txt" in result.stdout
    assert (texts / "dirty.txt").read_text() == DIRTY


def test_the_projects_own_cleaner_hook_passes_on_its_texts(tmp_path):
    """.pre-commit-config.yaml's local cleaner hook, on a copy of this repository's
    text files: the dirty-on-purpose test data is left alone, a new dirty file fails."""
    copy = tmp_path / "project"
    copy.mkdir()
    for name in [".pre-commit-config.yaml", "pyproject.toml"]:
        shutil.copy2(ROOT / name, copy / name)
    for name in ["seeds", "tests/corpus", "fuzz/corpus-pipeline"]:
        shutil.copytree(ROOT / name, copy / name)
    git(copy, "init", "-q")
    git(copy, "add", "-A")
    env = {**os.environ, "PATH": f"{os.path.dirname(sys.executable)}{os.pathsep}{os.environ['PATH']}"}
    env["PRE_COMMIT_HOME"] = str(tmp_path / "cache")

    def hook():
        return subprocess.run(
            [sys.executable, "-m", "pre_commit", "run", "cleaner-check", "--all-files"],
            cwd=copy,
            capture_output=True,
            text=True,
            env=env,
        )

    passed = hook()
    assert passed.returncode == 0, passed.stdout + passed.stderr
    assert "cleaner check" in passed.stdout and "Passed" in passed.stdout
    (copy / "new.txt").write_text(DIRTY)
    git(copy, "add", "new.txt")
    failed = hook()
    assert failed.returncode == 1, failed.stdout + failed.stderr
    assert "Would fix new.txt\n" in failed.stdout
    assert (copy / "new.txt").read_text() == DIRTY
