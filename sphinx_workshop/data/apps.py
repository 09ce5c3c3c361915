"""The schedule for conference apps: ``schedule.json`` and ``schedule.xml`` in the frab format, without Sphinx.

Apps such as Giggity and EventFahrplan, and the c3voc tools, read a program in the format frab
introduced (https://c3voc.de/wiki/schedule); both files follow the c3voc validators
(``validator/json/schema.json`` and ``validator/xsd/schedule.xml.xsd`` of github.com/voc/schedule,
copied into ``tests/data/``, where the tests check every file against them).

:func:`frab_document` makes the program as plain data (lists, dicts, text), the same for every
builder; :func:`frab_json` and :func:`frab_xml` write it, once the page's address is known. Every value
comes from the data: an event's ``guid`` is a UUID (version 5) of its slot's calendar UID, so it is
the same in every build and names the same slot as the calendar files do; numbers (``id``) count the
slots and the speakers in a fixed order.

Times: ``date`` is the start with the venue's UTC offset (``2022-07-22T09:15:00-04:00``), ``start``
and ``duration`` the venue clock (``09:15``, ``00:45``), as frab writes them. One room per event: a
schedule without ``rooms`` has one, named after the venue (or "Main room"); in a schedule with rooms,
an entry for everyone (no ``room``) is in the first room.

:func:`slot_calendars` cuts a program calendar into one calendar per slot, with the same event
(and UID), so that importing a talk and the whole program gives one event, not two.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import math
import uuid
import xml.etree.ElementTree as ET
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from icalendar import Calendar

from sphinx_workshop import __version__
from sphinx_workshop.data.calendars import ExactText, slug
from sphinx_workshop.data.findings import Finding
from sphinx_workshop.data.model import DEFAULT_KINDS, Person, Schedule, SessionKinds, slot_anchor
from sphinx_workshop.data.wording import ENGLISH, N_, Wording

#: The room of a schedule without rooms and without a venue.
# Translators: in schedule.json and schedule.xml (for conference apps): the one room of a program without rooms.
MAIN_ROOM = N_("Main room")
#: Where the JSON says its schema is.
JSON_SCHEMA = "https://c3voc.de/schedule/schema.json"
GENERATOR = "sphinx-workshop"


def acronym(project: str) -> str:
    """The conference's short name as frab has it: ``ML4Astro 2022`` → ``ml4astro_2022`` (letters, digits,
    underscores; at least four characters)."""
    short = slug(project).replace("-", "_")
    return short if len(short) >= 4 else f"{short}_workshop".lstrip("_")


def guid(name: str) -> str:
    """A UUID (version 5, URL namespace) of a calendar UID such as ``slot-2022-07-22-0915@ml4astro-2022``."""
    return str(uuid.uuid5(uuid.NAMESPACE_URL, name))


def _hhmm(minutes: int) -> str:
    return f"{minutes // 60:02d}:{minutes % 60:02d}"


def _minutes(clock: dt.time) -> int:
    return clock.hour * 60 + clock.minute


def frab_document(schedule: Schedule, people: Mapping[str, Person], *, project: str,
                  kinds: SessionKinds = DEFAULT_KINDS, wording: Wording = ENGLISH) -> dict[str, Any]:
    """The program as frab's JSON has it, but for each event's ``url``: the slot's anchor (``#slot-…``),
    which :func:`frab_json` and :func:`frab_xml` make an address."""
    domain = slug(project) or "workshop"
    short = acronym(project)
    rooms = [(room.id, room.name) for room in schedule.rooms] or [(None, schedule.venue or wording._(MAIN_ROOM))]
    room_guids = {name: guid(f"room-{room_id or 'main'}@{domain}") for room_id, name in rooms}
    room_of = {room_id: name for room_id, name in rooms}
    speakers = sorted({s for _, entry in schedule.slots() for s in entry.speakers})
    person_ids = {person: index for index, person in enumerate(speakers, 1)}
    days = []
    number = 0
    clocks: list[int] = []
    for index, day in enumerate(schedule.program, 1):
        by_room: dict[str, list[dict[str, Any]]] = {name: [] for _, name in rooms}
        for entry in day.entries:
            number += 1
            anchor = slot_anchor(day.date, entry)
            start = schedule.instant(entry.start, day.date)
            room = room_of.get(entry.room, rooms[0][1])
            clocks += [_minutes(entry.start), _minutes(entry.end)]
            abstract = getattr(entry, "abstract", None)
            by_room[room].append({
                "guid": guid(f"{anchor}@{domain}"),
                "id": number,
                "date": start.isoformat(),
                "start": f"{entry.start:%H:%M}",
                "duration": _hhmm(_minutes(entry.end) - _minutes(entry.start)),
                "room": room,
                "slug": f"{short}-{anchor}",
                "url": f"#{anchor}",
                "title": entry.title,
                "subtitle": None,
                "track": wording._(kinds.label(entry.kind)),
                "type": entry.kind,
                "language": wording.code,
                "abstract": str(abstract) if abstract else None,
                "persons": [{"id": person_ids[s], "guid": guid(f"person-{s}@{domain}"),
                             "public_name": people[s].name} for s in entry.speakers],
                "links": [{"url": entry.link, "title": entry.title}] if entry.link else [],
            })
        first, last = min(e.start for e in day.entries), max(e.end for e in day.entries)
        days.append({"index": index, "date": day.date.isoformat(),
                     "day_start": schedule.instant(first, day.date).isoformat(),
                     "day_end": schedule.instant(last, day.date).isoformat(), "rooms": by_room})
    step = math.gcd(*clocks) if clocks else 0
    conference = {
        "acronym": short,
        "title": project,
        "start": schedule.program[0].date.isoformat(),
        "end": max(day.date for day in schedule.program).isoformat(),
        "daysCount": len(days),
        "timeslot_duration": _hhmm(min(step, 60) or 60),
        "time_zone_name": schedule.timezone,
        "rooms": [{"name": name, "guid": room_guids[name]} for _, name in rooms],
        "days": days,
    }
    # A version that changes when the program does, and only then.
    version = hashlib.sha256(json.dumps(conference, sort_keys=True).encode()).hexdigest()[:12]
    return {"version": version, "conference": conference}


def _events(document: Mapping[str, Any]):
    for day in document["conference"]["days"]:
        for events in day["rooms"].values():
            yield from events


def frab_json(document: Mapping[str, Any], page: str, base: str | None = None) -> bytes:
    """``schedule.json``: ``page`` is the address of the schedule's page (absolute with the site's address,
    ``base``, from ``html_baseurl``; else relative to the file); each event's is the page's and its anchor."""
    data = json.loads(json.dumps(document))
    for event in _events(data):
        event["url"] = page + event["url"]
        if event["abstract"] is None:
            event["abstract"] = ""
    schedule = {"version": data["version"]}
    if base:
        schedule["base_url"] = base.rstrip("/") + "/"
    schedule["conference"] = data["conference"]
    whole = {"$schema": JSON_SCHEMA, "generator": {"name": GENERATOR, "version": __version__}, "schedule": schedule}
    return (json.dumps(whole, ensure_ascii=False, indent=2) + "\n").encode("utf-8")


def _element(parent: ET.Element, tag: str, text: str | None = None, **attributes: str) -> ET.Element:
    child = ET.SubElement(parent, tag, attributes)
    if text is not None:
        child.text = text
    return child


def frab_xml(document: Mapping[str, Any], page: str, base: str | None = None) -> bytes:
    """``schedule.xml``, the same program in frab's XML (``schedule.xml.xsd``); an event's ``url`` only when
    absolute (the schema's rule)."""
    conference = document["conference"]
    root = ET.Element("schedule")
    _element(root, "generator", name=GENERATOR, version=__version__)
    _element(root, "version", document["version"])
    head = _element(root, "conference")
    for tag, key in (("title", "title"), ("acronym", "acronym"), ("start", "start"), ("end", "end"),
                     ("days", "daysCount"), ("timeslot_duration", "timeslot_duration")):
        _element(head, tag, str(conference[key]))
    if base:
        _element(head, "base_url", base.rstrip("/") + "/")
    _element(head, "time_zone_name", conference["time_zone_name"])
    guids = {room["name"]: room["guid"] for room in conference["rooms"]}
    for day in conference["days"]:
        day_node = _element(root, "day", index=str(day["index"]), date=day["date"], start=day["day_start"],
                            end=day["day_end"])
        for name, events in day["rooms"].items():
            room = _element(day_node, "room", name=name, guid=guids[name])
            for event in events:
                node = _element(room, "event", guid=event["guid"], id=str(event["id"]))
                for tag in ("date", "start", "duration", "room", "slug", "title", "track", "type", "language"):
                    _element(node, tag, event[tag])
                _element(node, "abstract", event["abstract"] or "")
                persons = _element(node, "persons")
                for person in event["persons"]:
                    _element(persons, "person", person["public_name"], id=str(person["id"]), guid=person["guid"])
                links = _element(node, "links")
                for link in event["links"]:
                    _element(links, "link", link["title"], href=link["url"])
                address = page + event["url"]
                if address.startswith(("https://", "http://")):
                    _element(node, "url", address)
    ET.indent(root)
    return ET.tostring(root, encoding="utf-8", xml_declaration=True) + b"\n"


def slot_calendars(content: bytes) -> dict[str, bytes]:
    """A program calendar's events one by one: the part of each UID before ``@`` (``slot-2022-07-22-0915``) →
    a calendar of that one event, named after it. Only the schedule's slots: a dates calendar gives none."""
    program = Calendar.from_ical(content)
    calendars = {}
    for event in program.walk("VEVENT"):
        uid = str(event["UID"])
        local = uid.split("@", 1)[0]
        if not local.startswith("slot-"):
            continue
        for name in ("SUMMARY", "DESCRIPTION", "LOCATION"):
            if name in event:
                event[name] = ExactText(str(event[name]))
        summary = str(event.get("SUMMARY", local))
        single = Calendar.new(uid=f"calendar-{uid}", prodid=str(program["PRODID"]), calscale="GREGORIAN",
                              method="PUBLISH", subcomponents=[event])
        single["NAME"] = single["X-WR-CALNAME"] = ExactText(summary)  # the title may have a line break
        calendars[local] = single.to_ical()
    return calendars


@dataclass(frozen=True)
class Program:
    """A program for apps a directive asks for: the files (``program/schedule`` for ``.json`` and ``.xml``), the
    page, the program as data (``data/apps.py``), and the directive's place."""

    target: str
    docname: str
    document: dict[str, Any]
    file: str
    line: int

    @property
    def place(self) -> str:
        return f"{self.file}:{self.line}" if self.line else self.file

    def conflict(self, owner: Program) -> Finding | None:
        if owner.document == self.document:
            return None
        return Finding(self.file, self.line, f"schedule for apps {self.target}.json and .xml is also made by "
                                             f"{owner.place} from other data: give each its own file name", "apps")


def program_owners(programs: Iterable[Program]) -> dict[str, Program]:
    """Which program each pair of files gets: ``programs`` in page-name order, then page order; the first wins."""
    first: dict[str, Program] = {}
    for program in programs:
        first.setdefault(program.target, program)
    return first


def program_conflicts(programs: Iterable[Program]) -> list[Finding]:
    """A problem for every directive that asks for files another made first from other data."""
    programs = list(programs)
    first = program_owners(programs)
    return [problem for program in programs if (problem := program.conflict(first[program.target]))]
