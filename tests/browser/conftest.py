"""Fixtures for the real-browser tests: the built book on a local server, Chromium, JupyterLab.

What a student or an instructor sees is tested in Debian's Chromium (found on PATH, never
downloaded) driven by Playwright. The book comes from the lead's session fixture ``built_book``
(a strict build in a temporary copy of the course); set ``TWITCHLAB_BOOK_HTML`` to the path of
an already built ``_build/html`` to reuse it while iterating on these tests.

When a test fails, every page it opened through the ``watch`` fixture leaves a screenshot and a
log (console messages, page errors, failed and blocked requests) under ``test-artifacts/``;
the failure report names both files in a "browser artifacts" section.
"""

from __future__ import annotations

import functools
import os
import secrets
import shutil
import subprocess
import sys
import threading
from http.server import ThreadingHTTPServer
from pathlib import Path

import pytest
from browser_support import (
    CHROMIUM_ARGS,
    LAB_SETTINGS,
    LabServer,
    QuietHandler,
    Watcher,
    artifact_folder,
    copy_course,
    free_port,
    stop_process,
    venv_executable,
    wait_for_lab,
)

# --------------------------------------------------------------------------------------------
# Chromium
# --------------------------------------------------------------------------------------------


@pytest.fixture(scope="session")
def chromium_path() -> str:
    """Debian's chromium from PATH; skip (or, under CI, fail) with the install command."""
    path = shutil.which("chromium")
    if path is None:
        message = (
            "Debian's chromium is not on PATH. Install it with `make chromium` "
            "(or `apt-get install chromium`), then run the browser tests again."
        )
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)
    return path


@pytest.fixture(scope="session")
def browser(chromium_path):
    """One headless Chromium for the session (Playwright, Debian's binary, no download)."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        chromium = pw.chromium.launch(
            executable_path=chromium_path, headless=True, args=CHROMIUM_ARGS
        )
        yield chromium
        chromium.close()


# --------------------------------------------------------------------------------------------
# Pages under watch: console, errors, requests; artifacts on failure.
# --------------------------------------------------------------------------------------------


@pytest.fixture
def watch(browser, request):
    """A :class:`Watcher`: ``watch.new_page(name, offline=False)`` opens a watched page."""
    watcher = Watcher(browser, request.node.nodeid)
    yield watcher
    watcher.close()


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item, call):
    """On a failed test, save screenshots and console logs and name them in the report."""
    outcome = yield
    report = outcome.get_result()
    if report.when != "call" or not report.failed:
        return
    watchers = [v for v in getattr(item, "funcargs", {}).values() if isinstance(v, Watcher)]
    paths = []
    for watcher in watchers:
        paths.extend(watcher.save_artifacts())
    lab = getattr(item, "funcargs", {}).get("lab")
    if isinstance(lab, LabServer):
        paths.append(lab.save_log(artifact_folder(item.nodeid)))
    if paths:
        text = "\n".join(f"  {p}" for p in paths)
        report.sections.append(("browser artifacts", f"Saved for this failure:\n{text}"))
        print(f"\nbrowser artifacts for {item.nodeid}:\n{text}", file=sys.stderr)


# --------------------------------------------------------------------------------------------
# The built book on 127.0.0.1
# --------------------------------------------------------------------------------------------


@pytest.fixture(scope="session")
def book_html(request) -> Path:
    """The built ``_build/html`` folder: ``$TWITCHLAB_BOOK_HTML`` or the lead's ``built_book``."""
    override = os.environ.get("TWITCHLAB_BOOK_HTML")
    if override:
        path = Path(override)
        if not (path / "index.html").is_file():
            raise ValueError(
                f"TWITCHLAB_BOOK_HTML={override!r} has no index.html: "
                "point it at a built _build/html folder"
            )
        return path
    return Path(request.getfixturevalue("built_book"))


@pytest.fixture(scope="session")
def book_url(book_html) -> str:
    """Base URL of a threaded static server for the built book on 127.0.0.1 (free port)."""
    handler = functools.partial(QuietHandler, directory=str(book_html))
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, name="book-server", daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()
    thread.join(timeout=5)


@pytest.fixture(scope="session")
def lab(tmp_path_factory) -> LabServer:
    """JupyterLab on 127.0.0.1 with a random token, serving a temporary copy of the course.

    Started as ``make lab`` would start it (from the course root, same environment), plus
    isolated runtime/settings/workspace folders so nothing of the developer's own Lab leaks in.
    """
    tmp = tmp_path_factory.mktemp("lab")
    course = copy_course(tmp / "course")
    settings = tmp / "lab-settings"
    for rel, text in LAB_SETTINGS.items():
        target = settings / rel
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text, encoding="utf-8")
    env = dict(os.environ)
    # As `make lab`: the venv's bin first on PATH (nbgrader's gradebook runs `alembic` from it).
    venv_bin = str(Path(venv_executable("jupyter")).parent)
    env["PATH"] = venv_bin + os.pathsep + env.get("PATH", "")
    env.update(
        JUPYTER_RUNTIME_DIR=str(tmp / "runtime"),
        JUPYTERLAB_SETTINGS_DIR=str(settings),
        JUPYTERLAB_WORKSPACES_DIR=str(tmp / "workspaces"),
        PYTHONUNBUFFERED="1",
    )
    token = secrets.token_hex(16)
    port = free_port()
    log_path = tmp / "jupyterlab.log"
    cmd = [
        venv_executable("jupyter"),
        "lab",
        "--no-browser",
        f"--IdentityProvider.token={token}",  # ServerApp.token's name since jupyter_server 2
        "--ServerApp.ip=127.0.0.1",
        f"--port={port}",
        "--ServerApp.port_retries=0",
        f"--ServerApp.root_dir={course}",
        "--LabApp.check_for_updates_class=jupyterlab.NeverCheckForUpdate",
    ]
    if hasattr(os, "geteuid") and os.geteuid() == 0:
        cmd.append("--allow-root")  # CI and these machines run as root
    with open(log_path, "wb") as log:
        process = subprocess.Popen(
            cmd,
            cwd=course,
            env=env,
            stdout=log,
            stderr=subprocess.STDOUT,
            stdin=subprocess.DEVNULL,
        )
    server = LabServer(f"http://127.0.0.1:{port}", token, course, log_path, process)
    try:
        wait_for_lab(server)
        yield server
    finally:
        stop_process(process)
