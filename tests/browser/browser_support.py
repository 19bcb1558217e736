"""Helpers for the real-browser tests (imported by conftest.py and the test modules).

Kept out of conftest.py so test modules can import them by a name no other folder uses.
"""

from __future__ import annotations

import hashlib
import re
import shutil
import subprocess
import sys
import time
import urllib.error
import urllib.request
from dataclasses import dataclass, field
from http.server import SimpleHTTPRequestHandler
from pathlib import Path
from urllib.parse import urlsplit

from course_helpers import (  # noqa: F401  (shared with the other tests)
    copy_course,
    free_port,
    stop_process,
    toc_files,
)

ROOT = Path(__file__).resolve().parents[2]
ARTIFACTS = ROOT / "test-artifacts"

# Chromium's own flags for a closed network, as the machine notes prescribe. Playwright itself
# adds --headless, --no-sandbox (its chromium_sandbox defaults to False) and a new empty
# --user-data-dir for every launch; the last cannot be passed through ``args``.
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]

LOCAL_HOSTS = {"127.0.0.1"}

# Ceiling for every wait and navigation of a watched page (ms); see Watcher.new_page.
BROWSER_TIMEOUT_MS = 120_000

# JupyterLab user settings for the live-lesson tests: no news pop-up over the notebook, every
# cell kept in the DOM (no windowing) so the whole notebook can be read after "Run All Cells".
LAB_SETTINGS = {
    "@jupyterlab/apputils-extension/notification.jupyterlab-settings": '{"fetchNews": "false"}',
    "@jupyterlab/notebook-extension/tracker.jupyterlab-settings": '{"windowingMode": "none"}',
}


# --------------------------------------------------------------------------------------------
# The table of contents: the pages every book test walks through.
# --------------------------------------------------------------------------------------------


def page_url(base_url: str, doc: str) -> str:
    """URL of the HTML page built from document ``doc`` (a ``_toc.yml`` entry)."""
    return f"{base_url}/{doc}.html"


def artifact_folder(nodeid: str) -> Path:
    """``test-artifacts/<test id>/``, created."""
    folder = ARTIFACTS / re.sub(r"[^A-Za-z0-9_.-]+", "_", nodeid).strip("_")
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def _is_automatic_favicon(url: str) -> bool:
    """Chromium asks every site for /favicon.ico by itself; the book's pages never link it."""
    return urlsplit(url).path == "/favicon.ico"


@dataclass
class WatchedPage:
    """A Playwright page with everything it reported: console, page errors, requests."""

    name: str
    page: object
    console: list[str] = field(default_factory=list)
    console_errors: list[str] = field(default_factory=list)
    page_errors: list[str] = field(default_factory=list)
    failed_requests: list[str] = field(default_factory=list)
    blocked_requests: list[str] = field(default_factory=list)
    requested: list[str] = field(default_factory=list)

    def attach(self) -> None:
        page = self.page
        page.on("console", self._on_console)
        page.on("pageerror", lambda exc: self.page_errors.append(f"{page.url}: {exc}"))
        page.on("request", lambda req: self.requested.append(req.url))
        page.on("requestfailed", self._on_request_failed)
        page.on("response", self._on_response)

    def _on_console(self, msg) -> None:
        loc = msg.location or {}
        if _is_automatic_favicon(loc.get("url", "")):
            self.console.append(f"[{msg.type}] {msg.text} (browser's own favicon request)")
            return
        where = f"{loc.get('url', '')}:{loc.get('lineNumber', '')}"
        line = f"[{msg.type}] {msg.text} ({where})"
        self.console.append(line)
        if msg.type == "error":
            self.console_errors.append(line)

    def _on_request_failed(self, request) -> None:
        if _is_automatic_favicon(request.url):
            return
        line = f"{request.method} {request.url}: {request.failure}"
        if line not in self.blocked_requests:
            self.failed_requests.append(line)

    def _on_response(self, response) -> None:
        if response.status >= 400 and not _is_automatic_favicon(response.url):
            self.failed_requests.append(
                f"{response.request.method} {response.url}: HTTP {response.status}"
            )

    def problems(self) -> list[str]:
        """Console errors, uncaught page errors and failed requests, in one list."""
        return (
            [f"console error: {c}" for c in self.console_errors]
            + [f"page error: {e}" for e in self.page_errors]
            + [f"failed request: {r}" for r in self.failed_requests]
            + [f"blocked request (left 127.0.0.1): {r}" for r in self.blocked_requests]
        )

    def log_text(self) -> str:
        sections = [
            ("console", self.console),
            ("page errors", self.page_errors),
            ("failed requests", self.failed_requests),
            ("blocked requests (outside 127.0.0.1)", self.blocked_requests),
        ]
        lines = [f"page: {self.name}", f"last url: {self.page.url}"]
        for title, items in sections:
            lines.append(f"\n== {title} ({len(items)})")
            lines.extend(items)
        return "\n".join(lines) + "\n"


class Watcher:
    """Opens watched pages for one test and saves their artifacts when the test fails."""

    def __init__(self, browser, nodeid: str):
        self.browser = browser
        self.nodeid = nodeid
        self.pages: list[WatchedPage] = []
        self._contexts = []

    def new_page(self, name: str = "page", *, offline: bool = False, viewport=None) -> WatchedPage:
        """Open a page in a fresh context.

        Parameters
        ----------
        name : str
            Used in the artifact file names.
        offline : bool
            Abort every request whose host is not 127.0.0.1 (the network cut), recording it.
        viewport : dict, optional
            ``{"width": px, "height": px}``; default 1280 x 900.
        """
        context = self.browser.new_context(viewport=viewport or {"width": 1280, "height": 900})
        # CI runs the browser tests on a loaded 2-core machine, where the largest lesson page
        # (lesson 1's precomputed explorer) has taken more than Playwright's default 30 s to
        # settle; a generous ceiling keeps a slow machine from failing a correct page.
        context.set_default_timeout(BROWSER_TIMEOUT_MS)
        context.set_default_navigation_timeout(BROWSER_TIMEOUT_MS)
        self._contexts.append(context)
        page = context.new_page()
        watched = WatchedPage(name=name, page=page)
        watched.attach()
        if offline:

            def cut(route, request, watched=watched):
                host = urlsplit(request.url).hostname
                if host in LOCAL_HOSTS:
                    route.continue_()
                else:
                    watched.blocked_requests.append(f"{request.method} {request.url}: blocked")
                    route.abort("internetdisconnected")

            context.route("**/*", cut)
        self.pages.append(watched)
        return watched

    def save_artifacts(self) -> list[Path]:
        """Write a screenshot and a log per page; return the paths written."""
        folder = artifact_folder(self.nodeid)
        written = []
        for i, watched in enumerate(self.pages):
            stem = f"{i:02d}-{re.sub(r'[^A-Za-z0-9_.-]+', '_', watched.name)}"
            shot = folder / f"{stem}.png"
            try:
                watched.page.screenshot(path=str(shot), full_page=True)
                written.append(shot)
            except Exception as exc:  # a closed or crashed page still gets its log
                watched.console.append(f"(no screenshot: {exc})")
            log = folder / f"{stem}.console.log"
            log.write_text(watched.log_text(), encoding="utf-8")
            written.append(log)
        return written

    def close(self) -> None:
        for context in self._contexts:
            try:
                context.close()
            except Exception:
                pass


class QuietHandler(SimpleHTTPRequestHandler):
    def log_message(self, format, *args):  # noqa: A002 - the standard library's name
        pass


# --------------------------------------------------------------------------------------------
# Widget fingerprints: what a student sees change when moving a control.
# --------------------------------------------------------------------------------------------

# SHA-256 of the bytes of every visible image (blob:, data: or http URL) and the visible text
# of HTML outputs inside ``root``; identical figures give identical fingerprints.
FINGERPRINT_JS = """
async (root) => {
  const visible = (el) => !!(el.offsetWidth || el.offsetHeight || el.getClientRects().length);
  const parts = [];
  for (const img of root.querySelectorAll('img')) {
    if (!visible(img) || !img.src) continue;
    try {
      const buf = await (await fetch(img.src)).arrayBuffer();
      const digest = await crypto.subtle.digest('SHA-256', buf);
      parts.push('img:' + Array.from(new Uint8Array(digest))
        .map((b) => b.toString(16).padStart(2, '0')).join(''));
    } catch (e) {
      parts.push('img-src:' + img.src);
    }
  }
  for (const el of root.querySelectorAll('.widget-html-content, .widget-htmlmath-content, svg')) {
    if (visible(el)) parts.push('html:' + (el.outerHTML.length > 20000
      ? el.outerHTML.slice(0, 20000) : el.outerHTML));
  }
  return parts;
}
"""


def fingerprint(locator, *, images_only: bool = False) -> str:
    """A short digest of what ``locator``'s element shows (images by content, HTML by markup).

    ``images_only=True`` digests the visible images alone (the figure, not the text beside it).
    """
    parts = locator.evaluate(FINGERPRINT_JS)
    if images_only:
        parts = [p for p in parts if p.startswith("img")]
        if not parts:
            raise AssertionError("no visible image to compare")
    return hashlib.sha256("\n".join(parts).encode()).hexdigest()[:16] + f"/{len(parts)}"


# --------------------------------------------------------------------------------------------
# JupyterLab in a temporary copy of the course
# --------------------------------------------------------------------------------------------


def venv_executable(name: str) -> str:
    """``name`` from the course venv (``.venv/bin``), else beside the running Python."""
    for folder in (ROOT / ".venv" / "bin", Path(sys.executable).parent):
        if (folder / name).exists():
            return str(folder / name)
    found = shutil.which(name)
    if found is None:
        raise FileNotFoundError(f"{name} is neither in .venv/bin nor on PATH: run `make venv`")
    return found


@dataclass
class LabServer:
    """A running JupyterLab: ``url(path)`` adds the token; ``course`` is the copy it serves."""

    base_url: str
    token: str
    course: Path
    log_path: Path
    process: subprocess.Popen

    def url(self, path: str) -> str:
        sep = "&" if "?" in path else "?"
        return f"{self.base_url}{path}{sep}token={self.token}"

    def log_tail(self, n: int = 60) -> str:
        try:
            lines = self.log_path.read_text(encoding="utf-8", errors="replace").splitlines()
        except OSError:
            return "(no log)"
        return "\n".join(lines[-n:])

    def save_log(self, folder: Path) -> Path:
        folder.mkdir(parents=True, exist_ok=True)
        target = folder / "jupyterlab-server.log"
        shutil.copy(self.log_path, target)
        return target


def wait_for_lab(server: LabServer, timeout_s: float = 120.0) -> None:
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        if server.process.poll() is not None:
            raise RuntimeError(
                f"JupyterLab exited with code {server.process.returncode}:\n{server.log_tail()}"
            )
        try:
            with urllib.request.urlopen(server.url("/api/status"), timeout=2) as resp:
                if resp.status == 200:
                    return
        except (urllib.error.URLError, OSError):
            pass
        time.sleep(0.5)
    raise RuntimeError(f"JupyterLab did not answer within {timeout_s:.0f} s:\n{server.log_tail()}")
