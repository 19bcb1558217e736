"""Pattern generators: each pattern's events lie where it occurs and look like the reference."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from twitchlab import params as P
from twitchlab.patterns import pattern_options, placement_ok, simulate_episode


def ages_for(pattern):
    lo, hi = P.pattern_age_days(pattern)
    return st.integers(lo, min(hi, 30 * 365))


OPTIONS = {
    "sleep_twitches": {"duration_s": st.floats(30.0, 1200.0)},
    "bnsm": {"duration_s": st.floats(5.0, 1500.0), "side": st.sampled_from(
        ["both", "left", "right", "migrating"]), "stage": st.sampled_from(["quiet", "active"])},
    "jitteriness": {"duration_s": st.floats(1.0, 120.0),
                    "provoked_by": st.sampled_from(["handling", "crying"])},
    "benign_myoclonus_of_infancy": {"n_clusters": st.integers(1, 10)},
    "infantile_spasms": {"n_spasms": st.integers(5, 60)},
    "simple_febrile_seizure": {"duration_s": st.floats(1.0, 899.0)},
    "complex_febrile_seizure": {"complex_by": st.sampled_from(["focal", "prolonged",
                                                               "repeated"])},
    "focal_seizure": {"duration_s": st.floats(1.0, 900.0), "from_sleep": st.booleans(),
                      "side": st.sampled_from(["left", "right"])},
    "generalized_seizure": {"duration_s": st.floats(1.0, 900.0), "from_sleep": st.booleans()},
    "hypnic_jerk": {},
}


@st.composite
def episodes(draw):
    pattern = draw(st.sampled_from(P.PATTERNS))
    age = draw(ages_for(pattern))
    gest = draw(st.sampled_from([32.0, 40.0]))
    options = {k: draw(v) for k, v in OPTIONS[pattern].items() if draw(st.booleans())}
    return simulate_episode(pattern, age, gestation_weeks=gest,
                            seed=draw(st.integers(0, 2**31)), **options)


@settings(max_examples=80, deadline=None)
@given(episodes())
def test_events_lie_only_where_their_pattern_occurs(tl):
    assert tl.n_events >= 1
    assert placement_ok(tl).all()
    states = set(tl.state_at(tl.event_onset_s).tolist())
    pattern = tl.context.pattern
    if pattern in ("bnsm", "sleep_twitches", "hypnic_jerk"):
        assert "W" not in states, "sleep-only movements never start while awake"
    if pattern in ("jitteriness", "benign_myoclonus_of_infancy"):
        assert states == {"W"}
    if pattern == "infantile_spasms":
        assert states.isdisjoint({"QS", "N2", "N3"}), "no spasm cluster in quiet/deep sleep"
    if pattern == "bnsm":  # ends abruptly when the baby wakes
        wake = tl.state_start_s[tl.state == "W"][0]
        assert np.all(tl.event_onset_s + tl.event_duration_s <= wake)
    if pattern == "jitteriness":  # stops when held
        held = tl.marker_time_s[tl.marker_kind == "held"][0]
        assert tl.event_onset_s[-1] <= held + 1.0
    if pattern == "infantile_spasms":
        assert np.all((np.diff(tl.event_onset_s) >= 5.0) & (np.diff(tl.event_onset_s) <= 30.0))
        assert np.all((tl.event_duration_s >= 1.0) & (tl.event_duration_s <= 2.0))
    if pattern == "simple_febrile_seizure":
        assert (tl.event_onset_s + tl.event_duration_s).max() - tl.event_onset_s[0] < 900.0
        assert tl.context.temperature_c >= 38.0
    if pattern == "sleep_twitches":
        assert np.all(tl.event_duration_s <= 0.2)
    # the states tile the window with no gap or overlap
    np.testing.assert_array_equal(tl.state_start_s[1:], tl.state_end_s[:-1])
    assert np.all(tl.state[1:] != tl.state[:-1])
    assert set(tl.event_pattern.tolist()) == {pattern}


@pytest.mark.parametrize("pattern", P.PATTERNS)
def test_every_pattern_is_deterministic_with_a_seed(pattern):
    lo, _ = P.pattern_age_days(pattern)
    a = simulate_episode(pattern, lo + 10, seed=3)
    b = simulate_episode(pattern, lo + 10, seed=3)
    np.testing.assert_array_equal(a.event_onset_s, b.event_onset_s)
    np.testing.assert_array_equal(a.state_end_s, b.state_end_s)
    assert a.context.pattern == pattern and a.context.seed == 3


def test_sleep_twitches_are_brief_low_and_stop_on_waking():
    for seed in range(10):
        tl = simulate_episode("sleep_twitches", 20, seed=seed)
        assert np.all(tl.event_duration_s <= 0.2) and np.all(tl.event_amplitude <= 0.4)
        assert tl.state[-1] == "W"
        assert np.all(tl.event_onset_s + tl.event_duration_s <= tl.state_start_s[-1])


def test_hypnic_jerk_is_one_jerk_seconds_after_falling_asleep():
    for seed in range(20):
        tl = simulate_episode("hypnic_jerk", 9000, seed=seed)
        assert tl.n_events == 1
        i = int(tl.state_index_at(tl.event_onset_s[0]))
        assert tl.state[i] == "N1" and tl.state[i - 1] == "W"
        assert tl.event_onset_s[0] - tl.state_start_s[i] <= 20.0
        assert tl.event_duration_s[0] < 1.0


def test_bnsm_is_rhythmic_1_to_5_hz_in_sleep_and_ends_when_the_baby_wakes():
    for seed in range(20):
        tl = simulate_episode("bnsm", 7, seed=seed)
        wake = tl.state_start_s[tl.state == "W"][0]
        assert np.all(tl.event_onset_s + tl.event_duration_s <= wake)
        for c in np.unique(tl.event_cluster):
            on = tl.event_onset_s[tl.event_cluster == c]
            if on.size >= 3:
                hz = 1.0 / np.median(np.diff(on))
                assert 0.9 <= hz <= 5.5
        assert set(tl.event_body_part.tolist()) <= {"hand", "arm", "fingers", "leg"}
        held = tl.marker_time_s[tl.marker_kind == "held"]
        if held.size:  # holding does not stop it
            assert np.any(tl.event_onset_s > held[0] + 2.0)


def test_bnsm_comes_in_quiet_or_active_sleep_as_asked():
    for stage, label in (("quiet", "QS"), ("active", "AS")):
        tl = simulate_episode("bnsm", 7, seed=2, stage=stage)
        assert set(tl.state_at(tl.event_onset_s).tolist()) == {label}


def test_placement_check_catches_misplaced_events():
    from twitchlab.timeline import Timeline

    good = simulate_episode("bnsm", 7, seed=5, stage="quiet")
    wake = good.state_start_s[good.state == "W"][0]
    moved = good.event_onset_s.copy()
    moved[-1] = wake + 1.0  # a jerk after waking: not BNSM
    bad = Timeline(**{**good.__dict__, "event_onset_s": moved})
    ok = placement_ok(bad)
    assert ok[:-1].all() and not ok[-1]


def test_bnsm_episode_length_follows_duration_s():
    tl = simulate_episode("bnsm", 7, seed=1, duration_s=600.0)
    span = tl.event_onset_s[-1] - tl.event_onset_s[0]
    assert 500.0 <= span <= 600.0


def test_jitteriness_starts_after_handling_and_stops_when_held():
    for seed in range(10):
        tl = simulate_episode("jitteriness", 3, seed=seed)
        provoke = tl.marker_time_s[np.isin(tl.marker_kind, ["handling", "crying"])][0]
        held = tl.marker_time_s[tl.marker_kind == "held"][0]
        assert tl.event_onset_s[0] >= provoke
        assert tl.event_onset_s[-1] <= held + 1.0
        hz = 1.0 / np.median(np.diff(tl.event_onset_s))
        assert 5.5 <= hz <= 8.0
        assert np.std(tl.event_amplitude) / np.mean(tl.event_amplitude) < 0.1


def test_infantile_spasms_are_1_to_2_s_one_every_5_to_30_s_on_waking():
    for seed in range(15):
        tl = simulate_episode("infantile_spasms", 150, seed=seed)
        assert np.all((tl.event_duration_s >= 1.0) & (tl.event_duration_s <= 2.0))
        gaps = np.diff(tl.event_onset_s)
        assert np.all((gaps >= 5.0) & (gaps <= 30.0))
        assert 5 <= tl.n_events <= 50
        first = int(tl.state_index_at(tl.event_onset_s[0]))
        assert tl.state[first] == "W" and tl.state[first - 1] != "W"
    tl = simulate_episode("infantile_spasms", 200, seed=1, n_spasms=12, when="drowsy")
    assert tl.n_events == 12 and set(tl.state_at(tl.event_onset_s).tolist()) == {"N1"}


def test_simple_febrile_seizure_is_generalized_under_15_min_with_fever():
    for seed in range(10):
        tl = simulate_episode("simple_febrile_seizure", 500, seed=seed)
        assert tl.context.temperature_c >= 38.0
        span = (tl.event_onset_s + tl.event_duration_s).max() - tl.event_onset_s[0]
        assert span < 15 * 60
        assert set(tl.event_side.tolist()) == {"both"}
        assert tl.observations["episodes_24h"] == 1


@pytest.mark.parametrize("why", ["focal", "prolonged", "repeated"])
def test_complex_febrile_seizure_has_its_complex_feature(why):
    tl = simulate_episode("complex_febrile_seizure", 600, temperature_c=39.0, seed=2,
                          complex_by=why)
    span = (tl.event_onset_s + tl.event_duration_s).max() - tl.event_onset_s[0]
    sides = set(tl.event_side.tolist())
    if why == "focal":
        assert sides in ({"left"}, {"right"})
    elif why == "prolonged":
        assert span >= 15 * 60
    else:
        assert tl.observations["episodes_24h"] >= 2


def test_focal_seizure_from_sleep_goes_on_after_waking():
    tl = simulate_episode("focal_seizure", 3000, seed=4, from_sleep=True, side="left")
    wake = tl.state_start_s[tl.state == "W"][0]
    assert tl.event_onset_s[0] < wake < tl.event_onset_s[-1]
    assert set(tl.event_side.tolist()) == {"left"}


def test_generalized_seizure_duration_is_what_was_asked():
    tl = simulate_episode("generalized_seizure", 3000, seed=4, duration_s=400.0,
                          from_sleep=False)
    span = (tl.event_onset_s + tl.event_duration_s).max() - tl.event_onset_s[0]
    assert 395.0 <= span <= 401.0
    assert "whole_body" in set(tl.event_body_part.tolist())


@pytest.mark.parametrize("call,words", [
    (lambda: simulate_episode("hiccups", 10), "pattern='hiccups'"),
    (lambda: simulate_episode("bnsm", 400), "age_days=400.*bnsm.*0 to 183"),
    (lambda: simulate_episode("infantile_spasms", 10), "age_days=10"),
    (lambda: simulate_episode("simple_febrile_seizure", 400, temperature_c=37.5),
     "temperature_c=37.5.*38.0"),
    (lambda: simulate_episode("simple_febrile_seizure", 60, temperature_c=39.0),
     "age_days=60.*183 to 1826"),
    (lambda: simulate_episode("simple_febrile_seizure", 400, duration_s=1000.0),
     "duration_s=1000.0"),
    (lambda: simulate_episode("bnsm", 10, colour="blue"), "colour='blue'.*allowed"),
    (lambda: simulate_episode("complex_febrile_seizure", 400, complex_by="long"),
     "complex_by='long'"),
    (lambda: simulate_episode("infantile_spasms", 40, when="drowsy"), "when='drowsy'"),
    (lambda: simulate_episode("infantile_spasms", 200, n_spasms=2), "n_spasms=2"),
    (lambda: simulate_episode("focal_seizure", 200, side="both"), "side='both'"),
    (lambda: simulate_episode("bnsm", 20, stage="deep"), "stage='deep'"),
    (lambda: simulate_episode("bnsm", 10, seed=-1), "seed=-1"),
])
def test_bad_parameters_raise_naming_field_value_and_allowed(call, words):
    with pytest.raises(ValueError, match=words):
        call()


def test_pattern_options_lists_the_keyword_parameters():
    assert pattern_options("complex_febrile_seizure") == ("complex_by", "duration_s")
    assert pattern_options("hypnic_jerk") == ()


@pytest.mark.parametrize("pattern", P.PAROXYSMAL_PATTERNS)
def test_timeline_accepts_the_paroxysmal_patterns(pattern):
    lo, _ = P.pattern_age_days(pattern)
    tl = simulate_episode(pattern, lo + 5, seed=1)
    assert tl.context.pattern == pattern and tl.n_events >= 1


def test_the_generators_cover_every_simulated_pattern():
    from twitchlab.patterns import GENERATORS

    assert tuple(GENERATORS) == P.SIMULATED_PATTERNS
