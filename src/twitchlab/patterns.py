"""Movement-pattern generators: one per pattern, each placing events where the pattern occurs.

:func:`simulate_episode` builds a short window of sleep/wake states around one episode and puts
that pattern's events (onset, duration, body part, side, amplitude) on it, with carer markers
(handling, holding, rocking ...) and what a carer would report (episodes in 24 h, recovery time,
signs). Every number comes from :mod:`twitchlab.params` with its source key:
:data:`~twitchlab.params.PATTERN_PARAMS` (per pattern), :data:`~twitchlab.params.CONVULSION_PARAMS`
(shared by the seizures) and :data:`~twitchlab.params.WINDOW_S` (layout of the window).

Where each pattern occurs (checked by :func:`placement_ok` and by the tests):

==============================  =================================================================
``sleep_twitches``              active/REM sleep; also N2 from 3 months corrected age (SOK21)
``hypnic_jerk``                 the first sleep stage, within seconds of falling asleep (WW18)
``bnsm``                        sleep only, ending abruptly when the baby wakes (MAU10, DC93)
``jitteriness``                 awake, after handling or crying, stopping when held
``benign_myoclonus_of_infancy`` awake only (CAR09)
``infantile_spasms``            on waking (or drowsy, N1), never in deep quiet sleep (ISWG10)
``simple_febrile_seizure``      with fever >= 38.0 °C, generalized, under 15 min (AAP11)
``complex_febrile_seizure``     with fever, and focal, >= 15 min or repeated in 24 h (AAP11)
``focal_seizure``               any state, one side, goes on after waking (ILAE17)
``generalized_seizure``         any state, both sides (ILAE17)
``shuddering_attack``           awake, brief shivering bouts, often with excitement or feeding
                                (VANASSE76)
``breath_holding_spell``        awake, after crying (cyanotic) or a bump or fright (pallid): the
                                breath stops, then limp, sometimes a brief stiffening or a few
                                jerks at the end (DIMARIO01, STEPH78)
``hyperekplexia``               newborn, awake, an exaggerated startle to touch or noise, then
                                generalized stiffening; stiff between episodes (THOMAS13)
``rhythmic_movement_disorder``  falling asleep: rhythmic head banging or body rocking at
                                0.5-2 Hz for minutes, stopping when the child is woken (ICSD3)
``neonatal_seizure``            newborn, any state, focal clonic jerks of one limb at 1-3 Hz (or
                                focal tonic), not provoked, not stopped by holding (PRESS21)
==============================  =================================================================

The last five (:data:`twitchlab.params.PAROXYSMAL_PATTERNS`) are not in the teaching cohort in
``data/``, which is generated from :data:`twitchlab.params.PATTERNS` only.
"""

from __future__ import annotations

import inspect
from collections.abc import Callable
from typing import Any

import numpy as np

from twitchlab import params as P
from twitchlab.sleep import STAGE_CODES, _place_twitches, make_rng
from twitchlab.timeline import Context, Timeline

__all__ = ["simulate_episode", "placement_ok", "pattern_options", "GENERATORS"]

_GENERIC = {
    # generic state -> (infant label, AASM label)
    "wake": ("W", "W"),
    "active": ("AS", "R"),
    "quiet": ("QS", "N2"),
    "light": ("IS", "N1"),
    "drowsy": ("W", "N1"),
}


def _pp(pattern: str, name: str) -> Any:
    return P.pattern_param(pattern, name)


def _u(rng: np.random.Generator, lohi) -> float:
    lo, hi = lohi
    return float(rng.uniform(lo, hi))


class _Builder:
    """Accumulates states, events and markers of one episode window."""

    def __init__(self, ctx: Context, pattern: str) -> None:
        self.ctx = ctx
        self.pattern = pattern
        self.labels: list[str] = []
        self.bounds: list[float] = [0.0]
        self.ev: list[tuple[np.ndarray, ...]] = []
        self.markers: list[tuple[float, str]] = []
        self.obs: dict[str, Any] = {}
        self.n_clusters = 0

    @property
    def t(self) -> float:
        return self.bounds[-1]

    def state(self, generic: str, dur_s: float) -> tuple[float, float]:
        """Append a state segment; returns its (start, end), s."""
        if generic == "onset":
            label = str(P.sleep_row(self.ctx.age_days, self.ctx.gestation_weeks)
                        .sleep_onset_stage.value)
        else:
            label = _GENERIC[generic][0 if self.ctx.scheme == "infant" else 1]
        t0 = self.t
        t1 = t0 + float(dur_s)
        if self.labels and self.labels[-1] == label:
            self.bounds[-1] = t1
        else:
            self.labels.append(label)
            self.bounds.append(t1)
        return t0, t1

    def events(self, onset, duration, part, side, amplitude, cluster=None) -> None:
        """Add events; ``cluster`` is an id (or array of ids), default a new cluster."""
        onset = np.atleast_1d(np.asarray(onset, dtype=float))
        n = onset.size
        if n == 0:
            return
        cid = np.full(n, self.n_clusters) if cluster is None else \
            np.broadcast_to(np.asarray(cluster, dtype=np.int64), (n,)).copy()
        self.n_clusters = max(self.n_clusters, int(cid.max()) + 1)

        def full(x, dtype=None):
            a = np.asarray(x, dtype=dtype)
            return np.broadcast_to(a, (n,)).copy() if a.ndim == 0 or a.size == 1 else a

        self.ev.append((onset, full(duration, float), full(part, str), full(side, str),
                        np.clip(full(amplitude, float), 0.0, 1.0), cid))

    def mark(self, t_s: float, kind: str) -> None:
        self.markers.append((float(t_s), kind))

    def build(self) -> Timeline:
        b = np.array(self.bounds)
        if self.ev:
            on, du, pa, si, am, cl = (np.concatenate(x) for x in zip(*self.ev, strict=True))
        else:
            on = du = am = np.zeros(0)
            pa = si = np.zeros(0, dtype=str)
            cl = np.zeros(0, dtype=np.int64)
        order = np.argsort(on, kind="stable")
        mk = sorted(self.markers)
        return Timeline(
            context=self.ctx, state_start_s=b[:-1], state_end_s=b[1:],
            state=np.array(self.labels), event_onset_s=on[order], event_duration_s=du[order],
            event_body_part=pa[order], event_side=si[order], event_amplitude=am[order],
            event_pattern=np.full(on.size, self.pattern), event_cluster=cl[order],
            marker_time_s=[m[0] for m in mk], marker_kind=[m[1] for m in mk],
            observations=self.obs,
        )


def _clonic_train(rng: np.random.Generator, t0: float, t1: float, f_start: float,
                  f_end: float, jitter: float | None = None) -> np.ndarray:
    """Onsets (s) of rhythmic jerks from t0 to t1 whose rate slides linearly from f_start to
    f_end (Hz), with a small timing jitter (fraction of the period; default
    ``CONVULSION_PARAMS['timing_jitter']``)."""
    if jitter is None:
        jitter = float(P.CONVULSION_PARAMS["timing_jitter"].value)
    T = t1 - t0
    if T <= 0:
        return np.zeros(0)
    a = (f_end - f_start) / (2 * T)
    b = f_start
    phase_end = b * T + a * T * T
    k = np.arange(int(np.floor(phase_end)) + 1, dtype=float)
    t = k / b if abs(a) < 1e-12 else (-b + np.sqrt(b * b + 4 * a * k)) / (2 * a)
    period = 1.0 / np.maximum(b + 2 * a * t, 1e-6)
    t = t + jitter * period * rng.uniform(-1, 1, t.size)
    t = np.sort(np.clip(t, 0.0, None))
    return t0 + t[t0 + t < t1]


def _choice(rng: np.random.Generator, options, weights=None) -> Any:
    opts = list(options)
    if weights is None:
        return opts[int(rng.integers(len(opts)))]
    w = np.asarray(weights, dtype=float)
    return opts[int(rng.choice(len(opts), p=w / w.sum()))]


def _side_for(part: str, side: str) -> str:
    return "midline" if part in ("face", "eyes", "head", "trunk") and side == "both" else side


def _check_duration(pattern: str, duration_s, lo: float, hi: float) -> float | None:
    if duration_s is None:
        return None
    if isinstance(duration_s, bool) or not isinstance(duration_s, int | float) \
            or not lo <= duration_s <= hi:
        raise ValueError(f"duration_s={duration_s!r} is not allowed for {pattern}: a number "
                         f"from {lo} to {hi} (s)")
    return float(duration_s)


# --- generators --------------------------------------------------------------------------------
def _w(name: str) -> tuple[float, float]:
    """A window-layout range (s) from :data:`twitchlab.params.WINDOW_S`."""
    return P.WINDOW_S[name].value


def _cv(name: str) -> Any:
    return P.CONVULSION_PARAMS[name].value


def _draw_words(rng: np.random.Generator, probabilities) -> list[str]:
    """Each word with its own probability, e.g. ``(("irregular_breathing", 0.5), ...)``."""
    return [word for word, p in probabilities if rng.random() < p]


def _sleep_twitches(b: _Builder, rng: np.random.Generator, duration_s: float | None = None):
    """Twitches in a stretch of active/REM sleep (and N2 from 3 months), then the baby wakes."""
    pat = "sleep_twitches"
    d = _check_duration(pat, duration_s, 30.0, 3600.0)
    d = _u(rng, _pp(pat, "active_s")) if d is None else d
    b.state("light", _u(rng, _w("transition")))
    b.state("active", d)
    b.state("light", _u(rng, _w("transition")))
    if b.ctx.scheme == "aasm":
        b.state("quiet", _u(rng, _w("lead")))
    wake0, _ = b.state("wake", _u(rng, _w("after")))
    codes = np.array([STAGE_CODES[s] for s in b.labels], dtype=np.int8)
    bounds = np.array(b.bounds)
    for _ in range(100):  # an episode needs at least one twitch
        ev = _place_twitches(1, b.ctx.corrected_age_days, np.zeros(codes.size, np.int32),
                             bounds[:-1], bounds[1:], codes, rng)
        if ev[1].size:
            break
    _, on, du, amp, part, side, cl = ev
    b.events(on, du, np.array(P.BODY_PARTS)[part], np.array(P.SIDES)[side], amp, cluster=cl)
    if rng.random() < float(_pp(pat, "woken_probability")):
        b.mark(wake0, "woken")
    b.obs.update(signs=_draw_words(rng, _pp(pat, "sign_probabilities")))


def _hypnic_jerk(b: _Builder, rng: np.random.Generator):
    """One big jerk seconds after falling asleep; it often wakes the person briefly."""
    pat = "hypnic_jerk"
    b.state("wake", _u(rng, _w("lead")))
    s0, _ = b.state("onset", _u(rng, _w("lead")))
    t = s0 + _u(rng, _pp(pat, "onset_window_s"))
    part = _choice(rng, _pp(pat, "body_parts"))
    side = "both" if part in ("whole_body", "trunk") else _choice(rng, ("left", "right", "both"))
    dur = _u(rng, _pp(pat, "event_duration_s"))
    b.events(t, dur, part, _side_for(part, side), _u(rng, _pp(pat, "amplitude")))
    if rng.random() < float(_pp(pat, "wakes_probability")):
        # the jerk wakes the person: the sleep-onset segment ends just after the jerk
        b.bounds[-1] = t + dur + 1.0
        b.state("wake", _u(rng, _pp(pat, "awake_after_jerk_s")))
        b.state("onset", _u(rng, _w("after")))
    b.state("quiet", _u(rng, _w("lead")))
    old_enough = b.ctx.age_days >= int(_pp(pat, "falling_sensation_from_days"))
    reports = old_enough and rng.random() < float(_pp(pat, "falling_sensation_probability"))
    b.obs.update(signs=["falling_sensation"] if reports else [])


def _bnsm(b: _Builder, rng: np.random.Generator, duration_s: float | None = None,
          side: str | None = None, stage: str | None = None):
    """Rhythmic 1-5 Hz clusters of jerks in sleep that stop abruptly when the baby wakes.

    ``stage`` is the sleep the clusters come in: ``"quiet"`` (classically) or ``"active"``
    (any stage is possible, MAU10); by default quiet with probability ``quiet_probability``.
    """
    pat = "bnsm"
    lo, hi = _pp(pat, "episode_duration_s")
    d = _check_duration(pat, duration_s, lo, 3600.0)
    d = float(np.exp(rng.uniform(np.log(lo), np.log(hi)))) if d is None else d
    sides = _pp(pat, "sides")
    if side is not None and side not in sides:
        raise ValueError(f"side={side!r} is not allowed for bnsm: one of {sides}")
    if stage is not None and stage not in ("quiet", "active"):
        raise ValueError(f"stage={stage!r} is not allowed for bnsm: 'quiet' or 'active'")
    mode = side or _choice(rng, sides)
    if stage is None:
        stage = "quiet" if rng.random() < float(_pp(pat, "quiet_probability")) else "active"
    b.state("active" if stage == "quiet" else "quiet", _u(rng, _w("lead")))
    lead = _u(rng, _w("lead_in"))
    q0, q1 = b.state(stage, lead + d)
    t = q0 + lead
    prev_side = _choice(rng, ("left", "right"))
    parts, w = _pp(pat, "body_parts"), _pp(pat, "body_part_weights")
    flo, fhi = _pp(pat, "frequency_hz")
    f_episode = _u(rng, (flo, fhi))
    spread = float(_pp(pat, "frequency_spread"))
    jitter = float(_pp(pat, "amplitude_jitter"))
    jlo, jhi = _pp(pat, "cluster_jerks")
    first = last = None
    while t < q1:
        n = int(rng.integers(jlo, jhi + 1))
        f = float(np.clip(f_episode * (1 + spread * rng.uniform(-1, 1)), flo, fhi))
        on = _clonic_train(rng, t, t + (n - 0.5) / f, f, f)
        dur = rng.uniform(*_pp(pat, "event_duration_s"), on.size)
        ok = on + dur < q1  # nothing runs into waking: it stops abruptly
        on, dur = on[ok], dur[ok]
        if mode == "migrating":
            prev_side = "left" if prev_side == "right" else "right"
        amp = _u(rng, _pp(pat, "amplitude")) * rng.uniform(1 - jitter, 1 + jitter, on.size)
        b.events(on, dur, _choice(rng, parts, w), prev_side if mode == "migrating" else mode, amp)
        if on.size:
            first = float(on[0]) if first is None else first
            last = float(on[-1])
        pause = max(_u(rng, _pp(pat, "cluster_pause_s")),
                    float(_pp(pat, "min_pause_intervals")) / f)
        t = t + n / f + pause
    w0, _ = b.state("wake", _u(rng, _w("after")))
    if first is not None and rng.random() < float(_pp(pat, "provoked_probability")):
        b.mark(max(q0, first - _u(rng, _pp(pat, "provoke_lead_s"))),
               _choice(rng, ("rocking", "sound")))
    if first is not None and rng.random() < float(_pp(pat, "held_probability")):
        # holding does not stop BNSM: the jerks go on after the hold (MAU10)
        t_held = first + (last - first) * _u(rng, _pp(pat, "held_at_fraction"))
        if last - t_held > 2 * float(P.FEATURE_PARAMS["stop_grace_s"].value):
            b.mark(t_held, "held")
    if rng.random() < float(_pp(pat, "woken_probability")):
        b.mark(w0, "woken")
    b.obs.update(signs=[])


def _jitteriness(b: _Builder, rng: np.random.Generator, duration_s: float | None = None,
                 provoked_by: str | None = None):
    """Fast regular tremor of equal amplitude while awake, after handling, stopped by holding."""
    pat = "jitteriness"
    d = _check_duration(pat, duration_s, 1.0, 600.0)
    d = _u(rng, _pp(pat, "bout_duration_s")) if d is None else d
    kinds = [k for k, _ in _pp(pat, "provoked_by")]
    if provoked_by is not None and provoked_by not in kinds:
        raise ValueError(f"provoked_by={provoked_by!r} is not allowed for jitteriness: one of "
                         f"{tuple(kinds)}")
    lead = _u(rng, _w("lead_in"))
    w0, _ = b.state("wake", lead + d + _u(rng, _w("tail")))
    t_h = w0 + lead
    b.mark(t_h, provoked_by or _choice(rng, kinds, [p for _, p in _pp(pat, "provoked_by")]))
    t0 = t_h + _u(rng, _pp(pat, "latency_s"))
    t_held = t0 + d
    b.mark(t_held, "held")
    stop = t_held + _u(rng, _pp(pat, "stop_after_held_s"))
    f = _u(rng, _pp(pat, "frequency_hz"))
    on = _clonic_train(rng, t0, stop, f, f, jitter=float(_pp(pat, "timing_jitter")))
    part = _choice(rng, _pp(pat, "body_parts"))
    amp = _u(rng, _pp(pat, "amplitude")) * (1 + float(_pp(pat, "amplitude_cv"))
                                            * rng.standard_normal(on.size))
    b.events(on, rng.uniform(*_pp(pat, "event_duration_s"), on.size), part,
             _side_for(part, "both"), amp)
    b.obs.update(signs=[], risk_factors=_draw_words(rng, _pp(pat, "risk_probabilities")))


def _benign_myoclonus_of_infancy(b: _Builder, rng: np.random.Generator,
                                 n_clusters: int | None = None):
    """Clusters of spasm-like shudders while awake, long after waking."""
    pat = "benign_myoclonus_of_infancy"
    lo, hi = _pp(pat, "clusters")
    if n_clusters is not None and (isinstance(n_clusters, bool) or not isinstance(
            n_clusters, int) or not 1 <= n_clusters <= 10):
        raise ValueError(f"n_clusters={n_clusters!r} is not allowed: an int from 1 to 10")
    k = n_clusters or int(rng.integers(lo, hi + 1))
    t = _u(rng, _w("lead_in"))
    jlo, jhi = _pp(pat, "cluster_jerks")
    for c in range(k):
        n = int(rng.integers(jlo, jhi + 1))
        gaps = rng.uniform(*_pp(pat, "interval_s"), n)
        gaps[0] = 0.0
        on = t + np.cumsum(gaps)
        part = _choice(rng, _pp(pat, "body_parts"))
        b.events(on, rng.uniform(*_pp(pat, "event_duration_s"), n), part,
                 _side_for(part, "both"), rng.uniform(*_pp(pat, "amplitude"), n), cluster=c)
        t = float(on[-1]) + _u(rng, _pp(pat, "cluster_pause_s"))
    b.state("wake", t + _u(rng, _w("tail")))
    b.obs.update(signs=[])


def _infantile_spasms(b: _Builder, rng: np.random.Generator, n_spasms: int | None = None,
                      when: str = "waking"):
    """A cluster of 1-2 s spasms, one every 5-30 s, on waking (or when drowsy)."""
    pat = "infantile_spasms"
    lo, hi = _pp(pat, "cluster_spasms")
    if n_spasms is not None and (isinstance(n_spasms, bool) or not isinstance(n_spasms, int)
                                 or not lo <= n_spasms <= 150):
        raise ValueError(f"n_spasms={n_spasms!r} is not allowed: an int from {lo} to 150")
    if when not in ("waking", "drowsy"):
        raise ValueError(f"when={when!r} is not allowed: 'waking' or 'drowsy'")
    if when == "drowsy" and b.ctx.scheme == "infant":
        raise ValueError("when='drowsy' is not allowed below 90 days corrected age: the infant "
                         "scheme has no N1 (drowsy) stage; use when='waking'")
    n = n_spasms or int(rng.integers(lo, hi + 1))
    gaps = rng.uniform(*_pp(pat, "interval_s"), n)
    gaps[0] = 0.0
    rel = np.cumsum(gaps)
    dur = rng.uniform(*_pp(pat, "event_duration_s"), n)
    span = float(rel[-1] + dur[-1])
    if when == "waking":
        b.state("quiet", _u(rng, _w("lead")))
        b.state("light", _u(rng, _w("transition")))
        delay = _u(rng, _pp(pat, "after_waking_s"))
        w0, _ = b.state("wake", delay + span + _u(rng, _w("after")))
        t0 = w0 + delay
    else:
        b.state("wake", _u(rng, _w("lead")))
        delay = _u(rng, _pp(pat, "drowsy_delay_s"))
        s0, _ = b.state("drowsy", delay + span + _u(rng, _pp(pat, "drowsy_delay_s")))
        b.state("quiet", _u(rng, _w("after")))
        t0 = s0 + delay
    kinds = _pp(pat, "kinds")
    kind, part, _ = kinds[int(rng.choice(len(kinds), p=[k[2] for k in kinds]))]
    amp_lo, amp_hi = _pp(pat, "amplitude")
    mid = (amp_lo + amp_hi) / 2
    amp = (amp_lo, mid) if kind == "head_nod" else (mid, amp_hi)  # head nods are subtle
    b.events(t0 + rel, dur, part, _side_for(part, "both"), rng.uniform(*amp, n))
    skills = rng.random() < float(_pp(pat, "loss_of_skills_probability"))
    clo, chi = _pp(pat, "clusters_per_day")
    b.obs.update(signs=["loss_of_skills"] if skills else [],
                 episodes_24h=int(rng.integers(clo, chi + 1)))


def _convulsion(b: _Builder, rng: np.random.Generator, pat: str, t0: float, d: float,
                focal_side: str | None, part_pool=None) -> None:
    """Tonic phase (generalized only) then clonic jerks that slow down, from t0 for d s."""
    f0 = _u(rng, _pp(pat, "clonic_hz"))
    f1 = f0 * float(_pp(pat, "clonic_slowing"))
    if focal_side is None:
        tonic = min(_u(rng, _pp(pat, "tonic_s")), d / 3)
        b.events(t0, tonic, "whole_body", "both", _u(rng, _cv("tonic_amplitude")), cluster=0)
        on = _clonic_train(rng, t0 + tonic, t0 + d, f0, f1)
        b.events(on, rng.uniform(*_cv("clonic_event_s"), on.size), "whole_body", "both",
                 rng.uniform(*_cv("generalized_amplitude"), on.size), cluster=0)
    else:
        pool = _cv("focal_parts") if part_pool is None else part_pool
        on = _clonic_train(rng, t0, t0 + d, f0, f1)
        parts = np.array(pool)[rng.integers(0, len(pool), on.size)]
        # the jerks keep to one body part for stretches (a march), not a new one every jerk
        stretch = max(1, on.size // int(_cv("march_stretches")))
        parts = np.repeat(parts[::stretch], stretch)[: on.size]
        b.events(on, rng.uniform(*_cv("clonic_event_s"), on.size), parts, focal_side,
                 rng.uniform(*_cv("focal_amplitude"), on.size), cluster=0)


def _recovery(b: _Builder, rng: np.random.Generator, pat: str) -> float:
    return round(_u(rng, _pp(pat, "back_to_normal_min")), 1)


def _simple_febrile_seizure(b: _Builder, rng: np.random.Generator,
                            duration_s: float | None = None):
    """A generalized tonic-clonic seizure under 15 min with fever, once in 24 h."""
    pat = "simple_febrile_seizure"
    d = _check_duration(pat, duration_s, 1.0, float(_pp(pat, "duration_s")[1]))
    d = _u(rng, _pp(pat, "default_duration_s")) if d is None else d
    lead = _u(rng, _w("lead"))
    w0, _ = b.state("wake", lead + d)
    _convulsion(b, rng, pat, w0 + lead, d, None)
    b.state("light", _u(rng, _w("postictal")))
    first = bool(rng.random() < float(_pp(pat, "first_episode_probability")))
    b.obs.update(episodes_24h=1, back_to_normal_min=_recovery(b, rng, pat), first_episode=first,
                 signs=[])


def _complex_febrile_seizure(b: _Builder, rng: np.random.Generator,
                             complex_by: str | None = None, duration_s: float | None = None):
    """A febrile seizure that is focal, or lasts 15 min or more, or repeats within 24 h."""
    pat = "complex_febrile_seizure"
    options = _pp(pat, "complex_by")
    if complex_by is not None and complex_by not in options:
        raise ValueError(f"complex_by={complex_by!r} is not allowed: one of {options}")
    why = complex_by or _choice(rng, options)
    if why == "prolonged":
        lo = float(_pp(pat, "prolonged_s")[0])
        d = _check_duration(pat, duration_s, lo, 3600.0)
        d = _u(rng, _pp(pat, "prolonged_s")) if d is None else d
    else:
        d = _check_duration(pat, duration_s, 1.0, 3600.0)
        d = _u(rng, _pp(pat, "default_duration_s")) if d is None else d
    lead = _u(rng, _w("lead"))
    w0, _ = b.state("wake", lead + d)
    side = _choice(rng, ("left", "right")) if why == "focal" else None
    _convulsion(b, rng, pat, w0 + lead, d, side)
    b.state("light", _u(rng, _w("postictal")))
    n24 = int(rng.integers(_pp(pat, "episodes_24h")[0], _pp(pat, "episodes_24h")[1] + 1))
    first = bool(rng.random() < float(_pp(pat, "first_episode_probability")))
    b.obs.update(episodes_24h=n24 if why == "repeated" else 1,
                 back_to_normal_min=_recovery(b, rng, pat),
                 first_episode=first if why != "repeated" else False, signs=[])


def _check_from_sleep(from_sleep) -> None:
    if from_sleep is not None and not isinstance(from_sleep, bool):
        raise ValueError(f"from_sleep={from_sleep!r} is not allowed: True, False or None")


def _focal_seizure(b: _Builder, rng: np.random.Generator, duration_s: float | None = None,
                   side: str | None = None, from_sleep: bool | None = None):
    """Rhythmic clonic jerks of one side; from sleep they go on after the child wakes."""
    pat = "focal_seizure"
    d = _check_duration(pat, duration_s, 1.0, 3600.0)
    d = _u(rng, _pp(pat, "default_duration_s")) if d is None else d
    if side is not None and side not in ("left", "right"):
        raise ValueError(f"side={side!r} is not allowed for focal_seizure: 'left' or 'right'")
    _check_from_sleep(from_sleep)
    sleep = rng.random() < float(_pp(pat, "from_sleep_probability")) if from_sleep is None \
        else from_sleep
    lead = _u(rng, _w("lead"))
    if sleep:
        frac = _u(rng, _pp(pat, "asleep_fraction"))
        q0, _ = b.state("quiet", lead + d * frac)
        b.state("wake", d * (1 - frac) + _u(rng, _w("after")))
        t0 = q0 + lead
    else:
        w0, _ = b.state("wake", lead + d + _u(rng, _w("after")))
        t0 = w0 + lead
    _convulsion(b, rng, pat, t0, d, side or _choice(rng, ("left", "right")),
                _pp(pat, "body_parts"))
    eyes = rng.random() < float(_pp(pat, "eye_deviation_probability"))
    b.obs.update(signs=["eye_deviation"] if eyes else [],
                 back_to_normal_min=_recovery(b, rng, pat))


def _generalized_seizure(b: _Builder, rng: np.random.Generator, duration_s: float | None = None,
                         from_sleep: bool | None = None):
    """A generalized tonic-clonic seizure, from wake or sleep."""
    pat = "generalized_seizure"
    d = _check_duration(pat, duration_s, 1.0, 3600.0)
    d = _u(rng, _pp(pat, "default_duration_s")) if d is None else d
    _check_from_sleep(from_sleep)
    sleep = rng.random() < float(_pp(pat, "from_sleep_probability")) if from_sleep is None \
        else from_sleep
    lead = _u(rng, _w("lead"))
    if sleep:
        arousal = min(float(_pp(pat, "arousal_s")), d / 2)
        q0, _ = b.state("quiet", lead + arousal)
        b.state("wake", d - arousal)
        t0 = q0 + lead
    else:
        w0, _ = b.state("wake", lead + d)
        t0 = w0 + lead
    _convulsion(b, rng, pat, t0, d, None)
    b.state("light", _u(rng, _w("postictal")))
    b.obs.update(signs=[], back_to_normal_min=_recovery(b, rng, pat))


# --- paroxysmal events of infancy (clinical audit, section 6) ----------------------------------
def _check_choice(pattern: str, key: str, value, allowed) -> None:
    if value is not None and value not in tuple(allowed):
        raise ValueError(f"{key}={value!r} is not allowed for {pattern}: one of "
                         f"{tuple(allowed)}")


def _check_count(key: str, value, lo: int, hi: int) -> None:
    if value is not None and (isinstance(value, bool) or not isinstance(value, int)
                              or not lo <= value <= hi):
        raise ValueError(f"{key}={value!r} is not allowed: an int from {lo} to {hi}")


def _shuddering_attack(b: _Builder, rng: np.random.Generator, n_attacks: int | None = None,
                       provoked_by: str | None = None):
    """Brief shivering-like bouts of head, shoulders and arms while awake (VANASSE76).

    Each attack is one event of ``attack_s`` (a few seconds); a carer often marks excitement or
    feeding just before it (``provoked_by``, or drawn). Consciousness is preserved: back to
    normal at once, many attacks a day (``episodes_24h``).
    """
    pat = "shuddering_attack"
    lo, hi = _pp(pat, "attacks")
    _check_count("n_attacks", n_attacks, 1, 10)
    kinds = [k for k, _ in _pp(pat, "provoked_by")]
    _check_choice(pat, "provoked_by", provoked_by, kinds)
    n = n_attacks or int(rng.integers(lo, hi + 1))
    t = _u(rng, _w("lead_in"))
    for c in range(n):
        if provoked_by is not None or rng.random() < float(_pp(pat, "provoked_probability")):
            kind = provoked_by or _choice(rng, kinds, [w for _, w in _pp(pat, "provoked_by")])
            b.mark(t - _u(rng, _pp(pat, "provoke_lead_s")), kind)
        part = _choice(rng, _pp(pat, "body_parts"))
        b.events(t, _u(rng, _pp(pat, "attack_s")), part, _side_for(part, "both"),
                 _u(rng, _pp(pat, "amplitude")), cluster=c)
        t = t + float(_pp(pat, "attack_s")[1]) + _u(rng, _pp(pat, "interval_s"))
    b.state("wake", t + _u(rng, _w("tail")))
    elo, ehi = _pp(pat, "episodes_24h")
    b.obs.update(signs=[], episodes_24h=int(rng.integers(elo, ehi + 1)),
                 back_to_normal_min=float(_pp(pat, "back_to_normal_min")))


def _breath_holding_spell(b: _Builder, rng: np.random.Generator, kind: str | None = None,
                          anoxic: bool | None = None):
    """Crying (cyanotic) or a bump or fright (pallid), the breath stops, then the child goes limp.

    ``kind`` is ``"cyanotic"`` or ``"pallid"`` (a reflex anoxic seizure, STEPH78); ``anoxic``
    asks for (True) or forbids (False) a brief stiffening and a few irregular jerks at the end
    (default: drawn with ``anoxic_probability``). The spell, from the first breath held to the
    end of the last movement, is over within ``spell_max_s`` (60 s); recovery within a minute or
    two (``back_to_normal_min``).
    """
    pat = "breath_holding_spell"
    kinds = _pp(pat, "kinds")
    _check_choice(pat, "kind", kind, [k[0] for k in kinds])
    if anoxic is not None and not isinstance(anoxic, bool):
        raise ValueError(f"anoxic={anoxic!r} is not allowed: True, False or None")
    if kind is None:
        row = kinds[int(rng.choice(len(kinds), p=[k[3] for k in kinds]))]
    else:
        row = next(k for k in kinds if k[0] == kind)
    _, provoke, colour, _ = row
    end_phase = rng.random() < float(_pp(pat, "anoxic_probability")) if anoxic is None \
        else anoxic
    t_p = _u(rng, _w("lead_in"))
    b.mark(t_p, provoke)
    t_apnoea = t_p + _u(rng, _pp(pat, "provoke_to_apnoea_s"))
    t_limp = t_apnoea + _u(rng, _pp(pat, "apnoea_s"))
    limp = _u(rng, _pp(pat, "limp_s"))
    b.events(t_limp, limp, "whole_body", "both", _u(rng, _pp(pat, "limp_amplitude")), cluster=0)
    if end_phase:
        t = t_limp + limp
        stiff = _u(rng, _pp(pat, "anoxic_stiffening_s"))
        b.events(t, stiff, "whole_body", "both", _u(rng, _pp(pat, "anoxic_amplitude")),
                 cluster=0)
        jlo, jhi = _pp(pat, "anoxic_jerks")
        k = int(rng.integers(jlo, jhi + 1))
        on = t + stiff + np.cumsum(rng.uniform(*_pp(pat, "anoxic_jerk_interval_s"), k))
        part = _choice(rng, ("arm", "leg", "whole_body"))
        b.events(on, rng.uniform(*_cv("clonic_event_s"), k), part, "both",
                 rng.uniform(*_pp(pat, "anoxic_amplitude"), k), cluster=0)
    b.state("wake", t_limp + 2 * float(_pp(pat, "spell_max_s")) + _u(rng, _w("tail")))
    first = bool(rng.random() < float(_pp(pat, "first_episode_probability")))
    b.obs.update(signs=[colour], episodes_24h=1, first_episode=first,
                 back_to_normal_min=round(_u(rng, _pp(pat, "back_to_normal_min")), 1))


def _hyperekplexia(b: _Builder, rng: np.random.Generator, n_startles: int | None = None,
                   provoked_by: str | None = None):
    """Exaggerated startles of a newborn to touch or noise, each followed by stiffening.

    Each startle is a brief whole-body jump ``latency_s`` after the stimulus, then a tonic
    (stiff) phase of ``tonic_s``; the baby is stiff between episodes
    (``stiff_between_episodes``) and may have apnoea during them (THOMAS13).
    """
    pat = "hyperekplexia"
    lo, hi = _pp(pat, "startles")
    _check_count("n_startles", n_startles, 1, 10)
    kinds = [k for k, _ in _pp(pat, "provoked_by")]
    _check_choice(pat, "provoked_by", provoked_by, kinds)
    n = n_startles or int(rng.integers(lo, hi + 1))
    t = _u(rng, _w("lead_in"))
    for c in range(n):
        b.mark(t, provoked_by or _choice(rng, kinds, [w for _, w in _pp(pat, "provoked_by")]))
        t0 = t + _u(rng, _pp(pat, "latency_s"))
        jump = _u(rng, _pp(pat, "startle_s"))
        b.events(t0, jump, "whole_body", "both", _u(rng, _pp(pat, "startle_amplitude")),
                 cluster=c)
        tonic = _u(rng, _pp(pat, "tonic_s"))
        b.events(t0 + jump, tonic, "whole_body", "both", _u(rng, _pp(pat, "tonic_amplitude")),
                 cluster=c)
        t = t0 + jump + tonic + _u(rng, _pp(pat, "interval_s"))
    b.state("wake", t + _u(rng, _w("tail")))
    signs = []
    if rng.random() < float(_pp(pat, "stiff_between_probability")):
        signs.append("stiff_between_episodes")
    if rng.random() < float(_pp(pat, "apnoea_probability")):
        signs.append("apnea")
    b.obs.update(signs=signs)


def _rhythmic_movement_disorder(b: _Builder, rng: np.random.Generator,
                                duration_s: float | None = None, kind: str | None = None):
    """Rhythmic head banging, body rocking or head rolling as a child falls asleep (ICSD3).

    Starts seconds after sleep onset, goes on at 0.5-2 Hz for ``duration_s`` (minutes), and
    stops when the carer wakes the child (a ``woken`` marker at the start of wake).
    """
    pat = "rhythmic_movement_disorder"
    d = _check_duration(pat, duration_s, 10.0, 3600.0)
    d = _u(rng, _pp(pat, "duration_s")) if d is None else d
    kinds = _pp(pat, "kinds")
    _check_choice(pat, "kind", kind, [k[0] for k in kinds])
    if kind is None:
        row = kinds[int(rng.choice(len(kinds), p=[k[2] for k in kinds]))]
    else:
        row = next(k for k in kinds if k[0] == kind)
    part = row[1]
    b.state("wake", _u(rng, _w("lead")))
    lead = _u(rng, _pp(pat, "onset_after_sleep_s"))
    s0, s1 = b.state("onset", lead + d)
    t0 = s0 + lead
    f = _u(rng, _pp(pat, "simulated_hz"))
    on = _clonic_train(rng, t0, s1, f, f, jitter=float(_pp(pat, "timing_jitter")))
    dur = rng.uniform(*_pp(pat, "event_duration_s"), on.size)
    stop = s1 - _u(rng, _pp(pat, "stop_after_woken_s"))
    ok = on + dur <= stop  # the movements stop when the child is woken
    on, dur = on[ok], dur[ok]
    jitter = float(_pp(pat, "amplitude_jitter"))
    amp = _u(rng, _pp(pat, "amplitude")) * rng.uniform(1 - jitter, 1 + jitter, on.size)
    b.events(on, dur, part, "midline", amp)
    w0, _ = b.state("wake", _u(rng, _w("after")))
    b.mark(w0, "woken")
    b.obs.update(signs=[])


def _neonatal_seizure(b: _Builder, rng: np.random.Generator, duration_s: float | None = None,
                      kind: str | None = None, side: str | None = None,
                      from_sleep: bool | None = None):
    """A focal clonic (or tonic) seizure of one limb in a newborn (PRESS21).

    Clonic: rhythmic slow jerks of one limb at ``clonic_hz`` (1-3 Hz) that slow a little;
    tonic: one sustained posture of the limb. Not provoked by a stimulus; holding the limb (a
    ``held`` marker, with ``held_probability``) does not stop it; from sleep it goes on when the
    baby wakes. ``duration_s`` from 10 s (default 10-180 s).
    """
    pat = "neonatal_seizure"
    d = _check_duration(pat, duration_s, float(_pp(pat, "min_duration_s")), 3600.0)
    d = _u(rng, _pp(pat, "default_duration_s")) if d is None else d
    kinds = _pp(pat, "kinds")
    _check_choice(pat, "kind", kind, [k for k, _ in kinds])
    if side is not None and side not in ("left", "right"):
        raise ValueError(f"side={side!r} is not allowed for {pat}: 'left' or 'right'")
    _check_from_sleep(from_sleep)
    kind = kind or _choice(rng, [k for k, _ in kinds], [w for _, w in kinds])
    side = side or _choice(rng, ("left", "right"))
    sleep = rng.random() < float(_pp(pat, "from_sleep_probability")) if from_sleep is None \
        else from_sleep
    lead = _u(rng, _w("lead"))
    if sleep:
        frac = _u(rng, _pp(pat, "asleep_fraction"))
        q0, _ = b.state(_choice(rng, ("quiet", "active")), lead + d * frac)
        b.state("wake", d * (1 - frac) + _u(rng, _w("after")))
        t0 = q0 + lead
    else:
        w0, _ = b.state("wake", lead + d + _u(rng, _w("after")))
        t0 = w0 + lead
    part = _choice(rng, _pp(pat, "body_parts"))
    if kind == "clonic":
        f0 = _u(rng, _pp(pat, "clonic_hz"))
        on = _clonic_train(rng, t0, t0 + d, f0, f0 * float(_pp(pat, "clonic_slowing")))
        b.events(on, rng.uniform(*_pp(pat, "event_duration_s"), on.size), part, side,
                 rng.uniform(*_pp(pat, "amplitude"), on.size), cluster=0)
    else:
        b.events(t0, d, part, side, _u(rng, _pp(pat, "tonic_amplitude")), cluster=0)
    if kind == "clonic" and rng.random() < float(_pp(pat, "held_probability")):
        # holding does not stop a seizure: mark it only where jerks clearly go on after it
        t_held = t0 + d * _u(rng, _pp(pat, "held_at_fraction"))
        if on.size and on[-1] - t_held > 2 * float(P.FEATURE_PARAMS["stop_grace_s"].value):
            b.mark(t_held, "held")
    signs = []
    if rng.random() < float(_pp(pat, "eye_deviation_probability")):
        signs.append("eye_deviation")
    if rng.random() < float(_pp(pat, "apnoea_probability")):
        signs.append("apnea")
    b.obs.update(signs=signs)


GENERATORS: dict[str, Callable[..., None]] = {
    "sleep_twitches": _sleep_twitches,
    "hypnic_jerk": _hypnic_jerk,
    "bnsm": _bnsm,
    "jitteriness": _jitteriness,
    "benign_myoclonus_of_infancy": _benign_myoclonus_of_infancy,
    "infantile_spasms": _infantile_spasms,
    "simple_febrile_seizure": _simple_febrile_seizure,
    "complex_febrile_seizure": _complex_febrile_seizure,
    "focal_seizure": _focal_seizure,
    "generalized_seizure": _generalized_seizure,
    "shuddering_attack": _shuddering_attack,
    "breath_holding_spell": _breath_holding_spell,
    "hyperekplexia": _hyperekplexia,
    "rhythmic_movement_disorder": _rhythmic_movement_disorder,
    "neonatal_seizure": _neonatal_seizure,
}
"""Pattern name -> generator(builder, rng, **pattern_params)."""

_FEBRILE = ("simple_febrile_seizure", "complex_febrile_seizure")


def pattern_options(pattern: str) -> tuple[str, ...]:
    """Names of the keyword parameters ``simulate_episode`` accepts for ``pattern``."""
    if pattern not in GENERATORS:
        raise ValueError(f"pattern={pattern!r} is not allowed: one of "
                         f"{P.SIMULATED_PATTERNS}")
    return tuple(inspect.signature(GENERATORS[pattern]).parameters)[2:]


def simulate_episode(pattern: str, age_days: int, *, gestation_weeks: float = 40.0,
                     temperature_c: float | None = None, seed=None, **pattern_params
                     ) -> Timeline:
    """Simulate a window of sleep/wake states with one episode of ``pattern``.

    Parameters
    ----------
    pattern : str
        One of :data:`twitchlab.params.SIMULATED_PATTERNS` (the ten cohort patterns of
        :data:`~twitchlab.params.PATTERNS` and the paroxysmal events of infancy of
        :data:`~twitchlab.params.PAROXYSMAL_PATTERNS`).
    age_days : int
        Chronological age, days; must lie in the pattern's age range
        (:func:`twitchlab.params.pattern_age_days`).
    gestation_weeks : float
        Gestation at birth, weeks (22-44).
    temperature_c : float, optional
        Body temperature, °C. Febrile seizures need >= 38.0 (drawn from 38.0-40.5 when None).
    seed : int, numpy.random.Generator or None
        Source of randomness.
    **pattern_params
        Pattern options (see :func:`pattern_options`), e.g. ``duration_s`` (s) for seizures and
        BNSM, ``complex_by`` for complex febrile seizures, ``n_spasms`` / ``when`` for spasms;
        ``n_attacks`` / ``provoked_by`` for shuddering attacks, ``kind`` (``"cyanotic"`` or
        ``"pallid"``) / ``anoxic`` for breath-holding spells, ``n_startles`` / ``provoked_by`` for
        hyperekplexia, ``duration_s`` (s) / ``kind`` for rhythmic movement disorder and
        ``duration_s`` (s, from 10) / ``kind`` (``"clonic"`` or ``"tonic"``) / ``side`` /
        ``from_sleep`` for neonatal seizures.

    Returns
    -------
    Timeline
        States tile the window; events lie only in states where the pattern occurs.
    """
    if pattern not in GENERATORS:
        raise ValueError(f"pattern={pattern!r} is not allowed: one of "
                         f"{P.SIMULATED_PATTERNS}")
    rng, seed_int = make_rng(seed)
    lo, hi = P.pattern_age_days(pattern)
    if isinstance(age_days, bool) or not isinstance(age_days, int | np.integer) \
            or not lo <= age_days <= hi:
        src = P.PATTERN_PARAMS[pattern]["age_days"].source
        raise ValueError(f"age_days={age_days!r} is not allowed for {pattern}: an int from {lo} "
                         f"to {hi} days ({src})")
    allowed = pattern_options(pattern)
    for key in pattern_params:
        if key not in allowed:
            raise ValueError(f"{key}={pattern_params[key]!r} is not a parameter of {pattern}; "
                             f"allowed: {allowed or 'none'}")
    if pattern in _FEBRILE:
        flo, fhi = _pp(pattern, "fever_c")
        if temperature_c is None:
            temperature_c = round(float(rng.uniform(flo, fhi)), 1)
        elif isinstance(temperature_c, bool) or not isinstance(temperature_c, int | float) \
                or not flo <= temperature_c <= P.TEMPERATURE_C_RANGE[1]:
            raise ValueError(f"temperature_c={temperature_c!r} is not allowed for {pattern}: "
                             f"fever from {flo} to {P.TEMPERATURE_C_RANGE[1]} °C (AAP11)")
    ctx = Context(age_days=int(age_days), gestation_weeks=gestation_weeks,
                  temperature_c=temperature_c, pattern=pattern, seed=seed_int)
    builder = _Builder(ctx, pattern)
    GENERATORS[pattern](builder, rng, **pattern_params)
    return builder.build()


def placement_ok(timeline: Timeline) -> np.ndarray:
    """For each event, whether it lies where its pattern occurs (bool array).

    Sleep twitches: the stages of :func:`twitchlab.params.pattern_states` (age-dependent).
    Hypnic jerks: the first sleep stage within ``HYPNIC_WINDOW_S`` of a wake-to-sleep transition.
    BNSM: a sleep stage, and the whole jerk ends before the next wake.
    Others: the stages listed in the pattern's ``states`` parameter; febrile seizures and other
    seizures may occur in any state.
    """
    n = timeline.n_events
    ok = np.zeros(n, dtype=bool)
    if n == 0:
        return ok
    corrected = timeline.context.corrected_age_days
    idx = timeline.state_index_at(timeline.event_onset_s)
    st = timeline.state[idx]
    hyp = float(P.HYPNIC_WINDOW_S.value)
    for pattern in np.unique(timeline.event_pattern):
        m = timeline.event_pattern == pattern
        allowed = np.isin(st[m], list(P.pattern_states(str(pattern), corrected)))
        if pattern == "hypnic_jerk":
            i = idx[m]
            prev_w = (i > 0) & (timeline.state[np.maximum(i - 1, 0)] == "W")
            soon = timeline.event_onset_s[m] - timeline.state_start_s[i] <= hyp
            allowed &= prev_w & soon
        if pattern == "bnsm":
            end = timeline.event_onset_s[m] + timeline.event_duration_s[m]
            allowed &= end <= timeline.state_end_s[idx[m]]
        ok[m] = allowed
    return ok
