"""The stable anchors of what the directives show: ``#person-bouman``, ``#slot-2022-07-22-0915``, ...

Each is a docutils id (``nodes.make_id``), so the build registers it with the page's other ids and
notices when the page already has it. :func:`shown` lists a directive's anchors in the order its page
shows them, for ``sphinx-workshop check``, which finds an anchor a page shows twice as the build does.
"""

from __future__ import annotations

import datetime as dt

from docutils.nodes import make_id

from sphinx_workshop.data.model import DatesFile, Entry, PapersFile, PeopleFile, Schedule, family_name_key
from sphinx_workshop.data.model import day_anchor as day_id
from sphinx_workshop.data.model import slot_anchor as slot_id


def person_anchor(person_id: str) -> str:
    return make_id(f"person-{person_id}")


def date_anchor(date_id: str) -> str:
    return make_id(f"date-{date_id}")


def paper_anchor(paper_id: str) -> str:
    return make_id(f"paper-{paper_id}")


def slot_anchor(day: dt.date, entry: Entry) -> str:
    """``slot-2022-07-22-0915``, with the room when the entry has one (``slot-2022-07-23-1400-hall-b``)."""
    return make_id(slot_id(day, entry))


def day_anchor(day: dt.date) -> str:
    return make_id(day_id(day))


def person_what(person_id: str) -> str:
    return f"the card of {person_id!r}"


def date_what(date_id: str) -> str:
    return f"the date {date_id!r}"


def paper_what(paper_id: str) -> str:
    return f"the paper {paper_id!r}"


def slot_what(day: dt.date, entry: Entry) -> str:
    room = f" in room {entry.room!r}" if entry.room else ""
    return f"the schedule row at {day:%Y-%m-%d} {entry.start:%H:%M}{room}"


def day_what(day: dt.date) -> str:
    return f"the heading of {day:%Y-%m-%d}"


def shown(model: object) -> list[tuple[str, str]]:
    """(anchor, what has it) of everything a directive shows from a data file's model, in page order."""
    if isinstance(model, PeopleFile):
        return [(person_anchor(p.id), person_what(p.id)) for p in model.people]
    if isinstance(model, DatesFile):
        return [(date_anchor(d.id), date_what(d.id)) for d in model.dates]
    if isinstance(model, PapersFile):
        return [(paper_anchor(p.id), paper_what(p.id)) for p in sorted(model.papers, key=family_name_key)]
    if isinstance(model, Schedule):
        days = [(day_anchor(d.date), day_what(d.date)) for d in model.program] if model.several_days else []
        return days + [(slot_anchor(day, entry), slot_what(day, entry)) for day, entry in model.slots()]
    return []
