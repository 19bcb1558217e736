"""The book's frame: the table of contents, the strict offline build, the bibliography.

The strictness tests build tiny books that use the course's real `_config.yml`, so they check the
configuration a student's `make book` runs with: a failing cell, a broken reference or a warning
must fail the build, and an unchanged rebuild must reuse the execution cache.
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import nbformat
import pytest
import yaml

from course_helpers import ROOT, strict_build, toc_files

SHARED_REFERENCE = ROOT.parent / "shared" / "medical-reference.md"
PARTS = [
    "Foundations of sleep",
    "Movements in sleep",
    "Seizures",
    "Telling them apart",
    "For instructors",
    "Reference",
]


def resolve(entry: str) -> Path | None:
    for suffix in (".md", ".ipynb"):
        if (ROOT / f"{entry}{suffix}").is_file():
            return ROOT / f"{entry}{suffix}"
    return None


def test_every_toc_entry_exists():
    missing = [entry for entry in toc_files() if resolve(entry) is None]
    assert not missing, f"_toc.yml lists files that do not exist: {missing}"


def test_every_notebook_is_in_the_toc():
    listed = {resolve(entry) for entry in toc_files()}
    notebooks = sorted((ROOT / "notebooks").glob("*.ipynb"))
    assert notebooks, "the course has lessons in notebooks/"
    orphans = [nb.name for nb in notebooks if nb not in listed]
    assert not orphans, f"notebooks missing from _toc.yml: {orphans}"


def test_toc_has_the_course_parts_in_order():
    toc = yaml.safe_load((ROOT / "_toc.yml").read_text())
    assert [part["caption"] for part in toc["parts"]] == PARTS


def test_committed_notebooks_have_no_outputs():
    paths = sorted((ROOT / "notebooks").glob("*.ipynb")) + sorted(
        (ROOT / "exercises" / "source").glob("*/*.ipynb")
    )
    dirty = []
    for path in paths:
        nb = nbformat.read(path, as_version=4)
        if any(cell.get("outputs") for cell in nb.cells if cell.cell_type == "code"):
            dirty.append(str(path.relative_to(ROOT)))
    assert not dirty, f"notebooks committed with outputs (clear them): {dirty}"


def reference_keys() -> list[str]:
    text = SHARED_REFERENCE.read_text()
    table = text.split("## Source keys", 1)[1].split("\n## ", 1)[0]
    return re.findall(r"^\| ([A-Z0-9]+) \|", table, flags=re.M)


@pytest.mark.skipif(not SHARED_REFERENCE.exists(), reason="../shared/medical-reference.md absent")
def test_bibliography_has_every_source_key_of_the_medical_reference():
    keys = reference_keys()
    assert len(keys) >= 20
    bib = (ROOT / "book" / "references.bib").read_text()
    entries = set(re.findall(r"@\w+\{\s*([^,\s]+)\s*,", bib))
    missing = [key for key in keys if key not in entries]
    assert not missing, f"book/references.bib lacks entries for {missing}"
    for key in keys:
        entry = bib.split(f"{{{key},", 1)[1].split("\n@", 1)[0].lower()
        for field in ("title", "year"):
            assert re.search(rf"\b{field}\s*=", entry), f"{key} has no {field}"


# --- the whole book, built strictly in a temporary copy --------------------------------------


@pytest.mark.slow
def test_the_whole_book_builds_strictly(built_book):
    for entry in toc_files():
        page = built_book / f"{entry}.html"
        assert page.is_file(), f"{entry} was not built"
    assert (built_book / "search.html").is_file()


@pytest.mark.slow
def test_built_pages_load_no_script_or_stylesheet_from_the_network(built_book):
    remote = re.compile(
        r"<(?:script[^>]*\ssrc|link[^>]*\shref)=\"(?:https?:)?//[^\"]+\"", flags=re.I
    )
    offenders = {}
    for page in built_book.rglob("*.html"):
        html = page.read_text(errors="replace")
        # stylesheets and scripts only; ordinary hyperlinks to sources are fine
        found = [m for m in remote.findall(html) if "<a " not in m]
        if found:
            offenders[str(page.relative_to(built_book))] = found[:3]
    assert not offenders, f"pages that load from the network: {offenders}"


@pytest.mark.slow
def test_widget_manager_is_served_from_the_books_own_files(built_book):
    assert (built_book / "_static" / "vendor" / "require.js").is_file()
    assert (built_book / "_static" / "vendor" / "html-manager" / "embed-amd.js").is_file()
    lesson_pages = [p for p in built_book.glob("notebooks/*.html")]
    with_widgets = [p for p in lesson_pages if "application/vnd.jupyter.widget-state+json"
                    in p.read_text()]
    assert with_widgets, "no lesson page embeds widget state"
    for page in with_widgets:
        html = page.read_text()
        assert "_static/vendor/html-manager/embed-amd.js" in html, page.name
        assert "cdn.jsdelivr" not in html and "cdnjs" not in html, page.name


@pytest.mark.slow
def test_no_page_repeats_an_inline_script(built_book):
    """A repeated inline `const` declaration is a script error on every page (book/_ext)."""
    inline = re.compile(r"<script>(.*?)</script>", flags=re.S)
    for page in built_book.rglob("*.html"):
        bodies = [b.strip() for b in inline.findall(page.read_text(errors="replace")) if b.strip()]
        repeated = {b[:60] for b in bodies if bodies.count(b) > 1}
        assert not repeated, f"{page.relative_to(built_book)} repeats {repeated}"


@pytest.mark.slow
def test_bibliography_entries_are_list_items(built_book):
    html = (built_book / "book" / "bibliography.html").read_text()
    assert 'class="citation-list"' in html
    assert "doc-biblioentry" not in html
    assert html.count('role="listitem"') >= 22


def main_content(page: Path) -> str:
    """The article body of a page (the theme adds a print-only header around it)."""
    match = re.search(r"<article.*?</article>", page.read_text(errors="replace"), flags=re.S)
    return match.group(0) if match else ""


@pytest.mark.slow
def test_headings_are_in_order_on_every_page(built_book):
    """One title per page, and no heading level skipped (screen-reader navigation)."""
    for page in (built_book / f"{entry}.html" for entry in toc_files()):
        levels = [int(n) for n in re.findall(r"<h([1-6])\b", main_content(page))]
        if not levels:
            continue
        name = page.relative_to(built_book)
        assert levels[0] == 1 and levels.count(1) == 1, f"{name}: headings {levels[:8]}"
        skips = [(a, b) for a, b in zip(levels, levels[1:], strict=False) if b > a + 1]
        assert not skips, f"{name} skips heading levels {skips[:3]}"


@pytest.mark.slow
def test_link_text_says_where_it_goes(built_book):
    vague = re.compile(r"^(here|click here|this|link|more|read more|this page)$", flags=re.I)
    for page in (built_book / f"{entry}.html" for entry in toc_files()):
        for text in re.findall(r"<a [^>]*href=\"[^\"]+\"[^>]*>(.*?)</a>", main_content(page),
                               flags=re.S):
            label = re.sub(r"<[^>]+>", "", text).strip()
            assert not vague.match(label), f"{page.relative_to(built_book)}: link text {label!r}"


# --- strictness of the configuration, on tiny books ------------------------------------------


def tiny_book(root: Path, notebook_cells: list[str], page_text: str = "A page.") -> Path:
    """A two-page book with the course's real _config.yml and static files."""
    shutil.copy2(ROOT / "_config.yml", root / "_config.yml")
    shutil.copytree(ROOT / "book" / "_static", root / "book" / "_static")
    shutil.copytree(ROOT / "book" / "_ext", root / "book" / "_ext")
    (root / "book" / "references.bib").write_text(
        "@misc{KEY, title = {A source}, author = {Someone}, year = {2020}}\n"
    )
    (root / "book" / "intro.md").write_text(f"# Tiny book\n\n{page_text}\n")
    nb = nbformat.v4.new_notebook()
    nb.cells = [nbformat.v4.new_markdown_cell("# A lesson")]
    nb.cells += [nbformat.v4.new_code_cell(src) for src in notebook_cells]
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3",
                                 "language": "python"}
    nbformat.write(nb, root / "book" / "lesson.ipynb")
    (root / "_toc.yml").write_text(
        "format: jb-book\nroot: book/intro\nchapters:\n  - file: book/lesson\n"
    )
    return root


@pytest.mark.slow
def test_a_clean_tiny_book_builds(tmp_path):
    result = strict_build(tiny_book(tmp_path, ["print(1 + 1)"]))
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
    assert "2" in (tmp_path / "_build" / "html" / "book" / "lesson.html").read_text()


@pytest.mark.slow
def test_a_failing_cell_fails_the_build(tmp_path):
    result = strict_build(tiny_book(tmp_path, ["x = 1", "raise RuntimeError('boom in a cell')"]))
    assert result.returncode != 0
    assert "boom in a cell" in result.stdout + result.stderr


@pytest.mark.slow
def test_a_broken_reference_fails_the_build(tmp_path):
    book = tiny_book(tmp_path, ["print('ok')"], page_text="See [the missing page](nowhere.md).")
    result = strict_build(book)
    assert result.returncode != 0
    assert "nowhere" in result.stdout + result.stderr


@pytest.mark.slow
def test_an_unknown_citation_fails_the_build(tmp_path):
    book = tiny_book(tmp_path, ["print('ok')"], page_text="As shown {cite}`NOSUCHKEY`.")
    result = strict_build(book)
    assert result.returncode != 0
    assert "NOSUCHKEY" in result.stdout + result.stderr


@pytest.mark.slow
def test_an_unchanged_rebuild_reuses_the_execution_cache(tmp_path):
    book = tiny_book(tmp_path, ["import time", "print(time.time_ns())"])
    first = strict_build(book)
    assert first.returncode == 0, first.stdout[-3000:]
    page = book / "_build" / "html" / "book" / "lesson.html"
    stamp = re.search(r"\d{18,}", page.read_text()).group(0)
    # touch the page source so Sphinx re-reads it: the output must come from the cache
    (book / "book" / "lesson.ipynb").touch()
    second = strict_build(book)
    assert second.returncode == 0, second.stdout[-3000:]
    assert stamp in page.read_text(), "the notebook was executed again instead of cached"
