"""The boundary validator: one message shape, numpy scalars accepted, nonsense refused by name."""

from __future__ import annotations

import doctest
import math

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from twitchlab import _validate as V


def test_the_examples_in_the_docstrings_run():
    result = doctest.testmod(V, optionflags=doctest.ELLIPSIS)
    assert result.attempted >= 10 and result.failed == 0


nonsense = st.one_of(
    st.none(), st.booleans(), st.text(max_size=5), st.just(float("nan")),
    st.just(float("inf")), st.just(-float("inf")), st.just(10**400), st.dictionaries(
        st.text(max_size=2), st.integers(), max_size=2), st.lists(st.integers(), max_size=3),
    st.floats(-1e300, -1e-9), st.floats(1e6, 1e300),
)


@given(nonsense)
def test_check_number_refuses_nonsense_by_name(x):
    with pytest.raises(ValueError, match=r"^temperature_c=.* is not allowed: .*from 34 to 43"):
        V.check_number(x, "temperature_c", min_val=34, max_val=43, unit="°C")


@given(st.floats(34, 43) | st.integers(34, 43)
       | st.floats(34, 43).map(np.float32).filter(lambda v: 34 <= float(v) <= 43)
       | st.integers(34, 43).map(np.int64))
def test_check_number_accepts_every_valid_number_python_or_numpy(x):
    got = V.check_number(x, "temperature_c", min_val=34, max_val=43)
    assert type(got) is float and math.isclose(got, float(x))


@given(st.one_of(st.booleans(), st.floats(allow_nan=True), st.text(max_size=3), st.none(),
                 st.integers(max_value=-1), st.just(np.True_)))
def test_check_int_refuses_non_integers_and_negatives_by_name(x):
    with pytest.raises(ValueError, match=r"^seed=.* is not allowed: a whole number >= 0"):
        V.check_int(x, "seed", min_val=0)


def test_wrong_types_are_type_errors_and_value_errors():
    with pytest.raises(TypeError, match="age_days='ten'"):
        V.check_number("ten", "age_days", min_val=0)
    with pytest.raises(ValueError, match="age_days='ten'"):
        V.check_number("ten", "age_days", min_val=0)
    assert V.check_bool(np.False_, "rhythmic") is False
    assert V.check_number(None, "fever_c", allow_none=True) is None


@pytest.mark.parametrize("value,words", [
    ([0.0, float("nan")], "finite"), ([[1.0, 2.0]], "1-D"), ([3.0, 1.0], "sorted"),
    ("0,1", "sequence of numbers"), (None, "sequence of numbers"), ([None, 1.0], "no text"),
    ([-1.0], "found -1"), ({"a": 1}, "sequence of numbers"), ([True, False], "no text"),
])
def test_check_array_names_the_argument_and_the_problem(value, words):
    with pytest.raises(ValueError, match=rf"^onsets_s=.* is not allowed: .*{words}"):
        V.check_array(value, "onsets_s", sorted_=True, min_val=0)


def test_a_size_that_cannot_fit_is_refused_before_allocation():
    with pytest.raises(ValueError, match="n=1000000000 is not allowed: at most"):
        V.check_size(10**9, "n", per_item=1000)
    assert V.check_size(1000, "n", per_item=1000) == 1000


def test_a_hostile_repr_does_not_hide_the_message():
    class Hostile:
        def __repr__(self):
            raise RuntimeError("no")

    with pytest.raises(ValueError, match=r"^x=<Hostile> is not allowed"):
        V.check_number(Hostile(), "x")
