"""Every ``conf.py`` value of the extension, typed and described, in one table.

``setup_config`` registers them with Sphinx (``app.add_config_value`` with ``types`` and a
``description``); the package README lists them from here. A value that changes how pages are
read is ``"env"`` (a change re-reads every page); one that changes only the HTML is ``"html"``.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

from sphinx.application import Sphinx
from sphinx.config import ENUM, Config
from sphinx.environment import BuildEnvironment

from sphinx_workshop.data.findings import Finding
from sphinx_workshop.data.model import KIND_LABELS, KINDS_SETTING, SessionKinds
from sphinx_workshop.data.wording import CLOCKS
from sphinx_workshop.markup.scan import conf_values
from sphinx_workshop.sphinxext.problems import FINDINGS_EVENT


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
    Setting("workshop_clock", "locale", "env", ENUM(*CLOCKS),
            "How clock times are written, on the pages, in calendar files and by the page script: \"locale\", as "
            "the site's language writes them (English 9:15 AM, French 09:15); \"24h\" (09:15) or \"12h\" (9:15 AM), "
            "in the language's own form."),
    Setting(KINDS_SETTING, {}, "env", frozenset({dict}),
            "Session kinds a schedule's entries may have besides the built-in ones ("
            + ", ".join(KIND_LABELS) + "), or other labels for those: kind -> the label a visitor reads, "
            "like {\"tutorial\": \"Tutorial\"}. Kinds are lowercase letters, digits and hyphens."),
)


def setup_config(app: Sphinx) -> None:
    for setting in SETTINGS:
        app.add_config_value(setting.name, setting.default, setting.rebuild, types=setting.types,
                             description=setting.description)
    app.connect(FINDINGS_EVENT, kinds_findings)


def conf_finding(app: Sphinx, setting: str, text: str, kind: str) -> Finding:
    """A problem with a conf.py value, located at its line (as ``sphinx-workshop check`` finds it)."""
    conf = Path(app.confdir, "conf.py")
    line = conf_values(conf).get(setting, (None, 0))[1]
    return Finding(Path(os.path.relpath(conf, app.srcdir)).as_posix(), line, text, kind)


def session_kinds(config: Config) -> SessionKinds:
    """The session kinds of the site: the built-in ones and ``workshop_session_kinds`` (its right entries)."""
    return SessionKinds.from_setting(getattr(config, KINDS_SETTING, None))[0]


def kinds_findings(app: Sphinx, env: BuildEnvironment) -> list[Finding]:
    """The mistakes in ``workshop_session_kinds``, at its line in conf.py; reported with the schedule's problems."""
    _, problems = SessionKinds.from_setting(getattr(app.config, KINDS_SETTING, None))
    return [conf_finding(app, KINDS_SETTING, text, "schedule") for text in problems]
