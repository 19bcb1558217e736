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
from dataclasses import dataclass, field, fields, replace
from typing import Any

from twitchlab import clinical

__all__ = [
    "BODY",
    "CARER_WORDS",
    "DISCLAIMER",
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
    "UNKNOWN_READS_AS",
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
    "startle",
    "shuddering_attack",
    "sandifer_syndrome",
    "breath_holding_spell",
    "benign_paroxysmal_torticollis",
    "hyperekplexia",
    "brue",
    "rhythmic_movement_disorder",
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
    "startle": "startle (normal startle / Moro)",
    "shuddering_attack": "shuddering attack",
    "sandifer_syndrome": "Sandifer syndrome (reflux posturing)",
    "breath_holding_spell": "breath-holding spell (or reflex anoxic seizure)",
    "benign_paroxysmal_torticollis": "benign paroxysmal torticollis",
    "hyperekplexia": "hyperekplexia (exaggerated startle)",
    "brue": "brief resolved unexplained event (BRUE)",
    "rhythmic_movement_disorder": "sleep-related rhythmic movement disorder",
    "unclear": "unclear pattern",
}

STATES: tuple[str, ...] = (
    "active_sleep", "quiet_sleep", "asleep", "falling_asleep", "waking", "awake",
)
MOVEMENTS: tuple[str, ...] = (
    "twitch", "jerk", "spasm", "tremor", "stiffening", "convulsion", "shudder", "posturing",
    "head_tilt", "rhythmic_rocking", "startle", "staring", "limp",
)
#: Words carers use interchangeably for the same movement: the level never depends on which one
#: is said (the features decide; where a reading differs, the more urgent one sets the level).
CARER_WORDS: tuple[str, ...] = ("jerk", "spasm", "convulsion")
BODY: tuple[str, ...] = ("focal", "one_side", "both_sides")
PROVOKED_BY: tuple[str, ...] = ("rocking", "sound", "handling", "crying", "feeding",
                                "pain_or_fright", "touch", "excitement")
SIGNS: tuple[str, ...] = (
    "eye_deviation", "apnea", "cyanosis", "breathing_difficulty", "oxygen_drop",
    "loss_of_skills", "non_blanching_rash", "neck_stiffness", "bulging_fontanelle",
    "ash_leaf_spots", "vomiting", "poor_feeding", "injury", "drowsy", "irregular_breathing",
    "rapid_eye_movements", "falling_sensation", "pallor", "automatisms", "tachycardia",
    "stiff_between_episodes", "reflux", "needed_resuscitation", "unresponsive",
)
RISK_FACTORS: tuple[str, ...] = (
    "maternal_diabetes", "incomplete_vaccination", "premature", "family_history_epilepsy",
    "drug_exposure",
)

#: Signs that make it an emergency whatever the pattern.
EMERGENCY_SIGNS: tuple[str, ...] = (
    "cyanosis", "breathing_difficulty", "oxygen_drop", "non_blanching_rash", "neck_stiffness",
    "bulging_fontanelle", "needed_resuscitation",
)
#: Signs that ask for at least a same-day assessment.
SAME_DAY_SIGNS: tuple[str, ...] = ("eye_deviation", "apnea", "loss_of_skills", "ash_leaf_spots",
                                   "automatisms", "unresponsive", "tachycardia",
                                   "stiff_between_episodes")
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
                                     "falling_sensation", "pallor", "reflux")

#: Carried by every explanation and every machine-readable assessment.
DISCLAIMER = (
    "This is an educational exercise, not a diagnostic tool: the four levels are a teaching "
    "scale, not a validated triage scale. A worried parent or clinician should seek care."
)
_DISCLAIMER_MD = f"*{DISCLAIMER}*"

#: Fields whose unknown (``None``) is read as their worrying answer, because unknown is not no.
#: The property tests check that for each of them an unknown never gives a lower level.
UNKNOWN_READS_AS: Mapping[str, Any] = {
    "first_episode": True,       # possibly a first seizure: an ambulance the first time
    "onset_age_days": "late",    # an unknown onset is never taken as BNSM's neonatal onset
    "ongoing": True,             # a seizure not known to have stopped may still be going on
    "time_since_min": "late",    # drowsy, time since unknown: treated as an hour or more
}


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
    onset_age_days : int or None
        Age in days when these movements were first noticed (0 to ``age_days``); unknown is
        never read as an onset in the neonatal window.
    ongoing : bool or None
        Whether the episode is still going on now.
    time_since_min : float or None
        Minutes since the episode ended (the post-ictal clock), >= 0.
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
    onset_age_days: int | None = None
    ongoing: bool | None = None
    time_since_min: float | None = None

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
                    "first_episode", "ongoing"):
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
        if self.onset_age_days is not None:
            set_(self, "onset_age_days",
                 _check_int("onset_age_days", self.onset_age_days, 0, self.age_days))
        if self.time_since_min is not None:
            set_(self, "time_since_min",
                 _check_float("time_since_min", self.time_since_min, 0.0, None))
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
        lines += ["", _DISCLAIMER_MD]
        return "\n".join(lines)

    def to_dict(self) -> dict[str, Any]:
        """A JSON-safe dict: level, pattern, reasons (a list of dicts)."""
        return {
            "level": self.level,
            "pattern": self.pattern,
            "reasons": [r.to_dict() for r in self.reasons],
            "disclaimer": DISCLAIMER,
        }


# ----------------------------------------------------------------------------------------------
# reasoning


def assess(episode: Episode) -> Assessment:
    """Assess an episode: the triage level, the pattern it most resembles, and the reasons.

    The rules follow the course's medical reference as corrected by the clinical audit of
    December 2026; the full policy, rule by rule, is in ``docs/triage-rules.md``. Every reason
    cites a key of :data:`twitchlab.clinical.SOURCES`. The level is the highest level any rule
    asks for, so a red-flag sign (:data:`RED_FLAG_SIGNS`) can only raise it. In short:

    - the carer's word does not decide: "jerk", "spasm" and "convulsion" (:data:`CARER_WORDS`)
      are each read, and the most urgent reading sets the level;
    - unknown is not no: the fields of :data:`UNKNOWN_READS_AS` read as their worrying answer;
    - emergency: emergency signs; a seizure of 5 min or more (ILAE15), or staring of 10 min or
      more; a first-ever (or possibly first) seizure (NHSHT); any seizure in a newborn (PRESS21)
      or with fever under 6 months (NHSHT), each with a 14-day margin past the threshold; not back
      to normal an hour after (NHSHT); a higher-risk BRUE (TIEDER16);
    - urgent (same day): possible infantile spasms, including awake clusters at 1-12 months
      (ISWG10); a febrile seizure that is not the first; jerks while awake or continuing after
      waking; fever of 38 °C or more, or poor feeding, under 3 months (NG143); an injury before a
      baby is mobile (CG89); BNSM-like sleep jerks without a neonatal onset (PP08); jitteriness at
      risk of low glucose; hyperekplexia; a first breath-holding spell;
    - review: shuddering attacks, Sandifer syndrome, benign paroxysmal torticollis, known
      breath-holding spells, jitteriness without risk factors, a benign pattern in a child who is
      not well;
    - benign: sleep twitches, hypnic jerks, BNSM with a neonatal onset that stops on waking, a
      single startle, sleep-related rhythmic movements, in a well child.

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
    given = _Reasoner(episode).run()
    if episode.movement not in CARER_WORDS:
        return given
    # Carers say "jerk", "spasm" or "convulsion" for the same movement: read it each way and let
    # the most urgent reading set the level, so the level never depends on the word.
    best, best_word = given, episode.movement
    for word in CARER_WORDS:
        if word == episode.movement:
            continue
        other = _Reasoner(replace(episode, movement=word)).run()
        if LEVELS.index(other.level) > LEVELS.index(best.level):
            best, best_word = other, word
    if best is given:
        return given
    why = Reason("movement",
                 f"A carer's word for a movement is not reliable: described as a "
                 f"'{best_word}' instead of a '{episode.movement}', the same features read as "
                 f"{PATTERN_LABELS[best.pattern]}, so the more urgent reading decides.",
                 best.reasons[0].source)
    return Assessment(best.level, best.pattern, (why, *best.reasons))


def assess_dict(d: Mapping[str, Any]) -> Assessment:
    """Convenience: ``assess(Episode.from_dict(d))``."""
    return assess(Episode.from_dict(d))


_BENIGN, _REVIEW, _URGENT, _EMERGENCY = range(4)
_SLEEP_STATES = ("active_sleep", "quiet_sleep", "asleep")
#: signs seen during seizures that jitteriness and benign sleep myoclonus never have
_ICTAL_SIGNS = ("eye_deviation", "apnea", "cyanosis", "breathing_difficulty", "oxygen_drop",
                "automatisms")
_SEIZURE_PATTERNS = ("seizure", "infantile_spasms", "simple_febrile_seizure",
                     "complex_febrile_seizure")
_LOW_GLUCOSE_RISKS = ("maternal_diabetes", "premature", "drug_exposure")
#: movements of the paroxysmal non-epileptic events, assessed by :meth:`_Reasoner.paroxysmal`
_PAROXYSMAL_MOVEMENTS = ("shudder", "posturing", "head_tilt", "rhythmic_rocking", "startle",
                         "staring", "limp")
#: signs that, with an injury, point to the brain (abusive head trauma must be excluded)
_NEURO_SIGNS = ("eye_deviation", "apnea", "loss_of_skills", "drowsy", "bulging_fontanelle",
                "unresponsive", "automatisms")


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
        # developmental windows (BNSM, spasms, benign myoclonus) use the age corrected for
        # prematurity; fever thresholds use the age since birth
        weeks_early = max(0.0, 40.0 - e.gestation_weeks) if e.preterm else 0.0
        self.dev_age_days = max(0.0, e.age_days - 7.0 * weeks_early)
        self.febrile_ongoing = False

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

    def in_dev_months(self, lo_name: str, hi_name: str) -> bool:
        """Corrected (developmental) age within [lo, hi]: for the BNSM, spasm and BMEI windows."""
        return clinical.days(lo_name) <= self.dev_age_days <= clinical.days(hi_name)

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
            "needed_resuscitation": "A child who needed resuscitation needs emergency care.",
        }
        sources = {"cyanosis": "NG143", "breathing_difficulty": "NG143",
                   "oxygen_drop": "NG143", "non_blanching_rash": "NG143",
                   "neck_stiffness": "NG143", "bulging_fontanelle": "NG143",
                   "needed_resuscitation": "TIEDER16"}
        for s in EMERGENCY_SIGNS:
            if s == "needed_resuscitation":
                continue  # said below
            if s == "cyanosis" and self.breath_holding_features():
                continue  # blue during a typical, recovered breath-holding spell: see paroxysmal
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
                          "TIEDER16")
        if self.sign("loss_of_skills"):
            self.at_least(_URGENT, "signs:loss_of_skills",
                          "Loss of skills already gained is a same-day red flag (developmental "
                          "regression is part of West syndrome).", "ISWG10")
        if self.sign("ash_leaf_spots"):
            self.at_least(_URGENT, "signs:ash_leaf_spots",
                          "Ash-leaf spots suggest tuberous sclerosis, a leading cause of "
                          "infantile spasms: any episode needs a same-day assessment.", "ISWG10")
        if self.sign("needed_resuscitation"):
            self.at_least(_EMERGENCY, "signs:needed_resuscitation",
                          "A child who needed resuscitation needs emergency care: call an "
                          "ambulance.", "TIEDER16")
        if self.sign("automatisms"):
            self.at_least(_URGENT, "signs:automatisms",
                          "Automatisms (lip smacking, chewing, cycling movements) are a seizure "
                          "type in babies, often subtle: same-day assessment at least.", "PRESS21")
        if self.sign("tachycardia"):
            self.at_least(_URGENT, "signs:tachycardia",
                          "A racing heart during an episode can be an autonomic seizure in a "
                          "baby: same-day assessment at least.", "PRESS21")
        if self.sign("stiff_between_episodes"):
            self.at_least(_URGENT, "signs:stiff_between_episodes",
                          "A baby who stays stiff between episodes needs a same-day assessment "
                          "(hyperekplexia or a neurological cause).", "THOMAS13")
        if self.sign("unresponsive"):
            self.at_least(_URGENT, "signs:unresponsive",
                          "Unresponsive during the episode: a seizure with impaired awareness "
                          "must be excluded the same day.", "ILAE17")
        if self.sign("poor_feeding") and e.age_days < clinical.days("poor_feeding_urgent_age"):
            self.at_least(_URGENT, "signs:poor_feeding",
                          f"Poor feeding at {self.age_text} (under 3 months) can be the first "
                          f"sign of an infection: same-day assessment.", "NG143")
        if self.sign("injury"):
            neuro = [s for s in _NEURO_SIGNS if self.sign(s)]
            if e.age_days < clinical.days("not_yet_mobile_age") or neuro:
                self.at_least(_URGENT, "signs:injury",
                              f"An injury or bruise at {self.age_text}"
                              + (" in a baby who is not yet mobile" if not neuro else
                                 " with " + ", ".join(n.replace("_", " ") for n in neuro))
                              + " needs a same-day assessment that includes safeguarding: "
                              "abusive head trauma must be excluded.", "CG89")
        bnm = e.back_to_normal_min
        if bnm is not None and bnm >= clinical.value("not_back_to_normal"):
            self.at_least(_EMERGENCY, "back_to_normal_min",
                          f"Not back to normal until {_fmt(bnm)} min after the episode: not back "
                          f"to normal an hour after is an emergency.", "NHSHT")
        if self.fever and e.age_days < clinical.days("fever_seizure_young_infant"):
            self.at_least(_URGENT, "fever_c",
                          f"A fever of {_fmt(e.fever_c)} °C at {self.age_text} (under 3 months) "
                          f"is a high-risk sign on its own: same-day assessment at least.",
                          "NG143")

    # -- pattern ----------------------------------------------------------------------------------

    def classify(self) -> str:
        e = self.e
        if e.movement in _PAROXYSMAL_MOVEMENTS:
            return self.paroxysmal()
        if e.movement in CARER_WORDS:
            gated = self.described_by_features()
            if gated is not None:
                return gated
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

    def described_by_features(self) -> str | None:
        """Movements whose features decide what they are, whatever word the carer used."""
        e = self.e
        if self.ictal():
            return None
        as_jerk = replace(e, movement="jerk")
        if (e.state == "falling_asleep" and e.rhythmic is True and e.stops_on_waking is True
                and self.dev_age_days > clinical.days("spasms_typical_age_max")):
            # rhythmic movements as a child over 12 months falls asleep that stop when the child
            # is woken: head banging or body rocking, whatever the carer calls them; a convulsion
            # does not stop on waking (docs/triage-rules.md, decision 14)
            self.e = replace(e, movement="rhythmic_rocking")
            return self.paroxysmal()
        single = e.rhythmic is False and e.clustered is False
        brief = e.duration_s is not None and e.duration_s <= clinical.seconds(
            "hypnic_jerk_max_duration")
        if e.state in _SLEEP_STATES and single and brief:
            # one jerk under a second in sleep, not repeated: a sleep twitch, whatever the word
            self.e = as_jerk
            return self.in_sleep()
        bnsm_like = (e.stops_on_waking is None and (e.rhythmic is True or e.clustered is True)
                     and self.dev_age_days <= clinical.days("bnsm_age_max"))
        if e.state in _SLEEP_STATES and (e.stops_on_waking is True or bnsm_like):
            self.e = as_jerk  # sleep-only movements that stop on waking, or BNSM's question
            return self.in_sleep()
        under_5 = e.duration_s is None or e.duration_s < clinical.seconds("convulsion_emergency")
        if e.state == "falling_asleep" and ((single and under_5) or (
                brief and e.rhythmic is not True and e.clustered is not True)):
            self.e = as_jerk
            return self.falling_asleep()
        if e.state == "awake" and single and (brief or e.duration_s is None):
            provoked = e.provoked_by is not None and bool(
                {"sound", "touch", "handling"} & set(e.provoked_by))
            if provoked:
                return self.startle()
            level = _URGENT if e.newborn else _REVIEW
            self.at_least(level, "movement",
                          "A single brief jerk while awake, not provoked, is a myoclonic jerk: "
                          + ("in a newborn, a same-day assessment." if e.newborn else
                             "a pediatric review; film it if it happens again."), "CB04")
            return "unclear"
        short = e.duration_s is None or e.duration_s < clinical.seconds("convulsion_emergency")
        if e.state == "awake" and e.rhythmic is True and e.stops_when_held is True and short:
            self.e = as_jerk  # rhythmic, stopped by holding: the jitteriness question first
            return self.awake()
        return None

    def startle(self) -> str:
        e = self.e
        if self.sign("stiff_between_episodes") or (e.newborn and self.sign("apnea")):
            return self.hyperekplexia()
        self.at_least(_BENIGN, "provoked_by",
                      "A single jump in response to a noise or touch, not rhythmic and not in "
                      "clusters, is a normal startle (in young babies the Moro response), not "
                      "'jerks while awake'.", "VOLPE18")
        return "startle"

    def spasm_features(self) -> bool:
        """Clustered jerks in the spasm age range with a feature that points to spasms."""
        e = self.e
        if e.movement not in ("jerk", "twitch") or e.clustered is not True:
            return False
        if not self.in_dev_months("spasms_age_range_min", "spasms_age_range_max"):
            return False
        if e.state in ("waking", "falling_asleep") and e.rhythmic is not True:
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
        if self.in_dev_months("spasms_typical_age_min", "spasms_typical_age_max"):
            self.note("age_days", f"At {self.age_text} the child is in the typical age for "
                      f"infantile spasms (3-12 months; 90 % begin before age 1).", "COWAN91")
        else:
            self.note("age_days", f"At {self.age_text} the child is outside the typical 3-12 "
                      f"months but inside the 1-24 month range of the syndrome.", "IESS22")
        self.note("pattern", "Time matters: a shorter time to treatment possibly improves "
                  "development (AAN 2012, Level C), and spasms are often mistaken for colic, "
                  "reflux or startle.", "AAN12")
        return "infantile_spasms"

    def spasm(self) -> str:
        e = self.e
        if self.in_dev_months("spasms_age_range_min", "spasms_age_range_max"):
            if (e.state == "awake" and e.clustered is True
                    and self.in_dev_months("bmei_age_min", "bmei_age_max")):
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
        if (e.clustered is True and e.rhythmic is not True
                and self.in_dev_months("spasms_age_range_min", "spasms_age_range_max")):
            # fever does not hide spasms: clusters are spasms whether or not the child is febrile
            if self.fever:
                self.note("fever_c", f"Fever of {_fmt(e.fever_c)} °C does not explain clusters "
                          f"of brief movements: a febrile seizure is one continuous seizure.",
                          "ISWG10")
            what = ("clusters of brief stiffenings" if e.movement == "stiffening"
                    else "clusters of brief movements")
            return self.infantile_spasms(what)
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
        self.at_least(_URGENT, "movement",
                      f"{what} without a febrile-seizure explanation is a seizure: at least a "
                      f"same-day medical assessment.", "ILAE14")
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
        if e.ongoing is not False and e.back_to_normal_min is None and not complex_why:
            # still going (or not known to have stopped): simple or complex cannot be told yet
            self.febrile_ongoing = True
            self.at_least(_BENIGN, "fever_c",
                          f"{what} with a fever of {_fmt(e.fever_c)} °C at {self.age_text}: a "
                          f"febrile seizure if there is no infection of the brain.", "AAP11")
            self.at_least(_URGENT, "ongoing",
                          ("It is still going on" if e.ongoing else
                           "It is not known to have stopped")
                          + ": time it. It cannot be called simple yet (at 15 min it becomes "
                          "complex); call an ambulance at 5 min, or now if it is the first.",
                          "NHSHT")
            return "unclear"
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
                              f"{first} that stopped within 5 min needs at least a same-day "
                              f"medical assessment (call an ambulance if one lasts 5 min, they "
                              f"repeat without recovery, it is the first ever, or the child is "
                              f"not back to normal within an hour).", "NHSHT")
            unknown = [k for k in ("body", "duration_s") if getattr(e, k) is None]
            if unknown:
                self.note(",".join(unknown),
                          f"Simple febrile seizure (generalized, under 15 min, once in 24 h) "
                          f"assumed because no complex feature is known; {' and '.join(unknown)} "
                          f"unknown: if focal or 15 min or longer it would be complex.", "AAP11")
            pattern = "simple_febrile_seizure"
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
                          "myoclonus: a seizure until proven otherwise (an ambulance if it may be "
                          "the first, or in a newborn).", "MAU10")
            return "seizure"
        self.at_least(_URGENT, "stops_on_waking",
                      "Jerks in sleep that do not stop when the child is woken are a same-day "
                      "red flag: benign sleep movements stop on waking.", "MAU10")
        return "unclear"

    def sleep_myoclonus(self) -> str:
        e = self.e
        window = clinical.days("bnsm_onset_window")
        onset = e.onset_age_days if e.onset_age_days is not None else (
            e.age_days if e.age_days <= window else None)
        if self.fever and e.newborn:
            self.at_least(_URGENT, "fever_c",
                          f"Rhythmic jerks in a newborn with a fever of {_fmt(e.fever_c)} °C are "
                          f"not labelled benign sleep myoclonus until seizures and infection are "
                          f"excluded.", "PRESS21")
            return "unclear"
        if (self.dev_age_days > clinical.days("bnsm_age_max") and e.rhythmic is not True
                and e.clustered is True and e.stops_on_waking is True):
            # past BNSM's window, non-rhythmic clusters that stop on waking: bursts of twitches
            self.note("clustered", f"Sleep twitches come in bursts, the twitches of a burst "
                      f"{_fmt(clinical.value('twitch_burst_gap_max'))} s or less apart: "
                      f"clusters that stop on waking fit twitches.", "SOK20")
            return self.sleep_twitches()
        if onset is None or onset > window:
            started = ("when they started is unknown, and an unknown start is not the neonatal "
                       "onset BNSM needs" if onset is None else
                       f"they began at {onset} days, after the neonatal period")
            self.at_least(_URGENT, "onset_age_days",
                          f"Rhythmic or clustered jerks in sleep at {self.age_text}, but "
                          f"{started}: BNSM begins in the first weeks (day 1-16), so a same-day "
                          f"review with a video and an EEG.", "PP08")
            return "unclear"
        if self.dev_age_days > clinical.days("bnsm_age_max"):
            self.at_least(_REVIEW, "age_days",
                          f"Rhythmic or clustered jerks in sleep at {self.age_text} are outside "
                          f"the age window of benign neonatal sleep myoclonus (first weeks to "
                          f"about 6 months): a pediatric review (an EEG may be needed).", "PP08")
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
            self.at_least(_URGENT if e.newborn else _REVIEW, "stops_on_waking",
                          "Whether they stop on waking is unknown, and unknown is not 'yes': "
                          "BNSM stops abruptly on waking. Gently wake the baby during an episode"
                          + ("; in a newborn a clinician should see them stop on waking the "
                             "same day, because a neonatal seizure does not." if e.newborn else
                             "; a pediatric review confirms it (same day if they continue)."),
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
        self.note("onset_age_days", f"They began at {onset} days: BNSM begins in the first "
                  f"weeks (day 1-16, median day 3).", "PP08")
        if e.duration_s is not None and e.duration_s >= clinical.seconds("convulsion_emergency"):
            self.note("duration_s", "BNSM episodes can last 20 min or more: length alone is not "
                      "a red flag when the jerks are sleep-only and stop on waking.", "MAU10")
        return "bnsm"

    def sleep_twitches(self) -> str:
        e = self.e
        self.at_least(_BENIGN, "movement",
                      "Brief, random twitches in sleep are physiological sleep twitches (active "
                      "sleep, and quiet sleep from about 3 months).", "SOK21")
        self.note("movement", "They go on through life: adults twitch in REM sleep too, as a "
                  "normal part of it.", "FRAU12")
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
                and e.rhythmic is not True and self.in_dev_months("bmei_age_min",
                                                                  "bmei_age_max")):
            self.at_least(_URGENT, "movement",
                          f"Clusters of spasm-like movements while awake at {self.age_text} "
                          f"(1-12 months) are managed as possible infantile spasms: a same-day "
                          f"assessment and an EEG within days.", "ISWG10")
            self.note("movement", "They resemble benign myoclonus of early infancy, but that "
                      "is diagnosed only after a normal (video-)EEG has excluded spasms.", "CAR09")
            if e.signs is None:
                self.note("signs", "Whether skills have been lost was not recorded: ask, "
                          "because loss of skills points to West syndrome.", "ISWG10")
            return "benign_myoclonus_of_infancy"
        if e.movement == "tremor":
            level = _URGENT if e.age_days <= clinical.days("infancy_max_age") else _REVIEW
            self.at_least(level, "movement",
                          "A tremor while awake that does not fit jitteriness (provoked by "
                          "handling or crying, stopped by holding) needs a medical assessment"
                          + (" the same day in an infant." if level == _URGENT else "."),
                          "VOLPE18")
            if e.stops_when_held is None:
                self.note("stops_when_held", "Whether holding stops it is unknown: gentle "
                          "holding stops jitteriness but not a seizure, so it is worth trying.",
                          "VOLPE18")
            return "unclear"
        self.at_least(_URGENT, "state",
                      "Jerks while awake are a same-day red flag: sleep twitches and benign "
                      "sleep myoclonus happen only in sleep.", "MAU10")
        if e.newborn:
            self.note("age_days", "In a newborn, if this is a seizure it is an emergency: watch "
                      "for eye deviation, pauses in breathing or colour change.", "PRESS21")
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
        self.at_least(_REVIEW, "movement", text + " A pediatric review: once an examination "
                      "confirms it in a well term baby, reassurance is enough.", "VOLPE18")
        if e.newborn:
            self.note("movement", "Jitteriness is common: it is seen in about 44 % of healthy "
                      "term newborns.", "PARKER90")
        if e.stops_when_held is None:
            self.note("stops_when_held", "Whether holding stops it is unknown: gentle holding or "
                      "flexion stops jitteriness but not a seizure; if it does not stop, seek "
                      "same-day care.", "VOLPE18")
        if not e.newborn:
            self.note("age_days", f"Jitteriness is mostly a newborn pattern, but a benign "
                      f"tremulousness is also seen later in infancy; at {self.age_text} the "
                      f"review confirms it and checks development.", "SHUPER91")
        risks = [r for r in _LOW_GLUCOSE_RISKS if e.has_risk(r)]
        if e.gestation_weeks < clinical.value("term_gestation") and "premature" not in risks:
            risks.append(f"born at {_fmt(e.gestation_weeks)} weeks")
        if self.sign("poor_feeding"):
            risks.append("poor feeding")
        if risks:
            self.at_least(_URGENT, "risk_factors",
                          f"Jitteriness in a baby at risk of low glucose or withdrawal "
                          f"({', '.join(r.replace('_', ' ') for r in risks)}): check glucose "
                          f"(and calcium, magnesium) the same day.", "VOLPE18")
        elif e.risk_factors is None:
            self.note("risk_factors", "Risk factors unknown: maternal diabetes, prematurity or "
                      "drug exposure would make it same-day (check glucose).", "VOLPE18")
        return "jitteriness"

    # -- paroxysmal non-epileptic events and non-motor seizures --------------------------------

    def breath_holding_features(self) -> bool:
        """Limp or stiff after crying, pain or a fright, 6 months-6 years, recovered."""
        e = self.e
        provoked = e.provoked_by is not None and bool({"crying", "pain_or_fright"}
                                                      & set(e.provoked_by))
        recovered = e.back_to_normal_min is not None and e.back_to_normal_min <= 5.0
        age_ok = (clinical.days("breath_holding_age_min") <= e.age_days
                  <= clinical.days("breath_holding_age_max"))
        return (e.movement in ("limp", "stiffening") and e.state == "awake" and provoked
                and recovered and age_ok
                and not self.sign("breathing_difficulty") and e.ongoing is not True)

    def paroxysmal(self) -> str:
        e = self.e
        m = e.movement
        if m == "startle":
            repeated = (e.rhythmic is True or e.clustered is True
                        or e.stops_on_waking is False)
            if e.state not in ("awake", "waking") or (repeated and not self.sign(
                    "stiff_between_episodes")):
                self.e = replace(e, movement="jerk")  # a "startle" in sleep is a sleep jerk
                return self.classify()
            return self.startle()
        if m == "staring":
            self.at_least(_URGENT, "movement",
                          "Staring and unresponsive (behaviour arrest) can be a focal seizure "
                          "with impaired awareness or an absence seizure: a same-day "
                          "assessment.", "ILAE17")
            return "seizure"
        if m == "limp":
            if self.breath_holding_features():
                return self.breath_holding()
            if e.age_days < clinical.days("brue_age_max"):
                return self.brue()
            self.at_least(_URGENT, "movement",
                          "Going suddenly limp without crying, pain or a fright first needs a "
                          "same-day assessment: a seizure or a heart rhythm problem must be "
                          "excluded.", "STEPH78")
            return "unclear"
        if m == "shudder":
            drowsy_or_waking = e.state in ("waking", "falling_asleep") or self.sign("drowsy")
            if (e.clustered is True and drowsy_or_waking
                    and self.in_dev_months("spasms_age_range_min", "spasms_age_range_max")):
                return self.infantile_spasms("clusters of shudders")
            if e.state == "awake":
                self.at_least(_REVIEW, "movement",
                              "Brief shivering-like shudders while awake, often with excitement "
                              "or feeding and with no change afterwards, are shuddering attacks: "
                              "harmless, but a review with a video confirms them and excludes "
                              "spasms.", "VANASSE76")
                if e.clustered is True:
                    self.note("clustered", "If the shudders come in clusters on waking or when "
                              "drowsy, think of infantile spasms: same day.", "ISWG10")
                return "shuddering_attack"
            self.at_least(_REVIEW, "state", "Shudders in sleep fit no benign sleep pattern: a "
                          "pediatric review with a video.", "VANASSE76")
            return "unclear"
        if m == "posturing":
            with_feeds = (e.provoked_by is not None and "feeding" in e.provoked_by) or (
                self.sign("reflux") or self.sign("vomiting"))
            if e.state == "awake" and with_feeds:
                self.at_least(_REVIEW, "provoked_by",
                              "Arching of the back and neck or twisting of the head with feeds "
                              "and reflux is Sandifer syndrome, often mistaken for seizures: a "
                              "pediatric review (same day if breathing or colour change, or "
                              "poor feeding in a young baby).", "KABAKUS06")
                return "sandifer_syndrome"
            self.at_least(_URGENT, "movement",
                          "Arching or twisting that is not linked to feeds can be a tonic "
                          "seizure or dystonia: a same-day assessment.", "KABAKUS06")
            return "unclear"
        if m == "head_tilt":
            if e.age_days <= clinical.days("infancy_max_age"):
                self.at_least(_REVIEW, "movement",
                              "Episodes of the head held tilted to one side for hours to days in "
                              "an infant, sometimes with pallor or vomiting, fit benign "
                              "paroxysmal torticollis: a review to confirm it (it resolves in "
                              "early childhood).", "ROSMAN09")
                return "benign_paroxysmal_torticollis"
            self.at_least(_REVIEW, "age_days", "A new head tilt after infancy needs a review (the "
                          "eyes and the neck must be examined).", "ROSMAN09")
            return "unclear"
        # rhythmic rocking, head banging or head rolling
        in_sleep = e.state in (*_SLEEP_STATES, "falling_asleep")
        if in_sleep and e.stops_on_waking is not False and e.age_days >= clinical.days(
                "rhythmic_movement_age_min"):
            self.at_least(_BENIGN, "movement",
                          "Rhythmic head banging, body rocking or head rolling as a child falls "
                          "asleep is sleep-related rhythmic movement, common from 6 months and "
                          "usually gone by 5 years: harmless in a well child (make the cot safe).",
                          "ICSD3")
            if e.age_days > clinical.days("rhythmic_movement_age_max"):
                self.note("age_days", f"At {self.age_text} it is less common; a review if it "
                          f"causes injury or disturbs sleep.", "ICSD3")
            return "rhythmic_movement_disorder"
        self.at_least(_REVIEW, "state", "Rhythmic rocking that is not at sleep onset, or in a "
                      "baby under 6 months, needs a pediatric review.", "ICSD3")
        return "unclear"

    def breath_holding(self) -> str:
        e = self.e
        pallid = self.sign("pallor")
        self.at_least(_BENIGN, "provoked_by",
                      "Crying, pain or a fright, then "
                      + ("going pale" if pallid else "holding the breath and turning blue")
                      + " and limp, with recovery within a minute or two, is a "
                      + ("pallid breath-holding spell (a reflex anoxic seizure: the heart "
                         "slows briefly after a bump or fright)" if pallid else
                         "cyanotic breath-holding spell")
                      + ".", "STEPH78" if pallid else "DIMARIO01")
        if self.sign("cyanosis"):
            self.note("signs:cyanosis", "Blue colour inside a breath-holding spell that has "
                      "passed does not on its own need an ambulance; colour that does not come "
                      "back, or breathing difficulty, does.", "DIMARIO01")
        if e.first_episode is False:
            self.at_least(_REVIEW, "first_episode",
                          "A known pattern of breath-holding spells: a pediatric review (check "
                          "for iron deficiency; an ECG for pallid spells).", "DIMARIO01")
        else:
            self.at_least(_URGENT, "first_episode",
                          "A first spell (or not known to be a repeat) needs a doctor the same "
                          "day to confirm it: an ECG for pallid spells, and iron is checked.",
                          "DIMARIO01")
        return "breath_holding_spell"

    def brue(self) -> str:
        e = self.e
        higher = []
        if e.age_days < clinical.days("brue_higher_risk_age"):
            higher.append(f"aged {self.age_text} (under 60 days)")
        if e.gestation_weeks < clinical.value("brue_higher_risk_gestation"):
            higher.append(f"born at {_fmt(e.gestation_weeks)} weeks (before 32)")
        if e.first_episode is not True:
            higher.append("not known to be the first event")
        if e.duration_s is None or e.duration_s >= clinical.seconds("brue_max_duration"):
            higher.append("lasting a minute or more (or for an unknown time)")
        if e.ongoing is True or e.back_to_normal_min is None:
            higher.append("not known to have resolved")
        self.at_least(_URGENT, "movement",
                      f"A brief event at {self.age_text} of going limp, with a change in "
                      f"breathing, colour or responsiveness, now resolved, is a brief resolved "
                      f"unexplained event (BRUE) once a clinician finds no cause: it needs a "
                      f"same-day assessment.", "TIEDER16")
        if higher:
            self.at_least(_EMERGENCY, "age_days",
                          f"Higher-risk BRUE ({'; '.join(higher)}): call an ambulance for "
                          f"hospital assessment.", "TIEDER16")
        return "brue"

    def hyperekplexia(self) -> str:
        self.at_least(_URGENT, "signs:stiff_between_episodes",
                      f"Exaggerated startles to touch or sound with stiffness at {self.age_text} "
                      f"fit hyperekplexia: a same-day assessment (a tap on the nose provokes "
                      f"it; flexing the head and legs towards the trunk stops a stiff episode).",
                      "THOMAS13")
        if self.sign("apnea") or self.sign("cyanosis"):
            self.at_least(_EMERGENCY, "signs:apnea",
                          "Stiff episodes with pauses in breathing or blue colour in hyperekplexia "
                          "can be fatal: call an ambulance.", "THOMAS13")
        return "hyperekplexia"

    # -- after the pattern: timing, recovery, newborns, fever ----------------------------------

    def after_pattern(self, pattern: str) -> None:
        e = self.e
        seizure = pattern in _SEIZURE_PATTERNS or self.febrile_ongoing
        # the 5-minute clock is for convulsions and continuous seizures, not spasm clusters
        seizure_like = pattern != "infantile_spasms" and (e.movement == "convulsion" or (
            seizure and e.movement not in ("spasm", "staring")))
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
            elif e.ongoing:
                self.note("ongoing", f"Still going at {_fmt(e.duration_s / 60)} min: time it; "
                          f"call an ambulance at 5 min.", "NHSHT")
        if e.movement == "staring" and pattern == "seizure":
            if e.duration_s is not None and e.duration_s >= clinical.seconds(
                    "focal_staring_emergency"):
                self.at_least(_EMERGENCY, "duration_s",
                              f"Staring and unresponsive for {_fmt(e.duration_s / 60)} min: a "
                              f"focal seizure with impaired awareness of 10 minutes or more is "
                              f"status epilepticus (t1 = 10 min).", "ILAE15")
        # a first seizure: an ambulance the first time (staring spells from 6 months aside)
        first_counts = seizure and pattern != "infantile_spasms" and not (
            e.movement == "staring"
            and e.age_days >= clinical.days("first_seizure_no_ambulance_age"))
        if first_counts and e.first_episode is not False:
            known = "This is a first-ever seizure" if e.first_episode else (
                "This may be a first-ever seizure (whether it is the first is unknown, and "
                "unknown is not 'no')")
            self.at_least(_EMERGENCY, "first_episode",
                          f"{known}: call an ambulance the first time a child has a seizure; "
                          f"once fully recovered, a same-day assessment is the minimum.", "NHSHT")
        postictal = e.movement in ("convulsion", "stiffening") and pattern != "infantile_spasms"
        if postictal and e.back_to_normal_min is None and e.ongoing is not True:
            hour = clinical.value("not_back_to_normal")
            if self.sign("drowsy") and (e.time_since_min is None or e.time_since_min >= hour):
                since = ("how long ago it ended is unknown" if e.time_since_min is None
                         else f"it ended {_fmt(e.time_since_min)} min ago")
                self.at_least(_EMERGENCY, "back_to_normal_min",
                              f"Still very drowsy and {since}: not back to normal, or still very "
                              f"drowsy, an hour after a seizure is an emergency.", "NHSHT")
            elif self.sign("drowsy"):
                self.note("time_since_min", f"Drowsy {_fmt(e.time_since_min)} min after the "
                          f"seizure: drowsiness for a while afterwards is expected; call an "
                          f"ambulance if the child is not back to normal an hour after.",
                          "NHSHT")
            else:
                self.note("back_to_normal_min", "Recovery unknown (not yet back to normal, or "
                          "not recorded): if the child is not back to normal an hour after, call "
                          "an ambulance.", "NHSHT")
        margin = clinical.days("age_cliff_margin")
        if seizure and e.newborn:
            self.at_least(_EMERGENCY, "age_days",
                          f"Any seizure in a newborn ({self.age_text}"
                          + (f", born at {_fmt(e.gestation_weeks)} weeks" if e.age_days >= 28
                             else "") + ") is an emergency: neonatal seizures are often subtle "
                          "and their causes need treatment now.", "PRESS21")
        elif seizure and e.age_days < clinical.days("newborn_max_age") + margin:
            self.at_least(_EMERGENCY, "age_days",
                          f"At {self.age_text}, within two weeks of the end of the newborn "
                          f"period, the newborn rule (any seizure is an emergency) still "
                          f"decides: age thresholds are conventions, and the cautious side "
                          f"applies near them.", "PRESS21")
        young = clinical.days("fever_seizure_emergency_age")
        if seizure and self.fever and e.age_days < young + margin:
            self.at_least(_EMERGENCY, "fever_c",
                          f"A seizure with a fever of {_fmt(e.fever_c)} °C at {self.age_text} "
                          + ("(under 6 months)" if e.age_days < young else
                             "(within two weeks of 6 months, where the cautious side decides)")
                          + " is an emergency: an infection of the brain must be excluded.",
                          "NHSHT")
        elif seizure and e.fever_c is None and e.age_days < young and self.level < _EMERGENCY:
            self.note("fever_c", "Temperature unknown: a fever of 38 °C or more with a seizure "
                      "under 6 months would make it an emergency.", "NHSHT")

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
                              f"pediatric review.", "CG89" if s == "injury" else "NG143")
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
