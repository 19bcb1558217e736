"""Hypnogram simulation: one night or a vectorised batch of nights, with sleep twitches.

The model (all numbers from :data:`twitchlab.params.SLEEP_TABLE`):

* A night is a run of sleep cycles of mean length ``cycle_min`` (coefficient of variation
  ``CYCLE_LENGTH_CV``), each preceded by a wake bout with probability ``wake_bout_probability``
  (the first cycle always is: sleep latency). Wake-bout lengths are set so that the expected share
  of the night awake is ``wake_fraction``.
* Inside a cycle, stages follow a fixed order. Infant scheme (corrected age < 3 months):
  ``AS -> IS -> QS -> IS``, so sleep begins in active sleep (GD16). AASM scheme:
  ``N1 -> N2 -> N3 -> N2 -> R``. Each stage bout lasts ``share x cycle length`` times a gamma
  jitter of mean 1, so the expected share of sleep in each stage is the table's share. In the
  AASM scheme N3 is front-loaded and REM back-loaded across the night (``SWS_REM_GRADIENT``),
  keeping the night's mean shares.
* Sleep twitches (SOK21) come in bursts placed as a Poisson process in active/REM sleep (and N2
  from 3 months corrected age), each burst a run of twitches with gaps of at most 10 s. A twitch
  never spills over the end of its state segment.

Everything is drawn from one ``numpy.random.Generator``; a batch of n nights is simulated with
array operations over all nights at once (:func:`simulate_nights`).
"""

from __future__ import annotations

import functools
import math
from collections.abc import Iterator
from dataclasses import dataclass

import numpy as np

from twitchlab import params as P
from twitchlab.timeline import Context, Timeline

__all__ = [
    "NightBatch", "simulate_night", "simulate_nights", "make_rng", "STAGE_CODES",
]

STAGE_LABELS = np.array(P.ALL_STAGES)
STAGE_CODES = {s: i for i, s in enumerate(P.ALL_STAGES)}
_BODY = np.array(P.BODY_PARTS)
_SIDE = np.array(P.SIDES)
_MIDLINE_PARTS = frozenset({"face", "eyes", "head", "trunk", "whole_body"})


def make_rng(seed) -> tuple[np.random.Generator, int | None]:
    """Return ``(Generator, seed_int_or_None)`` from an int seed, a Generator or None.

    Raises ValueError for anything else.
    """
    if isinstance(seed, np.random.Generator):
        return seed, None
    if seed is None:
        return np.random.default_rng(), None
    if isinstance(seed, int | np.integer) and not isinstance(seed, bool) and seed >= 0:
        return np.random.default_rng(int(seed)), int(seed)
    raise ValueError(f"seed={seed!r} is not allowed: None, an int >= 0 or a numpy Generator")


def _check_hours(hours) -> float:
    if isinstance(hours, bool) or not isinstance(hours, int | float | np.integer | np.floating) \
            or not math.isfinite(hours) or not 0 < hours <= 48:
        raise ValueError(f"hours={hours!r} is not allowed: a number above 0 and at most 48 (h)")
    return float(hours)


@dataclass(frozen=True, eq=False)
class NightBatch:
    """A batch of simulated nights in flat arrays (one row per state segment / event).

    ``batch[i]`` gives night ``i`` as a :class:`~twitchlab.timeline.Timeline`; iterate for all.

    Attributes
    ----------
    context : Context
        Shared by all nights (``seed`` is the batch seed).
    n : int
        Number of nights.
    duration_s : float
        Length of every night, s.
    state_night, state_start_s, state_end_s, state_code : ndarray
        Night index, bounds (s) and stage code (index into ``twitchlab.params.ALL_STAGES``) of
        each state segment, sorted by night then time.
    event_night, event_onset_s, event_duration_s, event_amplitude : ndarray
        Night index, onset (s), duration (s) and relative amplitude of each twitch, sorted by
        night then onset.
    event_part_code, event_side_code : ndarray of int8
        Index into ``BODY_PARTS`` / ``SIDES``.
    event_cluster : ndarray of int
        Burst id within the night (ground truth).
    """

    context: Context
    n: int
    duration_s: float
    state_night: np.ndarray
    state_start_s: np.ndarray
    state_end_s: np.ndarray
    state_code: np.ndarray
    event_night: np.ndarray
    event_onset_s: np.ndarray
    event_duration_s: np.ndarray
    event_amplitude: np.ndarray
    event_part_code: np.ndarray
    event_side_code: np.ndarray
    event_cluster: np.ndarray

    def __len__(self) -> int:
        return self.n

    def __iter__(self) -> Iterator[Timeline]:
        for i in range(self.n):
            yield self[i]

    def __getitem__(self, i: int) -> Timeline:
        if not isinstance(i, int | np.integer) or not -self.n <= i < self.n:
            raise IndexError(f"night index {i!r} out of range 0..{self.n - 1}")
        i = int(i) % self.n
        s0, s1 = np.searchsorted(self.state_night, [i, i + 1])
        e0, e1 = np.searchsorted(self.event_night, [i, i + 1])
        ev = slice(e0, e1)
        return Timeline(
            context=self.context,
            state_start_s=self.state_start_s[s0:s1], state_end_s=self.state_end_s[s0:s1],
            state=STAGE_LABELS[self.state_code[s0:s1]],
            event_onset_s=self.event_onset_s[ev], event_duration_s=self.event_duration_s[ev],
            event_body_part=_BODY[self.event_part_code[ev]],
            event_side=_SIDE[self.event_side_code[ev]],
            event_amplitude=self.event_amplitude[ev],
            event_pattern=np.full(e1 - e0, "sleep_twitches"),
            event_cluster=self.event_cluster[ev],
        )

    @property
    def n_events(self) -> int:
        """Total number of twitches over all nights."""
        return int(self.event_onset_s.size)

    def stage_time_s(self) -> np.ndarray:
        """Time in each stage per night, s: array (n, len(ALL_STAGES))."""
        out = np.zeros((self.n, len(P.ALL_STAGES)))
        np.add.at(out, (self.state_night, self.state_code), self.state_end_s - self.state_start_s)
        return out

    def stage_shares(self):
        """Per-night share of *sleep* time in each sleep stage, plus ``W`` as share of the night.

        Returns a pandas DataFrame with one row per night and a column per stage of the scheme.
        """
        import pandas as pd

        t = self.stage_time_s()
        sleep = t.sum(axis=1) - t[:, STAGE_CODES["W"]]
        cols = {}
        for s in self.context.stages:
            c = STAGE_CODES[s]
            cols[s] = t[:, c] / self.duration_s if s == "W" else t[:, c] / np.maximum(sleep, 1e-9)
        return pd.DataFrame(cols)


def simulate_night(age_days: int, *, hours: float | None = None, gestation_weeks: float = 40.0,
                   seed=None) -> Timeline:
    """Simulate one night: sleep states and physiological sleep twitches.

    Parameters
    ----------
    age_days : int
        Chronological age, days (0-36500).
    hours : float, optional
        Length of the period, h (0-48]; default the age group's ``night_hours``.
    gestation_weeks : float
        Gestation at birth, weeks (22-44); sets the corrected age.
    seed : int, numpy.random.Generator or None
        Source of randomness.

    Returns
    -------
    Timeline
        States tile ``[0, hours * 3600)``; events are sleep twitches.
    """
    return simulate_nights(1, age_days, hours=hours, gestation_weeks=gestation_weeks,
                           seed=seed)[0]


def simulate_nights(n: int, age_days: int, *, hours: float | None = None,
                    gestation_weeks: float = 40.0, seed=None, twitches: bool = True
                    ) -> NightBatch:
    """Simulate ``n`` independent nights at once (vectorised over nights).

    Parameters
    ----------
    n : int
        Number of nights (>= 1).
    age_days, hours, gestation_weeks, seed
        As in :func:`simulate_night`.
    twitches : bool
        Place sleep twitches (default True).

    Returns
    -------
    NightBatch
        Flat arrays over all nights; ``batch[i]`` is night i as a Timeline.
    """
    if isinstance(n, bool) or not isinstance(n, int | np.integer) or n < 1:
        raise ValueError(f"n={n!r} is not allowed: an int >= 1 (number of nights)")
    rng, seed_int = make_rng(seed)
    ctx = Context(age_days=age_days, gestation_weeks=gestation_weeks, seed=seed_int)
    row = P.sleep_row(ctx.age_days, ctx.gestation_weeks)
    hours = float(row.night_hours.value) if hours is None else _check_hours(hours)
    duration = hours * 3600.0
    night, start, end, code = _simulate_states(int(n), row, duration, rng)
    if twitches:
        ev = _place_twitches(int(n), ctx.corrected_age_days, night, start, end, code, rng)
    else:
        ev = _empty_events()
    return NightBatch(ctx, int(n), duration, night, start, end, code, *ev)


def _cycle_template(row: P.SleepRow) -> tuple[np.ndarray, np.ndarray]:
    """Stage codes of the slots of one cycle (wake first) and the share of each sleep slot."""
    sh = row.shares()
    if row.scheme == "infant":
        labels = ["W", "AS", "IS", "QS", "IS"]
        fr = [sh["AS"], sh["IS"] / 2, sh["QS"], sh["IS"] / 2]
    else:
        labels = ["W", "N1", "N2", "N3", "N2", "R"]
        fr = [sh["N1"], sh["N2"] / 2, sh["N3"], sh["N2"] / 2, sh["R"]]
    return np.array([STAGE_CODES[s] for s in labels], dtype=np.int8), np.array(fr)


def _simulate_states(n: int, row: P.SleepRow, duration: float, rng: np.random.Generator):
    codes, fr = _cycle_template(row)
    S = codes.size
    C = float(row.cycle_min.value) * 60.0
    wf = float(row.wake_fraction.value)
    pw = float(row.wake_bout_probability.value)
    cv = float(P.CYCLE_LENGTH_CV.value)
    shape = float(P.STAGE_LENGTH_SHAPE.value)
    n_cycles_expected = max(1.0, duration * (1 - wf) / C)
    mean_wake = wf * duration / (1.0 + pw * (n_cycles_expected - 1.0))
    clo, chi = P.CYCLE_LENGTH_CLIP.value
    M = int(math.ceil(duration / (clo * C))) + 2  # enough cycles; the loop below adds more
    while True:
        cyc = C * np.clip(1.0 + cv * rng.standard_normal((n, M)), clo, chi)
        frac = np.broadcast_to(fr, (M, S - 1)).copy()
        if row.scheme == "aasm":
            g = float(P.SWS_REM_GRADIENT.value)
            pos = np.clip((np.arange(M) + 0.5) * C / (1 - wf) / duration, 0.0, 1.0)
            m = g * (1.0 - 2.0 * pos)  # +g early, -g late
            i_n3, i_r = 2, 4
            frac[:, i_n3] = fr[i_n3] * (1.0 + m)
            frac[:, i_r] = fr[i_r] * (1.0 - m)
            rest = 1.0 - frac[:, [0, i_n3, i_r]].sum(axis=1)
            frac[:, 1] = frac[:, 3] = rest / 2
        dur = np.empty((n, M, S))
        dur[:, :, 1:] = cyc[:, :, None] * frac[None] * rng.gamma(shape, 1.0 / shape,
                                                                 (n, M, S - 1))
        wake = rng.random((n, M)) < pw
        wake[:, 0] = True
        dur[:, :, 0] = np.where(wake, rng.gamma(2.0, mean_wake / 2.0, (n, M)), 0.0)
        flat = dur.reshape(n, M * S)
        ends = np.cumsum(flat, axis=1)
        if np.all(ends[:, -1] >= duration):
            break
        M *= 2
    starts = ends - flat
    keep = (flat > 0) & (starts < duration)
    night, col = np.nonzero(keep)
    start = starts[night, col]
    end = np.minimum(ends[night, col], duration)
    # exact tiling: each segment starts where the previous one ended
    first = np.r_[True, night[1:] != night[:-1]]
    start = np.where(first, 0.0, np.r_[0.0, end[:-1]])
    code = np.tile(codes, M)[col]
    return night.astype(np.int32), start, end, code


def _empty_events():
    z = np.zeros(0)
    return (np.zeros(0, np.int32), z, z.copy(), z.copy(), np.zeros(0, np.int8),
            np.zeros(0, np.int8), np.zeros(0, np.int64))


def twitch_rates_per_s(corrected_days: int) -> np.ndarray:
    """Burst rate (1/s) of sleep twitches in each stage code (``ALL_STAGES`` order)."""
    rates = np.zeros(len(P.ALL_STAGES))
    active = float(P.pattern_param("sleep_twitches", "bursts_per_min_active")) / 60.0
    quiet = float(P.pattern_param("sleep_twitches", "bursts_per_min_quiet")) / 60.0
    for s in P.pattern_param("sleep_twitches", "states"):
        rates[STAGE_CODES[s]] = active
    if corrected_days >= int(P.pattern_param("sleep_twitches", "quiet_sleep_from_days")):
        for s in P.pattern_param("sleep_twitches", "quiet_states"):
            rates[STAGE_CODES[s]] = quiet
    return rates


@functools.cache
def _twitch_part_side_table() -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Joint (body part, side) distribution of twitches: codes and cumulative probabilities.

    Face, eyes and head are midline; limbs follow ``side_weights``.
    """
    tp = P.PATTERN_PARAMS["sleep_twitches"]
    pw = np.array(tp["body_part_weights"].value, dtype=float)
    sw = np.array(tp["side_weights"].value, dtype=float)
    parts, sides, probs = [], [], []
    for part, wp in zip(tp["body_parts"].value, pw / pw.sum(), strict=True):
        if part in _MIDLINE_PARTS:
            parts.append(part)
            sides.append("midline")
            probs.append(wp)
            continue
        for side, ws in zip(tp["sides"].value, sw / sw.sum(), strict=True):
            parts.append(part)
            sides.append(side)
            probs.append(wp * ws)
    cdf = np.cumsum(probs)
    cdf[-1] = 1.0
    return (np.array([P.BODY_PARTS.index(x) for x in parts], dtype=np.int8),
            np.array([P.SIDES.index(x) for x in sides], dtype=np.int8), cdf[:-1].copy())


def _place_twitches(n, corrected_days, night, start, end, code, rng):
    """Bursts of twitches as a Poisson process over eligible segments of all nights.

    Burst onsets are uniform over the eligible time of all nights at once (weighted by each
    stage's burst rate); each burst is a run of ``1 + Poisson`` twitches with exponential gaps
    clipped at ``burst_gap_max_s``; a twitch that would run past the end of its segment is
    dropped. Returns flat arrays sorted by night, then onset.
    """
    tp = P.PATTERN_PARAMS["sleep_twitches"]
    rate = twitch_rates_per_s(corrected_days)[code]
    elig = np.flatnonzero(rate > 0)
    if elig.size == 0:
        return _empty_events()
    eff = (end[elig] - start[elig]) * rate[elig]
    cum = np.cumsum(eff)
    n_bursts = int(rng.poisson(cum[-1]))
    if n_bursts == 0:
        return _empty_events()
    u = np.sort(rng.random(n_bursts)) * cum[-1]
    k = np.minimum(np.searchsorted(cum, u, side="right"), elig.size - 1)
    seg = elig[k].astype(np.int32)
    burst_on = start[seg] + (u - (cum[k] - eff[k])) / rate[seg]
    del u, k
    size = 1 + rng.poisson(float(tp["twitches_per_burst_mean"].value) - 1.0, n_bursts)
    total = int(size.sum())
    bid = np.repeat(np.arange(n_bursts, dtype=np.int32), size)
    first_idx = np.cumsum(size) - size
    # onset = burst onset + cumulative gap since the burst's first twitch (segmented cumsum)
    onset = rng.exponential(float(tp["within_burst_gap_mean_s"].value), total)
    np.minimum(onset, float(tp["burst_gap_max_s"].value), out=onset)
    onset[first_idx] = 0.0
    np.cumsum(onset, out=onset)
    onset -= np.repeat(onset[first_idx], size)
    onset += burst_on[bid]
    dlo, dhi = tp["event_duration_s"].value
    dur = rng.uniform(dlo, dhi, total)
    seg_e = seg[bid]
    keep = np.flatnonzero(onset + dur <= end[seg_e])
    onset, dur, bid, seg_e = onset[keep], dur[keep], bid[keep], seg_e[keep]
    m = keep.size
    del keep
    alo, ahi = tp["amplitude"].value
    amp = rng.uniform(alo, ahi, m)
    part_code, side_code, cdf = _twitch_part_side_table()
    pick = np.searchsorted(cdf, rng.random(m), side="right")
    part, side = part_code[pick], side_code[pick]
    ev_night = night[seg_e]
    del seg_e
    # sort by night then onset: bursts are in order already, only neighbours can overlap, so a
    # stable sort of the nearly sorted key is quick
    order = np.argsort(ev_night * (end.max() + 1.0) + onset, kind="stable")
    # burst id within each night
    bnight = night[seg]
    first_burst = np.searchsorted(bnight, np.arange(n)).astype(np.int32)
    cluster = (bid - first_burst[bnight[bid]]).astype(np.int64)
    return (ev_night[order], onset[order], dur[order], amp[order], part[order], side[order],
            cluster[order])
