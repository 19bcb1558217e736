"""Shared pieces of the benchmarks: figures, goals, timing, machine description, report."""

from __future__ import annotations

import json
import math
import os
import platform
import statistics
import subprocess
import sys
import time
from collections.abc import Callable, Iterable, Sequence
from dataclasses import asdict, dataclass
from datetime import UTC, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


@dataclass(frozen=True)
class Figure:
    """One measured figure.

    Attributes
    ----------
    name : str
        The figure's name, e.g. ``"widget_update_ms"`` (the names of the issue, exactly).
    value : float
        The measurement, in ``unit``.
    unit : str
        ``"ms"``, ``"s"``, ``"MiB"`` or ``"ratio"``.
    key : str
        Sub-key for figures measured per item (``lesson_exec_s`` per lesson), else ``""``.
    goal : str
        The goal in words (``"<= 0.5 s"``), ``""`` when the issue sets none.
    met : bool or None
        Whether the goal is met; None when there is no goal.
    note : str
        How it was measured (repeats, sizes) or what went wrong.
    """

    name: str
    value: float
    unit: str
    key: str = ""
    goal: str = ""
    met: bool | None = None
    note: str = ""

    @property
    def label(self) -> str:
        return f"{self.name}[{self.key}]" if self.key else self.name


class BenchmarkError(RuntimeError):
    """A benchmark failed part-way; ``figures`` holds what it measured before that."""

    def __init__(self, message: str, figures: Sequence[Figure] = ()):
        super().__init__(message)
        self.figures = list(figures)


def at_most(name: str, value: float, unit: str, limit: float, *, key: str = "",
            note: str = "", goal_text: str | None = None) -> Figure:
    """A figure whose goal is ``value <= limit``."""
    goal = goal_text or f"<= {limit:g} {unit}".replace(" ratio", "")
    return Figure(name, value, unit, key=key, goal=goal, met=bool(value <= limit), note=note)


def time_once(fn: Callable[[], object]) -> float:
    """Wall-clock seconds of one call of ``fn``."""
    start = time.perf_counter()
    fn()
    return time.perf_counter() - start


def median_time(fn: Callable[[], object], repeat: int) -> tuple[float, list[float]]:
    """Median wall-clock seconds of ``repeat`` calls (and every sample)."""
    if repeat < 1:
        raise ValueError(f"repeat={repeat!r} is not allowed: an int >= 1")
    samples = [time_once(fn) for _ in range(repeat)]
    return statistics.median(samples), samples


def spread(samples: Sequence[float], scale: float = 1.0, unit: str = "s") -> str:
    """``"n=7, min 0.21 s, max 0.30 s"`` for a note."""
    return (f"n={len(samples)}, min {min(samples) * scale:.3g} {unit}, "
            f"max {max(samples) * scale:.3g} {unit}")


def machine() -> dict[str, str]:
    """What the figures were measured on (CPU model, cores, memory, Python, OS)."""
    cpu = platform.processor() or platform.machine()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    mem = ""
    try:
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemTotal"):
                mem = f"{int(line.split()[1]) / 1024 / 1024:.1f} GiB"
                break
    except (OSError, ValueError):
        pass
    load = ""
    if hasattr(os, "getloadavg"):
        load = " / ".join(f"{x:.2f}" for x in os.getloadavg())
    commit = ""
    try:
        commit = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=ROOT,
                                capture_output=True, text=True, check=True).stdout.strip()
    except (OSError, subprocess.CalledProcessError):
        pass
    return {
        "cpu": cpu,
        "cores": str(os.cpu_count()),
        "memory": mem,
        "load_average_1_5_15_min": load,
        "python": sys.version.split()[0],
        "platform": platform.platform(),
        "commit": commit,
    }


def now_utc() -> str:
    return datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC")


def _fmt(value: float) -> str:
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return "-"
    if abs(value) >= 100:
        return f"{value:.0f}"
    if abs(value) >= 1:
        return f"{value:.2f}"
    return f"{value:.3g}"


def _verdict(fig: Figure) -> str:
    if fig.met is None:
        return ""
    return "met" if fig.met else "MISSED"


def table(figures: Iterable[Figure]) -> str:
    """A plain-text table: figure, value, unit, goal, verdict, note."""
    rows = [("figure", "value", "unit", "goal", "", "how")]
    rows += [(f.label, _fmt(f.value), f.unit, f.goal, _verdict(f), f.note) for f in figures]
    widths = [max(len(r[i]) for r in rows) for i in range(5)]
    lines = []
    for i, r in enumerate(rows):
        cells = [r[j].ljust(widths[j]) if j != 1 else r[j].rjust(widths[j]) for j in range(5)]
        lines.append("  ".join(cells + [r[5]]).rstrip())
        if i == 0:
            lines.append("  ".join("-" * w for w in widths) + "  ---")
    return "\n".join(lines)


def markdown(figures: Sequence[Figure], info: dict[str, str], date: str,
             errors: dict[str, str], command: str) -> str:
    """RESULTS.md: the figures with their goals, the machine and the date."""
    out = [
        "# Benchmark results",
        "",
        f"Measured {date} with `{command}` (written by the harness; do not edit by hand).",
        "Each figure is the median of repeated runs; each fast path was measured beside its",
        "naive counterpart in the same run. The machine is shared, so expect some noise.",
        "",
        "| figure | value | unit | goal | verdict | how |",
        "| --- | ---: | --- | --- | --- | --- |",
    ]
    for f in figures:
        note = f.note.replace("|", "/")
        out.append(f"| `{f.label}` | {_fmt(f.value)} | {f.unit} | {f.goal} | {_verdict(f)} "
                   f"| {note} |")
    if errors:
        out += ["", "## Benchmarks that could not run", ""]
        out += [f"- `{name}`: {msg}" for name, msg in errors.items()]
    out += ["", "## Machine", ""]
    out += [f"- {k.replace('_', ' ')}: {v}" for k, v in info.items() if v]
    out += [
        "",
        "Goals (issues 3, 5, 9): widget update <= 0.4 x the naive redraw and <= 40 ms;",
        "1,000 infant nights of 12 h with events <= 0.5 s; a cached book rebuild <= 15 % of a",
        "clean build; every lesson executes in <= 10 s (fresh kernel, start-up included).",
        "",
    ]
    return "\n".join(out)


def as_json(figures: Sequence[Figure], info: dict[str, str], date: str,
            errors: dict[str, str]) -> str:
    """One JSON object on one line: figures by name (per-item ones as a mapping), goals, errors."""
    values: dict[str, object] = {}
    for f in figures:
        if f.key:
            values.setdefault(f.name, {})[f.key] = f.value  # type: ignore[index]
        else:
            values[f.name] = f.value
    return json.dumps({
        "figures": values,
        "details": [asdict(f) for f in figures],
        "goals_met": all(f.met is not False for f in figures),
        "errors": errors,
        "machine": info,
        "date": date,
    }, separators=(",", ":"), allow_nan=False, default=str)
