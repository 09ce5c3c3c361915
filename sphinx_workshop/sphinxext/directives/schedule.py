"""``schedule``: the day's program as a real table, every time machine-readable."""

from __future__ import annotations

from docutils import nodes
from sphinx.application import Sphinx

from sphinx_workshop.data.anchors import slot_anchor, slot_what
from sphinx_workshop.data.calendars import schedule_calendar
from sphinx_workshop.data.loading import ScheduleData, load_schedule
from sphinx_workshop.data.model import Entry, Schedule
from sphinx_workshop.data.reading import DataError
from sphinx_workshop.data.wording import N_
from sphinx_workshop.sphinxext.directives.papers import presenter_nodes, title_nodes
from sphinx_workshop.sphinxext.domain import WorkshopDomain, speaker_reference
from sphinx_workshop.sphinxext.outputs.calendar import calendar_link
from sphinx_workshop.sphinxext.shared import DataDirective, option_spec

# Translators: the schedule table's column heads: when, what kind of session (Keynote, Break), and its title.
COLUMNS = ((N_("Time"), 18), (N_("Session"), 22), (N_("Title"), 60))


class ScheduleDirective(DataDirective):
    """Render a schedule file: the time zone stated first, then one row per entry."""

    syntax_name = "schedule"
    option_spec = option_spec("schedule")

    def show(self) -> list[nodes.Node]:
        options = self.checked_options()
        path = self.data_path()
        if path is None:
            return self.shown_instead()
        try:
            data = load_schedule(path, self.root)
        except DataError as error:
            self.found(error)
            return self.shown_instead()
        self.note_files(data.files)
        schedule = data.doc.model
        container = nodes.container(classes=["ws-schedule"])
        self.set_source_info(container)
        container += self.zone_statement(schedule)
        container += self.table(data)
        container += calendar_link(self, options, lambda: schedule_calendar(schedule, data.people,
                                                                             project=self.config.project,
                                                                             wording=self.wording),
                                   self._("Add the program to your calendar (.ics)"))
        return [container]

    def zone_statement(self, schedule: Schedule) -> nodes.paragraph:
        first = schedule.instant(schedule.entries[0].start)
        text = self.wording.zone_statement(first, schedule.venue)
        return nodes.paragraph(text, text, classes=["ws-timezone"])

    def table(self, data: ScheduleData) -> nodes.table:
        schedule = data.doc.model
        table = nodes.table(classes=["ws-schedule-table"])
        caption = self._("Program for {date}", date=self.long_date(schedule.date))
        table += nodes.title(caption, caption)
        group = nodes.tgroup(cols=len(COLUMNS))
        table += group
        for index, (_, width) in enumerate(COLUMNS):
            group += nodes.colspec(colwidth=width, stub=1 if index == 0 else 0)
        head = nodes.thead()
        labels = [self._(label) for label, _ in COLUMNS]
        head += nodes.row("", *(nodes.entry("", nodes.paragraph(label, label)) for label in labels))
        group += head
        body = nodes.tbody()
        body.extend(self.row(data, entry) for entry in schedule.entries)
        group += body
        return table

    def row(self, data: ScheduleData, entry: Entry) -> nodes.row:
        schedule = data.doc.model
        start, end = schedule.instant(entry.start), schedule.instant(entry.end)
        anchor = slot_anchor(start)
        when = nodes.paragraph(classes=["ws-when"])
        when += self.time_node(start, self.wording.clock(start))
        when += nodes.Text("\u2013")
        when += self.time_node(end, self.wording.clock(end))

        label = self._(entry.kind_label)
        kind = nodes.paragraph(label, label, classes=["ws-kind"])

        what = nodes.entry()
        title = nodes.paragraph(classes=["ws-title"])
        if entry.link:
            title += nodes.reference(entry.title, entry.title, refuri=entry.link)
        else:
            title += nodes.Text(entry.title)
        what += title
        if entry.speakers:
            what += self.speakers(data, entry, anchor)
        if entry.papers:
            what += self.papers(data, entry)

        row = nodes.row("", nodes.entry("", when), nodes.entry("", kind), what, classes=[f"ws-kind-{entry.kind}"])
        self.claim_anchor(row, anchor, slot_what(start))
        return row

    def speakers(self, data: ScheduleData, entry: Entry, anchor: str) -> nodes.paragraph:
        """Speaker names linking to their cards; each card will link back here."""
        domain: WorkshopDomain = self.env.domains["workshop"]
        para = nodes.paragraph(classes=["ws-speakers"])
        for index, person_id in enumerate(entry.speakers):
            if index:
                para += nodes.Text(", ")
            para += speaker_reference(person_id, data.people[person_id].name)
            domain.note_talk(person_id, self.env.docname, anchor, entry.title)
        return para

    def papers(self, data: ScheduleData, entry: Entry) -> nodes.bullet_list:
        """The papers presented in a slot (spotlights): title linked to the PDF, and the presenter."""
        papers_dir = data.papers_path.parent
        items = nodes.bullet_list(classes=["ws-slot-papers"])
        for paper_id in entry.papers:
            paper = data.papers[paper_id]
            line = nodes.paragraph()
            line += title_nodes(paper, papers_dir, self.root)
            line += nodes.Text(" \u2014 ")
            line += presenter_nodes(paper.presenting, self.wording)
            items += nodes.list_item("", line)
        return items


def setup_schedule(app: Sphinx) -> None:
    app.add_directive("schedule", ScheduleDirective)
