"""The hidden answer keys agree with the course's own code and data.

Each key is read from the ``### BEGIN HIDDEN TESTS`` region of a source notebook (the literal
``_KEY`` / ``_CASES`` assigned there) and recomputed here from ``twitchlab.triage.assess``,
``twitchlab.clinical``, ``twitchlab.features`` and the teaching data, so a change in any of them
that would make a key wrong fails here, before a student is marked down for a right answer.
"""

from __future__ import annotations

import numpy as np
import pytest
from exercise_support import grade_cells, hidden_literals, run_setup_cell, source_notebook

from twitchlab import clinical, data, emg, features
from twitchlab.triage import assess, assess_dict

FEBRILE_PATTERN = {"simple": "simple_febrile_seizure", "complex": "complex_febrile_seizure"}


def key(name: str, grade_id: str, literal: str = "_KEY"):
    return hidden_literals(grade_cells(source_notebook(name))[grade_id].source)[literal]


# --- febrile-seizures ---------------------------------------------------------------------------

@pytest.fixture(scope="module")
def febrile():
    return run_setup_cell(source_notebook("febrile-seizures"))["VIGNETTES"]


@pytest.mark.parametrize("grade_id", ["test_febrile_type_a_to_d", "test_febrile_type_e_to_g"])
def test_febrile_types_agree_with_triage(febrile, grade_id):
    for child, kind in key("febrile-seizures", grade_id).items():
        pattern = assess_dict(febrile[child]).pattern
        if kind == "outside_definition":
            assert pattern not in FEBRILE_PATTERN.values(), (child, pattern)
        else:
            assert pattern == FEBRILE_PATTERN[kind], (child, kind, pattern)


def test_febrile_types_cover_every_child_and_every_kind(febrile):
    answers = {**key("febrile-seizures", "test_febrile_type_a_to_d"),
               **key("febrile-seizures", "test_febrile_type_e_to_g")}
    assert set(answers) == set(febrile)
    assert set(answers.values()) == {"simple", "complex", "outside_definition"}


def test_febrile_levels_agree_with_triage(febrile):
    for child, levels in key("febrile-seizures", "test_febrile_level").items():
        assert assess_dict(febrile[child]).level in levels, child


def test_is_complex_cases_agree_with_triage():
    cases = key("febrile-seizures", "test_is_complex", "_CASES")
    assert any(c[-1] for c in cases) and not all(c[-1] for c in cases)
    for focal, minutes, n24, expected in cases:
        episode = {"age_days": 540, "state": "awake", "movement": "convulsion",
                   "body": "one_side" if focal else "both_sides", "duration_s": minutes * 60,
                   "fever_c": 39.0, "episodes_24h": n24, "back_to_normal_min": 20.0,
                   "first_episode": False}
        pattern = assess_dict(episode).pattern
        assert pattern == FEBRILE_PATTERN["complex" if expected else "simple"], \
            (focal, minutes, n24)


def test_clock_phases_agree_with_ilae15_thresholds_and_triage():
    t1 = clinical.seconds("status_tonic_clonic_t1") / 60
    t2 = clinical.seconds("status_tonic_clonic_t2") / 60
    assert (t1, t2) == (5.0, 30.0)
    for minutes, phase in key("febrile-seizures", "test_clock_phase", "_CASES"):
        expected = "time_it" if minutes < t1 else "treat_now" if minutes < t2 \
            else "lasting_harm_risk"
        assert phase == expected, minutes
        if minutes > 0:
            level = assess_dict({"age_days": 540, "state": "awake", "movement": "convulsion",
                                 "body": "both_sides", "duration_s": minutes * 60,
                                 "fever_c": 39.0, "back_to_normal_min": 20.0,
                                 "first_episode": False}).level
            assert (level == "emergency") == (phase != "time_it"), (minutes, level)


# --- benign-or-concerning ----------------------------------------------------------------------

@pytest.fixture(scope="module")
def boc():
    return run_setup_cell(source_notebook("benign-or-concerning"))


def test_there_are_at_least_twelve_vignettes_and_every_level(boc):
    levels = {**key("benign-or-concerning", "test_level_v01_v07"),
              **key("benign-or-concerning", "test_level_v08_v14")}
    assert len(boc["VIGNETTES"]) >= 12 and set(levels) == set(boc["VIGNETTES"])
    # awake clusters at 1-12 months are now urgent (clinical audit D1), so "review" is taught by
    # the paroxysmal events of Part 4; every level is a right answer somewhere in the assignment
    events = key("benign-or-concerning", "test_event_level")
    assert set().union(*levels.values(), *events.values()) == {"benign", "review", "urgent",
                                                               "emergency"}


@pytest.mark.parametrize("grade_id", ["test_level_v01_v07", "test_level_v08_v14"])
def test_vignette_levels_agree_with_triage(boc, grade_id):
    for case, levels in key("benign-or-concerning", grade_id).items():
        assert assess_dict(boc["VIGNETTES"][case]).level in levels, case


@pytest.mark.parametrize("grade_id", ["test_pattern_v01_v07", "test_pattern_v08_v14"])
def test_vignette_patterns_agree_with_triage(boc, grade_id):
    for case, patterns in key("benign-or-concerning", grade_id).items():
        assert assess_dict(boc["VIGNETTES"][case]).pattern in patterns, case


@pytest.mark.parametrize("grade_id,attr", [("test_event_pattern", "pattern"),
                                           ("test_event_level", "level")])
def test_paroxysmal_event_keys_agree_with_triage(boc, grade_id, attr):
    answers = key("benign-or-concerning", grade_id)
    assert set(answers) == set(boc["EVENTS"])
    for case, accepted in answers.items():
        assert getattr(assess_dict(boc["EVENTS"][case]), attr) in accepted, case
    if attr == "pattern":
        assert set().union(*answers.values()) <= set(boc["EVENT_PATTERNS"])


def test_timeline_keys_agree_with_triage_of_their_features(boc):
    levels = key("benign-or-concerning", "test_timeline_answers", "_KEY_LEVEL")
    patterns = key("benign-or-concerning", "test_timeline_answers", "_KEY_PATTERN")
    for name, timeline in boc["TIMELINES"].items():
        assessment = assess(features.to_episode(timeline))
        assert (assessment.level, assessment.pattern) == (levels[name], patterns[name]), name


def test_red_flag_cases_agree_with_triage_emergencies():
    cases = key("benign-or-concerning", "test_red_flag", "_CASES")
    assert any(e for _, e in cases) and not all(e for _, e in cases)
    for episode, expected in cases:
        assert (assess_dict(episode).level == "emergency") == expected, episode


def test_stops_on_waking_hidden_timelines_exercise_both_answers():
    source = grade_cells(source_notebook("benign-or-concerning"))["test_stops_on_waking"].source
    ids = [eid for eid in ("E0045", "E0046", "E0180", "E0177") if eid in source]
    answers = {features.stops_on_waking(data.load_timeline(eid)) for eid in ids}
    assert {True, False} <= answers, "the unseen timelines should include both answers"


# --- myoclonus ------------------------------------------------------------------------------------

@pytest.fixture(scope="module")
def emg_meta():
    traces, meta = data.load_emg_traces()
    return traces, meta.set_index("trace_id")


def test_trace_kinds_agree_with_the_data(emg_meta):
    _, meta = emg_meta
    seen = key("myoclonus", "test_kind_of")
    unseen = key("myoclonus", "test_kind_of", "_UNSEEN")
    assert not set(seen) & set(unseen)
    for trace_id, kind in {**seen, **unseen}.items():
        assert meta.loc[trace_id, "kind"] == kind, trace_id


def test_atypical_traces_agree_with_the_data_and_the_measure(emg_meta):
    traces, meta = emg_meta
    atypical = key("myoclonus", "test_atypical")
    assert atypical == set(meta.index[~meta["typical"].astype(bool)])
    for trace_id in meta.index:
        kind = meta.loc[trace_id, "kind"]
        ms = emg.measure(traces[trace_id].to_numpy(), int(meta.loc[trace_id, "fs_hz"]), kind)
        limit_exceeded = ms > 100.0 if kind == "positive" else ms >= 500.0
        assert limit_exceeded == (trace_id in atypical), (trace_id, ms)


# --- sleep-stages ---------------------------------------------------------------------------------

def _group_values(group: str):
    hyp = data.load_hypnograms()
    shares, cycles = [], []
    for night_id in hyp.loc[hyp["age_group"] == group, "night_id"].unique():
        timeline = data.load_hypnogram(night_id)
        s = features.stage_shares(timeline)
        shares.append(s.get("AS", 0.0) + s.get("R", 0.0))
        cycles.extend(features.cycle_lengths_min(timeline))
    return float(np.mean(shares)), float(np.median(cycles))


def test_sleep_share_and_cycle_answers_fit_the_data():
    answers = key("sleep-stages", "test_answers_7_8")
    newborn_share, newborn_cycle = _group_values("term_newborn")
    adult_share, _ = _group_values("adult")
    # answer 7 (c): about half of a newborn's sleep is active; adults a fifth to a quarter.
    assert answers["answer_7"] == "c"
    assert 0.4 <= newborn_share <= 0.6 and 0.15 <= adult_share <= 0.3
    # answer 8 (b): the median newborn cycle is nearest 55 min of 20, 55, 90, 150.
    options = {"a": 20, "b": 55, "c": 90, "d": 150}
    nearest = min(options, key=lambda k: abs(options[k] - newborn_cycle))
    assert answers["answer_8"] == nearest, newborn_cycle


def test_hidden_nights_are_not_the_ones_shown():
    nb = source_notebook("sleep-stages")
    shown = "N071"
    cells = grade_cells(nb)
    assert shown not in cells["test_stage_shares"].source.split("HIDDEN TESTS")[1]
    assert shown not in cells["test_cycle_lengths"].source.split("HIDDEN TESTS")[1]
