"""Timeline and Context: validation, views, and CSV + JSON files that round-trip and validate."""

from __future__ import annotations

import json

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from twitchlab.timeline import Context, Timeline


def small(**kw) -> Timeline:
    base = dict(
        context=Context(age_days=10),
        state_start_s=[0.0, 60.0, 200.0], state_end_s=[60.0, 200.0, 260.0],
        state=["W", "AS", "W"],
        event_onset_s=[70.0, 71.5, 90.0], event_duration_s=[0.05, 0.08, 0.1],
        event_body_part=["fingers", "toes", "face"], event_side=["left", "right", "midline"],
        event_amplitude=[0.1, 0.2, 0.15], event_pattern=["sleep_twitches"] * 3,
        event_cluster=[0, 0, 1], marker_time_s=[200.0], marker_kind=["woken"],
        observations={"signs": ["irregular_breathing"]},
    )
    base.update(kw)
    return Timeline(**base)


# --- Context ---------------------------------------------------------------------------------
def test_context_scheme_and_corrected_age():
    assert Context(age_days=30).scheme == "infant"
    assert Context(age_days=120).scheme == "aasm"
    preterm = Context(age_days=120, gestation_weeks=32.0)
    assert preterm.corrected_age_days == 64
    assert preterm.scheme == "infant"
    assert Context.from_dict(preterm.to_dict()) == preterm


@pytest.mark.parametrize("kw,field", [
    ({"age_days": -1}, "age_days"), ({"age_days": 3.5}, "age_days"),
    ({"age_days": 10, "gestation_weeks": 50}, "gestation_weeks"),
    ({"age_days": 10, "temperature_c": 45.0}, "temperature_c"),
    ({"age_days": 10, "pattern": "hiccups"}, "pattern"),
    ({"age_days": 10, "seed": -3}, "seed"),
])
def test_context_rejects_bad_values_naming_the_field(kw, field):
    with pytest.raises(ValueError, match=field):
        Context(**kw)


def test_context_from_dict_rejects_unknown_and_missing_keys():
    with pytest.raises(ValueError, match="'colour'"):
        Context.from_dict({"age_days": 1, "colour": "red"})
    with pytest.raises(ValueError, match="age_days"):
        Context.from_dict({"gestation_weeks": 40})


# --- Timeline validation ---------------------------------------------------------------------
def test_views():
    tl = small()
    assert tl.duration_s == 260.0 and tl.n_events == 3
    assert list(tl.state_at([0.0, 59.9, 60.0, 259.9])) == ["W", "W", "AS", "W"]
    assert list(tl.events_frame()["state"]) == ["AS", "AS", "AS"]
    assert tl.states_frame()["duration_s"].sum() == pytest.approx(260.0)
    assert list(tl.markers_frame()["kind"]) == ["woken"]
    with pytest.raises(ValueError, match="t_s"):
        tl.state_at(260.0)


def test_arrays_are_read_only():
    tl = small()
    with pytest.raises(ValueError):
        tl.event_onset_s[0] = 5.0


@pytest.mark.parametrize("kw,words", [
    ({"state_start_s": [0.0, 61.0, 200.0]}, "no gap or overlap"),
    ({"state_start_s": [0.0, 59.0, 200.0]}, "no gap or overlap"),
    ({"state_start_s": [1.0, 60.0, 200.0]}, r"state_start_s\[0\]"),
    ({"state": ["W", "R", "W"]}, "state='R' is not allowed: one of 'W'"),
    ({"state_end_s": [60.0, 200.0]}, "state_end_s=.* with 3 values \\(got 2\\)"),
    ({"event_onset_s": [90.0, 71.5, 70.0]}, "event_onset_s=.*sorted in increasing order"),
    ({"event_onset_s": [70.0, 71.5, 300.0]}, "event_onset_s=300.0 is not allowed"),
    ({"event_amplitude": [0.1, 1.2, 0.1]}, "event_amplitude=.*from 0 to 1.*found 1.2"),
    ({"event_body_part": ["fingers", "tail", "face"]}, "event_body_part='tail' is not allowed"),
    ({"event_side": ["left", "up", "midline"]}, "event_side='up' is not allowed"),
    ({"event_pattern": ["sleep_twitches", "sleep_twitches", "tics"]}, "event_pattern"),
    ({"event_duration_s": [0.05, -0.1, 0.1]}, "event_duration_s"),
    ({"marker_kind": ["tickled"]}, "marker_kind='tickled' is not allowed"),
    ({"observations": {"mood": "sunny"}}, "observations key='mood' is not allowed"),
    ({"observations": {"episodes_24h": 0}}, "observations\\[\'episodes_24h\'\\]=0 is not allowed"),
    ({"state_end_s": [60.0, 200.0, np.nan]}, "finite"),
])
def test_bad_timelines_raise_naming_the_field(kw, words):
    with pytest.raises(ValueError, match=words):
        small(**kw)


# --- files -----------------------------------------------------------------------------------
def test_save_load_round_trips_exactly(tmp_path):
    tl = small(context=Context(age_days=10, temperature_c=37.2, pattern="sleep_twitches",
                               seed=4))
    path = tl.save(tmp_path / "night")
    assert path.name == "night.json"
    assert (tmp_path / "night.states.csv").is_file() and (tmp_path / "night.events.csv").is_file()
    back = Timeline.load(path)
    assert back.context == tl.context
    for name in ("state_start_s", "state_end_s", "state", "event_onset_s", "event_duration_s",
                 "event_body_part", "event_side", "event_amplitude", "event_pattern",
                 "event_cluster", "marker_time_s", "marker_kind"):
        np.testing.assert_array_equal(getattr(back, name), getattr(tl, name), err_msg=name)
    assert dict(back.observations) == dict(tl.observations)
    assert Timeline.load(tmp_path / "night").n_events == 3


def test_empty_events_round_trip(tmp_path):
    tl = Timeline(context=Context(age_days=400), state_start_s=[0.0], state_end_s=[30.0],
                  state=["N2"])
    back = Timeline.load(tl.save(tmp_path / "x.json"))
    assert back.n_events == 0 and list(back.state) == ["N2"]


def _corrupt(tmp_path, file_suffix, edit):
    path = small().save(tmp_path / "t")
    target = tmp_path / f"t{file_suffix}"
    target.write_text(edit(target.read_text()))
    return path


@pytest.mark.parametrize("suffix,edit,words", [
    (".states.csv", lambda s: s.replace("AS", "REM"), "t.json: state='REM' is not allowed"),
    (".states.csv", lambda s: s.replace("start_s", "begin_s"), "t.states.csv: columns"),
    (".events.csv", lambda s: s.replace("fingers", "paws"), "t.json: event_body_part='paws' is not allowed"),
    (".events.csv", lambda s: s.replace("0.1,sleep", "abc,sleep"), "amplitude"),
    (".json", lambda s: s.replace('"age_days": 10', '"age_days": -10'), "age_days=-10"),
    (".json", lambda s: s.replace('"format": "twitchlab.timeline"', '"format": "x"'), "format"),
    (".json", lambda s: s[:-5], "not valid JSON"),
    (".json", lambda s: s.replace('"t.events.csv"', '"gone.csv"'), "events_file"),
])
def test_load_rejects_bad_files_naming_file_and_field(tmp_path, suffix, edit, words):
    path = _corrupt(tmp_path, suffix, edit)
    with pytest.raises(ValueError, match=words) as err:
        Timeline.load(path)
    assert "t." in str(err.value) or "t.json" in str(err.value)


def test_load_missing_file(tmp_path):
    with pytest.raises(ValueError, match="not found"):
        Timeline.load(tmp_path / "nothing.json")


def test_rounded_keeps_a_valid_tiling():
    tl = small(state_start_s=[0.0, 60.00049, 200.0], state_end_s=[60.00049, 200.0, 260.0])
    r = tl.rounded(3)
    assert r.state_start_s[1] == r.state_end_s[0] == 60.0


@st.composite
def timelines(draw):
    n = draw(st.integers(1, 12))
    lengths = draw(st.lists(st.floats(0.01, 5000, allow_nan=False), min_size=n, max_size=n))
    ends = np.cumsum(lengths)
    starts = np.r_[0.0, ends[:-1]]
    age = draw(st.sampled_from([5, 400]))
    labels = ["W", "AS", "QS", "IS"] if age < 90 else ["W", "N1", "N2", "N3", "R"]
    states = draw(st.lists(st.sampled_from(labels), min_size=n, max_size=n))
    m = draw(st.integers(0, 20))
    on = np.sort(draw(st.lists(st.floats(0, float(ends[-1]), exclude_max=True), min_size=m,
                               max_size=m)))
    return Timeline(
        context=Context(age_days=age), state_start_s=starts, state_end_s=ends, state=states,
        event_onset_s=on, event_duration_s=np.full(m, 0.1), event_body_part=["arm"] * m,
        event_side=["left"] * m, event_amplitude=np.full(m, 0.5),
        event_pattern=["focal_seizure"] * m,
    )


@settings(max_examples=40, deadline=None)
@given(timelines())
def test_any_valid_timeline_round_trips_through_files(tmp_path_factory, tl):
    path = tl.save(tmp_path_factory.mktemp("h") / "tl")
    back = Timeline.load(path)
    np.testing.assert_array_equal(back.state_end_s, tl.state_end_s)
    np.testing.assert_array_equal(back.event_onset_s, tl.event_onset_s)
    np.testing.assert_array_equal(back.state, tl.state)
    assert json.loads(path.read_text())["duration_s"] == tl.duration_s
