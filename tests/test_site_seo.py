"""The ML4Astro site for calendars, search engines and social sites: on Read the Docs, and locally.

As in test_site.py, the facts are written here independently of the YAML files.
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from urllib.parse import urlsplit
from xml.etree import ElementTree

import pytest
from conftest import soup_of
from icalendar import Calendar
from test_site import CANONICAL, ORGANIZERS, PAGES, SPEAKERS, build_site

UTC = dt.UTC


@pytest.fixture(scope="module")
def rtd(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("rtd")
    assert build_site(out, CANONICAL) == (0, "")
    return out / "html"


@pytest.fixture(scope="module")
def local(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("local")
    assert build_site(out, None) == (0, "")
    return out / "html"


def calendar_of(site: Path, page: str) -> Calendar:
    link = soup_of(site / f"{page}.html").select_one("a.ws-calendar-link")
    return Calendar.from_ical((site / page).parent.joinpath(link["href"]).read_bytes())


def test_the_program_calendar(rtd):
    events = list(calendar_of(rtd, "program/index").walk("VEVENT"))
    assert len(events) == 12
    assert events[0].start == dt.datetime(2022, 7, 22, 13, 15, tzinfo=UTC)  # 9:15 Eastern Time
    assert events[0]["SUMMARY"] == "Keynote: Computational Imaging in astronomy (Katie Bouman)"
    assert events[-1].end == dt.datetime(2022, 7, 22, 23, 15, tzinfo=UTC)
    assert {str(e["LOCATION"]) for e in events} == {"Baltimore, MD, USA"}


@pytest.mark.parametrize("page", ["index", "cfp/index"])
def test_the_dates_calendar_on_both_pages(rtd, page):
    events = list(calendar_of(rtd, page).walk("VEVENT"))
    assert events[0].start == dt.datetime(2022, 5, 24, 11, 59, tzinfo=UTC)  # May 23, 23:59 AoE
    assert [e.start for e in events[1:]] == [dt.date(2022, 6, 10), dt.date(2022, 7, 1), dt.date(2022, 7, 10),
                                             dt.date(2022, 7, 22)]


def test_json_ld_event_on_the_home_page(rtd):
    (script,) = soup_of(rtd / "index.html").find_all("script", type="application/ld+json")
    event = json.loads(script.string)
    assert event["@type"] == "Event"
    assert "Machine Learning for Astrophysics" in event["name"]
    assert (event["startDate"], event["endDate"]) == ("2022-07-22T09:15:00-04:00", "2022-07-22T19:15:00-04:00")
    assert event["eventAttendanceMode"] == "https://schema.org/MixedEventAttendanceMode"
    assert event["location"]["address"] == "Baltimore, MD, USA"
    assert [(p["name"], p["affiliation"]["name"]) for p in event["organizer"]] == [(n, a) for n, a, _ in ORGANIZERS]
    assert [(p["name"], p["affiliation"]["name"]) for p in event["performer"]] == SPEAKERS
    assert event["url"] == f"{CANONICAL}index.html"


@pytest.mark.parametrize("docname", PAGES)
def test_open_graph_and_twitter_tags(rtd, docname):
    soup = soup_of(rtd / f"{docname}.html")
    og = {m["property"]: m["content"] for m in soup.find_all("meta", property=True)}
    assert og["og:url"] == f"{CANONICAL}{docname}.html"
    assert og["og:image"] == f"{CANONICAL}_static/og-image.png"
    assert og["og:description"] == soup.find("meta", attrs={"name": "description"})["content"]
    assert og["og:title"] and og["og:site_name"] == "ML4Astro 2022"
    assert soup.find("meta", attrs={"name": "twitter:card"})["content"] == "summary_large_image"


def test_the_preview_image_is_a_small_png_of_the_open_graph_size(rtd):
    data = (rtd / "_static" / "og-image.png").read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    assert (int.from_bytes(data[16:20]), int.from_bytes(data[20:24])) == (1200, 630)
    assert len(data) < 100_000


def test_sitemap_lists_every_page_with_its_canonical_url(rtd):
    root = ElementTree.parse(rtd / "sitemap.xml").getroot()
    locs = {e.text for e in root.iter("{http://www.sitemaps.org/schemas/sitemap/0.9}loc")}
    assert {f"{CANONICAL}{p}.html" for p in PAGES} <= locs
    assert all(loc.startswith(CANONICAL) for loc in locs)
    assert not {f"{CANONICAL}{p}.html" for p in ("404", "search", "genindex")} & locs


def test_robots_txt_points_to_the_sitemap(rtd):
    assert (rtd / "robots.txt").read_text() == f"User-agent: *\nAllow: /\nSitemap: {CANONICAL}sitemap.xml\n"


def local_urls(page: Path) -> list[str]:
    """Every link, stylesheet, script and image address of a page that is not external or a fragment."""
    urls = [t.get("href") or t.get("src") for t in soup_of(page).find_all(["link", "script", "img", "a"])]
    return [u for u in urls if u and not u.startswith(("#", "http:", "https:", "mailto:", "data:"))]


def test_404_page_uses_absolute_urls(rtd):
    """Read the Docs shows 404.html at any depth (/en/latest/a/b/c): every address starts at the site root."""
    prefix = urlsplit(CANONICAL).path
    urls = local_urls(rtd / "404.html")
    assert urls and all(url.startswith(prefix) for url in urls), urls
    assert all((rtd / url.removeprefix(prefix).split("?")[0]).exists() for url in urls)
    assert any(".css" in url for url in urls)
    soup = soup_of(rtd / "404.html")
    assert soup.find("meta", attrs={"name": "robots"})["content"] == "noindex"
    assert "Page not found" in soup.title.get_text()


def test_locally_no_sitemap_no_social_tags_and_a_plain_robots_txt(local):
    assert not (local / "sitemap.xml").exists()
    assert (local / "robots.txt").read_text() == "User-agent: *\nAllow: /\n"
    index = soup_of(local / "index.html")
    assert index.find("meta", property="og:url") is None
    assert "url" not in json.loads(index.find("script", type="application/ld+json").string)
    urls = local_urls(local / "404.html")
    assert urls and all(url.startswith("/") and (local / url[1:].split("?")[0]).exists() for url in urls), urls
