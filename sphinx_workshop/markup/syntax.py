"""Everything the extension adds to pages, with the checks on it, in one place.

* ``DIRECTIVES``: each directive, the data file its argument names, its options and their checks;
* ``ROLES``: the roles (``{person}`bouman``` and its domain name);
* ``CONFIG_FILES``: the ``conf.py`` values that name a data file.

The build takes its directives' options and their checks from here, and ``sphinx-workshop check``
looks for exactly what is listed here and checks it the same way. A test fails when the extension
registers a directive, role or ``conf.py`` value that is not listed, so check cannot fall behind.
Every message a page problem gets is worded here, once.
"""

from __future__ import annotations

import posixpath
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

from sphinx_workshop.data.wording import N_

#: ``event-jsonld``'s ``:attendance:`` -> the schema.org attendance mode.
ATTENDANCE = {
    "offline": "OfflineEventAttendanceMode",
    "online": "OnlineEventAttendanceMode",
    "mixed": "MixedEventAttendanceMode",
}
_ICS_FILE = re.compile(r"^/?(?:[A-Za-z0-9][A-Za-z0-9._-]*/)*[A-Za-z0-9][A-Za-z0-9._-]*\.ics$")
#: Sphinx's ``title <target>`` form of a reference.
_EXPLICIT_TITLE = re.compile(r"^(.+?)\s*(?<!\x00)<(.*?)>$", re.DOTALL)


def calendar_file(value: str) -> str:
    """``:calendar: program.ics``: a file beside the page, or from the site's folder with a leading ``/``."""
    value = value.strip()
    if not _ICS_FILE.match(value) or ".." in value.split("/"):
        raise ValueError(f"must be a file name ending in .ics, like program.ics, not {value!r}")
    return value


_FOLDER = re.compile(r"^/?(?:[A-Za-z0-9][A-Za-z0-9._-]*/)*[A-Za-z0-9][A-Za-z0-9._-]*/?$")


def pages_folder(value: str) -> str:
    """``:pages: papers/``: the folder of the generated pages, beside the page, or from the site's folder with
    a leading ``/``; given without its last ``/``."""
    value = value.strip()
    if not _FOLDER.match(value) or ".." in value.split("/"):
        raise ValueError(f"must be a folder for the papers' pages, like papers/, not {value!r}")
    return value.rstrip("/")


_APPS_FILE = re.compile(r"^/?(?:[A-Za-z0-9][A-Za-z0-9._-]*/)*[A-Za-z0-9][A-Za-z0-9_-]*$")


def apps_file(value: str) -> str:
    """``:frab: schedule``: the name of ``schedule.json`` and ``schedule.xml`` beside the page (``/`` first: at the
    site's root)."""
    value = value.strip()
    if not _APPS_FILE.match(value) or ".." in value.split("/"):
        raise ValueError(f"must be a file name without extension, like schedule (for schedule.json and "
                         f"schedule.xml), not {value!r}")
    return value


def data_file(value: str) -> str:
    if not value.strip():
        raise ValueError("must name a data file")
    return value.strip()


def text(value: str) -> str:
    if not value.strip():
        raise ValueError("must not be empty")
    return value


def web_address(value: str) -> str:
    """A full ``https://`` address, spaces removed as docutils removes them from a URI."""
    address = "".join(value.split())
    parts = urlsplit(address)
    if parts.scheme not in ("https", "http") or not parts.netloc:
        raise ValueError(f"must be a web address starting with https://, not {value.strip()!r}")
    return address


def one_of(choices: Mapping[str, object]) -> Callable[[str], str]:
    def check(value: str) -> str:
        if value.strip() not in choices:
            names = ", ".join(repr(c) for c in choices)
            raise ValueError(f"must be one of {names}, not {value.strip()!r}")
        return value.strip()
    return check


@dataclass(frozen=True)
class Option:
    """A directive option. ``check`` returns the value to use, or raises ``ValueError`` in organizer words."""

    check: Callable[[str], str]
    #: The kind of data file the option names, if it names one.
    data: str | None = None
    #: The kind of its problems, when not the directive's (the calendar link's are ``calendar``).
    kind: str | None = None
    #: For an option the directive cannot do without: what it names (``the schedule file``).
    required: str | None = None


CALENDAR = Option(calendar_file, kind="calendar")
#: The error box's heading when the ``:calendar:`` link cannot be given.
CALENDAR_HEADLINE = N_("The calendar link cannot be shown")
#: ``schedule``'s ``:frab:``: the program for conference apps (``sphinxext/outputs/apps.py``).
APPS = Option(apps_file, kind="apps")
APPS_HEADLINE = N_("The schedule for apps cannot be linked")


@dataclass(frozen=True)
class Directive:
    """A directive: the kind of its problems (the warning subtype), what it shows, its data and options."""

    kind: str
    #: The error box's heading, when the directive cannot show its data (English; the page shows it translated).
    headline: str
    #: The kind of data file its one argument names; ``None``: it takes no argument.
    data: str | None = None
    options: Mapping[str, Option] = field(default_factory=dict)


DIRECTIVES: dict[str, Directive] = {
    "schedule": Directive("schedule", N_("The schedule cannot be shown"), data="schedule",
                          options={"calendar": CALENDAR, "frab": APPS}),
    "people": Directive("people", N_("These people cannot be shown"), data="people"),
    "important-dates": Directive("dates", N_("The important dates cannot be shown"), data="dates",
                                 options={"calendar": CALENDAR}),
    "papers": Directive("papers", N_("The papers cannot be shown"), data="papers",
                        options={"pages": Option(pages_folder)}),
    "event-jsonld": Directive("event", N_("Search engines get no data about the event"), options={
        "schedule": Option(data_file, data="schedule", required="the schedule file"),
        "organizers": Option(data_file, data="people"),
        "speakers": Option(data_file, data="people"),
        "name": Option(text),
        "description": Option(text),
        "url": Option(web_address),
        "attendance": Option(one_of(ATTENDANCE)),
    }),
}

#: Role name -> what it refers to. ``{person}`bouman``` and ``{workshop:person}`bouman``` are one role.
ROLES: dict[str, str] = {"person": "person", "workshop:person": "person"}

#: ``conf.py`` values that name a data file -> its kind.
CONFIG_FILES: dict[str, str] = {"workshop_deadlines": "dates"}
#: ``conf.py`` values of the extension that name no file: switches, names, and the session kinds (which check
#: reads from conf.py as the build does, and checks a schedule with).
CONFIG_SWITCHES: frozenset[str] = frozenset({"workshop_clock", "workshop_session_kinds", "workshop_booktitle"})


def checked_options(name: str, given: Mapping[str, str | None]) -> tuple[dict[str, str], list[tuple[str, str]]]:
    """The given options of directive ``name`` that are right, and ``(kind, message)`` for each that is not.

    Options the directive does not have are left to docutils, which refuses them itself.
    """
    directive = DIRECTIVES[name]
    good: dict[str, str] = {}
    problems: list[tuple[str, str]] = []
    for option, spec in directive.options.items():
        if option in given:
            try:
                good[option] = spec.check(given[option] or "")
            except ValueError as exc:
                problems.append((spec.kind or directive.kind, f":{option}: {exc}"))
        elif spec.required:
            problems.append((directive.kind, f"{name} needs the :{option}: option ({spec.required})"))
    return good, problems


def named_files(name: str, argument: str, options: Mapping[str, str]) -> list[tuple[str, str]]:
    """``(kind, path as written)`` of every data file a directive names, argument first."""
    directive = DIRECTIVES[name]
    files = [(directive.data, argument)] if directive.data and argument else []
    files += [(spec.data, options[option]) for option, spec in directive.options.items()
              if spec.data and option in options]
    return files


def calendar_target(name: str, docname: str) -> str:
    """The calendar's path in the output: beside the page, or from the site's root with a leading ``/``."""
    return name[1:] if name.startswith("/") else posixpath.join(posixpath.dirname(docname), name)


def pages_of(docname: str, folder: str) -> str:
    """The folder of the pages a ``papers`` directive on ``docname`` makes (``:pages:`` as checked), as a docname
    prefix: ``program/papers`` for ``papers`` on ``program/papers``."""
    return folder[1:] if folder.startswith("/") else posixpath.join(posixpath.dirname(docname), folder)


def page_taken(paper_id: str, docname: str, holder: str) -> str:
    """A paper's page would have the name of a page of the site, or of another paper's."""
    return (f"the page of paper {paper_id!r} would be {docname}, which is already {holder}: "
            "that paper gets no page of its own")


def missing_file(written: str, setting: str | None = None, path: Path | None = None) -> str:
    """A data file that is not there (``path``: where it was looked for); ``setting``: the conf.py value
    that names it."""
    if path is not None and path.is_dir():
        return f"{written!r} is a folder, not a data file: name the YAML file itself"
    if setting:
        return f"{setting}: file {written!r} not found (the path is relative to the site's folder)"
    where = "the site's folder" if written.startswith(("/", "\\")) else "the page's folder"
    return f"file {written!r} not found (the path is relative to {where})"


def role_target(text: str) -> str | None:
    """The id a ``{person}`` role refers to, as Sphinx reads it; ``None`` for ``!text`` (no reference)."""
    if text.startswith("!"):
        return None
    match = _EXPLICIT_TITLE.match(text)
    return re.sub(r"\s+", " ", match[2] if match else text)


def no_card(person_id: str) -> str:
    return (f"no card for person id {person_id!r}: is the id right, and is the person in a people file "
            "shown on some page?")


def shown_twice(what: str, anchor: str, first_line: int) -> str:
    """The page shows one thing twice: its anchor is the first's."""
    return (f"{what} is shown twice on this page (first at line {first_line}): the second has no anchor "
            f"#{anchor}, and links go to the first")


def anchor_taken(what: str, anchor: str, holder: str, line: int) -> str:
    """Something else on the page has the anchor already: a section of that title, a label of that name."""
    return (f"#{anchor}, the anchor of {what}, is already used on this page by {holder} (line {line}): "
            f"links to {what} go there instead")
