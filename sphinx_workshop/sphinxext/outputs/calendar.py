"""Calendar files (iCalendar, ``.ics``) for the schedule and the important dates.

``:calendar: program.ics`` on a ``schedule`` or ``important-dates`` directive builds a
calendar from the same validated data the directive renders, and adds an "Add to calendar"
link under it. The file's bytes are kept in the environment under the page that asked for
them and written beside that page's HTML when an HTML build finishes. Editing the data
re-reads the page (the directive noted the dependency), so the file is rebuilt with it.

Every value comes from the data, never from the clock: UIDs name the slot or the date, and
DTSTAMP is the first day in the file at midnight UTC, so two builds give the same bytes.
Times are written as UTC instants (``DTSTART:20220722T131500Z``): unambiguous in every
calendar program, with no VTIMEZONE to get wrong. The icalendar library escapes the text.
"""

from __future__ import annotations

import datetime as dt
import posixpath
import re
from collections.abc import Callable, Iterable, Mapping
from pathlib import Path

from docutils import nodes
from icalendar import Calendar, Event, vText
from sphinx.application import Sphinx
from sphinx.environment import BuildEnvironment
from sphinx.util import logging
from sphinx.util.docutils import SphinxDirective

from sphinx_workshop.data.model import ImportantDate, Person, Schedule
from sphinx_workshop.sphinxext.outputs import writes_website
from sphinx_workshop.sphinxext.shared import WARNING_TYPE, clock, utc_offset

logger = logging.getLogger(__name__)

_FILE = re.compile(r"^/?(?:[A-Za-z0-9][A-Za-z0-9._-]*/)*[A-Za-z0-9][A-Za-z0-9._-]*\.ics$")
#: The paragraph attribute that holds the calendar's path in the output, until the link is resolved.
TARGET = "ws_calendar"


def calendar_option(argument: str | None) -> str:
    """``:calendar: program.ics``: a file beside the page, or from the site root with a leading ``/``."""
    value = (argument or "").strip()
    if not _FILE.match(value) or ".." in value.split("/"):
        raise ValueError(f"expected a file name ending in .ics, like program.ics, not {value!r}")
    return value


def slug(text: str) -> str:
    """``ML4Astro 2022`` → ``ml4astro-2022``."""
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")


def _midnight_utc(day: dt.date) -> dt.datetime:
    return dt.datetime.combine(day, dt.time(0), tzinfo=dt.UTC)


def _calendar(name: str, uid: str, events: Iterable[Event]) -> Calendar:
    return Calendar.new(name=name, uid=uid, prodid=f"-//sphinx-workshop//{name}//EN", calscale="GREGORIAN",
                        method="PUBLISH", subcomponents=list(events))


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


def schedule_calendar(schedule: Schedule, people: Mapping[str, Person], *, project: str) -> Calendar:
    """One event per schedule entry, at its UTC instant, with its speakers and the venue."""
    domain = slug(project) or "workshop"
    stamp = _midnight_utc(schedule.date)
    events = []
    for entry in schedule.entries:
        start = schedule.instant(entry.start)
        names = [people[s].name for s in entry.speakers]
        title = entry.title if entry.title.casefold() == entry.kind_label.casefold() else \
            f"{entry.kind_label}: {entry.title}"
        summary = f"{title} ({', '.join(names)})" if names else title
        lines = [project]
        if entry.speakers:
            label = "Speaker" if len(names) == 1 else "Speakers"
            lines.append(f"{label}: " + ", ".join(f"{people[s].name} ({people[s].affiliation})"
                                                    for s in entry.speakers))
        if entry.link:
            lines.append(entry.link)
        events.append(exact_text(Event.new(
            uid=f"slot-{start:%Y-%m-%d-%H%M}@{domain}",
            stamp=stamp,
            start=start.astimezone(dt.UTC),
            end=schedule.instant(entry.end).astimezone(dt.UTC),
            categories=[entry.kind_label],
            url=entry.link,
        ), summary=summary, description="\n".join(lines), location=schedule.venue))
    return _calendar(f"{project} program", f"program-{schedule.date:%Y-%m-%d}@{domain}", events)


def dates_calendar(dates: Iterable[ImportantDate], *, project: str) -> Calendar:
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
            lines.append(f"{date.label}: {date.date:%Y-%m-%d} {clock(moment)} {moment.tzname()} "
                         f"({utc_offset(moment)})")
        events.append(exact_text(Event.new(
            uid=f"date-{date.id}@{domain}",
            stamp=stamp,
            start=start,
            end=end,
            transparency="TRANSPARENT",  # a deadline does not make anyone busy
        ), summary=f"{project}: {date.label}", description="\n".join(lines) or None))
    return _calendar(f"{project} important dates", f"dates@{domain}", events)


def calendar_link(directive: SphinxDirective, make: Callable[[], Calendar], text: str) -> list[nodes.Node]:
    """With ``:calendar:``, keep the calendar's bytes for this page and return the link to them."""
    if "calendar" not in directive.options:
        return []
    env = directive.env
    name = directive.options["calendar"]
    target = name[1:] if name.startswith("/") else posixpath.join(posixpath.dirname(env.docname), name)
    content, mine = make().to_ical(), _calendars(env).setdefault(env.docname, {})
    if mine.setdefault(target, content) != content:
        logger.warning("calendar %s is made twice on this page from different data: give each its own file name",
                       target, type=WARNING_TYPE, subtype="calendar", location=directive.get_location())
    paragraph = nodes.paragraph(classes=["ws-calendar"])
    paragraph[TARGET] = target
    paragraph += nodes.reference(text, text, refuri=target, classes=["ws-calendar-link"])
    directive.set_source_info(paragraph)
    return [paragraph]


def _calendars(env: BuildEnvironment) -> dict[str, dict[str, bytes]]:
    """docname → {path in the output: iCalendar bytes}."""
    if not hasattr(env, "workshop_calendars"):
        env.workshop_calendars = {}
    return env.workshop_calendars


def resolve_calendar_links(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    """HTML: point each link at its file, relative to the page. Other formats: drop the link (no file)."""
    builder = app.builder
    for paragraph in list(doctree.findall(nodes.paragraph)):
        if TARGET not in paragraph:
            continue
        if not writes_website(builder):
            paragraph.parent.remove(paragraph)
            continue
        page = Path(builder.get_outfilename(docname)).relative_to(builder.outdir).as_posix()
        for reference in paragraph.findall(nodes.reference):
            reference["refuri"] = posixpath.relpath(paragraph[TARGET], posixpath.dirname(page) or ".")


def write_calendars(app: Sphinx, exception: Exception | None) -> None:
    """Write every calendar into the HTML output; two pages asking for one file must agree on it."""
    if exception is not None or not writes_website(app.builder):
        return
    written: dict[str, tuple[str, bytes]] = {}
    calendars = _calendars(app.env)
    for docname in sorted(calendars):
        for target, content in sorted(calendars[docname].items()):
            if target in written and written[target][1] != content:
                logger.warning("calendar %s is also made by %s from other data: give each its own file name",
                               target, written[target][0], type=WARNING_TYPE, subtype="calendar",
                               location=docname)
                continue
            written[target] = (docname, content)
            path = Path(app.outdir, target)
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(content)


def _purge(app: Sphinx, env: BuildEnvironment, docname: str) -> None:
    _calendars(env).pop(docname, None)


def _merge(app: Sphinx, env: BuildEnvironment, docnames: Iterable[str], other: BuildEnvironment) -> None:
    theirs = _calendars(other)
    _calendars(env).update((d, theirs[d]) for d in docnames if d in theirs)


def setup_calendar(app: Sphinx) -> None:
    app.connect("doctree-resolved", resolve_calendar_links)
    app.connect("env-purge-doc", _purge)
    app.connect("env-merge-info", _merge)
    app.connect("build-finished", write_calendars)
