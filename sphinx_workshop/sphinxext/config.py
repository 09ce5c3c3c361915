"""Every ``conf.py`` value of the extension, typed and described, in one table.

``setup_config`` registers them with Sphinx (``app.add_config_value`` with ``types`` and a
``description``); the package README lists them from here. A value that changes how pages are
read is ``"env"`` (a change re-reads every page); one that changes only the HTML is ``"html"``.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Literal

from sphinx.application import Sphinx
from sphinx.config import ENUM

from sphinx_workshop.data.wording import CLOCKS


@dataclass(frozen=True)
class Setting:
    name: str
    default: Any
    rebuild: Literal["env", "html", ""]
    #: The types a value may have, or the values it may be (``ENUM``: Sphinx names them when another is given).
    types: frozenset[type] | ENUM
    description: str


SETTINGS: tuple[Setting, ...] = (
    Setting("workshop_deadlines", "", "html", frozenset({str}),
            "A dates file, relative to the site's folder: its next date is announced in a banner on every "
            "page, and the page script counts down to it. Empty: no banner."),
    Setting("workshop_booktitle", "", "env", frozenset({str}),
            "The workshop's name as its papers are cited: the booktitle of the BibTeX entry and the "
            "citation_conference_title of each paper's page. Empty: the project's name (project)."),
    Setting("workshop_clock", "locale", "env", ENUM(*CLOCKS),
            "How clock times are written, on the pages, in calendar files and by the page script: \"locale\", as "
            "the site's language writes them (English 9:15 AM, French 09:15); \"24h\" (09:15) or \"12h\" (9:15 AM), "
            "in the language's own form."),
)


def setup_config(app: Sphinx) -> None:
    for setting in SETTINGS:
        app.add_config_value(setting.name, setting.default, setting.rebuild, types=setting.types,
                             description=setting.description)
