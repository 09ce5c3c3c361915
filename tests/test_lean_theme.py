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
from sphinx.cmd.build import build_main
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
        assert not head.find(attrs={"data-lean-sources": True}), page  # the build's note, removed


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
    assert "requestAnimationFrame" in loader.string and "lean-theme-scripts" in loader.string
    # The theme's scripts as the theme writes them, in an inert <template> the loader reads.
    template = soup.find("template", id="lean-theme-scripts")
    sources = [script["src"] for script in template.find_all("script")]
    assert [s.split("?")[0] for s in sources] == ["_static/scripts/bootstrap.js",
                                                   "_static/scripts/pydata-sphinx-theme.js"]
    for source in sources:
        assert "?digest=" in source and (site / source.split("?")[0]).is_file()
    outside = [s["src"] for s in soup.find_all("script", src=True) if not s.find_parent("template")]
    assert outside == ["_static/workshop.js"]
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
    assert len(bundle.encode()) < 100_000
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


def css_words(pages=(), scripts=(), tags=("html", "body", "a", "div", "p", "b"), attributes=("href", "class")):
    return lean_theme.Words(pages=set(pages), scripts=set(scripts), tags=set(tags), attributes=set(attributes))


def trimmed(css: str, words: lean_theme.Words) -> str:
    return lean_theme.trimmed_stylesheet(lean_theme.parse(css), words, lean_theme.Stats())


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
    ("#main-content .missing", False),
    ("div > p", True),                       # elements the pages have
    ("blockquote", False),                   # ... and one they do not
    ("div + table", False),
    ("a:hover::before", True),               # pseudo-classes and -elements are no elements
    (":is(blockquote, p) a", True),
    ("template", True),                      # named by the site's script: it may create one
    ("dialog", False),                       # named by a library only (Bootstrap's allow-list)
    ("a[href='.x']", True),                  # a dot in an attribute value is no class
    ("a[href='#x']", True),                  # nor is a hash an id
    ("a[title]", False),                     # an attribute no page has and no script names
    ("a[aria-expanded=true]", True),         # ... one a script sets
    ("html[data-theme=dark] a", True),       # data- attributes: scripts make their names
    (".dropdown-menu[data-bs-popper]", True),
    (".sd-col-md-6", False),
    (".w-\\[50\\%\\]", True),                # an escaped name is the class as the page writes it
    (".h-\\[50\\%\\]", False),
    ("*", True),
])
def test_a_rule_is_kept_when_a_page_can_use_it(selector, kept):
    words = css_words(pages={"navbar", "nav-link", "dropdown-menu", "main-content", "w-[50%]", "template"},
                      scripts={"popover", "show", "modal", "tooltip", "tooltip-arrow", "dialog", "aria-expanded"})
    out = trimmed(selector + " { color: red }", words)
    assert (out != "") is kept
    if kept:
        assert out.endswith("{color:red}")


def test_selector_lists_lose_only_their_unused_members():
    css = ".popover, .navbar > a,\n.toast, :is(.toast, .navbar) b { color: red }"
    assert trimmed(css, css_words(pages={"navbar"})) == ".navbar > a,:is(.toast, .navbar) b{color:red}"
    assert trimmed(css, css_words(pages={"nav"})) == ":is(.toast, .navbar) b{color:red}"


def test_nested_rules_are_trimmed_like_the_others():
    css = ".navbar { color: red; & .popover { color: blue } &:hover { color: green } }"
    assert trimmed(css, css_words(pages={"navbar"})) == ".navbar{color:red;&:hover{color:green}}"
    assert trimmed(css, css_words(pages={"popover"})) == ""


def test_groups_keyframes_fonts_and_licences():
    css = """/*! Licence: keep me */
    /* an ordinary comment */
    @layer base, site;
    @media (max-width: 40rem) { .navbar { display : none } .modal { color: red } }
    @media print { .modal { color: red } }
    @supports (display: grid) { .navbar { display: grid !important } }
    @layer base { .modal { color: red } }
    @font-face { font-family: "Font Awesome 7 Free"; src: url(../vendor/fa.woff2) }
    @font-face { font-family: Inter; src: url(../fonts/inter.woff2) }
    @keyframes spin { to { transform: rotate(1turn) } }
    @keyframes pulse { 0%, 50% { opacity: 1 } to { opacity: 0 } }
    @-webkit-keyframes fade-in { from { opacity: 0 } }
    @keyframes glow { to { opacity: 1 } }
    @media (min-width: 1px) { @keyframes shake { to { opacity: 1 } } }
    .navbar { animation: pulse 1s; --entrance: fade-in; content: "a  b;{}" }
    .modal { animation: glow 1s }
    """
    out = trimmed(css, css_words(pages={"navbar"}))
    assert out.startswith("/*! Licence: keep me */\n")
    assert "ordinary" not in out
    assert "@layer base, site;" in out
    assert "@media(max-width: 40rem){.navbar{display:none}}" in out
    assert "@media print" not in out and "@layer base{" not in out and "modal" not in out
    assert "@supports(display: grid){.navbar{display:grid!important}}" in out
    assert "Font Awesome" not in out and "inter.woff2" in out
    assert "@keyframes pulse{0%, 50%{opacity:1}to{opacity:0}}" in out
    assert "@-webkit-keyframes fade-in{" in out  # named by a custom property
    assert "spin" not in out and "glow" not in out and "shake" not in out
    assert 'content:"a  b;{}"' in out  # strings untouched


def test_custom_properties_keep_their_value_as_written():
    """Browsers give a custom property's value as written (getPropertyValue): escapes, quotes,
    spaces and comments stay; around it, what the parser reads is written compactly."""
    css = (""".fa-arrow-up { --fa: "\\f062" ; --font:  'Inter',   sans-serif /* body */ ; color : red }\n"""
           """.navbar { --gap: 1rem !important; --last:  a  b\n}""")
    assert trimmed(css, css_words(pages={"fa-arrow-up", "navbar"})) == (
        """.fa-arrow-up{--fa:"\\f062";--font:'Inter',   sans-serif /* body */;color:red}"""
        """.navbar{--gap:1rem!important;--last:a  b}""")


def stylesheets(tmp_path: Path, files: dict[str, str]) -> Path:
    for name, text in files.items():
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text(text, encoding="utf-8")
    return tmp_path


def test_urls_follow_the_stylesheet_into_the_bundle(tmp_path):
    outdir = stylesheets(tmp_path, {"_static/styles/theme.css": (
        ".a{background:url(../vendor/x.svg)} .b{background:url('logo.svg')} .c{background:url(data:x)}"
        " .d{background:url(/x.svg)} .e{background:url(https://example.org/x.svg)}"
        " @font-face{font-family:F;src:url(\"../fonts/f.woff2?v=1#f\") format(\"woff2\")}")})
    nodes = lean_theme.load_stylesheet(outdir, "_static/styles/theme.css", lean_theme.BUNDLE, lean_theme.Stats())
    out = trimmed(lean_theme.serialize(nodes), css_words(pages={"a", "b", "c", "d", "e"}))
    for url in ('url("vendor/x.svg")', 'url("styles/logo.svg")', "url(data:x)", "url(/x.svg)",
                "url(https://example.org/x.svg)", 'url("fonts/f.woff2?v=1#f")'):
        assert url in out


def test_imports_are_replaced_by_the_imported_rules(tmp_path):
    outdir = stylesheets(tmp_path, {
        "_static/styles/theme.css": '@charset "UTF-8";\n@import "../basic.css";\n'
                                    "@import url(print.css) print;\n.c{color:blue}",
        "_static/basic.css": ".a{background:url(img/a.png)}",
        "_static/styles/print.css": ".b{background:url(b.png)}",
    })
    nodes = lean_theme.load_stylesheet(outdir, "_static/styles/theme.css", lean_theme.BUNDLE, lean_theme.Stats())
    assert lean_theme.serialize(nodes) == \
        '.a{background:url("img/a.png")}@media print{.b{background:url("styles/b.png")}}.c{color:blue}'


def test_an_import_that_cannot_be_bundled_is_a_build_warning(tmp_path):
    static = stylesheets(tmp_path / "static", {"site.css": "@import url(https://example.org/x.css);\n.a{color:red}"})
    warnings = build_tiny_site(tmp_path / "src", "# Title\n", f"html_static_path = [{str(static)!r}]\n"
                                                             "html_css_files = ['site.css']\n")
    assert "lean_theme: _static/site.css: cannot bundle '@import url(https://example.org/x.css)'" in warnings


def build_tiny_site(src: Path, page: str, conf: str = "") -> str:
    """A one-page site with the lean theme; its build warnings."""
    src.mkdir(parents=True, exist_ok=True)
    (src / "conf.py").write_text(
        f"import sys\nsys.path.insert(0, {str(PROJECT / '_ext')!r})\n"
        "extensions = ['myst_parser', 'lean_theme']\n"
        "html_theme = 'pydata_sphinx_theme'\n"
        f"templates_path = [{str(PROJECT / '_templates')!r}]\n" + conf, encoding="utf-8")
    (src / "index.md").write_text(page, encoding="utf-8")
    app = SphinxTestApp("html", srcdir=src, warning=StringIO())
    try:
        app.build()
        return app.warning.getvalue()
    finally:
        app.cleanup()


def test_an_icon_missing_from_icons_css_is_a_build_warning(tmp_path):
    warnings = build_tiny_site(tmp_path, "# Title\n\n<i class=\"fa-solid fa-rocket fa-lg\"></i> Launch\n",
                               f"html_static_path = [{str(PROJECT / '_static')!r}]\n"
                               "html_css_files = ['icons.css']\n")
    assert "icon 'fa-rocket' (used on index.html) is not in _static/icons.css" in warnings
    assert "fa-lg" not in warnings and "fa-bars" not in warnings


def test_without_lean_theme_the_pages_are_the_themes_own(tmp_path):
    assert build_tiny_site(tmp_path, "# Title\n", "lean_theme = False\n") == ""
    head = BeautifulSoup((tmp_path / "_build" / "html" / "index.html").read_text(encoding="utf-8"),
                         "html.parser").head
    sheets = [link["href"].split("?")[0] for link in head.find_all("link", rel="stylesheet")]
    assert "_static/styles/pydata-sphinx-theme.css" in sheets and "_static/site-bundle.css" not in sheets
    assert head.find("script", src=re.compile(r"fontawesome\.js"))
    assert not (tmp_path / "_build" / "html" / "_static" / "site-bundle.css").exists()


def test_another_theme_is_a_build_warning_and_left_alone(tmp_path):
    warnings = build_tiny_site(tmp_path, "# Title\n", "html_theme = 'basic'\n")
    assert "lean_theme: works with pydata_sphinx_theme only, and html_theme is 'basic'" in warnings
    assert "site-bundle" not in (tmp_path / "_build" / "html" / "index.html").read_text(encoding="utf-8")


def test_pages_without_the_sites_layout_are_a_build_warning(tmp_path):
    warnings = build_tiny_site(tmp_path, "# Title\n", "templates_path = []\n")
    assert "lean_theme: no page links _static/site-bundle.css: add the folder of _templates/layout.html" \
        in warnings


def test_a_stylesheet_added_to_one_page_before_lean_theme_is_a_build_warning(tmp_path):
    static = stylesheets(tmp_path / "static", {"extra.css": ".a{color:red}"})
    (tmp_path / "src").mkdir()
    (tmp_path / "src" / "other.md").write_text("# Other\n", encoding="utf-8")
    warnings = build_tiny_site(tmp_path / "src", "# Title\n\n```{toctree}\nother\n```\n", (
        f"html_static_path = [{str(static)!r}]\n"
        "def early(app, pagename, templatename, context, doctree):\n"
        "    if pagename == 'other':\n"
        "        app.add_css_file('extra.css')\n"
        "def setup(app):\n"
        "    app.connect('html-page-context', early, priority=0)\n"))
    assert "lean_theme: pages have different site-wide stylesheets" in warnings
    assert "other.html:" in warnings and "_static/extra.css" in warnings


def test_editing_a_stylesheet_alone_rebuilds_the_bundle_and_relinks_every_page(tmp_path):
    static = stylesheets(tmp_path / "static", {"test.css": ".hero{color:red}"})
    conf = f"html_static_path = [{str(static)!r}]\nhtml_css_files = ['test.css']\n" \
           "myst_enable_extensions = ['colon_fence']\n"
    page = "# Title\n\n:::{container} hero\nHello\n:::\n"
    assert not_about_icons(build_tiny_site(tmp_path / "src", page, conf)) == []
    out = tmp_path / "src" / "_build" / "html"
    first = (out / lean_theme.BUNDLE).read_text(encoding="utf-8")
    assert ".hero{color:red}" in first
    (static / "test.css").write_text(".hero{color:blue}", encoding="utf-8")
    assert not_about_icons(build_tiny_site(tmp_path / "src", page, conf)) == []  # no page written again
    second = (out / lean_theme.BUNDLE).read_text(encoding="utf-8")
    assert ".hero{color:blue}" in second and second.split("*/", 1)[0] == first.split("*/", 1)[0]
    digest = hashlib.sha256(second.encode()).hexdigest()[:16]
    assert f"site-bundle.css?v={digest}" in (out / "index.html").read_text(encoding="utf-8")


def not_about_icons(warnings: str) -> list[str]:
    """The warnings, but those about the theme's icons that a tiny site's icons.css lacks."""
    return [line for line in warnings.splitlines() if not line.endswith("[lean_theme.icon]")]


def test_a_parallel_build_gives_the_same_bundle(site, tmp_path):
    out = tmp_path / "html"
    status = build_main(["-b", "html", "-q", "-W", "--keep-going", "-n", "-j", "2",
                         "-d", str(tmp_path / "doctrees"), str(PROJECT), str(out)])
    assert status == 0
    assert (out / lean_theme.BUNDLE).read_bytes() == (site / lean_theme.BUNDLE).read_bytes()
    for page in pages(out):
        assert page.read_text(encoding="utf-8") == (site / page.relative_to(out)).read_text(encoding="utf-8")


def test_the_words_come_from_the_pages_and_the_scripts_they_load(tmp_path):
    site = stylesheets(tmp_path, {
        "index.html": '<html><body><p class="a b" id="c" data-x="1">text-word</p>'
                      '<script src="_static/site.js"></script><script>var inline_word;</script>'
                      '<template><script defer src="_static/scripts/bootstrap.js?digest=1"></script></template>',
        "sub/page.html": '<blockquote class="d"></blockquote><script src="../_static/site.js?v=2"></script>',
        "_static/site.js": "el.classList.add('site-word');",
        "_static/scripts/bootstrap.js": "const popover = 'library-word';",
        "_static/unused.js": "unused-word",
        "_static/webpack-macros.html": '<p class="macro-word"></p>',
    })
    words = lean_theme.corpus_words(site)
    assert {"a", "b", "c", "d", "site-word", "inline_word"} <= words.pages
    assert {"library-word", "popover"} <= words.scripts and "library-word" not in words.pages
    assert not {"unused-word", "macro-word", "text-word"} & (words.pages | words.scripts)
    assert {"p", "blockquote", "script", "template"} <= words.tags and "data-x" in words.attributes
