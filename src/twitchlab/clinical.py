"""Clinical thresholds used by the course, each with its unit and source.

Every clinical number that :mod:`twitchlab.triage` (and the plots and the book) relies on lives
here, once, as a :class:`Threshold` row of :data:`THRESHOLDS`: the value, its unit, the key of the
medical reference it rests on (a key of :data:`SOURCES`, the same keys the book cites) and a
one-line note a student can read.

Ages are given in the unit the clinic uses (days, weeks or months). Triage works in days; the one
month -> day conversion is :data:`DAYS_PER_MONTH` (an average calendar month, 365.25 / 12 days),
used through :func:`months_to_days` and :func:`age_months` and nowhere else.

This module is educational. It is not a diagnostic tool.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass
from types import MappingProxyType

__all__ = [
    "DAYS_PER_MONTH",
    "SOURCES",
    "THRESHOLDS",
    "UNITS",
    "Threshold",
    "age_months",
    "days",
    "months_to_days",
    "seconds",
    "threshold",
    "value",
]

#: Average length of a calendar month in days (365.25 / 12). The single month -> day conversion.
DAYS_PER_MONTH: float = 365.25 / 12

#: The source keys of the course's medical reference (``shared/medical-reference.md``) and of
#: sources the course's clinical audit added, with
#: a short description. Every :class:`Threshold` and every triage reason cites one of these keys.
SOURCES: Mapping[str, str] = MappingProxyType(
    {
        "AAP11": "AAP guideline: neurodiagnostic evaluation of the child with a simple febrile "
        "seizure (Pediatrics 2011)",
        "AAP08": "AAP guideline: long-term management of the child with simple febrile seizures "
        "(Pediatrics 2008)",
        "AFP19": "Smith et al. Febrile seizures: risks, evaluation, and prognosis "
        "(Am Fam Physician 2019)",
        "ILAE14": "Fisher et al. A practical clinical definition of epilepsy (Epilepsia 2014)",
        "ILAE15": "Trinka et al. A definition and classification of status epilepticus "
        "(Epilepsia 2015)",
        "ILAE17": "Fisher et al.; Scheffer et al. Operational classification of seizure types "
        "(Epilepsia 2017)",
        "ILAE25": "Beniczky et al. Updated classification of epileptic seizures (Epilepsia 2025)",
        "IESS22": "Zuberi et al. ILAE classification of epilepsy syndromes with onset in neonates "
        "and infants (Epilepsia 2022)",
        "ISWG10": "Pellock et al. Infantile spasms: a U.S. consensus report (Epilepsia 2010)",
        "AAN12": "Go et al. Evidence-based guideline update: medical treatment of infantile spasms "
        "(Neurology 2012)",
        "AASM07": "Iber et al. The AASM Manual for the Scoring of Sleep and Associated Events "
        "(2007)",
        "GD16": "Grigg-Damberger. The visual scoring of sleep in infants 0 to 2 months of age "
        "(J Clin Sleep Med 2016)",
        "ANDERS71": "Anders, Emde, Parmelee. Manual of standardized terminology for states of "
        "sleep and wakefulness in newborn infants (1971)",
        "SOK21": "Sokoloff et al. Twitches emerge postnatally during quiet sleep in human infants "
        "(Curr Biol 2021)",
        "BLU15": "Blumberg. Developing sensorimotor systems in our sleep "
        "(Curr Dir Psychol Sci 2015)",
        "MAU10": "Maurer et al. Benign neonatal sleep myoclonus: a review of the literature "
        "(Pediatrics 2010)",
        "DC93": "Di Capua et al. Benign neonatal sleep myoclonus: video-polygraphic recordings "
        "(Mov Disord 1993)",
        "CAR09": "Caraballo et al. Benign myoclonus of early infancy (Epilepsia 2009)",
        "TAS98": "Tassinari et al. Negative myoclonus (1995; 1998 reviews)",
        "WW18": "Whitney & Weiss. Hypnic jerks, a normal variant in ICSD-3 (2018)",
        "NG143": "NICE guideline NG143: Fever in under 5s, assessment and initial management",
        "AAP22": "Moon et al. Sleep-related infant deaths: updated 2022 recommendations "
        "(Pediatrics 2022)",
        # sources the clinical audit of December 2026 asked for (all in book/references.bib)
        "PP08": "Paro-Panjan & Neubauer. Benign neonatal sleep myoclonus: 38 infants "
        "(Eur J Paediatr Neurol 2008)",
        "SOK20": "Sokoloff et al. Spatiotemporal organization of myoclonic twitching in sleeping "
        "human infants (Dev Psychobiol 2020)",
        "PRESS21": "Pressler et al. ILAE classification of seizures in the neonate (Epilepsia "
        "2021)",
        "NHSHT": "NHS Healthier Together. Seizures and febrile convulsions: safety-net advice "
        "for parents",
        "NG195": "NICE NG195: Neonatal infection, antibiotics for prevention and treatment",
        "CG89": "NICE CG89: Child maltreatment, when to suspect maltreatment in under 18s",
        "TIEDER16": "Tieder et al. Brief resolved unexplained events (BRUE) (Pediatrics 2016)",
        "VOLPE18": "Volpe et al. Volpe's Neurology of the Newborn, 6th ed. (2018)",
        "PARKER90": "Parker et al. Jitteriness in full-term neonates (Pediatrics 1990)",
        "SHUPER91": "Shuper et al. Jitteriness beyond the neonatal period: a benign pattern of "
        "movement in infancy (J Child Neurol 1991)",
        "FRAU12": "Frauscher et al. Normative EMG values during REM sleep (Sleep 2012)",
        "BLUM20": "Blumberg et al. What is REM sleep? (Curr Biol 2020)",
        "COWAN91": "Cowan & Hudson. The epidemiology and natural history of infantile spasms "
        "(J Child Neurol 1991)",
        "DIMARIO01": "DiMario. Cyanotic and pallid breath-holding spells (Pediatrics 2001)",
        "STEPH78": "Stephenson. Reflex anoxic seizures (Arch Dis Child 1978)",
        "THOMAS13": "Thomas et al. Genotype-phenotype correlations in hyperekplexia (Brain 2013)",
        "KABAKUS06": "Kabakus & Kurt. Sandifer syndrome (Pediatr Int 2006)",
        "VANASSE76": "Vanasse et al. Shuddering attacks in children (Neurology 1976)",
        "ROSMAN09": "Rosman et al. Benign paroxysmal torticollis of infancy (J Child Neurol 2009)",
        "CB04": "Caviness & Brown. Myoclonus: current concepts and recent advances "
        "(Lancet Neurol 2004)",
        "ICSD3": "American Academy of Sleep Medicine. International Classification of Sleep "
        "Disorders, 3rd ed. (2014)",
    }
)

#: Units a threshold may be expressed in.
UNITS: tuple[str, ...] = ("s", "min", "h", "days", "weeks", "months", "years", "°C", "Hz",
                          "episodes", "ms")

_TO_SECONDS = {"ms": 1e-3, "s": 1.0, "min": 60.0, "h": 3600.0}
_TO_DAYS = {"days": 1.0, "weeks": 7.0, "months": DAYS_PER_MONTH, "years": 12 * DAYS_PER_MONTH}


@dataclass(frozen=True)
class Threshold:
    """One clinical number with its unit, source key and a one-line note.

    Parameters
    ----------
    value : float
        The number, in ``unit``.
    unit : str
        One of :data:`UNITS` (s, min, h, days, weeks, months, °C, Hz, episodes, ms).
    source : str
        A key of :data:`SOURCES` (the medical reference the number rests on).
    note : str
        One line saying what the number means for a student.
    """

    value: float
    unit: str
    source: str
    note: str

    def __post_init__(self) -> None:
        if isinstance(self.value, bool) or not isinstance(self.value, int | float):
            raise ValueError(f"Threshold value: {self.value!r} is not allowed; give a number")
        if not math.isfinite(self.value):
            raise ValueError(
                f"Threshold value: {self.value!r} is not allowed; give a finite number"
            )
        if self.unit not in UNITS:
            raise ValueError(f"Threshold unit: {self.unit!r} is not allowed; use one of {UNITS}")
        if self.source not in SOURCES:
            raise ValueError(
                f"Threshold source: {self.source!r} is not allowed; use a reference key, one of "
                f"{tuple(SOURCES)}"
            )
        if not self.note.strip():
            raise ValueError("Threshold note: an empty note is not allowed; say what it means")


def _t(value: float, unit: str, source: str, note: str) -> Threshold:
    return Threshold(value, unit, source, note)


#: name -> :class:`Threshold`. Read-only. The single home of every clinical number of the course.
THRESHOLDS: Mapping[str, Threshold] = MappingProxyType(
    {
        # --- seizure timing (status epilepticus) ---
        "convulsion_emergency": _t(
            5, "min", "ILAE15",
            "A convulsion lasting 5 minutes or more is an emergency (call an ambulance).",
        ),
        "status_tonic_clonic_t1": _t(
            5, "min", "ILAE15",
            "Tonic-clonic status epilepticus: t1, time to start treatment.",
        ),
        "status_tonic_clonic_t2": _t(
            30, "min", "ILAE15",
            "Tonic-clonic status epilepticus: t2, after which there is a risk of long-term "
            "consequences.",
        ),
        "status_focal_impaired_t1": _t(
            10, "min", "ILAE15",
            "Focal status with impaired consciousness: t1, time to start treatment.",
        ),
        "status_focal_impaired_t2": _t(
            60, "min", "ILAE15",
            "Focal status with impaired consciousness: t2 is beyond 60 minutes.",
        ),
        "status_old_definition": _t(
            30, "min", "ILAE15",
            "The old definition of status epilepticus (replaced by t1/t2 in 2015).",
        ),
        "not_back_to_normal": _t(
            60, "min", "NHSHT",
            "Not back to normal (or still very drowsy) an hour after an episode: emergency.",
        ),
        # --- febrile seizures ---
        "fever": _t(
            38.0, "°C", "AAP11",
            "Fever for a febrile seizure: a temperature of 38.0 °C or more.",
        ),
        "febrile_age_min": _t(
            6, "months", "AAP11",
            "Febrile seizures occur from 6 months of age.",
        ),
        "febrile_age_max": _t(
            60, "months", "AAP11",
            "Febrile seizures occur up to 60 months (5 years) of age.",
        ),
        "complex_febrile_duration": _t(
            15, "min", "AAP11",
            "A febrile seizure of 15 minutes or longer is complex.",
        ),
        "simple_febrile_max_per_24h": _t(
            1, "episodes", "AAP11",
            "A simple febrile seizure is not repeated within 24 h; more than one makes it complex.",
        ),
        "febrile_lp_option_age_max": _t(
            12, "months", "AAP11",
            "At 6-12 months a lumbar puncture is an option if immunisation is incomplete/unknown.",
        ),
        "fever_seizure_young_infant": _t(
            3, "months", "NG143",
            "Fever of 38 °C or more under 3 months is high risk on its own: same day at least.",
        ),
        "fever_seizure_emergency_age": _t(
            6, "months", "NHSHT",
            "A seizure with fever under 6 months is an emergency (not a febrile seizure).",
        ),
        "first_seizure_no_ambulance_age": _t(
            6, "months", "NHSHT",
            "From 6 months a first staring spell (non-convulsive) is same day, not an ambulance.",
        ),
        "age_cliff_margin": _t(
            14, "days", "NHSHT",
            "Within 14 days of an age threshold that changes the level, the cautious side decides.",
        ),
        "poor_feeding_urgent_age": _t(
            3, "months", "NG143",
            "Poor feeding under 3 months is a warning sign (possible infection): same day.",
        ),
        "not_yet_mobile_age": _t(
            6, "months", "CG89",
            "A bruise or injury in a baby not yet mobile (under about 6 months) needs same-day "
            "safeguarding assessment.",
        ),
        # --- newborn ---
        "newborn_max_age": _t(
            28, "days", "PRESS21",
            "The newborn (neonatal) period is the first 28 days after birth (days 0-27).",
        ),
        "newborn_max_pma_preterm": _t(
            44, "weeks", "PRESS21",
            "For a preterm baby the neonatal period lasts to 44 weeks postmenstrual age.",
        ),
        "term_gestation": _t(
            37, "weeks", "IESS22",
            "Born before 37 weeks of gestation is preterm (premature).",
        ),
        "infancy_max_age": _t(
            24, "months", "IESS22",
            "Syndromes of neonates and infants: onset up to 2 years of age.",
        ),
        # --- benign neonatal sleep myoclonus ---
        "bnsm_onset_median": _t(
            3, "days", "PP08",
            "BNSM begins in the first weeks, median onset day 3.",
        ),
        "bnsm_onset_latest": _t(
            16, "days", "PP08",
            "BNSM onset is from day 1 to about day 16.",
        ),
        "bnsm_onset_window": _t(
            28, "days", "PP08",
            "BNSM begins in the neonatal period: jerks first noticed after 28 days are not BNSM.",
        ),
        "bnsm_mostly_resolved": _t(
            3, "months", "MAU10",
            "Most BNSM has resolved by 3 months; a third continues past 3 months.",
        ),
        "bnsm_age_max": _t(
            6, "months", "PP08",
            "BNSM usually resolves by about 6 months, occasionally later (resolution between 2 "
            "weeks and 10 months in the largest series): the end of its usual age window.",
        ),
        "bnsm_rhythm_min": _t(
            1, "Hz", "DC93",
            "BNSM jerks often come in rhythmic clusters of 1-5 Hz (lower bound).",
        ),
        "bnsm_rhythm_max": _t(
            5, "Hz", "DC93",
            "BNSM jerks often come in rhythmic clusters of 1-5 Hz (upper bound).",
        ),
        "bnsm_episode_long": _t(
            20, "min", "MAU10",
            "A BNSM episode lasts seconds to 20 minutes or more: length alone is not a red flag.",
        ),
        # --- infantile spasms ---
        "spasm_duration_min": _t(
            1, "s", "ISWG10",
            "A spasm lasts about 1-2 s: longer than a myoclonic jerk (lower bound).",
        ),
        "spasm_duration_max": _t(
            2, "s", "ISWG10",
            "A spasm lasts about 1-2 s: shorter than a tonic seizure (upper bound).",
        ),
        "spasm_interval_min": _t(
            5, "s", "ISWG10",
            "Spasms in a cluster come one every 5-30 s (shortest interval).",
        ),
        "spasm_interval_max": _t(
            30, "s", "ISWG10",
            "Spasms in a cluster come one every 5-30 s (longest interval).",
        ),
        "spasm_cluster_size_min": _t(
            5, "episodes", "ISWG10",
            "A cluster holds 5 to 50 or more spasms (smallest typical cluster).",
        ),
        "spasm_cluster_size_typical_max": _t(
            50, "episodes", "ISWG10",
            "A cluster holds 5 to 50 or more spasms (larger clusters occur).",
        ),
        "spasms_typical_age_min": _t(
            3, "months", "IESS22",
            "Infantile spasms typically begin at 3-12 months (lower bound).",
        ),
        "spasms_typical_age_max": _t(
            12, "months", "COWAN91",
            "Infantile spasms typically begin at 3-12 months; 90 % before age 1.",
        ),
        "spasms_peak_age_min": _t(
            4, "months", "COWAN91",
            "Peak onset of infantile spasms is 4-6 months (lower bound).",
        ),
        "spasms_peak_age_max": _t(
            6, "months", "COWAN91",
            "Peak onset of infantile spasms is 4-6 months (upper bound).",
        ),
        "spasms_age_range_min": _t(
            1, "months", "IESS22",
            "The infantile epileptic spasms syndrome begins between 1 and 24 months (lower bound).",
        ),
        "spasms_age_range_max": _t(
            24, "months", "IESS22",
            "The infantile epileptic spasms syndrome begins between 1 and 24 months (upper bound).",
        ),
        # --- benign myoclonus of early infancy ---
        "bmei_age_min": _t(
            1, "months", "CAR09",
            "Benign myoclonus of early infancy begins at 1-12 months (lower bound).",
        ),
        "bmei_age_max": _t(
            12, "months", "CAR09",
            "Benign myoclonus of early infancy begins at 1-12 months (upper bound).",
        ),
        # --- twitches, hypnic jerks, myoclonus ---
        "twitch_burst_gap_max": _t(
            10, "s", "SOK20",
            "Sleep twitches come in bursts separated by 10 s or less.",
        ),
        "twitches_quiet_sleep_from": _t(
            3, "months", "SOK21",
            "From about 3 months twitches also appear in quiet sleep, locked to sleep spindles.",
        ),
        "focal_staring_emergency": _t(
            10, "min", "ILAE15",
            "Focal impaired-awareness status: t1 = 10 min, the time to call for treatment.",
        ),
        "brue_age_max": _t(
            12, "months", "TIEDER16",
            "A BRUE is an event in an infant under 1 year.",
        ),
        "brue_higher_risk_age": _t(
            60, "days", "TIEDER16",
            "A BRUE under 60 days of age is higher risk.",
        ),
        "brue_higher_risk_gestation": _t(
            32, "weeks", "TIEDER16",
            "A BRUE in a baby born before 32 weeks (postconceptional age < 45 weeks) is higher "
            "risk.",
        ),
        "brue_max_duration": _t(
            1, "min", "TIEDER16",
            "A lower-risk BRUE lasted less than 1 minute.",
        ),
        "breath_holding_age_min": _t(
            6, "months", "DIMARIO01",
            "Breath-holding spells begin from about 6 months (lower bound).",
        ),
        "breath_holding_age_max": _t(
            6, "years", "DIMARIO01",
            "Breath-holding spells usually stop by about 6 years (upper bound).",
        ),
        "rhythmic_movement_age_min": _t(
            6, "months", "ICSD3",
            "Sleep-related rhythmic movements are common from about 6 months (lower bound).",
        ),
        "rhythmic_movement_age_max": _t(
            5, "years", "ICSD3",
            "Sleep-related rhythmic movements usually fade by about 5 years (upper bound).",
        ),
        "hypnic_jerk_max_duration": _t(
            1, "s", "WW18",
            "A hypnic jerk is a single jerk lasting under about 1 s at sleep onset.",
        ),
        "negative_myoclonus_max": _t(
            500, "ms", "TAS98",
            "An epileptic negative myoclonus (silent period) lasts under 500 ms.",
        ),
        "sleep_onset_active_until": _t(
            3, "months", "GD16",
            "Until 2-3 months post-term, sleep usually begins in active (REM) sleep.",
        ),
    }
)


def threshold(name: str) -> Threshold:
    """Return the :class:`Threshold` called ``name``.

    Raises
    ------
    ValueError
        If ``name`` is not a key of :data:`THRESHOLDS` (the message lists the known names).
    """
    try:
        return THRESHOLDS[name]
    except (KeyError, TypeError):
        raise ValueError(
            f"threshold name: {name!r} is not allowed; use one of {sorted(THRESHOLDS)}"
        ) from None


def value(name: str) -> float:
    """Return the value of threshold ``name`` in its own unit."""
    return threshold(name).value


def seconds(name: str) -> float:
    """Return threshold ``name`` converted to seconds (for a unit of ms, s, min or h).

    Raises
    ------
    ValueError
        If the threshold is not a duration.
    """
    t = threshold(name)
    if t.unit not in _TO_SECONDS:
        raise ValueError(f"threshold {name!r}: unit {t.unit!r} is not a duration; "
                         f"allowed: {tuple(_TO_SECONDS)}")
    return float(t.value) * _TO_SECONDS[t.unit]


def days(name: str) -> float:
    """Return threshold ``name`` converted to days (for a unit of days, weeks or months).

    Months are converted with :data:`DAYS_PER_MONTH`, so 6 months is 182.625 days: a child of
    182 days is under 6 months and a child of 183 days is over it.

    Raises
    ------
    ValueError
        If the threshold is not an age or interval in days, weeks or months.
    """
    t = threshold(name)
    if t.unit not in _TO_DAYS:
        raise ValueError(f"threshold {name!r}: unit {t.unit!r} is not an age; "
                         f"allowed: {tuple(_TO_DAYS)}")
    return float(t.value) * _TO_DAYS[t.unit]


def months_to_days(months: float) -> float:
    """Convert an age in months to days (``months * DAYS_PER_MONTH``)."""
    return float(months) * DAYS_PER_MONTH


def age_months(age_days: float) -> float:
    """Convert an age in days to months (``age_days / DAYS_PER_MONTH``)."""
    return float(age_days) / DAYS_PER_MONTH
