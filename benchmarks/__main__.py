"""``python -m benchmarks [NAME ...] [--quick] [--repeat N] [--json] [--write FILE]``.

Runs the named benchmarks (all by default: widget, simulate, autograde, book), prints a table of
figures with their goals, and with ``--json`` ends with one line holding a JSON object of the
figures. ``--write benchmarks/RESULTS.md`` also writes the report (figures, machine, date).
``--quick`` runs every benchmark once on a tiny size (the smoke test uses it): its figures say
nothing about speed. A benchmark that fails is reported and the others still run; the exit
status is then 1.
"""

from __future__ import annotations

import argparse
import importlib
import sys
import traceback
from pathlib import Path

from benchmarks import BENCHMARKS
from benchmarks.harness import as_json, machine, markdown, now_utc, table


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        prog="python -m benchmarks",
        description="Measure the course's speed as a user feels it (medians of repeated runs).",
    )
    parser.add_argument("names", nargs="*", metavar="NAME",
                        help=f"benchmarks to run (default all): {', '.join(BENCHMARKS)}")
    parser.add_argument("--quick", action="store_true",
                        help="one run on a tiny size, to check the harness works (no real figures)")
    parser.add_argument("--repeat", type=int, default=None,
                        help="repeats per measurement (default: each benchmark's own)")
    parser.add_argument("--json", action="store_true",
                        help="end the output with one line holding a JSON object of the figures")
    parser.add_argument("--write", type=Path, default=None, metavar="FILE",
                        help="also write the Markdown report (e.g. benchmarks/RESULTS.md)")
    args = parser.parse_args(argv)
    unknown = [n for n in args.names if n not in BENCHMARKS]
    if unknown:
        parser.error(f"unknown benchmark(s) {unknown}; allowed: {list(BENCHMARKS)}")
    if args.repeat is not None and args.repeat < 1:
        parser.error(f"--repeat={args.repeat} is not allowed: an int >= 1")
    return args


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    names = args.names or list(BENCHMARKS)
    figures, errors = [], {}
    for name in names:
        print(f"== {name}{' (quick)' if args.quick else ''}", file=sys.stderr, flush=True)
        module = importlib.import_module(f"benchmarks.{name}")
        try:
            figures.extend(module.run(quick=args.quick, repeat=args.repeat))
        except Exception as exc:  # report it, run the others, exit 1 at the end
            figures.extend(getattr(exc, "figures", []))
            traceback.print_exc(file=sys.stderr)
            errors[name] = f"{type(exc).__name__}: {exc}".splitlines()[0][:300]
    date, info = now_utc(), machine()
    print()
    print(table(figures))
    for name, msg in errors.items():
        print(f"! {name} could not run: {msg}")
    if args.write is not None:
        command = "python -m benchmarks " + " ".join(
            (["--quick"] if args.quick else []) + [f"--write {args.write}"] + args.names)
        args.write.parent.mkdir(parents=True, exist_ok=True)
        args.write.write_text(markdown(figures, info, date, errors, command.strip()),
                              encoding="utf-8")
        print(f"wrote {args.write}")
    if args.json:
        print(as_json(figures, info, date, errors), flush=True)
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main())
