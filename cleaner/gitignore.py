"""``.gitignore`` files, as a folder walk reads them: a path is ignored if the
nearest ``.gitignore`` files in its folder or above (up to the walked folder)
say so, with git's own pattern rules (``pathspec``).

>>> import tempfile
>>> root = Path(tempfile.mkdtemp())
>>> _ = (root / ".gitignore").write_text("build/\\n*.log.txt\\n")
>>> (root / "build").mkdir()
>>> ignored = Gitignore(root)
>>> ignored(root / "build"), ignored(root / "a.log.txt"), ignored(root / "a.txt")
(True, True, False)
"""

from __future__ import annotations

from pathlib import Path

import pathspec


class Gitignore:
    """Answers "is this path ignored?" for paths under ``root``."""

    def __init__(self, root: Path):
        self.root = Path(root)
        self.specs: dict = {}  # folder -> its compiled .gitignore, or None

    def _spec(self, folder: Path):
        if folder not in self.specs:
            try:
                lines = (folder / ".gitignore").read_text(encoding="utf-8", errors="replace").splitlines()
            except OSError:
                lines = None
            self.specs[folder] = pathspec.GitIgnoreSpec.from_lines(lines) if lines else None
        return self.specs[folder]

    def __call__(self, path: Path) -> bool:
        path = Path(path)
        suffix = "/" if path.is_dir() else ""
        for folder in [path.parent, *path.parent.parents]:
            spec = self._spec(folder)
            if spec is not None and spec.match_file(path.relative_to(folder).as_posix() + suffix):
                return True
            if folder == self.root:
                return False
        return False
