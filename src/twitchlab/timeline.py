"""Timeline and Context records: sleep/wake states and movement events on one time axis.

A :class:`Timeline` holds numpy arrays (not DataFrames, for speed). States tile the period
``[0, duration_s)`` with no gap or overlap; events carry onset (s), duration (s), body part, side,
relative amplitude (0-1) and the pattern that generated them. Optional extras: the generating
cluster of each event (``event_cluster``, -1 for none), carer markers (handling, holding ...)
and observations a carer would report (``episodes_24h``, ``signs`` ...).

Files: ``save(path)`` writes ``<name>.json`` (metadata: context, markers, observations) next to
``<name>.states.csv`` and ``<name>.events.csv``; :meth:`Timeline.load` reads them back and
validates every field, raising ``ValueError`` naming the file and the field.
"""

from __future__ import annotations

import json
import math
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from types import MappingProxyType
from typing import Any

import numpy as np

from twitchlab import params as P

__all__ = ["Context", "Timeline", "OBSERVATION_KEYS", "FORMAT", "FORMAT_VERSION"]

FORMAT = "twitchlab.timeline"
FORMAT_VERSION = 1

OBSERVATION_KEYS = {
    "episodes_24h": "int >= 1: episodes in the last 24 h, this one included",
    "back_to_normal_min": "float >= 0 or null: minutes until back to normal (null: not yet)",
    "first_episode": "bool: the first such episode ever",
    "signs": "list of str: signs seen during or after the episode (triage words)",
    "risk_factors": "list of str: risk factors (triage words)",
}
"""What a carer would report beyond the movements themselves (keys of the triage Episode)."""

_WORD = re.compile(r"^[a-z][a-z_]*$")

STATE_COLUMNS = ("start_s", "end_s", "state")
EVENT_COLUMNS = ("onset_s", "duration_s", "body_part", "side", "amplitude", "pattern", "cluster")


def _is_int(x: Any) -> bool:
    return isinstance(x, int | np.integer) and not isinstance(x, bool)


def _is_num(x: Any) -> bool:
    return isinstance(x, int | float | np.integer | np.floating) and not isinstance(x, bool)


@dataclass(frozen=True)
class Context:
    """Who the timeline is about and how it was made.

    Attributes
    ----------
    age_days : int
        Chronological age, days (0-36500).
    gestation_weeks : float
        Gestation at birth, weeks (22-44; 40 is term).
    temperature_c : float or None
        Body temperature, °C (34-43), None when not measured.
    pattern : str or None
        Movement pattern placed on the timeline (one of
        :data:`twitchlab.params.SIMULATED_PATTERNS`), None for a plain night.
    seed : int or None
        Seed the timeline was simulated with (None when a Generator was passed).
    """

    age_days: int
    gestation_weeks: float = 40.0
    temperature_c: float | None = None
    pattern: str | None = None
    seed: int | None = None

    def __post_init__(self) -> None:
        lo, hi = P.AGE_DAYS_RANGE
        if not _is_int(self.age_days) or not lo <= self.age_days <= hi:
            raise ValueError(
                f"age_days={self.age_days!r} is not allowed: an int from {lo} to {hi} (days)"
            )
        glo, ghi = P.GESTATION_WEEKS_RANGE
        if not _is_num(self.gestation_weeks) or not glo <= self.gestation_weeks <= ghi:
            raise ValueError(
                f"gestation_weeks={self.gestation_weeks!r} is not allowed: a number from "
                f"{glo} to {ghi} (weeks)"
            )
        if self.temperature_c is not None:
            tlo, thi = P.TEMPERATURE_C_RANGE
            if not _is_num(self.temperature_c) or not tlo <= self.temperature_c <= thi:
                raise ValueError(
                    f"temperature_c={self.temperature_c!r} is not allowed: None or a number "
                    f"from {tlo} to {thi} (°C)"
                )
        if self.pattern is not None and self.pattern not in P.SIMULATED_PATTERNS:
            raise ValueError(
                f"pattern={self.pattern!r} is not allowed: None or one of "
                f"{P.SIMULATED_PATTERNS}"
            )
        if self.seed is not None and (not _is_int(self.seed) or self.seed < 0):
            raise ValueError(f"seed={self.seed!r} is not allowed: None or an int >= 0")
        object.__setattr__(self, "age_days", int(self.age_days))
        object.__setattr__(self, "gestation_weeks", float(self.gestation_weeks))
        if self.temperature_c is not None:
            object.__setattr__(self, "temperature_c", float(self.temperature_c))
        if self.seed is not None:
            object.__setattr__(self, "seed", int(self.seed))

    @property
    def corrected_age_days(self) -> int:
        """Age corrected for prematurity, days (see :func:`twitchlab.params.corrected_age_days`)."""
        return P.corrected_age_days(self.age_days, self.gestation_weeks)

    @property
    def scheme(self) -> str:
        """``"infant"`` (W/AS/QS/IS) below 90 days corrected age, else ``"aasm"`` (W/N1/N2/N3/R)."""
        return P.scheme_for(self.corrected_age_days)

    @property
    def stages(self) -> tuple[str, ...]:
        """Stage labels of this context's scheme."""
        return P.INFANT_STAGES if self.scheme == "infant" else P.AASM_STAGES

    def to_dict(self) -> dict[str, Any]:
        """JSON-safe dict."""
        return {
            "age_days": self.age_days, "gestation_weeks": self.gestation_weeks,
            "temperature_c": self.temperature_c, "pattern": self.pattern, "seed": self.seed,
        }

    @classmethod
    def from_dict(cls, d: Mapping[str, Any]) -> Context:
        """Build from a dict with the keys of :meth:`to_dict` (``age_days`` required)."""
        if not isinstance(d, Mapping):
            raise ValueError(f"context={d!r} is not allowed: a JSON object")
        allowed = {"age_days", "gestation_weeks", "temperature_c", "pattern", "seed"}
        unknown = set(d) - allowed
        if unknown:
            raise ValueError(f"context key {sorted(unknown)[0]!r} is not allowed; "
                             f"allowed: {sorted(allowed)}")
        if "age_days" not in d:
            raise ValueError("context key 'age_days' is missing (required)")
        return cls(**dict(d))


def _float_array(name: str, x: Any) -> np.ndarray:
    try:
        a = np.array(x, dtype=np.float64).reshape(-1)
    except (TypeError, ValueError) as exc:
        raise ValueError(f"{name} is not allowed: numbers expected ({exc})") from None
    if not np.all(np.isfinite(a)):
        bad = float(a[~np.isfinite(a)][0])
        raise ValueError(f"{name} contains {bad!r}: finite numbers required")
    a.setflags(write=False)
    return a


def _str_array(x: Any) -> np.ndarray:
    a = np.array(x, dtype=str).reshape(-1) if len(x) else np.array([], dtype="<U1")
    a.setflags(write=False)
    return a


def _check_words(name: str, a: np.ndarray, allowed: tuple[str, ...] | frozenset[str]) -> None:
    if a.size:
        bad = ~np.isin(a, list(allowed))
        if bad.any():
            raise ValueError(f"{name} contains {str(a[bad][0])!r}: allowed {tuple(allowed)}")


@dataclass(frozen=True, eq=False)
class Timeline:
    """States and movement events of one simulated period.

    Attributes
    ----------
    context : Context
    state_start_s, state_end_s : ndarray of float, shape (n_states,)
        Segment bounds, s; segments tile ``[0, duration_s)``.
    state : ndarray of str, shape (n_states,)
        Stage label of each segment (the context's scheme: W/AS/QS/IS or W/N1/N2/N3/R).
    event_onset_s, event_duration_s : ndarray of float, shape (n_events,)
        Onset and duration of each movement, s (onsets sorted).
    event_body_part : ndarray of str
        One of :data:`twitchlab.params.BODY_PARTS`.
    event_side : ndarray of str
        ``left``, ``right``, ``both`` or ``midline``.
    event_amplitude : ndarray of float
        Relative amplitude, 0-1.
    event_pattern : ndarray of str
        Generating pattern (one of :data:`twitchlab.params.SIMULATED_PATTERNS`).
    event_cluster : ndarray of int
        Generating burst/cluster id within the timeline, -1 for none (ground truth for tests).
    marker_time_s : ndarray of float
        Times of carer markers, s.
    marker_kind : ndarray of str
        One of :data:`twitchlab.params.MARKER_KINDS` (handling, crying, rocking, sound, held,
        woken).
    observations : Mapping
        Reported facts beyond the movements (keys :data:`OBSERVATION_KEYS`).
    """

    context: Context
    state_start_s: np.ndarray
    state_end_s: np.ndarray
    state: np.ndarray
    event_onset_s: np.ndarray = field(default_factory=lambda: np.zeros(0))
    event_duration_s: np.ndarray = field(default_factory=lambda: np.zeros(0))
    event_body_part: np.ndarray = field(default_factory=lambda: np.zeros(0, dtype="<U1"))
    event_side: np.ndarray = field(default_factory=lambda: np.zeros(0, dtype="<U1"))
    event_amplitude: np.ndarray = field(default_factory=lambda: np.zeros(0))
    event_pattern: np.ndarray = field(default_factory=lambda: np.zeros(0, dtype="<U1"))
    event_cluster: np.ndarray | None = None
    marker_time_s: np.ndarray = field(default_factory=lambda: np.zeros(0))
    marker_kind: np.ndarray = field(default_factory=lambda: np.zeros(0, dtype="<U1"))
    observations: Mapping[str, Any] = field(default_factory=dict)

    def __post_init__(self) -> None:
        if not isinstance(self.context, Context):
            raise ValueError(f"context={self.context!r} is not allowed: a Context")
        s = object.__setattr__
        for name in ("state_start_s", "state_end_s", "event_onset_s", "event_duration_s",
                     "event_amplitude", "marker_time_s"):
            s(self, name, _float_array(name, getattr(self, name)))
        for name in ("state", "event_body_part", "event_side", "event_pattern", "marker_kind"):
            s(self, name, _str_array(getattr(self, name)))
        if self.event_cluster is None:
            cl = np.full(self.event_onset_s.size, -1, dtype=np.int64)
        else:
            try:
                cl = np.array(self.event_cluster, dtype=np.int64).reshape(-1)
            except (TypeError, ValueError):
                raise ValueError("event_cluster is not allowed: ints expected") from None
        cl.setflags(write=False)
        s(self, "event_cluster", cl)
        s(self, "observations", MappingProxyType({
            k: tuple(v) if isinstance(v, list | tuple) else v
            for k, v in dict(self.observations).items()
        }))
        self.validate()

    # --- validation ------------------------------------------------------------------------
    def validate(self) -> None:
        """Check every field; raise ValueError naming the field, value and what is allowed."""
        n = self.state.size
        if n == 0:
            raise ValueError("state is empty: at least one state segment is required")
        for name in ("state_start_s", "state_end_s"):
            if getattr(self, name).size != n:
                raise ValueError(f"{name} has {getattr(self, name).size} values; state has {n}")
        if self.state_start_s[0] != 0.0:
            raise ValueError(f"state_start_s[0]={float(self.state_start_s[0])!r}: must be 0.0")
        dur = self.state_end_s - self.state_start_s
        if np.any(dur <= 0):
            i = int(np.argmax(dur <= 0))
            s0, s1 = float(self.state_start_s[i]), float(self.state_end_s[i])
            raise ValueError(f"state segment {i} has end_s {s1!r} <= start_s {s0!r}: segments "
                             "must have positive length")
        if n > 1 and np.any(self.state_start_s[1:] != self.state_end_s[:-1]):
            i = int(np.argmax(self.state_start_s[1:] != self.state_end_s[:-1])) + 1
            s0, e0 = float(self.state_start_s[i]), float(self.state_end_s[i - 1])
            raise ValueError(f"state_start_s[{i}]={s0!r} != state_end_s[{i - 1}]={e0!r}: "
                             "segments must tile the period with no gap or overlap")
        _check_words("state", self.state, self.context.stages)

        m = self.event_onset_s.size
        for name in ("event_duration_s", "event_body_part", "event_side", "event_amplitude",
                     "event_pattern", "event_cluster"):
            if getattr(self, name).size != m:
                raise ValueError(f"{name} has {getattr(self, name).size} values; "
                                 f"event_onset_s has {m}")
        if m:
            d = self.duration_s
            on = self.event_onset_s
            if on.min() < 0 or on.max() >= d:
                bad = on[(on < 0) | (on >= d)][0]
                raise ValueError(f"event_onset_s contains {float(bad)!r}: allowed 0 <= onset < "
                                 f"duration_s ({d!r})")
            if np.any(np.diff(on) < 0):
                raise ValueError("event_onset_s is not sorted: onsets must be non-decreasing")
            if self.event_duration_s.min() < 0:
                bad = float(self.event_duration_s.min())
                raise ValueError(f"event_duration_s contains {bad!r}: durations must be >= 0")
            amp = self.event_amplitude
            if amp.min() < 0 or amp.max() > 1:
                bad = amp[(amp < 0) | (amp > 1)][0]
                raise ValueError(f"event_amplitude contains {float(bad)!r}: allowed 0 to 1")
            if self.event_cluster.min() < -1:
                raise ValueError(f"event_cluster contains {int(self.event_cluster.min())!r}: "
                                 "allowed -1 (none) or an id >= 0")
            _check_words("event_body_part", self.event_body_part, P.BODY_PARTS)
            _check_words("event_side", self.event_side, P.SIDES)
            _check_words("event_pattern", self.event_pattern, P.SIMULATED_PATTERNS)

        if self.marker_kind.size != self.marker_time_s.size:
            raise ValueError(f"marker_kind has {self.marker_kind.size} values; marker_time_s "
                             f"has {self.marker_time_s.size}")
        if self.marker_time_s.size:
            t = self.marker_time_s
            if t.min() < 0 or t.max() > self.duration_s:
                bad = t[(t < 0) | (t > self.duration_s)][0]
                raise ValueError(f"marker_time_s contains {float(bad)!r}: allowed 0 to duration_s "
                                 f"({self.duration_s!r})")
            _check_words("marker_kind", self.marker_kind, P.MARKER_KINDS)
        _validate_observations(self.observations)

    # --- views -----------------------------------------------------------------------------
    @property
    def duration_s(self) -> float:
        """Length of the period, s."""
        return float(self.state_end_s[-1])

    @property
    def n_events(self) -> int:
        """Number of movement events."""
        return int(self.event_onset_s.size)

    def state_at(self, t_s: Any) -> np.ndarray:
        """Stage label at time(s) ``t_s`` (s, 0 <= t < duration_s); returns a str array."""
        t = np.asarray(t_s, dtype=np.float64)
        if t.size and (np.min(t) < 0 or np.max(t) >= self.duration_s):
            raise ValueError(f"t_s={t_s!r} is not allowed: times from 0 to below duration_s "
                             f"({self.duration_s})")
        idx = np.searchsorted(self.state_end_s, t, side="right")
        return self.state[idx]

    def state_index_at(self, t_s: Any) -> np.ndarray:
        """Index of the state segment containing time(s) ``t_s`` (s)."""
        t = np.asarray(t_s, dtype=np.float64)
        return np.minimum(np.searchsorted(self.state_end_s, t, side="right"), self.state.size - 1)

    def states_frame(self):
        """States as a pandas DataFrame: start_s, end_s, state, duration_s."""
        import pandas as pd

        return pd.DataFrame({
            "start_s": self.state_start_s, "end_s": self.state_end_s, "state": self.state,
            "duration_s": self.state_end_s - self.state_start_s,
        })

    def events_frame(self):
        """Events as a pandas DataFrame (one row per movement, with the state at onset)."""
        import pandas as pd

        return pd.DataFrame({
            "onset_s": self.event_onset_s, "duration_s": self.event_duration_s,
            "body_part": self.event_body_part, "side": self.event_side,
            "amplitude": self.event_amplitude, "pattern": self.event_pattern,
            "cluster": self.event_cluster,
            "state": self.state_at(self.event_onset_s) if self.n_events else
            np.zeros(0, dtype=str),
        })

    def markers_frame(self):
        """Carer markers as a pandas DataFrame: time_s, kind."""
        import pandas as pd

        return pd.DataFrame({"time_s": self.marker_time_s, "kind": self.marker_kind})

    def rounded(self, decimals: int = 3) -> Timeline:
        """A copy with times and amplitudes rounded (ms by default), for compact files."""
        def r(a: np.ndarray) -> np.ndarray:
            return np.round(a, decimals)

        start = r(self.state_start_s)
        end = r(self.state_end_s)
        keep = end > start
        start, end, state = start[keep], end[keep], self.state[keep]
        start[1:] = end[:-1]
        onset = r(self.event_onset_s)
        ok = onset < end[-1]
        return Timeline(
            context=self.context, state_start_s=start, state_end_s=end, state=state,
            event_onset_s=onset[ok], event_duration_s=r(self.event_duration_s)[ok],
            event_body_part=self.event_body_part[ok], event_side=self.event_side[ok],
            event_amplitude=r(self.event_amplitude)[ok], event_pattern=self.event_pattern[ok],
            event_cluster=self.event_cluster[ok], marker_time_s=np.minimum(
                r(self.marker_time_s), end[-1]),
            marker_kind=self.marker_kind, observations=self.observations,
        )

    def metadata(self) -> dict[str, Any]:
        """JSON-safe metadata (context, markers, observations, duration)."""
        return {
            "format": FORMAT, "version": FORMAT_VERSION, "duration_s": self.duration_s,
            "context": self.context.to_dict(),
            "markers": [{"time_s": float(t), "kind": str(k)}
                        for t, k in zip(self.marker_time_s, self.marker_kind, strict=True)],
            "observations": {k: (list(v) if isinstance(v, tuple | list) else v)
                             for k, v in self.observations.items()},
        }

    # --- files -----------------------------------------------------------------------------
    def save(self, path: str | Path) -> Path:
        """Write ``<name>.json``, ``<name>.states.csv`` and ``<name>.events.csv``.

        ``path`` is ``<dir>/<name>`` or ``<dir>/<name>.json``. Returns the JSON path.
        Floats are written with Python's shortest round-trip representation, so loading gives
        back the same numbers.
        """
        base = _base(path)
        base.parent.mkdir(parents=True, exist_ok=True)
        meta = self.metadata()
        meta["states_file"] = base.name + ".states.csv"
        meta["events_file"] = base.name + ".events.csv"
        json_path = base.with_name(base.name + ".json")
        json_path.write_text(json.dumps(meta, indent=2, ensure_ascii=False) + "\n",
                             encoding="utf-8")
        self.states_frame()[list(STATE_COLUMNS)].to_csv(
            base.with_name(meta["states_file"]), index=False, lineterminator="\n")
        self.events_frame()[list(EVENT_COLUMNS)].to_csv(
            base.with_name(meta["events_file"]), index=False, lineterminator="\n")
        return json_path

    @classmethod
    def load(cls, path: str | Path) -> Timeline:
        """Read a timeline written by :meth:`save`; validates and raises ValueError naming the
        file and field on a bad file."""
        import pandas as pd

        base = _base(path)
        json_path = base.with_name(base.name + ".json")
        if not json_path.is_file():
            raise ValueError(f"{json_path}: file not found (timeline metadata)")
        try:
            meta = json.loads(json_path.read_text(encoding="utf-8"))
        except json.JSONDecodeError as exc:
            raise ValueError(f"{json_path}: not valid JSON ({exc})") from None
        if not isinstance(meta, dict):
            raise ValueError(f"{json_path}: a JSON object expected")
        for key in ("format", "version", "context", "states_file", "events_file"):
            if key not in meta:
                raise ValueError(f"{json_path}: field {key!r} is missing")
        if meta["format"] != FORMAT or meta["version"] != FORMAT_VERSION:
            raise ValueError(f"{json_path}: field 'format'/'version' is {meta['format']!r}/"
                             f"{meta['version']!r}; allowed {FORMAT!r}/{FORMAT_VERSION}")
        frames = {}
        for key, cols in (("states_file", STATE_COLUMNS), ("events_file", EVENT_COLUMNS)):
            f = json_path.with_name(str(meta[key]))
            if not f.is_file():
                raise ValueError(f"{json_path}: field {key!r} names {f.name!r}, which is missing")
            try:
                df = pd.read_csv(f, keep_default_na=False,
                                 dtype={c: str for c in ("state", "body_part", "side", "pattern")})
            except (pd.errors.ParserError, pd.errors.EmptyDataError, ValueError) as exc:
                raise ValueError(f"{f}: cannot be read as CSV ({exc})") from None
            if tuple(df.columns) != cols:
                raise ValueError(f"{f}: columns {tuple(df.columns)} are not allowed; "
                                 f"expected {cols}")
            frames[key] = df
        try:
            return timeline_from_parts(meta, frames["states_file"], frames["events_file"])
        except ValueError as exc:
            raise ValueError(f"{json_path}: {exc}") from None


def timeline_from_parts(meta: Mapping[str, Any], states, events) -> Timeline:
    """Build a Timeline from metadata and the states/events tables (DataFrames or dicts of
    columns); used by :meth:`Timeline.load` and the data loaders. Validates everything."""
    markers = meta.get("markers", [])
    if not isinstance(markers, list) or not all(
        isinstance(m, dict) and set(m) == {"time_s", "kind"} for m in markers
    ):
        raise ValueError("field 'markers' is not allowed: a list of {time_s, kind} objects")
    ctx = Context.from_dict(meta["context"])

    def col(df, name, numeric):
        values = np.asarray(df[name])
        if numeric and values.size and values.dtype.kind not in "iuf":
            raise ValueError(f"column {name!r} contains non-numbers (e.g. {values[0]!r})")
        return values

    return Timeline(
        context=ctx,
        state_start_s=col(states, "start_s", True),
        state_end_s=col(states, "end_s", True),
        state=np.asarray(states["state"], dtype=str),
        event_onset_s=col(events, "onset_s", True),
        event_duration_s=col(events, "duration_s", True),
        event_body_part=np.asarray(events["body_part"], dtype=str),
        event_side=np.asarray(events["side"], dtype=str),
        event_amplitude=col(events, "amplitude", True),
        event_pattern=np.asarray(events["pattern"], dtype=str),
        event_cluster=col(events, "cluster", True),
        marker_time_s=[m["time_s"] for m in markers],
        marker_kind=[m["kind"] for m in markers],
        observations=meta.get("observations", {}) or {},
    )


def _base(path: str | Path) -> Path:
    p = Path(path)
    return p.with_suffix("") if p.suffix == ".json" else p


def _validate_observations(obs: Mapping[str, Any]) -> None:
    for key, value in obs.items():
        if key not in OBSERVATION_KEYS:
            raise ValueError(f"observations key {key!r} is not allowed; allowed: "
                             f"{sorted(OBSERVATION_KEYS)}")
        if key == "episodes_24h" and (not _is_int(value) or value < 1):
            raise ValueError(f"observations episodes_24h={value!r} is not allowed: an int >= 1")
        if key == "back_to_normal_min" and value is not None and (
            not _is_num(value) or not math.isfinite(value) or value < 0
        ):
            raise ValueError(f"observations back_to_normal_min={value!r} is not allowed: null "
                             "or a number >= 0 (min)")
        if key == "first_episode" and not isinstance(value, bool):
            raise ValueError(f"observations first_episode={value!r} is not allowed: true/false")
        if key in ("signs", "risk_factors") and (
            not isinstance(value, list | tuple)
            or not all(isinstance(w, str) and _WORD.match(w) for w in value)
        ):
            raise ValueError(f"observations {key}={value!r} is not allowed: a list of "
                             "lower-case words")
