"""A live lesson and the formgrader in JupyterLab, as a student and an instructor use them.

JupyterLab runs on 127.0.0.1 with a random token in a temporary copy of the course (fixture
``lab``). The student opens the episode-timeline lesson, runs all cells, changes the pattern of
the timeline explorer and sees its figure change within 2 s, with no error anywhere. The
instructor opens the formgrader and finds every assignment of ``exercises/source`` listed.
"""

from __future__ import annotations

import re
import time
from urllib.parse import urlsplit

import pytest
from browser_support import LOCAL_HOSTS, fingerprint

pytestmark = pytest.mark.browser

LESSON = "notebooks/03-episode-timelines.ipynb"
EXPLORER_CALL = "timeline_explorer("
RESPONSE_LIMIT_S = 2.0
RUN_ALL_TIMEOUT_S = 300

PROMPTS_JS = """
() => Array.from(document.querySelectorAll('.jp-NotebookPanel:not(.lm-mod-hidden) .jp-CodeCell'))
  .map((c) => (c.querySelector('.jp-InputPrompt') || {}).textContent || '')
"""

ERRORS_JS = """
() => Array.from(document.querySelectorAll(
    '.jp-NotebookPanel:not(.lm-mod-hidden) .jp-OutputArea-output'))
  .filter((o) => {
    const mime = o.getAttribute('data-mime-type') || '';
    const text = o.textContent || '';
    return mime === 'application/vnd.jupyter.error'
      || (mime === 'application/vnd.jupyter.stderr' && /Traceback|Error/.test(text));
  })
  .map((o) => (o.textContent || '').slice(0, 1500))
"""


def external(watched) -> list[str]:
    """Requests of the page that left 127.0.0.1 (data: and blob: URLs are not requests)."""
    return [
        url
        for url in watched.requested
        if urlsplit(url).scheme in ("http", "https", "ws", "wss")
        and urlsplit(url).hostname not in LOCAL_HOSTS
    ]


def open_notebook(watched, lab, path: str) -> None:
    """Open ``path`` in JupyterLab and wait for its kernel to be connected and idle."""
    page = watched.page
    page.goto(lab.url(f"/lab/tree/{path}"), wait_until="domcontentloaded")
    page.locator(".jp-NotebookPanel .jp-Notebook .jp-Cell").first.wait_for(timeout=60_000)
    # The status bar says "<kernel name> | Idle" once the kernel is connected.
    page.locator(".jp-StatusBar-Widget", has_text=re.compile(r"\|\s*Idle")).first.wait_for(
        timeout=90_000
    )


def run_all_cells(page) -> None:
    """Run > Run All Cells, from the menu bar, as a student does; retried if nothing starts.

    Right after the kernel connects, JupyterLab can drop the very first "Run All"; a student
    would click again, and so does this helper (at most three times).
    """
    for _ in range(3):
        page.locator(".jp-NotebookPanel .jp-Notebook .jp-Cell").first.click()
        page.locator(".lm-MenuBar-item", has_text=re.compile(r"^Run$")).click()
        page.locator(".lm-Menu-itemLabel", has_text=re.compile(r"^Run All Cells$")).click()
        deadline = time.monotonic() + 20
        while time.monotonic() < deadline:
            if any(p != "[ ]:" for p in page.evaluate(PROMPTS_JS)):
                return
            page.wait_for_timeout(250)
    raise AssertionError("Run > Run All Cells started no cell (three tries)")


def wait_until_run(page, timeout_s: float) -> list[str]:
    """Wait until no code cell is queued or running; return the prompts ("[3]:", "[ ]:")."""
    deadline = time.monotonic() + timeout_s
    page.wait_for_timeout(500)
    while True:
        prompts = page.evaluate(PROMPTS_JS)
        busy = [p for p in prompts if "*" in p]
        if not busy and any(re.search(r"\d", p) for p in prompts):
            return prompts
        if time.monotonic() > deadline:
            raise AssertionError(f"cells still running after {timeout_s:.0f} s: {prompts}")
        page.wait_for_timeout(500)


def settled_fingerprint(page, output, quiet_s: float = 1.0, timeout_s: float = 30.0) -> str:
    """The figure's fingerprint once it has not changed for ``quiet_s`` (no render in flight)."""
    deadline = time.monotonic() + timeout_s
    last = fingerprint(output, images_only=True)
    while time.monotonic() < deadline:
        page.wait_for_timeout(quiet_s * 1000)
        now = fingerprint(output, images_only=True)
        if now == last:
            return now
        last = now
    raise AssertionError(f"the explorer's figure kept changing for {timeout_s:.0f} s")


def test_live_timeline_explorer_redraws_within_two_seconds(lab, watch):
    # Not offline=True: with Playwright's request routing on, JupyterLab never sends the
    # "Run All" executions to the kernel. Requests that leave 127.0.0.1 are checked instead.
    watched = watch.new_page("jupyterlab-lesson", viewport={"width": 1400, "height": 1000})
    page = watched.page
    open_notebook(watched, lab, LESSON)
    run_all_cells(page)
    prompts = wait_until_run(page, RUN_ALL_TIMEOUT_S)
    errors = page.evaluate(ERRORS_JS)
    assert errors == [], "error output after Run All:\n" + "\n---\n".join(errors)
    unrun = [i for i, p in enumerate(prompts) if not re.search(r"\d", p)]
    assert unrun == [], f"code cells {unrun} did not run (prompts {prompts})"

    cell = page.locator(".jp-CodeCell", has=page.locator(".jp-InputArea", has_text=EXPLORER_CALL))
    assert cell.count() >= 1, f"no cell of {LESSON} calls {EXPLORER_CALL}...)"
    output = cell.first.locator(".jp-OutputArea")
    dropdown = output.locator(".widget-dropdown select").first
    dropdown.wait_for(timeout=90_000)
    dropdown.scroll_into_view_if_needed()
    output.locator("img").first.wait_for(timeout=90_000)
    before = settled_fingerprint(page, output)

    options = dropdown.evaluate("(el) => Array.from(el.options).map((o) => o.value)")
    current = dropdown.evaluate("(el) => el.value")
    choice = next(o for o in reversed(options) if o != current)
    dropdown.select_option(choice)
    started = time.monotonic()
    after = fingerprint(output, images_only=True)
    while after == before and time.monotonic() - started < RESPONSE_LIMIT_S:
        page.wait_for_timeout(50)
        after = fingerprint(output, images_only=True)
    waited = time.monotonic() - started
    assert after != before, (
        f"the figure did not change within {RESPONSE_LIMIT_S} s of choosing {choice!r}"
    )
    print(f"figure changed {waited:.2f} s after choosing {choice!r}")
    assert settled_fingerprint(page, output) != before, "the figure went back to the old one"

    page.wait_for_timeout(500)  # let any late error reach the page
    errors = page.evaluate(ERRORS_JS)
    assert errors == [], "error output after the change:\n" + "\n---\n".join(errors)
    alerts = output.locator('[role="alert"]').all_inner_texts()
    assert [a for a in alerts if a.strip()] == [], f"the explorer reports: {alerts}"
    assert watched.page_errors == [], "\n".join(watched.page_errors)
    assert external(watched) == [], "JupyterLab asked the network for:\n" + "\n".join(
        external(watched)
    )


def test_formgrader_lists_every_assignment(lab, watch):
    source = lab.course / "exercises" / "source"
    expected = sorted(p.name for p in source.iterdir() if p.is_dir()) if source.is_dir() else []
    assert expected, f"the course has no assignment in {source}"
    watched = watch.new_page("formgrader")
    page = watched.page
    response = page.goto(lab.url("/formgrader"), wait_until="networkidle")
    assert response is not None and response.ok, f"/formgrader answered {response.status}"
    table = page.locator("#main-table")
    for name in expected:
        table.get_by_text(name, exact=True).first.wait_for(timeout=90_000)
    listed = table.inner_text()
    missing = [name for name in expected if name not in listed]
    assert missing == [], f"assignments not listed by the formgrader: {missing}"
    assert watched.page_errors == [], "\n".join(watched.page_errors)
    assert external(watched) == [], "the formgrader asked the network for:\n" + "\n".join(
        external(watched)
    )
