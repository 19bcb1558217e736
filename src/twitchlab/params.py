"""Parameters of the simulation: sleep architecture by age and movement patterns.

Every number the simulation uses lives here, once, with the key of the source it rests on
(keys of the course's bibliography, ``book/references.bib``: GD16, SOK21, SOK20, AASM07, OHAYON04,
ANDERS71, MAU10, DC93, CAR09, ISWG10, IESS22, TAS98, WW18, AAP11, ILAE15, ILAE17, VOLPE18,
PARKER90 and, for the paroxysmal events of infancy, VANASSE76, DIMARIO01, STEPH78, THOMAS13,
ICSD3, PRESS21). Where the reference gives no number for an
age or a pattern, the value is marked ``assumption=True`` and its note says how it was chosen
(usually interpolated between cited anchors). Those values are modelling choices for teaching,
not facts to quote.

Scoring schemes
---------------
Below a corrected age of 3 months (90 days) the model scores sleep with the infant scheme
``W / AS / QS / IS`` (wake, active, quiet, indeterminate sleep; ANDERS71, GD16); from 3 months it
uses the adult AASM scheme ``W / N1 / N2 / N3 / R`` (AASM07). Why 3 months: the AASM rules for
infants (GD16) cover 0-2 months post-term, and N2 can only be scored once sleep spindles are
present, which they usually are by 2-3 months post-term. Age is *corrected* age (age minus the
weeks born before 40 weeks' gestation), because sleep matures with post-conceptional age.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from types import MappingProxyType
from typing import Any

__all__ = [
    "Param",
    "SleepRow",
    "SLEEP_TABLE",
    "INFANT_STAGES",
    "AASM_STAGES",
    "ALL_STAGES",
    "SLEEP_STAGES",
    "INFANT_SCHEME_MAX_CORRECTED_DAYS",
    "TERM_GESTATION_WEEKS",
    "GESTATION_WEEKS_RANGE",
    "AGE_DAYS_RANGE",
    "TEMPERATURE_C_RANGE",
    "PATTERNS",
    "PAROXYSMAL_PATTERNS",
    "SIMULATED_PATTERNS",
    "PATTERN_PARAMS",
    "CONVULSION_PARAMS",
    "WINDOW_S",
    "EMG_PARAMS",
    "FEATURE_PARAMS",
    "CYCLE_LENGTH_CV",
    "CYCLE_LENGTH_CLIP",
    "STAGE_LENGTH_SHAPE",
    "SWS_REM_GRADIENT",
    "HYPNIC_WINDOW_S",
    "WAKING_WINDOW_S",
    "BODY_PARTS",
    "SIDES",
    "MARKER_KINDS",
    "scheme_for",
    "corrected_age_days",
    "sleep_row",
    "pattern_param",
    "pattern_states",
    "pattern_age_days",
    "table_frame",
]


@dataclass(frozen=True)
class Param:
    """One parameter value with its source.

    Attributes
    ----------
    value : float, str or tuple
        The value (units in ``unit``).
    unit : str
        Unit of the value (``"s"``, ``"min"``, ``"days"``, ``"Hz"``, ``"fraction"``, ...).
    source : str
        Key of the medical reference the value rests on, or of the nearest cited anchor when the
        value is an assumption.
    assumption : bool
        True when the reference gives no number and the value is a modelling choice.
    note : str
        How the value was chosen, or what the source says.
    """

    value: Any
    unit: str
    source: str
    assumption: bool = False
    note: str = ""


def _p(value: Any, unit: str, source: str, note: str = "") -> Param:
    return Param(value, unit, source, False, note)


def _a(value: Any, unit: str, source: str, note: str) -> Param:
    """An assumption: the reference gives no number here."""
    return Param(value, unit, source, True, note)


# --- stage labels ------------------------------------------------------------------------------
INFANT_STAGES = ("W", "AS", "QS", "IS")
"""Infant scheme (ANDERS71, GD16): wake, active sleep, quiet sleep, indeterminate sleep."""
AASM_STAGES = ("W", "N1", "N2", "N3", "R")
"""AASM scheme (AASM07): wake, NREM 1-3, REM."""
ALL_STAGES = ("W", "AS", "QS", "IS", "N1", "N2", "N3", "R")
SLEEP_STAGES = frozenset(ALL_STAGES) - {"W"}

INFANT_SCHEME_MAX_CORRECTED_DAYS = 90
"""Corrected age (days) from which the AASM scheme is used (GD16: infant rules cover 0-2 months;
spindles, needed to score N2, are usually present by 2-3 months post-term)."""

TERM_GESTATION_WEEKS = 40.0
GESTATION_WEEKS_RANGE = (22.0, 44.0)
AGE_DAYS_RANGE = (0, 36500)
TEMPERATURE_C_RANGE = (34.0, 43.0)

BODY_PARTS = (
    "face", "eyes", "head", "fingers", "hand", "arm", "leg", "toes", "trunk", "whole_body",
)
SIDES = ("left", "right", "both", "midline")
MARKER_KINDS = ("handling", "crying", "rocking", "sound", "held", "woken", "feeding",
                "excitement", "pain_or_fright", "touch")
"""What a carer did or saw, marked on the timeline: ``handling``, ``crying``, ``rocking``,
``sound`` and the four added for the paroxysmal events of infancy (``feeding``, ``excitement``,
``pain_or_fright`` such as a bump or a fright, ``touch``: the triage's ``PROVOKED_BY`` words) can
provoke movements; ``held`` is gentle holding or flexion of the limbs, ``woken`` is waking the
baby on purpose."""


def corrected_age_days(age_days: int, gestation_weeks: float = TERM_GESTATION_WEEKS) -> int:
    """Age corrected for prematurity, in days.

    ``age_days - (40 - gestation_weeks) * 7`` for babies born before 40 weeks, otherwise
    ``age_days``. Negative for a preterm baby who has not yet reached term-equivalent age.
    """
    if gestation_weeks >= TERM_GESTATION_WEEKS:
        return int(age_days)
    return int(age_days - round((TERM_GESTATION_WEEKS - gestation_weeks) * 7))


def scheme_for(corrected_days: int) -> str:
    """``"infant"`` below a corrected age of 90 days, ``"aasm"`` from then (see module doc)."""
    return "infant" if corrected_days < INFANT_SCHEME_MAX_CORRECTED_DAYS else "aasm"


# --- sleep architecture by age -----------------------------------------------------------------
@dataclass(frozen=True)
class SleepRow:
    """Sleep architecture for one age group.

    Attributes
    ----------
    name : str
        Age group (``term_newborn``, ``preterm_newborn``, ``3_months`` ...).
    min_corrected_days : int
        Lowest corrected age (days) in the group; the group runs to the next row's minimum.
    scheme : str
        ``"infant"`` or ``"aasm"``.
    stage_shares : Mapping[str, Param]
        Share of *sleep* time in each sleep stage (fractions summing to 1).
    cycle_min : Param
        Mean sleep-cycle length, min.
    sleep_onset_stage : Param
        Stage through which sleep begins after wake.
    wake_fraction : Param
        Share of the sleep period (the night) spent awake.
    wake_bout_probability : Param
        Probability that a cycle is preceded by a wake bout (the first always is: sleep latency).
    night_hours : Param
        Default length of the simulated period, h.
    """

    name: str
    min_corrected_days: int
    scheme: str
    stage_shares: Mapping[str, Param]
    cycle_min: Param
    sleep_onset_stage: Param
    wake_fraction: Param
    wake_bout_probability: Param
    night_hours: Param

    def shares(self) -> dict[str, float]:
        """Stage shares of sleep time as plain floats."""
        return {k: float(v.value) for k, v in self.stage_shares.items()}


_INTERP = "model assumption: the reference gives no number at this age; interpolated between the "
_NEWBORN_ADULT = (
    _INTERP + "newborn anchor (SOK21: about half of sleep active) and the child/adult anchors "
    "(OHAYON04: normative values; the AASM07 manual gives scoring rules, not percentages)"
)
_CYCLE_INTERP = _INTERP + "infant cycle of about 50-60 min (GD16) and the adult 90 min (CD17)"
_WAKE = "model assumption: wake after sleep onset; falls with age as sleep consolidates"
_WAKE_P = "model assumption: how often a cycle ends in a wake bout (feeds in young infants)"
_NIGHT = "model assumption: length of the simulated sleep period"


def _shares(source: str, note: str, assumption: bool, **shares: float) -> Mapping[str, Param]:
    return MappingProxyType(
        {k: Param(v, "fraction of sleep", source, assumption, note) for k, v in shares.items()}
    )


SLEEP_TABLE: tuple[SleepRow, ...] = (
    SleepRow(
        name="preterm_newborn",
        min_corrected_days=-18 * 7,
        scheme="infant",
        stage_shares=_shares(
            "SOK21",
            "model assumption: more active and indeterminate sleep before term than the term "
            "anchor (SOK21: about half active); extrapolated, not a cited number",
            True, AS=0.60, QS=0.22, IS=0.18,
        ),
        cycle_min=_a(50.0, "min", "GD16", "model assumption: lower end of the infant 50-60 min "
                     "cycle (GD16)"),
        sleep_onset_stage=_p("AS", "stage", "GD16", "sleep begins in active sleep until 2-3 "
                             "months post-term"),
        wake_fraction=_a(0.30, "fraction of period", "SOK21", _WAKE),
        wake_bout_probability=_a(0.5, "probability", "SOK21", _WAKE_P),
        night_hours=_a(12.0, "h", "SOK21", _NIGHT),
    ),
    SleepRow(
        name="term_newborn",
        min_corrected_days=0,
        scheme="infant",
        stage_shares=_shares(
            "SOK21",
            "about half of newborn sleep is active sleep (SOK21); the quiet/indeterminate split "
            "is a model assumption (ANDERS71 defines IS but gives no share)",
            False, AS=0.50, QS=0.35, IS=0.15,
        ),
        cycle_min=_p(55.0, "min", "GD16", "infant cycles about 50-60 min"),
        sleep_onset_stage=_p("AS", "stage", "GD16", "newborns enter sleep through active sleep"),
        wake_fraction=_p(0.33, "fraction of period", "SOK21",
                         "newborns sleep about 16 h a day, so awake about 8/24 = 0.33 of the "
                         "time; assumes wake is spread evenly over day and night"),
        wake_bout_probability=_a(0.5, "probability", "SOK21", _WAKE_P),
        night_hours=_a(12.0, "h", "SOK21", _NIGHT),
    ),
    SleepRow(
        name="3_months",
        min_corrected_days=90,
        scheme="aasm",
        stage_shares=_shares("OHAYON04", _NEWBORN_ADULT, True, N1=0.05, N2=0.30, N3=0.25, R=0.40),
        cycle_min=_a(60.0, "min", "GD16", _CYCLE_INTERP),
        sleep_onset_stage=_p("N1", "stage", "GD16", "from 2-3 months sleep no longer begins in "
                             "active sleep; AASM07 scoring begins with N1"),
        wake_fraction=_a(0.20, "fraction of period", "SOK21", _WAKE),
        wake_bout_probability=_a(0.4, "probability", "SOK21", _WAKE_P),
        night_hours=_a(11.0, "h", "SOK21", _NIGHT),
    ),
    SleepRow(
        name="6_months",
        min_corrected_days=180,
        scheme="aasm",
        stage_shares=_shares("OHAYON04", _NEWBORN_ADULT, True, N1=0.05, N2=0.33, N3=0.27, R=0.35),
        cycle_min=_a(65.0, "min", "GD16", _CYCLE_INTERP),
        sleep_onset_stage=_p("N1", "stage", "AASM07"),
        wake_fraction=_a(0.15, "fraction of period", "SOK21", _WAKE),
        wake_bout_probability=_a(0.35, "probability", "SOK21", _WAKE_P),
        night_hours=_a(11.0, "h", "SOK21", _NIGHT),
    ),
    SleepRow(
        name="12_months",
        min_corrected_days=365,
        scheme="aasm",
        stage_shares=_shares("OHAYON04", _NEWBORN_ADULT, True, N1=0.05, N2=0.37, N3=0.28, R=0.30),
        cycle_min=_a(70.0, "min", "CD17", _CYCLE_INTERP),
        sleep_onset_stage=_p("N1", "stage", "AASM07"),
        wake_fraction=_a(0.10, "fraction of period", "AASM07", _WAKE),
        wake_bout_probability=_a(0.3, "probability", "AASM07", _WAKE_P),
        night_hours=_a(11.0, "h", "AASM07", _NIGHT),
    ),
    SleepRow(
        name="24_months",
        min_corrected_days=730,
        scheme="aasm",
        stage_shares=_shares("OHAYON04", _NEWBORN_ADULT, True, N1=0.05, N2=0.41, N3=0.29, R=0.25),
        cycle_min=_a(75.0, "min", "CD17", _CYCLE_INTERP),
        sleep_onset_stage=_p("N1", "stage", "AASM07"),
        wake_fraction=_a(0.08, "fraction of period", "AASM07", _WAKE),
        wake_bout_probability=_a(0.3, "probability", "AASM07", _WAKE_P),
        night_hours=_a(10.5, "h", "AASM07", _NIGHT),
    ),
    SleepRow(
        name="child",
        min_corrected_days=3 * 365,
        scheme="aasm",
        stage_shares=_shares(
            "OHAYON04",
            "normative ranges (OHAYON04 meta-analysis; the AASM07 manual gives scoring rules, not "
            "percentages): N1 under 5 %, N2 about 45-55 %, N3 20-40 % in children, REM 20-25 %; "
            "values picked inside the ranges",
            False, N1=0.04, N2=0.45, N3=0.29, R=0.22,
        ),
        cycle_min=_a(85.0, "min", "CD17", _CYCLE_INTERP),
        sleep_onset_stage=_p("N1", "stage", "AASM07"),
        wake_fraction=_a(0.05, "fraction of period", "AASM07", _WAKE),
        wake_bout_probability=_a(0.3, "probability", "AASM07", _WAKE_P),
        night_hours=_a(10.0, "h", "AASM07", _NIGHT),
    ),
    SleepRow(
        name="adult",
        min_corrected_days=18 * 365,
        scheme="aasm",
        stage_shares=_shares(
            "OHAYON04",
            "adult normative ranges (OHAYON04 meta-analysis; the AASM07 manual gives scoring "
            "rules, not percentages): N1 under 5 %, N2 about 45-55 %, N3 10-20 %, REM 20-25 %; "
            "values picked inside the ranges",
            False, N1=0.04, N2=0.55, N3=0.18, R=0.23,
        ),
        cycle_min=_p(90.0, "min", "CD17", "cycles about 90 min, 4-6 a night"),
        sleep_onset_stage=_p("N1", "stage", "AASM07"),
        wake_fraction=_a(0.05, "fraction of period", "AASM07", _WAKE),
        wake_bout_probability=_a(0.3, "probability", "AASM07", _WAKE_P),
        night_hours=_a(8.0, "h", "AASM07", _NIGHT),
    ),
)

CYCLE_LENGTH_CV = _a(0.10, "fraction", "AASM07", "model assumption: spread of cycle lengths "
                     "(coefficient of variation)")
CYCLE_LENGTH_CLIP = _a((0.6, 1.4), "x mean", "AASM07", "model assumption: cycle lengths are "
                       "kept within these multiples of the mean")
STAGE_LENGTH_SHAPE = _a(12.0, "gamma shape", "AASM07", "model assumption: spread of each "
                        "stage bout within a cycle (gamma shape 12, coefficient of variation "
                        "about 0.29)")
SWS_REM_GRADIENT = _a(0.6, "fraction", "AASM07", "model assumption: N3 is front-loaded and REM "
                      "back-loaded across the night; their share in a cycle is scaled by "
                      "1 +/- 0.6 x (0.5 - position in night) x 2, which keeps the night's "
                      "mean share")


def sleep_row(age_days: int, gestation_weeks: float = TERM_GESTATION_WEEKS) -> SleepRow:
    """The :data:`SLEEP_TABLE` row for an age (days) and gestation at birth (weeks)."""
    corrected = corrected_age_days(age_days, gestation_weeks)
    row = SLEEP_TABLE[0]
    for candidate in SLEEP_TABLE:
        if corrected >= candidate.min_corrected_days:
            row = candidate
    return row


def table_frame():
    """The sleep table as a tidy pandas DataFrame (one row per value, with its source)."""
    import pandas as pd

    rows = []
    for r in SLEEP_TABLE:
        entries = [(f"share_{k}", v) for k, v in r.stage_shares.items()]
        entries += [
            ("cycle_min", r.cycle_min), ("sleep_onset_stage", r.sleep_onset_stage),
            ("wake_fraction", r.wake_fraction),
            ("wake_bout_probability", r.wake_bout_probability), ("night_hours", r.night_hours),
        ]
        for name, p in entries:
            rows.append({
                "age_group": r.name, "min_corrected_days": r.min_corrected_days,
                "scheme": r.scheme, "parameter": name, "value": p.value, "unit": p.unit,
                "source": p.source, "assumption": p.assumption, "note": p.note,
            })
    return pd.DataFrame(rows)


# --- movement patterns -------------------------------------------------------------------------
PATTERNS = (
    "sleep_twitches", "hypnic_jerk", "bnsm", "jitteriness", "benign_myoclonus_of_infancy",
    "infantile_spasms", "simple_febrile_seizure", "complex_febrile_seizure", "focal_seizure",
    "generalized_seizure",
)
"""The first ten patterns: the teaching cohort in ``data/`` is generated from exactly these (in
this order, with fixed seeds), so this tuple must not change; see :data:`SIMULATED_PATTERNS`."""

PAROXYSMAL_PATTERNS = (
    "shuddering_attack", "breath_holding_spell", "hyperekplexia", "rhythmic_movement_disorder",
    "neonatal_seizure",
)
"""Paroxysmal events of infancy added after the clinical audit (section 6): four non-epileptic
mimics and the newborn seizure. Simulated like the others, but not part of the cohort."""

SIMULATED_PATTERNS = PATTERNS + PAROXYSMAL_PATTERNS
"""Every pattern :func:`twitchlab.patterns.simulate_episode` can place (keys of
:data:`PATTERN_PARAMS`)."""

_ANY_AGE = (0, AGE_DAYS_RANGE[1])

PATTERN_PARAMS: Mapping[str, Mapping[str, Param]] = MappingProxyType({
    "sleep_twitches": MappingProxyType({
        "age_days": _p(_ANY_AGE, "days", "SOK21", "twitches persist for life"),
        "states": _p(("AS", "R"), "stage", "SOK21", "active (REM) sleep"),
        "quiet_sleep_from_days": _p(90, "days (corrected)", "SOK21",
                                    "from about 3 months also in quiet sleep, with spindles"),
        "quiet_states": _p(("N2",), "stage", "SOK21", "spindle-bearing NREM sleep (N2)"),
        "event_duration_s": _a((0.02, 0.20), "s", "SOK21", "'milliseconds': brief jerks; "
                               "the range is a model assumption"),
        "burst_gap_max_s": _p(10.0, "s", "SOK20", "twitches come in bursts separated by 10 s "
                              "or less"),
        "within_burst_gap_mean_s": _a(1.0, "s", "SOK20", "mean gap inside a burst (exponential, "
                                      "clipped at burst_gap_max_s)"),
        "twitches_per_burst_mean": _a(4.0, "count", "SOK20", "1 + Poisson(3)"),
        "bursts_per_min_active": _a(1.0, "1/min", "SOK21", "burst rate in active/REM sleep"),
        "bursts_per_min_quiet": _a(0.3, "1/min", "SOK21", "burst rate in N2 from 3 months "
                                   "(fewer than in active sleep)"),
        "amplitude": _a((0.05, 0.40), "relative", "SOK21", "low-amplitude jerks"),
        "body_parts": _p(("face", "eyes", "fingers", "hand", "arm", "leg", "toes", "head"),
                         "body part", "SOK21", "face, fingers, toes and limbs"),
        "body_part_weights": _a((0.2, 0.1, 0.2, 0.1, 0.12, 0.1, 0.13, 0.05), "weight", "SOK21",
                                "model assumption: distal parts and face most often"),
        "sides": _p(("left", "right", "both"), "side", "SOK21", "limb twitches on either side; "
                    "face, eyes and head are midline"),
        "side_weights": _a((0.45, 0.45, 0.10), "weight", "SOK21", "model assumption: bursts "
                           "mix both sides, single twitches are mostly one-sided"),
        "active_s": _a((120.0, 600.0), "s", "SOK21", "length of the active-sleep stretch in an "
                       "episode window"),
        "woken_probability": _a(0.5, "probability", "SOK21", "the carer wakes the baby to check "
                                "(the twitches stop)"),
        "sign_probabilities": _a((("irregular_breathing", 0.5), ("rapid_eye_movements", 0.3)),
                                 "probability", "GD16", "signs of active sleep a carer may "
                                 "notice: irregular breathing is the most useful bedside sign"),
    }),
    "hypnic_jerk": MappingProxyType({
        "age_days": _p(_ANY_AGE, "days", "WW18", "any age"),
        "onset_window_s": _a((2.0, 20.0), "s after sleep onset", "WW18",
                             "at the wake-to-N1 transition"),
        "event_duration_s": _p((0.1, 0.8), "s", "WW18", "a single jerk under 1 s"),
        "amplitude": _a((0.6, 1.0), "relative", "WW18", "a big whole-body or limb jerk"),
        "wakes_probability": _a(0.5, "probability", "WW18", "the jerk often wakes the person"),
        "awake_after_jerk_s": _a((5.0, 30.0), "s", "WW18", "how long the jerk keeps the person "
                                 "awake before sleep begins again"),
        "falling_sensation_from_days": _a(5 * 365, "days", "WW18", "old enough to report a "
                                          "falling sensation"),
        "falling_sensation_probability": _a(0.5, "probability", "WW18", "share who report a "
                                            "falling sensation with the jerk"),
        "body_parts": _p(("whole_body", "trunk", "leg", "arm"), "body part", "WW18"),
    }),
    "bnsm": MappingProxyType({
        "age_days": _p((0, 183), "days", "MAU10", "onset day 1 to about 16 (PP08), most resolve "
                       "by 3 months, usually by 6 months, occasionally later (PP08)"),
        "states": _p(("AS", "QS", "IS", "N1", "N2", "N3", "R"), "stage", "MAU10",
                     "only in sleep, classically quiet sleep but any stage"),
        "quiet_probability": _a(0.8, "probability", "MAU10", "share of simulated episodes in "
                                "quiet sleep (classically quiet sleep, but any stage)"),
        "frequency_hz": _p((1.0, 5.0), "Hz", "DC93", "rhythmic clusters at 1-5 Hz"),
        "frequency_spread": _a(0.1, "fraction", "DC93", "cluster-to-cluster variation of the "
                               "episode's jerk rate"),
        "episode_duration_s": _p((5.0, 1200.0), "s", "MAU10", "seconds to 20 min or more"),
        "cluster_jerks": _a((4, 15), "count", "DC93", "jerks per cluster"),
        "cluster_pause_s": _a((1.0, 15.0), "s", "DC93", "pause between clusters (at least 4 "
                              "jerk intervals, so clusters can be told apart)"),
        "event_duration_s": _a((0.05, 0.20), "s", "DC93", "myoclonic jerk length"),
        "amplitude": _a((0.3, 0.8), "relative", "DC93", "moderate jerks, bigger than twitches"),
        "body_parts": _p(("hand", "arm", "fingers", "leg"), "body part", "MAU10",
                         "hands and arms more than legs"),
        "body_part_weights": _a((0.35, 0.35, 0.1, 0.2), "weight", "MAU10",
                                "arms and hands more than legs"),
        "sides": _p(("both", "left", "right", "migrating"), "side", "MAU10",
                    "bilateral, unilateral or migrating"),
        "provoked_probability": _a(0.3, "probability", "MAU10", "rocking or sound provoke it"),
        "held_probability": _a(0.3, "probability", "MAU10", "holding the limbs does not stop it"),
        "held_at_fraction": _a((0.2, 0.6), "fraction of episode", "MAU10", "when during the "
                               "episode the limbs are held"),
        "provoke_lead_s": _a((1.0, 5.0), "s", "MAU10", "rocking or sound this long before the "
                             "first jerk"),
        "amplitude_jitter": _a(0.1, "fraction", "DC93", "jerk-to-jerk variation of amplitude "
                               "within a cluster"),
        "min_pause_intervals": _a(4.0, "jerk intervals", "DC93", "a pause between clusters is "
                                  "at least this many jerk intervals"),
        "woken_probability": _a(0.5, "probability", "MAU10", "the carer wakes the baby (the "
                                "jerks stop abruptly)"),
    }),
    "jitteriness": MappingProxyType({
        # sources: VOLPE18 (features, stopping with flexion, work-up) and PARKER90 (prevalence in
        # healthy term newborns); ANDERS71, cited here before the clinical audit (C16), is a
        # sleep-state scoring manual. The numbers stay model assumptions where marked.
        "age_days": _a((0, 28), "days", "PARKER90", "neonatal (first 28 days): jitteriness is seen "
                       "in 44 % of healthy term newborns (PARKER90); the 28-day bound is the "
                       "neonatal period, a model choice"),
        "states": _p(("W",), "stage", "VOLPE18", "awake or crying"),
        "frequency_hz": _a((6.0, 7.5), "Hz", "VOLPE18", "'fast, regular tremor'; the "
                           "frequency is a model assumption (faster than BNSM's 1-5 Hz)"),
        "amplitude_cv": _a(0.03, "fraction", "VOLPE18", "equal amplitude"),
        "amplitude": _a((0.1, 0.4), "relative", "VOLPE18", "fine tremor"),
        "bout_duration_s": _a((5.0, 60.0), "s", "VOLPE18", "a bout lasts seconds (table of "
                                "the reference)"),
        "event_duration_s": _a((0.05, 0.08), "s", "VOLPE18", "one tremor beat"),
        "latency_s": _a((0.2, 2.0), "s", "VOLPE18", "from handling to tremor (stimulus "
                        "sensitive)"),
        "stop_after_held_s": _a((0.0, 1.0), "s", "VOLPE18", "stops on holding or flexion"),
        "provoked_by": _a((("handling", 0.7), ("crying", 0.3)), "probability", "VOLPE18",
                          "provoked by handling or crying"),
        "timing_jitter": _a(0.02, "fraction of period", "VOLPE18", "a regular tremor"),
        "risk_probabilities": _a((("maternal_diabetes", 0.3), ("drug_exposure", 0.1)),
                                 "probability", "VOLPE18", "risk factors recorded (low glucose "
                                 "after maternal diabetes, drug withdrawal)"),
        "body_parts": _p(("hand", "arm", "leg", "face"), "body part", "VOLPE18",
                         "limbs and chin"),
    }),
    "benign_myoclonus_of_infancy": MappingProxyType({
        "age_days": _p((30, 365), "days", "CAR09", "onset 1-12 months"),
        "states": _p(("W",), "stage", "CAR09", "awake only"),
        "clusters": _a((1, 4), "count", "CAR09", "clusters in an episode window"),
        "cluster_jerks": _a((3, 10), "count", "CAR09", "shudders per cluster"),
        "interval_s": _a((0.5, 3.0), "s", "CAR09", "between shudders in a cluster"),
        "cluster_pause_s": _a((20.0, 120.0), "s", "CAR09", "between clusters"),
        "event_duration_s": _a((0.2, 0.8), "s", "CAR09", "spasm-like shudder, shorter than "
                               "a 1-2 s spasm"),
        "amplitude": _a((0.3, 0.7), "relative", "CAR09", "a visible shudder, not a big jerk"),
        "body_parts": _p(("head", "trunk", "arm"), "body part", "CAR09",
                         "shudders of head, trunk and arms"),
    }),
    "infantile_spasms": MappingProxyType({
        "age_days": _p((30, 730), "days", "IESS22", "syndrome range 1-24 months (peak 4-6 "
                       "months, 90 % before 1 year: COWAN91)"),
        "states": _p(("W", "N1"), "stage", "ISWG10", "on waking or when drowsy"),
        "event_duration_s": _p((1.0, 2.0), "s", "IESS22", "each spasm lasts 1-2 s"),
        "interval_s": _p((5.0, 30.0), "s", "ISWG10", "one every 5-30 s"),
        "cluster_spasms": _p((5, 50), "count", "ISWG10", "clusters of 5 to 50 or more"),
        "after_waking_s": _a((2.0, 60.0), "s", "ISWG10", "delay from waking to the first spasm"),
        "drowsy_delay_s": _a((5.0, 20.0), "s", "ISWG10", "delay from dozing off to the first "
                             "spasm (when drowsy)"),
        "kinds": _a((("flexion", "trunk", 0.6), ("head_nod", "head", 0.25),
                     ("extension", "whole_body", 0.15)), "kind, body part, probability",
                    "IESS22", "flexion, extension or mixed; subtle forms a head nod"),
        "loss_of_skills_probability": _a(0.4, "probability", "ISWG10", "developmental arrest or "
                                         "regression reported"),
        "clusters_per_day": _a((1, 5), "count", "ISWG10", "clusters in 24 h"),
        "amplitude": _a((0.3, 1.0), "relative", "IESS22", "from subtle head nods to big "
                        "flexion spasms"),
        "body_parts": _p(("trunk", "whole_body", "head", "arm"), "body part", "IESS22",
                         "trunk and proximal limbs; subtle forms a head nod"),
    }),
    "simple_febrile_seizure": MappingProxyType({
        "age_days": _p((183, 1826), "days", "AAP11", "6-60 months"),
        "fever_c": _p((38.0, 40.5), "°C", "AAP11", "fever of 38.0 °C or more; the upper end of "
                      "the simulated range is a model assumption"),
        "states": _p(("W", "N1", "N2", "N3", "R"), "stage", "AAP11", "any state"),
        "duration_s": _p((30.0, 899.0), "s", "AAP11", "under 15 min (most stop within a few "
                         "minutes: the simulated default is 30-300 s)"),
        "default_duration_s": _a((30.0, 300.0), "s", "AFP19", "most febrile seizures are brief"),
        "clonic_hz": _a((2.0, 3.0), "Hz", "ILAE17", "rhythmic clonic jerks: rate at the start"),
        "clonic_slowing": _a(0.7, "fraction", "ILAE17", "the jerks slow to this fraction of "
                             "their starting rate by the end"),
        "tonic_s": _a((5.0, 20.0), "s", "ILAE17", "tonic phase before the clonic jerks"),
        "back_to_normal_min": _a((5.0, 45.0), "min", "AFP19", "recovery after the seizure"),
        "first_episode_probability": _a(0.7, "probability", "AFP19", "about a third recur, so "
                                        "most seizures seen are first ones"),
    }),
    "complex_febrile_seizure": MappingProxyType({
        "age_days": _p((183, 1826), "days", "AAP11", "6-60 months"),
        "fever_c": _p((38.0, 40.5), "°C", "AAP11", "fever of 38.0 °C or more"),
        "states": _p(("W", "N1", "N2", "N3", "R"), "stage", "AAP11", "any state"),
        "complex_by": _p(("focal", "prolonged", "repeated"), "feature", "AAP11",
                         "ANY ONE of focal, 15 min or longer, more than one within 24 h"),
        "prolonged_s": _p((900.0, 1500.0), "s", "AAP11", "15 min or longer"),
        "default_duration_s": _a((30.0, 300.0), "s", "AFP19", "when not prolonged"),
        "episodes_24h": _p((2, 3), "count", "AAP11", "more than one within 24 h"),
        "clonic_hz": _a((2.0, 3.0), "Hz", "ILAE17", "rhythmic clonic jerks: rate at the start"),
        "clonic_slowing": _a(0.7, "fraction", "ILAE17", "the jerks slow to this fraction of "
                             "their starting rate by the end"),
        "tonic_s": _a((5.0, 20.0), "s", "ILAE17", "tonic phase"),
        "back_to_normal_min": _a((10.0, 60.0), "min", "AFP19", "recovery after the seizure"),
        "first_episode_probability": _a(0.6, "probability", "AFP19", "first seizure (when not "
                                        "repeated)"),
    }),
    "focal_seizure": MappingProxyType({
        "age_days": _p(_ANY_AGE, "days", "ILAE17", "any age"),
        "states": _p(ALL_STAGES, "stage", "ILAE17", "any state; does not stop on waking"),
        "default_duration_s": _a((30.0, 180.0), "s", "ILAE17", "seconds to minutes"),
        "clonic_hz": _a((2.0, 3.0), "Hz", "ILAE17", "rhythmic clonic jerks: rate at the start"),
        "clonic_slowing": _a(0.7, "fraction", "ILAE17", "the jerks slow to this fraction of "
                             "their starting rate by the end"),
        "body_parts": _p(("face", "arm", "hand", "leg"), "body part", "ILAE17",
                         "one side of the body"),
        "asleep_fraction": _a((0.1, 0.4), "fraction", "ILAE17", "share of a seizure from sleep "
                              "before the child wakes (the jerks go on)"),
        "from_sleep_probability": _a(0.5, "probability", "ILAE17", "start in sleep, then wake "
                                     "with the jerks going on"),
        "eye_deviation_probability": _a(0.3, "probability", "ILAE17", "eye deviation"),
        "back_to_normal_min": _a((5.0, 60.0), "min", "ILAE15", "recovery after the seizure"),
    }),
    "generalized_seizure": MappingProxyType({
        "age_days": _p(_ANY_AGE, "days", "ILAE17", "any age"),
        "states": _p(ALL_STAGES, "stage", "ILAE17", "any state"),
        "default_duration_s": _a((30.0, 240.0), "s", "ILAE15", "most stop before 5 min (t1)"),
        "clonic_hz": _a((2.0, 3.0), "Hz", "ILAE17", "rhythmic clonic jerks: rate at the start"),
        "clonic_slowing": _a(0.7, "fraction", "ILAE17", "the jerks slow to this fraction of "
                             "their starting rate by the end"),
        "tonic_s": _a((5.0, 20.0), "s", "ILAE17", "tonic phase"),
        "from_sleep_probability": _a(0.3, "probability", "ILAE17", "start in sleep"),
        "arousal_s": _a(5.0, "s", "ILAE17", "a seizure from sleep wakes the child within "
                        "seconds"),
        "back_to_normal_min": _a((10.0, 60.0), "min", "ILAE15", "recovery after the seizure"),
    }),
    # --- paroxysmal events of infancy (clinical audit, section 6) ---------------------------
    "shuddering_attack": MappingProxyType({
        "age_days": _a((120, 1095), "days", "VANASSE76", "infants and toddlers, from about 4 "
                       "months to 2-3 years; the exact bounds are a teaching choice"),
        "states": _p(("W",), "stage", "VANASSE76", "awake, consciousness preserved"),
        "attacks": _a((1, 4), "count", "VANASSE76", "attacks in an episode window (they come "
                      "many times a day)"),
        "attack_s": _a((1.5, 4.5), "s", "VANASSE76", "a shivering-like bout lasts a few "
                       "seconds; kept under the 5 s the features call a tonic phase"),
        "interval_s": _a((20.0, 120.0), "s", "VANASSE76", "between attacks in the window"),
        "amplitude": _a((0.3, 0.7), "relative", "VANASSE76", "a visible shiver, not a big "
                        "jerk"),
        "body_parts": _p(("head", "trunk", "arm"), "body part", "VANASSE76",
                         "head, shoulders (drawn as the trunk) and arms"),
        "provoked_probability": _a(0.8, "probability", "VANASSE76", "share of attacks a carer "
                                   "links to excitement or feeding ('often')"),
        "provoked_by": _a((("excitement", 0.6), ("feeding", 0.4)), "probability", "VANASSE76",
                          "often when excited or feeding"),
        "provoke_lead_s": _a((0.5, 5.0), "s", "VANASSE76", "excitement or feeding this long "
                             "before an attack"),
        "episodes_24h": _a((5, 50), "count", "VANASSE76", "many attacks a day"),
        "back_to_normal_min": _a(0.0, "min", "VANASSE76", "consciousness preserved, no change "
                                 "afterwards"),
    }),
    "breath_holding_spell": MappingProxyType({
        "age_days": _p((183, 2191), "days", "DIMARIO01", "6 months to 6 years (the triage's "
                       "breath_holding_age_min/max)"),
        "states": _p(("W",), "stage", "DIMARIO01", "awake: provoked by crying, anger, pain or "
                     "a fright"),
        "kinds": _a((("cyanotic", "crying", "cyanosis", 0.7),
                     ("pallid", "pain_or_fright", "pallor", 0.3)),
                    "kind, provoked by, colour sign, probability", "DIMARIO01",
                    "cyanotic spells (after crying or anger) are commoner than pallid ones "
                    "(after a bump or a fright: reflex anoxic seizures, STEPH78); the split is "
                    "a teaching choice"),
        "provoke_to_apnoea_s": _a((2.0, 15.0), "s", "DIMARIO01", "crying (or the bump) this long "
                                  "before the breath stops"),
        "apnoea_s": _a((5.0, 20.0), "s", "DIMARIO01", "breath held (no movement) before the "
                       "child goes limp; the colour changes"),
        "limp_s": _a((5.0, 25.0), "s", "DIMARIO01", "limp and unresponsive for seconds"),
        "limp_amplitude": _a((0.1, 0.3), "relative", "DIMARIO01", "going floppy: a slump, not a "
                             "jerk"),
        "anoxic_probability": _a(0.3, "probability", "STEPH78", "a few jerks or a brief "
                                 "stiffening at the end (reflex anoxic seizure)"),
        "anoxic_stiffening_s": _a((1.0, 4.0), "s", "STEPH78", "brief stiffening at the end"),
        "anoxic_jerks": _a((2, 5), "count", "STEPH78", "a few jerks at the end"),
        "anoxic_jerk_interval_s": _a((0.3, 1.2), "s", "STEPH78", "irregular: a few jerks, not a "
                                     "clonic rhythm"),
        "anoxic_amplitude": _a((0.5, 0.9), "relative", "STEPH78", "stiffening and jerks"),
        "spell_max_s": _p(60.0, "s", "DIMARIO01", "a spell is over within about a minute"),
        "back_to_normal_min": _a((0.5, 2.0), "min", "DIMARIO01", "recovery within a minute or "
                                 "two"),
        "first_episode_probability": _a(0.4, "probability", "DIMARIO01", "spells recur, so "
                                        "most seen are not the first"),
    }),
    "hyperekplexia": MappingProxyType({
        "age_days": _a((0, 28), "days", "THOMAS13", "presents in the newborn period (the "
                       "simulation places it in the first 28 days)"),
        "states": _p(("W",), "stage", "THOMAS13", "exaggerated startle to touch or noise (the "
                     "simulation places the startles while awake)"),
        "startles": _a((1, 3), "count", "THOMAS13", "provoked startles in an episode window"),
        "provoked_by": _a((("touch", 0.5), ("sound", 0.3), ("handling", 0.2)), "probability",
                          "THOMAS13", "touch (a tap on the nose) or a noise"),
        "latency_s": _a((0.05, 0.3), "s", "THOMAS13", "from the touch or noise to the jump"),
        "startle_s": _a((0.2, 0.5), "s", "THOMAS13", "the jump itself"),
        "startle_amplitude": _a((0.8, 1.0), "relative", "THOMAS13", "an exaggerated startle"),
        "tonic_s": _a((3.0, 30.0), "s", "THOMAS13", "generalised stiffening after the jump"),
        "tonic_amplitude": _a((0.6, 0.9), "relative", "THOMAS13", "stiff, not jerking"),
        "interval_s": _a((20.0, 90.0), "s", "THOMAS13", "between provoked startles"),
        "stiff_between_probability": _a(1.0, "probability", "THOMAS13", "stiffness between "
                                        "episodes (the simulated newborns all have it)"),
        "apnoea_probability": _a(0.3, "probability", "THOMAS13", "apnoeas during stiff "
                                 "episodes (they can be fatal)"),
    }),
    "rhythmic_movement_disorder": MappingProxyType({
        "age_days": _p((183, 1826), "days", "ICSD3", "common from about 6 months, usually gone "
                       "by 5 years (the triage's rhythmic_movement_age_min/max)"),
        "states": _p(("N1", "AS"), "stage", "ICSD3", "as the child falls asleep: the "
                     "sleep-onset stage (N1; AS before 3 months corrected age)"),
        "kinds": _a((("head_banging", "head", 0.4), ("body_rocking", "trunk", 0.4),
                     ("head_rolling", "head", 0.2)), "kind, body part, probability", "ICSD3",
                    "head banging, body rocking or head rolling"),
        "frequency_hz": _p((0.5, 2.0), "Hz", "ICSD3", "rhythmic at 0.5-2 Hz"),
        "simulated_hz": _a((0.6, 2.0), "Hz", "ICSD3", "rate drawn inside the 0.5-2 Hz range, "
                           "kept off the 0.5 Hz edge that the features use for 'rhythmic'"),
        "duration_s": _a((60.0, 900.0), "s", "ICSD3", "minutes (usually under 15 min); the "
                         "range is a teaching choice"),
        "onset_after_sleep_s": _a((1.0, 20.0), "s after sleep onset", "ICSD3", "starts as the "
                                  "child drifts off (inside the 30 s the features call falling "
                                  "asleep)"),
        "event_duration_s": _a((0.2, 0.5), "s", "ICSD3", "one bang or rock"),
        "amplitude": _a((0.4, 0.9), "relative", "ICSD3", "large, whole-head or trunk "
                        "movements"),
        "amplitude_jitter": _a(0.1, "fraction", "ICSD3", "movement-to-movement variation"),
        "timing_jitter": _a(0.05, "fraction of period", "ICSD3", "rhythmic, not clockwork"),
        "stop_after_woken_s": _a((0.0, 1.0), "s", "ICSD3", "stops when the child is woken"),
    }),
    "neonatal_seizure": MappingProxyType({
        "age_days": _p((0, 27), "days", "PRESS21", "the neonatal period: the first 28 days "
                       "(days 0-27)"),
        "states": _p(ALL_STAGES, "stage", "PRESS21", "awake or asleep; not provoked by a "
                     "stimulus"),
        "kinds": _a((("clonic", 0.7), ("tonic", 0.3)), "probability", "PRESS21", "focal clonic "
                    "or focal tonic, the commonest motor seizures in newborns; the split is a "
                    "teaching choice"),
        "min_duration_s": _p(10.0, "s", "PRESS21", "a neonatal seizure lasts at least 10 s"),
        "default_duration_s": _a((10.0, 180.0), "s", "PRESS21", "10 s to a few minutes"),
        "clonic_hz": _a((1.0, 3.0), "Hz", "PRESS21", "slow rhythmic clonic jerks of one limb; "
                        "the rate is a teaching choice"),
        "clonic_slowing": _a(0.8, "fraction", "PRESS21", "the jerks slow a little by the end"),
        "event_duration_s": _a((0.1, 0.3), "s", "PRESS21", "one clonic jerk"),
        "amplitude": _a((0.4, 0.8), "relative", "PRESS21", "jerks of one limb"),
        "tonic_amplitude": _a((0.6, 0.9), "relative", "PRESS21", "sustained posture of one "
                              "limb"),
        "body_parts": _p(("arm", "leg", "hand", "face"), "body part", "PRESS21", "one limb (or "
                         "one side of the face)"),
        "from_sleep_probability": _a(0.4, "probability", "PRESS21", "start in sleep; the jerks "
                                     "go on when the baby wakes"),
        "asleep_fraction": _a((0.1, 0.4), "fraction", "PRESS21", "share of a seizure from "
                              "sleep before the baby wakes"),
        "held_probability": _a(0.5, "probability", "VOLPE18", "the carer holds the limb: it "
                               "does not stop a seizure (it stops jitteriness)"),
        "held_at_fraction": _a((0.2, 0.6), "fraction of episode", "VOLPE18", "when during the "
                               "seizure the limb is held"),
        "eye_deviation_probability": _a(0.3, "probability", "PRESS21", "eye deviation"),
        "apnoea_probability": _a(0.2, "probability", "PRESS21", "apnoea (an autonomic sign)"),
    }),
})
"""Parameters of each movement pattern: name -> parameter name -> :class:`Param`."""

CONVULSION_PARAMS: Mapping[str, Param] = MappingProxyType({
    "tonic_amplitude": _a((0.8, 1.0), "relative", "ILAE17", "stiffening of the whole body"),
    "clonic_event_s": _a((0.1, 0.3), "s", "ILAE17", "one clonic jerk"),
    "generalized_amplitude": _a((0.7, 1.0), "relative", "ILAE17", "whole-body clonic jerks"),
    "focal_amplitude": _a((0.5, 0.9), "relative", "ILAE17", "clonic jerks of one side"),
    "focal_parts": _p(("arm", "leg", "hand", "face"), "body part", "ILAE17", "focal motor "
                      "seizures: face and limbs of one side"),
    "timing_jitter": _a(0.05, "fraction of period", "ILAE17", "rhythmic jerks (clonic, BNSM) "
                        "are regular but not clockwork"),
    "march_stretches": _a(3, "count", "ILAE17", "the jerks keep to one body part for "
                          "stretches (about a third of the seizure each)"),
})
"""Shared by the seizure generators (febrile, focal, generalized)."""

WINDOW_S: Mapping[str, Param] = MappingProxyType({
    "lead": _a((60.0, 180.0), "s", "ANDERS71", "layout of a simulated window (not a clinical "
               "number): the state before the episode"),
    "transition": _a((20.0, 60.0), "s", "ANDERS71", "layout: a transitional (IS/N1) bout"),
    "after": _a((60.0, 120.0), "s", "ANDERS71", "layout: the state after the episode"),
    "tail": _a((30.0, 90.0), "s", "ANDERS71", "layout: awake time after an awake episode"),
    "lead_in": _a((10.0, 60.0), "s", "ANDERS71", "layout: from the start of a state to the "
                  "first movement"),
    "postictal": _a((120.0, 300.0), "s", "ILAE15", "layout: drowsy light sleep after a "
                    "seizure"),
})
"""Layout of the windows simulate_episode builds around an episode (model assumptions)."""

HYPNIC_WINDOW_S = _a(30.0, "s", "WW18", "a movement this soon after a wake-to-sleep transition "
                     "counts as 'at sleep onset' (falling asleep)")
WAKING_WINDOW_S = _a(120.0, "s", "ISWG10", "a movement this soon after a sleep-to-wake "
                     "transition counts as 'on waking'")


def pattern_param(pattern: str, name: str) -> Any:
    """Value of parameter ``name`` of ``pattern`` (raises ValueError for unknown names)."""
    if pattern not in PATTERN_PARAMS:
        raise ValueError(f"pattern={pattern!r} is not a known pattern; allowed: "
                         f"{SIMULATED_PATTERNS}")
    table = PATTERN_PARAMS[pattern]
    if name not in table:
        raise ValueError(
            f"parameter {name!r} is not defined for pattern {pattern!r}; defined: {tuple(table)}"
        )
    return table[name].value


def pattern_age_days(pattern: str) -> tuple[int, int]:
    """Age range (days, inclusive) in which the simulation places ``pattern``."""
    lo, hi = pattern_param(pattern, "age_days")
    return int(lo), int(hi)


def pattern_states(pattern: str, corrected_days: int | None = None) -> frozenset[str]:
    """Stages in which events of ``pattern`` may lie (twitches add N2 from 3 months).

    Hypnic jerks have no fixed stage: they lie in the first sleep stage within
    ``HYPNIC_WINDOW_S`` after wake (see :func:`twitchlab.features.state_context`).
    """
    if pattern == "hypnic_jerk":
        return frozenset({"AS", "N1", "IS", "QS"})
    states = set(pattern_param(pattern, "states"))
    if pattern == "sleep_twitches" and corrected_days is not None and corrected_days >= int(
        pattern_param(pattern, "quiet_sleep_from_days")
    ):
        states |= set(pattern_param(pattern, "quiet_states"))
    return frozenset(states)


# --- EMG-like myoclonus traces (emg.py) --------------------------------------------------------
EMG_PARAMS: Mapping[str, Param] = MappingProxyType({
    "positive_max_ms": _p(100.0, "ms", "SH05", "positive (cortical) myoclonus: an EMG burst "
                          "typically under 100 ms, usually 10-50 ms"),
    "negative_max_ms": _p(500.0, "ms", "TAS98", "epileptic negative myoclonus: a silent period "
                          "under 500 ms"),
    "duration_ms": _a((5.0, 2000.0), "ms", "TAS98", "range the simulator accepts (wider than "
                      "typical, so students can see what is too long to be myoclonus)"),
    "fs_hz": _a((250, 10000), "Hz", "TAS98", "sampling rates the simulator accepts"),
    "window_s": _a(2.0, "s", "TAS98", "length of a simulated trace"),
    "onset_s": _a((0.6, 0.9), "s", "TAS98", "where the event starts in the trace"),
    "noise_floor": _a(0.02, "relative", "TAS98", "recording noise when the muscle is silent"),
    "smooth_ms": _a(20.0, "ms", "TAS98", "moving-average window of the rectified EMG used to "
                    "measure durations (at half height, so smoothing does not bias them)"),
})
"""Parameters of simulated surface-EMG traces of positive and negative myoclonus."""


# --- feature extraction (features.py) ----------------------------------------------------------
FEATURE_PARAMS: Mapping[str, Param] = MappingProxyType({
    "cluster_gap_s": _p(30.0, "s", "ISWG10", "default gap that separates clusters: spasms come "
                        "one every 5-30 s (twitch bursts use 10 s, SOK20)"),
    "twitch_burst_gap_s": _p(10.0, "s", "SOK20", "twitch bursts are separated by 10 s or less"),
    "clustered_min_events": _a(3, "count", "ISWG10", "a cluster has at least 3 movements"),
    "pause_factor": _a(3.0, "x median interval", "DC93", "intervals longer than this many median "
                       "intervals are pauses between runs and are left out of the rhythm"),
    "rhythmic_min_score": _a(0.7, "score 0-1", "DC93", "rhythmicity score (1 - coefficient of "
                             "variation of intervals) from which movements count as rhythmic"),
    "rhythmic_min_hz": _a(0.5, "Hz", "DC93", "slower repetition (e.g. spasms one every 5-30 s) is "
                          "clustering, not rhythm"),
    "tremor_min_hz": _a(5.5, "Hz", "VOLPE18", "faster regular movement is tremor (jitteriness); "
                        "BNSM is 1-5 Hz (DC93)"),
    "tremor_max_amplitude_cv": _a(0.1, "fraction", "VOLPE18", "tremor of equal amplitude"),
    "spasm_duration_s": _p((0.9, 3.0), "s", "IESS22", "a spasm lasts 1-2 s: longer than a "
                           "myoclonic jerk, shorter than a tonic seizure (bounds widened for "
                           "measurement)"),
    "tonic_min_s": _a(5.0, "s", "ILAE17", "a stiffening this long is a tonic phase"),
    "convulsion_min_run_s": _a(20.0, "s", "ILAE17", "continuous rhythmic jerking this long "
                               "(no pause) reads as a convulsion, not a cluster of jerks"),
    "twitch_max_s": _p(0.2, "s", "SOK21", "twitches last milliseconds"),
    "twitch_max_amplitude": _a(0.45, "relative", "SOK21", "twitches are low-amplitude"),
    "stop_grace_s": _a(1.5, "s", "MAU10", "movements that end within this time of waking or "
                       "holding count as stopping (BNSM stops abruptly on waking)"),
    "provoke_window_s": _a(10.0, "s", "MAU10", "a stimulus this soon before the first movement "
                           "counts as provoking it"),
})
"""Thresholds that turn a timeline into features and an Episode (features.py)."""
