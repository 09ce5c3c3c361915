"""Calendar files (iCalendar, ``.ics``) for the schedule and the important dates.

``:calendar: program.ics`` on a ``schedule`` or ``important-dates`` directive builds a
calendar from the same validated data the directive renders (``data/calendars.py``), and adds
an "Add to calendar" link under it. The file's bytes are kept in the environment under the page
that asked for them and written beside that page's HTML when an HTML build finishes. Editing the
data re-reads the page (the directive noted the dependency), so the file is rebuilt with it.

When two directives ask for one file with different data, the first (by page name, then on the
page) makes it; the other's link becomes an error box and the problem is reported once.
"""

from __future__ import annotations

import posixpath
from collections.abc import Callable, Iterable
from pathlib import Path

from docutils import nodes
from icalendar import Calendar
from sphinx.application import Sphinx
from sphinx.environment import BuildEnvironment

from sphinx_workshop.data.calendars import Made, conflicts, owners
from sphinx_workshop.data.findings import Finding
from sphinx_workshop.markup.syntax import CALENDAR_HEADLINE, calendar_target
from sphinx_workshop.sphinxext.outputs import writes_website
from sphinx_workshop.sphinxext.problems import FINDINGS_EVENT, problem_box
from sphinx_workshop.sphinxext.shared import DataDirective

#: The paragraph attribute that holds the calendar's path in the output, until the link is resolved, and
#: the calendar's position among those of its page.
TARGET = "ws_calendar"
INDEX = "ws_calendar_index"


def calendar_link(directive: DataDirective, options: dict[str, str], make: Callable[[], Calendar],
                  text: str) -> list[nodes.Node]:
    """With ``:calendar:``, keep the calendar's bytes for this page and return the link to them.

    A wrong ``:calendar:`` value (``options`` has only the right ones) gets the error box instead.
    """
    if "calendar" not in directive.options:
        return []
    if "calendar" not in options:
        return directive.shown_instead(CALENDAR_HEADLINE)
    env = directive.env
    target = calendar_target(options["calendar"], env.docname)
    place = directive.here("calendar", "")
    mine = _calendars(env).setdefault(env.docname, [])
    mine.append(Made(target, make().to_ical(), place.file, place.line))
    paragraph = nodes.paragraph(classes=["ws-calendar"])
    paragraph[TARGET] = target
    paragraph[INDEX] = len(mine) - 1
    paragraph += nodes.reference(text, text, refuri=target, classes=["ws-calendar-link"])
    directive.set_source_info(paragraph)
    return [paragraph]


def _calendars(env: BuildEnvironment) -> dict[str, list[Made]]:
    """docname → the calendars its directives ask for, in page order."""
    if not hasattr(env, "workshop_calendars"):
        env.workshop_calendars = {}
    return env.workshop_calendars


def _in_order(env: BuildEnvironment) -> list[Made]:
    calendars = _calendars(env)
    return [made for docname in sorted(calendars) for made in calendars[docname]]


def calendar_findings(app: Sphinx, env: BuildEnvironment) -> list[Finding]:
    return conflicts(_in_order(env))


def resolve_calendar_links(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    """HTML: point each link at its file, relative to the page, or show why there is none. Other formats:
    drop the link (no file)."""
    builder = app.builder
    first = owners(_in_order(app.env))
    for paragraph in list(doctree.findall(nodes.paragraph)):
        if TARGET not in paragraph:
            continue
        if not writes_website(builder):
            paragraph.parent.remove(paragraph)
            continue
        made = _calendars(app.env)[docname][paragraph[INDEX]]
        if problem := made.conflict(first[made.target]):
            paragraph.replace_self(problem_box(app.config, [problem], CALENDAR_HEADLINE) or nodes.inline())
            continue
        page = Path(builder.get_outfilename(docname)).relative_to(builder.outdir).as_posix()
        for reference in paragraph.findall(nodes.reference):
            reference["refuri"] = posixpath.relpath(paragraph[TARGET], posixpath.dirname(page) or ".")


def write_calendars(app: Sphinx, exception: Exception | None) -> None:
    """Write every calendar into the HTML output: for each file, the first directive's."""
    if exception is not None or not writes_website(app.builder):
        return
    for target, made in sorted(owners(_in_order(app.env)).items()):
        path = Path(app.outdir, target)
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(made.content)


def _boxes(env: BuildEnvironment) -> set[tuple[str, int, str]]:
    """(page, position, owner's place) of every calendar link that is an error box."""
    calendars, first = _calendars(env), owners(_in_order(env))
    return {(docname, index, first[made.target].place) for docname, made_here in calendars.items()
            for index, made in enumerate(made_here) if made.conflict(first[made.target])}


def _snapshot_boxes(app: Sphinx, env: BuildEnvironment, docnames: list[str]) -> None:
    env.workshop_calendar_boxes = _boxes(env)


def _rewrite_changed_boxes(app: Sphinx, env: BuildEnvironment) -> list[str]:
    """A link becomes a box (or a link again) when another page changes: write that page again."""
    before = getattr(env, "workshop_calendar_boxes", set())
    return sorted({docname for docname, _, _ in before ^ _boxes(env)} & env.found_docs)


def _purge(app: Sphinx, env: BuildEnvironment, docname: str) -> None:
    _calendars(env).pop(docname, None)


def _merge(app: Sphinx, env: BuildEnvironment, docnames: Iterable[str], other: BuildEnvironment) -> None:
    theirs = _calendars(other)
    _calendars(env).update((d, theirs[d]) for d in docnames if d in theirs)


def setup_calendar(app: Sphinx) -> None:
    app.connect("doctree-resolved", resolve_calendar_links)
    app.connect("env-purge-doc", _purge)
    app.connect("env-merge-info", _merge)
    app.connect(FINDINGS_EVENT, calendar_findings)
    app.connect("env-before-read-docs", _snapshot_boxes)
    app.connect("env-updated", _rewrite_changed_boxes)
    app.connect("build-finished", write_calendars)
