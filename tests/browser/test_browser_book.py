"""The built book in a real browser, as a student reads it.

Every page of ``_toc.yml`` is opened in Chromium from a static server on 127.0.0.1: it loads
without console errors or failed requests, every image has a text alternative, axe-core finds no
serious or critical accessibility violation, the sidebar and next/previous links lead through the
book in the order of the table of contents, search finds "hypsarrhythmia", the kernel-free
explorers answer their controls, and everything still renders with the network cut.
"""

from __future__ import annotations

import re
import time
from urllib.parse import urlsplit

import pytest
from browser_support import fingerprint, page_url, toc_files

pytestmark = pytest.mark.browser

DOCS = toc_files()

# The lessons whose static (precomputed, kernel-free) explorers the book embeds.
STATIC_EXPLORER_PAGES = ["notebooks/01-sleep-architecture", "notebooks/03-episode-timelines"]

WIDGET_VIEWS = 'script[type="application/vnd.jupyter.widget-view+json"]'

# Every widget view has been rendered into the div.widget-subarea that the html-manager
# inserts before its script tag (or the page has no widget at all).
WIDGETS_RENDERED_JS = """
(selector) => {
  const views = document.querySelectorAll(selector);
  for (const v of views) {
    const area = v.previousElementSibling;
    if (!area || !area.classList.contains('widget-subarea')) return false;
    if (!area.querySelector('.jupyter-widgets')) return false;
  }
  return true;
}
"""


def open_page(watched, url: str) -> None:
    """Go to ``url``, wait for the network to settle and for embedded widgets to render."""
    page = watched.page
    response = page.goto(url, wait_until="networkidle")
    assert response is not None and response.ok, f"{url} answered {response and response.status}"
    if page.locator(WIDGET_VIEWS).count():
        page.wait_for_function(WIDGETS_RENDERED_JS, arg=WIDGET_VIEWS)
        page.wait_for_load_state("networkidle")


def doc_of(url: str, base_url: str) -> str:
    """The ``_toc.yml`` document a page URL shows (``/book/intro.html`` -> ``book/intro``)."""
    path = urlsplit(url).path
    base_path = urlsplit(base_url).path
    return re.sub(r"\.html$", "", path[len(base_path) :].lstrip("/"))


# ------------------------------------------------------------------------------------------
# Every page
# ------------------------------------------------------------------------------------------


@pytest.mark.parametrize("doc", DOCS)
def test_page_loads_without_console_errors_or_failed_requests(doc, book_url, watch):
    watched = watch.new_page(doc)
    open_page(watched, page_url(book_url, doc))
    page = watched.page
    assert page.locator("main h1").count() >= 1, f"{doc}: the page shows no title (h1)"
    assert len(page.locator("main").inner_text().split()) > 20, f"{doc}: the page is nearly empty"
    assert page.get_by_text("Error displaying widget").count() == 0, f"{doc}: a widget failed"
    assert watched.problems() == [], f"{doc}: " + "\n".join(watched.problems())


IMAGES_WITHOUT_TEXT_JS = """
() => Array.from(document.querySelectorAll('img')).filter((img) => {
  const text = (img.getAttribute('alt') || img.getAttribute('aria-label')
                || img.getAttribute('title') || '').trim();
  const labelledby = (img.getAttribute('aria-labelledby') || '').trim();
  return !text && !labelledby;
}).map((img) => img.outerHTML.slice(0, 200))
"""


@pytest.mark.parametrize("doc", DOCS)
def test_every_image_has_a_text_alternative(doc, book_url, watch):
    """Each <img> carries alt text (or, for widget images, an aria-label or title).

    A screen reader reads an image by its accessible name: ``alt`` for figures; ipywidgets'
    Image has no ``alt`` trait, so its ``tooltip`` (the ``title`` attribute) names it.
    """
    watched = watch.new_page(doc)
    open_page(watched, page_url(book_url, doc))
    missing = watched.page.evaluate(IMAGES_WITHOUT_TEXT_JS)
    assert missing == [], f"{doc}: images without a text alternative:\n" + "\n".join(missing)


@pytest.mark.parametrize("doc", DOCS)
def test_axe_finds_no_serious_or_critical_violation(doc, book_url, watch):
    from axe_playwright_python.sync_playwright import Axe

    watched = watch.new_page(doc)
    open_page(watched, page_url(book_url, doc))
    results = Axe().run(watched.page)
    serious = [
        v for v in results.response["violations"] if v.get("impact") in ("serious", "critical")
    ]
    report = []
    for v in serious:
        targets = "; ".join(", ".join(map(str, n["target"])) for n in v["nodes"][:8])
        report.append(
            f"{v['id']} ({v['impact']}): {v['help']} -- {len(v['nodes'])} node(s): {targets}"
        )
    assert serious == [], f"{doc}: axe-core violations:\n" + "\n".join(report)


@pytest.mark.parametrize("doc", DOCS)
def test_page_renders_completely_with_the_network_cut(doc, book_url, watch):
    """With every request outside 127.0.0.1 aborted, nothing is missing from the page."""
    watched = watch.new_page(doc, offline=True)
    open_page(watched, page_url(book_url, doc))
    page = watched.page
    assert watched.blocked_requests == [], f"{doc} needs the network for:\n" + "\n".join(
        watched.blocked_requests
    )
    broken = page.evaluate(
        "() => Array.from(document.images).filter((i) => !i.complete || i.naturalWidth === 0)"
        ".map((i) => (i.getAttribute('src') || '').slice(0, 120))"
    )
    assert broken == [], f"{doc}: images that did not render offline: {broken}"
    n_views = page.locator(WIDGET_VIEWS).count()
    rendered = page.locator(".widget-subarea > .jupyter-widgets").count()
    assert rendered >= n_views, f"{doc}: {rendered} of {n_views} widgets rendered offline"
    n_math = page.locator("main .math").count()
    if n_math:
        assert page.locator("main mjx-container").count() > 0, (
            f"{doc}: {n_math} formulas stayed as raw TeX offline (MathJax not served locally)"
        )
    assert watched.problems() == [], f"{doc}: " + "\n".join(watched.problems())


# ------------------------------------------------------------------------------------------
# Navigation and search
# ------------------------------------------------------------------------------------------


def test_sidebar_lists_every_page_and_its_links_work(book_url, watch):
    watched = watch.new_page("sidebar")
    page = watched.page
    open_page(watched, page_url(book_url, DOCS[0]))
    links = page.locator(".bd-sidebar-primary nav a.reference.internal")
    hrefs = [links.nth(i).evaluate("(a) => a.href") for i in range(links.count())]
    listed = [doc_of(h, book_url) for h in hrefs]
    missing = [d for d in DOCS[1:] if d not in listed]
    assert missing == [], f"pages missing from the sidebar: {missing}"
    for doc in DOCS[1:]:
        open_page(watched, page_url(book_url, DOCS[0]))
        link = page.locator(".bd-sidebar-primary nav a.reference.internal").nth(listed.index(doc))
        link.scroll_into_view_if_needed()
        expected_title = link.inner_text().strip()
        link.click()
        page.wait_for_load_state("networkidle")
        assert doc_of(page.url, book_url) == doc, f"sidebar link to {doc} went to {page.url}"
        h1 = page.locator("main h1").first.inner_text().strip().rstrip("#").strip()
        assert h1 == expected_title, f"sidebar says {expected_title!r}, page title is {h1!r}"


def test_next_and_previous_links_follow_the_table_of_contents(book_url, watch):
    watched = watch.new_page("next-previous")
    page = watched.page
    open_page(watched, page_url(book_url, DOCS[0]))
    forward = [doc_of(page.url, book_url)]
    for _ in range(len(DOCS) + 5):
        nxt = page.locator("a.right-next")
        if nxt.count() == 0:
            break
        nxt.first.click()
        page.wait_for_load_state("networkidle")
        forward.append(doc_of(page.url, book_url))
    # The built-in index pages (genindex) may follow the last document of the toc.
    assert forward[: len(DOCS)] == DOCS, f"'next' walks {forward}, the toc is {DOCS}"
    while doc_of(page.url, book_url) != DOCS[-1]:
        page.locator("a.left-prev").first.click()
        page.wait_for_load_state("networkidle")
    backward = [DOCS[-1]]
    for _ in range(len(DOCS) + 5):
        prev = page.locator("a.left-prev")
        if prev.count() == 0:
            break
        prev.first.click()
        page.wait_for_load_state("networkidle")
        backward.append(doc_of(page.url, book_url))
    assert backward == DOCS[::-1], f"'previous' walks {backward}, the toc is {DOCS[::-1]}"


def test_search_finds_hypsarrhythmia(book_url, watch):
    """Typing the word in the book's search box lists at least one page, which opens."""
    watched = watch.new_page("search")
    page = watched.page
    open_page(watched, page_url(book_url, DOCS[0]))
    page.locator("button.search-button-field, button.search-button").first.click()
    box = page.locator('form.bd-search input[name="q"]:visible').first
    box.fill("hypsarrhythmia")
    box.press("Enter")
    page.wait_for_url(re.compile(r"search\.html\?q=hypsarrhythmia"))
    results = page.locator("#search-results ul.search li a")
    results.first.wait_for()
    assert results.count() >= 1, "search for hypsarrhythmia found no page"
    results.first.click()
    page.wait_for_load_state("networkidle")
    assert "hypsarrhythmia" in page.locator("main").inner_text().lower()


# ------------------------------------------------------------------------------------------
# Static explorers: controls that work with no kernel
# ------------------------------------------------------------------------------------------

CONTROLS = (
    ".widget-subarea select, "
    ".widget-subarea .noUi-handle, "
    ".widget-subarea .widget-toggle-button, "
    ".widget-subarea .widget-radio-box input"
)


def operate(control) -> str:
    """Move one control the way a student would; return what was done."""
    tag = control.evaluate("(el) => el.tagName.toLowerCase()")
    classes = control.get_attribute("class") or ""
    if tag == "select":
        values = control.evaluate("(el) => Array.from(el.options).map((o) => o.value)")
        current = control.evaluate("(el) => el.value")
        others = [v for v in values if v != current]
        assert others, "a dropdown with a single option"
        control.select_option(others[-1])
        return f"dropdown -> {others[-1]}"
    if "noUi-handle" in classes:
        control.focus()
        before = control.get_attribute("aria-valuenow")
        control.press("End")
        if control.get_attribute("aria-valuenow") == before:
            control.press("Home")
        return f"slider {before} -> {control.get_attribute('aria-valuenow')}"
    if tag == "input":
        control.check()
        return "radio"
    control.click()
    return "button"


@pytest.mark.parametrize("doc", STATIC_EXPLORER_PAGES)
def test_static_explorer_answers_its_controls_without_a_kernel(doc, book_url, watch):
    """Each control of the embedded explorers changes the figure shown, offline, no kernel."""
    watched = watch.new_page(doc, offline=True)
    page = watched.page
    open_page(watched, page_url(book_url, doc))
    controls = page.locator(CONTROLS)
    n = controls.count()
    assert n >= 1, f"{doc}: no explorer control found in the static page"
    checked = []
    for i in range(n):
        control = controls.nth(i)
        if not control.is_visible():
            continue
        output = control.locator("xpath=ancestor::div[contains(@class,'widget-subarea')][1]")
        before = fingerprint(output)
        control.scroll_into_view_if_needed()
        action = operate(control)
        deadline = time.monotonic() + 5.0
        after = fingerprint(output)
        while after == before and time.monotonic() < deadline:
            page.wait_for_timeout(100)
            after = fingerprint(output)
        assert after != before, f"{doc}: control #{i} ({action}) did not change the figure"
        checked.append(action)
    assert checked, f"{doc}: no visible explorer control"
    assert watched.page_errors == [], f"{doc}: " + "\n".join(watched.page_errors)
