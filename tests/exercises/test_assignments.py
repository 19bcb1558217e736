"""The four real assignments through the real nbgrader: release, autograde, feedback.

One shared run (conftest ``real_graded``): every assignment is generated, then the instructor's
source notebooks (every answer right) and the untouched release are autograded, and feedback is
generated for both.
"""

from __future__ import annotations

import nbformat
import pytest
from exercise_support import EXERCISES, course, grade_cells, hidden_test_lines, real_assignments

ASSIGNMENTS = real_assignments()


def points(name: str) -> tuple[float, float]:
    """(autograded points, manually graded points) declared in the source notebook."""
    auto = manual = 0.0
    for nb_path in (EXERCISES / "source" / name).glob("*.ipynb"):
        for cell in grade_cells(nbformat.read(nb_path, 4)).values():
            meta = cell.metadata["nbgrader"]
            if meta.get("task") or (meta.get("grade") and meta.get("solution")):
                manual += meta.get("points", 0)
            elif meta.get("grade"):
                auto += meta["points"]
    return auto, manual


def test_the_course_has_its_four_assignments():
    assert set(ASSIGNMENTS) >= {"sleep-stages", "myoclonus", "benign-or-concerning",
                                "febrile-seizures"}
    assert list(course.schedule(EXERCISES)) == [
        "sleep-stages", "myoclonus", "benign-or-concerning", "febrile-seizures"]


@pytest.mark.parametrize("name", ASSIGNMENTS)
def test_each_assignment_mixes_autograded_and_hand_graded_work(name):
    auto, manual = points(name)
    assert auto >= 8 and manual >= 2, (auto, manual)
    cells = [c for p in (EXERCISES / "source" / name).glob("*.ipynb")
             for c in nbformat.read(p, 4).cells]
    hidden = [c for c in cells if "BEGIN HIDDEN TESTS" in c.source]
    assert len(hidden) >= 4, "answer keys belong in hidden tests"
    assert any("MARK SCHEME" in c.source for c in cells), "the grader needs a rubric"


@pytest.mark.parametrize("name", ASSIGNMENTS)
def test_source_notebooks_are_committed_without_outputs(name):
    for nb_path in (EXERCISES / "source" / name).glob("*.ipynb"):
        nb = nbformat.read(nb_path, 4)
        assert nbformat.validate(nb) is None
        for cell in nb.cells:
            if cell.cell_type == "code":
                assert cell.outputs == [] and cell.execution_count is None, nb_path


@pytest.mark.slow
@pytest.mark.parametrize("name", ASSIGNMENTS)
def test_solution_scores_full_autograded_marks(real_graded, name):
    root, outcomes = real_graded
    outcome = outcomes[name]["solution"]
    assert outcome.ok and not outcome.problems, outcome.problems
    record = course.gradebook_scores(name, root)["solution"]
    auto, manual = points(name)
    failing = {k: v for k, v in record["grades"].items() if v is not None and v == 0
               and "test" in k}
    assert record["auto_score"] == auto, failing
    assert record["max_score"] == auto + manual


@pytest.mark.slow
@pytest.mark.parametrize("name", ASSIGNMENTS)
def test_blank_release_scores_zero(real_graded, name):
    root, outcomes = real_graded
    assert outcomes[name]["blank"].ok
    assert course.gradebook_scores(name, root)["blank"]["score"] == 0


@pytest.mark.slow
@pytest.mark.parametrize("name", ASSIGNMENTS)
def test_release_shows_no_solution_and_no_hidden_test(real_graded, name):
    root, _ = real_graded
    for src in sorted((root / "source" / name).glob("*.ipynb")):
        released = root / "release" / name / src.name
        text = nbformat.read(released, 4)
        whole = "\n".join(c.source for c in text.cells)
        for marker in ("BEGIN SOLUTION", "BEGIN HIDDEN TESTS", "BEGIN MARK SCHEME", "_KEY"):
            assert marker not in whole, f"{released} contains {marker}"
        assert course.secret_lines(src), "the check needs secret lines to look for"
        assert course.leaks(src, released) == []


@pytest.mark.slow
@pytest.mark.parametrize("name", ASSIGNMENTS)
def test_feedback_shows_no_rubric(real_graded, name):
    root, _ = real_graded
    for src in sorted((root / "source" / name).glob("*.ipynb")):
        rubric = course.region_lines(src, "BEGIN MARK SCHEME", "END MARK SCHEME")
        assert rubric
        text = course.visible_text(root / "feedback" / "blank" / name / f"{src.stem}.html")
        assert not [line for line in rubric if line in text]
        # ... while the grader sees it in the autograded notebook the formgrader shows.
        graded = course.visible_text(root / "autograded" / "blank" / name / src.name)
        assert all(line in graded for line in rubric)


@pytest.mark.slow
@pytest.mark.parametrize("name", ASSIGNMENTS)
def test_feedback_shows_no_hidden_test(real_graded, name):
    root, _ = real_graded
    for student in ("solution", "blank"):
        for src in sorted((root / "source" / name).glob("*.ipynb")):
            html_file = root / "feedback" / student / name / f"{src.stem}.html"
            assert html_file.is_file(), html_file
            assert course.feedback_leaks(html_file, name, root) == []
            # The check is not blind: the graded notebook holds the hidden tests.
            graded = root / "autograded" / student / name / src.name
            text = course.visible_text(graded)
            assert any(line in text for line in hidden_test_lines(src))
