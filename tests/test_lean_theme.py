"""_ext/lean_theme.py: the pages load one trimmed stylesheet, no icon font, no unused script.

How the trimmed stylesheet looks in a browser, against the theme's own, is checked in
tests/test_browser.py; here: what the pages link, and the trimming rules themselves.
"""

from __future__ import annotations

import hashlib
import re
import sys
from io import StringIO
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from sphinx.testing.util import SphinxTestApp

PROJECT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(PROJECT / "_ext"))
import lean_theme  # noqa: E402


@pytest.fixture(scope="session")
def site(real_site) -> Path:
    """The real site, built as `make html` builds it (shared with the other modules)."""
    return real_site


def pages(site: Path) -> list[Path]:
    return [p for p in sorted(site.rglob("*.html")) if p.relative_to(site).parts[0] != "_static"]


def test_every_page_links_one_stylesheet_and_no_script_before_the_first_paint(site):
    for page in pages(site):
        head = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser").head
        sheets = [link["href"] for link in head.find_all("link", rel="stylesheet")]
        assert len(sheets) == 1 and re.search(r"_static/site-bundle\.css\?v=[0-9a-f]{16}$", sheets[0]), page
        blocking = [s["src"] for s in head.find_all("script", src=True)
                    if not s.has_attr("defer") and not s.has_attr("async") and s.get("type") != "module"]
        assert blocking == [], page
        assert not head.find("link", rel="preload"), page


def test_nothing_links_what_the_site_dropped(site):
    dropped = ("fontawesome.js", "doctools.js", "sphinx_highlight.js", "searchtools.js", "searchindex.js",
               "documentation_options.js", "design-tabs.js", "pydata-sphinx-theme.css", "search.html",
               "genindex.html", "pygments.css", "basic.css")
    for page in pages(site):
        text = page.read_text(encoding="utf-8")
        assert [name for name in dropped if name in text] == [], page
    assert not (site / "search.html").exists()
    assert not (site / "genindex.html").exists()
    assert not (site / "searchindex.js").exists()


def test_theme_scripts_are_fetched_after_the_first_paint(site):
    soup = BeautifulSoup((site / "index.html").read_text(encoding="utf-8"), "html.parser")
    loader = soup.find("script", attrs={"data-lean-loader": True})
    assert loader and loader.find_parent("body")
    assert "requestAnimationFrame" in loader.string
    for name in ("scripts/bootstrap.js?digest=", "scripts/pydata-sphinx-theme.js?digest="):
        assert name in loader.string
        assert (site / "_static" / name.split("?")[0]).is_file()
    # The theme reads these options; they are written into the page instead of a script file.
    assert "DOCUMENTATION_OPTIONS = {" in str(soup.head)


def test_the_bundle_is_deterministic_and_linked_with_its_checksum(site):
    bundle = (site / lean_theme.BUNDLE).read_text(encoding="utf-8")
    sources = re.search(r"/\* _static/site-bundle\.css: (.*?), trimmed by", bundle).group(1).split()
    again, _ = lean_theme.build_bundle(site, sources)
    assert again == bundle
    digest = hashlib.sha256(bundle.encode()).hexdigest()[:16]
    for page in pages(site):
        assert f"site-bundle.css?v={digest}" in page.read_text(encoding="utf-8"), page
    assert "@font-face" not in bundle  # the icon font is gone; icons.css draws the icons
    assert len(bundle.encode()) < 150_000
    assert "Bootstrap" in bundle  # licence comments stay


def test_a_light_and_a_dark_logo_and_every_icon_drawn_without_a_font(site):
    css = (site / lean_theme.BUNDLE).read_text(encoding="utf-8")
    used = lean_theme.icons_used(site)
    assert {"bars", "sun", "moon", "circle-half-stroke", "arrow-up"} <= set(used)
    for name in used:
        assert re.search(r"\.fa-" + re.escape(name) + r"\{--fa-icon: ?url\(", css), name


def test_the_logos_are_written_into_the_page(site):
    for page in pages(site):
        logos = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser").select(".navbar-brand img")
        assert len(logos) == 2 and all(img["src"].startswith("data:image/svg+xml,%3Csvg") for img in logos), page
        assert all(img["alt"] == "ML4Astro 2022 - home" for img in logos)
        assert all(" " not in img["src"] and '"' not in img["src"] for img in logos)


def css_words(pages=(), scripts=()) -> lean_theme.Words:
    return lean_theme.Words(pages=set(pages), scripts=set(scripts))


def trimmed(css: str, words: lean_theme.Words) -> str:
    stats = {"rules": 0, "dropped": 0}
    return lean_theme.serialize(lean_theme.drop_unused_keyframes(lean_theme.trim(lean_theme.parse(css), words,
                                                                                 stats)))


@pytest.mark.parametrize(("selector", "kept"), [
    (".navbar", True),                       # on a page
    (".navbar .nav-link:hover", True),
    (".popover", False),                     # only named in Bootstrap's script
    (".dropdown-menu.show", True),           # a page's class in a state the script sets
    (".tooltip .tooltip-arrow", True),       # what the script creates
    (".missing .navbar", False),             # one class on no page and in no script is enough
    (".navbar:not(.missing)", True),         # classes inside :not() / :is() are not required
    (":is(.missing, .navbar) a", True),
    ("#main-content", True),
    ("#nowhere", False),
    ("html[data-theme=dark] a", True),
    ("a[href='.x']", True),                  # a dot in an attribute value is no class
    (".sd-col-md-6", False),
    (".w-\\[50\\%\\]", True),                # escaped names are not judged: kept
])
def test_a_rule_is_kept_when_a_page_can_use_it(selector, kept):
    words = css_words(pages={"navbar", "nav-link", "dropdown-menu", "main-content"},
                      scripts={"popover", "show", "modal", "tooltip", "tooltip-arrow"})
    assert (selector in trimmed(selector + "{color:red}", words)) is kept


def test_selector_lists_lose_only_their_unused_members():
    css = ".popover,.navbar > a,.toast{color:red}"
    assert trimmed(css, css_words(pages={"navbar"})) == ".navbar > a{color:red}"


def test_groups_keyframes_fonts_and_licences():
    css = """/*! Licence: keep me */
    /* an ordinary comment */
    @charset "UTF-8";
    @media (max-width: 40rem) { .navbar { display : none } .modal { color: red } }
    @media print { .modal { color: red } }
    @supports (display: grid) { .navbar { display: grid } }
    @font-face { font-family: "Font Awesome 7 Free"; src: url(../vendor/fa.woff2) }
    @font-face { font-family: Inter; src: url(../fonts/inter.woff2) }
    @keyframes spin { to { transform: rotate(1turn) } }
    @keyframes pulse { to { opacity: 0 } }
    .navbar { animation: pulse 1s; content: "a  b;{}" }
    """
    out = trimmed(css, css_words(pages={"navbar"}))
    assert out.startswith("/*! Licence: keep me */")
    assert "ordinary" not in out and "@charset" not in out
    assert "@media (max-width: 40rem){.navbar{display : none}}" in out
    assert "@media print" not in out
    assert "@supports (display: grid){.navbar{display: grid}}" in out
    assert "Font Awesome" not in out and "inter.woff2" in out
    assert "@keyframes pulse" in out and "@keyframes spin" not in out
    assert 'content: "a  b;{}"' in out  # strings untouched


def test_urls_follow_the_stylesheet_into_the_bundle():
    css = ".a{background:url(../vendor/x.svg)} .b{background:url('logo.svg')} .c{background:url(data:x)}"
    out = lean_theme.rebase_urls(css, "_static/styles/theme.css", "_static/site-bundle.css")
    assert "url(vendor/x.svg)" in out and "url('styles/logo.svg')" in out and "url(data:x)" in out


def test_an_icon_missing_from_icons_css_is_a_build_warning(tmp_path):
    (tmp_path / "conf.py").write_text(
        f"import sys\nsys.path.insert(0, {str(PROJECT / '_ext')!r})\n"
        "extensions = ['myst_parser', 'lean_theme']\n"
        "html_theme = 'pydata_sphinx_theme'\n"
        f"html_static_path = [{str(PROJECT / '_static')!r}]\n"
        "html_css_files = ['icons.css']\n", encoding="utf-8")
    (tmp_path / "index.md").write_text("# Title\n\n<i class=\"fa-solid fa-rocket fa-lg\"></i> Launch\n",
                                       encoding="utf-8")
    app = SphinxTestApp("html", srcdir=tmp_path, warning=StringIO())
    try:
        app.build()
        warnings = app.warning.getvalue()
    finally:
        app.cleanup()
    assert "icon 'fa-rocket' (used on index.html) is not in _static/icons.css" in warnings
    assert "fa-lg" not in warnings and "fa-bars" not in warnings
