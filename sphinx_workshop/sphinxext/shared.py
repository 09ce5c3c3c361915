"""What every data directive shares: resolving its file, noting it, and reporting problems."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import ClassVar

from babel.dates import format_date
from docutils import nodes
from sphinx.util import logging
from sphinx.util.docutils import SphinxDirective

from sphinx_workshop.data.reading import DataError
from sphinx_workshop.sphinxext import nodes as ws_nodes

#: ``suppress_warnings = ["workshop.schedule"]`` silences one kind of data problem.
WARNING_TYPE = "workshop"

logger = logging.getLogger(__name__)


class DataDirective(SphinxDirective):
    """A directive whose one argument is a data file, relative to the document (or to the source root with '/')."""

    required_arguments = 1
    final_argument_whitespace = True
    has_content = False
    #: The warning subtype: ``workshop.<subtype>``.
    subtype: ClassVar[str]

    def data_path(self) -> Path:
        """The data file, noted as a dependency so that editing it rebuilds this page."""
        _, absolute = self.env.relfn2path(self.arguments[0], self.env.docname)
        self.env.note_dependency(absolute)
        return Path(absolute)

    def note_files(self, paths: list[Path]) -> None:
        for path in paths:
            self.env.note_dependency(str(path))

    @property
    def root(self) -> Path:
        return Path(self.env.srcdir)

    def report(self, error: DataError) -> list[nodes.Node]:
        """Log every problem through Sphinx (so ``-W`` fails the build) and render nothing.

        The other files the error consulted become dependencies too: fixing any of them rebuilds the page.
        """
        self.note_files(error.files)
        for message in error.messages:
            logger.warning(message, type=WARNING_TYPE, subtype=self.subtype, location=self.get_location())
        return []

    @property
    def locale(self) -> str:
        return self.config.language or "en"

    def time_node(self, moment: dt.datetime | dt.date, text: str, classes: tuple[str, ...] = ()) -> ws_nodes.time:
        """``<time datetime=...>``: full offset for a moment, the bare date for a whole day."""
        return ws_nodes.time(text, text, datetime=moment.isoformat(), classes=list(classes))

    def long_date(self, day: dt.date) -> str:
        return format_date(day, "full", locale=self.locale)


def utc_offset(moment: dt.datetime) -> str:
    """``UTC−04:00`` with a true minus sign, as a reader expects it."""
    offset = moment.utcoffset() or dt.timedelta(0)
    sign = "+" if offset >= dt.timedelta(0) else "\u2212"
    minutes = abs(int(offset.total_seconds())) // 60
    return f"UTC{sign}{minutes // 60:02d}:{minutes % 60:02d}"


def clock(moment: dt.datetime | dt.time) -> str:
    """``9:15`` and ``13:30``: 24-hour venue time, as programs print it."""
    return f"{moment.hour}:{moment.minute:02d}"
