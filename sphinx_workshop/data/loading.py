"""Loading a data file as a directive shows it: read it into the model, then apply the rules.

``load_people``, ``load_schedule``, ``load_papers`` and ``load_dates`` are what the directives,
``sphinx-workshop check`` and the importers call, so all three give the same messages.
A schedule is loaded with the people and papers files it names. Every :class:`DataError` they
raise knows the kind of each file it names (``DataError.kinds``): a problem in a people file is a
``people`` problem, whether the people page or the schedule found it.
"""

from __future__ import annotations

import dataclasses
import os
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from sphinx_workshop.data.model import (
    DEFAULT_KINDS,
    DatesFile,
    Paper,
    PapersFile,
    PeopleFile,
    Person,
    Schedule,
    SessionKinds,
)
from sphinx_workshop.data.reading import (
    DataError,
    Document,
    Problem,
    display_path,
    read,
)
from sphinx_workshop.data.rules import (
    dates_rules,
    is_file,
    papers_rules,
    poster_sessions,
    people_rules,
    schedule_rules,
)


@dataclass(frozen=True)
class ScheduleData:
    doc: Document[Schedule]
    people: dict[str, Person]
    papers: dict[str, Paper]
    #: The people and papers files the schedule draws on.
    files: list[Path]
    #: The papers file, when the schedule names one (PDF paths are relative to it).
    papers_path: Path | None = None
    #: The session kinds it was read with: the labels every output shows.
    kinds: SessionKinds = DEFAULT_KINDS


def people_files(schedule_path: Path, schedule: Schedule) -> list[Path]:
    """The people files a schedule names, resolved next to the schedule."""
    return [Path(os.path.normpath(schedule_path.parent / name)) for name in schedule.people]


@contextmanager
def kind_of_file(kind: str, path: Path, root: Path) -> Iterator[None]:
    """A :class:`DataError` raised inside names ``path`` as a file of this ``kind``."""
    try:
        yield
    except DataError as error:
        error.kinds.setdefault(display_path(path, root), kind)
        raise


def load_people(path: Path, root: Path) -> Document[PeopleFile]:
    with kind_of_file("people", path, root):
        doc = _read(path, PeopleFile, root)
        doc.fail(people_rules(doc))
    return doc


def load_schedule(path: Path, root: Path, kinds: SessionKinds = DEFAULT_KINDS) -> ScheduleData:
    """The schedule, everyone it may name and the papers it may present; all problems raised together.

    ``kinds``: the session kinds its entries may have (the site's ``workshop_session_kinds``).
    """
    with kind_of_file("schedule", path, root):
        doc = _read(path, Schedule, root, kinds=kinds)
    files = people_files(path, doc.model)
    people: dict[str, Person] = {}
    messages: list[str] = []
    file_kinds = {doc.display: "schedule"}
    for index, people_path in enumerate(files):
        if not is_file(people_path):
            messages.append(doc.message(Problem(("people", index), f"'people' item {index + 1}: file "
                                                f"{doc.model.people[index]!r} not found next to {path.name}")))
            continue
        try:
            people.update((p.id, p) for p in load_people(people_path, root).model.people)
        except DataError as exc:
            messages += exc.messages
            file_kinds.update(exc.kinds)
    papers: dict[str, Paper] = {}
    papers_path = None
    if doc.model.papers_file is not None:
        papers_path = Path(os.path.normpath(path.parent / doc.model.papers_file))
        files.append(papers_path)
        if not is_file(papers_path):
            messages.append(doc.message(Problem(("papers_file",), f"'papers_file' {doc.model.papers_file!r} "
                                                f"not found next to {path.name}")))
        else:
            try:
                papers_doc = load_papers(papers_path, root)
            except DataError as exc:
                messages += exc.messages
                file_kinds.update(exc.kinds)
            else:
                papers = {p.id: p for p in papers_doc.model.papers}
                sessions = poster_sessions(papers_doc, doc.model)
                if sessions:
                    messages += [papers_doc.message(p) for p in sessions]
                    file_kinds[papers_doc.display] = "papers"
    problems = schedule_rules(doc, people, papers) if not messages else []
    if messages or problems:
        raise DataError(messages + [doc.message(p) for p in problems], files=files, kinds=file_kinds)
    # A slot of one paper without a title of its own has the paper's, in every output.
    titled = dataclasses.replace(doc, model=doc.model.titled(papers))
    return ScheduleData(titled, people, papers, files, papers_path, kinds)


def load_papers(path: Path, root: Path) -> Document[PapersFile]:
    with kind_of_file("papers", path, root):
        doc = _read(path, PapersFile, root)
        doc.fail(papers_rules(doc))
    return doc


def load_dates(path: Path, root: Path) -> Document[DatesFile]:
    with kind_of_file("dates", path, root):
        doc = _read(path, DatesFile, root)
        doc.fail(dates_rules(doc))
    return doc


def _read(path: Path, model, root: Path, kinds: SessionKinds | None = None):
    """Read through a cache keyed on the file's modification time and size (and the kinds it is read with).

    A people file is used by several pages and by the schedule; each process reads it once.
    """
    try:
        stat = path.stat()
        key = (stat.st_mtime_ns, stat.st_size)
    except OSError:
        return read(path, model, root=root)  # raises the organizer-facing "file not found"
    return _cached_read(path, model, root, key, kinds)


@lru_cache(maxsize=64)
def _cached_read(path: Path, model, root: Path, _key: tuple[int, int], kinds: SessionKinds | None = None):
    return read(path, model, root=root, context={"kinds": kinds} if kinds else None)
