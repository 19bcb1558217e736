"""Fixtures shared across the suite.

`built_book` builds the whole course once per test session, strictly (warnings, broken references
and failing cells are errors), in a temporary copy of the repository, so the tests never touch the
developer's own `_build/`.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
VENV_BIN = Path(sys.executable).parent


def course_files(root: Path = ROOT) -> list[Path]:
    """Files a fresh clone would have, plus new files not yet committed (not ignored ones)."""
    out = subprocess.run(
        ["git", "ls-files", "--cached", "--others", "--exclude-standard", "-z"],
        cwd=root, check=True, capture_output=True, text=True,
    ).stdout
    return [Path(p) for p in out.split("\0") if p and (root / p).is_file()]


def copy_course(dest: Path, root: Path = ROOT) -> Path:
    """Copy the course (as a fresh clone would see it) into `dest` and return `dest`."""
    for rel in course_files(root):
        target = dest / rel
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(root / rel, target)
    return dest


def strict_build(book_root: Path, *, extra_env: dict[str, str] | None = None):
    """Run the same strict build as `make book` in `book_root`; return the CompletedProcess."""
    env = {**os.environ, "MPLBACKEND": "Agg", "PYTHONHASHSEED": "0", **(extra_env or {})}
    env["PATH"] = f"{VENV_BIN}{os.pathsep}{env.get('PATH', '')}"
    return subprocess.run(
        [str(VENV_BIN / "jupyter-book"), "build", str(book_root), "--builder", "html",
         "--warningiserror", "--nitpick", "--keep-going"],
        cwd=book_root, env=env, capture_output=True, text=True, timeout=1800,
    )


@pytest.fixture(scope="session")
def built_book(tmp_path_factory) -> Path:
    """The strictly built book of a temporary copy of the course: the path of `_build/html`."""
    root = copy_course(tmp_path_factory.mktemp("course"))
    result = strict_build(root)
    if result.returncode != 0:
        pytest.fail(
            "The strict book build failed (as `make book` would):\n"
            + result.stdout[-6000:] + "\n" + result.stderr[-6000:],
            pytrace=False,
        )
    html = root / "_build" / "html"
    assert (html / "index.html").is_file()
    return html
