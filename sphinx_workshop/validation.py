"""Whole-file validation: the loader's field checks, then the rules across fields and files.

``load_people``, ``load_schedule`` and ``load_dates`` are what directives (and any other
tool) call. Each rule takes a validated :class:`~sphinx_workshop.loader.Document` and
returns the problems it finds; an empty list means the data is consistent.
"""

from __future__ import annotations

import difflib
import os
from collections.abc import Collection, Iterable

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from .loader import DataError, Document, Loc, Problem, read
from .model import DatesFile, Paper, PapersFile, PeopleFile, Person, Schedule


def is_file(path: Path) -> bool:
    """``Path.is_file``, but a name the system cannot even look up (too long, a NUL) is simply not there."""
    try:
        return path.is_file()
    except (OSError, ValueError):
        return False


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
        if person.photo and not is_file(doc.path.parent / person.photo):
            problems.append(Problem(("people", index, "photo"), f"'photo' file {person.photo!r} not found "
                                                                f"next to {doc.path.name}"))
    return problems


def papers_rules(doc: Document[PapersFile]) -> list[Problem]:
    problems = unique_ids("papers", doc.model.papers)
    for index, paper in enumerate(doc.model.papers):
        if paper.presenter is not None and paper.presenter not in paper.authors:
            problems.append(Problem(("papers", index, "presenter"), f"'presenter' {paper.presenter!r} is not "
                                    "one of the 'authors' (write the name exactly as in 'authors')"))
        if paper.pdf and "://" not in paper.pdf and not is_file(doc.path.parent / paper.pdf):
            problems.append(Problem(("papers", index, "pdf"), f"'pdf' file {paper.pdf!r} not found "
                                                            f"next to {doc.path.name}"))
    return problems


def _unknown(kind: str, field: str, loc: Loc, ident: str, known: Collection[str], where: str) -> Problem:
    close = difflib.get_close_matches(ident, sorted(known), n=1)
    hint = f" (did you mean '{close[0]}'?)" if close else ""
    return Problem(loc, f"'{field}' names {ident!r}, {kind} is not in {where}{hint}")


def schedule_rules(doc: Document[Schedule], person_ids: Collection[str],
                   paper_ids: Collection[str] = ()) -> list[Problem]:
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
                problems.append(_unknown("who", "speakers", (*loc, "speakers", position), speaker, person_ids,
                                         "the people files"))
        if entry.papers and doc.model.papers_file is None:
            problems.append(Problem((*loc, "papers"), "'papers' needs 'papers_file' at the top of the file "
                                                      "(like papers_file: papers.yaml)"))
        elif entry.papers:
            for position, paper in enumerate(entry.papers):
                if paper not in paper_ids:
                    problems.append(_unknown("which", "papers", (*loc, "papers", position), paper, paper_ids,
                                             doc.model.papers_file or "the papers file"))
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
    papers: dict[str, Paper]
    #: The people and papers files the schedule draws on.
    files: list[Path]
    #: The papers file, when the schedule names one (PDF paths are relative to it).
    papers_path: Path | None = None


def people_files(schedule_path: Path, schedule: Schedule) -> list[Path]:
    """The people files a schedule names, resolved next to the schedule."""
    return [Path(os.path.normpath(schedule_path.parent / name)) for name in schedule.people]


def load_people(path: Path, root: Path) -> Document[PeopleFile]:
    doc = _read(path, PeopleFile, root)
    doc.fail(people_rules(doc))
    return doc


def load_schedule(path: Path, root: Path) -> ScheduleData:
    """The schedule, everyone it may name and the papers it may present; all problems raised together."""
    doc = _read(path, Schedule, root)
    files = people_files(path, doc.model)
    people: dict[str, Person] = {}
    messages: list[str] = []
    for index, people_path in enumerate(files):
        if not is_file(people_path):
            messages.append(doc.message(Problem(("people", index), f"'people' item {index + 1}: file "
                                                f"{doc.model.people[index]!r} not found next to {path.name}")))
            continue
        try:
            people.update((p.id, p) for p in load_people(people_path, root).model.people)
        except DataError as exc:
            messages += exc.messages
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
                papers = {p.id: p for p in load_papers(papers_path, root).model.papers}
            except DataError as exc:
                messages += exc.messages
    problems = schedule_rules(doc, people, papers) if not messages else []
    if messages or problems:
        raise DataError(messages + [doc.message(p) for p in problems], files=files)
    return ScheduleData(doc, people, papers, files, papers_path)


def load_papers(path: Path, root: Path) -> Document[PapersFile]:
    doc = _read(path, PapersFile, root)
    doc.fail(papers_rules(doc))
    return doc


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
