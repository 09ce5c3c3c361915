"""The papers list's search and the papers' own pages in Chromium, on the real site with papers in its file.

The site's own papers file is empty until the papers are announced, so the checks of every page
(test_browser.py) do not meet a paper's page: here the site is built with four papers (and a schedule
that presents one), and its papers list and paper pages get the same checks (no console error, no other
host, no overflow at 360 px, axe), then the search: typing narrows the list, accents are ignored, the
query is restored from the address, the count is announced; the BibTeX copy button copies.
"""

from __future__ import annotations

import shutil
import sys
from pathlib import Path

import pytest

PROJECT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(PROJECT / "tools"))
import sitecheck  # noqa: E402
from test_browser import MODES, VIEWPORTS, tab_through, unavailable  # noqa: E402

pytestmark = pytest.mark.browser

PAPERS = """\
announcement: 2022-06-10
papers:
  - id: 12
    title: "Neural posterior estimation of galaxy shapes & 100% more"
    authors: [Ada Lovelace, Kurt Gödel]
    presenter: Kurt Gödel
    pdf: papers/12.pdf
    spotlight: true
    award: Best paper award
    keywords: [Cosmology, Simulation-based inference]
    abstract: |-
      We infer the shapes of galaxies with neural posterior estimation, from images of a survey telescope
      whose point-spread function varies across the field.

      The code is public.
    links:
      video: https://www.youtube.com/watch?v=abc
      slides: https://example.org/slides.pdf
      code: https://github.com/example/shapes
      arxiv: 2206.01230
      openreview: rJl3S2A9t7
    poster: {session: Morning Session, board: 7}
  - id: 31
    title: "<script>alert(1)</script> Period-luminosity relations"
    authors: [Henrietta Swan Leavitt]
    keywords: [Stars]
    abstract: Cepheids pulse. Their period tells their luminosity.
  - id: 40
    title: Photometric redshifts without labels
    authors: [Édouard Çelik, Ana Núñez]
    keywords: [Cosmology]
    poster: {session: Morning Session, board: 8}
  - id: 41
    title: Anomaly detection in light curves
    authors: [Jocelyn Bell Burnell]
    abstract: Unsupervised detection of transients, in particular supernovae.
"""
PAGES = ["program/papers.html", "program/papers/12.html", "program/papers/31.html", "program/papers/40.html"]


@pytest.fixture(scope="module")
def papers_site(tmp_path_factory) -> Path:
    from sphinx.cmd.build import build_main

    out = tmp_path_factory.mktemp("papers-site")
    src = out / "src"
    shutil.copytree(PROJECT, src, ignore=shutil.ignore_patterns(
        ".*", "_build", "node_modules", "tests", "benchmarks", "tools", "sphinx_workshop", "__pycache__"))
    (src / "program" / "papers.yaml").write_text(PAPERS, encoding="utf-8")
    (src / "program" / "papers").mkdir()
    (src / "program" / "papers" / "12.pdf").write_bytes(b"%PDF-1.4\n%%EOF\n")
    schedule = src / "program" / "schedule.yaml"
    text = schedule.read_text(encoding="utf-8")
    assert "papers_file: papers.yaml" in text
    schedule.write_text(text.replace("    title: 2 talks\n", "    title: 2 talks\n    papers: [12]\n", 1),
                        encoding="utf-8")
    assert build_main(["-b", "html", "-q", "-W", "--keep-going", "-n", "-d", str(out / "doctrees"), str(src),
                       str(out / "html")]) == 0
    return out / "html"


@pytest.fixture(scope="module")
def browser():
    if reason := sitecheck.browser_missing():
        unavailable(reason)
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = sitecheck.launch(playwright)
        yield browser
        browser.close()


@pytest.fixture(scope="module")
def server(papers_site, browser):
    with sitecheck.serve(papers_site) as server:
        yield server


@pytest.mark.parametrize("viewport", list(VIEWPORTS))
@pytest.mark.parametrize("mode", list(MODES))
@pytest.mark.parametrize("page", PAGES)
def test_papers_pages_pass_the_checks_of_every_page(browser, server, page, mode, viewport):
    context = sitecheck.new_context(browser, mode, viewport)
    try:
        visit = sitecheck.visit(context, server.url, page)
    finally:
        context.close()
    assert (visit.console_errors, visit.failed_requests, visit.foreign_requests) == ([], [], []), visit.url
    assert visit.overflow <= 0, f"{visit.url}: {visit.overflow} px wider than the screen"
    assert visit.axe == [], f"{visit.url}\n{sitecheck.describe_violations(visit.axe)}"


@pytest.mark.parametrize("page", ["program/papers.html", "program/papers/12.html"])
def test_every_control_is_reached_by_keyboard(browser, server, page):
    context = sitecheck.new_context(browser, "light", "desktop")
    try:
        tab = sitecheck.open_page(context, f"{server.url}/{page}")
        controls, focused = tab_through(tab)
    finally:
        context.close()
    reached = {f["index"] for f in focused}
    assert [c["name"] for c in controls if c["shown"] and c["index"] not in reached] == []
    looks = {c["index"]: c["look"] for c in controls}
    assert [f["name"] for f in focused if f["look"] == looks[f["index"]]] == []


def shown_titles(tab) -> list[str]:
    return tab.eval_on_selector_all("ul.ws-papers > li:not([hidden]) .ws-paper-title",
                                    "titles => titles.map(t => t.textContent)")


def count_text(tab) -> str:
    tab.wait_for_timeout(450)  # the count is said once typing pauses
    return tab.locator(".ws-search-count").inner_text()


@pytest.fixture
def papers_tab(browser, server):
    context = sitecheck.new_context(browser, "light", "phone")
    tab = sitecheck.open_page(context, f"{server.url}/program/papers.html")
    yield tab
    context.close()


def test_without_javascript_every_paper_is_listed(browser, server):
    context = browser.new_context(java_script_enabled=False, viewport={"width": 360, "height": 740})
    try:
        tab = context.new_page()
        tab.goto(f"{server.url}/program/papers.html?q=nothing")
        assert tab.locator("ul.ws-papers > li").count() == 4
        assert tab.locator("ul.ws-papers > li:not([hidden])").count() == 4
        # The build writes the form (so that the page does not move when the script starts); without a script
        # it could do nothing, and it is not shown.
        assert tab.locator("form.ws-paper-search").count() == 1
        assert not tab.locator("form.ws-paper-search").is_visible()
    finally:
        context.close()


def test_typing_narrows_the_list_and_the_count_is_announced(papers_tab):
    tab = papers_tab
    box = tab.get_by_label("Search the papers")
    assert count_text(tab) == "4 of 4 papers"
    assert tab.locator(".ws-search-count").get_attribute("aria-live") == "polite"
    box.press_sequentially("galax")
    assert shown_titles(tab) == ["Neural posterior estimation of galaxy shapes & 100% more"]
    assert count_text(tab) == "1 of 4 papers"
    box.fill("")
    box.press_sequentially("supernova")  # a word of an abstract only
    assert shown_titles(tab) == ["Anomaly detection in light curves"]
    box.fill("leavitt cepheid")  # every word must match: an author and an abstract's word
    assert shown_titles(tab) == ["<script>alert(1)</script> Period-luminosity relations"]
    box.fill("leavitt galaxy")
    assert shown_titles(tab) == [] and count_text(tab) == "0 of 4 papers"


def test_accents_and_case_are_ignored(papers_tab):
    tab = papers_tab
    box = tab.get_by_label("Search the papers")
    box.fill("GODEL")
    assert shown_titles(tab) == ["Neural posterior estimation of galaxy shapes & 100% more"]
    box.fill("celik nunez")
    assert shown_titles(tab) == ["Photometric redshifts without labels"]
    box.fill("Çelik")
    assert shown_titles(tab) == ["Photometric redshifts without labels"]


def test_filters_for_keyword_spotlight_and_poster_session(papers_tab):
    tab = papers_tab
    tab.get_by_label("Keyword").select_option("Cosmology")
    assert len(shown_titles(tab)) == 2
    tab.get_by_label("Spotlight talks only").check()
    assert shown_titles(tab) == ["Neural posterior estimation of galaxy shapes & 100% more"]
    tab.get_by_label("Spotlight talks only").uncheck()
    tab.get_by_label("Keyword").select_option("")
    tab.get_by_label("Poster session").select_option("Morning Session")
    assert sorted(shown_titles(tab)) == ["Neural posterior estimation of galaxy shapes & 100% more",
                                         "Photometric redshifts without labels"]
    assert tab.evaluate("location.search") == "?session=Morning+Session"


def test_the_query_is_kept_in_the_address_and_restored(browser, server, papers_tab):
    papers_tab.get_by_label("Search the papers").fill("redshifts")
    assert papers_tab.evaluate("location.pathname + location.search") == "/program/papers.html?q=redshifts"
    papers_tab.get_by_label("Search the papers").fill("")
    assert papers_tab.evaluate("location.search") == ""
    context = sitecheck.new_context(browser, "dark", "desktop")
    try:
        tab = sitecheck.open_page(context, f"{server.url}/program/papers.html?q=g%C3%B6del")
        assert tab.get_by_label("Search the papers").input_value() == "gödel"
        assert shown_titles(tab) == ["Neural posterior estimation of galaxy shapes & 100% more"]
        assert count_text(tab) == "1 of 4 papers"
    finally:
        context.close()


def test_the_bibtex_copy_button_copies_the_entry(browser, server):
    context = sitecheck.new_context(browser, "light", "desktop")
    try:
        context.grant_permissions(["clipboard-read", "clipboard-write"])
        tab = sitecheck.open_page(context, f"{server.url}/program/papers/12.html")
        tab.get_by_role("button", name="Copy BibTeX").click()
        tab.get_by_text("BibTeX copied").wait_for()
        copied = tab.evaluate("navigator.clipboard.readText()")
        assert copied.startswith("@inproceedings{lovelace2022-12,\n") and copied.endswith("}\n")
    finally:
        context.close()


@pytest.mark.parametrize("viewport", list(VIEWPORTS))
@pytest.mark.parametrize("page", ["program/papers.html?q=galaxy", "program/papers/12.html"])
def test_trimmed_stylesheet_styles_the_papers_as_the_theme_would(browser, server, page, viewport):
    context = sitecheck.new_context(browser, "dark", viewport)
    try:
        tab = sitecheck.open_page(context, f"{server.url}/{page}")
        assert sitecheck.compare_with_source_stylesheets(tab) == [], page
    finally:
        context.close()


def test_the_papers_pages_are_valid_html(papers_site):
    import json
    import subprocess

    if not sitecheck.VNU.is_file() or not shutil.which("java"):
        unavailable("the Nu Html Checker needs vnu-jar (npm ci) and java")
    result = subprocess.run(["java", "-jar", str(sitecheck.VNU), "--format", "json", "--exit-zero-always",
                             *[str(papers_site / p) for p in PAGES]], capture_output=True, text=True, timeout=300)
    messages = json.loads(result.stderr)["messages"]
    assert [f"{m.get('url', '')}:{m.get('lastLine')}: {m['message']}" for m in messages if m["type"] != "info"] == []
