# nbgrader configuration for the course "Sleep twitches or seizures?" (nbgrader 0.9).
#
# Every path is relative to this file, so a copy of the folder (a test's temporary course, a
# colleague's laptop) works unchanged. A JupyterHub deployment with a shared exchange sets
# TWITCHLAB_EXCHANGE=/srv/nbgrader/exchange instead of using the course-local one.
# The instructor workflow (make release, collect, autograde, feedback, export) is described in
# exercises/README.md.
import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
TOOLS = os.path.join(HERE, "tools")
if TOOLS not in sys.path:
    # The course's own nbgrader plugins (late penalty, feedback privacy, folder import).
    sys.path.insert(0, TOOLS)

c = get_config()  # noqa: F821 (defined by traitlets when it loads this file)

# --- The course and where its files live --------------------------------------------------
c.CourseDirectory.course_id = "sleep-twitches"
c.CourseDirectory.root = HERE
# The gradebook sits beside the course, not in whatever folder nbgrader was started from.
c.CourseDirectory.db_url = "sqlite:///" + os.path.join(HERE, "gradebook.db")
c.CourseDirectory.ignore = [".ipynb_checkpoints", "*.pyc", "__pycache__", "feedback", ".DS_Store"]
# A student's submission is notebooks and small files; refuse to copy anything large (kB).
c.CourseDirectory.max_file_size = 10000

# The exchange (release -> fetch -> submit -> collect). Course-local by default so nothing
# needs /srv or root rights; point TWITCHLAB_EXCHANGE at a shared folder on a multi-user hub.
c.Exchange.root = os.environ.get("TWITCHLAB_EXCHANGE", os.path.join(HERE, "exchange"))
c.Exchange.cache = os.environ.get(
    "TWITCHLAB_EXCHANGE_CACHE", os.path.join(HERE, "exchange", ".student-cache")
)
c.Exchange.timezone = "UTC"
c.Exchange.timestamp_format = "%Y-%m-%d %H:%M:%S.%f %Z"

# --- Generating the student version -----------------------------------------------------------
# Every released notebook opens with the course header (the educational disclaimer).
c.IncludeHeaderFooter.header = os.path.join(HERE, "header.ipynb")
c.ClearSolutions.code_stub = {
    "python": "# YOUR CODE HERE\nraise NotImplementedError()",
}
c.ClearSolutions.text_stub = "YOUR ANSWER HERE (replace this line with your answer)"
c.ClearSolutions.enforce_metadata = True
# Hidden tests (### BEGIN HIDDEN TESTS) hold the answer keys: they never reach a student.
c.ClearHiddenTests.enforce_metadata = True
# Mark schemes (rubrics) are shown to the grader only.
c.ClearMarkScheme.enforce_metadata = True
# The first generate_assignment creates the assignment in the gradebook (make release also
# stores its due date). That the source notebooks pass their own tests is checked by
# tests/exercises (the solution must score full marks), not by nbgrader.
c.GenerateAssignment.create_assignment = True

# --- Autograding --------------------------------------------------------------------------
# A cell gets 60 s (the slowest solution cell runs in about 2 s); on time-out the kernel is
# interrupted and the rest of the notebook is still graded (the looping cell scores zero).
c.Execute.timeout = 60
c.Execute.interrupt_on_timeout = True
c.Execute.startup_timeout = 120
c.Execute.execute_retries = 0
# Restore test and read-only cells from the gradebook and put back any the student deleted
# (otherwise deleting a test cell silently removes its points).
c.OverwriteCells.add_missing_cells = True
# (One line ending in a blank line: nbgrader turns its first line into a comment in code cells.)
c.OverwriteCells.missing_cell_notification = (
    "This cell (id: {cell_id}) was missing from your submission; the grader put it back.\n\n"
)
# The course kernel: the venv's python3 with twitchlab installed.
c.OverwriteKernelspec.enabled = True
# Keep runaway output from flooding the grader's view.
c.LimitOutput.max_lines = 500
c.LimitOutput.max_traceback = 60
# Late work: 10 % of the score per started day late, from the due date in the gradebook.
c.AssignLatePenalties.plugin_class = "course_plugins.LatePenaltyPerDay"
c.LatePenaltyPerDay.fraction_per_day = 0.10

# --- Feedback -------------------------------------------------------------------------------
# The autograded notebook holds the hidden tests again; feedback removes them and replaces a
# hidden test's traceback (which quotes the answer key) by a plain sentence.
c.GenerateFeedback.preprocessors = [
    "nbgrader.preprocessors.GetGrades",
    "course_plugins.HideHiddenTestsInFeedback",
    "nbconvert.preprocessors.CSSHTMLHeaderPreprocessor",
]

# --- Importing a folder or zip of submissions (nbgrader zip_collect) --------------------------
# Layout: <anything>/<student_id>/<notebook>.ipynb, optionally with <student_id>/timestamp.txt.
c.ZipCollectApp.collector_plugin = "course_plugins.FolderPerStudentCollector"
c.ZipCollectApp.strict = True
c.FileNameCollectorPlugin.named_regexp = (
    r".*/(?P<student_id>[A-Za-z0-9][A-Za-z0-9_.@-]*)/(?P<file_id>[^/]+\.ipynb)$"
)

# --- Formgrader ------------------------------------------------------------------------------
c.FormgradeExtension.debug = False
