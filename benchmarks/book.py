"""``book``: building the book and running its lessons, as an author and a student feel it.

``book_build_clean_s``: the strict build of ``make book`` (every notebook executed) in a
temporary copy of the course with no ``_build``. ``book_build_cached_s``: the same build again
with nothing changed (Sphinx's environment and the execution cache reused), measured in the same
run. ``lesson_exec_s[<lesson>]``: each notebook of ``notebooks/`` executed top to bottom in a
fresh kernel (kernel start-up included, as "Restart and run all" is felt), from its own folder.
Goals (issue 9): cached rebuild <= 15 % of the clean build; every lesson <= 10 s.
"""

from __future__ import annotations

import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from benchmarks.harness import ROOT, BenchmarkError, Figure, at_most, spread

CLEAN_REPEAT = 2
CACHED_REPEAT = 3
LESSON_REPEAT = 2
CACHED_GOAL = 0.15
LESSON_GOAL_S = 10.0
BUILD_TIMEOUT_S = 1800
# --quick builds a one-page book (the root document only) and runs the first lesson once.
QUICK_TOC = "format: jb-book\nroot: {root}\n"


def copy_course(dest: Path, root: Path = ROOT) -> Path:
    """Copy tracked and untracked (not ignored) files of the course, as a fresh clone has them."""
    listed = subprocess.run(
        ["git", "ls-files", "-z", "--cached", "--others", "--exclude-standard"],
        cwd=root, check=True, capture_output=True,
    ).stdout.decode().split("\0")
    for rel in filter(None, listed):
        if (root / rel).is_file():
            (dest / rel).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(root / rel, dest / rel)
    return dest


def _bin(name: str) -> str:
    beside = Path(sys.executable).with_name(name)
    return str(beside) if beside.exists() else name


def build(course: Path, *, strict: bool = True) -> tuple[float, int, str]:
    """Run the build of ``make book`` in ``course``: (seconds, exit code, output tail).

    ``strict=False`` drops ``--warningiserror --nitpick`` (for the one-page quick book, whose
    other pages are, by design, in no table of contents).
    """
    env = {**os.environ, "MPLBACKEND": "Agg", "PYTHONHASHSEED": "0"}
    env["PATH"] = str(Path(sys.executable).parent) + os.pathsep + env.get("PATH", "")
    start = time.perf_counter()
    proc = subprocess.run(
        [_bin("jupyter-book"), "build", str(course), "--builder", "html", "--keep-going"]
        + (["--warningiserror", "--nitpick"] if strict else []),
        cwd=course, env=env, capture_output=True, text=True, timeout=BUILD_TIMEOUT_S,
    )
    elapsed = time.perf_counter() - start
    return elapsed, proc.returncode, (proc.stdout + proc.stderr)[-1500:]


def execute_lesson(path: Path) -> float:
    """Seconds to execute notebook ``path`` in a fresh kernel, start-up and shutdown included."""
    import nbformat
    from nbclient import NotebookClient

    nb = nbformat.read(path, as_version=4)
    kernel = nb.metadata.get("kernelspec", {}).get("name", "python3")
    client = NotebookClient(nb, timeout=600, kernel_name=kernel,
                            resources={"metadata": {"path": str(path.parent)}})
    start = time.perf_counter()
    client.execute()
    return time.perf_counter() - start


def lessons(course: Path) -> list[Path]:
    return sorted((course / "notebooks").glob("*.ipynb"))


def run(quick: bool = False, repeat: int | None = None) -> list[Figure]:
    os.environ.setdefault("MPLBACKEND", "Agg")
    clean_reps = repeat or (1 if quick else CLEAN_REPEAT)
    cached_reps = repeat or (1 if quick else CACHED_REPEAT)
    lesson_reps = repeat or (1 if quick else LESSON_REPEAT)
    figures: list[Figure] = []
    with tempfile.TemporaryDirectory(prefix="twitchlab-bench-book-") as tmp:
        course = copy_course(Path(tmp) / "course")
        if quick:
            import yaml

            root_doc = yaml.safe_load((course / "_toc.yml").read_text())["root"]
            (course / "_toc.yml").write_text(QUICK_TOC.format(root=root_doc))
        clean, cached, failures = [], [], []
        for _ in range(clean_reps):
            shutil.rmtree(course / "_build", ignore_errors=True)
            seconds, code, tail = build(course, strict=not quick)
            clean.append(seconds)
            if code:
                failures.append(tail)
        for _ in range(cached_reps):  # the last clean build's _build is reused
            seconds, code, tail = build(course, strict=not quick)
            cached.append(seconds)
            if code:
                failures.append(tail)
        if not (course / "_build" / "html" / "index.html").is_file():
            raise RuntimeError("the book build produced no _build/html/index.html:\n"
                               + (failures[-1] if failures else ""))
        flag = "; the strict build reported errors (times still measured)" if failures else ""
        what = "one-page book, not strict" if quick else "whole book, strict"
        clean_s, cached_s = statistics.median(clean), statistics.median(cached)
        figures += [
            Figure("book_build_clean_s", clean_s, "s",
                   note=f"{what}, no _build; " + spread(clean) + flag),
            Figure("book_build_cached_s", cached_s, "s",
                   note="rebuild with nothing changed; " + spread(cached)),
            at_most("book_cached_ratio", cached_s / clean_s, "ratio", CACHED_GOAL,
                    goal_text=f"<= {CACHED_GOAL:g}",
                    note="book_build_cached_s / book_build_clean_s"),
        ]
        if failures:
            print("book: the strict build failed; last output:\n" + failures[-1], file=sys.stderr)
        chosen = lessons(course)[:1] if quick else lessons(course)
        if not chosen:
            raise BenchmarkError(f"no lesson notebooks in {course / 'notebooks'}", figures)
        for nb in chosen:
            try:
                samples = [execute_lesson(nb) for _ in range(lesson_reps)]
            except Exception as exc:
                raise BenchmarkError(f"lesson {nb.name} failed: {exc}", figures) from exc
            figures.append(at_most("lesson_exec_s", statistics.median(samples), "s",
                                   LESSON_GOAL_S, key=nb.stem,
                                   note="fresh kernel, start-up included; " + spread(samples)))
    return figures
