"""What search engines read: the workshop as a schema.org ``Event`` (JSON-LD).

``event-jsonld`` builds the event from the schedule (dates with their UTC offset, the venue)
and the people files (organizers, performers). The JSON is serialized by :func:`json.dumps`
and ``<``, ``>`` and ``&`` are written as ``\\u003c``, ``\\u003e`` and ``\\u0026``, so no text
from the data can close the ``<script>`` element; that escaped JSON is the only raw HTML the
extension emits. The page's absolute URL is known only when the page is written, so the
directive leaves a placeholder that becomes the ``<script>`` then.
"""

from __future__ import annotations

import json
import posixpath
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from docutils import nodes
from sphinx.application import Sphinx

from sphinx_workshop.data.loading import ScheduleData, load_people, load_schedule
from sphinx_workshop.data.model import Person, Schedule
from sphinx_workshop.data.reading import DataError
from sphinx_workshop.markup.syntax import ATTENDANCE
from sphinx_workshop.sphinxext.nodes import jsonld, skip
from sphinx_workshop.sphinxext.outputs import writes_website
from sphinx_workshop.sphinxext.shared import DataDirective, option_spec

SCHEMA = "https://schema.org/"
#: Inside ``<script>``, only these could end the element or start markup; JSON reads the escapes as the characters.
_SCRIPT_ESCAPES = str.maketrans({"<": "\\u003c", ">": "\\u003e", "&": "\\u0026"})


def person_jsonld(person: Person) -> dict[str, Any]:
    data: dict[str, Any] = {
        "@type": "Person",
        "name": person.name,
        "affiliation": {"@type": "Organization", "name": person.affiliation},
    }
    if person.homepage:
        data["url"] = person.homepage
    return data


def event_jsonld(schedule: Schedule, *, name: str, description: str | None = None, attendance: str = "offline",
                 organizers: Iterable[Person] = (), performers: Iterable[Person] = ()) -> dict[str, Any]:
    """A schema.org ``Event`` from the first start to the last end of the schedule, over all its days."""
    data: dict[str, Any] = {
        "@context": "https://schema.org",
        "@type": "Event",
        "name": name,
        "startDate": schedule.start().isoformat(),
        "endDate": schedule.end().isoformat(),
        "eventStatus": SCHEMA + "EventScheduled",
        "eventAttendanceMode": SCHEMA + ATTENDANCE[attendance],
    }
    if description:
        data["description"] = description
    if schedule.venue:
        data["location"] = {"@type": "Place", "name": schedule.venue, "address": schedule.venue}
    if organizers := [person_jsonld(p) for p in organizers]:
        data["organizer"] = organizers
    if performers := [person_jsonld(p) for p in performers]:
        data["performer"] = performers
    return data


def script_json(data: Any) -> str:
    """JSON that is safe as the content of a ``<script>`` element."""
    return json.dumps(data, ensure_ascii=False, separators=(",", ":")).translate(_SCRIPT_ESCAPES)


class EventJsonLdDirective(DataDirective):
    """``event-jsonld``: the workshop as a schema.org Event, for search engines; nothing visible.

    A problem shows an error box in its place, so the preview says why search engines would get nothing.
    """

    syntax_name = "event-jsonld"
    required_arguments = 0
    option_spec = option_spec("event-jsonld")

    def show(self) -> list[nodes.Node]:
        options = self.checked_options()
        files = {option: self.data_file(options[option], spec.data)
                 for option, spec in self.syntax.options.items() if spec.data and option in options}
        loaded: dict[str, Any] = {}
        for option, path in files.items():
            if path is not None:
                try:
                    loaded[option] = self.load(option, path)
                except DataError as error:
                    self.found(error)
        if self.findings:
            return self.shown_instead()
        schedule = loaded["schedule"]
        event = event_jsonld(
            schedule.doc.model,
            name=options.get("name", self.config.project),
            description=options.get("description"),
            attendance=options.get("attendance", "offline"),
            organizers=loaded.get("organizers", []),
            performers=loaded.get("speakers", []),
        )
        if "url" in options:
            event["url"] = options["url"]
        return [jsonld(data=event)]

    def load(self, option: str, path: Path) -> ScheduleData | list[Person]:
        if option == "schedule":
            schedule = load_schedule(path, self.root, self.session_kinds)
            self.note_files(schedule.files)
            return schedule
        return list(load_people(path, self.root).model.people)


def resolve_jsonld(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    """HTML: the ``<script type="application/ld+json">``, with the page's URL when the site's is known."""
    builder = app.builder
    for node in list(doctree.findall(jsonld)):
        if not writes_website(builder):
            node.parent.remove(node)
            continue
        data = dict(node["data"])
        base = app.config.html_baseurl
        if base and "url" not in data:
            data["url"] = posixpath.join(base.rstrip("/") + "/", builder.get_target_uri(docname))
        script = f'<script type="application/ld+json">\n{script_json(data)}\n</script>\n'
        node.replace_self(nodes.raw("", script, format="html"))


def setup_structured(app: Sphinx) -> None:
    app.add_node(jsonld, **{b: (skip, None) for b in ("html", "latex", "text", "man", "texinfo")})
    app.add_directive("event-jsonld", EventJsonLdDirective)
    app.connect("doctree-resolved", resolve_jsonld)
