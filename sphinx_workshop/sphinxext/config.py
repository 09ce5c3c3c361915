"""Every ``conf.py`` value of the extension, typed and described, in one table.

``setup_config`` registers them with Sphinx (``app.add_config_value`` with ``types`` and a
``description``); the package README lists them from here. A value that changes how pages are
read is ``"env"`` (a change re-reads every page); one that changes only the HTML is ``"html"``.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Literal

from sphinx.application import Sphinx


@dataclass(frozen=True)
class Setting:
    name: str
    default: Any
    rebuild: Literal["env", "html", ""]
    types: frozenset[type]
    description: str


SETTINGS: tuple[Setting, ...] = (
    Setting("workshop_deadlines", "", "html", frozenset({str}),
            "A dates file, relative to the site's folder: its next date is announced in a banner on every "
            "page, and the page script counts down to it. Empty: no banner."),
)


def setup_config(app: Sphinx) -> None:
    for setting in SETTINGS:
        app.add_config_value(setting.name, setting.default, setting.rebuild, types=setting.types,
                             description=setting.description)
