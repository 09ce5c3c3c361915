"""``important-dates``: deadlines and milestones, each with its exact moment for machines."""

from __future__ import annotations

from docutils import nodes
from sphinx.application import Sphinx

from sphinx_workshop.data.anchors import date_anchor, date_what
from sphinx_workshop.data.calendars import dates_calendar
from sphinx_workshop.data.loading import load_dates
from sphinx_workshop.data.model import ImportantDate
from sphinx_workshop.data.reading import DataError
from sphinx_workshop.data.wording import Wording
from sphinx_workshop.sphinxext.domain import WorkshopDomain
from sphinx_workshop.sphinxext.outputs.calendar import calendar_link
from sphinx_workshop.sphinxext.shared import DataDirective, option_spec


def when_text(date: ImportantDate, wording: Wording) -> str:
    """``Monday, May 23, 2022, 11:59 PM AoE (UTC−12:00)``, or the day alone, in the site's language."""
    return wording.when(date)


class ImportantDatesDirective(DataDirective):
    """Render a dates file as a list: label, date (and time with its zone), note."""

    syntax_name = "important-dates"
    option_spec = option_spec("important-dates")

    def show(self) -> list[nodes.Node]:
        options = self.checked_options()
        path = self.data_path()
        if path is None:
            return self.shown_instead()
        try:
            doc = load_dates(path, self.root)
        except DataError as error:
            self.found(error)
            return self.shown_instead()
        domain: WorkshopDomain = self.env.domains["workshop"]
        domain.note_dates_page(self.env.docname, path)
        items = nodes.bullet_list(classes=["ws-dates"])
        items.extend(self.item(date) for date in doc.model.dates)
        self.set_source_info(items)
        return [items, *calendar_link(self, options, lambda: dates_calendar(doc.model.dates,
                                                                             project=self.config.project,
                                                                             wording=self.wording),
                                      self._("Add these dates to your calendar (.ics)"))]

    def item(self, date: ImportantDate) -> nodes.list_item:
        line = nodes.paragraph()
        line += nodes.strong(date.label, date.label, classes=["ws-date-label"])
        # Translators: between a date's label and its day: "Submission deadline: Monday, May 23, 2022".
        line += nodes.Text(self._(": "))
        line += self.time_node(date.instant or date.date, when_text(date, self.wording))
        item = nodes.list_item("", line, classes=["ws-date"])
        self.claim_anchor(item, date_anchor(date.id), date_what(date.id))
        if date.note:
            item += nodes.paragraph(date.note, date.note, classes=["ws-date-note"])
        return item


def setup_dates(app: Sphinx) -> None:
    app.add_directive("important-dates", ImportantDatesDirective)
