"""``autograde``: what an instructor waits for per student when grading a class.

A synthetic class of 30 submissions of one assignment (``benign-or-concerning``, the heart of
the course, else the first in ``exercises/``) is graded by the course's own instructor step,
``exercises/tools/course.py autograde`` (one ``nbgrader autograde --student`` per student, as
``make autograde`` runs it), in a temporary copy of the course. Every second student submits
the solution, the others the blank release, so both full and failing test runs are timed.

``autograde_s_per_submission``: median seconds per submission over the class (each submission
is one run); ``autograde_class_s``: the whole class, wall clock. The issue sets no goal.
"""

from __future__ import annotations

import importlib.util
import os
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

from benchmarks.book import copy_course
from benchmarks.harness import BenchmarkError, Figure, spread

N_SUBMISSIONS = 30
QUICK_N_SUBMISSIONS = 2
PREFERRED = "benign-or-concerning"


def load_course_tool(course: Path):
    """Import ``exercises/tools/course.py`` of the copy (its COURSE_DIR is the copy's)."""
    path = course / "exercises" / "tools" / "course.py"
    if not path.is_file():
        raise BenchmarkError(f"no instructor tool at {path}: the exercises are not there yet")
    spec = importlib.util.spec_from_file_location("twitchlab_bench_course", path)
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


def synthetic_class(course_dir: Path, name: str, n: int) -> list[str]:
    """Write ``n`` submissions of ``name`` into ``submitted/``: solution and blank, alternating.

    Returns the student ids.
    """
    source = sorted((course_dir / "source" / name).glob("*.ipynb"))
    release = sorted((course_dir / "release" / name).glob("*.ipynb"))
    if not source or len(source) != len(release):
        raise BenchmarkError(f"assignment {name}: source has {len(source)} notebook(s), the "
                             f"release {len(release)}")
    students = [f"bench-student-{i:02d}" for i in range(1, n + 1)]
    for i, student in enumerate(students):
        folder = course_dir / "submitted" / student / name
        folder.mkdir(parents=True, exist_ok=True)
        for nb in source if i % 2 == 0 else release:
            shutil.copy2(nb, folder / nb.name)
    return students


def run(quick: bool = False, repeat: int | None = None) -> list[Figure]:
    os.environ.setdefault("MPLBACKEND", "Agg")
    n = QUICK_N_SUBMISSIONS if quick else (repeat or N_SUBMISSIONS)
    with tempfile.TemporaryDirectory(prefix="twitchlab-bench-autograde-") as tmp:
        course = copy_course(Path(tmp) / "course")
        tool = load_course_tool(course)
        course_dir = Path(tool.COURSE_DIR)
        names = tool.assignments(course_dir)
        if not names:
            raise BenchmarkError(f"no assignment in {course_dir / 'source'}")
        name = PREFERRED if PREFERRED in names else names[0]
        tool.release([name], course_dir, exchange=False)
        students = synthetic_class(course_dir, name, n)
        start = time.perf_counter()
        outcomes = tool.autograde(name, course_dir, students=students, echo=False)
        class_s = time.perf_counter() - start
        failed = [o.student for o in outcomes if not o.ok]
        if failed:
            raise BenchmarkError(f"autograde failed for {failed} of {name}")
        scores = sorted({(o.score, o.max_score) for o in outcomes})
        samples = [o.seconds for o in outcomes]
    what = f"{name}, {n} submissions (solution / blank alternating), one nbgrader run each"
    return [
        Figure("autograde_s_per_submission", statistics.median(samples), "s",
               note=f"{what}; {spread(samples)}; scores {scores}"),
        Figure("autograde_class_s", class_s, "s", note=f"the whole class of {n}, wall clock"),
    ]
