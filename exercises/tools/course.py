"""Instructor workflow for the nbgrader course, one subcommand per step.

Run from anywhere (the make targets in ``exercises/exercises.mk`` call it)::

    python exercises/tools/course.py release  [ASSIGNMENT ...]   # due dates, generate, release
    python exercises/tools/course.py collect  [ASSIGNMENT ...]   # from the nbgrader exchange
    python exercises/tools/course.py import   ASSIGNMENT PATH    # a folder or .zip of submissions
    python exercises/tools/course.py autograde [ASSIGNMENT ...] [--force]
    python exercises/tools/course.py feedback [ASSIGNMENT ...]   # generate + release feedback
    python exercises/tools/course.py export   [--to FILE]        # grades to CSV

Every step runs the real ``nbgrader`` command of the course's environment in the course folder,
so what the make targets do is what the formgrader does. ``autograde`` grades one student at a
time, prints a line per student as it goes, and ends with a summary naming every student whose
submission had a problem (missing or misnamed notebook, extra files, a notebook that is not
valid JSON, a kernel that died); everybody else is graded regardless.
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import subprocess
import sys
import time
import tomllib
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

COURSE_DIR = Path(__file__).resolve().parents[1]
SCHEDULE_FILE = "schedule.toml"
#: nbgrader's own files in a submission folder (never a student's "extra file").
NBGRADER_SUBMISSION_FILES = {"timestamp.txt", "submission_secret.txt"}
IGNORED_SUBMISSION_FILES = NBGRADER_SUBMISSION_FILES | {".ipynb_checkpoints"}

# nbgrader's gradebook runs the `alembic` command of its own environment: put that environment's
# bin folder first on PATH (for this process and the nbgrader commands it starts), as `make` does.
_BIN = str(Path(sys.executable).parent)
if _BIN not in os.environ.get("PATH", "").split(os.pathsep):
    os.environ["PATH"] = _BIN + os.pathsep + os.environ.get("PATH", "")


def nbgrader_executable() -> str:
    """The ``nbgrader`` command next to this Python (the course venv), else the one on PATH."""
    beside = Path(sys.executable).with_name("nbgrader")
    if beside.exists():
        return str(beside)
    found = shutil.which("nbgrader")
    if found is None:
        raise FileNotFoundError("nbgrader is not installed: run `make venv` at the course root")
    return found


def run_nbgrader(args: list[str], course_dir: Path = COURSE_DIR, *, check: bool = True,
                 quiet: bool = False) -> subprocess.CompletedProcess:
    """Run ``nbgrader ARGS`` in ``course_dir`` and return the finished process.

    Output is captured; with ``quiet=False`` it is echoed. ``check=True`` raises
    ``RuntimeError`` with nbgrader's log when the command fails.
    """
    env = dict(os.environ)
    env.setdefault("MPLBACKEND", "Agg")
    env.setdefault("PYTHONHASHSEED", "0")
    proc = subprocess.run([nbgrader_executable(), *args], cwd=course_dir, env=env,
                          capture_output=True, text=True)
    if not quiet:
        sys.stdout.write(proc.stdout)
        sys.stdout.write(proc.stderr)
    if check and proc.returncode != 0:
        raise RuntimeError(f"`nbgrader {' '.join(args)}` failed ({proc.returncode}):\n"
                           f"{proc.stdout}{proc.stderr}")
    return proc


def assignments(course_dir: Path = COURSE_DIR) -> list[str]:
    """Assignment names in course order: those in schedule.toml first, then any other source."""
    source = course_dir / "source"
    present = sorted(p.name for p in source.iterdir() if p.is_dir()) if source.is_dir() else []
    ordered = [a for a in schedule(course_dir) if a in present]
    return ordered + [a for a in present if a not in ordered]


#: What a working copy of the course needs besides the assignments' source notebooks.
COURSE_FILES = ("nbgrader_config.py", "header.ipynb", "schedule.toml", "tools")


def copy_course(dest: Path, names: list[str] | None = None,
                course_dir: Path = COURSE_DIR) -> Path:
    """Copy the course's config, header, schedule and tools into ``dest``, with the source of the
    assignments ``names`` (all of them when None; ``[]`` for none). Returns ``dest``."""
    dest.mkdir(parents=True, exist_ok=True)
    for name in COURSE_FILES:
        src = course_dir / name
        if src.is_dir():
            shutil.copytree(src, dest / name, ignore=shutil.ignore_patterns("__pycache__"))
        else:
            shutil.copy2(src, dest / name)
    for name in assignments(course_dir) if names is None else names:
        shutil.copytree(course_dir / "source" / name, dest / "source" / name,
                        ignore=shutil.ignore_patterns(".ipynb_checkpoints"))
    return dest


def schedule(course_dir: Path = COURSE_DIR) -> dict[str, str]:
    """Due dates by assignment, from ``schedule.toml`` (empty when the file is missing)."""
    path = course_dir / SCHEDULE_FILE
    if not path.exists():
        return {}
    with open(path, "rb") as fh:
        table = tomllib.load(fh)
    dates = {}
    for name, entry in table.items():
        if not isinstance(entry, dict) or not isinstance(entry.get("duedate"), str):
            raise ValueError(f"{path}: [{name}] needs duedate = \"YYYY-MM-DD HH:MM:SS UTC\"")
        dates[name] = entry["duedate"]
    return dates


def _chosen(names: list[str], course_dir: Path) -> list[str]:
    known = assignments(course_dir)
    for name in names:
        if name not in known:
            raise ValueError(f"assignment={name!r}: allowed are {', '.join(known)}")
    return names or known


# --- leaks: what must never reach a student ------------------------------------------------

REGIONS = (("BEGIN SOLUTION", "END SOLUTION"), ("BEGIN HIDDEN TESTS", "END HIDDEN TESTS"),
           ("BEGIN MARK SCHEME", "END MARK SCHEME"))


def secret_lines(notebook_path: Path, min_chars: int = 8) -> list[str]:
    """The lines only found inside solution, hidden-test and mark-scheme regions of a notebook.

    Whitespace is removed (so HTML rendering or re-indentation cannot hide a match), lines
    shorter than ``min_chars`` are dropped (``pass`` occurs anywhere), and so is any line found
    in the text outside the regions (a template line repeated in the release is no secret).
    """
    import nbformat

    nb = nbformat.read(notebook_path, as_version=4)
    inside_lines: list[str] = []
    outside_lines: list[str] = []
    for cell in nb.cells:
        inside = None
        for line in cell.source.splitlines():
            squeezed = re.sub(r"\s+", "", line)
            if inside is None:
                for begin, end in REGIONS:
                    if begin in line:
                        inside = end
                        break
                else:
                    outside_lines.append(squeezed)
                continue
            if inside in line:
                inside = None
                continue
            if len(squeezed) >= min_chars:
                inside_lines.append(squeezed)
    outside_text = "\n".join(outside_lines)
    return [line for line in dict.fromkeys(inside_lines) if line not in outside_text]


def visible_text(path: Path) -> str:
    """Text a reader could see in a notebook or HTML file, with all whitespace removed."""
    import html
    from html.parser import HTMLParser

    raw = path.read_text(encoding="utf-8", errors="replace")
    if path.suffix == ".html":
        parts: list[str] = []

        class _Text(HTMLParser):
            def handle_data(self, data):
                parts.append(data)

        _Text(convert_charrefs=True).feed(raw)
        raw = html.unescape("".join(parts))
    else:
        import nbformat

        nb = nbformat.reads(raw, as_version=4)
        chunks = []
        for cell in nb.cells:
            chunks.append(cell.source)
            for out in cell.get("outputs", []):
                chunks.append(str(out.get("text", "")))
                chunks.extend(str(v) for v in out.get("data", {}).values())
                chunks.extend(out.get("traceback", []))
        raw = "\n".join(chunks)
    return re.sub(r"\s+", "", raw)


def leaks(source_notebook: Path, student_file: Path) -> list[str]:
    """Secret lines of ``source_notebook`` that a student could read in ``student_file``."""
    text = visible_text(student_file)
    return [line for line in secret_lines(source_notebook) if line in text]


def check_release(assignment: str, course_dir: Path = COURSE_DIR) -> None:
    """Raise ``RuntimeError`` if a released notebook shows a solution or a hidden test."""
    problems = []
    for src in sorted((course_dir / "source" / assignment).glob("*.ipynb")):
        released = course_dir / "release" / assignment / src.name
        if not released.exists():
            problems.append(f"{released} was not generated")
            continue
        for line in leaks(src, released):
            problems.append(f"{released.name} shows a secret line: {line[:60]}")
    if problems:
        raise RuntimeError("The release gives answers away:\n  " + "\n  ".join(problems))


# --- steps ------------------------------------------------------------------------------------

def release(names: list[str], course_dir: Path = COURSE_DIR, *, exchange: bool = True) -> None:
    """Store due dates, generate the student version, check it, release it to the exchange."""
    dates = schedule(course_dir)
    for name in _chosen(names, course_dir):
        print(f"== {name}", flush=True)
        if name in dates:
            run_nbgrader(["db", "assignment", "add", name, f"--duedate={dates[name]}"],
                         course_dir, quiet=True)
            print(f"   due {dates[name]}")
        run_nbgrader(["generate_assignment", name, "--force"], course_dir, quiet=True)
        check_release(name, course_dir)
        print(f"   generated release/{name}/ (no solution or hidden test in it)")
        if exchange:
            run_nbgrader(["release_assignment", name, "--force"], course_dir, quiet=True)
            print("   released to the exchange: students can fetch it")


def collect(names: list[str], course_dir: Path = COURSE_DIR) -> None:
    """Collect the latest submission of every student from the exchange into submitted/."""
    for name in _chosen(names, course_dir):
        print(f"== {name}", flush=True)
        run_nbgrader(["collect", name, "--update"], course_dir)


def import_submissions(name: str, path: Path, course_dir: Path = COURSE_DIR) -> None:
    """Import a folder or a .zip laid out as ``<student_id>/<notebook>.ipynb`` into submitted/.

    Uses ``nbgrader zip_collect`` with the course's collector (a ``timestamp.txt`` beside the
    notebooks is the submission time). Notebooks whose name is not one of the assignment's are
    skipped with a warning; autograde then reports the student's notebook as missing.
    """
    _chosen([name], course_dir)
    path = Path(path).resolve()
    if not path.exists():
        raise ValueError(f"path={str(path)!r}: no such folder or zip file")
    if not (course_dir / "release" / name).is_dir():
        raise ValueError(f"assignment={name!r} has no release/{name}/: run `make release` first")
    downloaded = course_dir / "downloaded" / name
    if downloaded.exists():
        shutil.rmtree(downloaded)
    archive = downloaded / "archive"
    if path.is_dir():
        shutil.copytree(path, archive)
    elif zipfile.is_zipfile(path):
        archive.mkdir(parents=True)
        with zipfile.ZipFile(path) as zf:
            zf.extractall(archive)
    else:
        raise ValueError(f"path={str(path)!r}: allowed is a folder or a .zip file")
    # The archive is already unpacked: zip_collect only has to copy it into extracted/.
    run_nbgrader(["zip_collect", name, "--force"], course_dir)


@dataclass
class Outcome:
    """What autograde made of one student's submission of one assignment."""

    student: str
    ok: bool
    score: float | None = None
    max_score: float | None = None
    seconds_late: float = 0.0
    problems: list[str] = field(default_factory=list)
    seconds: float = 0.0
    skipped: bool = False

    def line(self) -> str:
        if self.ok and self.score is not None:
            status = f"{self.score:5.1f} / {self.max_score:5.1f}"
            if self.skipped:
                status += " (already graded, unchanged)"
        elif self.ok:
            status = "graded"
        else:
            status = "NOT GRADED"
        late = f"  late {self.seconds_late / 3600:.1f} h" if self.seconds_late > 0 else ""
        probs = f"  [{'; '.join(self.problems)}]" if self.problems else ""
        return f"{self.student:<20} {status}{late}{probs}  ({self.seconds:.1f} s)"


def submitted_students(name: str, course_dir: Path = COURSE_DIR) -> list[str]:
    """Students with a submitted/<student>/<assignment>/ folder, sorted."""
    root = course_dir / "submitted"
    if not root.is_dir():
        return []
    return sorted(p.name for p in root.iterdir() if (p / name).is_dir())


def inspect_submission(name: str, student: str, course_dir: Path = COURSE_DIR) -> list[str]:
    """Problems visible before grading: missing, misnamed or unreadable notebooks, extra files."""
    import json

    expected = {p.name for p in (course_dir / "release" / name).glob("*.ipynb")}
    folder = course_dir / "submitted" / student / name
    present = {p.name for p in folder.iterdir() if p.name not in IGNORED_SUBMISSION_FILES}
    problems = []
    for missing in sorted(expected - present):
        problems.append(f"missing notebook {missing} (scored 0)")
    for extra in sorted(present - expected):
        kind = "unknown notebook" if extra.endswith(".ipynb") else "extra file"
        problems.append(f"{kind} {extra} (ignored)")
    for nb in sorted(expected & present):
        try:
            json.loads((folder / nb).read_text(encoding="utf-8"))
        except (ValueError, UnicodeDecodeError) as exc:
            problems.append(f"{nb} is not a valid notebook file ({type(exc).__name__})")
    return problems


KNOWN_FAILURES = (
    ("DeadKernelError", "the Python kernel died while running the notebook (code such as "
                        "os._exit() or exit(), or running out of memory)"),
    ("NotJSONError", "a notebook is not a valid notebook file (not JSON)"),
    ("JSONDecodeError", "a notebook is not a valid notebook file (not JSON)"),
    ("UnresponsiveKernelError", "the kernel stopped responding and could not be interrupted"),
    ("No notebooks found", "no notebook with one of the assignment's names was submitted"),
)


def _first_error(log: str) -> str:
    """The reason an nbgrader log gives for a failed submission, in plain words."""
    for marker, reason in KNOWN_FAILURES:
        if marker in log:
            return reason
    match = re.search(r"\[ERROR\] ([^\n]*)", log)
    if match:
        return match.group(1).strip()[:160]
    return "nbgrader failed (see exercises/.nbgrader.log)"


def gradebook_scores(name: str, course_dir: Path = COURSE_DIR) -> dict[str, dict]:
    """Scores in the gradebook for one assignment: student -> score, max_score, late, grades.

    ``grades`` maps each grade cell id to its score (auto or manual), so tests and reports can
    see exactly which question earned what.
    """
    from nbgrader.api import Gradebook, MissingEntry

    scores = {}
    with Gradebook(f"sqlite:///{course_dir / 'gradebook.db'}", "sleep-twitches") as gb:
        try:
            assignment = gb.find_assignment(name)
        except MissingEntry:
            return {}
        for submission in assignment.submissions:
            grades = {}
            for nb in submission.notebooks:
                for grade in nb.grades:
                    grades[f"{nb.name}:{grade.name}"] = grade.score
            scores[submission.student.id] = {
                "score": submission.score,
                "max_score": submission.max_score,
                "auto_score": sum(nb.code_score for nb in submission.notebooks),
                "seconds_late": submission.total_seconds_late,
                "penalty": submission.late_submission_penalty,
                "grades": grades,
            }
    return scores


def autograde(name: str, course_dir: Path = COURSE_DIR, *, force: bool = False,
              students: list[str] | None = None, echo: bool = True) -> list[Outcome]:
    """Autograde every submission of one assignment, one student at a time, with progress.

    A failure (a kernel that died, a file that is not a notebook) is reported for that student
    and grading goes on with the next. Returns one :class:`Outcome` per student.
    """
    everyone = submitted_students(name, course_dir) if students is None else students
    outcomes = []
    if echo:
        print(f"== {name}: {len(everyone)} submission(s)", flush=True)
    for i, student in enumerate(everyone, start=1):
        started = time.perf_counter()
        problems = inspect_submission(name, student, course_dir)
        args = ["autograde", name, "--student", student]
        if force:
            args.append("--force")
        proc = run_nbgrader(args, course_dir, check=False, quiet=True)
        log = proc.stdout + proc.stderr
        outcome = Outcome(student=student, ok=proc.returncode == 0, problems=problems,
                          skipped="Skipping existing assignment" in log)
        if not outcome.ok:
            reason = _first_error(log)
            already_said = "not JSON" in reason and any("not a valid notebook" in p
                                                        for p in outcome.problems)
            if not already_said:
                outcome.problems.append(reason)
        if "CellTimeoutError" in log or "Timeout waiting" in log or "interrupting kernel" in log:
            outcome.problems.append("a cell ran past the time limit (that cell scored 0)")
        outcome.seconds = time.perf_counter() - started
        outcomes.append(outcome)
        if outcome.ok:
            record = gradebook_scores(name, course_dir).get(student)
            if record is not None:
                outcome.score = record["score"]
                outcome.max_score = record["max_score"]
                outcome.seconds_late = record["seconds_late"]
        if echo:
            print(f"[{i:>3}/{len(everyone)}] {outcome.line()}", flush=True)
    if echo:
        bad = [o for o in outcomes if not o.ok or o.problems]
        print(f"   graded {sum(o.ok for o in outcomes)} of {len(outcomes)}; "
              f"submissions with problems: {len(bad)}", flush=True)
        for o in bad:
            print(f"   ! {o.student}: {'; '.join(o.problems)}")
    return outcomes


def feedback(names: list[str], course_dir: Path = COURSE_DIR, *,
             exchange: bool = True) -> dict[str, dict[str, list[str]]]:
    """Generate HTML feedback (hidden tests removed) for every graded submission and return it.

    Feedback goes back the way the work came in: through the exchange for submissions that
    came through it (nbgrader's ``submission_secret.txt`` is in the submission), and as
    ``feedback/<student>/<assignment>-feedback.zip`` for imported work, to hand back by hand or
    upload to the LMS. Returns ``{assignment: {"exchange": [...], "handout": [...]}}``.
    """
    result = {}
    for name in _chosen(names, course_dir):
        print(f"== {name}", flush=True)
        run_nbgrader(["generate_feedback", name, "--force"], course_dir, quiet=True)
        for html_file in sorted((course_dir / "feedback").glob(f"*/{name}/*.html")):
            shown = feedback_leaks(html_file, name, course_dir)
            if shown:
                raise RuntimeError(f"{html_file} shows a hidden test or rubric: {shown[0][:60]}")
        students = sorted({p.parent.parent.name
                           for p in (course_dir / "feedback").glob(f"*/{name}/*.html")})
        print(f"   feedback for {len(students)} student(s) in feedback/<student>/{name}/")
        through_exchange = [s for s in students if _came_through_exchange(s, name, course_dir)]
        imported = [s for s in students if s not in through_exchange]
        if exchange and through_exchange:
            _release_feedback(name, through_exchange, imported, course_dir)
        elif through_exchange:
            print(f"   {len(through_exchange)} exchange submission(s): not released "
                  "(--no-exchange)")
        for student in imported:
            _zip_feedback(student, name, course_dir)
        if imported:
            print(f"   {len(imported)} imported submission(s) (not through the exchange): hand "
                  f"back feedback/<student>/{name}-feedback.zip in "
                  f"{course_dir / 'feedback'}: {', '.join(imported)}")
        result[name] = {"exchange": through_exchange if exchange else [], "handout": imported}
    return result


def _came_through_exchange(student: str, name: str, course_dir: Path) -> bool:
    """True when nbgrader can release this feedback: the submission has its secret and time."""
    folder = course_dir / "feedback" / student / name
    return all((folder / f).is_file() for f in NBGRADER_SUBMISSION_FILES)


def _release_feedback(name: str, students: list[str], excluded: list[str],
                      course_dir: Path) -> None:
    """Release feedback to the exchange for ``students`` (one nbgrader call, others excluded)."""
    args = ["release_feedback", name]
    if excluded:
        args.append(f"--CourseDirectory.student_id_exclude={','.join(excluded)}")
    run_nbgrader(args, course_dir, quiet=True)
    print(f"   released to the exchange for {len(students)} student(s): "
          "they run `nbgrader fetch_feedback`")


def _zip_feedback(student: str, name: str, course_dir: Path) -> Path:
    """``feedback/<student>/<assignment>-feedback.zip`` with the student's HTML feedback."""
    folder = course_dir / "feedback" / student / name
    target = folder.parent / f"{name}-feedback.zip"
    with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as zf:
        for html_file in sorted(folder.glob("*.html")):
            zf.write(html_file, f"{name}/{html_file.name}")
    return target


def region_lines(source_notebook: Path, begin: str = "BEGIN HIDDEN TESTS",
                 end: str = "END HIDDEN TESTS", min_chars: int = 8) -> list[str]:
    """Whitespace-free lines (``min_chars`` or longer) inside one kind of region of a notebook."""
    import nbformat

    nb = nbformat.read(source_notebook, as_version=4)
    lines = []
    for cell in nb.cells:
        inside = False
        for line in cell.source.splitlines():
            if begin in line:
                inside = True
            elif end in line:
                inside = False
            elif inside and len(squeezed := re.sub(r"\s+", "", line)) >= min_chars:
                lines.append(squeezed)
    return lines


def hidden_test_lines(source_notebook: Path, min_chars: int = 8) -> list[str]:
    """Whitespace-free lines inside a notebook's hidden tests."""
    return region_lines(source_notebook, "BEGIN HIDDEN TESTS", "END HIDDEN TESTS", min_chars)


def feedback_leaks(html_file: Path, name: str, course_dir: Path = COURSE_DIR) -> list[str]:
    """Hidden-test and rubric lines a feedback file shows that the student did not write.

    ``html_file`` is ``feedback/<student>/<assignment>/<notebook>.html``. A line of the
    student's own submission (an answer that happens to be spelled like the key) is theirs.
    """
    student = html_file.parent.parent.name
    source = course_dir / "source" / name / (html_file.stem + ".ipynb")
    if not source.exists():
        return []
    submitted = course_dir / "submitted" / student / name / (html_file.stem + ".ipynb")
    own = visible_text(submitted) if submitted.exists() else ""
    text = visible_text(html_file)
    secrets = hidden_test_lines(source) + region_lines(source, "BEGIN MARK SCHEME",
                                                       "END MARK SCHEME")
    return [line for line in secrets if line in text and line not in own]


def export(to: Path, course_dir: Path = COURSE_DIR) -> None:
    """Write every student's grade on every assignment to a CSV file (nbgrader export)."""
    to = Path(to).resolve()
    run_nbgrader(["export", f"--to={to}"], course_dir, quiet=True)
    print(f"grades written to {to}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="course.py", description=__doc__.splitlines()[0])
    parser.add_argument("--course-dir", type=Path, default=COURSE_DIR,
                        help="the nbgrader course folder (default: exercises/)")
    sub = parser.add_subparsers(dest="step", required=True)
    p = sub.add_parser("release", help="due dates, generate, check and release assignments")
    p.add_argument("assignments", nargs="*")
    p.add_argument("--no-exchange", action="store_true", help="only generate release/")
    p = sub.add_parser("collect", help="collect submissions from the exchange")
    p.add_argument("assignments", nargs="*")
    p = sub.add_parser("import", help="import a folder or zip of submissions")
    p.add_argument("assignment")
    p.add_argument("path", type=Path)
    p = sub.add_parser("autograde", help="autograde every submission, with progress")
    p.add_argument("assignments", nargs="*")
    p.add_argument("--force", action="store_true", help="grade again even if unchanged")
    p = sub.add_parser("feedback", help="generate and release feedback")
    p.add_argument("assignments", nargs="*")
    p.add_argument("--no-exchange", action="store_true", help="only generate feedback/")
    p = sub.add_parser("export", help="export grades to CSV")
    p.add_argument("--to", type=Path, default=COURSE_DIR / "grades.csv")
    args = parser.parse_args(argv)
    course_dir = args.course_dir.resolve()

    try:
        if args.step == "release":
            release(args.assignments, course_dir, exchange=not args.no_exchange)
        elif args.step == "collect":
            collect(args.assignments, course_dir)
        elif args.step == "import":
            import_submissions(args.assignment, args.path, course_dir)
        elif args.step == "autograde":
            failed = 0
            for name in _chosen(args.assignments, course_dir):
                failed += sum(not o.ok for o in autograde(name, course_dir, force=args.force))
            if failed:
                print(f"{failed} submission(s) could not be graded: see the lines marked '!'.")
                return 1
        elif args.step == "feedback":
            feedback(args.assignments, course_dir, exchange=not args.no_exchange)
        elif args.step == "export":
            export(args.to, course_dir)
    except (ValueError, RuntimeError, FileNotFoundError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main())
