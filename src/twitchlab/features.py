"""Features of a timeline: counts, durations, intervals, rhythm, clusters, state, stopping.

The small pure functions :func:`find_clusters`, :func:`rhythmicity` and
:func:`stops_on_waking` are the ones the exercises ask students to re-implement; :func:`extract`
gathers everything into a :class:`Features` record, and :func:`to_episode` turns a timeline into
the triage :class:`~twitchlab.triage.Episode` so any simulated timeline can be assessed.
Thresholds come from :data:`twitchlab.params.FEATURE_PARAMS` with their source keys.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np

from twitchlab import params as P
from twitchlab.timeline import Timeline

__all__ = [
    "Cluster", "Features", "find_clusters", "rhythmicity", "dominant_hz", "stops_on_waking",
    "stops_when_held", "provoked_by", "episode_state", "body_extent", "movement_kind",
    "extract", "to_episode", "stage_shares", "cycle_lengths_min", "longest_run_s",
]

_ACTIVE = frozenset({"AS", "R"})
_QUIET = frozenset({"QS", "N2", "N3"})
_LIGHT = frozenset({"IS", "N1"})
_PROVOKING = ("rocking", "sound", "handling", "crying", "feeding", "pain_or_fright", "touch",
              "excitement")
"""Carer markers that can provoke movements, in the order of the triage's ``PROVOKED_BY``."""


def _fp(name: str) -> Any:
    return P.FEATURE_PARAMS[name].value


# --- the small pure functions the exercises mirror ----------------------------------------------
def find_clusters(onsets_s: Sequence[float], max_gap_s: float) -> list[tuple[int, int]]:
    """Group sorted onsets into clusters: a new cluster starts after a gap longer than max_gap_s.

    Parameters
    ----------
    onsets_s : sequence of float
        Event onsets, s, sorted in increasing order.
    max_gap_s : float
        Largest gap (s) between consecutive onsets inside one cluster (> 0).

    Returns
    -------
    list of (start, stop)
        Index pairs, Python-slice style: cluster k is ``onsets_s[start:stop]``. Every onset is in
        exactly one cluster (a lone event is a cluster of one). Empty input gives ``[]``.

    Examples
    --------
    >>> find_clusters([0.0, 1.0, 2.5, 30.0, 31.0], max_gap_s=10)
    [(0, 3), (3, 5)]
    """
    if not np.isscalar(max_gap_s) or isinstance(max_gap_s, bool) or not max_gap_s > 0:
        raise ValueError(f"max_gap_s={max_gap_s!r} is not allowed: a number above 0 (s)")
    t = np.asarray(onsets_s, dtype=float).reshape(-1)
    if t.size == 0:
        return []
    gaps = np.diff(t)
    if np.any(gaps < 0):
        raise ValueError("onsets_s is not sorted: give onsets in increasing order")
    breaks = np.flatnonzero(gaps > max_gap_s) + 1
    starts = np.r_[0, breaks]
    stops = np.r_[breaks, t.size]
    return [(int(a), int(b)) for a, b in zip(starts, stops, strict=True)]


def rhythmicity(onsets_s: Sequence[float]) -> float:
    """How regular the repetition is: ``1 - CV`` of the inter-event intervals, clipped to 0-1.

    Intervals longer than ``pause_factor`` (3) times the median interval are pauses between runs
    (e.g. between BNSM clusters) and are left out. 1 means clockwork-regular, 0 means as
    irregular as random (Poisson) events or worse. Fewer than 3 onsets give 0.0: two events
    cannot show a rhythm.

    Parameters
    ----------
    onsets_s : sequence of float
        Event onsets, s, sorted.

    Returns
    -------
    float
        Score from 0 to 1.
    """
    t = np.asarray(onsets_s, dtype=float).reshape(-1)
    if t.size < 3:
        return 0.0
    iei = np.diff(t)
    med = float(np.median(iei))
    if med <= 0:
        return 0.0
    iei = iei[iei <= float(_fp("pause_factor")) * med]
    if iei.size < 2 or iei.mean() <= 0:
        return 0.0
    cv = float(iei.std() / iei.mean())
    return float(min(1.0, max(0.0, 1.0 - cv)))


def dominant_hz(onsets_s: Sequence[float]) -> float:
    """Repetition rate, Hz: 1 / median inter-event interval (0.0 for fewer than 2 onsets)."""
    t = np.asarray(onsets_s, dtype=float).reshape(-1)
    if t.size < 2:
        return 0.0
    med = float(np.median(np.diff(t)))
    return 1.0 / med if med > 0 else 0.0


def stops_on_waking(timeline: Timeline) -> bool | None:
    """Whether the movements stop when the person wakes.

    Look for the first sleep-to-wake transition after the first movement. ``None`` (unknown)
    when there are no movements, or no such waking while they were going on. Otherwise
    ``False`` if, later than ``stop_grace_s`` (1.5 s) after waking and before the person falls
    asleep again, a movement starts or one that started earlier is still going on (a sustained
    tonic posture that began in sleep and continues awake has not stopped); ``True`` if not.
    """
    if timeline.n_events == 0:
        return None
    t0 = timeline.event_onset_s[0]
    st = timeline.state
    for i in range(1, st.size):
        if st[i] == "W" and st[i - 1] != "W" and timeline.state_start_s[i] > t0:
            w0, w1 = timeline.state_start_s[i], timeline.state_end_s[i]
            cut = w0 + float(_fp("stop_grace_s"))
            on = timeline.event_onset_s
            end = on + timeline.event_duration_s
            starts_after = (on >= cut) & (on < w1)
            still_going = (on < cut) & (end > cut)
            return not bool((starts_after | still_going).any())
    return None


# --- further features -------------------------------------------------------------------------
def stops_when_held(timeline: Timeline) -> bool | None:
    """Whether movements stop once the limbs are held: ``None`` if nobody held them during the
    movements, else ``True`` when nothing starts later than ``stop_grace_s`` after holding."""
    if timeline.n_events == 0:
        return None
    held = timeline.marker_time_s[(timeline.marker_kind == "held")
                                  & (timeline.marker_time_s >= timeline.event_onset_s[0])]
    if held.size == 0:
        return None
    return not bool(np.any(timeline.event_onset_s > held[0] + float(_fp("stop_grace_s"))))


def provoked_by(timeline: Timeline) -> tuple[str, ...] | None:
    """Stimuli (rocking, sound, handling, crying, feeding, pain or fright, touch, excitement)
    marked within ``provoke_window_s`` before the first movement; ``None`` when the timeline
    has no carer markers at all (nobody noted)."""
    if timeline.marker_kind.size == 0 or timeline.n_events == 0:
        return None
    t0 = timeline.event_onset_s[0]
    w = float(_fp("provoke_window_s"))
    m = (timeline.marker_time_s <= t0) & (timeline.marker_time_s >= t0 - w)
    kinds = set(timeline.marker_kind[m].tolist())
    return tuple(k for k in _PROVOKING if k in kinds)


def episode_state(timeline: Timeline, t_s: float) -> str:
    """State at time t_s in the triage's words.

    ``falling_asleep``: the first sleep stage within ``HYPNIC_WINDOW_S`` (30 s) of wake;
    ``waking``: wake within ``WAKING_WINDOW_S`` (120 s) of sleep; else ``active_sleep`` (AS, R),
    ``quiet_sleep`` (QS, N2, N3), ``asleep`` (IS, N1: stage unclear) or ``awake``.
    """
    i = int(timeline.state_index_at(t_s))
    label = str(timeline.state[i])
    since = t_s - float(timeline.state_start_s[i])
    prev = str(timeline.state[i - 1]) if i > 0 else None
    if label == "W":
        if prev is not None and since <= float(P.WAKING_WINDOW_S.value):
            return "waking"
        return "awake"
    if prev == "W" and since <= float(P.HYPNIC_WINDOW_S.value):
        return "falling_asleep"
    if label in _ACTIVE:
        return "active_sleep"
    if label in _QUIET:
        return "quiet_sleep"
    return "asleep"


def body_extent(parts: Sequence[str], sides: Sequence[str]) -> str | None:
    """``focal`` (one small part on one side, or face/eyes only), ``one_side`` or
    ``both_sides``; ``None`` for no events."""
    parts = set(np.asarray(parts).tolist())
    sides = set(np.asarray(sides).tolist())
    if not parts:
        return None
    lateral = sides & {"left", "right"}
    if "both" in sides or len(lateral) == 2:
        return "both_sides"
    if lateral:
        return "focal" if len(parts) == 1 else "one_side"
    # midline only
    if parts <= {"face", "eyes"}:
        return "focal"
    return "both_sides"


def longest_run_s(onsets_s: Sequence[float]) -> float:
    """Longest stretch (s) of continuous repetition: consecutive onsets no further apart than
    ``pause_factor`` x the median interval."""
    t = np.asarray(onsets_s, dtype=float).reshape(-1)
    if t.size < 2:
        return 0.0
    iei = np.diff(t)
    limit = float(_fp("pause_factor")) * float(np.median(iei))
    best = 0.0
    for a, b in find_clusters(t, max(limit, 1e-9)):
        best = max(best, float(t[b - 1] - t[a]))
    return best


def movement_kind(durations_s, amplitudes, onsets_s) -> str:
    """The triage's word for the movement (spasm, tremor, convulsion, twitch or jerk).

    In order: median duration 0.9-3 s -> ``spasm``; regular (rhythmic) repetition faster than
    5.5 Hz with equal amplitude -> ``tremor``; a tonic stiffening of 5 s or more, or 20 s or
    more of continuous rhythmic jerking -> ``convulsion``; brief (<= 0.2 s), low (<= 0.45) and
    not rhythmic -> ``twitch``; otherwise ``jerk``.
    """
    d = np.asarray(durations_s, dtype=float)
    a = np.asarray(amplitudes, dtype=float)
    t = np.asarray(onsets_s, dtype=float)
    if d.size == 0:
        raise ValueError("movement_kind needs at least one event")
    med = float(np.median(d))
    lo, hi = _fp("spasm_duration_s")
    score = rhythmicity(t)
    hz = dominant_hz(t)
    rhythmic = score >= float(_fp("rhythmic_min_score")) and hz >= float(_fp("rhythmic_min_hz"))
    if lo <= med <= hi:
        return "spasm"
    amp_cv = float(a.std() / a.mean()) if a.mean() > 0 else 0.0
    if rhythmic and hz >= float(_fp("tremor_min_hz")) \
            and amp_cv <= float(_fp("tremor_max_amplitude_cv")):
        return "tremor"
    if d.max() >= float(_fp("tonic_min_s")) or (
        rhythmic and longest_run_s(t) >= float(_fp("convulsion_min_run_s"))
    ):
        return "convulsion"
    if med <= float(_fp("twitch_max_s")) and float(a.mean()) <= float(
            _fp("twitch_max_amplitude")) and not rhythmic:
        return "twitch"
    return "jerk"


@dataclass(frozen=True)
class Cluster:
    """One cluster of events: indices ``start:stop`` into the timeline's events; times in s."""

    start: int
    stop: int
    start_s: float
    end_s: float

    @property
    def n_events(self) -> int:
        return self.stop - self.start

    @property
    def indices(self) -> np.ndarray:
        return np.arange(self.start, self.stop)


@dataclass(frozen=True)
class Features:
    """What can be measured on a timeline's movements (all times in s).

    Attributes
    ----------
    n_events : int
    duration_s : float
        The whole episode: first onset to the end of the last movement (0 for none).
    median_event_s, max_event_s : float
        Median and longest movement duration.
    intervals_s : tuple of float
        Inter-event intervals (onset to onset).
    median_interval_s : float
    rhythmicity : float
        :func:`rhythmicity` score, 0-1.
    dominant_hz : float
        Repetition rate, Hz.
    rhythmic : bool
        Score >= ``rhythmic_min_score`` and rate >= ``rhythmic_min_hz``.
    cluster_gap_s : float
        Gap used to find clusters.
    clusters : tuple of Cluster
    clustered : bool
        At least one cluster of 3 or more movements.
    state_at_onset : str
        Stage label at the first movement ('' when none).
    state_counts : dict
        Number of movement onsets in each stage.
    state : str or None
        Triage word for the state at the first movement (:func:`episode_state`).
    stops_on_waking, stops_when_held : bool or None
    provoked_by : tuple of str or None
    body_parts : tuple of str
    body : str or None
        :func:`body_extent`.
    mean_amplitude, amplitude_cv : float
    movement : str or None
        :func:`movement_kind`.
    """

    n_events: int
    duration_s: float
    median_event_s: float
    max_event_s: float
    intervals_s: tuple[float, ...]
    median_interval_s: float
    rhythmicity: float
    dominant_hz: float
    rhythmic: bool
    cluster_gap_s: float
    clusters: tuple[Cluster, ...]
    clustered: bool
    state_at_onset: str
    state_counts: dict[str, int]
    state: str | None
    stops_on_waking: bool | None
    stops_when_held: bool | None
    provoked_by: tuple[str, ...] | None
    body_parts: tuple[str, ...]
    body: str | None
    mean_amplitude: float
    amplitude_cv: float
    movement: str | None

    @property
    def n_clusters(self) -> int:
        return len(self.clusters)

    def to_dict(self) -> dict[str, Any]:
        """JSON-safe summary (clusters as [start_s, end_s, n_events])."""
        d = {k: getattr(self, k) for k in self.__dataclass_fields__}
        d["intervals_s"] = list(self.intervals_s)
        d["clusters"] = [[c.start_s, c.end_s, c.n_events] for c in self.clusters]
        d["provoked_by"] = None if self.provoked_by is None else list(self.provoked_by)
        d["body_parts"] = list(self.body_parts)
        return d


def extract(timeline: Timeline, *, cluster_gap_s: float | None = None) -> Features:
    """Measure a timeline's movements.

    Parameters
    ----------
    timeline : Timeline
    cluster_gap_s : float, optional
        Gap (s) that separates clusters; default ``FEATURE_PARAMS['cluster_gap_s']`` (30 s).

    Returns
    -------
    Features
    """
    if not isinstance(timeline, Timeline):
        raise ValueError(f"timeline={timeline!r} is not allowed: a twitchlab Timeline")
    gap = float(_fp("cluster_gap_s")) if cluster_gap_s is None else cluster_gap_s
    on, du, amp = timeline.event_onset_s, timeline.event_duration_s, timeline.event_amplitude
    n = timeline.n_events
    pairs = find_clusters(on, gap)
    clusters = tuple(Cluster(a, b, float(on[a]), float((on[a:b] + du[a:b]).max()))
                     for a, b in pairs)
    iei = np.diff(on)
    score = rhythmicity(on)
    hz = dominant_hz(on)
    if n:
        labels, counts = np.unique(timeline.state_at(on), return_counts=True)
        state_counts = {str(k): int(v) for k, v in zip(labels, counts, strict=True)}
    else:
        state_counts = {}
    return Features(
        n_events=n,
        duration_s=float((on + du).max() - on[0]) if n else 0.0,
        median_event_s=float(np.median(du)) if n else 0.0,
        max_event_s=float(du.max()) if n else 0.0,
        intervals_s=tuple(float(x) for x in iei),
        median_interval_s=float(np.median(iei)) if iei.size else 0.0,
        rhythmicity=score,
        dominant_hz=hz,
        rhythmic=score >= float(_fp("rhythmic_min_score")) and hz >= float(
            _fp("rhythmic_min_hz")),
        cluster_gap_s=float(gap),
        clusters=clusters,
        clustered=any(c.n_events >= int(_fp("clustered_min_events")) for c in clusters),
        state_at_onset=str(timeline.state_at(on[0])) if n else "",
        state_counts=state_counts,
        state=episode_state(timeline, float(on[0])) if n else None,
        stops_on_waking=stops_on_waking(timeline),
        stops_when_held=stops_when_held(timeline),
        provoked_by=provoked_by(timeline),
        body_parts=tuple(dict.fromkeys(timeline.event_body_part.tolist())),
        body=body_extent(timeline.event_body_part, timeline.event_side),
        mean_amplitude=float(amp.mean()) if n else 0.0,
        amplitude_cv=float(amp.std() / amp.mean()) if n and amp.mean() > 0 else 0.0,
        movement=movement_kind(du, amp, on) if n else None,
    )


def to_episode(timeline: Timeline, features: Features | None = None):
    """The triage :class:`~twitchlab.triage.Episode` a carer would describe from this timeline.

    Movements, state, timing, stopping and provocation come from :func:`extract`; fever from
    ``context.temperature_c``; episodes in 24 h, recovery, first episode, signs and risk factors
    from ``timeline.observations`` (unknown when absent). Prematurity (< 37 weeks) is added as
    a risk factor.

    Raises
    ------
    ValueError
        If the timeline has no movements (there is no episode to describe).
    """
    from twitchlab.triage import Episode

    f = extract(timeline) if features is None else features
    if f.n_events == 0:
        raise ValueError("timeline has no events: there is no episode to describe")
    ctx = timeline.context
    obs = timeline.observations
    risks = list(obs["risk_factors"]) if "risk_factors" in obs else None
    if ctx.gestation_weeks < 37:
        risks = sorted(set(risks or []) | {"premature"})
    d: dict[str, Any] = {
        "age_days": ctx.age_days,
        "gestation_weeks": ctx.gestation_weeks,
        "state": f.state,
        "movement": f.movement,
        "body": f.body,
        "rhythmic": f.rhythmic,
        "clustered": f.clustered,
        "duration_s": round(f.duration_s, 3),
        "stops_on_waking": f.stops_on_waking,
        "stops_when_held": f.stops_when_held,
        "provoked_by": None if f.provoked_by is None else list(f.provoked_by),
        "fever_c": ctx.temperature_c,
        "episodes_24h": int(obs.get("episodes_24h", 1)),
        "back_to_normal_min": obs.get("back_to_normal_min"),
        "first_episode": obs.get("first_episode"),
        "signs": list(obs["signs"]) if "signs" in obs else None,
        "risk_factors": risks,
    }
    return Episode.from_dict(d)


# --- sleep architecture measures (sleep-stages exercise) ---------------------------------------
def stage_shares(timeline: Timeline) -> dict[str, float]:
    """Share of *sleep* time in each sleep stage of the scheme, and ``W`` as share of the whole
    period (fractions)."""
    dur = timeline.state_end_s - timeline.state_start_s
    total = float(dur.sum())
    sleep = float(dur[timeline.state != "W"].sum())
    out = {}
    for s in timeline.context.stages:
        t = float(dur[timeline.state == s].sum())
        out[s] = t / total if s == "W" else (t / sleep if sleep > 0 else 0.0)
    return out


def cycle_lengths_min(timeline: Timeline) -> np.ndarray:
    """Sleep-cycle lengths, min: time from the start of one active/REM bout to the start of the
    next, counting only cycles without wake in between."""
    st = timeline.state
    starts = np.flatnonzero(np.isin(st, list(_ACTIVE)))
    out = []
    for a, b in zip(starts[:-1], starts[1:], strict=True):
        if not np.any(st[a:b] == "W"):
            out.append((timeline.state_start_s[b] - timeline.state_start_s[a]) / 60.0)
    return np.array(out)
