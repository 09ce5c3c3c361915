"""``schedule``: the program as real tables, one per day, every time machine-readable, every room named."""

from __future__ import annotations

from babel.dates import format_skeleton
from docutils import nodes
from sphinx import addnodes
from sphinx.application import Sphinx

from sphinx_workshop.data.anchors import day_anchor, day_what, slot_anchor, slot_what
from sphinx_workshop.data.apps import frab_document
from sphinx_workshop.data.calendars import schedule_calendar
from sphinx_workshop.data.loading import ScheduleData, load_schedule
from sphinx_workshop.data.model import Day, Entry, Paper, Schedule, same_session
from sphinx_workshop.data.reading import DataError
from sphinx_workshop.data.wording import N_
from sphinx_workshop.sphinxext.directives.papers import presenter_nodes, title_nodes
from sphinx_workshop.sphinxext.domain import WorkshopDomain, speaker_reference
from sphinx_workshop.sphinxext.nodes import day_heading
from sphinx_workshop.sphinxext.outputs.apps import add_slot_links, apps_link
from sphinx_workshop.sphinxext.outputs.calendar import calendar_link
from sphinx_workshop.sphinxext.pages import page_of_paper
from sphinx_workshop.sphinxext.shared import DataDirective, folded_paragraphs, option_spec

# Translators: the schedule table's column heads: when, what kind of session (Keynote, Break), and its title.
COLUMNS = ((N_("Time"), 18), (N_("Session"), 22), (N_("Title"), 60))
#: With rooms: the room of each slot gets a column (on a phone, a line of each slot's block).
# Translators: the column head of the room (or track) of each slot, in a schedule of several rooms.
ROOM_COLUMNS = ((N_("Time"), 16), (N_("Session"), 18), (N_("Room"), 16), (N_("Title"), 50))


class ScheduleDirective(DataDirective):
    """Render a schedule file: the time zone stated first, then one table per day, one row per entry."""

    syntax_name = "schedule"
    option_spec = option_spec("schedule")

    def show(self) -> list[nodes.Node]:
        options = self.checked_options()
        path = self.data_path()
        if path is None:
            return self.shown_instead()
        try:
            data = load_schedule(path, self.root, self.session_kinds)
        except DataError as error:
            self.found(error)
            return self.shown_instead()
        self.note_files(data.files)
        schedule = data.doc.model
        container = nodes.container(classes=["ws-schedule"])
        self.set_source_info(container)
        container += self.zone_statement(schedule)
        if schedule.several_days:
            container += self.day_links(schedule)
            container.extend(self.day(data, day) for day in schedule.program)
        else:
            container += self.table(data, schedule.program[0])
        container += calendar_link(self, options, lambda: schedule_calendar(schedule, data.people,
                                                                             project=self.config.project,
                                                                             kinds=data.kinds, wording=self.wording),
                                   self._("Add the program to your calendar (.ics)"))
        add_slot_links(self, container, schedule)
        container += apps_link(self, options, lambda: frab_document(schedule, data.people, project=self.config.project,
                                                                     kinds=data.kinds, wording=self.wording))
        return [container]

    def zone_statement(self, schedule: Schedule) -> nodes.paragraph:
        first = schedule.start()
        text = self.wording.zone_statement(first, schedule.venue)
        return nodes.paragraph(text, text, classes=["ws-timezone"])

    def day_links(self, schedule: Schedule) -> nodes.paragraph:
        """``Days: Friday, July 22 · Saturday, July 23``, each a link to its day: on a phone, a day at a time."""
        para = nodes.paragraph(classes=["ws-day-links"])
        # Translators: before the links to the days of a schedule of several days ("Days: Friday, July 22 · ...").
        para += nodes.Text(self._("Days:") + " ")
        for index, day in enumerate(schedule.program):
            if index:
                para += nodes.Text(" \u00b7 ")
            text = format_skeleton("MMMMEEEEd", day.date, locale=self.locale)
            para += nodes.reference(text, text, refid=day_anchor(day.date), internal=True)
        return para

    def day(self, data: ScheduleData, day: Day) -> nodes.container:
        """A day of several: its heading (the day's anchor) and its table."""
        section = nodes.container(classes=["ws-day"])
        text = self.long_date(day.date)
        heading = day_heading("")
        self.claim_anchor(heading, day_anchor(day.date), day_what(day.date))
        heading += self.time_node(day.date, text)
        section += heading
        section += self.table(data, day, caption_hidden=True)
        return section

    def table(self, data: ScheduleData, day: Day, caption_hidden: bool = False) -> nodes.table:
        schedule = data.doc.model
        columns = ROOM_COLUMNS if schedule.rooms else COLUMNS
        # Several days: the same column widths on every day, so that the days' tables line up.
        table = nodes.table(classes=["ws-schedule-table", *(["colwidths-given"] if schedule.several_days else [])])
        caption = self._("Program for {date}", date=self.long_date(day.date))
        # Under a day's heading the caption would say it again: screen readers still name the table by it.
        table += nodes.title(caption, caption, classes=["ws-sr-only"] if caption_hidden else [])
        group = nodes.tgroup(cols=len(columns))
        table += group
        for index, (_, width) in enumerate(columns):
            group += nodes.colspec(colwidth=width, stub=1 if index == 0 else 0)
        head = nodes.thead()
        labels = [self._(label) for label, _ in columns]
        head += nodes.row("", *(nodes.entry("", nodes.paragraph(label, label)) for label in labels))
        group += head
        body = nodes.tbody()
        body.extend(self.row(data, day, entry) for entry in day.entries)
        group += body
        return table

    def row(self, data: ScheduleData, day: Day, entry: Entry) -> nodes.row:
        schedule = data.doc.model
        start, end = schedule.instant(entry.start, day.date), schedule.instant(entry.end, day.date)
        anchor = slot_anchor(day.date, entry)
        when = nodes.paragraph(classes=["ws-when"])
        when += self.time_node(start, self.wording.clock(start))
        when += nodes.Text("\u2013")
        when += self.time_node(end, self.wording.clock(end))

        label = self._(data.kinds.label(entry.kind))
        kind = nodes.paragraph(label, label, classes=["ws-kind"])

        what = nodes.entry()
        title = nodes.paragraph(classes=["ws-title"])
        # A slot of one paper, without a title of its own (or with the paper's again): the paper's title, once.
        paper = data.papers[entry.papers[0]] if entry.shows_paper_title(data.papers) else None
        if entry.link:
            title += nodes.reference(entry.title, entry.title, refuri=entry.link)
        elif paper is not None:
            title += title_nodes(paper, data.papers_path.parent, self.root)
        else:
            title += nodes.Text(entry.title)
        what += title
        if entry.speakers:
            what += self.speakers(data, entry, anchor)
        if paper is not None:
            what += nodes.paragraph("", "", *presenter_nodes(paper.presenting, self.wording),
                                    classes=["ws-slot-presenter"])
        elif entry.papers:
            what += self.papers(data, entry)
        if entry.kind == "poster" and (posters := self.posters(data, entry)) is not None:
            what += posters
        if entry.abstract:
            # Translators: the summary of a talk's folded abstract on the program ("Abstract", then the text).
            what += folded_paragraphs(self._("Abstract"), entry.abstract, ["ws-abstract"])

        cells = [nodes.entry("", when), nodes.entry("", kind)]
        if schedule.rooms:
            cells.append(self.room(schedule, entry))
        row = nodes.row("", *cells, what, classes=[data.kinds.css_class(entry.kind)])
        self.claim_anchor(row, anchor, slot_what(day.date, entry))
        return row

    def room(self, schedule: Schedule, entry: Entry) -> nodes.entry:
        """The room's name; empty for an entry without a room, which is for everyone."""
        if entry.room is None:
            return nodes.entry(classes=["ws-no-room"])
        name = schedule.room_name(entry.room) or entry.room
        return nodes.entry("", nodes.paragraph(name, name, classes=["ws-room"]))

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


    def posters(self, data: ScheduleData, entry: Entry) -> nodes.bullet_list | None:
        """A poster session's posters, by board: the papers whose ``poster.session`` is the entry's title (as a
        paper's page finds its session), each title linked to the paper's page (else to its PDF), and the presenter."""
        shown = [paper for paper in data.papers.values()
                 if paper.poster is not None and entry.title and same_session(paper.poster.session, entry.title)]
        if not shown or data.papers_path is None:
            return None
        shown.sort(key=lambda paper: (paper.poster.board is None, paper.poster.board or 0, paper.title.casefold()))
        items = nodes.bullet_list(classes=["ws-slot-papers", "ws-slot-posters"])
        for paper in shown:
            line = nodes.paragraph()
            if paper.poster.board:
                # Translators: before a poster's paper in a poster session of the program ("Board 12 — title").
                board = self._("Board {board}", board=paper.poster.board)
                line += nodes.inline(board, board, classes=["ws-board"])
                line += nodes.Text(" \u2014 ")
            line += self.paper_link(data, paper)
            line += nodes.Text(" \u2014 ")
            line += presenter_nodes(paper.presenting, self.wording)
            items += nodes.list_item("", line)
        return items

    def paper_link(self, data: ScheduleData, paper: Paper) -> nodes.Node:
        """The paper's title, linked to its page when a list gives it one; else as the papers list shows it."""
        page = page_of_paper(self.env, data.papers_path, paper.id)
        if page is None:
            return title_nodes(paper, data.papers_path.parent, self.root)
        return addnodes.pending_xref("", nodes.inline(paper.title, paper.title, classes=["ws-paper-title"]),
                                     refdomain="workshop", reftype="place", reftarget=f"{page}#", refexplicit=True)


def plain_day_headings(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    """Other builders than HTML: a day's heading is a rubric (their own kind of heading outside sections).
    When the page is resolved, where the builder's format is public (as ``problems.plain_problems``)."""
    if app.builder.format == "html":
        return
    for heading in list(doctree.findall(day_heading)):
        text = heading.astext()
        heading.replace_self(nodes.rubric(text, text, ids=heading["ids"]))


def setup_schedule(app: Sphinx) -> None:
    app.add_directive("schedule", ScheduleDirective)
    app.connect("doctree-resolved", plain_day_headings)
