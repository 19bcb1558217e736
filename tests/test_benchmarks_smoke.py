"""The benchmark harness still runs: each benchmark once, on a tiny size (``--quick``).

No timing is asserted here (speed is reported by ``make bench``); these tests check that every
benchmark produces its named figures, that ``--json`` ends with one JSON object and that
``--write`` writes a report a reader can use.
"""

from __future__ import annotations

import json
import math
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]

EXPECTED = {
    "widget": ["widget_update_ms", "widget_naive_ms", "widget_ratio"],
    "simulate": ["simulate_1000_nights_s", "simulate_naive_1000_nights_s", "simulate_peak_mib"],
    "autograde": ["autograde_s_per_submission", "autograde_class_s"],
    "book": ["book_build_clean_s", "book_build_cached_s", "book_cached_ratio", "lesson_exec_s"],
}


def bench(*args: str, timeout: int = 900) -> subprocess.CompletedProcess:
    env = {**os.environ, "MPLBACKEND": "Agg"}
    return subprocess.run([sys.executable, "-m", "benchmarks", *args], cwd=ROOT, env=env,
                          capture_output=True, text=True, timeout=timeout)


def last_json(stdout: str) -> dict:
    lines = [line for line in stdout.splitlines() if line.strip()]
    assert lines, "the harness printed nothing"
    return json.loads(lines[-1])


def positive_numbers(value) -> list[float]:
    values = list(value.values()) if isinstance(value, dict) else [value]
    return [v for v in values if isinstance(v, int | float) and math.isfinite(v) and v > 0]


@pytest.mark.parametrize("name", [
    "widget",
    "simulate",
    pytest.param("autograde", marks=pytest.mark.slow),
    pytest.param("book", marks=pytest.mark.slow),
])
def test_each_benchmark_runs_once_on_a_tiny_size(name):
    proc = bench(name, "--quick", "--json")
    assert proc.returncode == 0, f"{name} failed:\n{proc.stdout[-3000:]}\n{proc.stderr[-3000:]}"
    result = last_json(proc.stdout)
    assert result["errors"] == {}
    for figure in EXPECTED[name]:
        assert figure in result["figures"], f"{name} did not report {figure}"
        assert positive_numbers(result["figures"][figure]), f"{figure}: {result['figures']}"
    table = proc.stdout
    for figure in EXPECTED[name]:
        assert figure in table, f"the table has no row for {figure}"


def test_write_makes_a_report_with_figures_goals_machine_and_date(tmp_path):
    report = tmp_path / "RESULTS.md"
    proc = bench("simulate", "--quick", "--write", str(report))
    assert proc.returncode == 0, proc.stderr[-3000:]
    text = report.read_text(encoding="utf-8")
    assert "`simulate_1000_nights_s`" in text and "<= 0.5 s" in text
    assert "## Machine" in text and "cores" in text
    assert "UTC" in text


def test_an_unknown_benchmark_is_refused_with_the_allowed_names():
    proc = bench("widgets")
    assert proc.returncode == 2
    assert "unknown benchmark(s) ['widgets']" in proc.stderr
    assert "'widget', 'simulate', 'autograde', 'book'" in proc.stderr
