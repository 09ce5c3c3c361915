"""Calendar files (iCalendar, ``.ics``) from the schedule and the important dates, without Sphinx.

Every value comes from the data, never from the clock: UIDs name the slot or the date, and
DTSTAMP is the first day in the file at midnight UTC, so two builds give the same bytes.
Times are written as UTC instants (``DTSTART:20220722T131500Z``): unambiguous in every
calendar program, with no VTIMEZONE to get wrong. The icalendar library escapes the text.
The words (names, kinds, "Speaker:") are the site's language's (``wording.py``): the build passes its
wording; ``sphinx-workshop check`` compares calendars made with the English of the source.

The build writes these files (``sphinxext/outputs/calendar.py``); ``sphinx-workshop check`` makes
them too, to find two pages that ask for one file with different data (:func:`conflicts`).
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from icalendar import Calendar, Event, vText

from sphinx_workshop.data.findings import Finding
from sphinx_workshop.data.model import DEFAULT_KINDS, ImportantDate, Person, Schedule, SessionKinds, slot_anchor
from sphinx_workshop.data.wording import ENGLISH, Wording


def slug(text: str) -> str:
    """``ML4Astro 2022`` → ``ml4astro-2022``."""
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")


def _midnight_utc(day: dt.date) -> dt.datetime:
    return dt.datetime.combine(day, dt.time(0), tzinfo=dt.UTC)


def _calendar(name: str, uid: str, events: Iterable[Event], wording: Wording) -> Calendar:
    """The calendar; its PRODID ends in the language of its text, as RFC 5545 has it (``//EN``, ``//FR``)."""
    return Calendar.new(name=name, uid=uid, prodid=f"-//sphinx-workshop//{name}//{wording.code.upper()}",
                        calscale="GREGORIAN", method="PUBLISH", subcomponents=list(events))


class ExactText(vText):
    """iCalendar TEXT escaped exactly as RFC 5545 says, so every value reads back as written.

    icalendar's own escaping first turns a literal backslash-N (``\\N``) into a line break,
    so a title containing it would come back changed; this escapes the backslash instead.
    """

    def to_ical(self) -> bytes:
        text = str(self)
        for char, escape in (("\\", "\\\\"), (";", "\\;"), (",", "\\,"), ("\r\n", "\\n"), ("\n", "\\n"),
                             ("\r", "\\n")):
            text = text.replace(char, escape)
        return text.encode(self.encoding)


def exact_text(event: Event, **fields: str | None) -> Event:
    """Set the TEXT properties that come from data with :class:`ExactText`."""
    for name, value in fields.items():
        if value is not None:
            event[name.upper()] = ExactText(value)
    return event


def schedule_calendar(schedule: Schedule, people: Mapping[str, Person], *, project: str,
                      kinds: SessionKinds = DEFAULT_KINDS, wording: Wording = ENGLISH) -> Calendar:
    """One event per entry, on its day, at its UTC instant, with its speakers, its room and the venue."""
    domain = slug(project) or "workshop"
    stamp = _midnight_utc(schedule.first_day)
    events = []
    for day, entry in schedule.slots():
        start = schedule.instant(entry.start, day)
        label = kinds.label(entry.kind)
        names = [people[s].name for s in entry.speakers]
        kind = wording._(label)
        # Translators: a calendar event's title: the session's kind, then its title ("Keynote: Imaging").
        title = entry.title if entry.title.casefold() == kind.casefold() else \
            wording._("{kind}: {title}", kind=kind, title=entry.title)
        summary = f"{title} ({', '.join(names)})" if names else title
        lines = [project]
        if entry.speakers:
            speakers = ", ".join(f"{people[s].name} ({people[s].affiliation})" for s in entry.speakers)
            # Translators: in a calendar event: "Speaker: Katie Bouman (Caltech)".
            lines.append(wording._("Speaker: {speakers}", speakers=speakers) if len(names) == 1 else
                         wording._("Speakers: {speakers}", speakers=speakers))
        if entry.link:
            lines.append(entry.link)
        place = ", ".join(p for p in (schedule.room_name(entry.room), schedule.venue) if p) or None
        events.append(exact_text(Event.new(
            uid=f"{slot_anchor(day, entry)}@{domain}",
            stamp=stamp,
            start=start.astimezone(dt.UTC),
            end=schedule.instant(entry.end, day).astimezone(dt.UTC),
            categories=[kind],
            url=entry.link,
        ), summary=summary, description="\n".join(lines), location=place))
    # Translators: a calendar's name, as calendar programs list it.
    return _calendar(wording._("{project} program", project=project), f"program-{schedule.first_day:%Y-%m-%d}@{domain}",
                     events, wording)


def dates_calendar(dates: Iterable[ImportantDate], *, project: str, wording: Wording = ENGLISH) -> Calendar:
    """Whole days as all-day events; a date with a time (such as 23:59 AoE) as that instant in UTC."""
    dates = list(dates)
    domain = slug(project) or "workshop"
    stamp = _midnight_utc(min(d.date for d in dates))
    events = []
    for date in dates:
        moment = date.instant
        lines = [date.note] if date.note else []
        if moment is None:
            start, end = date.date, date.date + dt.timedelta(days=1)
        else:
            start, end = moment.astimezone(dt.UTC), None
            day = date.date.isoformat()
            # Translators: in a calendar event: "Submission deadline: 2022-05-23 11:59 PM AoE (UTC−12:00)".
            lines.append(wording._("{label}: {date} {moment}", label=date.label, date=day,
                                   moment=wording.moment(moment)))
        # Translators: a calendar event's title: the workshop's name, then the date's ("ML4Astro 2022: Deadline").
        summary = wording._("{project}: {label}", project=project, label=date.label)
        events.append(exact_text(Event.new(
            uid=f"date-{date.id}@{domain}",
            stamp=stamp,
            start=start,
            end=end,
            transparency="TRANSPARENT",  # a deadline does not make anyone busy
        ), summary=summary, description="\n".join(lines) or None))
    # Translators: a calendar's name, as calendar programs list it.
    return _calendar(wording._("{project} important dates", project=project), f"dates@{domain}", events, wording)


@dataclass(frozen=True)
class Made:
    """A calendar a directive asks for: the file in the output, its bytes, and the directive's place."""

    target: str
    content: bytes
    file: str
    line: int

    @property
    def place(self) -> str:
        return f"{self.file}:{self.line}" if self.line else self.file

    def conflict(self, owner: Made) -> Finding | None:
        """The problem when another directive (``owner``) made this file first, from other data."""
        if owner.content == self.content:
            return None
        return Finding(self.file, self.line, f"calendar {self.target} is also made by {owner.place} from other "
                                             "data: give each its own file name", "calendar")


def owners(made: Iterable[Made]) -> dict[str, Made]:
    """Which calendar each file gets: ``made`` is in page-name order, then page order, and the first one wins."""
    first: dict[str, Made] = {}
    for calendar in made:
        first.setdefault(calendar.target, calendar)
    return first


def conflicts(made: Iterable[Made]) -> list[Finding]:
    """A problem for every directive that asks for a file another made first from other data."""
    made = list(made)
    first = owners(made)
    return [problem for calendar in made if (problem := calendar.conflict(first[calendar.target]))]
