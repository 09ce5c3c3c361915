"""The extension on other themes than the site's: alabaster (Sphinx's default), furo, and one it does not know.

Each build of ``test-themes`` (people, a schedule, dates and the deadlines banner) passes with -W; the
pages hold the table, the cards and the dates and link the extension's stylesheet, whose colours come
from the theme's variables (``sphinxext/theme.py``). In Chromium, the banner is in the theme's bar
(furo) or a box at the top of the content (alabaster, classic), and the colours are the theme's.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import re
import sys
from pathlib import Path

import pytest
from conftest import cli_build, copy_root, soup_of

from sphinx_workshop.sphinxext.theme import COLOURS, FURO, NEUTRAL, PYDATA, THEMES, colour_block

sys.path.insert(0, str(Path(__file__).parent.parent / "tools"))
import sitecheck  # noqa: E402

STYLESHEET = Path(__file__).parent.parent / "sphinx_workshop" / "sphinxext" / "static" / "workshop.css"
THEMES_BUILT = ("alabaster", "furo", "classic")  # classic: a theme the extension does not know


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    done: dict[str, Path] = {}

    def build(theme: str) -> Path:
        if theme not in done:
            src = copy_root("themes", tmp_path_factory.mktemp(theme))
            status, warnings = cli_build(src, "-D", f"html_theme={theme}")
            assert (status, warnings) == (0, ""), warnings
            done[theme] = src / "_build" / "html"
        return done[theme]

    return build


def test_the_stylesheet_holds_the_adapters_colour_chains():
    css = STYLESHEET.read_text(encoding="utf-8")
    assert colour_block() in css
    assert "  --ws-color-primary: var(--pst-color-primary, var(--color-brand-primary, #0b5f8a));\n" in colour_block()
    # Every other colour of the stylesheet is one of these: no theme's variable is named outside the block.
    rest = css.replace(colour_block(), "")
    assert not re.search(r"var\(--(?!ws-)", rest), re.findall(r"var\(--(?!ws-)[\w-]+", rest)
    assert set(re.findall(r"var\(--ws-color-([\w-]+)\)", rest)) <= {c.name for c in COLOURS}


def test_known_themes():
    assert THEMES["pydata_sphinx_theme"].banner == THEMES["sphinx_book_theme"].banner == PYDATA
    assert THEMES["furo"].banner == FURO and THEMES["alabaster"].banner == NEUTRAL


@pytest.mark.parametrize("theme", THEMES_BUILT)
def test_every_part_is_on_the_page_with_the_stylesheet(built, theme):
    out = built(theme)
    program, people, index = (soup_of(out / f"{name}.html") for name in ("program", "people", "index"))
    assert len(program.select("table.ws-schedule-table tbody tr")) == 4
    assert [c.select_one(".ws-name").get_text() for c in people.select(".ws-people .ws-person")] == [
        "Katie Bouman", "Jakob Macke", "Francois Lanusse", "Laurence Perreault-Levasseur"]
    assert len(index.select("ul.ws-dates > li")) == 2
    for soup in (program, people, index):
        assert any(link["href"].split("?")[0] == "_static/workshop.css" for link in soup.select("link[rel=stylesheet]"))
        assert any(s["src"].split("?")[0] == "_static/workshop.js" for s in soup.select("script[src]"))
    assert colour_block() in (out / "_static" / "workshop.css").read_text(encoding="utf-8")


@pytest.mark.parametrize("theme", THEMES_BUILT)
def test_the_script_knows_where_the_banner_goes(built, theme):
    script = (built(theme) / "_static" / "workshop.js").read_text(encoding="utf-8")
    places = json.loads(re.search(r"const BANNER = (\{.*?\});\n", script)[1])
    expected = THEMES.get(theme, THEMES["alabaster"]).banner
    assert places["before"] == list(expected.before) and places["classes"] == expected.classes
    assert places["neutral"][0] == '[role="main"]'
    assert "Submission deadline" in script


# -- In a browser ---------------------------------------------------------------------------------

@pytest.fixture(scope="module")
def browser():
    if missing := sitecheck.browser_missing():
        if os.environ.get("REQUIRE_BROWSER", "") not in ("", "0"):
            pytest.fail(f"REQUIRE_BROWSER is set, but {missing}")
        pytest.skip(missing)
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = sitecheck.launch(p)
        yield browser
        browser.close()


def open_page(browser, url: str, mode: str, width: int):
    context = browser.new_context(viewport={"width": width, "height": 800}, color_scheme=mode, timezone_id="UTC",
                                  locale="en-US")
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.clock.set_fixed_time(dt.datetime(2022, 5, 20, tzinfo=dt.timezone.utc))
    page.goto(url)
    page.wait_for_load_state("load")
    return page, errors


#: The banner's place on each theme: the element right after it, or its parent.
PLACE = {"furo": "next: page", "alabaster": "parent: body", "classic": "parent: body"}
SEEN = """() => {
  const banner = document.querySelector(".ws-next-deadline");
  const probe = (value) => { const e = document.createElement("span"); e.style.color = value;
    document.body.append(e); const c = getComputedStyle(e).color; e.remove(); return c; };
  return {
    place: banner.nextElementSibling && banner.nextElementSibling.classList.contains("page") ? "next: page"
      : "parent: " + banner.parentElement.className.split(" ")[0],
    role: getComputedStyle(document.querySelector(".ws-role")).color,
    brand: probe("var(--color-brand-primary, #0b5f8a)"),
    overflow: document.documentElement.scrollWidth > document.documentElement.clientWidth,
  };
}"""


@pytest.mark.browser
@pytest.mark.parametrize("theme", THEMES_BUILT)
@pytest.mark.parametrize("mode", ["light", "dark"])
@pytest.mark.parametrize("width", [1280, 360])
def test_in_the_browser_the_banner_shows_and_colours_are_the_themes(built, browser, theme, mode, width):
    with sitecheck.serve(built(theme)) as server:
        page, errors = open_page(browser, server.url + "/people.html", mode, width)
        banner = page.get_by_role("region", name="Next deadline")
        assert banner.is_visible()
        assert banner.inner_text().startswith("Next: Submission deadline, Monday, May 23, 2022")
        seen = page.evaluate(SEEN)
    assert seen["place"] == PLACE[theme]
    # The role takes the theme's brand colour on furo (light and dark differ); the neutral one elsewhere.
    assert seen["role"] == seen["brand"]
    if theme == "furo":
        assert seen["role"] == ("rgb(10, 75, 255)" if mode == "light" else "rgb(61, 148, 255)")
    else:
        assert seen["role"] == "rgb(11, 95, 138)"
    assert errors == []
    if theme != "classic":  # classic itself is not made for a phone
        assert not seen["overflow"]
