"""Two small corrections to the HTML that Jupyter Book 1 writes, applied as each page is rendered.

1. Duplicate scripts. Some extensions (sphinx-thebe's inline ``const THEBE_JS_URL = ...`` and
   sphinx-togglebutton's selector) register their scripts on ``env-before-read-docs``, which a
   Jupyter Book build fires more than once, so every page carried the same inline script twice.
   A repeated ``const`` declaration is a JavaScript error on every page. We keep the first copy
   of each identical script.
2. Bibliography semantics. docutils writes the citation list as ``role="list"`` whose children
   have ``role="doc-biblioentry"``; a list must own list items, so screen readers (and axe's
   ``aria-required-children`` rule, a critical violation) see a broken list. The entries become
   ``role="listitem"``.
"""

from __future__ import annotations

import re

_BIBLIOENTRY = re.compile(r'(<div class="citation"[^>]*?)role="doc-biblioentry"')


def _script_key(script) -> tuple:
    # the two registrations differ only in an empty filename: None in one, "" in the other
    filename = getattr(script, "filename", script) or ""
    attributes = getattr(script, "attributes", {}) or {}
    return (str(filename), tuple(sorted((k, str(v)) for k, v in attributes.items())))


def _fix_page(app, pagename, templatename, context, doctree):
    scripts = context.get("script_files")
    if scripts:
        seen, unique = set(), []
        for script in scripts:
            key = _script_key(script)
            if key not in seen:
                seen.add(key)
                unique.append(script)
        scripts[:] = unique
    body = context.get("body")
    if body and 'class="citation-list"' in body:
        context["body"] = _BIBLIOENTRY.sub(r'\1role="listitem"', body)


def setup(app):
    app.connect("html-page-context", _fix_page, priority=900)
    return {"parallel_read_safe": True, "parallel_write_safe": True, "version": "1.0"}
