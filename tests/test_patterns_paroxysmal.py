"""Paroxysmal events of infancy: each simulated episode looks like the course describes it, and
extracting features and triaging it gives the course's decision (docs/triage-rules.md, 18).

From a timeline alone the features know only the words jerk, twitch, spasm, tremor and
convulsion, and only the stimuli rocking, sound, handling and crying (``features._PROVOKING``);
they cannot see a shudder, a limp child, a colour change or a startle. Where that hides a pattern,
the test says so and asserts that the timeline's triage is at least as urgent as the course's
decision; it then adds what a carer would say (the movement word and the trigger) to the same
episode and asserts that the triage names the pattern with the course's level.
"""

from __future__ import annotations

from dataclasses import replace

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from twitchlab import clinical
from twitchlab import features as F
from twitchlab import params as P
from twitchlab import triage as T
from twitchlab.patterns import pattern_options, placement_ok, simulate_episode

NEW = P.PAROXYSMAL_PATTERNS
LEVEL = {name: i for i, name in enumerate(T.LEVELS)}


def at_least(level: str, course: str) -> bool:
    return LEVEL[level] >= LEVEL[course]


def assess(tl):
    ep = F.to_episode(tl)
    return ep, T.assess(ep)


def ages_for(pattern):
    lo, hi = P.pattern_age_days(pattern)
    return st.integers(lo, hi)


OPTIONS = {
    "shuddering_attack": {"n_attacks": st.integers(1, 10),
                          "provoked_by": st.sampled_from(["excitement", "feeding"])},
    "breath_holding_spell": {"kind": st.sampled_from(["cyanotic", "pallid"]),
                             "anoxic": st.booleans()},
    "hyperekplexia": {"n_startles": st.integers(1, 10),
                      "provoked_by": st.sampled_from(["touch", "sound", "handling"])},
    "rhythmic_movement_disorder": {"duration_s": st.floats(10.0, 1200.0),
                                   "kind": st.sampled_from(["head_banging", "body_rocking",
                                                            "head_rolling"])},
    "neonatal_seizure": {"duration_s": st.floats(10.0, 600.0),
                         "kind": st.sampled_from(["clonic", "tonic"]),
                         "side": st.sampled_from(["left", "right"]),
                         "from_sleep": st.booleans()},
}


@st.composite
def episodes(draw, patterns=NEW):
    pattern = draw(st.sampled_from(patterns))
    age = draw(ages_for(pattern))
    gest = draw(st.sampled_from([32.0, 40.0]))
    options = {k: draw(v) for k, v in OPTIONS[pattern].items() if draw(st.booleans())}
    return simulate_episode(pattern, age, gestation_weeks=gest,
                            seed=draw(st.integers(0, 2**31)), **options), options


def markers(tl, *kinds):
    return tl.marker_time_s[np.isin(tl.marker_kind, kinds)]


def ends(tl):
    return tl.event_onset_s + tl.event_duration_s


# --- what every simulated episode shares -----------------------------------------------------
@settings(max_examples=120, deadline=None)
@given(episodes())
def test_events_lie_where_each_pattern_occurs_and_states_tile_the_window(drawn):
    tl, _ = drawn
    assert tl.n_events >= 1
    assert placement_ok(tl).all()
    np.testing.assert_array_equal(tl.state_start_s[1:], tl.state_end_s[:-1])
    assert np.all(tl.state[1:] != tl.state[:-1])
    assert set(tl.event_pattern.tolist()) == {tl.context.pattern}
    assert np.all(ends(tl) <= tl.duration_s)
    lo, hi = P.pattern_age_days(tl.context.pattern)
    assert lo <= tl.context.age_days <= hi
    F.to_episode(tl)  # a carer's description can always be made from it


@pytest.mark.parametrize("pattern", NEW)
def test_every_new_pattern_is_deterministic_with_a_seed(pattern):
    lo, _ = P.pattern_age_days(pattern)
    a = simulate_episode(pattern, lo + 5, seed=11)
    b = simulate_episode(pattern, lo + 5, seed=11)
    np.testing.assert_array_equal(a.event_onset_s, b.event_onset_s)
    np.testing.assert_array_equal(a.marker_time_s, b.marker_time_s)
    assert a.observations == b.observations and a.context.pattern == pattern


# --- shuddering attacks (VANASSE76) ----------------------------------------------------------
@settings(max_examples=60, deadline=None)
@given(episodes(patterns=("shuddering_attack",)))
def test_shuddering_attacks_are_brief_bouts_while_awake(drawn):
    tl, options = drawn
    lo, hi = P.pattern_param("shuddering_attack", "attack_s")
    assert set(tl.state.tolist()) == {"W"}
    assert np.all((tl.event_duration_s >= lo) & (tl.event_duration_s <= hi))  # a few seconds
    assert set(tl.event_body_part.tolist()) <= {"head", "trunk", "arm"}
    assert np.all(np.diff(tl.event_onset_s) >= hi)  # separate bouts, not one long shaking
    if "n_attacks" in options:
        assert tl.n_events == options["n_attacks"]
    for t in markers(tl, "excitement", "feeding"):  # the trigger comes just before a bout
        gap = tl.event_onset_s[tl.event_onset_s >= t][0] - t
        assert 0.0 < gap <= P.pattern_param("shuddering_attack", "provoke_lead_s")[1]
    if "provoked_by" in options:
        assert set(tl.marker_kind.tolist()) == {options["provoked_by"]}
    assert tl.observations["back_to_normal_min"] == 0.0  # awareness kept, normal at once
    assert tl.observations["episodes_24h"] >= 5  # many a day
    ep, a = assess(tl)
    assert ep.state == "awake"
    # The features have no word "shudder": a few-second bout reads as a spasm or jerk, which is
    # the course's point (spasms must be excluded), so the timeline alone is at least "review".
    assert at_least(a.level, "review")
    said = replace(ep, movement="shudder", provoked_by=["excitement"])
    b = T.assess(said)
    assert (b.level, b.pattern) == ("review", "shuddering_attack")


def test_shuddering_attack_with_the_parents_words_is_a_review():
    tl = simulate_episode("shuddering_attack", 300, seed=4, n_attacks=2, provoked_by="feeding")
    assert tl.n_events == 2 and set(tl.marker_kind.tolist()) == {"feeding"}
    ep = F.to_episode(tl)
    a = T.assess(replace(ep, movement="shudder", provoked_by=["feeding"]))
    assert (a.level, a.pattern) == ("review", "shuddering_attack")


# --- breath-holding spells (DIMARIO01, STEPH78) ----------------------------------------------
@settings(max_examples=60, deadline=None)
@given(episodes(patterns=("breath_holding_spell",)))
def test_breath_holding_spell_is_provoked_then_limp_and_over_within_a_minute(drawn):
    tl, options = drawn
    pp = P.PATTERN_PARAMS["breath_holding_spell"]
    assert set(tl.state.tolist()) == {"W"}
    (t_p,) = markers(tl, "crying", "pain_or_fright")
    kind = "cyanotic" if tl.marker_kind[tl.marker_time_s == t_p][0] == "crying" else "pallid"
    if "kind" in options:
        assert kind == options["kind"]
    # the trigger, then the breath held (no movement), then limp: nothing moves before
    earliest = pp["provoke_to_apnoea_s"].value[0] + pp["apnoea_s"].value[0]
    assert tl.event_onset_s[0] - t_p >= earliest
    assert tl.event_body_part[0] == "whole_body"
    assert tl.event_amplitude[0] <= pp["limp_amplitude"].value[1]  # a slump, not a jerk
    assert ends(tl).max() - tl.event_onset_s[0] < pp["spell_max_s"].value
    anoxic = tl.n_events > 1
    if "anoxic" in options:
        assert anoxic == options["anoxic"]
    if anoxic:  # the brief stiffening and a few jerks come at the END, after the limpness
        assert np.all(tl.event_onset_s[1:] >= ends(tl)[0] - 1e-9)
        assert tl.n_events - 2 <= pp["anoxic_jerks"].value[1]
    signs = tl.observations["signs"]
    assert list(signs) == (["cyanosis"] if kind == "cyanotic" else ["pallor"])
    assert tl.observations["back_to_normal_min"] <= 2.0
    ep, a = assess(tl)
    assert ep.state == "awake"
    first = tl.observations["first_episode"]
    course = "urgent" if first else "review"
    # The features have no word "limp" and cannot see the trigger of a pallid spell (pain or a
    # fright) or the colour; a long limp phase reads as a convulsion. So the timeline alone is at
    # least as urgent as the course's decision (first spell urgent, known spells review).
    assert at_least(a.level, course)
    trigger = "crying" if kind == "cyanotic" else "pain_or_fright"
    b = T.assess(replace(ep, movement="limp", provoked_by=[trigger]))
    assert (b.level, b.pattern) == (course, "breath_holding_spell")


@pytest.mark.parametrize("kind,trigger,sign", [("cyanotic", "crying", "cyanosis"),
                                               ("pallid", "pain_or_fright", "pallor")])
def test_breath_holding_kinds_have_their_trigger_and_colour(kind, trigger, sign):
    tl = simulate_episode("breath_holding_spell", 540, seed=2, kind=kind, anoxic=True)
    assert tl.marker_kind.tolist() == [trigger]
    assert list(tl.observations["signs"]) == [sign]
    assert tl.n_events >= 4  # limp, stiffening, at least two jerks
    assert tl.event_duration_s[0] >= 5.0  # seconds of limpness


# --- hyperekplexia (THOMAS13) ----------------------------------------------------------------
@settings(max_examples=60, deadline=None)
@given(episodes(patterns=("hyperekplexia",)))
def test_hyperekplexia_is_a_provoked_startle_then_stiffening_in_a_newborn(drawn):
    tl, options = drawn
    pp = P.PATTERN_PARAMS["hyperekplexia"]
    assert tl.context.age_days <= 28 and set(tl.state.tolist()) == {"W"}
    stimuli = markers(tl, "touch", "sound", "handling")
    clusters = np.unique(tl.event_cluster)
    assert stimuli.size == clusters.size
    if "n_startles" in options:
        assert clusters.size == options["n_startles"]
    for c, t in zip(clusters, stimuli, strict=True):
        m = tl.event_cluster == c
        on, du = tl.event_onset_s[m], tl.event_duration_s[m]
        assert 0.0 < on[0] - t <= pp["latency_s"].value[1]  # a jump right after the stimulus
        assert du[0] <= pp["startle_s"].value[1]  # the startle is brief...
        assert du[1] >= pp["tonic_s"].value[0]  # ...then the stiffening (tonic)
        assert np.isclose(on[1], on[0] + du[0])
    assert set(tl.event_body_part.tolist()) == {"whole_body"}  # generalized
    assert "stiff_between_episodes" in tl.observations["signs"]
    ep, a = assess(tl)
    course = "emergency" if "apnea" in tl.observations["signs"] else "urgent"
    # The features have no word "startle" and do not see a touch: the stiffening reads as a
    # convulsion or spasm in a newborn, so the timeline alone is at least the course's level.
    assert at_least(a.level, course)
    b = T.assess(replace(ep, movement="startle", provoked_by=["touch"]))
    assert b.pattern == "hyperekplexia" and at_least(b.level, course)


def test_hyperekplexia_startle_to_touch_with_stiffness_is_urgent():
    for seed in range(30):
        tl = simulate_episode("hyperekplexia", 6, seed=seed, n_startles=1, provoked_by="touch")
        if "apnea" not in tl.observations["signs"]:
            break
    assert tl.marker_kind.tolist() == ["touch"] and tl.n_events == 2
    ep = F.to_episode(tl)
    a = T.assess(replace(ep, movement="startle", provoked_by=["touch"]))
    assert (a.level, a.pattern) == ("urgent", "hyperekplexia")


# --- sleep-related rhythmic movement disorder (ICSD3) ----------------------------------------
@settings(max_examples=60, deadline=None)
@given(episodes(patterns=("rhythmic_movement_disorder",)))
def test_rhythmic_movements_at_sleep_onset_at_half_to_two_hz_stop_when_woken(drawn):
    tl, options = drawn
    pp = P.PATTERN_PARAMS["rhythmic_movement_disorder"]
    i = int(tl.state_index_at(tl.event_onset_s[0]))
    assert tl.state[i] in ("N1", "AS") and tl.state[i - 1] == "W"  # falling asleep
    assert tl.event_onset_s[0] - tl.state_start_s[i] <= pp["onset_after_sleep_s"].value[1]
    assert set(tl.state_at(tl.event_onset_s).tolist()) == {tl.state[i]}
    hz = F.dominant_hz(tl.event_onset_s)
    assert 0.5 <= hz <= 2.0 and F.rhythmicity(tl.event_onset_s) >= 0.7
    (woken,) = markers(tl, "woken")
    assert woken == tl.state_start_s[i + 1] and tl.state[i + 1] == "W"
    assert np.all(ends(tl) <= woken)  # stops when the child is woken
    span = ends(tl).max() - tl.event_onset_s[0]
    if "duration_s" in options:
        assert span <= options["duration_s"] + 1e-6
        assert span >= options["duration_s"] - 1.0 / 0.5 - 1.0 - 0.5
    else:
        assert span <= pp["duration_s"].value[1]
    assert set(tl.event_side.tolist()) == {"midline"}
    parts = {"head_banging": "head", "body_rocking": "trunk", "head_rolling": "head"}
    if "kind" in options:
        assert set(tl.event_body_part.tolist()) == {parts[options["kind"]]}
    ep, a = assess(tl)
    assert ep.state == "falling_asleep" and ep.rhythmic is True and ep.stops_on_waking is True
    said = T.assess(replace(ep, movement="rhythmic_rocking"))
    assert said.pattern == "rhythmic_movement_disorder"
    if P.corrected_age_days(tl.context.age_days, tl.context.gestation_weeks) > \
            clinical.days("spasms_typical_age_max"):
        # over 12 months the features decide: rhythmic at sleep onset and stopping when woken
        assert a.pattern == "rhythmic_movement_disorder"
        assert a.level == "benign" if tl.context.gestation_weeks >= 37 else \
            a.level in ("benign", "review")  # born preterm: not known to be a well child
    else:
        # At 6-12 months the triage lets the carer's word count (spasms cluster at sleep onset,
        # decision 14), and from a timeline the features call minutes of rhythmic movement a
        # "convulsion": the timeline alone cannot tell head banging from a seizure there. It is
        # then at least as urgent as the course's "benign"; with the carer's word it is benign.
        assert at_least(a.level, "benign")
        assert said.level == "benign" if tl.context.gestation_weeks >= 37 else \
            said.level in ("benign", "review")


def test_a_toddler_banging_his_head_as_he_falls_asleep_is_benign():
    tl = simulate_episode("rhythmic_movement_disorder", 640, seed=3, duration_s=600.0,
                          kind="head_banging")
    assert set(tl.event_body_part.tolist()) == {"head"}
    assert 500.0 <= ends(tl).max() - tl.event_onset_s[0] <= 600.0
    ep, a = assess(tl)
    assert (a.level, a.pattern) == ("benign", "rhythmic_movement_disorder")


# --- neonatal seizures (PRESS21) -------------------------------------------------------------
@settings(max_examples=60, deadline=None)
@given(episodes(patterns=("neonatal_seizure",)))
def test_neonatal_seizure_is_focal_not_provoked_not_stopped_by_holding(drawn):
    tl, options = drawn
    pp = P.PATTERN_PARAMS["neonatal_seizure"]
    assert tl.context.age_days <= 27
    assert len(set(tl.event_side.tolist())) == 1 and tl.event_side[0] in ("left", "right")
    assert len(set(tl.event_body_part.tolist())) == 1  # one limb (or one side of the face)
    assert not set(tl.marker_kind.tolist()) & {"handling", "crying", "rocking", "sound",
                                                "touch", "feeding", "excitement",
                                                "pain_or_fright"}
    span = ends(tl).max() - tl.event_onset_s[0]
    if "duration_s" in options:
        assert span <= options["duration_s"] + 0.5
    clonic = tl.n_events > 1
    if "kind" in options:
        assert clonic == (options["kind"] == "clonic")
    if clonic and tl.n_events >= 3:  # slow rhythmic jerks at about 1-3 Hz
        f0 = pp["clonic_hz"].value
        hz = F.dominant_hz(tl.event_onset_s)
        assert f0[0] * pp["clonic_slowing"].value * 0.9 <= hz <= f0[1] * 1.1
        assert F.rhythmicity(tl.event_onset_s) >= 0.7
    if not clonic:
        assert tl.event_duration_s[0] >= 10.0  # a sustained posture (tonic)
    held = markers(tl, "held")
    if held.size:  # holding does not stop it
        assert np.any(tl.event_onset_s > held[0] + 2.0)
    states = set(tl.state_at(tl.event_onset_s).tolist())
    if options.get("from_sleep") is True:
        wake = tl.state_start_s[tl.state == "W"][0]
        assert tl.event_onset_s[0] < wake < ends(tl).max()  # goes on after waking
    if options.get("from_sleep") is False:
        assert states == {"W"}
    ep, a = assess(tl)
    assert ep.body == "focal"
    assert (a.level, a.pattern) == ("emergency", "seizure")  # any newborn seizure


def test_neonatal_clonic_seizure_of_one_arm_from_sleep():
    tl = simulate_episode("neonatal_seizure", 4, seed=7, kind="clonic", side="left",
                          from_sleep=True, duration_s=60.0)
    assert set(tl.event_side.tolist()) == {"left"} and tl.n_events >= 40
    assert 0.8 <= F.dominant_hz(tl.event_onset_s) <= 3.0
    ep, a = assess(tl)
    assert ep.stops_on_waking is False and ep.rhythmic is True
    assert (a.level, a.pattern) == ("emergency", "seizure")


def test_a_tonic_neonatal_seizure_from_sleep_that_goes_on_after_waking_is_an_emergency():
    tl = simulate_episode("neonatal_seizure", 3, seed=0, kind="tonic", from_sleep=True,
                          duration_s=120.0)
    wake = tl.state_start_s[tl.state == "W"][0]
    assert tl.n_events == 1 and tl.event_onset_s[0] < wake < ends(tl)[0]  # goes on awake
    ep, a = assess(tl)
    assert ep.stops_on_waking is not True
    assert (a.level, a.pattern) == ("emergency", "seizure")


# --- inputs ----------------------------------------------------------------------------------
@pytest.mark.parametrize("call,words", [
    (lambda: simulate_episode("neonatal_seizure", 40), "age_days=40.*0 to 27"),
    (lambda: simulate_episode("hyperekplexia", 60), "age_days=60"),
    (lambda: simulate_episode("breath_holding_spell", 100), "age_days=100.*183 to 2191"),
    (lambda: simulate_episode("rhythmic_movement_disorder", 90), "age_days=90"),
    (lambda: simulate_episode("shuddering_attack", 30), "age_days=30"),
    (lambda: simulate_episode("breath_holding_spell", 400, kind="blue"), "kind='blue'"),
    (lambda: simulate_episode("breath_holding_spell", 400, anoxic="yes"), "anoxic='yes'"),
    (lambda: simulate_episode("shuddering_attack", 300, n_attacks=0), "n_attacks=0"),
    (lambda: simulate_episode("shuddering_attack", 300, provoked_by="rocking"),
     "provoked_by='rocking'"),
    (lambda: simulate_episode("hyperekplexia", 5, n_startles=True), "n_startles=True"),
    (lambda: simulate_episode("rhythmic_movement_disorder", 400, duration_s=5.0),
     "duration_s=5.0"),
    (lambda: simulate_episode("rhythmic_movement_disorder", 400, kind="spinning"),
     "kind='spinning'"),
    (lambda: simulate_episode("neonatal_seizure", 5, duration_s=5.0), "duration_s=5.0"),
    (lambda: simulate_episode("neonatal_seizure", 5, side="both"), "side='both'"),
    (lambda: simulate_episode("neonatal_seizure", 5, kind="myoclonic"), "kind='myoclonic'"),
    (lambda: simulate_episode("neonatal_seizure", 5, from_sleep=1), "from_sleep=1"),
    (lambda: simulate_episode("neonatal_seizure", 5, colour="red"), "colour='red'.*allowed"),
])
def test_bad_parameters_raise_naming_field_value_and_allowed(call, words):
    with pytest.raises(ValueError, match=words):
        call()


def test_pattern_options_of_the_new_patterns():
    assert pattern_options("shuddering_attack") == ("n_attacks", "provoked_by")
    assert pattern_options("breath_holding_spell") == ("kind", "anoxic")
    assert pattern_options("hyperekplexia") == ("n_startles", "provoked_by")
    assert pattern_options("rhythmic_movement_disorder") == ("duration_s", "kind")
    assert pattern_options("neonatal_seizure") == ("duration_s", "kind", "side", "from_sleep")


def test_new_marker_kinds_are_the_triage_stimuli():
    assert {"feeding", "excitement", "pain_or_fright", "touch"} <= set(P.MARKER_KINDS)
    assert set(P.MARKER_KINDS) - {"held", "woken"} <= set(T.PROVOKED_BY)
