"""Hypnogram simulation: distributions match the parameters table; invariants hold for any night."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from twitchlab import params as P
from twitchlab.features import cycle_lengths_min
from twitchlab.sleep import STAGE_CODES, simulate_night, simulate_nights

# One age (days, gestation weeks) per row of the table.
AGES = {"preterm_newborn": (10, 32.0), "term_newborn": (10, 40.0), "3_months": (100, 40.0),
        "6_months": (200, 40.0), "12_months": (400, 40.0), "24_months": (800, 40.0),
        "child": (8 * 365, 40.0), "adult": (30 * 365, 40.0)}

# Stated tolerances (absolute, on the mean over 300 nights). The simulated shares sit a little
# off the table because the night ends part-way through its last cycle (REM, last in the cycle,
# is cut most often): about 0.02 at worst for adults.
SHARE_TOL = 0.03
WAKE_TOL = 0.03
CYCLE_TOL = 0.10  # relative


@pytest.fixture(scope="module", params=list(AGES))
def batch(request):
    age, gest = AGES[request.param]
    return request.param, simulate_nights(300, age, gestation_weeks=gest, seed=11)


def test_each_age_uses_its_table_row(batch):
    name, b = batch
    assert P.sleep_row(b.context.age_days, b.context.gestation_weeks).name == name


def test_stage_shares_match_the_table(batch):
    name, b = batch
    row = P.sleep_row(b.context.age_days, b.context.gestation_weeks)
    means = b.stage_shares().mean()
    for stage, share in row.shares().items():
        assert means[stage] == pytest.approx(share, abs=SHARE_TOL), (name, stage)
    assert means["W"] == pytest.approx(row.wake_fraction.value, abs=WAKE_TOL), name


def test_cycle_length_matches_the_table(batch):
    name, b = batch
    row = P.sleep_row(b.context.age_days, b.context.gestation_weeks)
    cycles = np.concatenate([cycle_lengths_min(b[i]) for i in range(60)])
    assert cycles.size > 60
    assert np.mean(cycles) == pytest.approx(row.cycle_min.value, rel=CYCLE_TOL), name


def test_sleep_begins_in_the_table_onset_stage(batch):
    name, b = batch
    onset = P.sleep_row(b.context.age_days, b.context.gestation_weeks).sleep_onset_stage.value
    for i in range(30):
        tl = b[i]
        after_wake = tl.state[1:][tl.state[:-1] == "W"]
        assert after_wake.size >= 1
        assert set(after_wake.tolist()) == {onset}, name



def test_scheme_labels_follow_corrected_age(batch):
    name, b = batch
    used = {P.ALL_STAGES[c] for c in np.unique(b.state_code)}
    assert used == set(b.context.stages), name


def test_newborn_nights_are_infant_scored_and_adult_nights_aasm():
    assert set(simulate_night(5, seed=1).state) <= {"W", "AS", "QS", "IS"}
    assert set(simulate_night(10000, seed=1).state) == {"W", "N1", "N2", "N3", "R"}


def test_deep_sleep_comes_early_and_rem_late_in_adult_nights():
    b = simulate_nights(100, 30 * 365, seed=3)
    t = np.zeros((2, len(P.ALL_STAGES)))
    half = b.duration_s / 2
    late = b.state_start_s >= half
    np.add.at(t, (late.astype(int), b.state_code), b.state_end_s - b.state_start_s)
    n3, r = STAGE_CODES["N3"], STAGE_CODES["R"]
    assert t[0, n3] > 1.5 * t[1, n3]
    assert t[1, r] > 1.5 * t[0, r]


def test_twitches_lie_in_active_sleep_in_bursts_with_short_gaps():
    b = simulate_nights(50, 10, hours=12, seed=5)
    assert b.n_events > 50 * 100
    for i in range(10):
        tl = b[i]
        states = tl.state_at(tl.event_onset_s)
        assert set(states.tolist()) == {"AS"}
        assert np.all(tl.event_duration_s <= 0.2)
        # inside a generating burst consecutive twitches are at most 10 s apart (SOK21)
        for c in np.unique(tl.event_cluster):
            on = tl.event_onset_s[tl.event_cluster == c]
            assert np.all(np.diff(on) <= 10.0 + 1e-9)
        # whole twitch inside its state segment
        idx = tl.state_index_at(tl.event_onset_s)
        assert np.all(tl.event_onset_s + tl.event_duration_s <= tl.state_end_s[idx])


def test_from_three_months_twitches_also_appear_in_n2():
    tl = simulate_night(200, seed=2)
    states = set(tl.state_at(tl.event_onset_s).tolist())
    assert states == {"R", "N2"}


def test_twitch_rate_in_active_sleep_matches_the_parameters():
    b = simulate_nights(200, 10, seed=8)
    t = b.stage_time_s()[:, STAGE_CODES["AS"]].sum() / 60.0
    rate = float(P.pattern_param("sleep_twitches", "bursts_per_min_active"))
    per_burst = float(P.pattern_param("sleep_twitches", "twitches_per_burst_mean"))
    # a few twitches are dropped where a burst runs past the end of its active-sleep bout
    assert b.n_events / t == pytest.approx(rate * per_burst, rel=0.1)


def test_same_seed_same_night_and_generators_accepted():
    a, b = simulate_night(30, seed=42), simulate_night(30, seed=42)
    np.testing.assert_array_equal(a.state_end_s, b.state_end_s)
    np.testing.assert_array_equal(a.event_onset_s, b.event_onset_s)
    c = simulate_night(30, seed=43)
    assert not np.array_equal(a.state_end_s, c.state_end_s)
    g1, g2 = np.random.default_rng(7), np.random.default_rng(7)
    np.testing.assert_array_equal(simulate_night(30, seed=g1).state_end_s,
                                  simulate_night(30, seed=g2).state_end_s)
    assert simulate_night(30, seed=g1).context.seed is None


def test_a_single_night_is_a_batch_of_one_and_batch_nights_differ():
    a = simulate_night(30, hours=6, seed=9)
    np.testing.assert_array_equal(a.event_onset_s,
                                  simulate_nights(1, 30, hours=6, seed=9)[0].event_onset_s)
    b = simulate_nights(3, 30, hours=6, seed=9)
    assert len(b) == 3 and len(list(b)) == 3 and b[-1].duration_s == 6 * 3600
    assert not np.array_equal(b[0].state_end_s, b[1].state_end_s)
    with pytest.raises(IndexError):
        b[3]


def test_twitches_can_be_left_out():
    assert simulate_nights(5, 10, seed=1, twitches=False).n_events == 0


@pytest.mark.parametrize("kw,field", [
    ({"n": 0}, "n=0"), ({"n": 2.5}, "n=2.5"), ({"hours": 0}, "hours=0"),
    ({"hours": 100}, "hours=100"), ({"age_days": -1}, "age_days=-1"),
    ({"seed": "abc"}, "seed='abc'"), ({"gestation_weeks": 50.0}, "gestation_weeks=50.0"),
])
def test_bad_parameters_raise_naming_field_value_and_allowed(kw, field):
    args = {"n": 2, "age_days": 10, "hours": 1.0, "seed": 1, **kw}
    n, age = args.pop("n"), args.pop("age_days")
    with pytest.raises(ValueError, match=field.replace(".", r"\.")) as err:
        simulate_nights(n, age, **args)
    assert "allowed" in str(err.value)


@settings(max_examples=30, deadline=None)
@given(age=st.sampled_from([0, 10, 60, 89, 90, 200, 400, 800, 3000, 20000]),
       gest=st.sampled_from([28.0, 34.0, 40.0, 42.0]),
       hours=st.floats(0.05, 14.0), seed=st.integers(0, 2**32 - 1))
def test_states_tile_the_night_and_twitches_lie_where_they_occur(age, gest, hours, seed):
    tl = simulate_night(age, hours=hours, gestation_weeks=gest, seed=seed)
    assert tl.state_start_s[0] == 0.0
    assert tl.duration_s == pytest.approx(hours * 3600.0)
    np.testing.assert_array_equal(tl.state_start_s[1:], tl.state_end_s[:-1])
    assert np.all(tl.state_end_s > tl.state_start_s)
    assert np.all(tl.state[1:] != tl.state[:-1]), "no two neighbouring segments share a stage"
    assert set(tl.state.tolist()) <= set(tl.context.stages)
    allowed = P.pattern_states("sleep_twitches", tl.context.corrected_age_days)
    assert set(tl.state_at(tl.event_onset_s).tolist()) <= allowed
