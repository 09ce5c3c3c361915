"""The schedule for apps (``:frab:``): schedule.json and schedule.xml valid against the c3voc validators
(``tests/data/c3voc/``), the schedule's events read back; a calendar file for each slot, with the program's UID."""

from __future__ import annotations

import copy
import datetime as dt
import json
import uuid
import xml.etree.ElementTree as ET
from pathlib import Path

import jsonschema
import pytest
import xmlschema
from conftest import build_app, copy_root, soup_of, warnings_of
from icalendar import Calendar

DATA = Path(__file__).parent / "data" / "c3voc"
UTC = dt.UTC


@pytest.fixture(scope="module")
def json_schema() -> jsonschema.Validator:
    schema = json.loads((DATA / "schema.json").read_text(encoding="utf-8"))
    return jsonschema.Draft6Validator(schema, format_checker=jsonschema.Draft6Validator.FORMAT_CHECKER)


@pytest.fixture(scope="module")
def xml_schema() -> xmlschema.XMLSchema:
    return xmlschema.XMLSchema(DATA / "schedule.xml.xsd")


def with_frab(src: Path, page: str, calendar: str) -> Path:
    """The root with ``:frab: schedule`` under its schedule's ``:calendar:``."""
    path = src / page
    path.write_text(path.read_text(encoding="utf-8").replace(f":calendar: {calendar}\n",
                                                             f":calendar: {calendar}\n:frab: schedule\n"),
                    encoding="utf-8")
    return src


@pytest.fixture(scope="module")
def one_day(tmp_path_factory) -> Path:
    app = build_app(with_frab(copy_root("calendar", tmp_path_factory.mktemp("apps")), "program/index.md",
                              "program.ics"))
    assert warnings_of(app) == ""
    return app.outdir


@pytest.fixture(scope="module")
def two_days(tmp_path_factory) -> Path:
    app = build_app(with_frab(copy_root("multiday", tmp_path_factory.mktemp("apps-days")), "index.md", "program.ics"))
    assert warnings_of(app) == ""
    return app.outdir


def events_of(document: dict) -> list[dict]:
    return [event for day in document["schedule"]["conference"]["days"] for events in day["rooms"].values()
            for event in events]


def program_uids(path: Path) -> list[str]:
    return [str(event["UID"]) for event in Calendar.from_ical(path.read_bytes()).walk("VEVENT")]


def test_both_files_are_valid_and_a_broken_one_is_not(one_day, two_days, json_schema, xml_schema):
    for out in (one_day / "program", two_days):
        document = json.loads((out / "schedule.json").read_text(encoding="utf-8"))
        assert list(json_schema.iter_errors(document)) == []
        xml_schema.validate(out / "schedule.xml")
    broken = copy.deepcopy(document)
    del events_of(broken)[0]["guid"]
    events_of(broken)[1]["start"] = "9:00 AM"
    assert len(list(json_schema.iter_errors(broken))) == 2
    tree = ET.parse(two_days / "schedule.xml")
    event = tree.find("day/room/event")
    del event.attrib["id"]
    assert not xml_schema.is_valid(tree)


def test_the_events_are_the_schedule_s(one_day):
    document = json.loads((one_day / "program" / "schedule.json").read_text(encoding="utf-8"))
    conference = document["schedule"]["conference"]
    assert (conference["title"], conference["acronym"], conference["time_zone_name"]) == \
        ("Test Workshop 2022", "test_workshop_2022", "America/New_York")
    assert [room["name"] for room in conference["rooms"]] == ["Baltimore, MD, USA"]  # no rooms: the venue's
    events = events_of(document)
    assert [e["title"] for e in events] == ["Computational Imaging in astronomy", "Lunch break",
                                            "Simulation-Based Inference"]
    assert [dt.datetime.fromisoformat(e["date"]).astimezone(UTC) for e in events] == [
        dt.datetime(2022, 7, 22, 13, 15, tzinfo=UTC), dt.datetime(2022, 7, 22, 16, 30, tzinfo=UTC),
        dt.datetime(2022, 7, 22, 17, 30, tzinfo=UTC)]
    assert [(e["date"], e["start"], e["duration"]) for e in events][0] == ("2022-07-22T09:15:00-04:00", "09:15",
                                                                          "00:45")
    assert [[p["public_name"] for p in e["persons"]] for e in events] == [
        ["Katie Bouman"], [], ["Jakob Macke", "Laurence Perreault-Levasseur"]]
    assert [(e["type"], e["track"]) for e in events] == [("keynote", "Keynote"), ("break", "Break"),
                                                         ("keynote", "Keynote")]
    assert events[2]["links"] == [{"url": "https://example.org/sbi", "title": "Simulation-Based Inference"}]
    assert events[0]["url"] == "index.html#slot-2022-07-22-0915"  # no html_baseurl: beside the page


def test_the_xml_says_what_the_json_says(one_day):
    document = json.loads((one_day / "program" / "schedule.json").read_text(encoding="utf-8"))
    root = ET.parse(one_day / "program" / "schedule.xml").getroot()
    events = root.findall("day/room/event")
    assert [(e.get("guid"), e.findtext("title"), e.findtext("date"), e.findtext("duration")) for e in events] == \
        [(e["guid"], e["title"], e["date"], e["duration"]) for e in events_of(document)]
    assert [p.text for p in events[2].findall("persons/person")] == ["Jakob Macke", "Laurence Perreault-Levasseur"]
    assert events[2].find("links/link").get("href") == "https://example.org/sbi"


def test_guids_name_the_slots_and_do_not_change(one_day, tmp_path):
    again = build_app(with_frab(copy_root("calendar", tmp_path), "program/index.md", "program.ics")).outdir
    for name in ("schedule.json", "schedule.xml"):
        assert (again / "program" / name).read_bytes() == (one_day / "program" / name).read_bytes()
    guids = [e["guid"] for e in events_of(json.loads((one_day / "program" / "schedule.json").read_text()))]
    uids = program_uids(one_day / "program" / "program.ics")
    assert guids == [str(uuid.uuid5(uuid.NAMESPACE_URL, uid)) for uid in uids]
    assert len(set(guids)) == 3


def test_two_days_in_two_rooms(two_days):
    document = json.loads((two_days / "schedule.json").read_text(encoding="utf-8"))
    conference = document["schedule"]["conference"]
    assert document["schedule"]["base_url"] == "https://workshop.example.org/"
    assert (conference["daysCount"], conference["start"], conference["end"]) == (2, "2022-07-22", "2022-07-23")
    assert [room["name"] for room in conference["rooms"]] == ["Main hall", "Room B (level 2, by the stairs)"]
    first, second = conference["days"]
    assert [day["index"] for day in conference["days"]] == [1, 2]
    # An entry for everyone (no room) is in the first room.
    assert [e["title"] for e in first["rooms"]["Main hall"]] == [
        "Welcome", "Computational Imaging in astronomy", "Coffee break", "Simulation-Based Inference"]
    assert [e["title"] for e in first["rooms"]["Room B (level 2, by the stairs)"]] == ["Morning posters"]
    assert [e["title"] for e in second["rooms"]["Room B (level 2, by the stairs)"]] == [
        "Building an interdisciplinary future"]
    assert (second["day_start"], second["day_end"]) == ("2022-07-23T09:00:00-04:00", "2022-07-23T13:30:00-04:00")
    assert events_of(document)[0]["url"] == "https://workshop.example.org/index.html#slot-2022-07-22-0900"
    root = ET.parse(two_days / "schedule.xml").getroot()
    assert [day.get("date") for day in root.findall("day")] == ["2022-07-22", "2022-07-23"]
    assert [room.get("name") for room in root.findall("day[1]/room")] == ["Main hall",
                                                                          "Room B (level 2, by the stairs)"]
    assert len(root.findall("day/room/event")) == 8
    assert root.findtext("day/room/event/url") == "https://workshop.example.org/index.html#slot-2022-07-22-0900"


def test_the_program_page_links_both_files(one_day):
    line = soup_of(one_day / "program" / "index.html").select_one("p.ws-apps")
    assert line.get_text() == "For apps: schedule.json \u00b7 schedule.xml"
    assert [a["href"] for a in line.select("a")] == ["schedule.json", "schedule.xml"]


def test_each_slot_has_its_own_calendar_with_the_program_s_uid(one_day, two_days):
    for page, program in ((one_day / "program" / "index.html", one_day / "program" / "program.ics"),
                          (two_days / "index.html", two_days / "program.ics")):
        links = soup_of(page).select("tr a.ws-slot-calendar-link")
        uids = program_uids(program)
        assert len(links) == len(uids)
        for link, uid in zip(links, uids, strict=True):
            calendar = Calendar.from_ical((page.parent / link["href"]).read_bytes())
            [event] = calendar.walk("VEVENT")
            assert str(event["UID"]) == uid
    soup = soup_of(one_day / "program" / "index.html")
    first = soup.select_one("tr a.ws-slot-calendar-link")
    assert first["href"] == "program/slot-2022-07-22-0915.ics"
    # The whole sentence for a screen reader; the title is hidden on the screen, where the row shows it.
    assert first.get_text() == "Add Computational Imaging in astronomy to your calendar"
    assert first.select_one(".ws-sr-only").get_text() == "Computational Imaging in astronomy"
    raw = (one_day / "program" / "program" / "slot-2022-07-22-1330.ics").read_bytes()
    [event] = Calendar.from_ical(raw).walk("VEVENT")
    assert event.start == dt.datetime(2022, 7, 22, 17, 30, tzinfo=UTC)
    assert str(event["SUMMARY"]) == "Keynote: Simulation-Based Inference (Jakob Macke, Laurence Perreault-Levasseur)"
    # The calendar is named after its event, written as TEXT (RFC 7986), which icalendar reads back as written.
    unfolded = raw.replace(b"\r\n ", b"").decode()
    for name in ("NAME", "X-WR-CALNAME"):
        assert f"\r\n{name}:Keynote: Simulation-Based Inference (Jakob Macke\\, Laurence Perreault-Levasseur)\r\n" \
            in unfolded


def test_other_builders_write_and_link_nothing(tmp_path):
    app = build_app(with_frab(copy_root("calendar", tmp_path), "program/index.md", "program.ics"), "text")
    text = (app.outdir / "program" / "index.txt").read_text(encoding="utf-8")
    assert "For apps" not in text and "to your calendar" not in text
    assert not list(app.outdir.rglob("*.json")) and not list(app.outdir.rglob("*.xml"))
    assert not list(app.outdir.rglob("*.ics"))


def test_without_the_option_no_files(tmp_path):
    app = build_app(copy_root("calendar", tmp_path))
    assert not (app.outdir / "program" / "schedule.json").exists()
    assert not soup_of(app.outdir / "program" / "index.html").select("p.ws-apps")


def test_a_wrong_name_is_one_clear_error(tmp_path):
    src = copy_root("calendar", tmp_path)
    page = src / "program" / "index.md"
    page.write_text(page.read_text().replace(":calendar: program.ics\n", ":calendar: program.ics\n:frab: x.json\n"))
    app = build_app(src)
    assert warnings_of(app) == ("program/index.md:3: WARNING: :frab: must be a file name without extension, like "
                                "schedule (for schedule.json and schedule.xml), not 'x.json' [workshop.apps]\n")
    assert not list(app.outdir.rglob("*.json"))
    box = soup_of(app.outdir / "program" / "index.html").select_one(".ws-problem .ws-problem-title")
    assert box.get_text() == "The schedule for apps cannot be linked"


def test_in_french(tmp_path, json_schema):
    src = copy_root("french", tmp_path)
    schedule = src / "programme" / "programme.yaml"
    schedule.write_text(schedule.read_text(encoding="utf-8").replace("venue: Baltimore, MD, États-Unis\n", ""),
                        encoding="utf-8")
    app = build_app(with_frab(src, "programme/index.md", "programme.ics"))
    assert warnings_of(app) == ""
    soup = soup_of(app.outdir / "programme" / "index.html")
    assert soup.select_one("p.ws-apps").get_text() == "Pour les applications\u00a0: schedule.json \u00b7 schedule.xml"
    link = soup.select_one("tr a.ws-slot-calendar-link")
    assert link.get_text() == "Ajouter Imagerie computationnelle en astronomie à votre agenda"
    document = json.loads((app.outdir / "programme" / "schedule.json").read_text(encoding="utf-8"))
    assert list(json_schema.iter_errors(document)) == []
    assert [room["name"] for room in document["schedule"]["conference"]["rooms"]] == ["Salle principale"]
    first = events_of(document)[0]
    assert (first["track"], first["language"]) == ("Conférence invitée", "fr")


def test_titles_and_names_are_escaped_and_read_back_as_written(tmp_path, json_schema, xml_schema):
    src = copy_root("calendar", tmp_path)
    schedule = src / "program" / "schedule.yaml"
    tricky = """</title><event id="9">&amp; "quoted" 'single' \\N"""
    schedule.write_text(schedule.read_text(encoding="utf-8").replace(
        "title: Lunch break", f"title: '{tricky.replace(chr(39), chr(39) * 2)}'"), encoding="utf-8")
    app = build_app(with_frab(src, "program/index.md", "program.ics"))
    assert warnings_of(app) == ""
    document = json.loads((app.outdir / "program" / "schedule.json").read_text(encoding="utf-8"))
    assert events_of(document)[1]["title"] == tricky
    assert list(json_schema.iter_errors(document)) == []
    xml_schema.validate(app.outdir / "program" / "schedule.xml")
    root = ET.parse(app.outdir / "program" / "schedule.xml").getroot()
    assert [e.findtext("title") for e in root.findall("day/room/event")][1] == tricky
    assert len(root.findall("day/room/event")) == 3
    single = Calendar.from_ical((app.outdir / "program" / "program" / "slot-2022-07-22-1230.ics").read_bytes())
    [event] = single.walk("VEVENT")
    assert str(event["SUMMARY"]) == f"Break: {tricky}"
    row = soup_of(app.outdir / "program" / "index.html").select("tbody tr")[1]
    assert "</title>" in row.select_one(".ws-title").get_text()  # text, not markup (Sphinx curls its quotes)
    assert row.select_one("a.ws-slot-calendar-link .ws-sr-only").get_text() == row.select_one(".ws-title").get_text()
