"""EMG-like myoclonus traces and the duration measures the myoclonus exercise uses."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from twitchlab import emg


# Statistical checks on noisy traces: derandomized so the suite is repeatable. Stated accuracy
# in the measurable regime (clear burst on low tone; near-complete lapse of ongoing tone):
# bursts within 25 ms, silent periods within 30 ms (worst of 1,500 random traces: 20 and 26 ms).
@settings(max_examples=40, deadline=None, derandomize=True)
@given(duration=st.floats(20.0, 400.0), amplitude=st.floats(0.7, 1.0),
       tone=st.floats(0.0, 0.25), seed=st.integers(0, 2**31))
def test_burst_duration_is_measured_within_25_ms(duration, amplitude, tone, seed):
    tr = emg.myoclonus_trace("positive", amplitude=amplitude, duration_ms=duration,
                             background_tone=tone, seed=seed)
    assert tr.measure() == pytest.approx(duration, abs=25.0)


@settings(max_examples=40, deadline=None, derandomize=True)
@given(duration=st.floats(50.0, 800.0), amplitude=st.floats(0.9, 1.0),
       tone=st.floats(0.3, 0.8), seed=st.integers(0, 2**31))
def test_silent_period_is_measured_within_30_ms(duration, amplitude, tone, seed):
    tr = emg.myoclonus_trace("negative", amplitude=amplitude, duration_ms=duration,
                             background_tone=tone, seed=seed)
    assert tr.measure() == pytest.approx(duration, abs=30.0)


def test_positive_is_a_burst_and_negative_a_silence_in_ongoing_tone():
    pos = emg.myoclonus_trace("positive", duration_ms=60, amplitude=1.0, background_tone=0.2,
                              seed=1)
    neg = emg.myoclonus_trace("negative", duration_ms=200, amplitude=1.0, background_tone=0.5,
                              seed=1)
    inside = (pos.t_s >= pos.onset_s) & (pos.t_s < pos.onset_s + 0.06)
    assert np.abs(pos.emg[inside]).mean() > 3 * np.abs(pos.emg[~inside]).mean()
    inside = (neg.t_s >= neg.onset_s) & (neg.t_s < neg.onset_s + 0.2)
    assert np.abs(neg.emg[inside]).mean() < 0.2 * np.abs(neg.emg[~inside]).mean()
    assert emg.burst_durations_ms(pos.emg, pos.fs_hz).size == 1
    assert emg.silent_periods_ms(neg.emg, neg.fs_hz).size == 1


def test_typical_limits_are_100_ms_bursts_and_500_ms_silences():
    assert emg.myoclonus_trace("positive", duration_ms=80, seed=1).typical
    assert not emg.myoclonus_trace("positive", duration_ms=150, seed=1).typical
    assert emg.myoclonus_trace("negative", duration_ms=400, seed=1).typical
    assert not emg.myoclonus_trace("negative", duration_ms=700, seed=1).typical


def test_trace_shape_sampling_and_frame():
    tr = emg.myoclonus_trace("positive", fs_hz=2000, seed=5)
    assert tr.t_s.size == tr.emg.size == 4000
    assert np.allclose(np.diff(tr.t_s), 1 / 2000)
    assert list(tr.frame().columns) == ["t_s", "emg"]
    long = emg.myoclonus_trace("negative", duration_ms=1800, seed=5)
    assert long.t_s[-1] >= long.onset_s + 1.8
    assert emg.myoclonus_trace("positive", seed=5, window_s=3.0).t_s.size == 3000


def test_same_seed_same_trace():
    a = emg.myoclonus_trace("negative", seed=9)
    b = emg.myoclonus_trace("negative", seed=9)
    np.testing.assert_array_equal(a.emg, b.emg)


def test_above_runs_ms_counts_runs_and_bridges_short_gaps():
    mask = np.array([0, 1, 1, 1, 0, 0, 1, 1, 0, 1], dtype=bool)
    np.testing.assert_array_equal(emg.above_runs_ms(mask, 1000), [3.0, 2.0, 1.0])
    np.testing.assert_array_equal(emg.above_runs_ms(mask, 1000, bridge_ms=2.0), [9.0])


@pytest.mark.parametrize("kw,words", [
    ({"kind": "sideways"}, "kind='sideways'"),
    ({"amplitude": 0.0}, "amplitude=0.0"),
    ({"amplitude": 1.5}, "amplitude=1.5"),
    ({"duration_ms": 1.0}, "duration_ms=1.0"),
    ({"background_tone": -0.1}, "background_tone=-0.1"),
    ({"kind": "negative", "background_tone": 0.0}, "background_tone=0.*negative myoclonus"),
    ({"fs_hz": 100}, "fs_hz=100"),
    ({"fs_hz": 1000.5}, "fs_hz=1000.5"),
    ({"window_s": 0.5}, "window_s=0.5"),
])
def test_bad_parameters_raise_naming_field_value_and_allowed(kw, words):
    args = {"kind": "positive", **kw}
    with pytest.raises(ValueError, match=words):
        emg.myoclonus_trace(args.pop("kind"), **args)
    with pytest.raises(ValueError, match="kind='x'"):
        emg.measure(np.zeros(10), 1000, "x")
