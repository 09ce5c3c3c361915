"""The rules across fields and files, run on a file that already fits the model.

Each rule takes a validated :class:`~sphinx_workshop.data.reading.Document` and returns the
problems it finds; an empty list means the data is consistent. Field-by-field checks (types,
required fields, formats) live in the model (``model.py``).
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable, Mapping
from itertools import pairwise
from pathlib import Path

from sphinx_workshop.data.model import (
    DatesFile,
    Day,
    Entry,
    Paper,
    PapersFile,
    PeopleFile,
    Person,
    Schedule,
    same_session,
    shown,
)
from sphinx_workshop.data.reading import Document, Loc, Problem, line_of, shown_text


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
        for kind, target in paper.links.given():
            if kind in ("slides", "poster") and "://" not in target and not is_file(doc.path.parent / target):
                problems.append(Problem(("papers", index, "links", kind), f"{kind!r} file {target!r} not found "
                                                                          f"next to {doc.path.name}"))
    return problems


def _folded(text: str) -> str:
    return " ".join(text.split()).casefold()


def _unknown(kind: str, field: str, loc: Loc, written: str, known: Mapping[str, str], where: str,
             one: bool = False) -> Problem:
    """An id that names nothing in ``known`` (id -> name or title): the id that was meant, when it is clear.

    Organizers write what they see on the page: a name for a person, a title for a paper, or an id
    with another case. Those are recognised exactly; a near miss of an id or a name is suggested.
    ``one``: the field holds one id (``room``), not a list.
    """
    by_spelling = {**{_folded(label): ident for ident, label in known.items()}, **{_folded(i): i for i in known}}
    meant = by_spelling.get(_folded(written))
    if meant is not None:
        return Problem(loc, f"'{field}' must {'be an id' if one else 'list ids'}: use the id {meant!r} "
                            f"({shown_text(known[meant], 60)}), not {shown(written)}")
    close = difflib.get_close_matches(_folded(written), sorted(by_spelling), n=1)
    hint = ""
    if close:
        ident = by_spelling[close[0]]
        hint = f" (did you mean {ident!r}, {shown_text(known[ident], 60)}?)"
    return Problem(loc, f"'{field}' names {shown(written)}, {kind} is not in {where}{hint}")


#: Why an entry without a room may not overlap anything, said after the overlap.
FOR_EVERYONE = " (an entry without 'room' is for everyone: nothing else can run at the same time)"


def schedule_rules(doc: Document[Schedule], people: Mapping[str, Person],
                   papers: Mapping[str, Paper] | None = None) -> list[Problem]:
    schedule = doc.model
    names = {ident: person.name for ident, person in people.items()}
    titles = {ident: paper.title for ident, paper in (papers or {}).items()}
    rooms = {room.id: room.name for room in schedule.rooms}
    problems = unique_ids("rooms", schedule.rooms) + days_in_order(schedule)
    for where, day in schedule.located_days():
        problems += times_of_the_day(schedule, where, day)
        for index, entry in enumerate(day.entries):
            loc: Loc = (*where, "entries", index)
            if entry.room is not None and not schedule.rooms:
                problems.append(Problem((*loc, "room"), "'room' needs 'rooms' at the top of the file, with each "
                                        "room's id and name (like rooms: [{id: main, name: Main hall}])"))
            elif entry.room is not None and entry.room not in rooms:
                problems.append(_unknown("which", "room", (*loc, "room"), entry.room, rooms, "'rooms'", one=True))
            for position, speaker in enumerate(entry.speakers):
                if speaker not in people:
                    problems.append(_unknown("who", "speakers", (*loc, "speakers", position), speaker, names,
                                             "the people files"))
            if entry.papers and schedule.papers_file is None:
                problems.append(Problem((*loc, "papers"), "'papers' needs 'papers_file' at the top of the file "
                                                          "(like papers_file: papers.yaml)"))
            elif entry.papers:
                for position, paper in enumerate(entry.papers):
                    if paper not in titles:
                        problems.append(_unknown("which", "papers", (*loc, "papers", position), paper, titles,
                                                 schedule.papers_file or "the papers file"))
    return sorted(problems, key=lambda p: p.line or line_of(doc.lines, p.loc))


def poster_sessions(papers: Document[PapersFile], schedule: Schedule) -> list[Problem]:
    """Each paper's ``poster.session`` names a ``poster`` entry of the schedule that draws on the papers file,
    by its title (case and spaces aside): the paper's page and the session's row find each other by it."""
    titles = sorted({entry.title for _, entry in schedule.slots() if entry.kind == "poster" and entry.title})
    problems = []
    for index, paper in enumerate(papers.model.papers):
        if paper.poster is None or any(same_session(paper.poster.session, title) for title in titles):
            continue
        written = paper.poster.session
        by_spelling = {_folded(title): title for title in titles}
        close = difflib.get_close_matches(_folded(written), sorted(by_spelling), n=1, cutoff=0.6)
        if close:
            hint = f" (did you mean {by_spelling[close[0]]!r}?)"
        elif titles:
            hint = " (its poster sessions: " + ", ".join(repr(title) for title in titles) + ")"
        else:
            hint = " (the schedule has no entry of kind poster)"
        problems.append(Problem(("papers", index, "poster", "session"),
                                f"'poster' {shown(written)} is no poster session of the schedule{hint}"))
    return problems


def days_in_order(schedule: Schedule) -> list[Problem]:
    """The days of a schedule of several, each once, in date order."""
    problems = []
    seen: dict[object, int] = {}
    for index, day in enumerate(schedule.days):
        loc: Loc = ("days", index, "date")
        if day.date in seen:
            problems.append(Problem(loc, f"'date' {day.date} is day {seen[day.date] + 1} already: put all of a "
                                         "day's entries under one date"))
        elif index and day.date < schedule.days[index - 1].date:
            problems.append(Problem(loc, f"'date' {day.date} comes before the previous day's "
                                         f"{schedule.days[index - 1].date}: keep the days in date order"))
        seen.setdefault(day.date, index)
    return problems


def times_of_the_day(schedule: Schedule, where: Loc, day: Day) -> list[Problem]:
    """A day's entries: each ends after it starts, in time order, and none overlaps another in its room.

    An entry without a room (a keynote, a break) is for everyone: it may overlap nothing. Entries in
    different rooms may run at the same time.
    """
    problems = []
    previous = None
    #: Room (``None``: no room) -> (index, entry) of the entry there that ends last so far.
    last: dict[str | None, tuple[int, Entry]] = {}
    for index, entry in enumerate(day.entries):
        loc: Loc = (*where, "entries", index)
        if entry.end <= entry.start:
            problems.append(Problem((*loc, "end"), f"'end' {entry.end:%H:%M} is before 'start' {entry.start:%H:%M}"
                                    if entry.end < entry.start else f"'end' {entry.end:%H:%M} equals 'start'"))
        if previous is not None and entry.start < previous.start:
            problems.append(Problem((*loc, "start"), f"'start' {entry.start:%H:%M} comes before the previous "
                                    f"entry's start {previous.start:%H:%M}: keep entries in time order"))
        elif (clash := _overlapped(entry, last)) is not None:
            other_index, other = clash
            where_text = ""
            if entry.room is not None and other.room == entry.room:
                where_text = f" in {shown_text(schedule.room_name(entry.room) or entry.room, 60)}"
            why = FOR_EVERYONE if schedule.rooms and (entry.room is None or other.room is None) else ""
            problems.append(Problem((*loc, "start"), f"'start' {entry.start:%H:%M} overlaps entry {other_index + 1}"
                                    f"{where_text}, which ends at {other.end:%H:%M}{why}"))
        if entry.room not in last or entry.end > last[entry.room][1].end:
            last[entry.room] = (index, entry)
        previous = entry
    return problems


def _overlapped(entry: Entry, last: Mapping[str | None, tuple[int, Entry]]) -> tuple[int, Entry] | None:
    """The earlier entry this one overlaps, if any: in its room or one for everyone; for everyone: any."""
    rooms = list(last) if entry.room is None else [entry.room, None]
    candidates = [last[room] for room in rooms if room in last and last[room][1].end > entry.start]
    return min(candidates, key=lambda found: found[0]) if candidates else None


def dates_rules(doc: Document[DatesFile]) -> list[Problem]:
    problems = unique_ids("dates", doc.model.dates)
    for index, item in enumerate(doc.model.dates):
        if item.time is not None and item.timezone is None:
            problems.append(Problem(("dates", index, "time"), "'timezone' is required with 'time' "
                                                             "(an IANA name like Europe/Paris, or AoE)"))
    return problems + chronological(doc)


def chronological(doc: Document[DatesFile]) -> list[Problem]:
    """The dates are listed in time order, as the pages show them: a date out of place is a slip."""
    problems = []
    for index, (before, item) in enumerate(pairwise(doc.model.dates), start=1):
        if item.date < before.date:
            problems.append(Problem(("dates", index, "date"), f"'date' {item.date} comes before the previous "
                                    f"date's {before.date}: keep the dates in chronological order"))
        elif item.date == before.date and item.instant and before.instant and item.instant < before.instant:
            problems.append(Problem(("dates", index, "time"), f"'time' {item.time:%H:%M} {item.timezone} comes "
                                    f"before the previous date's {before.time:%H:%M} {before.timezone}: keep the "
                                    "dates in chronological order"))
    return problems


