"""The clinical thresholds table: every number with its unit, source and note."""

from __future__ import annotations

import dataclasses

import pytest

from twitchlab import clinical
from twitchlab.clinical import SOURCES, THRESHOLDS, Threshold

REFERENCE_KEYS = {
    "AAP11", "AAP08", "AFP19", "ILAE14", "ILAE15", "ILAE17", "ILAE25", "IESS22", "ISWG10",
    "AAN12", "AASM07", "GD16", "ANDERS71", "SOK21", "BLU15", "MAU10", "DC93", "CAR09", "TAS98",
    "WW18", "NG143", "AAP22",
}


def test_sources_hold_the_reference_keys_and_are_all_in_the_bibliography():
    from pathlib import Path

    import pybtex.database

    bib = Path(__file__).resolve().parents[1] / "book" / "references.bib"
    assert REFERENCE_KEYS <= set(SOURCES)
    assert set(SOURCES) <= set(pybtex.database.parse_file(str(bib)).entries)


@pytest.mark.parametrize("name", sorted(THRESHOLDS))
def test_every_threshold_has_unit_source_and_note(name):
    t = THRESHOLDS[name]
    assert t.unit in clinical.UNITS
    assert t.source in SOURCES
    assert len(t.note) > 20 and "\n" not in t.note


@pytest.mark.parametrize(
    ("name", "value", "unit", "source"),
    [
        ("convulsion_emergency", 5, "min", "ILAE15"),
        ("status_tonic_clonic_t1", 5, "min", "ILAE15"),
        ("status_tonic_clonic_t2", 30, "min", "ILAE15"),
        ("status_focal_impaired_t1", 10, "min", "ILAE15"),
        ("status_focal_impaired_t2", 60, "min", "ILAE15"),
        ("complex_febrile_duration", 15, "min", "AAP11"),
        ("fever", 38.0, "°C", "AAP11"),
        ("febrile_age_min", 6, "months", "AAP11"),
        ("febrile_age_max", 60, "months", "AAP11"),
        ("fever_seizure_young_infant", 3, "months", "NG143"),
        ("not_back_to_normal", 60, "min", "NHSHT"),  # audit C7
        ("newborn_max_age", 28, "days", "PRESS21"),
        ("bnsm_age_max", 6, "months", "PP08"),  # audit C11
        ("spasms_peak_age_min", 4, "months", "COWAN91"),  # audit C12
        ("spasms_peak_age_max", 6, "months", "COWAN91"),
        ("bnsm_rhythm_min", 1, "Hz", "DC93"),
        ("bnsm_rhythm_max", 5, "Hz", "DC93"),
        ("spasms_typical_age_min", 3, "months", "IESS22"),
        ("spasms_typical_age_max", 12, "months", "COWAN91"),
        ("spasms_age_range_min", 1, "months", "IESS22"),
        ("spasms_age_range_max", 24, "months", "IESS22"),
        ("spasm_duration_min", 1, "s", "ISWG10"),
        ("spasm_duration_max", 2, "s", "ISWG10"),
        ("spasm_interval_min", 5, "s", "ISWG10"),
        ("spasm_interval_max", 30, "s", "ISWG10"),
        ("bmei_age_min", 1, "months", "CAR09"),
        ("bmei_age_max", 12, "months", "CAR09"),
        ("negative_myoclonus_max", 500, "ms", "TAS98"),
        ("twitch_burst_gap_max", 10, "s", "SOK20"),  # audit C13
    ],
)
def test_the_numbers_the_course_teaches(name, value, unit, source):
    t = clinical.threshold(name)
    assert (t.value, t.unit, t.source) == (value, unit, source)


def test_month_to_day_conversion_is_defined_once_and_used_by_days():
    assert clinical.DAYS_PER_MONTH == pytest.approx(30.4375)
    assert clinical.days("febrile_age_min") == pytest.approx(182.625)
    assert clinical.days("febrile_age_max") == pytest.approx(1826.25)
    assert clinical.days("newborn_max_age") == 28
    assert clinical.days("newborn_max_pma_preterm") == 44 * 7
    assert clinical.months_to_days(3) == pytest.approx(91.3125)
    assert clinical.age_months(clinical.months_to_days(7.5)) == pytest.approx(7.5)


def test_seconds_conversion():
    assert clinical.seconds("convulsion_emergency") == 300
    assert clinical.seconds("complex_febrile_duration") == 900
    assert clinical.seconds("not_back_to_normal") == 3600
    assert clinical.seconds("spasm_duration_max") == 2
    assert clinical.seconds("negative_myoclonus_max") == pytest.approx(0.5)


@pytest.mark.parametrize(("func", "name"), [(clinical.seconds, "fever"),
                                            (clinical.days, "convulsion_emergency"),
                                            (clinical.seconds, "bnsm_rhythm_max")])
def test_converting_to_the_wrong_kind_of_unit_is_refused(func, name):
    with pytest.raises(ValueError, match=name):
        func(name)


def test_unknown_threshold_name_lists_what_is_allowed():
    with pytest.raises(ValueError, match="'seizure_minutes'.*convulsion_emergency"):
        clinical.threshold("seizure_minutes")
    with pytest.raises(ValueError):
        clinical.value("nope")


def test_the_table_is_read_only():
    with pytest.raises(TypeError):
        THRESHOLDS["fever"] = Threshold(37.5, "°C", "NG143", "lower fever")  # type: ignore[index]
    with pytest.raises(dataclasses.FrozenInstanceError):
        THRESHOLDS["fever"].value = 37.5  # type: ignore[misc]


@pytest.mark.parametrize(
    ("kwargs", "field"),
    [
        ({"value": "5", "unit": "min", "source": "ILAE15", "note": "x"}, "value"),
        ({"value": True, "unit": "min", "source": "ILAE15", "note": "x"}, "value"),
        ({"value": float("nan"), "unit": "min", "source": "ILAE15", "note": "x"}, "value"),
        ({"value": 5, "unit": "minutes", "source": "ILAE15", "note": "x"}, "unit"),
        ({"value": 5, "unit": "min", "source": "Wikipedia", "note": "x"}, "source"),
        ({"value": 5, "unit": "min", "source": "ILAE15", "note": "  "}, "note"),
    ],
)
def test_a_threshold_row_is_validated(kwargs, field):
    with pytest.raises(ValueError, match=f"Threshold {field}"):
        Threshold(**kwargs)


def test_age_windows_are_ordered():
    assert clinical.days("newborn_max_age") < clinical.days("spasms_age_range_min")
    assert clinical.days("spasms_typical_age_min") < clinical.days("spasms_typical_age_max")
    assert clinical.days("spasms_typical_age_max") < clinical.days("spasms_age_range_max")
    assert clinical.days("fever_seizure_young_infant") < clinical.days("febrile_age_min")
    assert clinical.days("bnsm_mostly_resolved") < clinical.days("bnsm_age_max")
    assert clinical.seconds("convulsion_emergency") < clinical.seconds("complex_febrile_duration")
