"""``important-dates``: deadlines and milestones, each with its exact moment for machines."""

from __future__ import annotations

from docutils import nodes
from sphinx.application import Sphinx

from .loader import DataError
from .model import ImportantDate
from .shared import DataDirective, clock, utc_offset
from .validation import load_dates


class ImportantDatesDirective(DataDirective):
    """Render a dates file as a list: label, date (and time with its zone), note."""

    subtype = "dates"

    def run(self) -> list[nodes.Node]:
        try:
            doc = load_dates(self.data_path(), self.root)
        except DataError as error:
            return self.report(error)
        items = nodes.bullet_list(classes=["ws-dates"])
        items.extend(self.item(date) for date in doc.model.dates)
        self.set_source_info(items)
        return [items]

    def item(self, date: ImportantDate) -> nodes.list_item:
        line = nodes.paragraph()
        line += nodes.strong(date.label, date.label, classes=["ws-date-label"])
        line += nodes.Text(": ")
        moment = date.instant
        if moment is None:
            line += self.time_node(date.date, self.long_date(date.date))
        else:
            text = f"{self.long_date(date.date)}, {clock(moment)} {moment.tzname()} ({utc_offset(moment)})"
            line += self.time_node(moment, text)
        item = nodes.list_item("", line, classes=["ws-date"])
        if date.note:
            item += nodes.paragraph(date.note, date.note, classes=["ws-date-note"])
        return item


def setup_dates(app: Sphinx) -> None:
    app.add_directive("important-dates", ImportantDatesDirective)
