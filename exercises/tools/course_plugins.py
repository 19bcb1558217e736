"""The course's own nbgrader plugins, loaded by ``exercises/nbgrader_config.py``.

- :class:`LatePenaltyPerDay`: late work loses a fraction of its score per started day late.
- :class:`HideHiddenTestsInFeedback`: feedback never shows a hidden test's source, nor the
  traceback that would quote it.
- :class:`FolderPerStudentCollector`: ``nbgrader zip_collect`` for a folder or zip laid out as
  ``<student_id>/<notebook>.ipynb`` with an optional ``<student_id>/timestamp.txt``.
"""

from __future__ import annotations

import math
import os

from nbgrader.plugins import BasePlugin
from nbgrader.plugins.zipcollect import FileNameCollectorPlugin
from nbgrader.preprocessors import ClearHiddenTests
from traitlets import Bool, Float

SECONDS_PER_DAY = 24 * 60 * 60

HIDDEN_TEST_FEEDBACK = (
    "A test in this cell did not pass ({ename}). Some tests check your answer on cases you "
    "have not seen; re-read the question and the course notes, then ask your tutor."
)


class LatePenaltyPerDay(BasePlugin):
    """Deduct ``fraction_per_day`` of the notebook's score for every started day late.

    nbgrader calls this only for a submission whose timestamp is after the due date stored in
    the gradebook (``make release`` stores the due dates of ``exercises/schedule.toml``).
    """

    fraction_per_day = Float(
        0.10, help="Fraction of the score deducted per started day (24 h) late, 0-1."
    ).tag(config=True)

    def late_submission_penalty(
        self, student_id: str, score: float, total_seconds_late: float
    ) -> float | None:
        """Return the penalty in points (never more than the score).

        Parameters
        ----------
        student_id : str
            The student's id (unused: the rule is the same for everyone).
        score : float
            The notebook's score before the penalty, in points.
        total_seconds_late : float
            Seconds after the due date, > 0.
        """
        if not 0.0 <= self.fraction_per_day <= 1.0:
            raise ValueError(
                f"LatePenaltyPerDay.fraction_per_day={self.fraction_per_day!r}: "
                "allowed is a fraction between 0 and 1"
            )
        if total_seconds_late <= 0:
            return None
        days_late = math.ceil(total_seconds_late / SECONDS_PER_DAY)
        penalty = min(score, score * self.fraction_per_day * days_late)
        self.log.warning("%s is %d day(s) late: penalty %.2f of %.2f points",
                         student_id, days_late, penalty, score)
        return penalty


class HideHiddenTestsInFeedback(ClearHiddenTests):
    """Remove hidden tests from the feedback, and their tracebacks too; and the rubrics.

    nbgrader's autograded notebook contains the hidden tests again (restored from the gradebook),
    and by default ``generate_feedback`` copies it as it is. A failing ``assert`` would then show
    the answer key twice: in the cell and in its traceback. In a cell that had a hidden test
    region, every error output becomes one plain sentence and printed output is dropped.
    The restored task cells also hold the graders' rubric (mark scheme), which stays with the
    tutors unless ``keep_mark_scheme`` is set.
    """

    keep_mark_scheme = Bool(
        False, help="Show the graders' rubric (=== BEGIN MARK SCHEME ===) in the feedback."
    ).tag(config=True)

    def _remove_mark_scheme(self, cell) -> None:
        lines, inside = [], False
        for line in cell.source.split("\n"):
            if "BEGIN MARK SCHEME" in line:
                inside = True
            elif "END MARK SCHEME" in line:
                inside = False
            elif not inside:
                lines.append(line)
        cell.source = "\n".join(lines)

    def preprocess_cell(self, cell, resources, cell_index):
        if not self.keep_mark_scheme:
            self._remove_mark_scheme(cell)
        removed = self._remove_hidden_test_region(cell)
        if removed and cell.cell_type == "code":
            kept = []
            for output in cell.get("outputs", []):
                if output.get("output_type") == "error":
                    message = HIDDEN_TEST_FEEDBACK.format(ename=output.get("ename", "Error"))
                    output["evalue"] = ""
                    output["traceback"] = [message]
                    kept.append(output)
            cell["outputs"] = kept
        return cell, resources


class FolderPerStudentCollector(FileNameCollectorPlugin):
    """Collect ``<student_id>/<notebook>.ipynb`` files; read ``timestamp.txt`` beside them.

    The regular expression is ``FileNameCollectorPlugin.named_regexp`` (set in the course
    config). A ``timestamp.txt`` in the student's folder (as written by ``nbgrader submit``)
    gives the submission time, so late work imported from a zip is still marked late.
    """

    def collect(self, submitted_file: str) -> dict | None:
        info = super().collect(submitted_file)
        if info is None:
            return None
        stamp = os.path.join(os.path.dirname(submitted_file), "timestamp.txt")
        if "timestamp" not in info and os.path.isfile(stamp):
            with open(stamp, encoding="utf-8") as fh:
                text = fh.read().strip()
            if text:
                info["timestamp"] = text
        return info
