"""The parameters table: every value sourced, shares consistent, the scheme switch where stated."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from twitchlab import params as P

REFERENCE = Path("/work/shared/medical-reference.md")
BIBLIOGRAPHY = Path(__file__).resolve().parents[1] / "book" / "references.bib"
KEYS = {
    "AAP11", "AAP08", "AFP19", "ILAE14", "ILAE15", "ILAE17", "ILAE25", "IESS22", "ISWG10", "AAN12",
    "AASM07", "GD16", "ANDERS71", "SOK21", "BLU15", "MAU10", "DC93", "CAR09", "TAS98", "WW18",
    "NG143", "AAP22",
}
"""Keys of the course's medical reference (its source table)."""
BIB_KEYS = set(re.findall(r"^@\w+\{([A-Za-z0-9]+),", BIBLIOGRAPHY.read_text(encoding="utf-8"),
                          flags=re.M))
"""Keys of the book's bibliography: the medical reference's keys plus the sources the clinical
audit asked for (OHAYON04, SOK20, VOLPE18, PARKER90, VANASSE76, DIMARIO01, STEPH78, THOMAS13,
ICSD3, PRESS21 ...). A parameter may cite any of them."""


def _all_params():
    for row in P.SLEEP_TABLE:
        yield from ((f"{row.name}.share_{k}", v) for k, v in row.stage_shares.items())
        for name in ("cycle_min", "sleep_onset_stage", "wake_fraction", "wake_bout_probability",
                     "night_hours"):
            yield f"{row.name}.{name}", getattr(row, name)
    for pattern, table in P.PATTERN_PARAMS.items():
        yield from ((f"{pattern}.{k}", v) for k, v in table.items())
    for group in (P.EMG_PARAMS, P.FEATURE_PARAMS):
        yield from group.items()
    for name in ("CYCLE_LENGTH_CV", "STAGE_LENGTH_SHAPE", "SWS_REM_GRADIENT", "HYPNIC_WINDOW_S",
                 "WAKING_WINDOW_S"):
        yield name, getattr(P, name)


def test_reference_keys_are_the_reference_keys():
    if not REFERENCE.is_file():
        pytest.skip(f"{REFERENCE} is not on this machine (it lives outside the repository)")
    text = REFERENCE.read_text(encoding="utf-8")
    found = set(re.findall(r"^\| ([A-Z]+[0-9]+) \|", text, flags=re.M))
    assert found == KEYS


def test_the_bibliography_holds_every_reference_key():
    assert KEYS <= BIB_KEYS


@pytest.mark.parametrize("name,param", list(_all_params()), ids=lambda x: str(x)[:40])
def test_every_value_has_a_source_key_and_assumptions_say_so(name, param):
    assert isinstance(param, P.Param), name
    assert param.source in BIB_KEYS, (f"{name}: source {param.source!r} is not a key of "
                                      f"book/references.bib")
    assert param.unit, f"{name}: no unit"
    if param.assumption:
        assert len(param.note) > 10, f"{name}: an assumption must say how it was chosen"


def test_ages_cover_the_issue_and_rows_are_ordered():
    names = [r.name for r in P.SLEEP_TABLE]
    assert names == ["preterm_newborn", "term_newborn", "3_months", "6_months", "12_months",
                     "24_months", "child", "adult"]
    mins = [r.min_corrected_days for r in P.SLEEP_TABLE]
    assert mins == sorted(mins)


@pytest.mark.parametrize("row", P.SLEEP_TABLE, ids=lambda r: r.name)
def test_stage_shares_sum_to_one_in_the_right_scheme(row):
    shares = row.shares()
    assert sum(shares.values()) == pytest.approx(1.0)
    stages = P.INFANT_STAGES if row.scheme == "infant" else P.AASM_STAGES
    assert set(shares) == set(stages) - {"W"}
    assert row.sleep_onset_stage.value in stages


def test_newborns_enter_sleep_through_active_sleep_and_half_their_sleep_is_active():
    term = P.sleep_row(10)
    assert term.name == "term_newborn"
    assert term.sleep_onset_stage.value == "AS" and term.sleep_onset_stage.source == "GD16"
    assert term.stage_shares["AS"].value == pytest.approx(0.5)
    assert not term.stage_shares["AS"].assumption


def test_adult_values_sit_in_the_aasm_ranges():
    adult = P.sleep_row(30 * 365).shares()
    assert adult["N1"] < 0.05
    assert 0.45 <= adult["N2"] <= 0.55
    assert 0.10 <= adult["N3"] <= 0.20
    assert 0.20 <= adult["R"] <= 0.25
    assert P.sleep_row(30 * 365).cycle_min.value == 90


def test_scheme_switches_at_three_months_corrected_age():
    assert P.scheme_for(89) == "infant"
    assert P.scheme_for(90) == "aasm"
    # born at 32 weeks: 8 weeks early, so 100 days old is 44 days corrected
    assert P.corrected_age_days(100, 32.0) == 44
    assert P.sleep_row(100, 32.0).scheme == "infant"
    assert P.sleep_row(100, 40.0).scheme == "aasm"
    assert P.sleep_row(20, 30.0).name == "preterm_newborn"


def test_every_pattern_has_parameters_and_an_age_range():
    assert set(P.PATTERN_PARAMS) == set(P.SIMULATED_PATTERNS)
    assert P.SIMULATED_PATTERNS == P.PATTERNS + P.PAROXYSMAL_PATTERNS
    for pattern in P.SIMULATED_PATTERNS:
        lo, hi = P.pattern_age_days(pattern)
        assert 0 <= lo < hi <= 36500


def test_pattern_param_rejects_unknown_names():
    with pytest.raises(ValueError, match="pattern='nope'"):
        P.pattern_param("nope", "age_days")
    with pytest.raises(ValueError, match="'colour'.*bnsm"):
        P.pattern_param("bnsm", "colour")


def test_twitches_join_quiet_sleep_from_three_months():
    assert "N2" not in P.pattern_states("sleep_twitches", 60)
    assert "N2" in P.pattern_states("sleep_twitches", 120)
    assert "W" not in P.pattern_states("bnsm")
    assert P.pattern_states("infantile_spasms").isdisjoint({"QS", "N3"})


def test_table_frame_lists_every_value_with_its_source():
    df = P.table_frame()
    assert len(df) == sum(len(r.stage_shares) + 5 for r in P.SLEEP_TABLE)
    assert df["source"].isin(BIB_KEYS).all()


def test_active_or_rem_share_falls_with_age_and_cycles_lengthen():
    # about half of newborn sleep is active; REM falls through infancy to 20-25 % (OHAYON04)
    rows = [r for r in P.SLEEP_TABLE if r.name != "preterm_newborn"]
    rem = [r.shares().get("AS", r.shares().get("R")) for r in rows]
    assert rem[:6] == sorted(rem[:6], reverse=True) and len(set(rem[:6])) == 6
    assert all(0.20 <= x <= 0.25 for x in rem[5:])
    cycles = [r.cycle_min.value for r in P.SLEEP_TABLE]
    assert cycles == sorted(cycles)


def test_the_cohort_patterns_are_the_first_ten_unchanged():
    # data/ is generated from P.PATTERNS in this order with fixed seeds (tests/test_data.py):
    # new patterns go into PAROXYSMAL_PATTERNS, never into this tuple
    assert P.PATTERNS == (
        "sleep_twitches", "hypnic_jerk", "bnsm", "jitteriness", "benign_myoclonus_of_infancy",
        "infantile_spasms", "simple_febrile_seizure", "complex_febrile_seizure", "focal_seizure",
        "generalized_seizure",
    )
    assert set(P.PAROXYSMAL_PATTERNS).isdisjoint(P.PATTERNS)


def test_audit_sources_c9_c13_c16():
    # C9: normative stage shares come from the Ohayon meta-analysis, not the AASM scoring manual
    for row in P.SLEEP_TABLE:
        if row.scheme == "aasm":
            assert {p.source for p in row.stage_shares.values()} == {"OHAYON04"}, row.name
    # C13: bursts <= 10 s apart are the companion paper's finding
    assert P.PATTERN_PARAMS["sleep_twitches"]["burst_gap_max_s"].source == "SOK20"
    assert P.FEATURE_PARAMS["twitch_burst_gap_s"].source == "SOK20"
    # C16: jitteriness rests on Volpe and Parker, not a sleep-scoring manual; still assumptions
    jit = P.PATTERN_PARAMS["jitteriness"]
    assert {p.source for p in jit.values()} <= {"VOLPE18", "PARKER90"}
    assert jit["frequency_hz"].assumption
    for name in ("tremor_min_hz", "tremor_max_amplitude_cv"):
        assert P.FEATURE_PARAMS[name].source == "VOLPE18"
        assert P.FEATURE_PARAMS[name].assumption


def test_new_patterns_age_ranges_agree_with_the_triage_thresholds():
    from twitchlab import clinical

    def days(name):
        return clinical.days(name)

    assert P.pattern_age_days("neonatal_seizure") == (0, int(days("newborn_max_age")) - 1)
    lo, hi = P.pattern_age_days("breath_holding_spell")
    assert days("breath_holding_age_min") <= lo and hi <= days("breath_holding_age_max")
    lo, hi = P.pattern_age_days("rhythmic_movement_disorder")
    assert days("rhythmic_movement_age_min") <= lo and hi <= days("rhythmic_movement_age_max")
    assert P.pattern_age_days("hyperekplexia")[1] <= days("newborn_max_age")
    lo, hi = P.pattern_param("rhythmic_movement_disorder", "simulated_hz")
    flo, fhi = P.pattern_param("rhythmic_movement_disorder", "frequency_hz")
    assert flo <= lo < hi <= fhi
