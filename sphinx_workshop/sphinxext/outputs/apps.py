"""The schedule for apps (``schedule.json``, ``schedule.xml``) and a calendar file for each slot.

``:frab: schedule`` on a ``schedule`` directive makes the program in the frab format
(``data/apps.py``) from the data the directive renders, and adds a line under the table: "For apps:
schedule.json · schedule.xml". As with ``:calendar:`` (``calendar.py``), the program is kept in the
environment under the page that asked for it and written beside the page when an HTML build finishes;
two directives asking for one file with different data: the first (by page name, then on the page)
makes it, the other's line becomes an error box, and the problem is reported once.

With ``:calendar:``, each row of the table also links to a calendar of its own slot
(``ml4astro-2022-program/slot-2022-07-22-0915.ics`` beside the program's ``ml4astro-2022-program.ics``):
the program calendar's event, cut out of the file that is written (``data/apps.py``), so that a talk
imported alone and then the whole program is one event in a calendar program. The link says which talk
to a screen reader ("Add Computational Imaging in astronomy to your calendar"); on the screen, "Add to
your calendar" under the title.
"""

from __future__ import annotations

import posixpath
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.environment import BuildEnvironment

from sphinx_workshop.data.anchors import slot_anchor
from sphinx_workshop.data.apps import Program, frab_json, frab_xml, program_conflicts, program_owners, slot_calendars
from sphinx_workshop.data.calendars import owners
from sphinx_workshop.data.findings import Finding
from sphinx_workshop.data.model import Schedule
from sphinx_workshop.data.model import slot_anchor as slot_uid
from sphinx_workshop.markup.syntax import APPS_HEADLINE, calendar_target
from sphinx_workshop.sphinxext.outputs import writes_website
from sphinx_workshop.sphinxext.outputs.calendar import INDEX, TARGET, _calendars, _in_order
from sphinx_workshop.sphinxext.problems import FINDINGS_EVENT, problem_box
from sphinx_workshop.sphinxext.shared import DataDirective

#: The paragraph attributes of the "For apps" line until it is resolved: the files' path without extension in
#: the output, and their position among those of the page.
APPS_TARGET = "ws_apps"
APPS_INDEX = "ws_apps_index"
#: The page whose directive made the line or the link (in a single-page build, not the page it is resolved in).
MADE_ON = "ws_made_on"
#: A row's calendar link: its file in the output, and the position of the program calendar it is cut from.
SLOT_TARGET = "ws_slot_calendar"
SLOT_OF = "ws_slot_of"
SUFFIXES = (".json", ".xml")
#: Stands for the title while the link's words are split around it.
_TITLE = "\x00"


def apps_link(directive: DataDirective, options: dict[str, str],
              make: Callable[[], dict[str, Any]]) -> list[nodes.Node]:
    """With ``:frab:``, keep the program for this page; the line that links its two files."""
    if "frab" not in directive.options:
        return []
    if "frab" not in options:
        return directive.shown_instead(APPS_HEADLINE)
    env = directive.env
    target = calendar_target(options["frab"], env.docname)
    place = directive.here("apps", "")
    mine = _programs(env).setdefault(env.docname, [])
    mine.append(Program(target, env.docname, make(), place.file, place.line))
    paragraph = nodes.paragraph(classes=["ws-apps"])
    paragraph[APPS_TARGET] = target
    paragraph[APPS_INDEX] = len(mine) - 1
    paragraph[MADE_ON] = env.docname
    # Translators: under the schedule, before the links to schedule.json and schedule.xml (for conference apps).
    paragraph += nodes.Text(directive._("For apps:") + " ")
    for index, suffix in enumerate(SUFFIXES):
        if index:
            paragraph += nodes.Text(" \u00b7 ")
        name = posixpath.basename(target) + suffix
        paragraph += nodes.reference(name, name, refuri=target + suffix, classes=["ws-apps-link"])
    directive.set_source_info(paragraph)
    return [paragraph]


def add_slot_links(directive: DataDirective, container: nodes.Element, schedule: Schedule) -> None:
    """Under each row's title, the link to its slot's calendar, when the directive made a program calendar."""
    calendar = next((p for p in container.findall(nodes.paragraph) if TARGET in p), None)
    if calendar is None:
        return
    folder = calendar[TARGET].removesuffix(".ics")
    slots = {slot_anchor(day, entry): (day, entry) for day, entry in schedule.slots()}
    for row in container.findall(nodes.row):
        anchor = next((id_ for id_ in row["ids"] if id_ in slots), None)
        if anchor is None:
            continue
        day, entry = slots[anchor]
        # Translators: the link under a talk's title to its own calendar file. On the screen the title is left out
        # ("Add to your calendar"); a screen reader says the whole sentence.
        words = directive._("Add {title} to your calendar", title=_TITLE)
        before, _, after = words.partition(_TITLE)
        link = nodes.reference("", "", refuri=f"{folder}/{slot_uid(day, entry)}.ics", classes=["ws-slot-calendar-link"])
        link += nodes.Text(before)
        link += nodes.inline(entry.title, entry.title, classes=["ws-sr-only"])
        link += nodes.Text(after)
        paragraph = nodes.paragraph(classes=["ws-slot-calendar"])
        paragraph[SLOT_TARGET] = link["refuri"]
        paragraph[SLOT_OF] = calendar[INDEX]
        paragraph[MADE_ON] = directive.env.docname
        paragraph += link
        row.children[-1] += paragraph


def _programs(env: BuildEnvironment) -> dict[str, list[Program]]:
    """docname → the programs for apps its directives ask for, in page order."""
    if not hasattr(env, "workshop_apps"):
        env.workshop_apps = {}
    return env.workshop_apps


def _programs_in_order(env: BuildEnvironment) -> list[Program]:
    programs = _programs(env)
    return [program for docname in sorted(programs) for program in programs[docname]]


def apps_findings(app: Sphinx, env: BuildEnvironment) -> list[Finding]:
    return program_conflicts(_programs_in_order(env))


def _relative(builder: Any, docname: str, target: str) -> str:
    page = Path(builder.get_outfilename(docname)).relative_to(builder.outdir).as_posix()
    return posixpath.relpath(target, posixpath.dirname(page) or ".")


def resolve_apps_links(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    """HTML: point the links at their files, relative to the page, or show why there are none. Other formats:
    drop them (no files)."""
    builder = app.builder
    website = writes_website(builder)
    first = program_owners(_programs_in_order(app.env))
    calendars, calendar_owners = _calendars(app.env), owners(_in_order(app.env))
    for paragraph in list(doctree.findall(nodes.paragraph)):
        if APPS_TARGET in paragraph:
            if not website:
                paragraph.parent.remove(paragraph)
                continue
            program = _programs(app.env)[paragraph[MADE_ON]][paragraph[APPS_INDEX]]
            if problem := program.conflict(first[program.target]):
                paragraph.replace_self(problem_box(app.config, [problem], APPS_HEADLINE) or nodes.inline())
                continue
            for reference, suffix in zip(paragraph.findall(nodes.reference), SUFFIXES, strict=True):
                reference["refuri"] = _relative(builder, docname, paragraph[APPS_TARGET] + suffix)
        elif SLOT_TARGET in paragraph:
            made = calendars[paragraph[MADE_ON]][paragraph[SLOT_OF]] if website else None
            if made is None or made.conflict(calendar_owners[made.target]):
                paragraph.parent.remove(paragraph)  # the program's calendar says why
                continue
            for reference in paragraph.findall(nodes.reference):
                reference["refuri"] = _relative(builder, docname, paragraph[SLOT_TARGET])


def write_apps(app: Sphinx, exception: Exception | None) -> None:
    """Write each program for apps (the first directive's for each file) and each slot's calendar."""
    if exception is not None or not writes_website(app.builder):
        return
    builder = app.builder
    base = (app.config.html_baseurl or "").strip() or None
    for target, program in sorted(program_owners(_programs_in_order(app.env)).items()):
        if base:
            page = base.rstrip("/") + "/" + builder.get_target_uri(program.docname)
        else:
            # The page, relative to the files.
            page = posixpath.relpath(Path(builder.get_outfilename(program.docname)).relative_to(builder.outdir)
                                     .as_posix(), posixpath.dirname(target) or ".")
        path = Path(app.outdir, target)
        path.parent.mkdir(parents=True, exist_ok=True)
        path.with_name(path.name + ".json").write_bytes(frab_json(program.document, page, base))
        path.with_name(path.name + ".xml").write_bytes(frab_xml(program.document, page, base))
    for target, made in sorted(owners(_in_order(app.env)).items()):
        folder = Path(app.outdir, target.removesuffix(".ics"))
        for name, content in slot_calendars(made.content).items():
            folder.mkdir(parents=True, exist_ok=True)
            (folder / f"{name}.ics").write_bytes(content)


def _boxes(env: BuildEnvironment) -> set[tuple[str, int, str]]:
    programs, first = _programs(env), program_owners(_programs_in_order(env))
    return {(docname, index, first[program.target].place) for docname, made_here in programs.items()
            for index, program in enumerate(made_here) if program.conflict(first[program.target])}


def _snapshot_boxes(app: Sphinx, env: BuildEnvironment, docnames: list[str]) -> None:
    env.workshop_apps_boxes = _boxes(env)


def _rewrite_changed_boxes(app: Sphinx, env: BuildEnvironment) -> list[str]:
    """A line becomes a box (or a line again) when another page changes: write that page again."""
    before = getattr(env, "workshop_apps_boxes", set())
    return sorted({docname for docname, _, _ in before ^ _boxes(env)} & env.found_docs)


def _purge(app: Sphinx, env: BuildEnvironment, docname: str) -> None:
    _programs(env).pop(docname, None)


def _merge(app: Sphinx, env: BuildEnvironment, docnames: Iterable[str], other: BuildEnvironment) -> None:
    theirs = _programs(other)
    _programs(env).update((d, theirs[d]) for d in docnames if d in theirs)


def setup_apps(app: Sphinx) -> None:
    app.connect("doctree-resolved", resolve_apps_links)
    app.connect("env-purge-doc", _purge)
    app.connect("env-merge-info", _merge)
    app.connect(FINDINGS_EVENT, apps_findings)
    app.connect("env-before-read-docs", _snapshot_boxes)
    app.connect("env-updated", _rewrite_changed_boxes)
    app.connect("build-finished", write_apps)
