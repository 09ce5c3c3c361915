"""Sphinx configuration for the ICML 2022 ML4Astro workshop site."""

from __future__ import annotations

import os
import sys
from urllib.parse import urlsplit

project = "ML4Astro 2022"
author = "ML4Astro 2022 organizing committee"
copyright = "2022, the ML4Astro organizing committee"
# The edition. EPUB requires a version (sphinx-build -b epub); the pages do not show it.
version = release = "2022"

extensions = [
    "myst_parser",
    "sphinx_design",
    "sphinx_workshop",
    "lean_theme",  # _ext/lean_theme.py: the theme without what the site does not use (QUALITY.md)
    "site_glue",  # _ext/site_glue.py: robots.txt, and each page's description as its Open Graph one
]
sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "_ext"))

source_suffix = {".md": "markdown"}
root_doc = "index"
language = "en"

# The site's pages, and nothing else of the repository (docs, tests, the package, environments):
# templates_path and html_static_path are read by the builder whatever this says.
include_patterns = ["index.md", "404.md", "program/**", "cfp/**", "people/**"]
# Not for what is built (include_patterns decides), but so that Sphinx never walks the folders with
# thousands of files (.venv, .git, npm's tools, the output) looking for pages.
exclude_patterns = [".*", "_build", "node_modules"]

myst_enable_extensions = ["colon_fence", "attrs_inline", "attrs_block", "deflist"]
myst_heading_anchors = 3

# -- HTML output: pydata-sphinx-theme, configured for a small event site ---------

html_theme = "pydata_sphinx_theme"
html_title = "ML4Astro · ICML 2022 Workshop on Machine Learning for Astrophysics"
html_short_title = "ML4Astro 2022"
html_static_path = ["_static"]
html_css_files = ["site.css", "icons.css"]  # icons.css: made by tools/make_icons.py
templates_path = ["_templates"]
html_favicon = "_static/favicon.svg"
html_context = {
    "default_mode": "auto",
    # Shown in the footer by _templates/footer-contact.html.
    "contact_email": "icml2022ml4astro@gmail.com",
}

# No "show source" links and no copies of the Markdown sources in the output.
html_show_sourcelink = False
html_copy_source = False
html_show_sphinx = False

# No left sidebar anywhere: the navbar lists every section.
html_sidebars = {"**": []}

html_theme_options = {
    "logo": {
        "image_light": "_static/logo-light.svg",
        "image_dark": "_static/logo-dark.svg",
        "text": "ML4Astro 2022",
        "alt_text": "ML4Astro 2022 - home",
    },
    "navbar_start": ["navbar-logo"],
    "navbar_center": ["navbar-nav"],
    "navbar_end": ["theme-switcher"],
    "navbar_persistent": [],
    "navbar_align": "left",
    "header_links_before_dropdown": 8,
    # The right-hand "On this page" box only on the call for abstracts, the one page
    # with enough sections to need it; the others use the full width.
    "secondary_sidebar_items": {
        "**": [],
        "cfp/index": ["page-toc"],
    },
    "show_toc_level": 2,
    "article_header_start": [],
    "show_prev_next": False,
    "footer_start": ["copyright"],
    "footer_center": [],
    "footer_end": ["footer-contact"],
    "back_to_top_button": True,
    "icon_links": [],
    # No search on a five-page site whose navbar lists every page (and no search button whose
    # label differs from its name for screen readers); no ad placeholder in the phone menu.
    "disable_search": True,
    "primary_sidebar_end": [],
}
# No general index either: nothing is indexed.
html_use_index = False

# How the accepted papers are cited (BibTeX booktitle, Google Scholar's citation_conference_title).
workshop_booktitle = "ICML 2022 Workshop on Machine Learning for Astrophysics"

# The next upcoming date from this file is announced in the banner of every page.
workshop_deadlines = "cfp/dates.yaml"
# Times as the program was published: 24-hour venue time (09:15, 13:30), for an audience from everywhere.
# Without it, each language's own clock: 9:15 AM in English, 09:15 in French (README: "Other languages").
workshop_clock = "24h"

# Read the Docs sets the canonical URL of each build (also of pull-request previews).
html_baseurl = os.environ.get("READTHEDOCS_CANONICAL_URL", "")

# -- Search engines, social links, 404 page (see CONTRIBUTING.md) ------------------
# The sitemap, Open Graph tags and the 404 page's absolute links need the site's public
# address, which only a Read the Docs build has (html_baseurl). A local build has none of
# them, and no canonical link either; set READTHEDOCS_CANONICAL_URL to preview them.
extensions.append("notfound.extension")
# Read the Docs serves 404.html at any depth (/en/latest/a/b/c): its links start from here.
notfound_urls_prefix = urlsplit(html_baseurl).path or None
# A book has no missing addresses: no 404 page in the EPUB (sphinx-build -b epub).
epub_exclude_files = ["404.xhtml"]

if html_baseurl:
    extensions += ["sphinxext.opengraph", "sphinx_sitemap"]
    ogp_site_url = html_baseurl
    ogp_image = "_static/og-image.png"  # 1200 x 630 PNG, drawn by tools/og_image.py
    ogp_image_alt = "ML4Astro 2022: ICML 2022 Workshop on Machine Learning for Astrophysics"
    ogp_description_length = 200
    ogp_social_cards = {"enable": False}  # the image above on every page; no matplotlib
    ogp_custom_meta_tags = ['<meta name="twitter:card" content="summary_large_image" />']
    # sphinx-sitemap joins the base and the page without a separator: the base must end in "/".
    site_url = html_baseurl.rstrip("/") + "/"
    # The canonical URL already holds the language and version (/en/latest/).
    sitemap_url_scheme = "{link}"
    sitemap_excludes = ["404.html", "search.html", "genindex.html"]
