"""Benchmark: seconds of autograding per submission, for a synthetic class.

    python exercises/tools/bench_autograde.py [--assignment NAME] [-n 30] [--seed 0]

prints ``autograde_s_per_submission=<seconds>``. From Python (the benchmark harness)::

    sys.path.insert(0, "exercises/tools")
    from bench_autograde import autograde_s_per_submission
    seconds = autograde_s_per_submission("benign-or-concerning", n_submissions=30, seed=0)

What is timed is exactly what ``make autograde`` runs: one ``nbgrader autograde --student``
process per student (nbgrader start-up, kernel start, the notebook, the gradebook), for a class
built in a temporary copy of the course. Each synthetic student answers a random share of the
questions with the instructor's solution and leaves the rest as released, so the class mixes
passing and failing tests as a real one does.
"""

from __future__ import annotations

import argparse
import contextlib
import io
import sys
import tempfile
import time
from pathlib import Path

import nbformat
import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))
import course  # noqa: E402

ON_TIME = "2000-01-01 00:00:00.000000 UTC"


def build_course(assignment: str, root: Path, course_dir: Path = course.COURSE_DIR) -> Path:
    """Copy the course's config, tools and one assignment's source into ``root``; release it."""
    course.copy_course(root, [assignment], course_dir)
    course.release([assignment], root, exchange=False)
    return root


def synthetic_class(assignment: str, root: Path, n_submissions: int,
                    rng: np.random.Generator) -> list[str]:
    """Write ``n_submissions`` submissions into ``root/submitted``; return the student ids.

    Student k answers each question with the solution with probability p_k, p_k drawn uniformly
    from 0-1, so scores spread from blank to full marks.
    """
    students = [f"student{k:03d}" for k in range(1, n_submissions + 1)]
    sources = sorted((root / "source" / assignment).glob("*.ipynb"))
    for student in students:
        p_answer = rng.uniform(0.0, 1.0)
        dest = root / "submitted" / student / assignment
        dest.mkdir(parents=True)
        for src_path in sources:
            source = nbformat.read(src_path, as_version=4)
            released = nbformat.read(root / "release" / assignment / src_path.name, 4)
            answers = {c.metadata["nbgrader"]["grade_id"]: c.source for c in source.cells
                       if c.metadata.get("nbgrader", {}).get("solution")}
            for cell in released.cells:
                grade_id = cell.metadata.get("nbgrader", {}).get("grade_id")
                if grade_id in answers and rng.uniform() < p_answer:
                    cell.source = answers[grade_id]
            nbformat.write(released, dest / src_path.name)
        (dest / "timestamp.txt").write_text(ON_TIME)
    return students


def autograde_s_per_submission(assignment: str = "benign-or-concerning",
                               n_submissions: int = 30, *, seed: int = 0,
                               workdir: str | Path | None = None) -> float:
    """Wall-clock seconds per submission to autograde a synthetic class of one assignment.

    Parameters
    ----------
    assignment : str
        One of the course's assignments (``exercises/source/<assignment>``).
    n_submissions : int
        Size of the synthetic class (>= 1); the benchmark uses 30.
    seed : int
        Seed of the class's answers (same seed, same class).
    workdir : path, optional
        Build the class there and keep it (for inspection); by default a temporary folder that
        is deleted afterwards.

    Returns
    -------
    float
        Seconds of ``course.autograde`` (as ``make autograde``) divided by ``n_submissions``.
        Release and class building are not timed.

    Raises
    ------
    ValueError
        For an unknown assignment or ``n_submissions`` < 1.
    RuntimeError
        If any submission could not be graded (the number would be meaningless).
    """
    known = course.assignments()
    if assignment not in known:
        raise ValueError(f"assignment={assignment!r}: allowed are {', '.join(known)}")
    if isinstance(n_submissions, bool) or not isinstance(n_submissions, int) \
            or n_submissions < 1:
        raise ValueError(f"n_submissions={n_submissions!r}: allowed is an integer >= 1")
    rng = np.random.default_rng(seed)
    tmp = None
    if workdir is None:
        tmp = tempfile.TemporaryDirectory(prefix="bench-autograde-")
        root = Path(tmp.name) / "course"
    else:
        root = Path(workdir)
    try:
        with contextlib.redirect_stdout(io.StringIO()):  # the release step's progress lines
            build_course(assignment, root)
        synthetic_class(assignment, root, n_submissions, rng)
        started = time.perf_counter()
        outcomes = course.autograde(assignment, root, force=True, echo=False)
        elapsed = time.perf_counter() - started
        failed = [o.student for o in outcomes if not o.ok]
        if failed or len(outcomes) != n_submissions:
            raise RuntimeError(f"autograde failed for {failed or 'some students'} in {root}")
        return elapsed / n_submissions
    finally:
        if tmp is not None:
            tmp.cleanup()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--assignment", default="benign-or-concerning")
    parser.add_argument("-n", "--n-submissions", type=int, default=30)
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args(argv)
    seconds = autograde_s_per_submission(args.assignment, args.n_submissions, seed=args.seed)
    print(f"autograde_s_per_submission={seconds:.3f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
