"""``widget``: a control change in the timeline explorer, as the student feels it.

``widget_update_ms``: median time from setting a control of
:func:`twitchlab.widgets.timeline_explorer` (the episode seed) to its one figure updated in place
and rendered to PNG, in-process. ``widget_naive_ms``: the same change handled by re-creating the
figure from scratch (:func:`twitchlab.widgets.naive_timeline_png`), measured in the same run on
the same seeds, alternating with the fast path. Goals (issue 5): ratio <= 0.4, update <= 40 ms.
"""

from __future__ import annotations

import os
import statistics
import time

from benchmarks.harness import Figure, at_most, spread

PATTERN = "bnsm"
REPEAT = 21
QUICK_REPEAT = 2
UPDATE_GOAL_MS = 40.0
RATIO_GOAL = 0.4


def run(quick: bool = False, repeat: int | None = None) -> list[Figure]:
    os.environ.setdefault("MPLBACKEND", "Agg")
    from twitchlab import widgets

    n = repeat or (QUICK_REPEAT if quick else REPEAT)
    ex = widgets.timeline_explorer(pattern=PATTERN, seed=0)
    values = ex.values()
    seed = ex.controls["seed"]
    seeds = [1 + (i % (seed.max - 1)) for i in range(n)]
    # Warm both paths (imports, font cache) before measuring.
    widgets.naive_timeline_png(PATTERN, values["age_days"], values["temperature_c"], 0)
    fast, naive = [], []
    for s in seeds:
        renders = ex.renders
        start = time.perf_counter()
        seed.value = s  # the observer recomputes, updates the artists and renders the PNG
        fast.append(time.perf_counter() - start)
        if ex.renders != renders + 1:
            raise RuntimeError(f"setting seed={s} rendered {ex.renders - renders} times, not once")
        start = time.perf_counter()
        png = widgets.naive_timeline_png(PATTERN, values["age_days"], values["temperature_c"], s)
        naive.append(time.perf_counter() - start)
        if not png.startswith(b"\x89PNG"):
            raise RuntimeError("naive_timeline_png did not return a PNG")
    update_ms = statistics.median(fast) * 1000
    naive_ms = statistics.median(naive) * 1000
    how = f"timeline explorer, pattern {PATTERN}, seed changed; "
    return [
        at_most("widget_update_ms", update_ms, "ms", UPDATE_GOAL_MS,
                note=how + spread(fast, 1000, "ms")),
        Figure("widget_naive_ms", naive_ms, "ms",
               note="same changes, figure re-created each time; " + spread(naive, 1000, "ms")),
        at_most("widget_ratio", update_ms / naive_ms, "ratio", RATIO_GOAL,
                goal_text=f"<= {RATIO_GOAL}", note="widget_update_ms / widget_naive_ms"),
    ]
