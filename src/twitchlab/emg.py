"""EMG-like traces of positive and negative myoclonus, and the measures the exercise uses.

* Positive myoclonus: a brief burst of muscle activity, typically under 100 ms in cortical
  myoclonus (SH05).
* Negative myoclonus: a brief *silent period* in ongoing muscle activity, under 500 ms for
  epileptic negative myoclonus (TAS98). It needs ongoing tone to interrupt, and it is an
  involuntary lapse, not deliberate relaxation.

A trace is white noise shaped by an envelope (background tone plus the burst, or minus the silent
period), as surface EMG looks after amplification. Durations are measured on the *envelope*: the
rectified trace smoothed with a moving average, cut at half height between the background and the
burst peak (or the silent trough). A box smoothed with a shorter box keeps its width at half
height, so the measure does not depend on the smoothing window.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np

from twitchlab import params as P
from twitchlab.sleep import make_rng

__all__ = [
    "EMGTrace", "myoclonus_trace", "envelope", "above_runs_ms", "burst_durations_ms",
    "silent_periods_ms", "measure",
]

KINDS = ("positive", "negative")


def _ep(name: str):
    return P.EMG_PARAMS[name].value


@dataclass(frozen=True, eq=False)
class EMGTrace:
    """A simulated EMG trace.

    Attributes
    ----------
    kind : str
        ``"positive"`` (burst) or ``"negative"`` (silent period).
    t_s : ndarray
        Sample times, s.
    emg : ndarray
        Signal, relative units (1 = a full burst on no background).
    fs_hz : int
        Sampling rate, Hz.
    onset_s : float
        True onset of the burst or silent period, s.
    duration_ms : float
        True duration, ms.
    amplitude : float
        Burst height (positive) or depth of the lapse (negative, 1 = complete silence), 0-1.
    background_tone : float
        Ongoing muscle activity, 0-1.
    """

    kind: str
    t_s: np.ndarray
    emg: np.ndarray
    fs_hz: int
    onset_s: float
    duration_ms: float
    amplitude: float
    background_tone: float

    @property
    def typical(self) -> bool:
        """Whether the duration is within the typical limit (100 ms burst, 500 ms silence)."""
        limit = _ep("positive_max_ms") if self.kind == "positive" else _ep("negative_max_ms")
        return self.duration_ms < limit

    def frame(self):
        """pandas DataFrame with columns t_s, emg."""
        import pandas as pd

        return pd.DataFrame({"t_s": self.t_s, "emg": self.emg})

    def measure(self) -> float:
        """Measured duration, ms (see :func:`measure`)."""
        return measure(self.emg, self.fs_hz, self.kind)


def _num(name: str, v, lo: float, hi: float, *, lo_open: bool = False) -> float:
    if isinstance(v, bool) or not isinstance(v, int | float | np.integer | np.floating) \
            or not math.isfinite(v) or v > hi or v < lo or (lo_open and v == lo):
        left = "above" if lo_open else "from"
        raise ValueError(f"{name}={v!r} is not allowed: a number {left} {lo} to {hi}")
    return float(v)


def myoclonus_trace(kind: str, *, amplitude: float = 0.8, duration_ms: float = 60.0,
                    background_tone: float = 0.3, fs_hz: int = 1000, seed=None,
                    window_s: float | None = None) -> EMGTrace:
    """Simulate an EMG-like trace (2 s by default) holding one myoclonic event.

    Parameters
    ----------
    kind : {"positive", "negative"}
        Burst (positive myoclonus) or silent period (negative myoclonus).
    amplitude : float
        Positive: burst height above the background, (0, 1]. Negative: depth of the lapse,
        (0, 1] (1 = the muscle falls silent).
    duration_ms : float
        Length of the burst or silent period, ms (5-2000).
    background_tone : float
        Ongoing muscle activity, 0-1; negative myoclonus needs some (> 0) to interrupt.
    fs_hz : int
        Sampling rate, Hz (250-10000).
    seed : int, numpy.random.Generator or None
    window_s : float, optional
        Length of the trace, s (default 2 s, longer when the event needs it; at least the
        event's end plus 0.5 s).

    Returns
    -------
    EMGTrace
    """
    if kind not in KINDS:
        raise ValueError(f"kind={kind!r} is not allowed: one of {KINDS}")
    amplitude = _num("amplitude", amplitude, 0.0, 1.0, lo_open=True)
    dlo, dhi = _ep("duration_ms")
    duration_ms = _num("duration_ms", duration_ms, dlo, dhi)
    background_tone = _num("background_tone", background_tone, 0.0, 1.0)
    if kind == "negative" and background_tone == 0:
        raise ValueError("background_tone=0 is not allowed for negative myoclonus: it is a lapse "
                         "of ongoing muscle activity, so the muscle must be active (> 0)")
    flo, fhi = _ep("fs_hz")
    if isinstance(fs_hz, bool) or not isinstance(fs_hz, int | np.integer) \
            or not flo <= fs_hz <= fhi:
        raise ValueError(f"fs_hz={fs_hz!r} is not allowed: an int from {flo} to {fhi} (Hz)")
    rng, _ = make_rng(seed)
    need = float(_ep("onset_s")[1]) + duration_ms / 1000 + 0.5
    if window_s is None:
        window = max(float(_ep("window_s")), need)
    else:
        window = _num("window_s", window_s, need, 60.0)
    n = int(round(window * fs_hz))
    t = np.arange(n) / fs_hz
    onset = float(np.round(rng.uniform(*_ep("onset_s")) * fs_hz) / fs_hz)
    inside = (t >= onset) & (t < onset + duration_ms / 1000)
    env = np.full(n, background_tone)
    if kind == "positive":
        env[inside] += amplitude
    else:
        env[inside] *= 1.0 - amplitude
    emg = env * rng.standard_normal(n) + float(_ep("noise_floor")) * rng.standard_normal(n)
    return EMGTrace(kind, t, emg, int(fs_hz), onset, float(duration_ms), amplitude,
                    background_tone)


def envelope(emg, fs_hz: int, smooth_ms: float | None = None) -> np.ndarray:
    """Rectified EMG smoothed by a centred moving average of ``smooth_ms`` (default 20 ms)."""
    x = np.abs(np.asarray(emg, dtype=float))
    smooth_ms = float(_ep("smooth_ms")) if smooth_ms is None else smooth_ms
    w = max(1, int(round(smooth_ms / 1000 * fs_hz)))
    kernel = np.ones(w)
    # divide by the number of samples actually under the window, so the edges are not dimmed
    return np.convolve(x, kernel, mode="same") / np.convolve(np.ones_like(x), kernel, mode="same")


def above_runs_ms(mask, fs_hz: int, *, bridge_ms: float = 0.0) -> np.ndarray:
    """Lengths (ms) of the runs of True in a boolean array sampled at ``fs_hz``.

    Runs separated by a gap of at most ``bridge_ms`` are joined (noise can dip the envelope
    across the threshold for a moment in the middle of a burst).
    """
    m = np.r_[False, np.asarray(mask, dtype=bool), False].astype(np.int8)
    d = np.diff(m)
    starts, ends = np.flatnonzero(d == 1), np.flatnonzero(d == -1)
    if starts.size > 1 and bridge_ms > 0:
        gap_ms = (starts[1:] - ends[:-1]) * 1000.0 / fs_hz
        keep = np.r_[True, gap_ms > bridge_ms]
        starts = starts[keep]
        ends = np.r_[ends[:-1][keep[1:]], ends[-1]]
    return (ends - starts) * 1000.0 / fs_hz


def _half_height_runs(env: np.ndarray, fs_hz: int, sign: float, smooth_ms: float,
                      min_ms: float) -> np.ndarray:
    """Runs of the envelope beyond half height between the background and the event level.

    ``sign=+1`` for bursts (above), ``-1`` for silent periods (below). Two passes: the extreme
    of the envelope first locates the event's core; the event level is the median envelope in
    that core (robust to noise spikes); the threshold is half way between background and level.
    """
    x = sign * env
    base = float(np.median(x))
    core = x > base + 0.5 * (float(x.max()) - base)
    level = float(np.median(x[core]))
    bridge_ms = (2.0 if sign > 0 else 1.0) * smooth_ms
    runs = above_runs_ms(x > base + 0.5 * (level - base), fs_hz, bridge_ms=bridge_ms)
    return runs[runs >= min_ms]


def burst_durations_ms(emg, fs_hz: int, *, smooth_ms: float | None = None,
                       min_ms: float | None = None) -> np.ndarray:
    """Durations (ms) of EMG bursts (positive myoclonus).

    The envelope (:func:`envelope`) is cut at half height between the background (its median)
    and the burst level (its median inside the burst); runs split by dips shorter than the
    smoothing window are joined; runs shorter than ``min_ms`` (default: the smoothing window,
    the shortest event the envelope can resolve) are noise and dropped.
    """
    smooth_ms = float(_ep("smooth_ms")) if smooth_ms is None else float(smooth_ms)
    min_ms = smooth_ms if min_ms is None else float(min_ms)
    return _half_height_runs(envelope(emg, fs_hz, smooth_ms), fs_hz, 1.0, smooth_ms, min_ms)


def silent_periods_ms(emg, fs_hz: int, *, smooth_ms: float | None = None,
                      min_ms: float | None = None) -> np.ndarray:
    """Durations (ms) of silent periods (negative myoclonus): runs of the envelope below half
    depth between the background (median) and the silent level, as in
    :func:`burst_durations_ms`."""
    smooth_ms = float(_ep("smooth_ms")) if smooth_ms is None else float(smooth_ms)
    min_ms = smooth_ms if min_ms is None else float(min_ms)
    return _half_height_runs(envelope(emg, fs_hz, smooth_ms), fs_hz, -1.0, smooth_ms, min_ms)


def measure(emg, fs_hz: int, kind: str) -> float:
    """The longest burst (``kind="positive"``) or silent period (``"negative"``), ms (0 if none)."""
    if kind not in KINDS:
        raise ValueError(f"kind={kind!r} is not allowed: one of {KINDS}")
    runs = burst_durations_ms(emg, fs_hz) if kind == "positive" else silent_periods_ms(emg, fs_hz)
    return float(runs.max()) if runs.size else 0.0
