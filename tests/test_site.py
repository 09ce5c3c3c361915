"""The ML4Astro 2022 site: every fact of the original page is on the built site, links resolve.

The facts below are copied from the original page, independently of the YAML files,
so that a slip in the data (or in rendering it) fails here.
"""

from __future__ import annotations

import os
import re
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest
from bs4 import BeautifulSoup
from conftest import soup_of
from sphinx.cmd.build import build_main

PROJECT = Path(__file__).parent.parent
CANONICAL = "https://ml4astro.readthedocs.io/en/latest/"

SPEAKERS = [
    ("Josh Bloom", "UC Berkeley"), ("Katie Bouman", "Caltech"), ("Daniela Huppenkothen", "SRON"),
    ("Jakob Macke", "Tübingen University"), ("Laurence Perreault-Levasseur", "University of Montreal"),
    ("Dustin Tran", "Google"), ("George Stein", "UC Berkeley"), ("Soledad Villar", "Johns Hopkins University"),
]
ORGANIZERS = [
    ("Francois Lanusse", "CNRS", "Co-Chair"), ("Marc Huertas-Company", "IAC", "Co-Chair"),
    ("Vanessa Boehm", "UC Berkeley", None), ("Brice Ménard", "Johns Hopkins University", None),
    ("Xavier J. Prochaska", "UC Santa-Cruz", None), ("Uros Seljak", "UC Berkeley", None),
    ("Francisco Villaescusa-Navarro", "Simons Foundation", None),
    ("Ashley Villar", "Pennsylvania State University", None),
]
SCHEDULE = [  # start, end, kind, title, speaker
    ("09:15", "10:00", "Keynote", "Computational Imaging in astronomy", "Katie Bouman"),
    ("10:00", "10:30", "Spotlight", "2 talks", None),
    ("10:30", "11:30", "Panel Discussion", "Building an interdisciplinary future", None),
    ("11:30", "12:30", "Poster Session", "Morning Session", None),
    ("12:30", "13:30", "Break", "Lunch break", None),
    ("13:30", "14:15", "Keynote", "Simulation-Based Inference", "Jakob Macke"),
    ("14:15", "15:00", "Spotlight", "3 talks", None),
    ("15:00", "16:00", "Poster Session", "Afternoon Session", None),
    ("16:00", "16:45", "Keynote", "Uncertainty Quantification and calibration in ML", "Dustin Tran"),
    ("16:45", "17:30", "Spotlight", "3 talks", None),
    ("17:30", "18:15", "Keynote", "Symmetries and Equivariance in ML for Physics", "Soledad Villar"),
    ("18:15", "19:15", "Panel Discussion", "Enabling Scientific Discoveries with ML", None),
]
DATES = [
    ("Submission deadline", "2022-05-23T23:59:00-12:00"),
    ("Author Notification", "2022-06-10"),
    ("Slideslive upload deadline for online talks", "2022-07-01"),
    ("Camera-ready poster deadline", "2022-07-10"),
    ("Workshop date", "2022-07-22"),
]
OPEN_PROBLEMS = [
    "Efficient high-dimensional Likelihood-based and Simulation-Based Inference",
    "Robustness to covariate shifts and model misspecification",
    "Anomaly and outlier detection, search for rare signals with ML",
    "Methods for accurate uncertainty quantification",
    "Methods for improved interpretability of models",
    "(Astro)-physics informed models, models which preserve symmetries and equivariances",
    "Deep Learning for accelerating numerical simulations",
    "Benchmarking and deployment of ML models for large-scale data analysis",
]
CFP_LINKS = [
    "https://icml.cc/Conferences/2022/StyleAuthorInstructions",
    "https://media.icml.cc/Conferences/ICML2022/Styles/icml2022.zip",
    "https://cmt3.research.microsoft.com/ML4Astro2022",
]
REGISTRATION = "https://icml.cc/Register2"
EMAIL = "icml2022ml4astro@gmail.com"
PAGES = ["index", "program/index", "program/papers", "cfp/index", "cfp/logistics", "people/index"]


def build_site(out: Path, canonical: str | None) -> tuple[int, str]:
    env_before = os.environ.pop("READTHEDOCS_CANONICAL_URL", None)
    if canonical:
        os.environ["READTHEDOCS_CANONICAL_URL"] = canonical
    try:
        warnings = out / "warnings.txt"
        status = build_main(["-b", "html", "-q", "-W", "--keep-going", "-n", "-E", "-w", str(warnings),
                             "-d", str(out / "doctrees"), str(PROJECT), str(out / "html")])
    finally:
        os.environ.pop("READTHEDOCS_CANONICAL_URL", None)
        if env_before is not None:
            os.environ["READTHEDOCS_CANONICAL_URL"] = env_before
    return status, warnings.read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("site")
    status, warnings = build_site(out, CANONICAL)
    assert (status, warnings) == (0, "")
    return out / "html"


@pytest.fixture(scope="module")
def page(site):
    return lambda docname: soup_of(site / f"{docname}.html")


def text(soup: BeautifulSoup) -> str:
    return " ".join(soup.select_one("article").get_text(" ").split())


def cards(grid) -> list[tuple[str, str, str | None]]:
    return [(c.select_one(".ws-name").get_text(), c.select_one(".ws-affiliation").get_text(),
             c.select_one(".ws-role").get_text() if c.select_one(".ws-role") else None)
            for c in grid.select(".ws-person")]


def test_invited_speakers_on_the_program_and_people_pages(page):
    for docname in ("program/index", "people/index"):
        grids = page(docname).select(".ws-people")
        assert [(n, a, None) for n, a in SPEAKERS] in [cards(g) for g in grids]


def test_organizing_committee_with_the_two_co_chairs(page):
    grids = page("people/index").select(".ws-people")
    assert ORGANIZERS in [cards(g) for g in grids]
    assert "Scientific Organizing Committee" in text(page("people/index"))


def test_every_schedule_row(page):
    rows = page("program/index").select("table.ws-schedule-table tbody tr")
    found = []
    for row in rows:
        start, end = (t["datetime"][11:16] for t in row.select("time"))
        speakers = row.select_one(".ws-speakers")
        found.append((start, end, row.select_one(".ws-kind").get_text(), row.select_one(".ws-title").get_text(),
                      speakers.get_text() if speakers else None))
    assert found == SCHEDULE
    assert all(t["datetime"].startswith("2022-07-22T") and t["datetime"].endswith("-04:00")
               for t in page("program/index").select("table.ws-schedule-table time"))


def test_program_states_time_zone_and_that_it_may_change(page):
    content = text(page("program/index"))
    assert "Eastern Time (EDT, UTC\u221204:00)" in content
    assert "subject to change" in content


@pytest.mark.parametrize("docname", ["index", "cfp/index"])
def test_important_dates(page, docname):
    items = page(docname).select("ul.ws-dates li")
    assert [(i.select_one(".ws-date-label").get_text(), i.time["datetime"]) for i in items] == DATES
    assert "AoE" in items[0].time.get_text()


def test_home_page_hero_rationale_and_open_problems(page):
    home = page("index")
    content = text(home)
    for fact in ("Machine Learning for Astrophysics", "ICML 2022", "July 22, 2022", "Baltimore, MD, USA"):
        assert fact in content
    for problem in OPEN_PROBLEMS:
        assert problem in content
    assert "500 astrophysics papers" in content
    buttons = {a.get_text(strip=True): a["href"] for a in home.select(".hero a.sd-btn")}
    assert sorted(buttons.values()) == ["cfp/index.html", "program/index.html"]


def test_call_for_abstracts(page):
    cfp = page("cfp/index")
    hrefs = {a["href"] for a in cfp.select("article a[href]")}
    assert set(CFP_LINKS) <= hrefs
    content = text(cfp)
    for fact in ("4 pages", "references", "anonymi", "double-blind", "May 23", "23:59", "AoE", "proceedings"):
        assert fact in content, fact


def test_papers_page_says_when_papers_are_announced(page):
    assert page("program/papers").select_one(".ws-papers-pending").get_text() == (
        "The accepted papers will be listed here once they are announced on Friday, June 10, 2022.")


def test_logistics_registration_and_contact(page):
    logistics = page("cfp/logistics")
    hrefs = {unquote(a["href"]) for a in logistics.select("article a[href]")}  # Sphinx cloaks e-mail a little
    assert REGISTRATION in hrefs
    assert f"mailto:{EMAIL}" in hrefs
    assert "hybrid" in text(logistics).lower()


@pytest.mark.parametrize("docname", PAGES)
def test_every_page_has_title_description_footer_contact_and_canonical_link(page, docname):
    soup = page(docname)
    assert "Machine Learning for Astrophysics" in soup.title.get_text()
    assert len(soup.find("meta", attrs={"name": "description"})["content"]) > 50
    assert soup.select_one(f'footer a[href="mailto:{EMAIL}"]').get_text() == EMAIL
    assert soup.find("link", rel="canonical")["href"] == f"{CANONICAL}{docname}.html"
    assert soup.find("link", rel="icon")["href"].endswith(".svg")


def test_no_canonical_link_outside_read_the_docs(tmp_path):
    status, _ = build_site(tmp_path, None)
    assert status == 0
    assert soup_of(tmp_path / "html" / "index.html").find("link", rel="canonical") is None


def test_only_the_sites_pages_are_built(site):
    """conf.py's include_patterns: the pages, not the repository's other Markdown (README, CONTRIBUTING ...)."""
    built = {html.relative_to(site).as_posix() for html in site.rglob("*.html")
             if html.relative_to(site).parts[0] != "_static"}
    assert built == {f"{name}.html" for name in [*PAGES, "404"]}
    assert (PROJECT / "README.md").is_file() and (PROJECT / "CONTRIBUTING.md").is_file()


def test_every_internal_link_resolves(site):
    broken = []
    for html in site.rglob("*.html"):
        if html.relative_to(site).parts[0] == "_static":
            continue  # the theme's raw template files
        soup = soup_of(html)
        for a in soup.find_all(["a", "link"], href=True):
            parts = urlsplit(a["href"])
            if parts.scheme or parts.netloc or a["href"].startswith("mailto:"):
                continue
            if parts.path.startswith("/"):  # the 404 page links from the site's root on Read the Docs
                target = site / unquote(parts.path).removeprefix(urlsplit(CANONICAL).path)
            else:
                target = (html.parent / unquote(parts.path)).resolve() if parts.path else html
            if not target.exists():
                broken.append(f"{html.relative_to(site)} -> {a['href']}")
            elif parts.fragment and target.suffix == ".html" and not soup_of(target).find(id=parts.fragment):
                broken.append(f"{html.relative_to(site)} -> {a['href']} (no such anchor)")
    assert broken == []


HAND_WRITTEN_DATA = re.compile(
    r"^\s*\|.*\|\s*$|<table|<div|\{(list-table|csv-table|table|grid|grid-item|grid-item-card|card)\}",
    re.MULTILINE,
)


@pytest.mark.parametrize("docname", PAGES)
def test_pages_hold_no_hand_written_tables_or_grids(docname):
    source = (PROJECT / f"{docname}.md").read_text(encoding="utf-8")
    assert HAND_WRITTEN_DATA.findall(source) == []
