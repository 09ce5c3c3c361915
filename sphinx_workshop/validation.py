"""Whole-file validation: the loader's field checks, then the rules across fields and files.

``load_people``, ``load_schedule`` and ``load_dates`` are what directives (and any other
tool) call. Each rule takes a validated :class:`~sphinx_workshop.loader.Document` and
returns the problems it finds; an empty list means the data is consistent.
"""

from __future__ import annotations

import difflib
from collections.abc import Collection, Iterable

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from .loader import DataError, Document, Loc, Problem, read
from .model import DatesFile, PeopleFile, Person, Schedule


def unique_ids(key: str, items: Iterable[object]) -> list[Problem]:
    seen: dict[str, int] = {}
    problems = []
    for index, item in enumerate(items):
        ident = item.id  # type: ignore[attr-defined]
        if ident in seen:
            problems.append(Problem((key, index, "id"), f"'id' {ident!r} is already used by item {seen[ident] + 1}"))
        else:
            seen[ident] = index
    return problems


def people_rules(doc: Document[PeopleFile]) -> list[Problem]:
    problems = unique_ids("people", doc.model.people)
    for index, person in enumerate(doc.model.people):
        if person.photo and not (doc.path.parent / person.photo).is_file():
            problems.append(Problem(("people", index, "photo"), f"'photo' file {person.photo!r} not found "
                                                                f"next to {doc.path.name}"))
    return problems


def schedule_rules(doc: Document[Schedule], person_ids: Collection[str]) -> list[Problem]:
    problems = []
    previous = None
    for index, entry in enumerate(doc.model.entries):
        loc: Loc = ("entries", index)
        if entry.end <= entry.start:
            problems.append(Problem((*loc, "end"), f"'end' {entry.end:%H:%M} is before 'start' {entry.start:%H:%M}"
                                    if entry.end < entry.start else f"'end' {entry.end:%H:%M} equals 'start'"))
        if previous is not None:
            if entry.start < previous.start:
                problems.append(Problem((*loc, "start"), f"'start' {entry.start:%H:%M} comes before the previous "
                                        f"entry's start {previous.start:%H:%M}: keep entries in time order"))
            elif entry.start < previous.end:
                problems.append(Problem((*loc, "start"), f"'start' {entry.start:%H:%M} overlaps entry {index}, "
                                        f"which ends at {previous.end:%H:%M}"))
        for position, speaker in enumerate(entry.speakers):
            if speaker not in person_ids:
                close = difflib.get_close_matches(speaker, sorted(person_ids), n=1)
                hint = f" (did you mean '{close[0]}'?)" if close else ""
                problems.append(Problem((*loc, "speakers", position),
                                        f"'speakers' names {speaker!r}, who is not in the people files{hint}"))
        previous = entry
    return problems


def dates_rules(doc: Document[DatesFile]) -> list[Problem]:
    problems = unique_ids("dates", doc.model.dates)
    for index, item in enumerate(doc.model.dates):
        if item.time is not None and item.timezone is None:
            problems.append(Problem(("dates", index, "time"), "'timezone' is required with 'time' "
                                                             "(an IANA name like Europe/Paris, or AoE)"))
    return problems


@dataclass(frozen=True)
class ScheduleData:
    doc: Document[Schedule]
    people: dict[str, Person]
    #: The people files the schedule draws on.
    files: list[Path]


def people_files(schedule_path: Path, schedule: Schedule) -> list[Path]:
    """The people files a schedule names, resolved next to the schedule."""
    return [(schedule_path.parent / name).resolve() for name in schedule.people]


def load_people(path: Path, root: Path) -> Document[PeopleFile]:
    doc = _read(path, PeopleFile, root)
    doc.fail(people_rules(doc))
    return doc


def load_schedule(path: Path, root: Path) -> ScheduleData:
    """The schedule and everyone it may name; problems in any of its files are raised together."""
    doc = _read(path, Schedule, root)
    files = people_files(path, doc.model)
    people: dict[str, Person] = {}
    messages: list[str] = []
    for index, people_path in enumerate(files):
        if not people_path.is_file():
            messages.append(doc.message(Problem(("people", index), f"'people' item {index + 1}: file "
                                                f"{doc.model.people[index]!r} not found next to {path.name}")))
            continue
        try:
            people.update((p.id, p) for p in load_people(people_path, root).model.people)
        except DataError as exc:
            messages += exc.messages
    problems = schedule_rules(doc, people) if not messages else []
    if messages or problems:
        raise DataError(messages + [doc.message(p) for p in problems], files=files)
    return ScheduleData(doc, people, files)


def load_dates(path: Path, root: Path) -> Document[DatesFile]:
    doc = _read(path, DatesFile, root)
    doc.fail(dates_rules(doc))
    return doc


def _read(path: Path, model, root: Path):
    """Read through a cache keyed on the file's modification time and size.

    A people file is used by several pages and by the schedule; each process reads it once.
    """
    try:
        stat = path.stat()
        key = (stat.st_mtime_ns, stat.st_size)
    except OSError:
        return read(path, model, root=root)  # raises the organizer-facing "file not found"
    return _cached_read(path, model, root, key)


@lru_cache(maxsize=64)
def _cached_read(path: Path, model, root: Path, _key: tuple[int, int]):
    return read(path, model, root=root)
