"""The page script (``js/workshop.js``): local-time toggle, countdowns, next-deadline banner.

The script is static except for the deadlines, which the build writes into it from the
dates file named by ``workshop_deadlines`` (so a change of dates needs no page rewritten), and
where the banner goes on the site's theme (``theme.py``).

Its words come from the build, in the site's language: every HTML page carries them as JSON,
``<script type="application/json" id="ws-labels">`` (:func:`labels`), and the script has no text of
its own. Times it converts to the visitor's zone are written by the browser (``Intl``) in the page's
language (``<html lang>``), with the clock of ``workshop_clock``.
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

from sphinx.application import Sphinx
from sphinx.environment import BuildEnvironment

from sphinx_workshop.data.anchors import date_anchor
from sphinx_workshop.data.findings import Finding, findings_of
from sphinx_workshop.data.loading import load_dates
from sphinx_workshop.data.model import AOE_ZONE, DatesFile, ImportantDate
from sphinx_workshop.data.reading import DataError
from sphinx_workshop.data.rules import is_file
from sphinx_workshop.data.wording import Wording
from sphinx_workshop.markup.syntax import missing_file
from sphinx_workshop.sphinxext.config import conf_finding
from sphinx_workshop.sphinxext.directives.dates import when_text
from sphinx_workshop.sphinxext.problems import FINDINGS_EVENT
from sphinx_workshop.sphinxext.translation import wording
from sphinx_workshop.sphinxext.theme import banner_places

SOURCE = Path(__file__).parent.parent / "js" / "workshop.js"
PLACEHOLDER = "/* DEADLINES */ []"
BANNER_PLACEHOLDER = "/* BANNER */ {}"
OUTPUT = "workshop.js"
SETTING = "workshop_deadlines"
#: The ``id`` of the page's JSON of labels.
LABELS_ID = "ws-labels"


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


def labels(words: Wording) -> dict[str, str | None]:
    """Every text the page script shows, in the site's language; ``{name}`` is filled in by the script."""
    return {
        # Translators: the button above a schedule; {zone} is the visitor's zone, like "Asia/Tokyo".
        "toggle": words._("Show times in my time zone ({zone})"),
        # Translators: replaces the schedule's time-zone sentence; {name}: "Japan Standard Time", {zone}: "Asia/Tokyo".
        "statement": words._("All times are shown in your time zone: {name} ({zone})."),
        # Translators: said by screen readers when the times change to the visitor's zone.
        "status_local": words._("Times are in your time zone, {zone}."),
        # Translators: said by screen readers when the times change back to the venue's zone.
        "status_venue": words._("Times are in the venue's time zone."),
        # Translators: a time in the visitor's zone that falls on another day than the venue's: "2:30 AM (Sat)".
        "other_day": words._("{time} ({weekday})"),
        # Translators: beside an important date that is over.
        "over": words._("passed"),
        # Translators: the name of the banner announcing the next deadline, for screen readers.
        "banner": words._("Next deadline"),
        # Translators: the banner; {link}: the date's label, linked; {when}: its day and time; {remaining}: "in 3 days".
        "next": words._("Next: {link}, {when} ({remaining})"),
        # Not words: how the script's Intl.DateTimeFormat writes clock times (None: as the language does).
        "hourCycle": words.hour_cycle,
    }


def deadlines_data(dates: DatesFile, href: str | None, words: Wording) -> list[dict[str, str]]:
    """What the banner needs for each date, in time order."""
    items = sorted(dates.dates, key=deadline)
    return [{
        "label": d.label,
        "when": when_text(d, words),
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
        data = deadlines_data(dates, href, wording(app.config))
    source = SOURCE.read_text(encoding="utf-8")
    target = Path(app.outdir) / "_static" / OUTPUT
    target.parent.mkdir(parents=True, exist_ok=True)
    script = source.replace(PLACEHOLDER, script_json(data), 1)
    script = script.replace(BANNER_PLACEHOLDER, script_json(banner_places(app.config)), 1)
    target.write_text(script, encoding="utf-8")


def add_labels(app: Sphinx) -> None:
    """The script's labels in every HTML page (read by the deferred script, so anywhere in the page will do)."""
    if app.builder.format == "html":
        app.add_js_file(None, body=script_json(labels(wording(app.config))), type="application/json", id=LABELS_ID)


def setup_script(app: Sphinx) -> None:
    app.add_js_file(OUTPUT, loading_method="defer")
    app.connect("builder-inited", load_deadlines)
    app.connect("builder-inited", add_labels)
    app.connect(FINDINGS_EVENT, deadline_findings)
    app.connect("build-finished", write_script)
