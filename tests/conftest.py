"""Fixtures shared across the suite.

`built_book` builds the whole course once per test session, strictly (warnings, broken references
and failing cells are errors), in a temporary copy of the repository, so the tests never touch the
developer's own `_build/`. Plain helpers live in `course_helpers.py`.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from course_helpers import copy_course, strict_build


@pytest.fixture(scope="session")
def built_book(tmp_path_factory) -> Path:
    """The strictly built book of a temporary copy of the course: the path of `_build/html`."""
    root = copy_course(tmp_path_factory.mktemp("course"))
    result = strict_build(root)
    if result.returncode != 0:
        pytest.fail(
            "The strict book build failed (as `make book` would):\n"
            + result.stdout[-6000:] + "\n" + result.stderr[-6000:],
            pytrace=False,
        )
    html = root / "_build" / "html"
    assert (html / "index.html").is_file()
    return html
