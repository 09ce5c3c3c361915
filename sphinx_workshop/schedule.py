"""``schedule``: the day's program as a real table, every time machine-readable."""

from __future__ import annotations

from babel.dates import get_timezone_name
from docutils import nodes
from sphinx.application import Sphinx

from .loader import DataError
from .model import Entry, Schedule
from .shared import DataDirective, clock, utc_offset
from .validation import load_schedule

COLUMNS = (("Time", 18), ("Session", 22), ("Title", 60))


class ScheduleDirective(DataDirective):
    """Render a schedule file: the time zone stated first, then one row per entry."""

    subtype = "schedule"

    def run(self) -> list[nodes.Node]:
        path = self.data_path()
        try:
            data = load_schedule(path, self.root)
        except DataError as error:
            self.note_files(error.files)
            return self.report(error)
        self.note_files(data.files)
        schedule = data.doc.model
        container = nodes.container(classes=["ws-schedule"])
        self.set_source_info(container)
        container += self.zone_statement(schedule)
        container += self.table(schedule, data.people)
        return [container]

    def zone_statement(self, schedule: Schedule) -> nodes.paragraph:
        first = schedule.instant(schedule.entries[0].start)
        name = get_timezone_name(first, width="long", zone_variant="generic", locale=self.locale)
        where = f"the local time at the venue in {schedule.venue}" if schedule.venue else "the venue's local time"
        text = f"All times are {name} ({first.tzname()}, {utc_offset(first)}), {where}."
        return nodes.paragraph(text, text, classes=["ws-timezone"])

    def table(self, schedule: Schedule, people) -> nodes.table:
        table = nodes.table(classes=["ws-schedule-table"])
        caption = f"Program for {self.long_date(schedule.date)}"
        table += nodes.title(caption, caption)
        group = nodes.tgroup(cols=len(COLUMNS))
        table += group
        for index, (_, width) in enumerate(COLUMNS):
            group += nodes.colspec(colwidth=width, stub=1 if index == 0 else 0)
        head = nodes.thead()
        head += nodes.row("", *(nodes.entry("", nodes.paragraph(label, label)) for label, _ in COLUMNS))
        group += head
        body = nodes.tbody()
        body.extend(self.row(schedule, entry, people) for entry in schedule.entries)
        group += body
        return table

    def row(self, schedule: Schedule, entry: Entry, people) -> nodes.row:
        start, end = schedule.instant(entry.start), schedule.instant(entry.end)
        when = nodes.paragraph(classes=["ws-when"])
        when += self.time_node(start, clock(start))
        when += nodes.Text("\u2013")
        when += self.time_node(end, clock(end))

        kind = nodes.paragraph(entry.kind_label, entry.kind_label, classes=["ws-kind"])

        what = nodes.entry()
        title = nodes.paragraph(classes=["ws-title"])
        if entry.link:
            title += nodes.reference(entry.title, entry.title, refuri=entry.link)
        else:
            title += nodes.Text(entry.title)
        what += title
        if entry.speakers:
            names = ", ".join(people[s].name for s in entry.speakers)
            what += nodes.paragraph(names, names, classes=["ws-speakers"])

        return nodes.row("", nodes.entry("", when), nodes.entry("", kind), what, classes=[f"ws-kind-{entry.kind}"])


def setup_schedule(app: Sphinx) -> None:
    app.add_directive("schedule", ScheduleDirective)
