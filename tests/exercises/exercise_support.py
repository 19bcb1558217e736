"""Helpers and fixtures for the nbgrader course tests: temporary copies of the course, tiny
notebooks (conftest.py exposes the fixtures).

Modelled on nbgrader's own tests (nbgrader/tests/apps): each failure a student can cause is a
tiny notebook, and the real ``nbgrader`` command of the course venv grades it in a temporary
copy of the course, never in ``exercises/`` itself.

Sharing keeps the run short on two cores: ``tiny_template`` generates the tiny assignment once,
``tiny_graded`` autogrades one class of scenario students once, and ``real_graded`` generates,
autogrades and builds feedback for the four real assignments once.
"""

from __future__ import annotations

import json
import shutil
import sys
from pathlib import Path

import nbformat
import pytest
from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook

HERE = Path(__file__).resolve().parent
REPO = HERE.parents[1]
EXERCISES = REPO / "exercises"
TOOLS = EXERCISES / "tools"
if str(TOOLS) not in sys.path:
    sys.path.insert(0, str(TOOLS))

import course  # noqa: E402  (exercises/tools/course.py: the instructor workflow under test)

KERNELSPEC = {"name": "python3", "display_name": "Python 3 (twitchlab)", "language": "python"}
DUE = "2026-01-01 00:00:00 UTC"
ON_TIME = "2025-12-31 12:00:00.000000 UTC"
LATE_30H = "2026-01-02 06:00:00.000000 UTC"


def copy_course_skeleton(dest: Path, *, with_source: bool) -> Path:
    """Copy the course's config, header, schedule and tools (and every assignment's source)."""
    return course.copy_course(dest, None if with_source else [], EXERCISES)


# --- tiny notebooks (the nbgrader cell types, one each) --------------------------------------

def _meta(grade_id, *, grade=False, solution=False, locked=False, points=None, task=False):
    meta = {"grade": grade, "solution": solution, "locked": locked, "grade_id": grade_id,
            "schema_version": 3}
    if task:
        meta["task"] = True
    if points is not None:
        meta["points"] = points
    return {"nbgrader": meta}


def _cell(kind, source, cell_id, **meta):
    make = new_code_cell if kind == "code" else new_markdown_cell
    cell = make(source, metadata=_meta(cell_id, **meta))
    cell["id"] = cell_id
    return cell


def tiny_part_a() -> nbformat.NotebookNode:
    """Source of part-a: a multiple-choice answer, a function, a value, a written answer, a task.

    Autograded points: q1 1 + double 2 + q3 1 = 4; manual: written 2 + task 1.
    """
    nb = new_notebook(metadata={"kernelspec": KERNELSPEC})
    nb.cells = [
        _cell("markdown", "Question 1: which letter? Store it in `q1`.", "intro", locked=True),
        _cell("code", "### BEGIN SOLUTION\nq1 = 'b'\n### END SOLUTION", "q1_answer",
              solution=True),
        _cell("code", "assert q1 in ('a', 'b', 'c', 'd'), 'answer with one letter'\n"
              "### BEGIN HIDDEN TESTS\nassert q1 == 'b', 'not the right letter yet'\n"
              "### END HIDDEN TESTS", "q1_test", grade=True, locked=True, points=1),
        _cell("code", "def double(x):\n    ### BEGIN SOLUTION\n    return 2 * x\n"
              "    ### END SOLUTION", "double_answer", solution=True),
        _cell("code", "assert double(2) == 4\n### BEGIN HIDDEN TESTS\n"
              "assert double(21) == 42, 'an unseen case'\n### END HIDDEN TESTS",
              "double_test", grade=True, locked=True, points=2),
        _cell("code", "### BEGIN SOLUTION\nq3 = 7 * 1  # seven, the solution value\n"
              "### END SOLUTION", "q3_answer", solution=True),
        _cell("code", "### BEGIN HIDDEN TESTS\nassert q3 == 7, 'q3 is not right'\n"
              "### END HIDDEN TESTS", "q3_test", grade=True, locked=True, points=1),
        _cell("markdown", "=== BEGIN SOLUTION ===\nA model written answer for the tiny course.\n"
              "=== END SOLUTION ===", "written", grade=True, solution=True, points=2),
        _cell("markdown", "Explain your reasoning in a cell below.\n=== BEGIN MARK SCHEME ===\n"
              "One point for naming the rubric criterion.\n=== END MARK SCHEME ===",
              "task", locked=True, points=1, task=True),
    ]
    return nb


def tiny_part_b() -> nbformat.NotebookNode:
    """Source of part-b: one multiple-choice answer with a hidden key (1 point)."""
    nb = new_notebook(metadata={"kernelspec": KERNELSPEC})
    nb.cells = [
        _cell("code", "### BEGIN SOLUTION\nanswer_b = 'c'\n### END SOLUTION", "b_answer",
              solution=True),
        _cell("code", "assert isinstance(answer_b, str)\n### BEGIN HIDDEN TESTS\n"
              "assert answer_b == 'c', 'part b is not right yet'\n### END HIDDEN TESTS",
              "b_test", grade=True, locked=True, points=1),
    ]
    return nb


def solved_notebook(released: nbformat.NotebookNode,
                    source: nbformat.NotebookNode) -> nbformat.NotebookNode:
    """A released notebook whose answer cells hold the instructor's solutions (a good student)."""
    answers = {c.metadata["nbgrader"]["grade_id"]: c.source for c in source.cells
               if c.metadata.get("nbgrader", {}).get("solution")}
    for cell in released.cells:
        grade_id = cell.metadata.get("nbgrader", {}).get("grade_id")
        if grade_id in answers:
            cell.source = answers[grade_id]
    return released


TINY_AUTO_POINTS = {"part-a": 4.0, "part-b": 1.0}


class TinyCourse:
    """A temporary copy of the course with the tiny assignment generated in it."""

    assignment = "tiny"

    def __init__(self, root: Path):
        self.root = root

    def source(self, name: str) -> nbformat.NotebookNode:
        return nbformat.read(self.root / "source" / self.assignment / f"{name}.ipynb", 4)

    def released(self, name: str) -> nbformat.NotebookNode:
        return nbformat.read(self.root / "release" / self.assignment / f"{name}.ipynb", 4)

    def solved(self, name: str) -> nbformat.NotebookNode:
        """The released notebook with the solutions filled in, as a good student would."""
        return solved_notebook(self.released(name), self.source(name))

    def submit(self, student: str, files: dict[str, object], *, timestamp: str = ON_TIME) -> Path:
        """Place a submission in submitted/<student>/tiny/ (as `nbgrader collect` would).

        ``files`` maps a file name to a notebook, raw text or bytes.
        """
        folder = self.root / "submitted" / student / self.assignment
        if folder.exists():
            shutil.rmtree(folder)
        folder.mkdir(parents=True)
        for name, content in files.items():
            path = folder / name
            if isinstance(content, nbformat.NotebookNode):
                nbformat.write(content, path)
            elif isinstance(content, bytes):
                path.write_bytes(content)
            else:
                path.write_text(str(content), encoding="utf-8")
        (folder / "timestamp.txt").write_text(timestamp)
        return folder

    def autograded(self, student: str, name: str) -> nbformat.NotebookNode:
        return nbformat.read(
            self.root / "autograded" / student / self.assignment / f"{name}.ipynb", 4)

    def scores(self) -> dict[str, dict]:
        return course.gradebook_scores(self.assignment, self.root)


@pytest.fixture(scope="session")
def tiny_template(tmp_path_factory) -> Path:
    """The tiny assignment, generated (release/ + gradebook) once per session, due on DUE."""
    root = copy_course_skeleton(tmp_path_factory.mktemp("tiny-template"), with_source=False)
    # Five seconds per cell so the infinite-loop scenario stays short.
    with open(root / "nbgrader_config.py", "a", encoding="utf-8") as fh:
        fh.write("\nc.Execute.timeout = 5\n")
    (root / "schedule.toml").write_text(f'[tiny]\nduedate = "{DUE}"\n')
    src = root / "source" / "tiny"
    src.mkdir(parents=True)
    nbformat.write(tiny_part_a(), src / "part-a.ipynb")
    nbformat.write(tiny_part_b(), src / "part-b.ipynb")
    course.release(["tiny"], root, exchange=False)
    return root


@pytest.fixture
def tiny_course(tiny_template, tmp_path) -> TinyCourse:
    """A private copy of the generated tiny course, for tests that change it."""
    dest = tmp_path / "course"
    shutil.copytree(tiny_template, dest)
    return TinyCourse(dest)


def _tamper(nb: nbformat.NotebookNode) -> nbformat.NotebookNode:
    """Wrong answer, a test cell rewritten to pass, a read-only cell rewritten, points raised."""
    for cell in nb.cells:
        grade_id = cell.metadata.get("nbgrader", {}).get("grade_id")
        if grade_id == "q1_answer":
            cell.source = "q1 = 'a'"
        elif grade_id == "q1_test":
            cell.source = "assert True  # the student made the test pass"
            cell.metadata["nbgrader"]["points"] = 100
        elif grade_id == "intro":
            cell.source = "The student rewrote the question."
    return nb


def _replace(nb, grade_id, source):
    for cell in nb.cells:
        if cell.metadata.get("nbgrader", {}).get("grade_id") == grade_id:
            cell.source = source
    return nb


def _without(nb, *grade_ids):
    nb.cells = [c for c in nb.cells
                if c.metadata.get("nbgrader", {}).get("grade_id") not in grade_ids]
    return nb


SCENARIO_STUDENTS = (
    "solution", "blank", "tampered", "deleted", "loop", "oskill", "badjson", "missing",
    "misnamed", "extra", "late",
)


@pytest.fixture(scope="session")
def tiny_graded(tiny_template, tmp_path_factory):
    """One class of scenario students autograded once with ``course.py autograde``.

    Returns ``(TinyCourse, {student: Outcome}, printed report)``.
    """
    root = tmp_path_factory.mktemp("tiny-class") / "course"
    shutil.copytree(tiny_template, root)
    tiny = TinyCourse(root)
    a, b = "part-a.ipynb", "part-b.ipynb"
    tiny.submit("solution", {a: tiny.solved("part-a"), b: tiny.solved("part-b")})
    tiny.submit("blank", {a: tiny.released("part-a"), b: tiny.released("part-b")})
    tiny.submit("tampered", {a: _tamper(tiny.solved("part-a")), b: tiny.solved("part-b")})
    tiny.submit("deleted", {a: _without(tiny.solved("part-a"), "q3_test", "double_test"),
                            b: _without(tiny.solved("part-b"), "b_test")})
    tiny.submit("loop", {a: _replace(tiny.solved("part-a"), "double_answer",
                                     "while True:\n    pass\n\ndef double(x):\n    return 2 * x"),
                         b: tiny.solved("part-b")})
    tiny.submit("oskill", {a: _replace(tiny.solved("part-a"), "double_answer",
                                       "import os\nos._exit(1)"),
                           b: tiny.solved("part-b")})
    tiny.submit("badjson", {a: '{"cells": [ this is not json', b: tiny.solved("part-b")})
    tiny.submit("missing", {a: tiny.solved("part-a")})
    tiny.submit("misnamed", {"part-a (1).ipynb": tiny.solved("part-a"), b: tiny.solved("part-b")})
    tiny.submit("extra", {a: tiny.solved("part-a"), b: tiny.solved("part-b"),
                          "notes.txt": "my notes", "scratch.ipynb": tiny.solved("part-b")})
    tiny.submit("late", {a: tiny.solved("part-a"), b: tiny.solved("part-b")},
                timestamp=LATE_30H)

    import contextlib
    import io

    report = io.StringIO()
    with contextlib.redirect_stdout(report):
        outcomes = course.autograde("tiny", root, students=list(SCENARIO_STUDENTS))
    return tiny, {o.student: o for o in outcomes}, report.getvalue()


hidden_test_lines = course.hidden_test_lines


def load_json(path: Path):
    return json.loads(path.read_text(encoding="utf-8"))


# --- the real assignments --------------------------------------------------------------------

def real_assignments() -> list[str]:
    """The assignments under exercises/source/, in course order."""
    return course.assignments(EXERCISES)


@pytest.fixture(scope="session")
def real_graded(tmp_path_factory):
    """Every real assignment released, then autograded for two students, with feedback.

    ``solution`` submits the release with the instructor's solutions typed in, ``blank``
    submits the released notebooks untouched. Returns ``(course root, {assignment: outcomes})``.
    """
    root = copy_course_skeleton(tmp_path_factory.mktemp("real") / "course", with_source=True)
    names = real_assignments()
    course.release(names, root, exchange=False)
    outcomes = {}
    for name in names:
        for student in ("solution", "blank"):
            dest = root / "submitted" / student / name
            shutil.copytree(root / "release" / name, dest)
            (dest / "timestamp.txt").write_text(ON_TIME)
        for src in (root / "source" / name).glob("*.ipynb"):
            released = root / "release" / name / src.name
            nbformat.write(solved_notebook(nbformat.read(released, 4), nbformat.read(src, 4)),
                           root / "submitted" / "solution" / name / src.name)
        outcomes[name] = {o.student: o for o in course.autograde(name, root, echo=False)}
    course.feedback(names, root, exchange=False)
    return root, outcomes


def grade_cells(nb: nbformat.NotebookNode) -> dict[str, nbformat.NotebookNode]:
    """Cells with nbgrader metadata, by grade id."""
    return {c.metadata["nbgrader"]["grade_id"]: c for c in nb.cells
            if "grade_id" in c.metadata.get("nbgrader", {})}


def hidden_literals(cell_source: str) -> dict[str, object]:
    """Names assigned a literal inside the cell's hidden-test region (``_KEY``, ``_CASES``)."""
    import ast

    inside, lines = False, []
    for line in cell_source.splitlines():
        if "BEGIN HIDDEN TESTS" in line:
            inside = True
        elif "END HIDDEN TESTS" in line:
            inside = False
        elif inside:
            lines.append(line)
    found = {}
    for node in ast.parse("\n".join(lines)).body:
        if isinstance(node, ast.Assign) and len(node.targets) == 1 \
                and isinstance(node.targets[0], ast.Name):
            try:
                found[node.targets[0].id] = ast.literal_eval(node.value)
            except ValueError:
                continue
    return found


def source_notebook(name: str) -> nbformat.NotebookNode:
    return nbformat.read(EXERCISES / "source" / name / f"{name}.ipynb", 4)


def run_setup_cell(nb: nbformat.NotebookNode, grade_id: str = "setup") -> dict:
    """Execute a notebook's read-only setup cell here and return its namespace."""
    namespace: dict = {}
    exec(compile(grade_cells(nb)[grade_id].source, f"<{grade_id}>", "exec"), namespace)
    return namespace
