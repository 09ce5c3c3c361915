"""The HTML each directive builds, from MyST and from reStructuredText."""

from __future__ import annotations

import pytest

PAGES_WITH_DATA = ["program/index", "rst"]


def test_site_builds_without_warnings(site_build):
    assert site_build.warning.getvalue() == ""


@pytest.mark.parametrize("docname", PAGES_WITH_DATA)
def test_schedule_is_a_table_with_one_row_per_entry(page, docname):
    table = page(docname).select_one("table.ws-schedule-table")
    assert [th.get_text(strip=True) for th in table.select("thead th")] == ["Time", "Session", "Title"]
    rows = table.select("tbody tr")
    assert len(rows) == 4
    assert [r.select("td")[0].get_text(strip=True) for r in rows] == ["Keynote", "Spotlight", "Break", "Keynote"]
    assert rows[0].select_one(".ws-title").get_text() == "Computational Imaging in astronomy"
    assert rows[0].select_one(".ws-speakers").get_text() == "Katie Bouman"
    assert rows[3].select_one(".ws-speakers").get_text() == "Jakob Macke, Laurence Perreault-Levasseur"
    assert rows[3].select_one(".ws-title a")["href"] == "https://example.org/sbi"
    assert table.caption.get_text(strip=True).startswith("Program for Friday, July 22, 2022")


@pytest.mark.parametrize("docname", PAGES_WITH_DATA)
def test_schedule_times_carry_the_full_utc_offset(page, docname):
    times = page(docname).select("table.ws-schedule-table tbody tr")[0].select("time")
    # English writes a 12-hour clock (workshop_clock = "locale"), with CLDR's narrow no-break space before AM
    assert [(t["datetime"], t.get_text()) for t in times] == [
        ("2022-07-22T09:15:00-04:00", "9:15\u202fAM"),
        ("2022-07-22T10:00:00-04:00", "10:00\u202fAM"),
    ]


def test_schedule_names_its_time_zone_above_the_table(page):
    schedule = page("program/index").select_one(".ws-schedule")
    statement = schedule.find("p", class_="ws-timezone")
    assert statement.find_next("table") is schedule.select_one("table")
    assert statement.get_text() == ("All times are Eastern Time (EDT, UTC\u221204:00), "
                                    "the local time at the venue in Baltimore, MD, USA.")


@pytest.mark.parametrize("docname", PAGES_WITH_DATA)
def test_people_is_a_grid_of_cards(page, docname):
    grid = page(docname).select_one(".ws-people.sd-container-fluid")
    cards = grid.select(".sd-row > .sd-col > .sd-card")
    assert [c.select_one(".ws-name").get_text() for c in cards] == [
        "Katie Bouman", "Jakob Macke", "Laurence Perreault-Levasseur", "Francois Lanusse"]
    assert [c.select_one(".ws-affiliation").get_text() for c in cards] == [
        "Caltech", "Tübingen University", "University of Montreal", "CNRS"]
    assert cards[3].select_one(".ws-role").get_text() == "Co-Chair"
    assert cards[0].select_one(".ws-role") is None
    assert cards[2].select_one(".ws-name a")["href"] == "https://example.org/laurence"


def test_people_without_photo_get_a_decorative_initials_avatar(page):
    cards = page("program/index").select(".ws-person")
    avatars = [c.select_one(".ws-avatar") for c in cards[:3]]
    assert [a.get_text() for a in avatars] == ["KB", "JM", "LP"]
    assert all(a["aria-hidden"] == "true" for a in avatars)
    assert all(any(cls.startswith("ws-hue-") for cls in a["class"]) for a in avatars)


@pytest.mark.parametrize("docname", PAGES_WITH_DATA)
def test_a_photo_has_meaningful_alt_text_and_is_shipped(page, site_build, docname):
    image = page(docname).select(".ws-person")[3].select_one("img.ws-photo")
    assert image["alt"] == "Photo of Francois Lanusse"
    assert (site_build.outdir / docname).parent.joinpath(image["src"]).resolve().is_file()


@pytest.mark.parametrize("docname", ["index", "rst"])
def test_important_dates_show_the_moment_with_its_offset(page, docname):
    items = page(docname).select("ul.ws-dates > li")
    assert [i.select_one(".ws-date-label").get_text() for i in items] == [
        "Submission deadline", "Author Notification", "A deadline in Paris"]
    times = [i.select_one("time") for i in items]
    assert times[0]["datetime"] == "2022-05-23T23:59:00-12:00"
    assert times[0].get_text() == "Monday, May 23, 2022, 11:59\u202fPM AoE (UTC\u221212:00)"
    assert times[1]["datetime"] == "2022-06-10"
    assert times[1].get_text() == "Friday, June 10, 2022"
    assert times[2]["datetime"] == "2022-12-15T18:00:00+01:00"
    assert times[2].get_text() == "Thursday, December 15, 2022, 6:00\u202fPM CET (UTC+01:00)"
    assert items[2].select_one(".ws-date-note").get_text() == "In winter, Paris is one hour ahead of UTC."


def test_text_builder_renders_the_data_as_text(tmp_path):
    from conftest import copy_root
    from sphinx.testing.util import SphinxTestApp

    app = SphinxTestApp("text", srcdir=copy_root("site", tmp_path / "site"))
    try:
        app.build()
        text = (app.outdir / "rst.txt").read_text(encoding="utf-8")
    finally:
        app.cleanup()
    assert "9:15\u202fAM–10:00\u202fAM" in text
    assert "Katie Bouman" in text
    assert "Monday, May 23, 2022, 11:59\u202fPM AoE" in text
