"""The instructor's and the students' workflows, as documented, against the real nbgrader.

- a student fetches from the exchange, validates, submits; the instructor collects, autogrades,
  releases feedback; the student fetches it;
- submissions imported from a zip or a folder (with late work and a misnamed notebook);
- the make targets of exercises/exercises.mk in a temporary copy of the course;
- the formgrader answers in JupyterLab started at the course root (what `make lab` runs).
"""

from __future__ import annotations

import csv
import os
import shutil
import subprocess
import time
import urllib.request
import zipfile
from pathlib import Path

import nbformat
import pytest
from exercise_support import (
    EXERCISES,
    LATE_30H,
    ON_TIME,
    REPO,
    TINY_AUTO_POINTS,
    copy_course_skeleton,
    course,
    solved_notebook,
)

from course_helpers import free_port, stop_process

pytestmark = pytest.mark.slow
NBGRADER = course.nbgrader_executable()
BIN = Path(NBGRADER).parent


def student_run(args, cwd, check=True):
    env = {**os.environ, "PATH": f"{BIN}{os.pathsep}{os.environ.get('PATH', '')}"}
    proc = subprocess.run([NBGRADER, *args], cwd=cwd, env=env, capture_output=True, text=True)
    if check and proc.returncode != 0:
        raise AssertionError(f"nbgrader {' '.join(args)}:\n{proc.stdout}{proc.stderr}")
    return proc


def student_home(tmp_path: Path, course_root: Path, name: str) -> Path:
    """A student's folder whose nbgrader config points at the course's exchange."""
    home = tmp_path / name
    home.mkdir()
    (home / "nbgrader_config.py").write_text(
        "c = get_config()\n"
        f"c.Exchange.root = {str(course_root / 'exchange')!r}\n"
        f"c.Exchange.cache = {str(home / '.nbgrader-cache')!r}\n"
        "c.CourseDirectory.course_id = 'sleep-twitches'\n"
    )
    return home


def test_round_trip_through_the_exchange(tiny_course, tmp_path):
    root = tiny_course.root
    course.release(["tiny"], root, exchange=True)
    home = student_home(tmp_path, root, "alice-home")
    student_run(["fetch_assignment", "tiny", "--course", "sleep-twitches"], home)
    fetched = home / "tiny"
    assert sorted(p.name for p in fetched.glob("*.ipynb")) == ["part-a.ipynb", "part-b.ipynb"]

    # Validate before submitting: the untouched notebook fails, the finished one passes.
    blank = student_run(["validate", "tiny/part-b.ipynb"], home, check=False)
    assert "VALIDATION FAILED" in blank.stdout + blank.stderr
    for name in ("part-a", "part-b"):
        nbformat.write(solved_notebook(nbformat.read(fetched / f"{name}.ipynb", 4),
                                       tiny_course.source(name)), fetched / f"{name}.ipynb")
    ok = student_run(["validate", "tiny/part-a.ipynb", "tiny/part-b.ipynb"], home)
    assert "Success! Your notebook passes all the tests." in ok.stdout

    student_run(["submit", "tiny", "--course", "sleep-twitches", "--student", "alice"], home)
    course.collect(["tiny"], root)
    assert (root / "submitted" / "alice" / "tiny" / "timestamp.txt").is_file()
    (outcome,) = course.autograde("tiny", root, echo=False)
    assert outcome.ok and outcome.student == "alice"
    assert course.gradebook_scores("tiny", root)["alice"]["auto_score"] == \
        sum(TINY_AUTO_POINTS.values())
    # Submitted after the fixture's due date (2026-01-01): late, and the gradebook says so.
    assert outcome.seconds_late > 0

    course.feedback(["tiny"], root, exchange=True)
    student_run(["fetch_feedback", "tiny", "--course", "sleep-twitches", "--student", "alice"],
                home)
    html = list((fetched / "feedback").glob("*/part-a.html"))
    assert len(html) == 1


@pytest.mark.parametrize("packed", ["zip", "folder"])
def test_import_a_zip_or_folder_of_submissions(tiny_course, tmp_path, packed):
    root = tiny_course.root
    download = tmp_path / "lms-download" / "class"
    for student, stamp in (("anna", ON_TIME), ("ben", LATE_30H)):
        folder = download / student
        folder.mkdir(parents=True)
        for name in ("part-a", "part-b"):
            nbformat.write(tiny_course.solved(name), folder / f"{name}.ipynb")
        (folder / "timestamp.txt").write_text(stamp)
    (download / "carl").mkdir()
    nbformat.write(tiny_course.solved("part-a"), download / "carl" / "Part A final.ipynb")
    nbformat.write(tiny_course.solved("part-b"), download / "carl" / "part-b.ipynb")
    if packed == "zip":
        source = tmp_path / "submissions.zip"
        with zipfile.ZipFile(source, "w") as zf:
            for path in download.rglob("*"):
                zf.write(path, path.relative_to(download.parent))
    else:
        source = download

    course.import_submissions("tiny", source, root)
    sub = root / "submitted"
    assert sorted(p.name for p in (sub / "anna" / "tiny").glob("*.ipynb")) == \
        ["part-a.ipynb", "part-b.ipynb"]
    # The misnamed notebook is not imported; the student's other notebook is.
    assert sorted(p.name for p in (sub / "carl" / "tiny").glob("*.ipynb")) == ["part-b.ipynb"]

    if packed == "folder":
        return  # grading is the same for both; the zip variant goes on to grade
    outcomes = {o.student: o for o in course.autograde("tiny", root, echo=False)}
    assert set(outcomes) == {"anna", "ben", "carl"}
    assert all(o.ok for o in outcomes.values())
    assert outcomes["anna"].seconds_late == 0
    assert outcomes["ben"].seconds_late == 30 * 3600
    assert any("missing notebook part-a.ipynb" in p for p in outcomes["carl"].problems)


def test_make_targets_run_the_whole_instructor_workflow(tmp_path):
    """release -> import -> autograde -> feedback -> grades, through make, on one assignment."""
    top = tmp_path / "course"
    shutil.copy2(REPO / "Makefile", top.mkdir() or top / "Makefile")
    copy_course_skeleton(top / "exercises", with_source=False)
    shutil.copytree(EXERCISES / "source" / "febrile-seizures",
                    top / "exercises" / "source" / "febrile-seizures")
    shutil.copy2(EXERCISES / "exercises.mk", top / "exercises" / "exercises.mk")
    make = ["make", "--no-print-directory", "-o", ".venv/.installed", f"BIN={BIN}"]
    env = {**os.environ, "PATH": f"{BIN}{os.pathsep}{os.environ.get('PATH', '')}"}

    def run(*args):
        proc = subprocess.run([*make, *args], cwd=top, env=env, capture_output=True, text=True)
        assert proc.returncode == 0, proc.stdout + proc.stderr
        return proc.stdout

    shutil.copy2(EXERCISES / "students.csv", top / "exercises" / "students.csv")
    out = run("roster")
    assert "student(s) from" in out
    out = run("release", "A=febrile-seizures")
    assert "released to the exchange" in out
    released = top / "exercises" / "release" / "febrile-seizures" / "febrile-seizures.ipynb"
    inbox = tmp_path / "inbox"
    source = nbformat.read(top / "exercises" / "source" / "febrile-seizures" /
                           "febrile-seizures.ipynb", 4)
    (inbox / "dana").mkdir(parents=True)
    nbformat.write(solved_notebook(nbformat.read(released, 4), source),
                   inbox / "dana" / "febrile-seizures.ipynb")
    run("import", "A=febrile-seizures", f"FROM={inbox}")
    out = run("autograde", "A=febrile-seizures")
    assert "[  1/1] dana" in out and "graded 1 of 1" in out
    run("feedback", "A=febrile-seizures")
    assert (top / "exercises" / "feedback" / "dana" / "febrile-seizures" /
            "febrile-seizures.html").is_file()
    run("grades")
    rows = list(csv.DictReader((top / "exercises" / "grades.csv").open()))
    dana = [r for r in rows if r["student_id"] == "dana"]
    assert len(dana) == 1 and float(dana[0]["raw_score"]) > 0
    # The demo roster's names are in the export; rostered students who sent nothing are listed.
    assert (dana[0]["first_name"], dana[0]["last_name"]) == ("Dana", "Dimitrova")
    assert {r["student_id"] for r in rows} >= {"alice", "bob", "carol", "dana"}
    assert {r["status"] for r in rows if r["student_id"] != "dana"} == {"missing"}
    assert (top / "exercises" / "grades-canvas.csv").is_file()
    assert (top / "exercises" / "grades-moodle.csv").is_file()


def test_formgrader_lists_the_course_in_jupyterlab(tmp_path):
    """JupyterLab started at the course root (as `make lab` does) serves the formgrader."""
    top = tmp_path / "course"
    top.mkdir()
    shutil.copy2(REPO / "nbgrader_config.py", top / "nbgrader_config.py")
    copy_course_skeleton(top / "exercises", with_source=True)
    port, token = free_port(), "formgrader-test"
    env = {**os.environ, "PATH": f"{BIN}{os.pathsep}{os.environ.get('PATH', '')}",
           "JUPYTER_CONFIG_DIR": str(tmp_path / "jupyter-config")}
    server = subprocess.Popen(
        [str(BIN / "jupyter"), "lab", "--no-browser", f"--port={port}", "--ip=127.0.0.1",
         f"--IdentityProvider.token={token}", f"--notebook-dir={top}", "--allow-root"],
        cwd=top, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    try:
        url = f"http://127.0.0.1:{port}/formgrader/api/assignments?token={token}"
        body = None
        for _ in range(120):
            try:
                with urllib.request.urlopen(url, timeout=5) as response:
                    body = response.read().decode()
                break
            except OSError:
                if server.poll() is not None:
                    break
                time.sleep(0.5)
        assert body is not None, server.stderr.read() if server.poll() is not None else "no reply"
        for name in ("sleep-stages", "myoclonus", "benign-or-concerning", "febrile-seizures"):
            assert f'"{name}"' in body
    finally:
        stop_process(server)
