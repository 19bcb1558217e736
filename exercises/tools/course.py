"""Instructor workflow for the nbgrader course, one subcommand per step.

Run from anywhere (the make targets in ``exercises/exercises.mk`` call it)::

    python exercises/tools/course.py release  [ASSIGNMENT ...]   # due dates, generate, release
    python exercises/tools/course.py collect  [ASSIGNMENT ...]   # from the nbgrader exchange
    python exercises/tools/course.py import   ASSIGNMENT PATH    # a folder or .zip of submissions
    python exercises/tools/course.py autograde [ASSIGNMENT ...] [--force]
    python exercises/tools/course.py feedback [ASSIGNMENT ...]   # generate + release feedback
    python exercises/tools/course.py student-config FOLDER       # a student's nbgrader_config.py
    python exercises/tools/course.py roster   [students.csv]     # names, emails -> gradebook
    python exercises/tools/course.py export   [--to FILE]        # grades, Canvas, Moodle CSV

Every step runs the real ``nbgrader`` command of the course's environment in the course folder,
so what the make targets do is what the formgrader does. ``autograde`` grades one student at a
time, prints a line per student as it goes, and ends with a summary naming every student whose
submission had a problem (missing or misnamed notebook, extra files, a notebook that is not
valid JSON, a kernel that died); everybody else is graded regardless.
"""

from __future__ import annotations

import argparse
import contextlib
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
#: nbgrader's own output from the steps, kept out of the terminal (``exercises/.nbgrader.log``).
LOG_NAME = ".nbgrader.log"
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

    Output is captured; with ``quiet=False`` it is echoed, with ``quiet=True`` it is appended to
    ``<course>/.nbgrader.log``. ``check=True`` raises ``RuntimeError`` with nbgrader's log when
    the command fails.
    """
    env = dict(os.environ)
    env.setdefault("MPLBACKEND", "Agg")
    env.setdefault("PYTHONHASHSEED", "0")
    proc = subprocess.run([nbgrader_executable(), *args], cwd=course_dir, env=env,
                          capture_output=True, text=True)
    if not quiet:
        sys.stdout.write(proc.stdout)
        sys.stdout.write(proc.stderr)
    else:
        with contextlib.suppress(OSError), open(Path(course_dir) / LOG_NAME, "a",
                                                encoding="utf-8") as log:
            log.write(f"=== {time.strftime('%Y-%m-%d %H:%M:%S')} nbgrader {' '.join(args)} "
                      f"(exit {proc.returncode})\n{proc.stdout}{proc.stderr}")
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


def import_submissions(name: str, path: Path, course_dir: Path = COURSE_DIR) -> dict:
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
    proc = run_nbgrader(["zip_collect", name, "--force"], course_dir, quiet=True)
    return _import_summary(name, archive, proc.stdout + proc.stderr, course_dir)


def _import_summary(name: str, archive: Path, log: str, course_dir: Path) -> dict:
    """Print a line per imported student and a summary (late work, skipped files and why)."""
    from nbgrader.utils import parse_utc

    skipped: list[tuple[str, str]] = []
    for match in re.finditer(r"Skipped submission with no match information provided: (.*)",
                             log):
        path = Path(match.group(1).strip())
        if path.name == "timestamp.txt":
            continue  # read by the collector as the submission time, not skipped
        skipped.append((path.name, "not <student_id>/<notebook>.ipynb"))
    expected = sorted(p.name for p in (course_dir / "release" / name).glob("*.ipynb"))
    for match in re.finditer(r"Skipped notebook with invalid name '(.*)'", log):
        skipped.append((match.group(1), f"not a notebook of {name} ({', '.join(expected)})"))
    due = schedule(course_dir).get(name)
    due_at = parse_utc(due) if due else None
    students = sorted({p.parent.name for p in archive.rglob("*.ipynb")
                       if (course_dir / "submitted" / p.parent.name / name).is_dir()})
    late = []
    for i, student in enumerate(students, start=1):
        folder = course_dir / "submitted" / student / name
        notebooks = sorted(p.name for p in folder.glob("*.ipynb"))
        stamp_file = folder / "timestamp.txt"
        when = "no timestamp (counted as on time)"
        if stamp_file.is_file() and stamp_file.read_text().strip():
            stamp = parse_utc(stamp_file.read_text().strip())
            when = f"submitted {stamp:%Y-%m-%d %H:%M} UTC"  # parse_utc: naive UTC
            if due_at is not None and stamp > due_at:
                hours = (stamp - due_at).total_seconds() / 3600
                when += f", late {hours:.1f} h"
                late.append(student)
        print(f"[{i:>3}/{len(students)}] {student:<20} {len(notebooks)} notebook(s), {when}",
              flush=True)
    print(f"   imported {len(students)} student(s), late {len(late)}; "
          f"skipped {len(skipped)} file(s)")
    for file_name, why in skipped:
        print(f"   - skipped {file_name}: {why}")
    print(f"   nbgrader's messages: {course_dir / LOG_NAME}")
    return {"students": students, "late": late, "skipped": skipped}


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
    auto_score: float | None = None
    auto_max: float | None = None
    to_grade_by_hand: float = 0.0

    def line(self) -> str:
        if self.ok and self.auto_score is not None:
            status = f"{self.auto_score:.1f}/{self.auto_max:g} autograded"
            if self.to_grade_by_hand:
                status += f"; {self.to_grade_by_hand:g} points to grade by hand"
            if self.skipped:
                status += " (already graded, unchanged)"
        elif self.ok:
            status = "graded"
        else:
            status = "NOT GRADED"
        late = ""
        if self.seconds_late > 0:
            late = (f"  late {self.seconds_late / 3600:.1f} h: penalty applies to the total "
                    "once hand grading is done")
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
            auto_max = to_grade = 0.0
            for nb in submission.notebooks:
                for grade in nb.grades:
                    grades[f"{nb.name}:{grade.name}"] = grade.score
                    if grade.auto_score is not None:
                        auto_max += grade.max_score
                    if grade.needs_manual_grade:
                        to_grade += grade.max_score
            scores[submission.student.id] = {
                "auto_max": auto_max,
                "to_grade_by_hand": to_grade,
                "score": submission.score,
                "max_score": submission.max_score,
                "auto_score": sum(nb.code_score for nb in submission.notebooks),
                "seconds_late": submission.total_seconds_late,
                "penalty": submission.late_submission_penalty,
                "grades": grades,
            }
    return scores


def course_config(course_dir: Path = COURSE_DIR):
    """The course's nbgrader configuration (``nbgrader_config.py``), as nbgrader loads it."""
    from traitlets.config.loader import PyFileConfigLoader

    return PyFileConfigLoader("nbgrader_config.py", path=str(course_dir)).load_config()


def apply_late_penalties(name: str, course_dir: Path = COURSE_DIR) -> int:
    """Set each late submission's penalty from its current total (autograded + by hand).

    nbgrader's ``AssignLatePenalties`` runs at autograde time, before any hand grading, so its
    penalty covers the autograded points only. This runs the same configured plugin
    (``AssignLatePenalties.plugin_class``, the course's ``LatePenaltyPerDay``) again on every
    notebook's current score and stores the result in the gradebook's
    ``late_submission_penalty``, which the feedback, the formgrader and the export read.
    The rule is linear, so the notebooks' penalties add up to the penalty on the total.
    Returns the number of late submissions.
    """
    from nbgrader.api import Gradebook, MissingEntry
    from nbgrader.preprocessors import AssignLatePenalties

    assigner = AssignLatePenalties(config=course_config(course_dir))
    assigner.init_plugin()
    late = 0
    with Gradebook(f"sqlite:///{course_dir / 'gradebook.db'}", "sleep-twitches") as gb:
        try:
            assignment = gb.find_assignment(name)
        except MissingEntry:
            return 0
        for submission in assignment.submissions:
            seconds = submission.total_seconds_late
            late += seconds > 0
            for nb in submission.notebooks:
                penalty = None
                if seconds > 0:
                    penalty = assigner.plugin_inst.late_submission_penalty(
                        submission.student.id, nb.score, seconds)
                    if penalty is not None:
                        penalty = min(max(penalty, 0.0), nb.score)
                nb.late_submission_penalty = penalty
        gb.db.commit()
    return late


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
                outcome.auto_score = record["auto_score"]
                outcome.auto_max = record["auto_max"]
                outcome.to_grade_by_hand = record["to_grade_by_hand"]
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
        apply_late_penalties(name, course_dir)
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


GRADES_COLUMNS = (
    "assignment", "duedate", "student_id", "first_name", "last_name", "email", "status",
    "timestamp", "hours_late", "auto_score", "manual_score", "raw_score", "late_penalty",
    "score", "max_score", "needs_manual_grade",
)


def _iso(moment) -> str:
    """A gradebook time (naive, UTC) as ISO 8601 with its time zone; '' for none."""
    from datetime import UTC

    if moment is None:
        return ""
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return moment.astimezone(UTC).isoformat(timespec="seconds")


def grade_rows(course_dir: Path = COURSE_DIR) -> list[dict]:
    """One row per student in the gradebook (the roster and every submitter) and assignment.

    Late penalties are first recomputed on the current totals (:func:`apply_late_penalties`).
    A student without a submission scores 0 with status ``missing``; scores are rounded to
    2 decimals; ``needs_manual_grade`` is ``yes`` while a hand-graded part has no score yet.
    """
    from nbgrader.api import Gradebook, MissingEntry

    for name in assignments(course_dir):
        apply_late_penalties(name, course_dir)
    rows = []
    with Gradebook(f"sqlite:///{course_dir / 'gradebook.db'}", "sleep-twitches") as gb:
        order = {n: i for i, n in enumerate(assignments(course_dir))}
        for assignment in sorted(gb.assignments, key=lambda a: (order.get(a.name, 99), a.name)):
            for student in sorted(gb.students, key=lambda st: st.id):
                row = {"assignment": assignment.name, "duedate": _iso(assignment.duedate),
                       "student_id": student.id, "first_name": student.first_name or "",
                       "last_name": student.last_name or "", "email": student.email or "",
                       "max_score": round(assignment.max_score, 2)}
                try:
                    sub = gb.find_submission(assignment.name, student.id)
                except MissingEntry:
                    row.update(status="missing", timestamp="", hours_late=0.0, auto_score=0.0,
                               manual_score=0.0, raw_score=0.0, late_penalty=0.0, score=0.0,
                               needs_manual_grade="no")
                else:
                    auto = sum(g.auto_score or 0.0 for nb in sub.notebooks for g in nb.grades
                               if g.manual_score is None)
                    penalty = sub.late_submission_penalty or 0.0
                    late = sub.total_seconds_late
                    row.update(status="late" if late > 0 else "submitted",
                               timestamp=_iso(sub.timestamp),
                               hours_late=round(late / 3600, 2), auto_score=round(auto, 2),
                               manual_score=round(sub.score - auto, 2),
                               raw_score=round(sub.score, 2), late_penalty=round(penalty, 2),
                               score=round(max(0.0, sub.score - penalty), 2),
                               needs_manual_grade="yes" if sub.needs_manual_grade else "no")
                rows.append(row)
    return rows


def export(to: Path, course_dir: Path = COURSE_DIR) -> dict[str, Path]:
    """Write ``grades.csv`` and, beside it, ``grades-canvas.csv`` and ``grades-moodle.csv``.

    - ``grades.csv``: one row per student and assignment (:func:`grade_rows`).
    - ``grades-canvas.csv``: Canvas's gradebook import layout: ``Student`` ("Last, First"),
      ``ID`` (the roster's ``lms_user_id``, if any), ``SIS User ID`` (the student id),
      ``SIS Login ID`` (the email), ``Section``, then one column per assignment, and a
      ``Points Possible`` row under the header.
    - ``grades-moodle.csv``: for Moodle's *Import grades -> CSV file*: ``ID number`` (the
      student id) and ``Email address`` to match users by, names, one column per assignment.
    """
    import csv

    to = Path(to).resolve()
    rows = grade_rows(course_dir)
    with open(to, "w", newline="", encoding="utf-8") as fh:
        writer = csv.DictWriter(fh, fieldnames=GRADES_COLUMNS)
        writer.writeheader()
        writer.writerows(rows)
    names = list(dict.fromkeys(r["assignment"] for r in rows))
    max_scores = {r["assignment"]: r["max_score"] for r in rows}
    people: dict[str, dict] = {}
    for r in rows:
        people.setdefault(r["student_id"], {**r, "scores": {}})["scores"][r["assignment"]] = \
            r["score"]
    from nbgrader.api import Gradebook

    with Gradebook(f"sqlite:///{course_dir / 'gradebook.db'}", "sleep-twitches") as gb:
        lms_ids = {st.id: st.lms_user_id or "" for st in gb.students}
    canvas = to.with_name(to.stem + "-canvas.csv")
    with open(canvas, "w", newline="", encoding="utf-8") as fh:
        writer = csv.writer(fh)
        writer.writerow(["Student", "ID", "SIS User ID", "SIS Login ID", "Section", *names])
        writer.writerow(["Points Possible", "", "", "", "", *(max_scores[n] for n in names)])
        for sid, who in people.items():
            display = ", ".join(x for x in (who["last_name"], who["first_name"]) if x) or sid
            writer.writerow([display, lms_ids.get(sid, ""), sid, who["email"], "",
                             *(who["scores"].get(n, 0.0) for n in names)])
    moodle = to.with_name(to.stem + "-moodle.csv")
    with open(moodle, "w", newline="", encoding="utf-8") as fh:
        writer = csv.writer(fh)
        writer.writerow(["ID number", "Email address", "First name", "Last name", *names])
        for sid, who in people.items():
            writer.writerow([sid, who["email"], who["first_name"], who["last_name"],
                             *(who["scores"].get(n, 0.0) for n in names)])
    flagged = sum(r["needs_manual_grade"] == "yes" for r in rows)
    print(f"grades written to {to} ({len(people)} student(s), {len(names)} assignment(s); "
          f"{flagged} still need hand grading)")
    print(f"   Canvas import: {canvas}\n   Moodle import: {moodle}")
    return {"grades": to, "canvas": canvas, "moodle": moodle}


def roster(path: Path, course_dir: Path = COURSE_DIR) -> int:
    """Import a roster CSV (``id,first_name,last_name,email``) with ``nbgrader db student
    import``; returns the number of students in the gradebook afterwards."""
    import csv

    path = Path(path).resolve()
    if not path.is_file():
        raise ValueError(f"roster={str(path)!r}: no such file")
    with open(path, newline="", encoding="utf-8") as fh:
        reader = csv.DictReader(fh)
        if "id" not in (reader.fieldnames or []):
            raise ValueError(f"roster={str(path)!r}: needs an 'id' column "
                             "(id,first_name,last_name,email)")
        count = sum(1 for _ in reader)
    run_nbgrader(["db", "student", "import", str(path)], course_dir, quiet=True)
    print(f"{count} student(s) from {path} imported into the gradebook")
    return count


STUDENT_CONFIG = """\
# nbgrader settings for a student of "Sleep twitches or seizures?" (written by
# `make student-config`). With this file in your folder (or in ~/.jupyter/), run
# `nbgrader fetch_assignment <assignment> --course sleep-twitches` from here.
import os

c = get_config()  # noqa: F821
c.CourseDirectory.course_id = "sleep-twitches"
# The course's exchange on this machine; TWITCHLAB_EXCHANGE overrides it (a shared hub folder).
c.Exchange.root = os.environ.get("TWITCHLAB_EXCHANGE", {exchange!r})
# Your own copies of what you submitted (nbgrader matches feedback to them), beside this file.
c.Exchange.cache = os.path.join(os.path.dirname(os.path.abspath(__file__)), ".nbgrader-cache")
c.Exchange.timezone = "UTC"
c.Exchange.timestamp_format = "%Y-%m-%d %H:%M:%S.%f %Z"
"""


def student_config(folder: Path, course_dir: Path = COURSE_DIR) -> Path:
    """Write ``<folder>/nbgrader_config.py`` pointing a student at the course's exchange.

    Without it, nbgrader run from a student's own folder looks for the exchange in
    ``/usr/local/share/nbgrader/exchange`` ("Unwritable directory"). The exchange is the one of
    the course's ``nbgrader_config.py`` (``TWITCHLAB_EXCHANGE`` or ``exercises/exchange``).
    """
    folder = Path(folder).expanduser().resolve()
    folder.mkdir(parents=True, exist_ok=True)
    exchange = os.environ.get("TWITCHLAB_EXCHANGE", str(course_dir / "exchange"))
    target = folder / "nbgrader_config.py"
    target.write_text(STUDENT_CONFIG.format(exchange=exchange), encoding="utf-8")
    print(f"wrote {target}: nbgrader run in {folder} uses the exchange {exchange}")
    return target


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
    p = sub.add_parser("student-config", help="nbgrader_config.py for a student's folder")
    p.add_argument("folder", type=Path)
    p = sub.add_parser("roster", help="import students.csv into the gradebook")
    p.add_argument("path", type=Path, nargs="?", default=COURSE_DIR / "students.csv")
    p = sub.add_parser("export", help="export grades to CSV (and Canvas, Moodle CSV)")
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
        elif args.step == "student-config":
            student_config(args.folder, course_dir)
        elif args.step == "roster":
            roster(args.path, course_dir)
        elif args.step == "export":
            export(args.to, course_dir)
    except (ValueError, RuntimeError, FileNotFoundError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main())
