"""The built site in a real browser, on every page, in light and dark mode, on a desktop and a phone.

Debian's Chromium driven by Playwright (no browser download), the site served from 127.0.0.1 with
gzip (tools/sitecheck.py). Checked: no console error, no failed request, no request to another host;
no horizontal overflow; axe-core finds nothing (WCAG 2.1 A/AA and best practices, no allow-list);
every control can be reached with the keyboard and shows where the focus is; the colour-mode switch
and the phone menu work; the trimmed stylesheet styles every element as the theme's own would; the
Nu Html Checker finds no error.

Skipped, with the reason, without Chromium at /usr/bin/chromium, the playwright package or
``npm ci``'s node_modules; with REQUIRE_BROWSER=1 (as .ci/run sets it) a missing piece fails instead.
Lighthouse is slower and runs in ``make audit``.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from sphinx.config import Config
from sphinx.util.matching import get_matching_files

PROJECT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(PROJECT / "tools"))
import sitecheck  # noqa: E402

REQUIRED = os.environ.get("REQUIRE_BROWSER", "") not in ("", "0")
pytestmark = pytest.mark.browser


def source_pages() -> list[str]:
    """The site's pages, from its sources (known before anything is built)."""
    from sphinx.util.tags import Tags

    config = Config.read(PROJECT, overrides={}, tags=Tags())
    suffixes = tuple(config.source_suffix)
    return sorted(name.rsplit(".", 1)[0] + ".html"
                  for name in get_matching_files(PROJECT, include_patterns=config.include_patterns,
                                                 exclude_patterns=config.exclude_patterns)
                  if name.endswith(suffixes))


PAGES = source_pages()
#: Pages of the build that do not come from a source file (none today): checked all together.
OTHERS = "(generated pages)"
MODES = list(sitecheck.MODES)
VIEWPORTS = list(sitecheck.VIEWPORTS)


def unavailable(reason: str):
    if REQUIRED:
        pytest.fail(f"REQUIRE_BROWSER is set, but {reason}", pytrace=False)
    pytest.skip(reason)


@pytest.fixture(scope="session")
def site(real_site) -> Path:
    """The real site, built as `make html` builds it (shared with the other modules)."""
    return real_site


@pytest.fixture(scope="module")
def browser():
    # One browser for every test of this module; closed with it, as Playwright's synchronous API
    # runs one instance at a time and other modules (test_script.py) start their own.
    if reason := sitecheck.browser_missing():
        unavailable(reason)
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = sitecheck.launch(playwright)
        yield browser
        browser.close()


@pytest.fixture(scope="module")
def server(site, browser):
    with sitecheck.serve(site) as server:
        yield server


@pytest.fixture(scope="module")
def contexts(browser):
    """One browser profile per colour mode and viewport, shared by the tests that only look."""
    made: dict = {}

    def get(mode: str, viewport: str):
        if (mode, viewport) not in made:
            made[mode, viewport] = sitecheck.new_context(browser, mode, viewport)
        return made[mode, viewport]

    yield get
    for context in made.values():
        context.close()


def pages_of(page: str, site: Path) -> list[str]:
    if page != OTHERS:
        return [page]
    return [p for p in sitecheck.site_pages(site) if p not in PAGES]


@pytest.fixture(scope="module")
def visits(site, server, contexts):
    """Each page loaded once per mode and viewport; several tests read what was seen."""
    seen: dict = {}

    def get(page: str, mode: str, viewport: str) -> list:
        if (page, mode, viewport) not in seen:
            seen[page, mode, viewport] = [sitecheck.visit(contexts(mode, viewport), server.url, p)
                                          for p in pages_of(page, site)]
        return seen[page, mode, viewport]

    return get


every_view = pytest.mark.parametrize("viewport", VIEWPORTS)
every_mode = pytest.mark.parametrize("mode", MODES)
every_page = pytest.mark.parametrize("page", [*PAGES, OTHERS])


def test_the_site_has_its_pages(site):
    assert {"index.html", "program/index.html", "cfp/index.html", "people/index.html"} <= set(PAGES)
    assert set(PAGES) <= set(sitecheck.site_pages(site))


@every_view
@every_mode
@every_page
def test_no_console_error_failed_request_or_other_host(visits, page, mode, viewport):
    for visit in visits(page, mode, viewport):
        assert visit.console_errors == [], visit.url
        assert visit.failed_requests == [], visit.url
        assert visit.foreign_requests == [], visit.url


@every_view
@every_mode
@every_page
def test_shown_in_the_readers_colour_mode(visits, page, mode, viewport):
    for visit in visits(page, mode, viewport):
        assert visit.theme == mode, visit.url


@every_view
@every_mode
@every_page
def test_no_horizontal_overflow(visits, page, mode, viewport):
    for visit in visits(page, mode, viewport):
        assert visit.overflow <= 0, f"{visit.url}: {visit.overflow} px wider than the screen"


@every_view
@every_mode
@every_page
def test_axe_finds_no_violation(visits, page, mode, viewport):
    for visit in visits(page, mode, viewport):
        assert visit.axe == [], f"{visit.url}\n{sitecheck.describe_violations(visit.axe)}"


# -- Keyboard ------------------------------------------------------------------------------------

#: Every focusable element gets an index; its look without focus is recorded for comparison.
MARK_CONTROLS = """() => {
    const selector = 'a[href], button, input:not([type=hidden]), select, textarea, summary, '
        + '[tabindex]:not([tabindex="-1"]), [contenteditable="true"]';
    const look = (el) => {
        const own = getComputedStyle(el), before = getComputedStyle(el, "::before"),
              after = getComputedStyle(el, "::after");
        const ring = (s) => [s.outlineStyle, s.outlineWidth, s.outlineColor, s.boxShadow].join(" ");
        return [ring(own), own.backgroundColor, own.borderColor, own.color, own.textDecorationLine,
                ring(before), ring(after), after.opacity, before.opacity].join("|");
    };
    const still = document.createElement("style");  // judge where things end up, not mid-transition
    still.textContent = "*, *::before, *::after { transition: none !important; animation: none !important; }";
    document.head.append(still);
    const controls = [];
    document.querySelectorAll(selector).forEach((el, index) => {
        if (el.disabled) return;
        el.dataset.kbIndex = index;
        const rect = el.getBoundingClientRect();
        const shown = rect.width > 0 && rect.height > 0 && !el.closest("[inert], dialog:not([open])")
            && el.checkVisibility({opacityProperty: true, visibilityProperty: true});
        controls.push({index, shown, look: look(el), name: el.outerHTML.slice(0, 120)});
    });
    window.__kbLook = look;
    return controls;
}"""

FOCUSED = """() => {
    const el = document.activeElement;
    if (!el || el === document.body || el.dataset.kbIndex === undefined) return null;
    const rect = el.getBoundingClientRect();
    const inView = rect.bottom > 0 && rect.right > 0 && rect.top < innerHeight && rect.left < innerWidth;
    return {index: Number(el.dataset.kbIndex), look: window.__kbLook(el),
            shown: inView && rect.width > 0 && rect.height > 0
                   && el.checkVisibility({opacityProperty: true, visibilityProperty: true}),
            name: el.outerHTML.slice(0, 120)};
}"""


def tab_through(page) -> tuple[list[dict], list[dict]]:
    """The controls of the page, and what Tab focuses, in order, once round."""
    controls = page.evaluate(MARK_CONTROLS)
    page.evaluate("document.activeElement && document.activeElement.blur()")
    focused: list[dict] = []
    for _ in range(len(controls) + 5):
        page.keyboard.press("Tab")
        info = page.evaluate(FOCUSED)
        if info is None:
            if focused:
                break
            continue
        if focused and info["index"] == focused[0]["index"]:
            break
        focused.append(info)
    return controls, focused


@every_view
@every_mode
@every_page
def test_every_control_is_reached_by_keyboard_and_shows_focus(site, server, contexts, page, mode, viewport):
    for page_path in pages_of(page, site):
        tab = sitecheck.open_page(contexts(mode, viewport), f"{server.url}/{page_path}")
        try:
            controls, focused = tab_through(tab)
        finally:
            tab.close()
        looks = {c["index"]: c["look"] for c in controls}
        reached = {f["index"] for f in focused}
        unreached = [c["name"] for c in controls if c["shown"] and c["index"] not in reached]
        assert unreached == [], f"{page_path}: not reachable with Tab"
        hidden = [f["name"] for f in focused if not f["shown"]]
        assert hidden == [], f"{page_path}: focused but not visible"
        no_ring = [f["name"] for f in focused if f["look"] == looks[f["index"]]]
        assert no_ring == [], f"{page_path}: focus not visible (looks the same focused and not)"


# -- Theme switch and phone menu ---------------------------------------------------------------

@pytest.mark.parametrize("viewport", VIEWPORTS)
def test_colour_mode_switch_changes_and_remembers_the_mode(browser, server, viewport):
    context = sitecheck.new_context(browser, "light", viewport)
    try:
        page = sitecheck.open_page(context, f"{server.url}/program/index.html")
        if viewport == "phone":
            page.click("button.primary-toggle")
            scope = "#pst-primary-sidebar-modal"
            page.wait_for_selector(f"{scope}[open]")
        else:
            scope = "#pst-header"
        button = page.locator(f"{scope} .theme-switch-button")
        button.click()
        page.locator(f"{scope} .dropdown-menu.show .theme-change-button[data-mode=dark]").click()
        assert page.evaluate("[document.documentElement.dataset.theme, localStorage.getItem('mode')]") == [
            "dark", "dark"]
        page.goto(f"{server.url}/index.html", wait_until="load")
        # The choice holds on the next page from the first paint, before the theme's script runs.
        assert page.evaluate("document.documentElement.dataset.theme") == "dark"
        page.keyboard.press("Escape")
    finally:
        context.close()


def test_colour_mode_switch_works_with_the_keyboard(browser, server):
    context = sitecheck.new_context(browser, "dark", "desktop")
    try:
        page = sitecheck.open_page(context, f"{server.url}/index.html")
        page.focus("#pst-header .theme-switch-button")
        page.keyboard.press("Enter")
        page.wait_for_selector("#pst-header .dropdown-menu.show")
        page.keyboard.press("ArrowDown")
        page.keyboard.press("ArrowDown")  # System Settings, Light
        assert page.evaluate("document.activeElement.dataset.mode") == "light"
        page.keyboard.press("Enter")
        assert page.evaluate("document.documentElement.dataset.theme") == "light"
    finally:
        context.close()


def test_phone_menu_opens_the_navigation_and_closes(browser, server):
    context = sitecheck.new_context(browser, "light", "phone")
    try:
        page = sitecheck.open_page(context, f"{server.url}/index.html")
        assert not page.locator("#pst-primary-sidebar .nav-link").first.is_visible()
        page.focus("button.primary-toggle")
        page.keyboard.press("Enter")
        page.wait_for_selector("#pst-primary-sidebar-modal[open]")
        links = page.locator("#pst-primary-sidebar-modal .nav-link")
        assert links.count() >= 4 and links.first.is_visible()
        names = []
        for _ in range(links.count()):
            page.keyboard.press("Tab")
            names.append(page.evaluate("document.activeElement.textContent.trim()"))
        assert "Program" in names, names
        page.keyboard.press("Escape")
        page.wait_for_selector("#pst-primary-sidebar-modal[open]", state="detached")
        links.nth(0).wait_for(state="hidden")
    finally:
        context.close()


# -- The trimmed stylesheet ----------------------------------------------------------------------

@every_view
@every_mode
@every_page
def test_trimmed_stylesheet_styles_every_element_as_the_theme_would(site, server, contexts, page, mode, viewport):
    for page_path in pages_of(page, site):
        tab = sitecheck.open_page(contexts(mode, viewport), f"{server.url}/{page_path}")
        try:
            assert sitecheck.compare_with_source_stylesheets(tab) == [], page_path
        finally:
            tab.close()


@pytest.mark.parametrize("viewport", VIEWPORTS)
def test_trimmed_stylesheet_also_styles_the_open_menus(browser, server, viewport):
    """What the scripts open (the colour-mode menu and its tooltip, the phone menu) looks the same."""
    context = sitecheck.new_context(browser, "light", viewport)
    url = f"{server.url}/cfp/index.html"
    try:
        if viewport == "desktop":
            page = sitecheck.open_page(context, url)
            page.hover("#pst-header .theme-switch-container")
            page.wait_for_selector(".tooltip.show", timeout=5000)
            assert sitecheck.compare_with_source_stylesheets(page) == [], "tooltip"
            page.close()
        page = sitecheck.open_page(context, url)
        if viewport == "phone":
            page.click("button.primary-toggle")
            page.wait_for_selector("#pst-primary-sidebar-modal[open]")
            page.click("#pst-primary-sidebar-modal .theme-switch-button")
        else:
            page.click("#pst-header .theme-switch-button")
        page.wait_for_selector(".dropdown-menu.show")
        page.mouse.move(0, 0)
        page.wait_for_timeout(800)  # the button's tooltip (shown after 500 ms while it has focus) settles
        assert sitecheck.compare_with_source_stylesheets(page) == [], "menu"
    finally:
        context.close()


# -- Valid HTML ----------------------------------------------------------------------------------

def test_every_page_is_valid_html(site):
    """The Nu Html Checker: no error on any page (the theme's raw templates in _static/ aside)."""
    if not sitecheck.VNU.is_file():
        unavailable(f"vnu-jar is not installed ({sitecheck.VNU.relative_to(PROJECT)}: run npm ci)")
    if not shutil.which("java"):
        unavailable("no java for the Nu Html Checker")
    pages = sitecheck.site_pages(site)
    result = subprocess.run(["java", "-jar", str(sitecheck.VNU), "--format", "json", "--exit-zero-always",
                             *[str(site / p) for p in pages]], capture_output=True, text=True, timeout=300)
    messages = json.loads(result.stderr)["messages"]
    errors = [f"{m.get('url', '').rsplit('/html/', 1)[-1]}:{m.get('lastLine')}: {m['message']}"
              for m in messages if m["type"] != "info"]
    assert errors == []


# -- Data problems in the preview ------------------------------------------------------------------

#: The pages that show an error box (or a marked name) when the speakers file has a typo.
BROKEN_PAGES = ["index.html", "program/index.html", "people/index.html", "cfp/index.html"]


@pytest.fixture(scope="module")
def broken_site(tmp_path_factory) -> Path:
    """The real site with a typo in the speakers file and an unknown {person} id, built as `make serve`
    builds it (no -W): the pages show their error boxes."""
    from sphinx.cmd.build import build_main

    out = tmp_path_factory.mktemp("broken-site")
    src = out / "src"
    shutil.copytree(PROJECT, src, ignore=shutil.ignore_patterns(
        ".*", "_build", "node_modules", "tests", "benchmarks", "tools", "sphinx_workshop", "__pycache__"))
    speakers = src / "people" / "speakers.yaml"
    speakers.write_text(speakers.read_text().replace("affiliation: Caltech", "afiliation: Caltech"))
    cfp = src / "cfp" / "index.md"
    cfp.write_text(cfp.read_text().replace("## Format\n", "## Format\n\nQuestions? Ask {person}`lanuse`.\n", 1))
    assert build_main(["-b", "html", "-q", "-d", str(out / "doctrees"), str(src), str(out / "html")]) == 0
    return out / "html"


@pytest.fixture(scope="module")
def broken_server(broken_site, browser):
    with sitecheck.serve(broken_site) as server:
        yield server


@every_view
@every_mode
@pytest.mark.parametrize("page", BROKEN_PAGES)
def test_error_boxes_pass_axe_and_fit_the_screen(broken_server, contexts, page, mode, viewport):
    visit = sitecheck.visit(contexts(mode, viewport), broken_server.url, page)
    assert visit.axe == [], f"{visit.url}\n{sitecheck.describe_violations(visit.axe)}"
    assert visit.overflow <= 0, f"{visit.url}: {visit.overflow} px wider than the screen"
    assert (visit.console_errors, visit.failed_requests, visit.foreign_requests) == ([], [], [])


@every_mode
def test_an_error_box_is_a_heading_the_message_and_a_hint_that_stand_out(broken_server, contexts, mode):
    tab = sitecheck.open_page(contexts(mode, "desktop"), f"{broken_server.url}/program/index.html")
    try:
        heading = tab.get_by_role("heading", name="The schedule cannot be shown")
        assert heading.is_visible()
        box = tab.locator("div.ws-problem").filter(has=heading)
        lines = (PROJECT / "people" / "speakers.yaml").read_text(encoding="utf-8").splitlines()
        starts = lines.index("  - id: bouman") + 1  # the lines of the person with the typo, as in the file
        typo = lines.index("    affiliation: Caltech") + 1
        assert box.locator(".ws-problem-message").all_inner_texts() == [
            f"people/speakers.yaml:{starts}: person 2: 'affiliation' is required",
            f"people/speakers.yaml:{typo}: person 2: unknown field 'afiliation' (did you mean 'affiliation'?)"]
        assert "Fix the file at the line named above" in box.locator(".ws-problem-hint").inner_text()
        box_colour, page_colour = tab.evaluate("""(box) => [getComputedStyle(box).backgroundColor,
            getComputedStyle(document.querySelector('.bd-article')).backgroundColor]""", box.element_handle())
        assert box_colour != page_colour
    finally:
        tab.close()


def test_an_unknown_person_is_marked_in_the_text(broken_server, contexts):
    tab = sitecheck.open_page(contexts("light", "desktop"), f"{broken_server.url}/cfp/index.html")
    try:
        assert tab.locator(".ws-problem-ref").inner_text() == "lanuse (no card for this person id)"
    finally:
        tab.close()


@pytest.mark.parametrize("viewport", VIEWPORTS)
@pytest.mark.parametrize("page", ["program/index.html", "cfp/index.html"])
def test_trimmed_stylesheet_styles_the_error_boxes_as_the_sources(broken_server, contexts, page, viewport):
    tab = sitecheck.open_page(contexts("dark", viewport), f"{broken_server.url}/{page}")
    try:
        assert sitecheck.compare_with_source_stylesheets(tab) == [], page
    finally:
        tab.close()


@pytest.mark.parametrize(("viewport", "width"), [("desktop", 96), ("phone", 144)])
def test_every_portrait_loads_in_the_width_the_screen_needs(browser, server, viewport, width):
    """Scrolled through the people page, all 16 portraits have loaded (lazy images included), each the
    file of srcset that fits the card: 96 px on a desktop, 144 px for the phone's 72 px at 2x."""
    context = sitecheck.new_context(browser, "light", viewport)
    try:
        page = sitecheck.open_page(context, f"{server.url}/people/index.html")
        for _ in range(30):
            page.mouse.wheel(0, 400)
            page.wait_for_timeout(50)
        page.wait_for_function("[...document.querySelectorAll('img.ws-photo')].every(i => i.complete)")
        seen = page.eval_on_selector_all(
            "img.ws-photo", "images => images.map(i => [i.alt, i.naturalWidth, i.currentSrc.split('/').pop()])")
    finally:
        context.close()
    assert len(seen) == 16
    assert [alt for alt, natural, _ in seen if natural == 0] == []
    assert {name.rsplit("-", 1)[1] for _, _, name in seen} == {f"{width}.webp"}


# -- Folded abstracts and bios -------------------------------------------------------------------

#: The pages that show a folded abstract or bio in the ``talks_site``.
TALKS_PAGES = ["program/index.html", "people/index.html"]
#: What the ``talks_site`` adds: an abstract to the first keynote and to the first panel, a bio to a
#: speaker; each with markup that must stay text.
ABSTRACT = """\
    abstract: |
      First paragraph of the abstract, with <script>alert("abstract")</script> in it.

      Second paragraph of the abstract.
"""
BIO = """\
    bio: |
      First paragraph of the bio, with <img src=x onerror=alert(1)> in it.

      Second paragraph of the bio.
"""


@pytest.fixture(scope="module")
def talks_site(tmp_path_factory) -> Path:
    """The real site with an abstract on a keynote and a panel, and a bio on a speaker's card (-W)."""
    from sphinx.cmd.build import build_main

    out = tmp_path_factory.mktemp("talks-site")
    src = out / "src"
    shutil.copytree(PROJECT, src, ignore=shutil.ignore_patterns(
        ".*", "_build", "node_modules", "tests", "benchmarks", "tools", "sphinx_workshop", "__pycache__"))
    schedule = src / "program" / "schedule.yaml"
    text = schedule.read_text(encoding="utf-8")
    text = text.replace("    speakers: [bouman]\n", "    speakers: [bouman]\n" + ABSTRACT, 1)
    text = text.replace("    title: Building an interdisciplinary future\n",
                        "    title: Building an interdisciplinary future\n" + ABSTRACT, 1)
    schedule.write_text(text, encoding="utf-8")
    speakers = src / "people" / "speakers.yaml"
    speakers.write_text(speakers.read_text(encoding="utf-8").replace(
        "    photo: photos/bouman.jpg\n", "    photo: photos/bouman.jpg\n" + BIO, 1), encoding="utf-8")
    assert build_main(["-b", "html", "-q", "-W", "-d", str(out / "doctrees"), str(src), str(out / "html")]) == 0
    return out / "html"


@pytest.fixture(scope="module")
def talks_server(talks_site, browser):
    with sitecheck.serve(talks_site) as server:
        yield server


OPEN_ALL = "() => document.querySelectorAll('details.ws-abstract, details.ws-bio').forEach(d => { d.open = true; })"


@every_view
@every_mode
@pytest.mark.parametrize("page", TALKS_PAGES)
def test_folded_abstracts_and_bios_pass_axe_closed_and_open(talks_server, contexts, page, mode, viewport):
    dialogs: list[str] = []
    visit, tab = sitecheck.visit(contexts(mode, viewport), talks_server.url, page, keep_page=True)
    try:
        tab.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
        assert tab.locator("details.ws-abstract, details.ws-bio").count() >= 1
        assert tab.locator("details[open]").count() == 0
        # The markup in the data is text on the page, not elements.
        assert tab.locator("details img, details script").count() == 0
        shown = " ".join(tab.locator("details").all_text_contents())
        assert "<script>alert(" in shown or "<img src=x onerror=alert(1)>" in shown
        assert visit.axe == [], f"{visit.url} (closed)\n{sitecheck.describe_violations(visit.axe)}"
        tab.evaluate(OPEN_ALL)
        opened = sitecheck.run_axe_on(tab)
        assert opened == [], f"{visit.url} (open)\n{sitecheck.describe_violations(opened)}"
        overflow = tab.evaluate("Math.max(document.documentElement.scrollWidth, document.body.scrollWidth)"
                                " - document.documentElement.clientWidth")
        assert overflow <= 0, f"{visit.url}: {overflow} px wider than the screen with everything unfolded"
    finally:
        tab.close()
    assert (visit.console_errors, visit.failed_requests, visit.foreign_requests, dialogs) == ([], [], [], [])


@pytest.mark.parametrize(("page", "selector", "summary"), [
    ("program/index.html", "#slot-2022-07-22-0915 details.ws-abstract", "Abstract"),
    ("people/index.html", "#person-bouman details.ws-bio", "About Katie Bouman")])
def test_a_summary_is_reached_by_tab_and_opens_with_enter_and_space(talks_server, contexts, page, selector, summary):
    tab = sitecheck.open_page(contexts("light", "desktop"), f"{talks_server.url}/{page}")
    try:
        details = tab.locator(selector)
        assert details.locator("summary").inner_text() == summary
        controls, focused = tab_through(tab)
        summaries = [c["index"] for c in controls if c["name"].startswith("<summary")]
        assert summaries and set(summaries) <= {f["index"] for f in focused}
        text = details.locator("p").first
        assert not text.is_visible()
        details.locator("summary").focus()
        tab.keyboard.press("Enter")
        assert details.evaluate("d => d.open") and text.is_visible()
        assert text.inner_text().startswith("First paragraph of the")
        tab.keyboard.press("Space")
        assert not details.evaluate("d => d.open") and not text.is_visible()
        tab.keyboard.press(" ")
        assert details.evaluate("d => d.open")
    finally:
        tab.close()


@pytest.mark.parametrize("page", TALKS_PAGES)
def test_trimmed_stylesheet_styles_the_unfolded_text_as_the_sources(talks_server, contexts, page):
    tab = sitecheck.open_page(contexts("dark", "phone"), f"{talks_server.url}/{page}")
    try:
        tab.evaluate(OPEN_ALL)
        assert sitecheck.compare_with_source_stylesheets(tab) == [], page
    finally:
        tab.close()
