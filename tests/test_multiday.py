"""Schedules of several days and rooms, and session kinds of the site's own.

The ``multiday`` root: two days, two rooms, entries for everyone (no room) and entries side by
side in both rooms, speakers with talks on both days, a calendar and the event's JSON-LD. The
``kinds`` root: ``workshop_session_kinds`` adds a kind and relabels a built-in one. A one-day file
keeps its page, its anchors and its calendar exactly.
"""

from __future__ import annotations

import datetime as dt
import io
import json
import os
import sys
from contextlib import redirect_stderr, redirect_stdout
from pathlib import Path

import pytest
from conftest import build_app, cli_build, copy_root, soup_of, warnings_of
from icalendar import Calendar
from pydantic_core import PydanticCustomError

from sphinx_workshop.cli.main import main
from sphinx_workshop.data.calendars import schedule_calendar
from sphinx_workshop.data.loading import load_schedule
from sphinx_workshop.data.model import DEFAULT_KINDS, SessionKinds

sys.path.insert(0, str(Path(__file__).parent.parent / "tools"))
import sitecheck  # noqa: E402 - the shared browser helpers

UTC = dt.UTC
DAY_1, DAY_2 = "day-2022-07-22", "day-2022-07-23"


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> Path:
    app = build_app(copy_root("multiday", tmp_path_factory.mktemp("multiday")))
    assert warnings_of(app) == ""  # entries side by side in two rooms are no overlap
    return app.outdir


@pytest.fixture(scope="module")
def page(built):
    return soup_of(built / "index.html")


def rows(table) -> list[tuple[str, str, str, str]]:
    """(id, time, session, room) of each row; the room cell is empty for an entry for everyone."""
    return [(tr["id"], tr.th.get_text(strip=True), tr.select("td")[0].get_text(strip=True),
             tr.select("td")[1].get_text(strip=True)) for tr in table.select("tbody tr")]


def test_one_table_per_day_under_its_heading(page):
    days = page.select(".ws-schedule .ws-day")
    assert [day.select_one(".ws-day-heading")["id"] for day in days] == [DAY_1, DAY_2]
    assert [day.select_one(".ws-day-heading").get_text() for day in days] == [
        "Friday, July 22, 2022", "Saturday, July 23, 2022"]
    assert [day.select_one(".ws-day-heading time")["datetime"] for day in days] == ["2022-07-22", "2022-07-23"]
    assert [h.name for h in page.select(".ws-day-heading")] == ["h3", "h3"]  # under "## Program"
    assert [len(day.select("table.ws-schedule-table")) for day in days] == [1, 1]
    # The table keeps its name for screen readers; on screen the heading says it.
    captions = [day.select_one("caption") for day in days]
    assert [c.select_one(".caption-text").get_text() for c in captions] == [
        "Program for Friday, July 22, 2022", "Program for Saturday, July 23, 2022"]
    assert all("ws-sr-only" in c["class"] for c in captions)
    # One time zone statement for the whole program, above the days.
    assert len(page.select(".ws-timezone")) == 1


def test_the_days_are_listed_and_linked_first(page):
    links = page.select(".ws-schedule .ws-day-links a")
    assert [(a.get_text(), a["href"]) for a in links] == [("Fri, July 22", f"#{DAY_1}"), ("Sat, July 23", f"#{DAY_2}")]


def test_each_slot_names_its_room(page):
    first, second = page.select("table.ws-schedule-table")
    assert [th.get_text(strip=True) for th in first.select("thead th")] == ["Time", "Session", "Room", "Title"]
    assert rows(first) == [
        ("slot-2022-07-22-0900", "09:00–09:30", "Introduction", ""),
        ("slot-2022-07-22-0930", "09:30–10:30", "Keynote", ""),
        ("slot-2022-07-22-1030", "10:30–11:00", "Break", ""),
        ("slot-2022-07-22-1100-main", "11:00–12:00", "Talk", "Main hall"),
        ("slot-2022-07-22-1100-hall-b", "11:00–12:30", "Poster Session", "Room B (level 2, by the stairs)"),
    ]
    assert rows(second) == [
        ("slot-2022-07-23-0900-main", "09:00–10:00", "Talk", "Main hall"),
        ("slot-2022-07-23-0900-hall-b", "09:00–10:30", "Panel Discussion", "Room B (level 2, by the stairs)"),
        ("slot-2022-07-23-1300", "13:00–13:30", "Closing Remarks", ""),
    ]
    # An entry for everyone has an empty room cell, which a phone does not show.
    assert [td.get("class") for td in first.select("tbody tr td:nth-of-type(2)")][:3] == [["ws-no-room"]] * 3


def test_times_are_dated_by_their_day(page):
    first, second = page.select("table.ws-schedule-table")
    assert [t["datetime"] for t in first.select("tbody tr")[3].select("time")] == [
        "2022-07-22T11:00:00-04:00", "2022-07-22T12:00:00-04:00"]
    assert [t["datetime"] for t in second.select("tbody tr")[2].select("time")] == [
        "2022-07-23T13:00:00-04:00", "2022-07-23T13:30:00-04:00"]


def test_cards_link_to_talks_on_both_days(page):
    talks = page.select_one("#person-bouman.ws-person").select(".ws-talks a")
    assert [(a.get_text(), a["href"]) for a in talks] == [
        ("Computational Imaging in astronomy", "#slot-2022-07-22-0930"),
        ("Building an interdisciplinary future", "#slot-2022-07-23-0900-hall-b")]
    for a in talks:
        assert page.find(id=a["href"][1:]) is not None
    # and the speakers' names in either room link back to the cards
    panel = page.find(id="slot-2022-07-23-0900-hall-b")
    assert [a["href"] for a in panel.select(".ws-speakers a")] == ["#person-bouman", "#person-macke"]


def events(path: Path) -> list:
    return list(Calendar.from_ical(path.read_bytes()).walk("VEVENT"))


def test_one_calendar_event_per_slot_on_its_day_in_its_room(built):
    program = events(built / "program.ics")
    assert [(str(e["UID"]).split("@")[0], e.start, str(e.get("LOCATION"))) for e in program] == [
        ("slot-2022-07-22-0900", dt.datetime(2022, 7, 22, 13, 0, tzinfo=UTC), "Baltimore, MD, USA"),
        ("slot-2022-07-22-0930", dt.datetime(2022, 7, 22, 13, 30, tzinfo=UTC), "Baltimore, MD, USA"),
        ("slot-2022-07-22-1030", dt.datetime(2022, 7, 22, 14, 30, tzinfo=UTC), "Baltimore, MD, USA"),
        ("slot-2022-07-22-1100-main", dt.datetime(2022, 7, 22, 15, 0, tzinfo=UTC), "Main hall, Baltimore, MD, USA"),
        ("slot-2022-07-22-1100-hall-b", dt.datetime(2022, 7, 22, 15, 0, tzinfo=UTC),
         "Room B (level 2, by the stairs), Baltimore, MD, USA"),
        ("slot-2022-07-23-0900-main", dt.datetime(2022, 7, 23, 13, 0, tzinfo=UTC), "Main hall, Baltimore, MD, USA"),
        ("slot-2022-07-23-0900-hall-b", dt.datetime(2022, 7, 23, 13, 0, tzinfo=UTC),
         "Room B (level 2, by the stairs), Baltimore, MD, USA"),
        ("slot-2022-07-23-1300", dt.datetime(2022, 7, 23, 17, 0, tzinfo=UTC), "Baltimore, MD, USA"),
    ]
    assert program[-1].end == dt.datetime(2022, 7, 23, 17, 30, tzinfo=UTC)
    assert {e.DTSTAMP for e in program} == {dt.datetime(2022, 7, 22, tzinfo=UTC)}  # the first day


def test_the_event_spans_the_days(page):
    data = json.loads(page.find("script", type="application/ld+json").string)
    assert (data["startDate"], data["endDate"]) == ("2022-07-22T09:00:00-04:00", "2022-07-23T13:30:00-04:00")
    assert [p["name"] for p in data["performer"]] == ["Katie Bouman", "Jakob Macke", "Laurence Perreault-Levasseur"]


@pytest.mark.parametrize("builder", ["text", "latex"])
def test_other_builders_get_the_days_as_headings(tmp_path, builder):
    app = build_app(copy_root("multiday", tmp_path / "src"), builder)
    assert warnings_of(app) == ""
    out = next(app.outdir.glob("*.txt" if builder == "text" else "*.tex")).read_text(encoding="utf-8")
    assert out.index("Friday, July 22, 2022") < out.index("Welcome") < out.index("Saturday, July 23, 2022")
    assert "Main hall" in out and "Room B (level 2," in out


# -- a one-day file keeps everything -----------------------------------------------------------------

ONE_DAY = """\
date: 2022-07-22
timezone: America/New_York
venue: Baltimore, MD, USA
people: [people.yaml]
entries:
  - {start: "9:30", end: "10:30", kind: keynote, title: Computational Imaging in astronomy, speakers: [bouman]}
  - {start: "10:30", end: "11:00", kind: break, title: Coffee break}
"""
AS_DAYS = ONE_DAY.replace("date: 2022-07-22\n", "").replace("entries:\n", "days:\n  - date: 2022-07-22\n    entries:\n") \
    .replace("\n  - {", "\n      - {")


def test_one_day_under_days_is_the_same_program(tmp_path):
    """The same day written in either form: the same events, byte for byte, and the same rows."""
    (tmp_path / "people.yaml").write_text((Path(__file__).parent / "roots" / "test-multiday" / "people.yaml")
                                          .read_text(encoding="utf-8"), encoding="utf-8")
    calendars = []
    for name, text in (("one.yaml", ONE_DAY), ("days.yaml", AS_DAYS)):
        (tmp_path / name).write_text(text, encoding="utf-8")
        data = load_schedule(tmp_path / name, tmp_path)
        calendars.append(schedule_calendar(data.doc.model, data.people, project="W").to_ical())
    assert calendars[0] == calendars[1]
    assert b"UID:slot-2022-07-22-0930@w" in calendars[0]
    # Two pages: on one page the second table's rows would give up their anchors to the first's.
    (tmp_path / "index.md").write_text("# P\n\n```{toctree}\ndays\n```\n\n```{schedule} one.yaml\n```\n")
    (tmp_path / "days.md").write_text("# D\n\n```{schedule} days.yaml\n```\n")
    (tmp_path / "conf.py").write_text('extensions = ["myst_parser", "sphinx_workshop"]\n')
    app = build_app(tmp_path)
    assert warnings_of(app) == ""
    (one,) = soup_of(app.outdir / "index.html").select("table.ws-schedule-table")
    (days,) = soup_of(app.outdir / "days.html").select("table.ws-schedule-table")
    assert [str(tr) for tr in one.select("tbody tr")] == [str(tr) for tr in days.select("tbody tr")]
    # the one-day form: no day heading, no room column, the caption on screen
    assert one.find_parent(class_="ws-day") is None and days.find_parent(class_="ws-day") is not None
    assert "ws-sr-only" not in (one.caption.get("class") or [])
    assert [th.get_text(strip=True) for th in one.select("thead th")] == ["Time", "Session", "Title"]


def test_one_day_in_two_rooms_is_one_table_with_a_room_column(tmp_path):
    (tmp_path / "schedule.yaml").write_text("""\
date: 2022-07-22
timezone: America/New_York
rooms: [{id: main, name: Main hall}, {id: hall-b, name: Room B}]
entries:
  - {start: "9:00", end: "10:00", kind: keynote, title: For everyone}
  - {start: "10:00", end: "11:00", kind: talk, title: Here, room: main}
  - {start: "10:00", end: "11:00", kind: talk, title: There, room: hall-b}
""", encoding="utf-8")
    (tmp_path / "index.md").write_text("# P\n\n```{schedule} schedule.yaml\n:calendar: p.ics\n```\n")
    (tmp_path / "conf.py").write_text('extensions = ["myst_parser", "sphinx_workshop"]\n')
    app = build_app(tmp_path)
    assert warnings_of(app) == ""
    soup = soup_of(app.outdir / "index.html")
    assert soup.select(".ws-day, .ws-day-heading, .ws-day-links") == []
    (table,) = soup.select("table.ws-schedule-table")
    # No workshop_clock: English's own clock (CLDR), 12-hour.
    assert rows(table) == [("slot-2022-07-22-0900", "9:00\u202fAM–10:00\u202fAM", "Keynote", ""),
                           ("slot-2022-07-22-1000-main", "10:00\u202fAM–11:00\u202fAM", "Talk", "Main hall"),
                           ("slot-2022-07-22-1000-hall-b", "10:00\u202fAM–11:00\u202fAM", "Talk", "Room B")]
    assert [str(e.get("LOCATION")) for e in events(app.outdir / "p.ics")] == ["None", "Main hall", "Room B"]


def test_a_one_day_page_has_no_day_heading_and_its_anchors(site_build):
    soup = soup_of(site_build.outdir / "program" / "index.html")
    assert soup.select(".ws-day, .ws-day-heading, .ws-day-links, .ws-room, .ws-no-room") == []
    assert [tr["id"] for tr in soup.select("table.ws-schedule-table tbody tr")] == [
        "slot-2022-07-22-0915", "slot-2022-07-22-1000", "slot-2022-07-22-1230", "slot-2022-07-22-1330"]


# -- session kinds of the site's own ---------------------------------------------------------------

@pytest.fixture(scope="module")
def kinds_site(tmp_path_factory) -> Path:
    root = copy_root("kinds", tmp_path_factory.mktemp("kinds"))
    status, warnings = cli_build(root)
    assert (status, warnings) == (0, "")
    return root


def test_the_sites_kinds_are_shown_with_their_labels(kinds_site):
    soup = soup_of(kinds_site / "_build" / "html" / "index.html")
    table = soup.select_one("table.ws-schedule-table")
    assert [tr.select_one(".ws-kind").get_text() for tr in table.select("tbody tr")] == [
        "Hands-on Tutorial", "Posters", "Talk"]
    assert [tr["class"][0] for tr in table.select("tbody tr")] == ["ws-kind-tutorial", "ws-kind-poster", "ws-kind-talk"]
    program = events(kinds_site / "_build" / "html" / "program.ics")
    assert [(str(e["SUMMARY"]), e["CATEGORIES"].cats) for e in program] == [
        ("Hands-on Tutorial: Simulation-based inference in practice", ["Hands-on Tutorial"]),
        ("Posters: Morning session", ["Posters"]), ("Talk: A talk", ["Talk"])]


def test_check_reads_the_sites_kinds_from_conf_py(kinds_site):
    out = io.StringIO()
    with redirect_stdout(out), redirect_stderr(io.StringIO()):
        assert main(["check", str(kinds_site)]) == 0


def test_check_and_the_build_agree_on_the_sites_kinds(tmp_path):
    root = copy_root("kinds", tmp_path)
    conf = root / "conf.py"
    conf.write_text(conf.read_text().replace('"poster": "Posters"}', '"poster": "Posters", "Lab Tour": "Lab tour"}'))
    schedule = root / "schedule.yaml"
    schedule.write_text(schedule.read_text().replace("kind: talk", "kind: tutorials"))
    status, warnings = cli_build(root)
    assert status != 0
    expected = [
        "conf.py:5: workshop_session_kinds: 'Lab Tour' is not a valid kind: use lowercase letters, digits and hyphens "
        "(like 'lightning-talk')",
        "schedule.yaml:14: entry 3: 'kind' must be one of 'introduction', 'keynote', 'talk', 'spotlight', 'panel', "
        "'poster', 'break', 'social', 'closing', 'other' or 'tutorial', not 'tutorials' (did you mean 'tutorial'?)"]
    assert warnings.splitlines() == [f"{place}: WARNING: {text} [workshop.schedule]"
                                     for place, text in (e.split(": ", 1) for e in expected)]
    out = io.StringIO()
    with redirect_stdout(out), redirect_stderr(io.StringIO()):
        assert main(["check", "--quiet", str(root)]) == 1
    assert out.getvalue().splitlines() == expected


def test_kinds_are_one_table_extended_by_the_site():
    kinds, problems = SessionKinds.from_setting({"tutorial": " Tutorial ", "panel": "Round table"})
    assert problems == []
    assert list(kinds) == [*DEFAULT_KINDS, "tutorial"]
    assert (kinds.label("tutorial"), kinds.label("panel"), kinds.label("keynote")) == (
        "Tutorial", "Round table", "Keynote")
    assert kinds.check("panel") == "panel"
    with pytest.raises(PydanticCustomError, match="not 'Round table' \\(did you mean 'panel'\\?\\)"):
        kinds.check("Round table")  # the label is not the kind
    assert SessionKinds.from_setting({}) == (DEFAULT_KINDS, [])


# -- in a browser ----------------------------------------------------------------------------------------

@pytest.fixture(scope="module")
def browser():
    missing = sitecheck.browser_missing()
    if missing:
        if os.environ.get("REQUIRE_BROWSER", "") not in ("", "0"):
            pytest.fail(f"REQUIRE_BROWSER is set, but {missing}")
        pytest.skip(missing)
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = sitecheck.launch(playwright)
        yield browser
        browser.close()


@pytest.fixture(scope="module")
def server(built, browser):
    with sitecheck.serve(built) as server:
        yield server


@pytest.mark.browser
@pytest.mark.parametrize("mode", sitecheck.MODES)
@pytest.mark.parametrize("viewport", list(sitecheck.VIEWPORTS))
def test_the_program_fits_the_screen_and_passes_axe(browser, server, mode, viewport):
    context = sitecheck.new_context(browser, mode, viewport)
    try:
        visit = sitecheck.visit(context, server.url, "index.html")
    finally:
        context.close()
    assert visit.overflow <= 0, f"{visit.url}: {visit.overflow} px wider than the screen"
    assert visit.axe == [], sitecheck.describe_violations(visit.axe)


@pytest.mark.browser
def test_on_a_phone_each_slot_is_a_block_that_names_its_room(browser, server):
    context = sitecheck.new_context(browser, "light", "phone")
    try:
        page = sitecheck.open_page(context, f"{server.url}/index.html", settle=True)
        row = page.locator("#slot-2022-07-22-1100-hall-b")
        assert row.evaluate("r => getComputedStyle(r).display") == "block"
        room = row.locator(".ws-room")
        assert room.is_visible() and room.inner_text() == "Room B (level 2, by the stairs)"
        # below the time, above the title
        boxes = [row.locator(sel).bounding_box() for sel in (".ws-when", ".ws-room", ".ws-title")]
        assert boxes[0]["y"] < boxes[1]["y"] < boxes[2]["y"]
        assert not page.locator("#slot-2022-07-22-0930 td.ws-no-room").is_visible()
        width = page.evaluate("document.documentElement.clientWidth")
        assert all(box["x"] + box["width"] <= width for box in boxes)
    finally:
        context.close()


@pytest.mark.browser
def test_local_times_are_converted_on_each_day(browser, server):
    context = browser.new_context(timezone_id="Asia/Tokyo", locale="en-US")
    try:
        page = context.new_page()
        page.goto(f"{server.url}/index.html")
        page.wait_for_load_state("load")
        page.get_by_role("button", name="Show times in my time zone (Asia/Tokyo)").click()
        times = page.locator("#slot-2022-07-22-0900 time").all_inner_texts()
        assert times == ["22:00", "22:30"]  # 9:00 in Baltimore (UTC-4) on Friday: 22:00 the same day in Tokyo
        # 13:00 on Saturday in Baltimore is 02:00 on Sunday in Tokyo: the day is named
        assert page.locator("#slot-2022-07-23-1300 time").all_inner_texts() == ["02:00 (Sun)", "02:30 (Sun)"]
        # the day headings stay the venue's days
        assert page.locator(f"#{DAY_2}").inner_text() == "Saturday, July 23, 2022"
    finally:
        context.close()
