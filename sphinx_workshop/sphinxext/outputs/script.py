"""The page script (``js/workshop.js``): local-time toggle, countdowns, next-deadline banner.

The script is static except for the deadlines, which the build writes into it from the
dates file named by ``workshop_deadlines``; so a change of dates needs no page rewritten.
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

from sphinx.application import Sphinx
from sphinx.environment import BuildEnvironment

from sphinx_workshop.data.findings import Finding, findings_of
from sphinx_workshop.data.loading import load_dates
from sphinx_workshop.data.model import AOE_ZONE, DatesFile, ImportantDate
from sphinx_workshop.data.reading import DataError
from sphinx_workshop.data.rules import is_file
from sphinx_workshop.markup.syntax import missing_file
from sphinx_workshop.sphinxext.config import conf_finding
from sphinx_workshop.sphinxext.directives.dates import date_anchor, when_text
from sphinx_workshop.sphinxext.problems import FINDINGS_EVENT

SOURCE = Path(__file__).parent.parent / "js" / "workshop.js"
PLACEHOLDER = "/* DEADLINES */ []"
OUTPUT = "workshop.js"
SETTING = "workshop_deadlines"


def deadline(date: ImportantDate) -> dt.datetime:
    """The moment a date is over: its exact time, or the end of its day Anywhere on Earth."""
    return date.instant or dt.datetime.combine(date.date, dt.time(23, 59, 59), tzinfo=AOE_ZONE)


def script_json(value: object) -> str:
    """JSON that is also safe inside JavaScript source and HTML: no '<', '>', '&', or line separators."""
    text = json.dumps(value, ensure_ascii=False, sort_keys=True)
    for char, escape in (("<", "\\u003c"), (">", "\\u003e"), ("&", "\\u0026"),
                         ("\u2028", "\\u2028"), ("\u2029", "\\u2029")):
        text = text.replace(char, escape)
    return text


def deadlines_data(dates: DatesFile, href: str | None, locale: str) -> list[dict[str, str]]:
    """What the banner needs for each date, in time order."""
    items = sorted(dates.dates, key=deadline)
    return [{
        "label": d.label,
        "when": when_text(d, locale),
        "instant": deadline(d).astimezone(dt.timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ"),
        "href": f"{href}#{date_anchor(d.id)}" if href else "",
    } for d in items]


def load_deadlines(app: Sphinx) -> None:
    """Read the dates file once per build; its problems are reported with every other data problem."""
    app.workshop_deadlines = None  # type: ignore[attr-defined]
    app.workshop_deadline_findings = []  # type: ignore[attr-defined]
    name = app.config.workshop_deadlines
    if not name:
        return
    root = Path(app.srcdir)
    path = root / name
    if not is_file(path):
        app.workshop_deadline_findings = [setting_finding(app, missing_file(name, SETTING))]  # type: ignore[attr-defined]
        return
    try:
        app.workshop_deadlines = (path, load_dates(path, root).model)  # type: ignore[attr-defined]
    except DataError as error:
        app.workshop_deadline_findings = findings_of(error, "dates")  # type: ignore[attr-defined]


def setting_finding(app: Sphinx, text: str) -> Finding:
    """A problem with the setting itself, located at its line in conf.py (as ``sphinx-workshop check`` finds it)."""
    return conf_finding(app, SETTING, text, "dates")


def deadline_findings(app: Sphinx, env: BuildEnvironment) -> list[Finding]:
    return app.workshop_deadline_findings  # type: ignore[attr-defined]


def write_script(app: Sphinx, exception: Exception | None) -> None:
    if exception is not None or app.builder.format != "html":
        return
    data: list[dict[str, str]] = []
    loaded = getattr(app, "workshop_deadlines", None)
    if loaded:
        path, dates = loaded
        page = app.env.domains["workshop"].dates_page(path)
        href = app.builder.get_target_uri(page) if page else None
        data = deadlines_data(dates, href, app.config.language or "en")
    source = SOURCE.read_text(encoding="utf-8")
    target = Path(app.outdir) / "_static" / OUTPUT
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(source.replace(PLACEHOLDER, script_json(data), 1), encoding="utf-8")


def setup_script(app: Sphinx) -> None:
    app.add_js_file(OUTPUT, loading_method="defer")
    app.connect("builder-inited", load_deadlines)
    app.connect(FINDINGS_EVENT, deadline_findings)
    app.connect("build-finished", write_script)
