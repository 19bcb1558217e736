"""Roster, late penalty on the total and the LMS exports (issue 14), with the real nbgrader.

A rostered class of three: anna on time (hand grading not done), carol 30 h late with her
written answers scored through nbgrader's gradebook API (as the formgrader does), zed who never
submitted. Points of the tiny assignment: 5 autograded, 3 by hand.
"""

from __future__ import annotations

import contextlib
import csv
import io
from datetime import datetime

import pytest
from exercise_support import LATE_30H, course

pytestmark = pytest.mark.slow

ROSTER = ("id,first_name,last_name,email\n"
          "anna,Anna,Andersen,anna@example.edu\n"
          "carol,Carol,Castillo,carol@example.edu\n"
          "zed,Zed,Zimmer,zed@example.edu\n")


def quietly(fn, *args, **kwargs):
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        result = fn(*args, **kwargs)
    return result, out.getvalue()


def hand_grade(root, student, scores):
    """Enter manual scores as the formgrader does (nbgrader's gradebook API)."""
    from nbgrader.api import Gradebook

    with Gradebook(f"sqlite:///{root / 'gradebook.db'}", "sleep-twitches") as gb:
        for cell, score in scores.items():
            grade = gb.find_grade(cell, "part-a", "tiny", student)
            grade.manual_score = score
            grade.needs_manual_grade = False
        gb.db.commit()


@pytest.fixture(scope="module")
def graded_class(tiny_template, tmp_path_factory):
    import shutil

    from exercise_support import TinyCourse

    root = tmp_path_factory.mktemp("rostered") / "course"
    shutil.copytree(tiny_template, root)
    tiny = TinyCourse(root)
    (root / "students.csv").write_text(ROSTER)
    count, said = quietly(course.roster, root / "students.csv", root)
    assert count == 3 and "3 student(s)" in said
    a, b = "part-a.ipynb", "part-b.ipynb"
    tiny.submit("anna", {a: tiny.solved("part-a"), b: tiny.solved("part-b")})
    tiny.submit("carol", {a: tiny.solved("part-a"), b: tiny.solved("part-b")},
                timestamp=LATE_30H)
    outcomes, report = quietly(course.autograde, "tiny", root)
    hand_grade(root, "carol", {"written": 2.0, "task": 1.0})
    files, _ = quietly(course.export, root / "grades.csv", root)
    return tiny, report, files


def test_autograde_line_says_what_is_left_to_grade_by_hand(graded_class):
    _, report, _ = graded_class
    assert "5.0/5 autograded; 3 points to grade by hand" in report
    assert "late 30.0 h: penalty applies to the total once hand grading is done" in report


def test_late_penalty_is_ten_percent_per_started_day_of_the_total(graded_class):
    tiny, _, files = graded_class
    record = tiny.scores()["carol"]
    assert record["score"] == pytest.approx(8.0)  # 5 autograded + 3 by hand
    assert record["penalty"] == pytest.approx(0.2 * 8.0)  # 30 h late: 2 started days
    rows = {r["student_id"]: r for r in csv.DictReader(files["grades"].open())}
    carol = rows["carol"]
    assert (carol["raw_score"], carol["late_penalty"], carol["score"]) == ("8.0", "1.6", "6.4")
    assert carol["status"] == "late" and carol["needs_manual_grade"] == "no"


def test_grades_csv_lists_every_rostered_student_rounded_with_time_zones(graded_class):
    _, _, files = graded_class
    rows = {r["student_id"]: r for r in csv.DictReader(files["grades"].open())}
    assert set(rows) == {"anna", "carol", "zed"}
    assert rows["zed"]["status"] == "missing" and float(rows["zed"]["score"]) == 0
    assert rows["anna"]["needs_manual_grade"] == "yes"  # written answers not graded yet
    assert (rows["anna"]["first_name"], rows["anna"]["last_name"]) == ("Anna", "Andersen")
    for row in rows.values():
        for key in ("auto_score", "raw_score", "late_penalty", "score", "max_score"):
            assert round(float(row[key]), 2) == float(row[key])
            assert len(row[key].partition(".")[2]) <= 2
        assert datetime.fromisoformat(row["duedate"]).utcoffset() is not None
        if row["timestamp"]:
            assert datetime.fromisoformat(row["timestamp"]).utcoffset() is not None


def test_canvas_and_moodle_files_hold_every_rostered_student(graded_class):
    _, _, files = graded_class
    canvas = list(csv.reader(files["canvas"].open()))
    assert canvas[0] == ["Student", "ID", "SIS User ID", "SIS Login ID", "Section", "tiny"]
    assert canvas[1][0] == "Points Possible" and float(canvas[1][5]) == 8.0
    by_sis = {r[2]: r for r in canvas[2:]}
    assert set(by_sis) == {"anna", "carol", "zed"}
    assert by_sis["carol"][0] == "Castillo, Carol" and by_sis["carol"][5] == "6.4"
    assert by_sis["zed"][5] == "0.0"
    moodle = list(csv.DictReader(files["moodle"].open()))
    assert {r["Email address"] for r in moodle} == {"anna@example.edu", "carol@example.edu",
                                                    "zed@example.edu"}
    assert {r["ID number"]: r["tiny"] for r in moodle}["carol"] == "6.4"
