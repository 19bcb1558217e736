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
    CARER_WORDS,
    LEVELS,
    MOVEMENTS,
    PATTERNS,
    PROVOKED_BY,
    RED_FLAG_SIGNS,
    RISK_FACTORS,
    SIGNS,
    STATES,
    UNKNOWN_READS_AS,
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
    age_days = draw(ages)
    return Episode(
        age_days=age_days,
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
        onset_age_days=draw(st.one_of(st.none(), st.integers(0, age_days))),
        ongoing=draw(maybe_bool),
        time_since_min=draw(st.one_of(st.none(), st.floats(0, 600))),
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
    # a sleep-only movement that stops on waking (or may, in BNSM's window) is read from its
    # features, not from the carer's word "convulsion" (clinical audit 4c.1)
    assume(not (e.state in ("active_sleep", "quiet_sleep", "asleep")
                and e.stops_on_waking is not False))
    # clusters of brief movements in the 1-24 month range are spasm clusters, which have no
    # 5-minute clock (a cluster lasts many minutes)
    assume(not (e.clustered is True and e.rhythmic is not True and 30 < e.age_days < 732))
    # rhythmic movements at sleep onset after 12 months that stop when the child is woken are
    # head banging or body rocking, read from their features (docs/triage-rules.md, decision 14)
    assume(not (e.state == "falling_asleep" and e.rhythmic is True and e.stops_on_waking is True
                and e.age_days > 365))
    e5 = dataclasses.replace(e, duration_s=max(e.duration_s or 0.0,
                                               clinical.seconds("convulsion_emergency")))
    assert assess(e5).level == "emergency"


@SETTINGS
@given(episodes(), st.sampled_from(["cyanosis", "breathing_difficulty", "non_blanching_rash",
                                    "neck_stiffness", "bulging_fontanelle", "oxygen_drop"]))
def test_emergency_signs_decide_whatever_the_pattern(e, sign):
    # blue colour inside a recovered breath-holding spell is the spell itself (DIMARIO01)
    assume(not (sign == "cyanosis" and e.movement in ("limp", "stiffening")
                and e.state == "awake" and set(e.provoked_by or ()) & {"crying", "pain_or_fright"}))
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
        assert a.pattern in ("sleep_twitches", "hypnic_jerk", "bnsm", "startle",
                             "rhythmic_movement_disorder")
        assert not any(e.has_sign(s) for s in RED_FLAG_SIGNS if s != "drowsy")
        assert e.fever_c is None or e.fever_c < clinical.value("fever")
        assert e.state not in ("awake", "waking") or a.pattern == "startle"
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


# ---------------------------------------------------------------------------------------------
# clinical audit (December 2026): carers' words and "unknown is not no"

_RANK = {level: i for i, level in enumerate(("benign", "review", "urgent", "emergency"))}


@SETTINGS
@given(episodes(), st.sampled_from(CARER_WORDS), st.sampled_from(CARER_WORDS))
def test_the_same_movement_under_another_carer_word_never_changes_the_level(e, w1, w2):
    a1 = assess(dataclasses.replace(e, movement=w1))
    a2 = assess(dataclasses.replace(e, movement=w2))
    assert a1.level == a2.level


_WORRYING = {
    "first_episode": lambda e: True,
    "onset_age_days": lambda e: e.age_days,      # first noticed now: the latest onset
    "ongoing": lambda e: True,
    "time_since_min": lambda e: 90.0,            # drowsy well past the hour
}


@SETTINGS
@given(episodes(), st.sampled_from(sorted(UNKNOWN_READS_AS)))
def test_an_unknown_never_gives_a_lower_level_than_the_worrying_answer(e, key):
    assert set(UNKNOWN_READS_AS) == set(_WORRYING)
    unknown = assess(dataclasses.replace(e, **{key: None}))
    worrying = assess(dataclasses.replace(e, **{key: _WORRYING[key](e)}))
    assert _RANK[unknown.level] >= _RANK[worrying.level], (key, unknown.explain())


_REASSURING = {
    "first_episode": lambda e: False,
    "stops_on_waking": lambda e: True,
    "onset_age_days": lambda e: min(e.age_days, 3),
    "ongoing": lambda e: False,
    "signs": lambda e: (),
}


@SETTINGS
@given(episodes(), st.sampled_from(sorted(_REASSURING)))
def test_an_unknown_is_never_more_reassuring_than_the_reassuring_answer(e, key):
    unknown = assess(dataclasses.replace(e, **{key: None}))
    reassuring = assess(dataclasses.replace(e, **{key: _REASSURING[key](e)}))
    assert _RANK[unknown.level] >= _RANK[reassuring.level], (key, unknown.explain())
