"""Calendar files: the right instants in UTC, stable bytes, escaped text, links that resolve."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from conftest import build_app as build
from conftest import copy_root, soup_of, warnings_of
from icalendar import Calendar

UTC = dt.UTC


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> Path:
    src = copy_root("calendar", tmp_path_factory.mktemp("calendar"))
    app = build(src)
    assert app.warning.getvalue() == ""
    return app.outdir


def events(path: Path) -> list:
    calendar = Calendar.from_ical(path.read_bytes())
    return list(calendar.walk("VEVENT"))


def test_program_has_one_event_per_entry_at_its_utc_instant(built):
    program = events(built / "program" / "program.ics")
    assert [(e.start, e.end) for e in program] == [
        (dt.datetime(2022, 7, 22, 13, 15, tzinfo=UTC), dt.datetime(2022, 7, 22, 14, 0, tzinfo=UTC)),  # 09:15 EDT
        (dt.datetime(2022, 7, 22, 16, 30, tzinfo=UTC), dt.datetime(2022, 7, 22, 17, 30, tzinfo=UTC)),
        (dt.datetime(2022, 7, 22, 17, 30, tzinfo=UTC), dt.datetime(2022, 7, 22, 18, 15, tzinfo=UTC)),
    ]
    assert b"DTSTART:20220722T131500Z" in (built / "program" / "program.ics").read_bytes()


def test_program_events_name_title_speakers_and_location(built):
    first, lunch, sbi = events(built / "program" / "program.ics")
    assert first["SUMMARY"] == "Keynote: Computational Imaging in astronomy (Katie Bouman)"
    assert first["DESCRIPTION"] == "Test Workshop 2022\nSpeaker: Katie Bouman (Caltech)"
    assert first["LOCATION"] == "Baltimore, MD, USA"
    assert lunch["SUMMARY"] == "Break: Lunch break"
    assert sbi["SUMMARY"] == "Keynote: Simulation-Based Inference (Jakob Macke, Laurence Perreault-Levasseur)"
    assert sbi["URL"] == "https://example.org/sbi"
    calendar = Calendar.from_ical((built / "program" / "program.ics").read_bytes())
    assert calendar["X-WR-CALNAME"] == "Test Workshop 2022 program"


def test_uids_and_stamps_come_from_the_data(built):
    program = events(built / "program" / "program.ics")
    assert [str(e["UID"]) for e in program] == [
        "slot-2022-07-22-0915@test-workshop-2022", "slot-2022-07-22-1230@test-workshop-2022",
        "slot-2022-07-22-1330@test-workshop-2022"]
    assert {e.DTSTAMP for e in program} == {dt.datetime(2022, 7, 22, tzinfo=UTC)}
    dates = events(built / "dates.ics")
    assert [str(e["UID"]) for e in dates] == [
        "date-submission@test-workshop-2022", "date-notification@test-workshop-2022", "date-paris@test-workshop-2022"]
    assert {e.DTSTAMP for e in dates} == {dt.datetime(2022, 5, 23, tzinfo=UTC)}  # the first day in the file


def test_an_aoe_deadline_is_2359_at_utc_minus_12(built):
    submission = events(built / "dates.ics")[0]
    assert submission.start == dt.datetime(2022, 5, 24, 11, 59, tzinfo=UTC)
    assert "DTEND" not in submission  # a deadline is a moment
    assert submission["SUMMARY"] == "Test Workshop 2022: Submission deadline"
    assert submission["DESCRIPTION"] == "Submission deadline: 2022-05-23 11:59\u202fPM AoE (UTC\u221212:00)"


def test_whole_days_are_all_day_events_and_other_zones_are_converted(built):
    _, notification, paris = events(built / "dates.ics")
    assert (notification.start, notification.end) == (dt.date(2022, 6, 10), dt.date(2022, 6, 11))
    assert b"DTSTART;VALUE=DATE:20220610" in (built / "dates.ics").read_bytes()
    assert paris.start == dt.datetime(2022, 12, 15, 17, 0, tzinfo=UTC)  # 18:00 in Paris, winter
    assert paris["DESCRIPTION"].startswith("In winter, Paris is one hour ahead of UTC.\n")
    assert {str(e["TRANSP"]) for e in (notification, paris)} == {"TRANSPARENT"}


@pytest.mark.parametrize(("page", "href"), [
    ("index.html", "dates.ics"), ("cfp/index.html", "../dates.ics"), ("deadlines.html", "dates.ics"),
    ("program/index.html", "program.ics"),
])
def test_add_to_calendar_links_point_at_the_files(built, page, href):
    link = soup_of(built / page).select_one("p.ws-calendar a.ws-calendar-link")
    assert link["href"] == href
    assert "calendar" in link.get_text()
    assert (built / page).parent.joinpath(href).is_file()


def test_two_builds_give_identical_files(built, tmp_path):
    again = build(copy_root("calendar", tmp_path / "again")).outdir
    for name in ("dates.ics", "program/program.ics"):
        assert (again / name).read_bytes() == (built / name).read_bytes()


def test_editing_the_data_rebuilds_the_calendar(tmp_path):
    src = copy_root("calendar", tmp_path / "src")
    build(src)
    schedule = src / "program" / "schedule.yaml"
    schedule.write_text(schedule.read_text().replace('start: "9:15"', 'start: "9:30"'))
    app = build(src)
    assert app.warning.getvalue() == ""
    assert events(app.outdir / "program" / "program.ics")[0].start == dt.datetime(2022, 7, 22, 13, 30, tzinfo=UTC)


def test_dirhtml_links_resolve_too(tmp_path):
    app = build(copy_root("calendar", tmp_path / "src"), "dirhtml")
    link = soup_of(app.outdir / "deadlines" / "index.html").select_one("a.ws-calendar-link")
    assert link["href"] == "../dates.ics"
    assert (app.outdir / "dates.ics").is_file()


def test_other_builders_show_no_link(tmp_path):
    app = build(copy_root("calendar", tmp_path / "src"), "text")
    assert "calendar" not in (app.outdir / "index.txt").read_text(encoding="utf-8")
    assert not list(app.outdir.rglob("*.ics"))


def test_two_pages_cannot_make_one_file_from_different_data(tmp_path):
    src = copy_root("calendar", tmp_path / "src")
    other = src / "other.yaml"
    other.write_text((src / "dates.yaml").read_text().replace("Author Notification", "Something else"))
    (src / "deadlines.rst").write_text((src / "deadlines.rst").read_text().replace("dates.yaml", "other.yaml"))
    app = build(src)
    assert warnings_of(app) == ("deadlines.rst:4: WARNING: calendar dates.ics is also made by cfp/index.md:5 "
                                      "from other data: give each its own file name [workshop.calendar]\n")
    # The first page (by name) makes the file; the other's link becomes the error box.
    assert soup_of(app.outdir / "cfp" / "index.html").select_one("a.ws-calendar-link")
    page = soup_of(app.outdir / "deadlines.html")
    assert not page.select("a.ws-calendar-link")
    assert page.select_one(".ws-problem .ws-problem-title").get_text() == "The calendar link cannot be shown"


def test_one_page_cannot_make_one_file_twice_from_different_data(tmp_path):
    src = copy_root("calendar", tmp_path / "src")
    (src / "other.yaml").write_text((src / "dates.yaml").read_text().replace("Author Notification", "Other"))
    deadlines = src / "deadlines.rst"
    deadlines.write_text(deadlines.read_text() + "\n.. important-dates:: other.yaml\n   :calendar: /dates.ics\n")
    warnings = build(src).warning.getvalue()
    assert ("deadlines.rst:7: WARNING: calendar dates.ics is also made by cfp/index.md:5 from other data: "
            "give each its own file name [workshop.calendar]") in warnings


@pytest.mark.parametrize("value", ["../up.ics", "program", "a b.ics", "x.ics/"])
def test_a_calendar_name_must_be_an_ics_file_inside_the_site(tmp_path, value):
    src = copy_root("calendar", tmp_path / "src")
    page = src / "program" / "index.md"
    page.write_text(page.read_text().replace("program.ics", value))
    app = build(src)
    assert warnings_of(app) == (f"program/index.md:3: WARNING: :calendar: must be a file name ending in .ics, "
                                      f"like program.ics, not {value!r} [workshop.calendar]\n")
    # The schedule is shown; only the link makes way for the error box.
    page = soup_of(app.outdir / "program" / "index.html")
    assert page.select_one("table.ws-schedule-table")
    assert [m.get_text() for m in page.select(".ws-problem-message")] == [
        f"program/index.md:3: :calendar: must be a file name ending in .ics, like program.ics, not {value!r}"]


def test_text_is_escaped_by_icalendar(tmp_path):
    src = copy_root("calendar", tmp_path / "src")
    hostile = 'Say "hi"; to a, b </script>'
    schedule = src / "program" / "schedule.yaml"
    schedule.write_text(schedule.read_text().replace("title: Lunch break", f"title: '{hostile}'")
                        .replace("venue: Baltimore, MD, USA", "venue: 'Room 1; Hall, B'"))
    dates = src / "dates.yaml"
    dates.write_text(dates.read_text().replace("note: In winter, Paris is one hour ahead of UTC.",
                                               'note: "Line one;\\nline two, \\"quoted\\""'))
    app = build(src)
    assert app.warning.getvalue() == ""
    raw = (app.outdir / "program" / "program.ics").read_bytes()
    assert b'SUMMARY:Break: Say "hi"\\; to a\\, b </script>' in raw
    assert b"LOCATION:Room 1\\; Hall\\, B" in raw
    assert events(app.outdir / "program" / "program.ics")[1]["SUMMARY"] == f"Break: {hostile}"
    paris = events(app.outdir / "dates.ics")[2]
    assert paris["DESCRIPTION"].startswith('Line one;\nline two, "quoted"\n')
    assert b"DESCRIPTION:Line one\\;\\nline two\\, \"quoted\"\\n" in (app.outdir / "dates.ics").read_bytes()


def test_a_parallel_build_writes_the_same_files(tmp_path):
    src = copy_root("calendar", tmp_path / "src")
    for n in range(6):  # Sphinx reads in parallel only beyond five documents
        (src / f"copy{n}.md").write_text(
            f"# Copy {n}\n\n```{{important-dates}} dates.yaml\n:calendar: copy{n}.ics\n```\n")
    index = src / "index.md"
    index.write_text(index.read_text().replace("deadlines\n", "deadlines\n" + "".join(f"copy{n}\n" for n in range(6))))
    serial, parallel = build(src, builddir=tmp_path / "serial"), build(src, builddir=tmp_path / "parallel", parallel=2)
    assert serial.warning.getvalue() == parallel.warning.getvalue() == ""
    files = sorted(p.relative_to(serial.outdir) for p in serial.outdir.rglob("*.ics"))
    assert len(files) == 11  # 8 calendars, and a calendar for each of the program's 3 slots
    assert all((serial.outdir / f).read_bytes() == (parallel.outdir / f).read_bytes() for f in files)


def test_a_backslash_reads_back_as_written(tmp_path):
    # icalendar alone would turn a literal backslash-N into a line break.
    src = copy_root("calendar", tmp_path / "src")
    schedule = src / "program" / "schedule.yaml"
    schedule.write_text(schedule.read_text().replace("title: Lunch break", r"title: 'C:\Notes\new'"))
    app = build(src)
    assert app.warning.getvalue() == ""
    raw = (app.outdir / "program" / "program.ics").read_bytes()
    assert b"SUMMARY:Break: C:\\\\Notes\\\\new" in raw
    assert events(app.outdir / "program" / "program.ics")[1]["SUMMARY"] == "Break: C:\\Notes\\new"
