"""Fixtures for the nbgrader course tests; they and the helpers live in exercise_support.py, a
module with a name of its own (pytest loads every conftest.py as the one module ``conftest``)."""

from exercise_support import *  # noqa: F401,F403  (fixtures must be visible here)
