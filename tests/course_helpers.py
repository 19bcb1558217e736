"""Plain helpers the suite shares (imported by name: pytest loads every conftest.py as the one
module ``conftest``, so helpers that tests import live in modules with names of their own).

`copy_course` copies the course as a fresh clone would see it; `strict_build` runs the same strict
book build as `make book`.
"""

from __future__ import annotations

import os
import re
import shutil
import socket
import subprocess
import sys
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[1]
VENV_BIN = Path(sys.executable).parent


def toc_files(toc_path: Path = ROOT / "_toc.yml") -> list[str]:
    """Return the documents of a Jupyter Book 1 table of contents in reading order.

    Parameters
    ----------
    toc_path : Path
        The ``_toc.yml`` file (``jb-book`` format: ``root`` then ``parts``/``chapters``/
        ``sections``).

    Returns
    -------
    list of str
        Document paths without suffix, e.g. ``["book/intro", "book/sleep-across-the-lifespan"]``.
    """
    toc = yaml.safe_load(toc_path.read_text(encoding="utf-8"))
    files = [str(toc["root"])]

    def walk(node):
        if isinstance(node, dict):
            if "file" in node:
                files.append(str(node["file"]))
            for key in ("parts", "chapters", "sections"):
                for child in node.get(key, []) or []:
                    walk(child)
        elif isinstance(node, list):
            for child in node:
                walk(child)

    walk({k: v for k, v in toc.items() if k != "root"})
    return [re.sub(r"\.(md|ipynb)$", "", f) for f in files]


def copy_course(dest: Path, root: Path = ROOT) -> Path:
    """Copy the course (tracked and untracked files, not ignored ones such as .venv, _build).

    Falls back to copying the tree without ``.venv``, ``_build``, ``.git`` and
    ``test-artifacts`` when ``root`` is not a git work tree.
    """
    try:
        listed = (
            subprocess.run(
                ["git", "ls-files", "-z", "--cached", "--others", "--exclude-standard"],
                cwd=root,
                check=True,
                capture_output=True,
            )
            .stdout.decode()
            .split("\0")
        )
    except (OSError, subprocess.CalledProcessError):
        shutil.copytree(
            root,
            dest,
            dirs_exist_ok=True,
            ignore=shutil.ignore_patterns(".venv", "_build", ".git", "test-artifacts"),
        )
        return dest
    for rel in filter(None, listed):
        src = root / rel
        if not src.is_file():  # deleted but still tracked
            continue
        target = dest / rel
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(src, target)
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


def free_port() -> int:
    """A TCP port on 127.0.0.1 that is free right now."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def stop_process(process: subprocess.Popen, timeout_s: float = 20.0) -> None:
    """Stop a server the tests started: terminate, then kill if it has not exited in time."""
    process.terminate()
    try:
        process.wait(timeout=timeout_s)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait(timeout=10)
