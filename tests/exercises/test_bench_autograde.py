"""The benchmark entry point the harness calls: autograde_s_per_submission."""

from __future__ import annotations

import bench_autograde
import pytest
from exercise_support import course


@pytest.mark.parametrize("kwargs, word", [
    ({"assignment": "no-such-assignment"}, "assignment"),
    ({"n_submissions": 0}, "n_submissions"),
    ({"n_submissions": 2.5}, "n_submissions"),
])
def test_bad_arguments_are_refused_by_name(kwargs, word):
    with pytest.raises(ValueError, match=word):
        bench_autograde.autograde_s_per_submission(**kwargs)


@pytest.mark.slow
def test_a_small_synthetic_class_is_built_and_graded(tmp_path):
    root = tmp_path / "course"
    seconds = bench_autograde.autograde_s_per_submission(
        "febrile-seizures", n_submissions=2, seed=1, workdir=root)
    assert seconds > 0
    scores = course.gradebook_scores("febrile-seizures", root)
    assert sorted(scores) == ["student001", "student002"]
    # The same seed builds the same class: answers (hence scores) are reproducible.
    again = tmp_path / "again"
    bench_autograde.autograde_s_per_submission(
        "febrile-seizures", n_submissions=2, seed=1, workdir=again)
    assert course.gradebook_scores("febrile-seizures", again) == scores
