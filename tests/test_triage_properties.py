"""Invariants of the triage reasoning, checked on generated episodes (hypothesis)."""

from __future__ import annotations

import dataclasses
import json
import os

from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from twitchlab import clinical
from twitchlab.triage import (
    BODY,
    LEVELS,
    MOVEMENTS,
    PATTERNS,
    PROVOKED_BY,
    RED_FLAG_SIGNS,
    RISK_FACTORS,
    SIGNS,
    STATES,
    Episode,
    assess,
)

# TRIAGE_EXAMPLES=6000 for a deeper search (about 6 min); the default keeps the suite quick
SETTINGS = settings(max_examples=int(os.environ.get("TRIAGE_EXAMPLES", "400")), deadline=None,
                    suppress_health_check=[HealthCheck.too_slow])

# ages weighted towards infancy, where the windows are, but reaching old age
ages = st.one_of(
    st.integers(0, 800),
    st.integers(0, 36500),
    st.sampled_from([27, 28, 30, 31, 91, 92, 182, 183, 365, 366, 730, 731, 1826, 1827]),
)
maybe_bool = st.sampled_from([None, True, False])


def word_list(words):
    return st.one_of(st.none(), st.lists(st.sampled_from(words), unique=True, max_size=5))


@st.composite
def episodes(draw, movement=None):
    return Episode(
        age_days=draw(ages),
        state=draw(st.sampled_from(STATES)),
        movement=movement or draw(st.sampled_from(MOVEMENTS)),
        gestation_weeks=draw(st.one_of(st.just(40.0), st.floats(22, 44))),
        body=draw(st.one_of(st.none(), st.sampled_from(BODY))),
        rhythmic=draw(maybe_bool),
        clustered=draw(maybe_bool),
        duration_s=draw(st.one_of(st.none(), st.floats(0, 7200),
                                  st.sampled_from([0.5, 1.0, 299.0, 300.0, 899.0, 900.0]))),
        stops_on_waking=draw(maybe_bool),
        stops_when_held=draw(maybe_bool),
        provoked_by=draw(word_list(PROVOKED_BY)),
        fever_c=draw(st.one_of(st.none(), st.floats(34, 43), st.sampled_from([37.9, 38.0]))),
        episodes_24h=draw(st.integers(1, 20)),
        back_to_normal_min=draw(st.one_of(st.none(), st.floats(0, 600))),
        first_episode=draw(maybe_bool),
        signs=draw(word_list(SIGNS)),
        risk_factors=draw(word_list(RISK_FACTORS)),
    )


def rank(e: Episode) -> int:
    return LEVELS.index(assess(e).level)


@SETTINGS
@given(episodes())
def test_assess_never_raises_and_always_gives_sourced_reasons(e):
    a = assess(e)
    assert a.level in LEVELS
    assert a.pattern in PATTERNS
    assert len(a.reasons) >= 1
    for r in a.reasons:
        assert r.source in clinical.SOURCES
        assert r.text.strip() and r.feature
    text = a.explain()
    assert a.level in text and "not a diagnostic tool" in text
    assert json.loads(json.dumps(a.to_dict()))["level"] == a.level


@SETTINGS
@given(episodes(), st.sampled_from(RED_FLAG_SIGNS))
def test_adding_a_red_flag_sign_never_lowers_the_level(e, sign):
    before = rank(e)
    signs = tuple(e.signs or ()) + (() if e.has_sign(sign) else (sign,))
    after = rank(dataclasses.replace(e, signs=signs))
    assert after >= before, (sign, e)


@SETTINGS
@given(episodes(), st.lists(st.sampled_from(RED_FLAG_SIGNS), min_size=1, unique=True))
def test_adding_several_red_flag_signs_never_lowers_the_level(e, extra):
    signs = tuple(set(e.signs or ()) | set(extra))
    assert rank(dataclasses.replace(e, signs=signs)) >= rank(e)


@SETTINGS
@given(episodes(movement="convulsion"), st.floats(0, 3600), st.floats(0, 3600))
def test_a_longer_convulsion_never_lowers_the_level(e, d1, d2):
    short, long_ = sorted((d1, d2))
    assert (rank(dataclasses.replace(e, duration_s=long_))
            >= rank(dataclasses.replace(e, duration_s=short)))


@SETTINGS
@given(episodes())
def test_a_longer_seizure_of_any_movement_never_lowers_the_level(e):
    assume(e.duration_s is not None)
    longer = dataclasses.replace(e, duration_s=e.duration_s + 600)
    if assess(e).pattern in ("seizure", "simple_febrile_seizure", "complex_febrile_seizure"):
        assert rank(longer) >= rank(e)


@SETTINGS
@given(episodes(movement="convulsion"))
def test_a_convulsion_of_five_minutes_or_more_is_always_an_emergency(e):
    e5 = dataclasses.replace(e, duration_s=max(e.duration_s or 0.0,
                                               clinical.seconds("convulsion_emergency")))
    assert assess(e5).level == "emergency"


@SETTINGS
@given(episodes(), st.sampled_from(["cyanosis", "breathing_difficulty", "non_blanching_rash",
                                    "neck_stiffness", "bulging_fontanelle", "oxygen_drop"]))
def test_emergency_signs_decide_whatever_the_pattern(e, sign):
    signs = tuple(set(e.signs or ()) | {sign})
    assert assess(dataclasses.replace(e, signs=signs)).level == "emergency"


@SETTINGS
@given(episodes())
def test_not_back_to_normal_after_an_hour_is_always_an_emergency(e):
    late = dataclasses.replace(e, back_to_normal_min=clinical.value("not_back_to_normal"))
    assert assess(late).level == "emergency"


@SETTINGS
@given(episodes())
def test_benign_only_for_a_well_child_without_red_flags(e):
    a = assess(e)
    if a.level == "benign":
        assert a.pattern in ("sleep_twitches", "hypnic_jerk", "bnsm")
        assert not any(e.has_sign(s) for s in RED_FLAG_SIGNS if s != "drowsy")
        assert e.fever_c is None or e.fever_c < clinical.value("fever")
        assert e.state not in ("awake", "waking")
        assert e.stops_on_waking is not False


@SETTINGS
@given(episodes())
def test_dict_round_trip(e):
    d = e.to_dict()
    assert Episode.from_dict(json.loads(json.dumps(d))) == e
    assert Episode.from_dict(d) == e


@SETTINGS
@given(episodes())
def test_assessment_is_a_pure_function_of_the_episode(e):
    assert assess(e) == assess(Episode.from_dict(e.to_dict()))
