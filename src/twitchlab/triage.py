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
    "MOVEMENTS",
    "PATTERNS",
    "PROVOKED_BY",
    "RED_FLAG_SIGNS",
    "RISK_FACTORS",
    "SIGNS",
    "STATES",
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
UNWELL_SIGNS: tuple[str, ...] = ("vomiting", "poor_feeding", "injury", "drowsy")
#: Every sign that counts as a red flag: adding one never lowers the level.
RED_FLAG_SIGNS: tuple[str, ...] = EMERGENCY_SIGNS + SAME_DAY_SIGNS + UNWELL_SIGNS
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
    v = int(v)
    if (lo is not None and v < lo) or (hi is not None and v > hi):
        raise ValueError(f"Episode {key!r}: {v!r} is out of range; allowed{_range_text(lo, hi)}")
    return v


def _check_float(key: str, v: Any, lo: float | None, hi: float | None) -> float:
    if isinstance(v, bool) or not isinstance(v, numbers.Real):
        raise ValueError(
            f"Episode {key!r}: {v!r} ({type(v).__name__}) is not allowed; give a number "
            f"(float or int, not bool){_range_text(lo, hi)}"
        )
    v = float(v)
    if not math.isfinite(v):
        raise ValueError(
            f"Episode {key!r}: {v!r} is not allowed; give a finite number{_range_text(lo, hi)}"
        )
    if (lo is not None and v < lo) or (hi is not None and v > hi):
        raise ValueError(f"Episode {key!r}: {v!r} is out of range; allowed{_range_text(lo, hi)}")
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
                f"Episode {key!r}: item {item!r} is not allowed; each item must be one of: "
                f"{_allowed_words(words)}"
            )
        if item in seen:
            raise ValueError(
                f"Episode {key!r}: item {item!r} is repeated; give each word once"
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
    """Assess an episode: level, pattern and reasons."""
    if not isinstance(episode, Episode):
        raise ValueError(f"assess: {episode!r} is not allowed; give an Episode "
                         f"(use Episode.from_dict for a dict)")
    return _Reasoner(episode).run()


def assess_dict(d: Mapping[str, Any]) -> Assessment:
    """Convenience: ``assess(Episode.from_dict(d))``."""
    return assess(Episode.from_dict(d))


class _Reasoner:
    """Provisional rules; replaced by the full rule set."""

    def __init__(self, e: Episode) -> None:
        self.e = e

    def run(self) -> Assessment:
        e = self.e
        reasons = [Reason("movement", "Provisional: rules are being written.", "ILAE15")]
        if e.movement == "convulsion":
            return Assessment("emergency", "seizure", reasons)
        return Assessment("review", "unclear", reasons)


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
