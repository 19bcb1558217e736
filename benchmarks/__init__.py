"""The course's benchmark harness: ``python -m benchmarks [NAME ...] [--json] [--write FILE]``.

One module per benchmark (:mod:`benchmarks.widget`, :mod:`benchmarks.simulate`,
:mod:`benchmarks.autograde`, :mod:`benchmarks.book`), each with ``run(quick, repeat)`` returning
:class:`benchmarks.harness.Figure` records. Figures are medians of repeated runs; each fast path
is measured beside its naive counterpart in the same run. Benchmarks are not tests: nothing here
asserts a time; ``tests/test_benchmarks_smoke.py`` only checks that every benchmark still runs.
"""

BENCHMARKS = ("widget", "simulate", "autograde", "book")
