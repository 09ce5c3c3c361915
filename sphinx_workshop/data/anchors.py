"""The stable anchors of what the directives show: ``#person-bouman``, ``#slot-2022-07-22-0915``, ...

Each is a docutils id (``nodes.make_id``), so the build registers it with the page's other ids and
notices when the page already has it. :func:`shown` lists a directive's anchors in the order its page
shows them, for ``sphinx-workshop check``, which finds an anchor a page shows twice as the build does.
"""

from __future__ import annotations

import datetime as dt

from docutils.nodes import make_id

from sphinx_workshop.data.model import DatesFile, PapersFile, PeopleFile, Schedule, family_name_key


def person_anchor(person_id: str) -> str:
    return make_id(f"person-{person_id}")


def date_anchor(date_id: str) -> str:
    return make_id(f"date-{date_id}")


def paper_anchor(paper_id: str) -> str:
    return make_id(f"paper-{paper_id}")


def slot_anchor(start: dt.datetime) -> str:
    return make_id(f"slot-{start:%Y-%m-%d-%H%M}")


def person_what(person_id: str) -> str:
    return f"the card of {person_id!r}"


def date_what(date_id: str) -> str:
    return f"the date {date_id!r}"


def paper_what(paper_id: str) -> str:
    return f"the paper {paper_id!r}"


def slot_what(start: dt.datetime) -> str:
    return f"the schedule row at {start:%Y-%m-%d %H:%M}"


def shown(model: object) -> list[tuple[str, str]]:
    """(anchor, what has it) of everything a directive shows from a data file's model, in page order."""
    if isinstance(model, PeopleFile):
        return [(person_anchor(p.id), person_what(p.id)) for p in model.people]
    if isinstance(model, DatesFile):
        return [(date_anchor(d.id), date_what(d.id)) for d in model.dates]
    if isinstance(model, PapersFile):
        return [(paper_anchor(p.id), paper_what(p.id)) for p in sorted(model.papers, key=family_name_key)]
    if isinstance(model, Schedule):
        starts = [model.instant(entry.start) for entry in model.entries]
        return [(slot_anchor(start), slot_what(start)) for start in starts]
    return []
