"""What search engines read from the extension: the event as JSON-LD.

robots.txt and the Open Graph description are the site's (_ext/site_glue.py, tests/test_site_glue.py)."""

from __future__ import annotations

import json
from io import StringIO
from pathlib import Path

import pytest
from conftest import build_app as build
from conftest import copy_root, soup_of, warnings_of
from sphinx.testing.util import SphinxTestApp

HOSTILE = '</script><script>alert("x")</script> & "quotes"'

EXPECTED_EVENT = {
    "@context": "https://schema.org",
    "@type": "Event",
    "name": "Test Workshop 2022",
    "startDate": "2022-07-22T09:15:00-04:00",
    "endDate": "2022-07-22T19:15:00-04:00",
    "eventStatus": "https://schema.org/EventScheduled",
    "eventAttendanceMode": "https://schema.org/MixedEventAttendanceMode",
    "description": "One day of tests.",
    "location": {"@type": "Place", "name": "Baltimore, MD, USA", "address": "Baltimore, MD, USA"},
    "organizer": [
        {"@type": "Person", "name": "Francois Lanusse", "affiliation": {"@type": "Organization", "name": "CNRS"}},
    ],
    "performer": [
        {"@type": "Person", "name": "Katie Bouman", "affiliation": {"@type": "Organization", "name": "Caltech"}},
        {"@type": "Person", "name": "Jakob Macke",
         "affiliation": {"@type": "Organization", "name": "Tübingen University"}, "url": "https://example.org/macke"},
    ],
    "url": "https://workshop.example.org/en/latest/index.html",
}


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> Path:
    app = build(copy_root("seo", tmp_path_factory.mktemp("seo")))
    assert app.warning.getvalue() == ""
    return app.outdir


def jsonld(html: Path) -> dict:
    scripts = soup_of(html).find_all("script", type="application/ld+json")
    assert len(scripts) == 1
    return json.loads(scripts[0].string)


def test_the_event_is_json_ld_built_from_the_data(built):
    assert jsonld(built / "index.html") == EXPECTED_EVENT


def test_only_the_page_with_the_directive_has_it(built):
    assert soup_of(built / "other.html").find("script", type="application/ld+json") is None


def test_without_a_site_url_the_event_has_no_url(tmp_path):
    app = build(copy_root("seo", tmp_path / "src"), confoverrides={"html_baseurl": "", "ogp_site_url": ""})
    assert "url" not in jsonld(app.outdir / "index.html")


def test_the_extension_writes_no_robots_txt_and_leaves_open_graph_alone(built):
    """Site glue (_ext/site_glue.py) is not the extension's: without it, sphinxext-opengraph describes
    a page by its first words, and there is no robots.txt."""
    assert not (built / "robots.txt").exists()
    soup = soup_of(built / "index.html")
    assert soup.find("meta", property="og:description")["content"] != (
        soup.find("meta", attrs={"name": "description"})["content"])


def test_data_cannot_break_out_of_the_script(tmp_path):
    src = copy_root("seo", tmp_path / "src")
    for name, old in [("people/organizers.yaml", "Francois Lanusse"), ("people/speakers.yaml", "Caltech"),
                      ("schedule.yaml", "Baltimore, MD, USA")]:
        path = src / name
        path.write_text(path.read_text().replace(old, "'" + HOSTILE.replace("'", "''") + "'"))
    app = build(src)
    assert app.warning.getvalue() == ""
    html = (app.outdir / "index.html").read_text(encoding="utf-8")
    assert "<script>alert" not in html
    assert "\\u003c/script\\u003e\\u003cscript\\u003ealert(\\\"x\\\")\\u003c/script\\u003e \\u0026" in html
    event = jsonld(app.outdir / "index.html")
    assert event["organizer"][0]["name"] == HOSTILE
    assert event["performer"][0]["affiliation"]["name"] == HOSTILE
    assert event["location"] == {"@type": "Place", "name": HOSTILE, "address": HOSTILE}


def test_editing_any_file_it_reads_rereads_the_page(tmp_path):
    src = copy_root("seo", tmp_path / "src")
    build(src)
    for name in ("people/organizers.yaml", "people/speakers.yaml", "schedule.yaml"):
        path = src / name
        path.write_text(path.read_text() + "\n# edited\n")
        read: set[str] = set()
        app = SphinxTestApp("html", srcdir=src, warning=StringIO())
        app.connect("env-before-read-docs", lambda app, env, docnames: read.update(docnames))
        try:
            app.build()
        finally:
            app.cleanup()
        assert read == {"index"}, name


def test_data_problems_are_reported(tmp_path):
    src = copy_root("seo", tmp_path / "src")
    (src / "people" / "organizers.yaml").write_text("people:\n  - id: x\n")
    page = src / "index.md"
    page.write_text(page.read_text().replace(":schedule: schedule.yaml\n", ""), encoding="utf-8")
    (src / "other.md").write_text("# Other\n\n```{event-jsonld}\n:schedule: schedule.yaml\n"
                                  ":organizers: people/organizers.yaml\n```\n")
    app = build(src)
    assert warnings_of(app).splitlines() == [
        "index.md:11: WARNING: event-jsonld needs the :schedule: option (the schedule file) [workshop.event]",
        # read by both event-jsonld directives, reported once, as a people file's problem
        "people/organizers.yaml:2: WARNING: person 1: 'name' is required [workshop.people]",
        "people/organizers.yaml:2: WARNING: person 1: 'affiliation' is required [workshop.people]",
    ]
    # Nothing visible is missing, but the preview says why search engines get nothing.
    for page in ("index", "other"):
        html = soup_of(app.outdir / f"{page}.html")
        assert not html.select("script[type='application/ld+json']")
        assert html.select_one(".ws-problem-title").get_text() == "Search engines get no data about the event"


def test_other_builders_get_nothing(tmp_path):
    app = build(copy_root("seo", tmp_path / "src"), "text")
    assert "schema.org" not in (app.outdir / "index.txt").read_text(encoding="utf-8")
