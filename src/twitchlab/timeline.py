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
import os
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from types import MappingProxyType
from typing import Any

import numpy as np

from twitchlab import _validate as V
from twitchlab import params as P
from twitchlab._validate import _refuse, _show

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
        glo, ghi = P.GESTATION_WEEKS_RANGE
        tlo, thi = P.TEMPERATURE_C_RANGE
        s = object.__setattr__
        s(self, "age_days", V.check_int(self.age_days, "age_days", min_val=lo, max_val=hi,
                                        unit="days"))
        s(self, "gestation_weeks", V.check_number(self.gestation_weeks, "gestation_weeks",
                                                  min_val=glo, max_val=ghi, unit="weeks"))
        s(self, "temperature_c", V.check_number(self.temperature_c, "temperature_c",
                                                min_val=tlo, max_val=thi, unit="°C",
                                                allow_none=True))
        s(self, "pattern", V.check_word(self.pattern, "pattern", P.SIMULATED_PATTERNS,
                                        allow_none=True))
        s(self, "seed", V.check_int(self.seed, "seed", min_val=0, allow_none=True))

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
        V.check_instance(d, "d", Mapping, "a mapping (JSON object) with the keys of to_dict()")
        allowed = ("age_days", "gestation_weeks", "temperature_c", "pattern", "seed")
        for key in d:
            if key not in allowed:
                _refuse(f"d[{_show(key)}]", d[key], f"only the keys {', '.join(allowed)}")
        if "age_days" not in d:
            _refuse("d", d, "a mapping with the key 'age_days' (required)")
        return cls(**dict(d))


def _empty(x: Any) -> bool:
    """An empty array or list (a pandas column of no rows has dtype object)."""
    return isinstance(x, np.ndarray | list | tuple) and len(x) == 0 and np.ndim(x) == 1


def _float_array(name: str, x: Any) -> np.ndarray:
    """A read-only float64 copy of a 1-D, finite sequence of numbers."""
    a = np.zeros(0) if _empty(x) else np.array(V.check_array(x, name, ndim=1), dtype=np.float64)
    a.setflags(write=False)
    return a


def _cluster_array(x: Any, n: int) -> np.ndarray:
    """Event cluster ids: whole numbers, -1 for none; None gives -1 for each of n events."""
    if x is None:
        a = np.full(n, -1, dtype=np.int64)
    elif _empty(x):
        a = np.zeros(0, dtype=np.int64)
    else:
        f = V.check_array(x, "event_cluster", ndim=1, min_val=-1, max_val=2**53)
        frac = f != np.round(f)
        if frac.any():
            _refuse("event_cluster", x, f"whole numbers (cluster ids), -1 for none (found "
                                        f"{float(f[frac][0])!r})")
        a = f.astype(np.int64)
    a.setflags(write=False)
    return a


def _str_array(name: str, x: Any) -> np.ndarray:
    """A read-only 1-D array of str from a list, tuple or array of text."""
    what = "a 1-D sequence of words (text)"
    if isinstance(x, str | bytes | dict) or not (isinstance(x, list | tuple | np.ndarray)
                                                 or hasattr(x, "__array__")):
        _refuse(name, x, what, wrong_type=True)
    if _empty(x):
        a = np.array([], dtype="<U1")
    else:
        try:
            raw = np.asarray(x)
        except (TypeError, ValueError):
            _refuse(name, x, what, wrong_type=True)
        if raw.ndim != 1:
            _refuse(name, x, f"{what} (got {raw.ndim} dimensions)")
        if raw.dtype.kind != "U" and not (
                raw.dtype.kind == "O" and all(isinstance(w, str) for w in raw.tolist())):
            _refuse(name, x, what + " (no numbers, None or bool)", wrong_type=True)
        a = raw.astype(str)
    a.setflags(write=False)
    return a


def _check_words(name: str, a: np.ndarray, allowed: tuple[str, ...] | frozenset[str]) -> None:
    """Each word of ``a`` must be allowed; the first that is not is named."""
    if a.size:
        bad = ~np.isin(a, list(allowed))
        if bad.any():
            V.check_word(str(a[bad][0]), name, tuple(allowed))


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
        V.check_instance(self.context, "context", Context, "a twitchlab Context")
        s = object.__setattr__
        for name in ("state_start_s", "state_end_s", "event_onset_s", "event_duration_s",
                     "event_amplitude", "marker_time_s"):
            s(self, name, _float_array(name, getattr(self, name)))
        for name in ("state", "event_body_part", "event_side", "event_pattern", "marker_kind"):
            s(self, name, _str_array(name, getattr(self, name)))
        s(self, "event_cluster", _cluster_array(self.event_cluster, self.event_onset_s.size))
        V.check_instance(self.observations, "observations", Mapping,
                         "a mapping of reported facts (keys OBSERVATION_KEYS)")
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
            _refuse("state", list(self.state), "at least one state segment")
        for name in ("state_start_s", "state_end_s"):
            V.check_array(getattr(self, name), name, size=n)
        if self.state_start_s[0] != 0.0:
            _refuse("state_start_s[0]", float(self.state_start_s[0]),
                    "0.0 (the period starts at 0 s)")
        dur = self.state_end_s - self.state_start_s
        if np.any(dur <= 0):
            i = int(np.argmax(dur <= 0))
            s0, s1 = float(self.state_start_s[i]), float(self.state_end_s[i])
            _refuse(f"state_end_s[{i}]", s1, f"above state_start_s[{i}]={s0!r} (segments "
                                            "must have positive length)")
        if n > 1 and np.any(self.state_start_s[1:] != self.state_end_s[:-1]):
            i = int(np.argmax(self.state_start_s[1:] != self.state_end_s[:-1])) + 1
            s0, e0 = float(self.state_start_s[i]), float(self.state_end_s[i - 1])
            _refuse(f"state_start_s[{i}]", s0, f"state_end_s[{i - 1}]={e0!r} (segments must "
                                               "tile the period with no gap or overlap)")
        _check_words("state", self.state, self.context.stages)

        m = self.event_onset_s.size
        for name in ("event_duration_s", "event_amplitude", "event_cluster"):
            V.check_array(getattr(self, name), name, size=m)
        for name in ("event_body_part", "event_side", "event_pattern"):
            if getattr(self, name).size != m:
                _refuse(name, list(getattr(self, name)),
                        f"a 1-D sequence of words with {m} values, one per event (got "
                        f"{getattr(self, name).size})")
        if m:
            d = self.duration_s
            on = self.event_onset_s
            if on.min() < 0 or on.max() >= d:
                bad = float(on[(on < 0) | (on >= d)][0])
                V.check_number(bad, "event_onset_s", min_val=0, max_val=d, max_inclusive=False,
                               unit="s (0 <= onset < duration_s)")
            V.check_array(on, "event_onset_s", sorted_=True)
            V.check_array(self.event_duration_s, "event_duration_s", min_val=0, unit="s")
            V.check_array(self.event_amplitude, "event_amplitude", min_val=0, max_val=1,
                          unit="(relative amplitude)")
            V.check_array(self.event_cluster, "event_cluster", min_val=-1,
                          unit="(-1 for none, else an id >= 0)")
            _check_words("event_body_part", self.event_body_part, P.BODY_PARTS)
            _check_words("event_side", self.event_side, P.SIDES)
            _check_words("event_pattern", self.event_pattern, P.SIMULATED_PATTERNS)

        if self.marker_kind.size != self.marker_time_s.size:
            _refuse("marker_kind", list(self.marker_kind),
                    f"one word per marker time ({self.marker_time_s.size}; got "
                    f"{self.marker_kind.size})")
        if self.marker_time_s.size:
            V.check_array(self.marker_time_s, "marker_time_s", min_val=0, max_val=self.duration_s,
                          unit="s (0 to duration_s)")
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

    def _times(self, t_s: Any, *, end_inclusive: bool) -> np.ndarray:
        """Times (s) inside the period, as a float array of the shape given."""
        d = self.duration_s
        unit = f"s (0 to {'' if end_inclusive else 'below '}duration_s)"
        try:
            ndim = np.ndim(t_s) if isinstance(t_s, list | tuple | np.ndarray) else 0
        except ValueError:  # a ragged list
            _refuse("t_s", t_s, "a time or an array of times, s", wrong_type=True)
        if ndim == 0 and not isinstance(t_s, np.ndarray):
            V.check_number(t_s, "t_s", min_val=0, max_val=d, max_inclusive=end_inclusive,
                           unit=unit)
            return np.asarray(float(t_s))
        t = V.check_array(t_s, "t_s", ndim=ndim, finite=False)
        bad = ~np.isfinite(t) | (t < 0) | ((t >= d) if not end_inclusive else (t > d))
        if bad.any():
            V.check_number(float(t[bad].flat[0]), "t_s", min_val=0, max_val=d,
                           max_inclusive=end_inclusive, unit=unit)
        return t

    def state_at(self, t_s: Any) -> np.ndarray:
        """Stage label at time(s) ``t_s``.

        Parameters
        ----------
        t_s : float or array of float
            Time(s), s, from 0 to below ``duration_s``.

        Returns
        -------
        ndarray of str
            Same shape as ``t_s``.
        """
        t = self._times(t_s, end_inclusive=False)
        idx = np.searchsorted(self.state_end_s, t, side="right")
        return self.state[idx]

    def state_index_at(self, t_s: Any) -> np.ndarray:
        """Index of the state segment containing time(s) ``t_s`` (s, 0 to ``duration_s``; the
        end of the period counts as the last segment)."""
        t = self._times(t_s, end_inclusive=True)
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
        """A copy with times and amplitudes rounded (ms by default), for compact files.

        Parameters
        ----------
        decimals : int
            Decimal places kept, 0-12 (3: milliseconds).
        """
        decimals = V.check_int(decimals, "decimals", min_val=0, max_val=12)
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

        ``path`` (str or :class:`pathlib.Path`) is ``<dir>/<name>`` or ``<dir>/<name>.json``.
        Returns the JSON path. Floats are written with Python's shortest round-trip
        representation, so loading gives back the same numbers.
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
        """Read a timeline written by :meth:`save`.

        ``path`` (str or :class:`pathlib.Path`) is ``<dir>/<name>`` or ``<dir>/<name>.json``; the
        files must be UTF-8 text. Validates everything and raises ValueError naming the file
        and field on a bad file.
        """
        import pandas as pd

        base = _base(path)
        json_path = base.with_name(base.name + ".json")
        if not json_path.is_file():
            _refuse("path", str(path), f"a saved timeline ({json_path}: file not found)")
        try:
            meta = json.loads(json_path.read_text(encoding="utf-8"))
        except UnicodeDecodeError as exc:
            _refuse("path", str(path), f"a timeline saved as UTF-8 text ({json_path}: byte "
                                       f"{exc.start} is not UTF-8)")
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
                df = pd.read_csv(f, keep_default_na=False, encoding="utf-8",
                                 dtype={c: str for c in ("state", "body_part", "side", "pattern")})
            except UnicodeDecodeError as exc:
                _refuse("path", str(path), f"a timeline saved as UTF-8 text ({f}: byte "
                                           f"{exc.start} is not UTF-8)")
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
    """Build a Timeline from metadata and the states/events tables; validates everything.

    Used by :meth:`Timeline.load` and the data loaders.

    Parameters
    ----------
    meta : Mapping
        Metadata as written by :meth:`Timeline.metadata` (``context`` required; ``markers``
        and ``observations`` optional).
    states : DataFrame or Mapping
        Columns ``start_s``, ``end_s`` (s) and ``state``.
    events : DataFrame or Mapping
        Columns ``onset_s``, ``duration_s`` (s), ``body_part``, ``side``, ``amplitude`` (0-1),
        ``pattern`` and ``cluster``.
    """
    V.check_instance(meta, "meta", Mapping, "a mapping (JSON object) of timeline metadata")
    if "context" not in meta:
        _refuse("meta", meta, "a mapping with the key 'context' (required)")
    for name, table, cols in (("states", states, STATE_COLUMNS[:3]),
                              ("events", events, EVENT_COLUMNS)):
        if not (isinstance(table, Mapping) or hasattr(table, "columns")):
            _refuse(name, table, "a table (pandas DataFrame or dict of columns)",
                    wrong_type=True)
        missing = [c for c in cols if c not in table]
        if missing:
            _refuse(name, table, f"a table with the columns {', '.join(cols)} (missing "
                                 f"{missing[0]!r})")
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
        V.check_word(key, "observations key", tuple(sorted(OBSERVATION_KEYS)))
        name = f"observations[{key!r}]"
        if key == "episodes_24h":
            V.check_int(value, name, min_val=1)
        elif key == "back_to_normal_min":
            V.check_number(value, name, min_val=0, unit="min", allow_none=True)
        elif key == "first_episode":
            V.check_bool(value, name)
        elif key in ("signs", "risk_factors"):
            what = "a list of lower-case words (triage words)"
            V.check_instance(value, name, list | tuple, what)
            for w in value:
                if not isinstance(w, str) or not _WORD.match(w):
                    _refuse(name, value, f"{what}; found {_show(w)}")
