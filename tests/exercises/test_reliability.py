"""What a class of real students can do to a submission, graded by the real nbgrader.

One class of scenario students (conftest ``tiny_graded``) is autograded once with the course's
``course.py autograde`` (one ``nbgrader autograde --student`` per student); each test reads what
one student got. Points of the tiny assignment: part-a q1 1 + double 2 + q3 1 (autograded),
written 2 + task 1 (by hand); part-b 1 (autograded).
"""

from __future__ import annotations

import csv

import nbformat
import pytest
from exercise_support import (
    LATE_30H,
    SCENARIO_STUDENTS,
    TINY_AUTO_POINTS,
    course,
    hidden_test_lines,
)

pytestmark = pytest.mark.slow

FULL_AUTO = sum(TINY_AUTO_POINTS.values())
MAX_SCORE = FULL_AUTO + 2 + 1


def grade(tiny, student, cell):
    return tiny.scores()[student]["grades"][cell]


def test_solution_scores_full_autograded_marks(tiny_graded):
    tiny, outcomes, _ = tiny_graded
    record = tiny.scores()["solution"]
    assert outcomes["solution"].ok and not outcomes["solution"].problems
    assert record["auto_score"] == FULL_AUTO
    assert record["max_score"] == MAX_SCORE
    assert record["seconds_late"] == 0


def test_blank_release_scores_zero(tiny_graded):
    tiny, outcomes, _ = tiny_graded
    record = tiny.scores()["blank"]
    assert outcomes["blank"].ok
    assert record["score"] == 0
    assert all(score == 0 for score in record["grades"].values())


def test_tampered_test_and_read_only_cells_are_restored(tiny_graded):
    tiny, outcomes, _ = tiny_graded
    assert outcomes["tampered"].ok
    # The rewritten test ("assert True") was replaced by the real one: the wrong answer scores 0,
    # and the points the student gave the cell (100) were ignored.
    assert grade(tiny, "tampered", "part-a:q1_test") == 0
    assert tiny.scores()["tampered"]["max_score"] == MAX_SCORE
    graded = {c.metadata["nbgrader"]["grade_id"]: c for c in tiny.autograded("tampered", "part-a")
              .cells if "nbgrader" in c.metadata}
    assert graded["intro"].source == tiny.source("part-a").cells[0].source
    assert "assert True" not in graded["q1_test"].source
    assert "q1 in ('a', 'b', 'c', 'd')" in graded["q1_test"].source
    # The other answers are still right.
    assert grade(tiny, "tampered", "part-a:double_test") == 2


def test_deleted_test_cells_are_restored_and_graded(tiny_graded):
    tiny, outcomes, _ = tiny_graded
    assert outcomes["deleted"].ok
    assert tiny.scores()["deleted"]["auto_score"] == FULL_AUTO
    ids = [c.metadata.get("nbgrader", {}).get("grade_id")
           for c in tiny.autograded("deleted", "part-a").cells]
    assert "q3_test" in ids and "double_test" in ids


def test_infinite_loop_times_out_and_the_rest_is_graded(tiny_graded):
    tiny, outcomes, _ = tiny_graded
    assert outcomes["loop"].ok
    assert any("time limit" in p for p in outcomes["loop"].problems)
    # The looping cell never defined a working function: its test scores 0 ...
    assert grade(tiny, "loop", "part-a:double_test") == 0
    # ... but the cells after it ran and were graded.
    assert grade(tiny, "loop", "part-a:q3_test") == 1
    assert grade(tiny, "loop", "part-a:q1_test") == 1
    assert grade(tiny, "loop", "part-b:b_test") == 1


@pytest.mark.parametrize("student, says", [
    ("oskill", "Kernel"),
    ("badjson", "JSON"),
])
def test_broken_submission_is_reported_and_not_graded(tiny_graded, student, says):
    tiny, outcomes, report = tiny_graded
    outcome = outcomes[student]
    assert not outcome.ok
    assert any(says.lower() in p.lower() for p in outcome.problems), outcome.problems
    assert f"! {student}:" in report
    # Nothing half-graded is left for the formgrader to show.
    assert not (tiny.root / "autograded" / student / "tiny" / "part-a.ipynb").exists()


def test_everyone_else_is_graded_despite_broken_submissions(tiny_graded):
    tiny, outcomes, report = tiny_graded
    broken = {"oskill", "badjson"}
    for student in SCENARIO_STUDENTS:
        if student not in broken:
            assert outcomes[student].ok, (student, outcomes[student].problems)
    assert f"graded {len(SCENARIO_STUDENTS) - len(broken)} of {len(SCENARIO_STUDENTS)}" in report
    # The gradebook is intact: every graded student is in it and the export runs.
    scores = tiny.scores()
    for student in set(SCENARIO_STUDENTS) - broken:
        assert student in scores
    out = tiny.root / "grades.csv"
    course.export(out, tiny.root)
    rows = list(csv.DictReader(out.open()))
    assert {r["student_id"] for r in rows} >= set(SCENARIO_STUDENTS) - broken


def test_missing_notebook_scores_zero_and_the_other_is_graded(tiny_graded):
    tiny, outcomes, _ = tiny_graded
    outcome = outcomes["missing"]
    assert outcome.ok
    assert any("missing notebook part-b.ipynb" in p for p in outcome.problems)
    assert grade(tiny, "missing", "part-b:b_test") == 0
    assert tiny.scores()["missing"]["auto_score"] == TINY_AUTO_POINTS["part-a"]


def test_misnamed_notebook_is_reported(tiny_graded):
    tiny, outcomes, _ = tiny_graded
    problems = " ".join(outcomes["misnamed"].problems)
    assert "missing notebook part-a.ipynb" in problems
    assert "unknown notebook part-a (1).ipynb" in problems
    assert tiny.scores()["misnamed"]["auto_score"] == TINY_AUTO_POINTS["part-b"]


def test_extra_files_are_reported_and_ignored(tiny_graded):
    tiny, outcomes, _ = tiny_graded
    problems = " ".join(outcomes["extra"].problems)
    assert "extra file notes.txt" in problems and "unknown notebook scratch.ipynb" in problems
    assert tiny.scores()["extra"]["auto_score"] == FULL_AUTO


def test_late_submission_is_marked_late_and_penalised(tiny_graded):
    tiny, outcomes, report = tiny_graded
    record = tiny.scores()["late"]
    assert LATE_30H.startswith("2026-01-02 06")  # 30 h after the due date of the fixture
    assert record["seconds_late"] == 30 * 3600
    # Two started days late: 10 % per day of the score.
    assert record["penalty"] == pytest.approx(0.2 * FULL_AUTO)
    assert record["score"] - record["penalty"] == pytest.approx(0.8 * FULL_AUTO)
    assert "late 30.0 h" in report
    assert tiny.scores()["solution"]["penalty"] == 0


def test_autograding_again_gives_the_same_grades(tiny_graded):
    tiny, _, _ = tiny_graded
    again = ["solution", "tampered", "loop", "late", "missing"]
    before = {s: tiny.scores()[s] for s in again}
    outcomes = course.autograde("tiny", tiny.root, students=again, force=True, echo=False)
    assert all(o.ok for o in outcomes)
    after = {s: tiny.scores()[s] for s in again}
    assert after == before


def test_feedback_never_shows_a_hidden_test(tiny_graded):
    tiny, _, _ = tiny_graded
    course.feedback(["tiny"], tiny.root, exchange=False)
    files = sorted((tiny.root / "feedback").glob("*/tiny/*.html"))
    assert {f.parent.parent.name for f in files} >= {"solution", "blank", "tampered", "late"}
    for html_file in files:
        text = course.visible_text(html_file)
        source = tiny.root / "source" / "tiny" / (html_file.stem + ".ipynb")
        for line in hidden_test_lines(source):
            assert line not in text, f"{html_file} shows hidden test line {line!r}"
        assert course.feedback_leaks(html_file, "tiny", tiny.root) == []
    # A failing hidden test is still reported to the student, in plain words.
    blank = course.visible_text(tiny.root / "feedback" / "blank" / "tiny" / "part-a.html")
    assert "Atestinthiscelldidnotpass" in blank


def test_feedback_check_would_catch_a_leak(tiny_graded):
    """The leak detector itself: the autograded notebook does contain the hidden tests."""
    tiny, _, _ = tiny_graded
    graded = tiny.root / "autograded" / "solution" / "tiny" / "part-a.ipynb"
    source = tiny.root / "source" / "tiny" / "part-a.ipynb"
    assert course.leaks(source, graded)


def test_restored_cells_keep_the_grader_note_out_of_the_code(tiny_graded):
    tiny, _, _ = tiny_graded
    graded = tiny.autograded("deleted", "part-a")
    restored = next(c for c in graded.cells
                    if c.metadata.get("nbgrader", {}).get("grade_id") == "q3_test")
    first, *rest = restored.source.splitlines()
    assert first.startswith("# ") and "put it back" in first
    assert any("BEGIN HIDDEN TESTS" in line for line in rest) or rest
    assert nbformat.validate(graded) is None
