"""What this site adds to its search-engine and social plugins; not part of sphinx_workshop.

* ``robots.txt``: everything may be crawled; the sitemap's address when sphinx-sitemap is loaded
  and the site's public address is known (``html_baseurl``, which Read the Docs sets).
* The Open Graph description: a page's hand-written meta description (``html_meta`` at the top of
  the page) becomes its ``og:description``; without this, sphinxext-opengraph would cut the page's
  first words at ``ogp_description_length`` characters.

Both act on the HTML pages of a website (html, dirhtml, singlehtml), not on an EPUB.
"""

from __future__ import annotations

import html
from pathlib import Path
from typing import Any

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.builders import Builder
from sphinx.builders.epub3 import Epub3Builder
from sphinx.builders.html import StandaloneHTMLBuilder


def writes_website(builder: Builder) -> bool:
    return isinstance(builder, StandaloneHTMLBuilder) and not isinstance(builder, Epub3Builder)


def og_description_from_meta(app: Sphinx, pagename: str, templatename: str, context: dict[str, Any],
                             doctree: nodes.document | None) -> None:
    """A page's meta description is its Open Graph description (sphinxext-opengraph reads ``og:`` fields
    of the page's ``meta``)."""
    if doctree is None:
        return
    for meta in doctree.findall(nodes.meta):
        if meta.get("name") == "description" and meta.get("content"):
            # sphinxext-opengraph writes og: fields into the attribute as they are: escape them here.
            context["meta"] = {**(context.get("meta") or {}), "og:description": html.escape(meta["content"])}
            return


def write_robots_txt(app: Sphinx, exception: Exception | None) -> None:
    """``robots.txt``: everything may be crawled; the sitemap's address when the site's is known."""
    if exception is not None or not writes_website(app.builder):
        return
    lines = ["User-agent: *", "Allow: /"]
    base = app.config.html_baseurl
    if base and "sphinx_sitemap" in app.extensions:
        lines.append(f"Sitemap: {base.rstrip('/')}/{app.config.sitemap_filename}")
    Path(app.outdir, "robots.txt").write_text("\n".join(lines) + "\n", encoding="utf-8")


def setup(app: Sphinx) -> dict[str, object]:
    app.connect("build-finished", write_robots_txt)
    app.connect("html-page-context", og_description_from_meta, priority=450)  # before sphinxext-opengraph
    return {"version": "1", "parallel_read_safe": True, "parallel_write_safe": True}
