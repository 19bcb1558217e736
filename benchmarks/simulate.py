"""``simulate``: 1,000 infant nights of 12 h with their sleep twitches, vectorised.

``simulate_1000_nights_s``: median time of one :func:`twitchlab.simulate_nights` call (term
newborn, 14 days, 12 h, twitches placed). ``simulate_naive_1000_nights_s``: the same nights
made one at a time with :func:`twitchlab.simulate_night` in a Python loop, in the same run.
``simulate_peak_mib``: peak memory allocated by Python during one vectorised batch (tracemalloc,
measured in a separate call so tracing does not slow the timed runs). Goal (issue 3): <= 0.5 s.
"""

from __future__ import annotations

import tracemalloc

from benchmarks.harness import Figure, at_most, median_time, spread

AGE_DAYS = 14  # a term newborn: infant scoring, the most twitches
HOURS = 12.0
N_NIGHTS = 1000
QUICK_N_NIGHTS = 20
REPEAT = 7
NAIVE_REPEAT = 3
GOAL_S = 0.5


def _api():
    import twitchlab

    try:
        return twitchlab.simulate_nights, twitchlab.simulate_night
    except AttributeError:  # before the package re-exports them
        from twitchlab import sleep

        return sleep.simulate_nights, sleep.simulate_night


def run(quick: bool = False, repeat: int | None = None) -> list[Figure]:
    simulate_nights, simulate_night = _api()
    n = QUICK_N_NIGHTS if quick else N_NIGHTS
    reps = repeat or (1 if quick else REPEAT)
    naive_reps = repeat or (1 if quick else NAIVE_REPEAT)

    def batch():
        return simulate_nights(n, AGE_DAYS, hours=HOURS, seed=1)

    def loop():
        return [simulate_night(AGE_DAYS, hours=HOURS, seed=1 + i) for i in range(n)]

    result = batch()  # warm up; check it made what it says
    if getattr(result, "n", n) != n:
        raise RuntimeError(f"simulate_nights({n}, ...) returned {result!r}")
    fast_s, fast = median_time(batch, reps)
    naive_s, naive = median_time(loop, naive_reps)
    tracemalloc.start()
    try:
        batch()
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    size = f"{n} nights of {HOURS:g} h at {AGE_DAYS} days"
    scale = N_NIGHTS / n  # quick runs report the per-1,000 equivalent; the note says so
    note = size + ("" if n == N_NIGHTS else f" (x{scale:g} to 1,000)") + "; "
    return [
        at_most("simulate_1000_nights_s", fast_s * scale, "s", GOAL_S, note=note + spread(fast)),
        Figure("simulate_naive_1000_nights_s", naive_s * scale, "s",
               note="the same nights one by one with simulate_night; " + spread(naive)),
        Figure("simulate_peak_mib", peak / 2**20, "MiB",
               note=f"tracemalloc peak during one batch of {n} nights"),
    ]
