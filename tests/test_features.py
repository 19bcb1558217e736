"""Features: the small pure functions, and agreement with how timelines were generated."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from twitchlab import features as F
from twitchlab import params as P
from twitchlab.patterns import simulate_episode
from twitchlab.sleep import simulate_night
from twitchlab.timeline import Context, Timeline
from twitchlab.triage import Episode


def hand_timeline(states, bounds, onsets, *, age=20, markers=(), sides=None, parts=None,
                  durations=None):
    n = len(onsets)
    return Timeline(
        context=Context(age_days=age), state_start_s=bounds[:-1], state_end_s=bounds[1:],
        state=states, event_onset_s=onsets, event_duration_s=durations or [0.1] * n,
        event_body_part=parts or ["arm"] * n, event_side=sides or ["left"] * n,
        event_amplitude=[0.5] * n, event_pattern=["bnsm"] * n,
        marker_time_s=[m[0] for m in markers], marker_kind=[m[1] for m in markers],
    )


# --- find_clusters ---------------------------------------------------------------------------
def test_find_clusters_examples():
    assert F.find_clusters([0.0, 1.0, 2.5, 30.0, 31.0], max_gap_s=10) == [(0, 3), (3, 5)]
    assert F.find_clusters([], 10) == []
    assert F.find_clusters([5.0], 10) == [(0, 1)]
    assert F.find_clusters([0.0, 10.0, 20.0], 10) == [(0, 3)]  # a gap of exactly 10 s joins
    assert F.find_clusters([0.0, 10.001], 10) == [(0, 1), (1, 2)]


@pytest.mark.parametrize("args,words", [
    (([2.0, 1.0], 10), "not sorted"), (([1.0], 0), "max_gap_s=0"), (([1.0], -1), "max_gap_s"),
])
def test_find_clusters_rejects_bad_input(args, words):
    with pytest.raises(ValueError, match=words):
        F.find_clusters(*args)


@settings(max_examples=60, deadline=None)
@given(onsets=st.lists(st.floats(0, 1000), max_size=60), gap=st.floats(0.1, 50))
def test_clusters_partition_the_onsets_at_the_gaps(onsets, gap):
    t = np.sort(np.array(onsets))
    clusters = F.find_clusters(t, gap)
    covered = [i for a, b in clusters for i in range(a, b)]
    assert covered == list(range(t.size))
    for a, b in clusters:
        assert np.all(np.diff(t[a:b]) <= gap)
    for (_, b), (a2, _) in zip(clusters[:-1], clusters[1:], strict=True):
        assert t[a2] - t[b - 1] > gap


# --- rhythmicity -----------------------------------------------------------------------------
def test_rhythmicity_of_clockwork_random_and_too_few():
    assert F.rhythmicity(np.arange(20) * 0.5) == pytest.approx(1.0)
    runs = np.r_[np.arange(10) * 0.3, 20 + np.arange(10) * 0.3]  # two runs with a pause
    assert F.rhythmicity(runs) > 0.95
    rng = np.random.default_rng(0)
    poisson = np.cumsum(rng.exponential(1.0, 300))
    assert F.rhythmicity(poisson) < 0.5
    assert F.rhythmicity([1.0, 2.0]) == 0.0
    assert F.dominant_hz(np.arange(10) * 0.25) == pytest.approx(4.0)


# --- stopping, provocation, state, body --------------------------------------------------------
def test_stops_on_waking_true_false_and_unknown():
    b = [0.0, 100.0, 200.0]
    assert F.stops_on_waking(hand_timeline(["QS", "W"], b, [10.0, 50.0, 99.0])) is True
    assert F.stops_on_waking(hand_timeline(["QS", "W"], b, [10.0, 50.0, 150.0])) is False
    assert F.stops_on_waking(hand_timeline(["QS", "AS"], b, [10.0, 150.0])) is None
    assert F.stops_on_waking(hand_timeline(["QS", "W"], b, [120.0, 150.0])) is None
    assert F.stops_on_waking(hand_timeline(["QS", "W"], b, [])) is None
    # within the grace period of waking still counts as stopping (abruptly)
    assert F.stops_on_waking(hand_timeline(["QS", "W"], b, [10.0, 100.5])) is True


def test_a_movement_still_going_on_after_waking_has_not_stopped():
    """A tonic posture that began in sleep and outlasts waking (plus the grace period) is a
    movement that goes on awake; before, only onsets after waking counted, and a newborn's
    tonic seizure read as 'stops on waking'."""
    b = [0.0, 100.0, 200.0]
    still = hand_timeline(["QS", "W"], b, [90.0], durations=[30.0])  # 90-120 s, awake at 100 s
    assert F.stops_on_waking(still) is False
    over = hand_timeline(["QS", "W"], b, [90.0], durations=[11.0])  # ends inside the grace
    assert F.stops_on_waking(over) is True
    tonic = simulate_episode("neonatal_seizure", 3, seed=0, kind="tonic", from_sleep=True,
                             duration_s=120.0)
    assert F.stops_on_waking(tonic) is False


@pytest.mark.parametrize("kind", ["feeding", "excitement", "pain_or_fright", "touch"])
def test_the_paroxysmal_events_triggers_count_as_provoking(kind):
    tl = hand_timeline(["W"], [0.0, 100.0], [20.0], markers=[(15.0, kind)])
    assert F.provoked_by(tl) == (kind,)


def test_stops_when_held_and_provoked_by():
    b = [0.0, 100.0]
    tl = hand_timeline(["W"], b, [20.0, 21.0, 40.0], markers=[(15.0, "handling"), (30.0, "held")])
    assert F.stops_when_held(tl) is False
    assert F.provoked_by(tl) == ("handling",)
    tl = hand_timeline(["W"], b, [20.0, 21.0], markers=[(2.0, "sound"), (30.0, "held")])
    assert F.stops_when_held(tl) is True
    assert F.provoked_by(tl) == ()
    tl = hand_timeline(["W"], b, [20.0])
    assert F.stops_when_held(tl) is None and F.provoked_by(tl) is None


@pytest.mark.parametrize("states,t,expected", [
    (["W", "AS"], 105.0, "falling_asleep"), (["W", "AS"], 150.0, "active_sleep"),
    (["QS", "W"], 150.0, "waking"), (["QS", "W"], 50.0, "quiet_sleep"),
    (["W", "QS"], 50.0, "awake"), (["IS", "QS"], 50.0, "asleep"),
])
def test_episode_state_words(states, t, expected):
    tl = hand_timeline(states, [0.0, 100.0, 400.0], [])
    assert F.episode_state(tl, t) == expected


@pytest.mark.parametrize("parts,sides,expected", [
    (["arm"], ["left"], "focal"), (["arm", "leg"], ["left", "left"], "one_side"),
    (["arm", "leg"], ["left", "right"], "both_sides"), (["trunk"], ["midline"], "both_sides"),
    (["face"], ["midline"], "focal"), (["hand"], ["both"], "both_sides"), ([], [], None),
])
def test_body_extent(parts, sides, expected):
    assert F.body_extent(parts, sides) == expected


# --- agreement with how timelines were generated -----------------------------------------------
EXPECTED = {
    # pattern: (age_days, movement, states allowed for Episode.state)
    "sleep_twitches": (20, "twitch", {"active_sleep"}),
    "hypnic_jerk": (4000, "jerk", {"falling_asleep"}),
    "bnsm": (7, "jerk", {"quiet_sleep", "active_sleep"}),
    "jitteriness": (3, "tremor", {"awake"}),
    "benign_myoclonus_of_infancy": (150, "jerk", {"awake"}),
    "infantile_spasms": (150, "spasm", {"waking"}),
    "simple_febrile_seizure": (500, "convulsion", {"awake"}),
    "complex_febrile_seizure": (500, "convulsion", {"awake"}),
    "focal_seizure": (2000, "convulsion", {"awake", "quiet_sleep"}),
    "generalized_seizure": (2000, "convulsion", {"awake", "quiet_sleep"}),
}


@pytest.mark.parametrize("pattern", P.PATTERNS)
@pytest.mark.parametrize("seed", range(6))
def test_features_describe_each_pattern_as_generated(pattern, seed):
    age, movement, states = EXPECTED[pattern]
    tl = simulate_episode(pattern, age, seed=seed)
    f = F.extract(tl)
    assert f.n_events == tl.n_events
    assert f.movement == movement
    assert f.state in states
    ep = F.to_episode(tl, f)
    assert isinstance(ep, Episode)
    assert ep.movement == movement and ep.age_days == age
    assert ep.fever_c == tl.context.temperature_c


@settings(max_examples=25, deadline=None)
@given(seed=st.integers(0, 2**31), age=st.sampled_from([10, 60, 200, 5000]))
def test_twitch_bursts_fall_inside_clusters_found_with_the_10_s_gap(seed, age):
    tl = simulate_night(age, hours=1.0, seed=seed)
    clusters = F.find_clusters(tl.event_onset_s, P.FEATURE_PARAMS["twitch_burst_gap_s"].value)
    label = np.empty(tl.n_events, dtype=int)
    for k, (a, b) in enumerate(clusters):
        label[a:b] = k
    for c in np.unique(tl.event_cluster):
        assert np.unique(label[tl.event_cluster == c]).size == 1
    assert len(clusters) <= np.unique(tl.event_cluster).size


@settings(max_examples=25, deadline=None)
@given(seed=st.integers(0, 2**31), n=st.integers(5, 50), age=st.integers(30, 730))
def test_a_spasm_cluster_is_found_whole_with_its_count(seed, n, age):
    tl = simulate_episode("infantile_spasms", age, seed=seed, n_spasms=n)
    f = F.extract(tl)
    assert f.n_clusters == 1 and f.clusters[0].n_events == n and f.clustered
    assert 1.0 <= f.median_event_s <= 2.0
    assert 5.0 <= f.median_interval_s <= 30.0


@settings(max_examples=25, deadline=None)
@given(seed=st.integers(0, 2**31), age=st.integers(0, 183))
def test_bnsm_features_agree_with_generation(seed, age):
    tl = simulate_episode("bnsm", age, seed=seed)
    f = F.extract(tl)
    assert f.rhythmic and 0.9 <= f.dominant_hz <= 5.5
    assert f.stops_on_waking is True
    assert f.stops_when_held in (None, False)
    assert f.state_counts.keys() <= {"QS", "N2", "AS", "R"}
    assert f.state in ("quiet_sleep", "active_sleep")


def test_stopping_features_per_pattern():
    assert F.extract(simulate_episode("sleep_twitches", 20, seed=1)).stops_on_waking is True
    focal = simulate_episode("focal_seizure", 2000, seed=1, from_sleep=True)
    assert F.extract(focal).stops_on_waking is False
    jit = F.extract(simulate_episode("jitteriness", 3, seed=1, provoked_by="handling"))
    assert jit.stops_when_held is True and jit.provoked_by == ("handling",)
    assert F.extract(simulate_episode("simple_febrile_seizure", 500, seed=1)).body == \
        "both_sides"


def test_to_episode_carries_context_and_observations():
    tl = simulate_episode("complex_febrile_seizure", 600, temperature_c=39.4, seed=1,
                          complex_by="repeated")
    ep = F.to_episode(tl)
    assert ep.fever_c == 39.4 and ep.episodes_24h >= 2
    assert ep.back_to_normal_min == tl.observations["back_to_normal_min"]
    pre = F.to_episode(simulate_episode("bnsm", 20, gestation_weeks=34.0, seed=2))
    assert "premature" in pre.risk_factors and pre.gestation_weeks == 34.0
    empty = simulate_night(20, hours=0.01, seed=1)
    if empty.n_events == 0:
        with pytest.raises(ValueError, match="no events"):
            F.to_episode(empty)
    assert F.extract(empty).to_dict()["n_events"] == empty.n_events


def test_extract_rejects_non_timelines():
    with pytest.raises(ValueError, match="Timeline"):
        F.extract({"events": []})


# --- sleep architecture measures -----------------------------------------------------------------
def test_stage_shares_and_cycle_lengths_of_a_hand_made_night():
    b = [0.0, 600.0, 1200.0, 3000.0, 3600.0, 4200.0, 6000.0, 6600.0]
    tl = Timeline(context=Context(age_days=20), state_start_s=b[:-1], state_end_s=b[1:],
                  state=["W", "AS", "QS", "AS", "QS", "AS", "W"])
    shares = F.stage_shares(tl)
    assert shares["W"] == pytest.approx(1200 / 6600)
    assert shares["AS"] == pytest.approx(3000 / 5400)
    assert shares["QS"] == pytest.approx(2400 / 5400)
    assert shares["IS"] == 0.0
    np.testing.assert_allclose(F.cycle_lengths_min(tl), [40.0, 20.0])
