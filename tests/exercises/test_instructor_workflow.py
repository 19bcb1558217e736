"""The instructor's term without a crash (issue 14), against the real nbgrader.

A mixed class: one student submits through the exchange, two are imported from a folder with
``timestamp.txt`` (the walkthrough's crash: feedback for imported work). Feedback is generated for
everyone, released through the exchange only for the exchange student, and zipped for hand-back
for the others; nbgrader's own files are never reported as problems.
"""

from __future__ import annotations

import contextlib
import io
import os
import subprocess
import zipfile
from pathlib import Path

import nbformat
import pytest
from exercise_support import LATE_30H, ON_TIME, course, solved_notebook

pytestmark = pytest.mark.slow
NBGRADER = course.nbgrader_executable()
BIN = Path(NBGRADER).parent


def student_run(args, cwd):
    env = {**os.environ, "PATH": f"{BIN}{os.pathsep}{os.environ.get('PATH', '')}"}
    proc = subprocess.run([NBGRADER, *args], cwd=cwd, env=env, capture_output=True, text=True)
    assert proc.returncode == 0, f"nbgrader {' '.join(args)}:\n{proc.stdout}{proc.stderr}"
    return proc


def quietly(fn, *args, **kwargs):
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        result = fn(*args, **kwargs)
    return result, out.getvalue()


@pytest.fixture
def mixed_class(tiny_course, tmp_path):
    """alice through the exchange; bob (on time) and carol (30 h late) imported with stamps."""
    root = tiny_course.root
    course.release(["tiny"], root, exchange=True)
    # The student's own folder, set up as the README says (`make student-config DIR=...`).
    home = tmp_path / "alice-home"
    course.student_config(home, root)
    student_run(["fetch_assignment", "tiny", "--course", "sleep-twitches"], home)
    for part in ("part-a", "part-b"):
        path = home / "tiny" / f"{part}.ipynb"
        nbformat.write(solved_notebook(nbformat.read(path, 4), tiny_course.source(part)), path)
    student_run(["submit", "tiny", "--course", "sleep-twitches", "--student", "alice"], home)
    quietly(course.collect, ["tiny"], root)

    inbox = tmp_path / "inbox"
    for student, stamp in (("bob", ON_TIME), ("carol", LATE_30H)):
        (inbox / student).mkdir(parents=True)
        for part in ("part-a", "part-b"):
            nbformat.write(tiny_course.solved(part), inbox / student / f"{part}.ipynb")
        (inbox / student / "timestamp.txt").write_text(stamp)
    quietly(course.import_submissions, "tiny", inbox, root)
    return tiny_course, home


def test_exchange_submission_is_not_a_problem(mixed_class):
    tiny, _ = mixed_class
    assert (tiny.root / "submitted" / "alice" / "tiny" / "submission_secret.txt").is_file()
    assert course.inspect_submission("tiny", "alice", tiny.root) == []
    outcomes, report = quietly(course.autograde, "tiny", tiny.root)
    assert all(o.ok and not o.problems for o in outcomes), report
    assert "submissions with problems: 0" in report
    assert "submission_secret" not in report and "timestamp.txt" not in report

    # Feedback: no crash, every student gets it, each by the way their work came in.
    result, said = quietly(course.feedback, ["tiny"], tiny.root, exchange=True)
    assert result["tiny"] == {"exchange": ["alice"], "handout": ["bob", "carol"]}
    for student in ("alice", "bob", "carol"):
        assert (tiny.root / "feedback" / student / "tiny" / "part-a.html").is_file()
    for student in ("bob", "carol"):
        bundle = tiny.root / "feedback" / student / "tiny-feedback.zip"
        with zipfile.ZipFile(bundle) as zf:
            assert sorted(zf.namelist()) == ["tiny/part-a.html", "tiny/part-b.html"]
    assert "tiny-feedback.zip" in said and "bob, carol" in said
    released = list((tiny.root / "exchange" / "sleep-twitches" / "feedback").glob("*.html"))
    assert len(released) == 2  # alice's two notebooks, nobody else's


def test_feedback_for_imported_work_only_does_not_crash(mixed_class):
    """The walkthrough's crash: imported submissions with timestamp.txt, then feedback."""
    tiny, home = mixed_class
    quietly(course.autograde, "tiny", tiny.root, students=["bob", "carol"])
    result, _ = quietly(course.feedback, ["tiny"], tiny.root, exchange=True)
    assert result["tiny"]["handout"] == ["bob", "carol"]
    # Through the command line too: exit code 0, no traceback.
    proc = subprocess.run([str(BIN / "python"), str(tiny.root / "tools" / "course.py"),
                           "--course-dir", str(tiny.root), "feedback", "tiny"],
                          capture_output=True, text=True)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert "Traceback" not in proc.stdout + proc.stderr


def test_import_prints_a_line_per_student_and_a_summary(tiny_course, tmp_path):
    inbox = tmp_path / "inbox"
    for student, stamp in (("bob", ON_TIME), ("carol", LATE_30H)):
        (inbox / student).mkdir(parents=True)
        for part in ("part-a", "part-b"):
            nbformat.write(tiny_course.solved(part), inbox / student / f"{part}.ipynb")
        (inbox / student / "timestamp.txt").write_text(stamp)
    (inbox / "carol" / "notes.txt").write_text("my notes")
    nbformat.write(tiny_course.solved("part-a"), inbox / "carol" / "Part A final.ipynb")
    result, said = quietly(course.import_submissions, "tiny", inbox, tiny_course.root)
    assert result["students"] == ["bob", "carol"] and result["late"] == ["carol"]
    assert "[  1/2] bob" in said and "[  2/2] carol" in said
    assert "late 30.0 h" in said
    assert "imported 2 student(s), late 1; skipped 2 file(s)" in said
    assert "skipped notes.txt: not <student_id>/<notebook>.ipynb" in said
    assert "skipped Part A final.ipynb: not a notebook of tiny" in said
    # nbgrader's own INFO/WARNING lines go to the log file, not the terminal.
    assert "[ZipCollectApp" not in said and "timestamp.txt" not in said
    log = tiny_course.root / course.LOG_NAME
    assert str(log) in said and "ZipCollectApp" in log.read_text()
