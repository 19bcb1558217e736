"""The instructor tool's own pieces, without running nbgrader: fast.

The leak checks, the late penalty and the argument checks are what stand between a mistake and a
class that sees the answers or is marked down wrongly, so each gets a small direct test.
"""

from __future__ import annotations

import nbformat
import pytest
from course_plugins import LatePenaltyPerDay
from exercise_support import EXERCISES, copy_course_skeleton, course, tiny_part_a, tiny_part_b

DAY_S = 24 * 3600


@pytest.mark.parametrize("seconds_late, days", [
    (1, 1), (DAY_S, 1), (DAY_S + 1, 2), (3 * DAY_S, 3),
])
def test_late_penalty_is_ten_percent_per_started_day(seconds_late, days):
    plugin = LatePenaltyPerDay()
    assert plugin.late_submission_penalty("s", 20.0, seconds_late) == pytest.approx(2.0 * days)


def test_late_penalty_never_exceeds_the_score_and_spares_work_on_time():
    plugin = LatePenaltyPerDay()
    assert plugin.late_submission_penalty("s", 20.0, 30 * DAY_S) == 20.0
    assert plugin.late_submission_penalty("s", 20.0, 0) is None


def test_late_penalty_refuses_a_fraction_outside_0_1():
    with pytest.raises(ValueError, match="fraction_per_day"):
        LatePenaltyPerDay(fraction_per_day=1.5).late_submission_penalty("s", 10.0, 5)


@pytest.fixture
def tiny_source(tmp_path):
    root = copy_course_skeleton(tmp_path / "course", with_source=False)
    folder = root / "source" / "tiny"
    folder.mkdir(parents=True)
    nbformat.write(tiny_part_a(), folder / "part-a.ipynb")
    nbformat.write(tiny_part_b(), folder / "part-b.ipynb")
    return root


def test_secret_lines_are_those_of_solutions_hidden_tests_and_rubrics(tiny_source):
    lines = course.secret_lines(tiny_source / "source" / "tiny" / "part-a.ipynb")
    assert "assertq1=='b','notthe" in " ".join(lines)  # a hidden test
    assert "q3=7*1#seven,thesolutionvalue" in lines  # a solution
    assert "Onepointfornamingtherubriccriterion." in lines  # a rubric
    assert not any("answerwithoneletter" in line for line in lines)  # a visible test


def test_check_release_catches_a_leaked_solution(tiny_source):
    release = tiny_source / "release" / "tiny"
    release.mkdir(parents=True)
    leaky = tiny_part_a()  # the source itself, as if nbgrader had not cleared it
    nbformat.write(leaky, release / "part-a.ipynb")
    nbformat.write(tiny_part_b(), release / "part-b.ipynb")
    with pytest.raises(RuntimeError, match="gives answers away"):
        course.check_release("tiny", tiny_source)


def test_check_release_names_a_missing_release(tiny_source):
    with pytest.raises(RuntimeError, match="was not generated"):
        course.check_release("tiny", tiny_source)


def test_unknown_assignment_is_refused_by_name():
    with pytest.raises(ValueError, match="assignment='no-such'.*febrile-seizures"):
        course.release(["no-such"], EXERCISES)


def test_import_refuses_a_path_that_does_not_exist(tiny_source, tmp_path):
    (tiny_source / "release" / "tiny").mkdir(parents=True)
    with pytest.raises(ValueError, match="path="):
        course.import_submissions("tiny", tmp_path / "nowhere.zip", tiny_source)


def test_schedule_lists_the_four_assignments_with_utc_due_dates():
    dates = course.schedule(EXERCISES)
    assert list(dates) == ["sleep-stages", "myoclonus", "benign-or-concerning",
                           "febrile-seizures"]
    assert all(d.endswith(" UTC") for d in dates.values())
    assert sorted(dates.values()) == list(dates.values())


def test_a_schedule_entry_without_a_due_date_is_refused(tmp_path):
    (tmp_path / "schedule.toml").write_text('[sleep-stages]\ndue = "soon"\n')
    with pytest.raises(ValueError, match="duedate"):
        course.schedule(tmp_path)


def test_visible_text_of_html_ignores_tags_and_entities(tmp_path):
    page = tmp_path / "f.html"
    page.write_text('<span class="k">assert</span> <span>q1</span> == &quot;b&quot;')
    assert "assertq1==\"b\"" in course.visible_text(page)


def _load_student_config(folder):
    from traitlets.config.loader import PyFileConfigLoader

    return PyFileConfigLoader("nbgrader_config.py", path=str(folder)).load_config()


def test_student_config_points_at_the_course_exchange(tmp_path, monkeypatch):
    monkeypatch.delenv("TWITCHLAB_EXCHANGE", raising=False)
    course.student_config(tmp_path / "alice", tmp_path / "course")
    config = _load_student_config(tmp_path / "alice")
    assert config.Exchange.root == str(tmp_path / "course" / "exchange")
    assert config.CourseDirectory.course_id == "sleep-twitches"
    assert config.Exchange.cache == str(tmp_path / "alice" / ".nbgrader-cache")
    # A shared hub folder named by the environment wins, when the student's nbgrader runs.
    monkeypatch.setenv("TWITCHLAB_EXCHANGE", "/srv/nbgrader/exchange")
    assert _load_student_config(tmp_path / "alice").Exchange.root == "/srv/nbgrader/exchange"


def test_roster_without_an_id_column_is_refused(tmp_path):
    roster = tmp_path / "students.csv"
    roster.write_text("name,email\nAlice,a@example.edu\n")
    with pytest.raises(ValueError, match="'id' column"):
        course.roster(roster, tmp_path)


def test_the_shipped_roster_has_the_columns_nbgrader_imports():
    import csv

    rows = list(csv.DictReader((EXERCISES / "students.csv").open()))
    assert rows and set(rows[0]) == {"id", "first_name", "last_name", "email"}
    assert all(r["id"] and "@" in r["email"] for r in rows)


def test_gradebook_times_are_written_with_their_time_zone():
    from datetime import datetime

    assert course._iso(datetime(2027, 3, 19, 23, 59)) == "2027-03-19T23:59:00+00:00"
    assert course._iso(None) == ""
