"""Only regular files are read, never more than the document limit, and what a
walk leaves out (a FIFO, an unreadable folder, a link out of it) gets a line."""

import os
import subprocess
import sys

import pytest

from cleaner.files import MAX_DOCUMENT_BYTES
from conftest import run_in_process

RULE = "rules:\n  - id: test.mckay\n    kind: replace\n    pattern: McKay\n    replacement: Makei\n"


def test_a_fifo_in_a_walk_is_skipped_never_opened(tmp_path):
    os.mkfifo(tmp_path / "pipe.txt")  # opening it would block this test forever
    (tmp_path / "a.txt").write_text("text\n")
    result = run_in_process("check", ".", cwd=tmp_path)
    assert (result.returncode, result.stderr.decode().splitlines()) == (
        0,
        ["cleaner: pipe.txt: skipped: not a regular file", "0 files would be fixed, 1 file left unchanged."],
    )


@pytest.mark.parametrize("command", ["clean", "explain", "check"])
def test_a_fifo_named_directly_is_not_opened(tmp_path, command):
    os.mkfifo(tmp_path / "pipe.txt")
    result = run_in_process(command, "pipe.txt", cwd=tmp_path)
    assert result.returncode == (0 if command == "check" else 2)
    assert result.stderr.decode().splitlines()[0] == "cleaner: pipe.txt: skipped: not a regular file"


@pytest.fixture(scope="module")
def big_folder(tmp_path_factory):
    folder = tmp_path_factory.mktemp("big")
    (folder / "big.txt").write_bytes(b"McKay\n" * 12_000_000)  # 72 MB: over the limit
    return folder


@pytest.mark.slow
@pytest.mark.xdist_group("big-folder")  # one 72 MB file
@pytest.mark.parametrize("command", ["clean", "fix", "check", "diff", "explain"])
def test_a_document_over_the_limit_is_refused_in_bounded_memory(big_folder, command):
    tmp_path = big_folder
    # 600 MB of address space: refusing takes under 300; reading the file whole (as before the limit) runs out
    code = (
        "import resource, sys; from cleaner.cli import main;"
        "resource.setrlimit(resource.RLIMIT_AS, (600_000_000, 600_000_000)); sys.exit(main(sys.argv[1:]))"
    )
    result = subprocess.run([sys.executable, "-c", code, command, "big.txt"], cwd=tmp_path, capture_output=True)
    assert result.returncode == 2
    assert f"big.txt: file has more than {MAX_DOCUMENT_BYTES:,} bytes, the most allowed" in result.stderr.decode()
    assert len(result.stderr.decode().splitlines()) <= 2  # the line, and fix's summary


def test_a_failed_write_and_an_unreadable_path_are_one_line_each(tmp_path):
    """Tests run as root, whom permissions do not stop: the folder that cannot
    be written is made immutable (``chattr +i``, which stops root too), and the
    path that cannot be read runs through a file as if it were a folder."""
    for name in ("a", "b", "c"):
        (tmp_path / name).mkdir()
        (tmp_path / name / "x.txt").write_text("McKay\n")
    (tmp_path / "rules.yaml").write_text(RULE)
    if subprocess.run(["chattr", "+i", tmp_path / "b"], capture_output=True).returncode != 0:
        pytest.skip("this file system cannot make a folder immutable")
    try:
        result = run_in_process("fix", "--rules", "rules.yaml", "a", "b", "c/x.txt/y.txt", "c", cwd=tmp_path)
    finally:
        subprocess.run(["chattr", "-i", tmp_path / "b"], check=True)
    assert result.returncode == 2
    assert result.stdout.decode() == "Fixed a/x.txt\nFixed c/x.txt\n"
    assert result.stderr.decode().splitlines() == [
        "cleaner: b/x.txt: cannot write: Operation not permitted",
        "cleaner: c/x.txt/y.txt: cannot read: Not a directory",
        "2 files fixed, 0 files left unchanged, 2 files with errors.",
    ]
    assert [p.name for p in (tmp_path / "b").iterdir()] == ["x.txt"]  # no temporary file left


def test_a_link_out_of_the_walk_is_never_written(tmp_path):
    (tmp_path / "outside.txt").write_text("McKay\n")
    (tmp_path / "tree").mkdir()
    (tmp_path / "tree" / "inside.txt").write_text("McKay\n")
    (tmp_path / "tree" / "link-in.txt").symlink_to("inside.txt")
    (tmp_path / "tree" / "link-out.txt").symlink_to(tmp_path / "outside.txt")
    (tmp_path / "tree" / "folder").symlink_to(tmp_path)
    (tmp_path / "rules.yaml").write_text(RULE)
    result = run_in_process("fix", "--rules", "rules.yaml", "tree", cwd=tmp_path)
    assert (tmp_path / "outside.txt").read_text() == "McKay\n"
    assert (tmp_path / "tree" / "inside.txt").read_text() == "Makei\n"
    assert result.stderr.decode().splitlines() == [
        "cleaner: tree/folder: skipped: symbolic link to a folder (not entered)",
        "cleaner: tree/link-out.txt: skipped: symbolic link out of tree",
        "1 file fixed, 1 file left unchanged.",
    ]


def test_fix_keeps_the_owner_of_a_file_it_rewrites(tmp_path):
    if os.getuid() != 0:
        pytest.skip("only root can give a file another owner")
    (tmp_path / "rules.yaml").write_text(RULE)
    (tmp_path / "a.txt").write_text("McKay\n")
    os.chown(tmp_path / "a.txt", 65534, 65534)
    run_in_process("fix", "--rules", "rules.yaml", "a.txt", cwd=tmp_path)
    found = (tmp_path / "a.txt").stat()
    assert ((tmp_path / "a.txt").read_text(), found.st_uid, found.st_gid) == ("Makei\n", 65534, 65534)
