"""Triage reasoning: from an episode's features to benign / review / urgent / emergency.

An :class:`Episode` records what was seen (age, state, movement, timing, signs); :func:`assess`
turns it into an :class:`Assessment`: a level, the pattern it most resembles and the reasons, each
resting on a key of the course's medical reference. Thresholds come from
:mod:`twitchlab.clinical`.

Run ``python -m twitchlab.triage case.json`` to print the assessment of an episode file.

This is educational, not a diagnostic tool: a worried parent or clinician should seek care.
"""

from __future__ import annotations

import argparse
import json
import math
import numbers
import sys
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, fields
from typing import Any

from twitchlab import clinical

__all__ = [
    "BODY",
    "EMERGENCY_SIGNS",
    "LEVELS",
    "LEVEL_MEANING",
    "MOVEMENTS",
    "PATTERNS",
    "PATTERN_LABELS",
    "POSTICTAL_SIGNS",
    "PROVOKED_BY",
    "RED_FLAG_SIGNS",
    "RISK_FACTORS",
    "SAME_DAY_SIGNS",
    "SIGNS",
    "STATES",
    "SUPPORTIVE_SIGNS",
    "UNWELL_SIGNS",
    "Assessment",
    "Episode",
    "Reason",
    "assess",
    "assess_dict",
    "main",
]

#: Triage levels, least to most urgent.
LEVELS: tuple[str, ...] = ("benign", "review", "urgent", "emergency")

#: What each level asks of a family or a clinician.
LEVEL_MEANING: Mapping[str, str] = {
    "benign": "reassure; routine care",
    "review": "a pediatric review in the coming days",
    "urgent": "same-day medical assessment",
    "emergency": "call an ambulance now",
}

#: Patterns an assessment can name.
PATTERNS: tuple[str, ...] = (
    "sleep_twitches",
    "hypnic_jerk",
    "bnsm",
    "jitteriness",
    "benign_myoclonus_of_infancy",
    "infantile_spasms",
    "simple_febrile_seizure",
    "complex_febrile_seizure",
    "seizure",
    "unclear",
)

#: Plain-language names of the patterns, for explanations.
PATTERN_LABELS: Mapping[str, str] = {
    "sleep_twitches": "physiological sleep twitches",
    "hypnic_jerk": "hypnic jerk (sleep start)",
    "bnsm": "benign neonatal sleep myoclonus (BNSM)",
    "jitteriness": "jitteriness",
    "benign_myoclonus_of_infancy": "benign myoclonus of early infancy",
    "infantile_spasms": "possible infantile spasms",
    "simple_febrile_seizure": "simple febrile seizure",
    "complex_febrile_seizure": "complex febrile seizure",
    "seizure": "seizure (not a febrile seizure)",
    "unclear": "unclear pattern",
}

STATES: tuple[str, ...] = (
    "active_sleep", "quiet_sleep", "asleep", "falling_asleep", "waking", "awake",
)
MOVEMENTS: tuple[str, ...] = ("twitch", "jerk", "spasm", "tremor", "stiffening", "convulsion")
BODY: tuple[str, ...] = ("focal", "one_side", "both_sides")
PROVOKED_BY: tuple[str, ...] = ("rocking", "sound", "handling", "crying")
SIGNS: tuple[str, ...] = (
    "eye_deviation", "apnea", "cyanosis", "breathing_difficulty", "oxygen_drop",
    "loss_of_skills", "non_blanching_rash", "neck_stiffness", "bulging_fontanelle",
    "ash_leaf_spots", "vomiting", "poor_feeding", "injury", "drowsy", "irregular_breathing",
    "rapid_eye_movements", "falling_sensation",
)
RISK_FACTORS: tuple[str, ...] = (
    "maternal_diabetes", "incomplete_vaccination", "premature", "family_history_epilepsy",
    "drug_exposure",
)

#: Signs that make it an emergency whatever the pattern.
EMERGENCY_SIGNS: tuple[str, ...] = (
    "cyanosis", "breathing_difficulty", "oxygen_drop", "non_blanching_rash", "neck_stiffness",
    "bulging_fontanelle",
)
#: Signs that ask for at least a same-day assessment.
SAME_DAY_SIGNS: tuple[str, ...] = ("eye_deviation", "apnea", "loss_of_skills", "ash_leaf_spots")
#: Signs of an unwell child: a benign label needs a well child.
UNWELL_SIGNS: tuple[str, ...] = ("vomiting", "poor_feeding", "injury")
#: ``drowsy`` after a convulsion or stiffening with ``back_to_normal_min`` unknown counts as not
#: back to normal (emergency); with clustered jerks it points to spasms (drowsiness is when they
#: come). At sleep onset drowsiness is normal, so on its own it does not make a child unwell.
POSTICTAL_SIGNS: tuple[str, ...] = ("drowsy",)
#: Every sign that counts as a red flag: adding one never lowers the level.
RED_FLAG_SIGNS: tuple[str, ...] = (EMERGENCY_SIGNS + SAME_DAY_SIGNS + UNWELL_SIGNS
                                   + POSTICTAL_SIGNS)
#: Signs that describe normal sleep (they support a benign pattern; they are not red flags).
SUPPORTIVE_SIGNS: tuple[str, ...] = ("irregular_breathing", "rapid_eye_movements",
                                     "falling_sensation")

_NOT_EDUCATIONAL = (
    "*This is an educational exercise, not a diagnostic tool. A worried parent or clinician "
    "should seek care.*"
)


# ----------------------------------------------------------------------------------------------
# validation helpers


def _allowed_words(words: Sequence[str]) -> str:
    return ", ".join(words)


def _check_int(key: str, v: Any, lo: int | None, hi: int | None) -> int:
    if isinstance(v, bool) or not isinstance(v, numbers.Integral):
        raise ValueError(
            f"Episode {key!r}: {v!r} ({type(v).__name__}) is not allowed; give a whole number "
            f"(int, not bool){_range_text(lo, hi)}"
        )
    given, v = v, int(v)
    if (lo is not None and v < lo) or (hi is not None and v > hi):
        raise ValueError(
            f"Episode {key!r}: {given!r} is out of range; allowed{_range_text(lo, hi)}"
        )
    return v


def _check_float(key: str, v: Any, lo: float | None, hi: float | None) -> float:
    if isinstance(v, bool) or not isinstance(v, numbers.Real):
        raise ValueError(
            f"Episode {key!r}: {v!r} ({type(v).__name__}) is not allowed; give a number "
            f"(float or int, not bool){_range_text(lo, hi)}"
        )
    given, v = v, float(v)
    if not math.isfinite(v):
        raise ValueError(
            f"Episode {key!r}: {given!r} is not allowed; give a finite number"
            f"{_range_text(lo, hi)}"
        )
    if (lo is not None and v < lo) or (hi is not None and v > hi):
        raise ValueError(
            f"Episode {key!r}: {given!r} is out of range; allowed{_range_text(lo, hi)}"
        )
    return v


def _range_text(lo: float | None, hi: float | None) -> str:
    if lo is not None and hi is not None:
        return f" from {lo} to {hi}"
    if lo is not None:
        return f" >= {lo}"
    if hi is not None:
        return f" <= {hi}"
    return ""


def _check_bool(key: str, v: Any) -> bool:
    if not isinstance(v, bool):
        raise ValueError(
            f"Episode {key!r}: {v!r} ({type(v).__name__}) is not allowed; give true or false "
            f"(or null for unknown)"
        )
    return v


def _check_word(key: str, v: Any, words: Sequence[str]) -> str:
    if not isinstance(v, str):
        raise ValueError(
            f"Episode {key!r}: {v!r} ({type(v).__name__}) is not allowed; give one of: "
            f"{_allowed_words(words)}"
        )
    if v not in words:
        raise ValueError(
            f"Episode {key!r}: {v!r} is not allowed; give one of: {_allowed_words(words)}"
        )
    return v


def _check_words(key: str, v: Any, words: Sequence[str]) -> tuple[str, ...]:
    if isinstance(v, str | bytes) or not isinstance(v, list | tuple):
        raise ValueError(
            f"Episode {key!r}: {v!r} ({type(v).__name__}) is not allowed; give a list of words "
            f"from: {_allowed_words(words)} (an empty list means none, null means unknown)"
        )
    seen: set[str] = set()
    for item in v:
        if not isinstance(item, str) or item not in words:
            raise ValueError(
                f"Episode {key!r}: item {item!r} of {list(v)!r} is not allowed; each item must "
                f"be one of: {_allowed_words(words)}"
            )
        if item in seen:
            raise ValueError(
                f"Episode {key!r}: item {item!r} of {list(v)!r} is repeated; give each word once"
            )
        seen.add(item)
    # canonical order: the order of the allowed list, so equal sets give equal episodes
    return tuple(w for w in words if w in seen)


# ----------------------------------------------------------------------------------------------
# records


@dataclass(frozen=True)
class Episode:
    """What was seen during one episode of movements. Validated on construction.

    Optional fields default to ``None``, meaning *unknown*; unknown is not the same as false or
    none, and :func:`assess` says so when an unknown feature matters to the decision. An empty
    ``signs`` list means "no signs"; ``signs=None`` means nobody said.

    Parameters
    ----------
    age_days : int
        Age in days since birth (chronological), 0-36500. Required.
    state : str
        State when the movements happened (required): one of :data:`STATES` (``asleep`` = asleep,
        stage unknown).
    movement : str
        Kind of movement (required): one of :data:`MOVEMENTS`.
    gestation_weeks : float, default 40.0
        Gestation at birth in weeks, 22-44.
    body : str or None
        ``focal``, ``one_side`` or ``both_sides``.
    rhythmic, clustered : bool or None
        Regular repeating movements; movements in clusters.
    duration_s : float or None
        The whole episode in seconds (a cluster, or a seizure so far), >= 0.
    stops_on_waking, stops_when_held : bool or None
        Whether the movements stop when the baby is woken / when the limb is held.
    provoked_by : tuple of str or None
        Any of :data:`PROVOKED_BY`.
    fever_c : float or None
        Highest temperature in °C, 34-43.
    episodes_24h : int, default 1
        Number of episodes in the last 24 h, >= 1.
    back_to_normal_min : float or None
        Minutes until back to normal after the episode, >= 0; ``None`` when not yet back to
        normal or unknown.
    first_episode : bool or None
        Whether this is the first episode ever.
    signs : tuple of str or None
        Any of :data:`SIGNS`.
    risk_factors : tuple of str or None
        Any of :data:`RISK_FACTORS`.
    """

    age_days: int
    state: str
    movement: str
    gestation_weeks: float = 40.0
    body: str | None = None
    rhythmic: bool | None = None
    clustered: bool | None = None
    duration_s: float | None = None
    stops_on_waking: bool | None = None
    stops_when_held: bool | None = None
    provoked_by: tuple[str, ...] | None = None
    fever_c: float | None = None
    episodes_24h: int = 1
    back_to_normal_min: float | None = None
    first_episode: bool | None = None
    signs: tuple[str, ...] | None = None
    risk_factors: tuple[str, ...] | None = None

    def __post_init__(self) -> None:
        set_ = object.__setattr__
        set_(self, "age_days", _check_int("age_days", self.age_days, 0, 36500))
        set_(self, "state", _check_word("state", self.state, STATES))
        set_(self, "movement", _check_word("movement", self.movement, MOVEMENTS))
        set_(self, "gestation_weeks",
             _check_float("gestation_weeks", self.gestation_weeks, 22.0, 44.0))
        if self.body is not None:
            _check_word("body", self.body, BODY)
        for key in ("rhythmic", "clustered", "stops_on_waking", "stops_when_held",
                    "first_episode"):
            v = getattr(self, key)
            if v is not None:
                _check_bool(key, v)
        if self.duration_s is not None:
            set_(self, "duration_s", _check_float("duration_s", self.duration_s, 0.0, None))
        if self.fever_c is not None:
            set_(self, "fever_c", _check_float("fever_c", self.fever_c, 34.0, 43.0))
        set_(self, "episodes_24h", _check_int("episodes_24h", self.episodes_24h, 1, None))
        if self.back_to_normal_min is not None:
            set_(self, "back_to_normal_min",
                 _check_float("back_to_normal_min", self.back_to_normal_min, 0.0, None))
        for key, words in (("provoked_by", PROVOKED_BY), ("signs", SIGNS),
                           ("risk_factors", RISK_FACTORS)):
            v = getattr(self, key)
            if v is not None:
                set_(self, key, _check_words(key, v, words))

    # -- dict round trip ------------------------------------------------------------------------

    @classmethod
    def keys(cls) -> tuple[str, ...]:
        """All keys an episode dict may hold, in a fixed order."""
        return tuple(f.name for f in fields(cls))

    @classmethod
    def required_keys(cls) -> tuple[str, ...]:
        """The keys an episode dict must hold."""
        return _REQUIRED

    @classmethod
    def from_dict(cls, d: Mapping[str, Any]) -> Episode:
        """Build an episode from a plain dict (e.g. parsed JSON), validating every key.

        Missing optional keys (and ``null`` values) mean unknown; ``gestation_weeks`` defaults to
        40 and ``episodes_24h`` to 1.

        Raises
        ------
        ValueError
            Naming the key, the value and what is allowed, for a missing required key, an
            unknown key, a wrong type, a value out of range or a word outside the lists.
        """
        if not isinstance(d, Mapping):
            raise ValueError(
                f"Episode: {d!r} ({type(d).__name__}) is not allowed; give a mapping (JSON "
                f"object) with keys {_allowed_words(cls.keys())}"
            )
        known = cls.keys()
        for key in d:
            if key not in known:
                raise ValueError(
                    f"Episode: unknown key {key!r} (value {d[key]!r}) is not allowed; allowed "
                    f"keys: {_allowed_words(known)}"
                )
        for key in _REQUIRED:
            if key not in d or d[key] is None:
                raise ValueError(
                    f"Episode {key!r}: required key is missing (value "
                    f"{d.get(key)!r}); allowed: {_REQUIRED_HELP[key]}"
                )
        kwargs = {k: v for k, v in d.items() if v is not None}
        for key in ("provoked_by", "signs", "risk_factors"):
            if key in kwargs:
                # lists only (tuples are accepted too); _check_words rejects everything else
                v = kwargs[key]
                kwargs[key] = tuple(v) if isinstance(v, list | tuple) else v
        return cls(**kwargs)

    def to_dict(self) -> dict[str, Any]:
        """A JSON-safe dict with every key (``None`` for unknown); ``from_dict`` round-trips it."""
        out: dict[str, Any] = {}
        for f in fields(self):
            v = getattr(self, f.name)
            out[f.name] = list(v) if isinstance(v, tuple) else v
        return out

    # -- derived facts used by triage -------------------------------------------------------------

    @property
    def age_months(self) -> float:
        """Chronological age in months (``age_days / clinical.DAYS_PER_MONTH``)."""
        return clinical.age_months(self.age_days)

    @property
    def preterm(self) -> bool:
        """Born before 37 weeks (from ``gestation_weeks``) or ``premature`` in the risk factors."""
        return self.gestation_weeks < clinical.value("term_gestation") or (
            self.risk_factors is not None and "premature" in self.risk_factors
        )

    @property
    def newborn(self) -> bool:
        """Neonatal: the first 28 days, or up to 44 weeks postmenstrual age if born preterm."""
        if self.age_days < clinical.days("newborn_max_age"):
            return True
        if self.gestation_weeks < clinical.value("term_gestation"):
            pma_weeks = self.gestation_weeks + self.age_days / 7.0
            return pma_weeks < clinical.value("newborn_max_pma_preterm")
        return False

    def has_sign(self, sign: str) -> bool:
        """True if ``sign`` was reported (unknown signs count as not reported)."""
        return self.signs is not None and sign in self.signs

    def has_risk(self, risk: str) -> bool:
        """True if ``risk`` was reported."""
        return self.risk_factors is not None and risk in self.risk_factors


_REQUIRED: tuple[str, ...] = ("age_days", "state", "movement")
_REQUIRED_HELP: Mapping[str, str] = {
    "age_days": "a whole number of days from 0 to 36500",
    "state": f"one of {_allowed_words(STATES)}",
    "movement": f"one of {_allowed_words(MOVEMENTS)}",
}


@dataclass(frozen=True)
class Reason:
    """One reason behind an assessment.

    Parameters
    ----------
    feature : str
        The episode feature the reason rests on (an Episode key, ``signs:<sign>``, or
        ``pattern``).
    text : str
        One sentence a student can learn from.
    source : str
        A key of the medical reference (:data:`twitchlab.clinical.SOURCES`).
    """

    feature: str
    text: str
    source: str

    def __post_init__(self) -> None:
        if not isinstance(self.feature, str) or not self.feature:
            raise ValueError(f"Reason feature: {self.feature!r} is not allowed; name a feature")
        if not isinstance(self.text, str) or not self.text.strip():
            raise ValueError(f"Reason text: {self.text!r} is not allowed; give a sentence")
        if self.source not in clinical.SOURCES:
            raise ValueError(
                f"Reason source: {self.source!r} is not allowed; use a reference key, one of "
                f"{_allowed_words(tuple(clinical.SOURCES))}"
            )

    def to_dict(self) -> dict[str, str]:
        """A JSON-safe dict."""
        return {"feature": self.feature, "text": self.text, "source": self.source}


@dataclass(frozen=True)
class Assessment:
    """The result of :func:`assess`: a level, a pattern and the reasons (never empty)."""

    level: str
    pattern: str
    reasons: tuple[Reason, ...] = field(default_factory=tuple)

    def __post_init__(self) -> None:
        if self.level not in LEVELS:
            raise ValueError(f"Assessment level: {self.level!r} is not allowed; use one of "
                             f"{_allowed_words(LEVELS)}")
        if self.pattern not in PATTERNS:
            raise ValueError(f"Assessment pattern: {self.pattern!r} is not allowed; use one of "
                             f"{_allowed_words(PATTERNS)}")
        object.__setattr__(self, "reasons", tuple(self.reasons))
        if not self.reasons or not all(isinstance(r, Reason) for r in self.reasons):
            raise ValueError("Assessment reasons: give at least one Reason")

    @property
    def rank(self) -> int:
        """Position of the level in :data:`LEVELS` (0 = benign, 3 = emergency)."""
        return LEVELS.index(self.level)

    def explain(self) -> str:
        """A short Markdown explanation for students: level, pattern, reasons with sources."""
        lines = [
            f"**Level: {self.level}** ({LEVEL_MEANING[self.level]})",
            "",
            f"**Pattern: {PATTERN_LABELS[self.pattern]}**",
            "",
            "Why:",
            "",
        ]
        lines += [f"- {r.text} [{r.source}]" for r in self.reasons]
        lines += ["", _NOT_EDUCATIONAL]
        return "\n".join(lines)

    def to_dict(self) -> dict[str, Any]:
        """A JSON-safe dict: level, pattern, reasons (a list of dicts)."""
        return {
            "level": self.level,
            "pattern": self.pattern,
            "reasons": [r.to_dict() for r in self.reasons],
        }


# ----------------------------------------------------------------------------------------------
# reasoning


def assess(episode: Episode) -> Assessment:
    """Assess an episode: the triage level, the pattern it most resembles, and the reasons.

    The rules follow the course's medical reference (features table, red flags, febrile seizure
    definitions, status epilepticus timing). Every reason cites a reference key. The level is the
    highest level any rule asks for, so emergency signs decide first whatever the pattern, and a
    red-flag sign (:data:`RED_FLAG_SIGNS`) can only raise the level.

    Emergency (call an ambulance):

    - breathing difficulty, cyanosis, oxygen drop, non-blanching rash, neck stiffness, bulging
      fontanelle (:data:`EMERGENCY_SIGNS`);
    - a convulsion (or any episode assessed as a seizure, spasm clusters aside) lasting 5 min or
      more, whatever its cause (ILAE15);
    - not back to normal 60 min after the episode (``back_to_normal_min >= 60``), or, after a
      convulsion or stiffening, ``back_to_normal_min`` null with the sign ``drowsy`` (still very
      drowsy: treated as not back to normal);
    - any seizure in a newborn (first 28 days; to 44 weeks postmenstrual age if born preterm);
    - fever of 38.0 °C or more with a seizure under 3 months (NG143);
    - a first-ever (or possibly first: ``first_episode`` unknown) convulsion or stiffening that is
      not a febrile seizure.

    Urgent (same day): possible infantile spasms; a febrile seizure (simple or complex) that has
    stopped; jitteriness in a baby at risk of low glucose or withdrawal; jerks while awake or
    jerks in sleep that continue after waking; eye deviation, apnoea (pauses in breathing),
    loss of skills or ash-leaf spots; fever of 38.0 °C or more under 3 months.

    Review: benign myoclonus of early infancy (diagnosed only after an EEG excludes spasms);
    jitteriness without risk factors; BNSM not yet confirmed to stop on waking, or in a preterm
    baby (atypical); rhythmic sleep jerks outside the BNSM age window; repeated jerks or a tremor
    at sleep onset; a benign-looking pattern in a child who is not well (fever, vomiting, poor
    feeding, injury).

    Benign: sleep twitches, hypnic jerks, and BNSM in its age window that stops on waking, in a
    well child.

    Decisions on points where the sources pull apart (each is also said in a reason):

    - ``back_to_normal_min`` null means "not yet back to normal, or unknown". After a convulsion it
      is treated as not back to normal only when ``drowsy`` is reported; otherwise the reason says
      that recovery is unknown and what would make it an emergency.
    - The reference lists a first-ever seizure as "many services advise an ambulance", and the
      issue lists "a first febrile seizure that has stopped" as urgent. A febrile seizure (6-60
      months, 38.0 °C or more) that has stopped before 5 min is urgent, as the issue says; a
      first-ever (or possibly first) afebrile convulsion is an emergency. So crossing 38.0 °C can
      lower the level of a convulsion: fever is not a red-flag sign, it explains the seizure.
    - Benign myoclonus of early infancy is "review with EEG" in the features table while "jerks
      while awake" is a same-day red flag. A recognised pattern (clustered jerks while awake, 1-12
      months, not on waking, no drowsiness, no loss of skills, no ash-leaf spots, no eye deviation
      or breathing change) follows the table; other awake jerks follow the red flag. Movements the
      observer calls spasms are never labelled benign myoclonus: missing spasms is the costlier
      error.
    - Apnoea (pauses in breathing) during an episode is same-day in the reference's list; blue or
      grey colour, an oxygen drop or breathing difficulty are emergencies.
    - The first-ever-seizure emergency applies to convulsions and stiffening. Rhythmic jerks while
      awake or continuing after waking are assessed as a seizure at the same-day level (the
      issue's "jerks that continue after waking"), rising to emergency at 5 min or in a newborn.

    Parameters
    ----------
    episode : Episode
        A validated episode.

    Returns
    -------
    Assessment
        ``level`` in :data:`LEVELS`, ``pattern`` in :data:`PATTERNS`, ``reasons`` non-empty.

    Raises
    ------
    ValueError
        If ``episode`` is not an :class:`Episode`.
    """
    if not isinstance(episode, Episode):
        raise ValueError(f"assess: {episode!r} is not allowed; give an Episode "
                         f"(use Episode.from_dict for a dict)")
    return _Reasoner(episode).run()


def assess_dict(d: Mapping[str, Any]) -> Assessment:
    """Convenience: ``assess(Episode.from_dict(d))``."""
    return assess(Episode.from_dict(d))


_BENIGN, _REVIEW, _URGENT, _EMERGENCY = range(4)
_SLEEP_STATES = ("active_sleep", "quiet_sleep", "asleep")
#: signs seen during seizures that jitteriness and benign sleep myoclonus never have
_ICTAL_SIGNS = ("eye_deviation", "apnea", "cyanosis", "breathing_difficulty", "oxygen_drop")
_SEIZURE_PATTERNS = ("seizure", "infantile_spasms", "simple_febrile_seizure",
                     "complex_febrile_seizure")
_LOW_GLUCOSE_RISKS = ("maternal_diabetes", "premature", "drug_exposure")


_PATTERN_SOURCE = {"sleep_twitches": "SOK21", "hypnic_jerk": "WW18", "bnsm": "MAU10"}


def _fmt(x: float) -> str:
    return f"{x:g}"


class _Reasoner:
    """Applies the rules of :func:`assess` to one episode (one instance per call)."""

    def __init__(self, e: Episode, *, sign_spasms: bool = True) -> None:
        self.e = e
        self.sign_spasms = sign_spasms
        self.level = _BENIGN
        self._reasons: list[tuple[int, int, Reason]] = []
        self.months = e.age_months
        self.fever = e.fever_c is not None and e.fever_c >= clinical.value("fever")

    # -- bookkeeping ------------------------------------------------------------------------------

    def at_least(self, level: int, feature: str, text: str, source: str) -> None:
        """Record a reason that asks for at least ``level``."""
        self.level = max(self.level, level)
        self._reasons.append((level, len(self._reasons), Reason(feature, text, source)))

    def note(self, feature: str, text: str, source: str) -> None:
        """Record a reason that does not set the level (context, or an unknown that matters)."""
        self._reasons.append((-1, len(self._reasons), Reason(feature, text, source)))

    def sign(self, name: str) -> bool:
        return self.e.has_sign(name)

    def in_months(self, lo_name: str, hi_name: str) -> bool:
        """Age within [lo, hi] months, both thresholds read from the clinical table."""
        return clinical.days(lo_name) <= self.e.age_days <= clinical.days(hi_name)

    @property
    def age_text(self) -> str:
        e = self.e
        if e.age_days < 2 * 7 * 4:
            return f"{e.age_days} days"
        if self.months < 24:
            return f"{self.months:.1f} months"
        return f"{self.months / 12:.1f} years"

    def run(self) -> Assessment:
        self.red_flags()
        pattern = self.classify()
        self.after_pattern(pattern)
        if self.level == _BENIGN:
            self.benign_needs_a_well_child(pattern)
        ordered = sorted(self._reasons, key=lambda t: (-t[0], t[1]))
        return Assessment(LEVELS[self.level], pattern, tuple(r for _, _, r in ordered))

    # -- red flags: decide first, whatever the pattern --------------------------------------------

    def red_flags(self) -> None:
        e = self.e
        texts = {
            "cyanosis": "Blue or grey colour is an emergency sign: call an ambulance.",
            "breathing_difficulty": "Breathing difficulty is an emergency sign: call an ambulance.",
            "oxygen_drop": "A drop in oxygen saturation means the child is not breathing "
            "adequately: an emergency.",
            "non_blanching_rash": "A non-blanching rash can mean meningococcal infection: an "
            "emergency.",
            "neck_stiffness": "Neck stiffness is a sign of meningitis: an emergency (a febrile "
            "seizure by definition has no infection of the brain).",
            "bulging_fontanelle": "A bulging fontanelle means raised pressure inside the skull "
            "(e.g. meningitis): an emergency.",
        }
        sources = {"cyanosis": "NG143", "breathing_difficulty": "NG143",
                   "oxygen_drop": "NG143", "non_blanching_rash": "NG143",
                   "neck_stiffness": "NG143", "bulging_fontanelle": "NG143"}
        for s in EMERGENCY_SIGNS:
            if self.sign(s):
                self.at_least(_EMERGENCY, f"signs:{s}", texts[s], sources[s])
        if self.sign("eye_deviation"):
            self.at_least(_URGENT, "signs:eye_deviation",
                          "Eye deviation during an episode points to a seizure: same-day "
                          "medical assessment at least.", "ILAE17")
        if self.sign("apnea"):
            self.at_least(_URGENT, "signs:apnea",
                          "Pauses in breathing during episodes need a same-day assessment; if the "
                          "child turns blue or grey or struggles to breathe, call an ambulance.",
                          "ILAE17")
        if self.sign("loss_of_skills"):
            self.at_least(_URGENT, "signs:loss_of_skills",
                          "Loss of skills already gained is a same-day red flag (developmental "
                          "regression is part of West syndrome).", "ISWG10")
        if self.sign("ash_leaf_spots"):
            self.at_least(_URGENT, "signs:ash_leaf_spots",
                          "Ash-leaf spots suggest tuberous sclerosis, a leading cause of "
                          "infantile spasms: any episode needs a same-day assessment.", "ISWG10")
        bnm = e.back_to_normal_min
        if bnm is not None and bnm >= clinical.value("not_back_to_normal"):
            self.at_least(_EMERGENCY, "back_to_normal_min",
                          f"Not back to normal until {_fmt(bnm)} min after the episode: not back "
                          f"to normal an hour after is an emergency.", "NG143")
        if self.fever and e.age_days < clinical.days("fever_seizure_young_infant"):
            self.at_least(_URGENT, "fever_c",
                          f"A fever of {_fmt(e.fever_c)} °C at {self.age_text} (under 3 months) "
                          f"is a high-risk sign on its own: same-day assessment at least.",
                          "NG143")

    # -- pattern ----------------------------------------------------------------------------------

    def classify(self) -> str:
        e = self.e
        if e.movement in ("convulsion", "stiffening"):
            return self.convulsion()
        if e.movement == "spasm":
            return self.spasm()
        if self.spasm_features():
            return self.infantile_spasms("clustered jerks")
        if e.state in _SLEEP_STATES:
            return self.in_sleep()
        if e.state == "falling_asleep":
            return self.falling_asleep()
        return self.awake()

    def spasm_features(self) -> bool:
        """Clustered jerks in the spasm age range with a feature that points to spasms."""
        e = self.e
        if e.movement not in ("jerk", "twitch") or e.clustered is not True:
            return False
        if not self.in_months("spasms_age_range_min", "spasms_age_range_max"):
            return False
        if e.state in ("waking", "falling_asleep"):
            return True
        # A sign alone (drowsiness, loss of skills, ash-leaf spots) turns clusters into possible
        # spasms only when the same movements would not otherwise be read as a seizure (rhythmic
        # jerks, eye deviation or breathing change, a newborn whose jerks holding fails to stop):
        # a seizure keeps its 5-minute clock, and a red-flag sign must never lower the level.
        pointing = (self.sign("drowsy") or self.sign("loss_of_skills")
                    or self.sign("ash_leaf_spots"))
        if not (pointing and self.sign_spasms):
            return False
        return _Reasoner(e, sign_spasms=False).classify() != "seizure"

    def infantile_spasms(self, what: str) -> str:
        e = self.e
        where = {"waking": "on waking", "falling_asleep": "when drowsy"}.get(e.state, "")
        self.at_least(_URGENT, "movement",
                      f"{what[0].upper()}{what[1:]} {where + ' ' if where else ''}at "
                      f"{self.age_text} fit infantile spasms (clusters of 1-2 s spasms, one every "
                      f"5-30 s, typically on waking or when drowsy): same-day referral and EEG.",
                      "ISWG10")
        if self.in_months("spasms_typical_age_min", "spasms_typical_age_max"):
            self.note("age_days", f"At {self.age_text} the child is in the typical age for "
                      f"infantile spasms (3-12 months; peak 3-7).", "IESS22")
        else:
            self.note("age_days", f"At {self.age_text} the child is outside the typical 3-12 "
                      f"months but inside the 1-24 month range of the syndrome.", "IESS22")
        self.note("pattern", "Time matters: a shorter time to treatment probably improves "
                  "development, and spasms are often mistaken for colic, reflux or startle.",
                  "AAN12")
        return "infantile_spasms"

    def spasm(self) -> str:
        e = self.e
        if self.in_months("spasms_age_range_min", "spasms_age_range_max"):
            if (e.state == "awake" and e.clustered is True
                    and self.in_months("bmei_age_min", "bmei_age_max")):
                self.note("movement", "Clusters of spasm-like shudders while awake can be "
                          "benign myoclonus of early infancy, but that is diagnosed only after an "
                          "EEG excludes spasms; spasms are assumed until then.", "CAR09")
            return self.infantile_spasms("spasms")
        self.at_least(_URGENT, "age_days",
                      f"Spasms at {self.age_text} are outside the 1-24 month range of infantile "
                      f"spasms; epileptic spasms are still a seizure type: same-day assessment "
                      f"with an EEG.", "IESS22")
        return "seizure"

    def convulsion(self) -> str:
        e = self.e
        if (e.movement == "stiffening" and e.clustered is True and not self.fever
                and self.in_months("spasms_age_range_min", "spasms_age_range_max")):
            return self.infantile_spasms("clusters of brief stiffenings")
        what = "A convulsion" if e.movement == "convulsion" else "Stiffening (a tonic seizure)"
        if self.fever and self.in_months("febrile_age_min", "febrile_age_max"):
            return self.febrile(what)
        if self.fever:
            if e.age_days < clinical.days("febrile_age_min"):
                self.note("age_days", f"With fever at {self.age_text} this is not a febrile "
                          f"seizure (those begin at 6 months): an infection of the brain must be "
                          f"excluded.", "AAP11")
            else:
                self.note("age_days", f"With fever at {self.age_text} this is not a febrile "
                          f"seizure (those occur up to 60 months).", "AAP11")
        elif e.fever_c is None and self.in_months("febrile_age_min", "febrile_age_max"):
            self.note("fever_c", "Temperature unknown: with a fever of 38.0 °C or more this "
                      "would be assessed as a febrile seizure.", "AAP11")
        elif e.fever_c is not None:
            self.note("fever_c", f"{_fmt(e.fever_c)} °C is below 38.0 °C: not a febrile "
                      f"seizure.", "AAP11")
        if e.first_episode is False:
            self.at_least(_URGENT, "first_episode",
                          f"{what} in a child who has had seizures before, now stopped, needs a "
                          f"same-day medical assessment.", "ILAE14")
        else:
            known = "a first-ever seizure" if e.first_episode else (
                "possibly a first-ever seizure (whether it is the first is unknown, and unknown "
                "is not 'no')")
            self.at_least(_EMERGENCY, "first_episode",
                          f"{what} without a febrile-seizure explanation is {known}: many "
                          f"services advise an ambulance.", "ILAE15")
        if e.body in ("focal", "one_side"):
            self.note("body", "Focal or one-sided onset: a focal seizure (ILAE17 classifies by "
                      "onset: focal, generalized or unknown).", "ILAE17")
        if e.episodes_24h > 1:
            self.at_least(_URGENT, "episodes_24h",
                          f"{e.episodes_24h} episodes in 24 h: repeated seizures; one after "
                          f"another without recovery is an emergency.", "ILAE15")
        return "seizure"

    def febrile(self, what: str) -> str:
        e = self.e
        complex_why = []
        if e.body in ("focal", "one_side"):
            complex_why.append(("body", "it was focal or one-sided"))
        if e.duration_s is not None and e.duration_s >= clinical.seconds(
                "complex_febrile_duration"):
            complex_why.append(("duration_s", f"it lasted {_fmt(e.duration_s / 60)} min "
                                              f"(15 min or longer)"))
        if e.episodes_24h > clinical.value("simple_febrile_max_per_24h"):
            complex_why.append(("episodes_24h", f"there were {e.episodes_24h} in 24 h"))
        first = ("A first febrile seizure" if e.first_episode
                 else "A febrile seizure")
        self.at_least(_BENIGN, "fever_c",
                      f"{what} with a fever of {_fmt(e.fever_c)} °C (38.0 °C or more) "
                      f"at {self.age_text} (6-60 months) is a febrile seizure, if there is no "
                      f"infection of the brain.", "AAP11")
        if complex_why:
            for feature, why in complex_why:
                self.at_least(_URGENT, feature,
                              f"Complex febrile seizure because {why}: any ONE of focal, 15 min "
                              f"or longer, or more than one in 24 h makes it complex.", "AAP11")
            pattern = "complex_febrile_seizure"
        else:
            long_ = e.duration_s is not None and e.duration_s >= clinical.seconds(
                "convulsion_emergency")
            if long_:
                self.at_least(_URGENT, "pattern",
                              "Simple febrile seizure by definition (generalized, under 15 min, "
                              "once in 24 h), but simple is not the same as safe: its length "
                              "decides the level.", "AAP11")
            else:
                self.at_least(_URGENT, "pattern",
                              f"{first} that has stopped within 5 min needs a same-day medical "
                              f"assessment (call an ambulance if one lasts 5 min, they repeat "
                              f"without recovery, or the child is not back to normal within an "
                              f"hour).", "AFP19")
            unknown = [k for k in ("body", "duration_s") if getattr(e, k) is None]
            if unknown:
                self.note(",".join(unknown),
                          f"Simple febrile seizure (generalized, under 15 min, once in 24 h) "
                          f"assumed because no complex feature is known; {' and '.join(unknown)} "
                          f"unknown: if focal or 15 min or longer it would be complex.", "AAP11")
            pattern = "simple_febrile_seizure"
        if e.first_episode and complex_why:
            self.note("first_episode", "This is the first febrile seizure; many services advise "
                      "an ambulance for a first-ever seizure.", "AFP19")
        if e.has_risk("incomplete_vaccination") and e.age_days <= clinical.days(
                "febrile_lp_option_age_max"):
            self.note("risk_factors:incomplete_vaccination",
                      "At 6-12 months with incomplete or unknown Hib/pneumococcal immunisation, "
                      "a lumbar puncture is an option.", "AAP11")
        return pattern

    def in_sleep(self) -> str:
        e = self.e
        if self.ictal():
            return self.possible_seizure("in sleep")
        if e.stops_on_waking is False:
            return self.continues_after_waking()
        myoclonic = e.movement in ("jerk", "tremor")
        if e.rhythmic is True or (myoclonic and e.clustered is True):
            return self.sleep_myoclonus()
        shown_single = e.rhythmic is False and e.clustered is False
        if myoclonic and not shown_single and e.age_days <= clinical.days("bnsm_age_max"):
            # jerks (not twitches) in sleep in the BNSM window: BNSM unless shown to be single
            return self.sleep_myoclonus()
        if e.movement == "tremor":
            self.at_least(_REVIEW, "movement",
                          "A tremor in sleep fits none of the benign sleep patterns: a "
                          "pediatric review.", "MAU10")
            return "unclear"
        return self.sleep_twitches()

    def ictal(self) -> list[str]:
        return [s for s in _ICTAL_SIGNS if self.sign(s)]

    def possible_seizure(self, where: str) -> str:
        e = self.e
        signs = ", ".join(s.replace("_", " ") for s in self.ictal())
        # every route by which the same movements without these signs would be called a seizure
        # (rhythm, clusters, a tremor while awake that holding fails to stop, a newborn) keeps
        # them a seizure here: signs only add. (Holding fails in BNSM too, so not in sleep.)
        awake_held_fails = (e.stops_when_held is False and e.movement == "tremor"
                            and e.state in ("awake", "waking"))
        if e.rhythmic is True or e.clustered is True or awake_held_fails or e.newborn:
            self.at_least(_URGENT, "signs",
                          f"Rhythmic or clustered movements {where} with {signs}: benign sleep "
                          f"myoclonus and jitteriness have no eye deviation and no change in "
                          f"breathing or colour, so this is a seizure until proven otherwise.",
                          "ILAE17")
            return "seizure"
        self.at_least(_URGENT, "signs",
                      f"Movements {where} with {signs} do not fit a benign pattern: a seizure "
                      f"must be excluded the same day.", "ILAE17")
        return "unclear"

    def continues_after_waking(self) -> str:
        e = self.e
        if e.rhythmic is True:
            self.at_least(_URGENT, "stops_on_waking",
                          "Rhythmic jerks that continue after the child is woken are not sleep "
                          "myoclonus: a seizure until proven otherwise, same-day assessment.",
                          "MAU10")
            return "seizure"
        self.at_least(_URGENT, "stops_on_waking",
                      "Jerks in sleep that do not stop when the child is woken are a same-day "
                      "red flag: benign sleep movements stop on waking.", "MAU10")
        return "unclear"

    def sleep_myoclonus(self) -> str:
        e = self.e
        if e.age_days > clinical.days("bnsm_age_max"):
            self.at_least(_REVIEW, "age_days",
                          f"Rhythmic or clustered jerks in sleep at {self.age_text} are outside "
                          f"the age window of benign neonatal sleep myoclonus (first weeks to "
                          f"about 6 months): a pediatric review (an EEG may be needed).", "MAU10")
            return "unclear"
        self.at_least(_BENIGN, "movement",
                      f"Jerks only in sleep at {self.age_text} fit benign neonatal sleep "
                      f"myoclonus (onset in the first weeks, often rhythmic 1-5 Hz clusters, any "
                      f"sleep stage, gone by about 6 months).", "MAU10")
        if e.stops_on_waking is True:
            self.at_least(_BENIGN, "stops_on_waking",
                          "They stop on waking, as BNSM does abruptly: benign (confirm once with "
                          "a clinician; EEG and examination are normal in BNSM).", "MAU10")
        else:
            self.at_least(_REVIEW, "stops_on_waking",
                          "Whether they stop on waking is unknown, and unknown is not 'yes': "
                          "BNSM stops abruptly on waking. Gently wake the baby during an episode; "
                          "a pediatric review confirms it (same day if the jerks continue).",
                          "MAU10")
        if e.stops_when_held is False:
            self.note("stops_when_held", "Holding the limbs does not stop BNSM (it may worsen "
                      "it), so this does not point to a seizure in sleep.", "MAU10")
        if e.provoked_by and ({"rocking", "sound"} & set(e.provoked_by)):
            self.note("provoked_by", "Rocking or a repetitive sound can provoke BNSM.", "MAU10")
        if e.preterm:
            self.at_least(_REVIEW, "gestation_weeks",
                          "Almost all babies with BNSM are born at term: in a preterm baby the "
                          "pattern is atypical, so a pediatric review rather than reassurance.",
                          "MAU10")
        if e.first_episode and e.age_days > clinical.days("newborn_max_age"):
            self.note("first_episode", f"BNSM usually begins in the first weeks (about day 1 to "
                      f"16); jerks first noticed at {self.age_text} are worth mentioning at the "
                      f"check.", "MAU10")
        if e.duration_s is not None and e.duration_s >= clinical.seconds("convulsion_emergency"):
            self.note("duration_s", "BNSM episodes can last 20 min or more: length alone is not "
                      "a red flag when the jerks are sleep-only and stop on waking.", "MAU10")
        return "bnsm"

    def sleep_twitches(self) -> str:
        e = self.e
        self.at_least(_BENIGN, "movement",
                      "Brief, random twitches in sleep are physiological sleep twitches (active "
                      "sleep, and quiet sleep from about 3 months); they persist for life.",
                      "SOK21")
        if self.sign("rapid_eye_movements") or self.sign("irregular_breathing") or (
                e.state == "active_sleep"):
            self.note("state", "Active (REM) sleep, shown by rapid eye movements and irregular "
                      "breathing, is when twitches are expected; irregular breathing in sleep is "
                      "not a breathing difficulty.", "GD16")
        if e.state == "quiet_sleep" and e.age_days < clinical.days("twitches_quiet_sleep_from"):
            self.note("state", "Before about 3 months twitches belong to active sleep; check the "
                      "sleep state (regular breathing means quiet sleep).", "SOK21")
        if e.stops_on_waking is None:
            self.note("stops_on_waking", "Whether they stop on waking is unknown: sleep twitches "
                      "stop when the child wakes; if they continue after waking, seek a "
                      "same-day assessment.", "SOK21")
        return "sleep_twitches"

    def falling_asleep(self) -> str:
        e = self.e
        if self.ictal():
            return self.possible_seizure("at sleep onset")
        if e.stops_on_waking is False:
            return self.continues_after_waking()
        single = (e.rhythmic is not True and e.clustered is not True
                  and e.movement in ("jerk", "twitch"))
        short = e.duration_s is None or e.duration_s <= clinical.seconds(
            "hypnic_jerk_max_duration")
        if single and short:
            self.at_least(_BENIGN, "state",
                          "A single jerk while falling asleep is a hypnic jerk (sleep start), a "
                          "normal variant.", "WW18")
            if self.sign("falling_sensation"):
                self.note("signs:falling_sensation", "A falling sensation with the jerk is "
                          "typical of a hypnic jerk.", "WW18")
            return "hypnic_jerk"
        self.at_least(_REVIEW, "state",
                      "Repeated or longer jerks, or a tremor, at sleep onset are not a hypnic "
                      "jerk (a single jerk under 1 s): a pediatric review.", "WW18")
        return "unclear"

    def awake(self) -> str:
        e = self.e
        if self.ictal():
            return self.possible_seizure("while awake")
        if e.movement == "tremor" or (e.rhythmic is True and e.stops_when_held is True):
            jittery = self.jitteriness()
            if jittery is not None:
                return jittery
        held_fails = e.stops_when_held is False and (e.movement == "tremor" or e.newborn)
        clonic = e.rhythmic is True and not (e.movement == "tremor" and e.stops_when_held)
        if clonic or held_fails:
            self.at_least(_URGENT, "rhythmic" if e.rhythmic else "stops_when_held",
                          "Rhythmic jerks while awake that are not jitteriness (or that holding "
                          "does not stop) are clonic movements: a seizure until proven otherwise, "
                          "same-day assessment.", "ILAE17")
            return "seizure"
        if (e.clustered is True and e.state == "awake" and e.movement in ("jerk", "twitch")
                and e.rhythmic is not True and self.in_months("bmei_age_min", "bmei_age_max")):
            self.at_least(_REVIEW, "movement",
                          f"Clusters of shudders while awake only at {self.age_text} (1-12 "
                          f"months), not on waking, without loss of skills, fit benign myoclonus "
                          f"of early infancy: a review with an EEG, because the diagnosis is made "
                          f"only after spasms are excluded.", "CAR09")
            self.note("signs", "If the clusters come on waking or when drowsy, or skills are "
                      "lost, think of infantile spasms: same day.", "ISWG10")
            return "benign_myoclonus_of_infancy"
        if e.movement == "tremor":
            level = _URGENT if e.age_days <= clinical.days("infancy_max_age") else _REVIEW
            self.at_least(level, "movement",
                          "A tremor while awake that does not fit jitteriness (provoked by "
                          "handling or crying, stopped by holding) needs a medical assessment"
                          + (" the same day in an infant." if level == _URGENT else "."),
                          "MAU10")
            if e.stops_when_held is None:
                self.note("stops_when_held", "Whether holding stops it is unknown: gentle "
                          "holding stops jitteriness but not a seizure, so it is worth trying.",
                          "MAU10")
            return "unclear"
        self.at_least(_URGENT, "state",
                      "Jerks while awake are a same-day red flag: sleep twitches and benign "
                      "sleep myoclonus happen only in sleep.", "MAU10")
        if e.newborn:
            self.note("age_days", "In a newborn, if this is a seizure it is an emergency: watch "
                      "for eye deviation, pauses in breathing or colour change.", "IESS22")
        return "unclear"

    def jitteriness(self) -> str | None:
        """Jitteriness if the features fit, else ``None`` (the caller continues)."""
        e = self.e
        if e.stops_when_held is False:
            return None
        provoked = e.provoked_by is not None and bool({"handling", "crying"} & set(e.provoked_by))
        if e.stops_when_held is None and not provoked:
            return None
        if e.age_days > clinical.days("infancy_max_age"):
            return None
        text = ("A fast, regular tremor while awake or crying"
                + (", provoked by handling or crying" if provoked else "")
                + (", that stops when held" if e.stops_when_held else "")
                + " is jitteriness: no eye deviation and no change in breathing or colour.")
        self.at_least(_REVIEW, "movement", text + " A pediatric review.", "MAU10")
        if e.stops_when_held is None:
            self.note("stops_when_held", "Whether holding stops it is unknown: gentle holding or "
                      "flexion stops jitteriness but not a seizure; if it does not stop, seek "
                      "same-day care.", "MAU10")
        if not e.newborn:
            self.note("age_days", f"Jitteriness is a newborn pattern; at {self.age_text} a "
                      f"persisting tremor needs its cause looked for.", "MAU10")
        risks = [r for r in _LOW_GLUCOSE_RISKS if e.has_risk(r)]
        if e.gestation_weeks < clinical.value("term_gestation") and "premature" not in risks:
            risks.append(f"born at {_fmt(e.gestation_weeks)} weeks")
        if self.sign("poor_feeding"):
            risks.append("poor feeding")
        if risks:
            self.at_least(_URGENT, "risk_factors",
                          f"Jitteriness in a baby at risk of low glucose or withdrawal "
                          f"({', '.join(r.replace('_', ' ') for r in risks)}): check glucose "
                          f"(and calcium, magnesium) the same day.", "MAU10")
        elif e.risk_factors is None:
            self.note("risk_factors", "Risk factors unknown: maternal diabetes, prematurity or "
                      "drug exposure would make it same-day (check glucose).", "MAU10")
        return "jitteriness"

    # -- after the pattern: timing, recovery, newborns, fever ----------------------------------

    def after_pattern(self, pattern: str) -> None:
        e = self.e
        # the 5-minute clock is for convulsions and continuous seizures, not spasm clusters
        seizure_like = e.movement == "convulsion" or (
            pattern in _SEIZURE_PATTERNS and pattern != "infantile_spasms"
            and e.movement != "spasm")
        if seizure_like:
            limit = clinical.seconds("convulsion_emergency")
            if e.duration_s is not None and e.duration_s >= limit:
                self.at_least(_EMERGENCY, "duration_s",
                              f"It has lasted {_fmt(e.duration_s / 60)} min: a seizure of 5 "
                              f"minutes or more is an emergency whatever its cause (status "
                              f"epilepticus, t1 = 5 min).", "ILAE15")
            elif e.duration_s is None:
                self.note("duration_s", "Duration unknown: a seizure lasting 5 minutes or more is "
                          "an emergency.", "ILAE15")
        postictal = e.movement in ("convulsion", "stiffening") and pattern != "infantile_spasms"
        if postictal and e.back_to_normal_min is None:
            if self.sign("drowsy"):
                self.at_least(_EMERGENCY, "back_to_normal_min",
                              "Not back to normal yet and still very drowsy: not back to normal, "
                              "or still very drowsy, an hour after a seizure is an emergency "
                              "(treated as not back to normal).", "NG143")
            else:
                self.note("back_to_normal_min", "Recovery unknown (not yet back to normal, or "
                          "not recorded): if the child is not back to normal an hour after, call "
                          "an ambulance.", "NG143")
        if pattern in _SEIZURE_PATTERNS and e.newborn:
            self.at_least(_EMERGENCY, "age_days",
                          f"Any seizure in a newborn ({self.age_text}"
                          + (f", born at {_fmt(e.gestation_weeks)} weeks" if e.age_days >= 28
                             else "") + ") is an emergency.", "IESS22")
        if (pattern in _SEIZURE_PATTERNS
                and e.age_days < clinical.days("fever_seizure_young_infant")):
            if self.fever:
                self.at_least(_EMERGENCY, "fever_c",
                              f"Fever of {_fmt(e.fever_c)} °C with a seizure under 3 months is an "
                              f"emergency.", "NG143")
            elif e.fever_c is None and self.level < _EMERGENCY:
                self.note("fever_c", "Temperature unknown: a fever of 38 °C or more with a "
                          "seizure under 3 months would make it an emergency.", "NG143")

    def benign_needs_a_well_child(self, pattern: str) -> None:
        e = self.e
        if self.fever:
            self.at_least(_REVIEW, "fever_c",
                          f"A benign label needs a well child; a fever of {_fmt(e.fever_c)} °C "
                          f"needs its own assessment.", "NG143")
        for s in ("vomiting", "poor_feeding", "injury"):
            if self.sign(s):
                self.at_least(_REVIEW, f"signs:{s}",
                              f"A benign label needs a well child; {s.replace('_', ' ')} needs a "
                              f"pediatric review.", _PATTERN_SOURCE.get(pattern, "NG143"))
        if self.level == _BENIGN:
            unknown = []
            if e.signs is None:
                unknown.append("no signs were recorded (eye deviation, breathing or colour "
                               "change, rash, loss of skills)")
            if e.fever_c is None and e.age_days < clinical.days("fever_seizure_young_infant"):
                unknown.append("the temperature was not recorded (fever under 3 months is "
                               "high risk)")
            if unknown:
                self.note("signs" if e.signs is None else "fever_c",
                          f"Benign assumes a well child, but {' and '.join(unknown)}: unknown is "
                          f"not 'none', so check before reassuring.",
                          _PATTERN_SOURCE.get(pattern, "NG143"))


# ----------------------------------------------------------------------------------------------
# command line


def main(argv: Sequence[str] | None = None) -> int:
    """Print the assessment of each episode file; return 0, or 2 on a bad file.

    Parameters
    ----------
    argv : sequence of str, optional
        Command-line arguments without the program name (default: ``sys.argv[1:]``).
    """
    parser = argparse.ArgumentParser(
        prog="python -m twitchlab.triage",
        description="Print the triage assessment of an episode file (JSON). Educational, not a "
        "diagnostic tool.",
    )
    parser.add_argument("cases", nargs="+", metavar="case.json", help="episode file(s) (JSON)")
    parser.add_argument("--json", action="store_true", help="print the assessment as JSON")
    args = parser.parse_args(argv)
    status = 0
    for i, path in enumerate(args.cases):
        try:
            with open(path, encoding="utf-8") as fh:
                data = json.load(fh)
            result = assess(Episode.from_dict(data))
        except OSError as exc:
            print(f"{path}: cannot read the file: {exc.strerror or exc}", file=sys.stderr)
            status = 2
            continue
        except json.JSONDecodeError as exc:
            print(f"{path}: not valid JSON: {exc}", file=sys.stderr)
            status = 2
            continue
        except ValueError as exc:
            print(f"{path}: {exc}", file=sys.stderr)
            status = 2
            continue
        if args.json:
            print(json.dumps(result.to_dict(), indent=2, ensure_ascii=False))
        else:
            if len(args.cases) > 1:
                print(f"{'' if i == 0 else chr(10)}## {path}\n")
            print(result.explain())
    return status


if __name__ == "__main__":
    sys.exit(main())
