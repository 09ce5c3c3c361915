"""What Microsoft CMT's submissions list says about each paper, in the form of the papers file.

The export (any format of :mod:`~sphinx_workshop.cli.tables`) has a header row and one row per
submission: every submission, accepted or not, with its ``Status``. Only the rows whose status is
chosen (by default, the accepted ones) become papers; the others are counted in the report.
Authors are written ``Lovelace, Ada*; Gauss, Carl Friedrich``: family name first, ``*`` after the
presenting author. Only the columns named here are read, and an e-mail address inside one of them
is removed (and reported), so that no address reaches the papers file, the report or the site.
Every problem is a :class:`~sphinx_workshop.data.reading.DataError` message naming the file and row.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from pydantic import ValidationError

from sphinx_workshop.cli.tables import Row, Table, read_table
from sphinx_workshop.data.model import Paper
from sphinx_workshop.data.reading import DataError, _problem_from, display_path

ID_COLUMN, TITLE_COLUMN, AUTHORS_COLUMN = "Paper ID", "Paper Title", "Author Names"
STATUS_COLUMN, ABSTRACT_COLUMN = "Status", "Abstract"
PRIMARY_AREA_COLUMN, SECONDARY_AREAS_COLUMN = "Primary Subject Area", "Secondary Subject Areas"
REQUIRED_COLUMNS = (ID_COLUMN, TITLE_COLUMN, AUTHORS_COLUMN)
OPTIONAL_COLUMNS = (STATUS_COLUMN, ABSTRACT_COLUMN, PRIMARY_AREA_COLUMN, SECONDARY_AREAS_COLUMN)
PRESENTER_MARK = "*"
#: The statuses imported unless --status says otherwise: "Accept", "Accept (Oral)", "Accept (Poster)" ...
ACCEPTED = "Accept*"
NO_STATUS = "(no status)"
EMAIL_REMOVED = "(e-mail address removed)"

_SPACE = re.compile(r"\s+")
_DIGITS = re.compile(r"^[0-9]+$")
#: An e-mail address: a local part without spaces or separators, ``@``, a domain with at least one dot.
_EMAIL = re.compile(r"[^\s@<>()\[\]{},;:\"']+@[\w-]+(?:\.[\w-]+)+")


class UsageError(Exception):
    """The command line asks for something impossible (``--update`` of an unknown paper)."""


@dataclass(frozen=True)
class StatusChoice:
    """Which rows become papers, by their ``Status``.

    Each pattern matches a status written the same way, ignoring case and extra spaces; a pattern
    ending in ``*`` matches every status that begins with the rest (``*`` alone matches every row).
    """

    patterns: tuple[str, ...] = (ACCEPTED,)

    def chooses(self, status: str) -> bool:
        return any(_matches(pattern, status) for pattern in self.patterns)

    def unmatched(self, statuses: Iterable[str]) -> list[str]:
        statuses = list(statuses)
        return [p for p in self.patterns if not any(_matches(p, status) for status in statuses)]

    @property
    def is_default(self) -> bool:
        return self.patterns == (ACCEPTED,)


def _matches(pattern: str, status: str) -> bool:
    pattern, status = _fold(pattern), _fold(status)
    return status.startswith(pattern[:-1]) if pattern.endswith("*") else status == pattern


def _fold(text: str) -> str:
    return _clean(text).casefold()


@dataclass(frozen=True)
class Submission:
    """One chosen row of the export, already in the form of the papers file."""

    id: str
    title: str
    authors: tuple[str, ...]
    #: The author marked with ``*``; ``None`` when no one is marked.
    presenter: str | None
    line: int
    #: Paragraphs separated by blank lines; ``None`` when the row has none.
    abstract: str | None = None
    #: The primary subject area, then the secondary ones.
    keywords: tuple[str, ...] = ()
    #: A link to the paper's PDF (OpenReview gives one; CMT's PDFs come with --camera-ready).
    pdf: str | None = None
    #: Selected for a talk (OpenReview's oral or spotlight papers; CMT does not say).
    spotlight: bool = False


@dataclass(frozen=True)
class Export:
    display: str
    #: The rows chosen by their status (all rows without a Status column), in export order.
    submissions: list[Submission]
    #: The fields of the papers file that this export gives (an old export has no abstracts).
    fields: tuple[str, ...]
    #: Papers of the export left out for their status: id → status.
    not_chosen: dict[str, str] = field(default_factory=dict)
    #: How many rows were left out, by status.
    skipped: Counter[str] = field(default_factory=Counter)
    #: Remarks that do not stop the import (two presenters marked, an e-mail address removed).
    notes: list[str] = field(default_factory=list)
    #: Where the papers come from, for the new file's comment: the system and the command.
    source: str = "CMT"
    command: str = "import-cmt"
    #: What the export is made of, for the report: "skipped 41 rows".
    item: str = "row"
    #: Lines that open the report, before the skipped count (which papers are imported).
    summary: list[str] = field(default_factory=list)
    #: What to do about a paper that is not imported, for --update's message.
    choice_hint: str = "--status chooses the statuses to import"

    @property
    def ids(self) -> set[str]:
        """Every paper id of the export, imported or not."""
        return {s.id for s in self.submissions} | set(self.not_chosen)

    def skipped_line(self) -> str | None:
        """``skipped 41 rows: 35 Reject, 6 Withdrawn``; ``None`` when every row was imported."""
        total = sum(self.skipped.values())
        if not total:
            return None
        return f"skipped {total} {self.item}{'s' * (total != 1)}: {counts(self.skipped)}"


def counts(statuses: Counter[str]) -> str:
    return ", ".join(f"{count} {status}" for status, count in sorted(statuses.items(), key=lambda i: (-i[1], i[0])))


def read_export(path: Path, root: Path, choice: StatusChoice = StatusChoice()) -> Export:
    """Read and check the whole export; raise every problem at once."""
    display = display_path(path, root)
    table = read_table(path, display)
    columns = _column_indexes(table, display)
    reader = _RowReader(columns, display)
    statuses: Counter[str] = Counter()
    export = Export(display, [], _fields(columns))
    problems: list[str] = []
    first: dict[str, int] = {}
    for row in table.rows:
        ident, status = reader.text(row, ID_COLUMN), reader.status(row)
        if ident in first:
            problems.append(f"{display}:{row.number}: paper {ident} is listed twice "
                            f"(first on {table.unit} {first[ident]})")
            continue
        if ident:
            first[ident] = row.number
        statuses[status or NO_STATUS] += 1
        if status is not None and not choice.chooses(status):
            export.skipped[status or NO_STATUS] += 1
            if ident:
                export.not_chosen[ident] = status or NO_STATUS
            continue
        try:
            export.submissions.append(reader.submission(row, export.notes))
        except DataError as error:
            problems += error.messages
    _check_choice(choice, statuses, STATUS_COLUMN in columns, display)
    if problems:
        raise DataError(problems)
    if not export.submissions:
        raise DataError([_no_papers(table, statuses if STATUS_COLUMN in columns else None, display)])
    return export


def _column_indexes(table: Table, display: str) -> dict[str, int]:
    """Where each known column is; names match ignoring case and spaces around them."""
    header = table.header.cells
    found = {_fold(name): index for index, name in reversed(list(enumerate(header)))}
    missing = [name for name in REQUIRED_COLUMNS if name.casefold() not in found]
    if missing:
        names = ", ".join(repr(_clean(h)) for h in header if _clean(h)) or "none"
        raise DataError([f"{display}:{table.header.number}: no column {name!r} (the columns are: {names}); "
                         "export the submissions from CMT with its default columns" for name in missing])
    return {name: found[name.casefold()] for name in (*REQUIRED_COLUMNS, *OPTIONAL_COLUMNS)
            if name.casefold() in found}


def _fields(columns: dict[str, int]) -> tuple[str, ...]:
    fields = ["title", "authors", "presenter"]
    if ABSTRACT_COLUMN in columns:
        fields.append("abstract")
    if PRIMARY_AREA_COLUMN in columns or SECONDARY_AREAS_COLUMN in columns:
        fields.append("keywords")
    return tuple(fields)


def _check_choice(choice: StatusChoice, statuses: Counter[str], has_status: bool, display: str) -> None:
    if choice.is_default:
        return
    if not has_status:
        raise UsageError(f"--status: {display} has no {STATUS_COLUMN!r} column; every row is imported")
    if unmatched := choice.unmatched(statuses):
        raise UsageError(f"--status {', '.join(map(repr, unmatched))}: no row of {display} has that status "
                         f"(the statuses are: {counts(statuses)})")


def _no_papers(table: Table, statuses: Counter[str] | None, display: str) -> str:
    if statuses is None or not statuses:
        return f"{display}:{table.header.number + 1}: the export lists no papers"
    return (f"{display}: no paper is accepted (the statuses are: {counts(statuses)}); once the decisions are "
            "made, accepted papers have a status starting with 'Accept'; --status imports others")


class _RowReader:
    """The cells of one row, cleaned, without e-mail addresses, named by column."""

    def __init__(self, columns: dict[str, int], display: str) -> None:
        self.columns, self.display = columns, display

    def raw(self, row: Row, column: str) -> str | None:
        index = self.columns.get(column)
        if index is None:
            return None
        return row.cells[index] if index < len(row.cells) else ""

    def text(self, row: Row, column: str) -> str:
        return _clean(_without_emails(self.raw(row, column) or "")[0])

    def status(self, row: Row) -> str | None:
        return None if STATUS_COLUMN not in self.columns else self.text(row, STATUS_COLUMN)

    def submission(self, row: Row, notes: list[str]) -> Submission:
        ident, title = self.text(row, ID_COLUMN), self.text(row, TITLE_COLUMN)
        where = f"{self.display}:{row.number}: paper {ident}" if ident else f"{self.display}:{row.number}"
        removed = [column for column in (TITLE_COLUMN, AUTHORS_COLUMN, *OPTIONAL_COLUMNS)
                   if _without_emails(self.raw(row, column) or "")[1]]
        notes += [f"{where}: removed an e-mail address from {column!r} (e-mail addresses are never published)"
                  for column in removed]
        authors, presenters = parse_authors(self.text(row, AUTHORS_COLUMN))
        problems = []
        if not ident:
            problems.append(f"{where}: no {ID_COLUMN!r}")
        if not title:
            problems.append(f"{where}: no title in {TITLE_COLUMN!r}")
        if not authors:
            problems.append(f"{where}: no authors in {AUTHORS_COLUMN!r}")
        if problems:
            raise DataError(problems)
        if len(presenters) > 1:
            notes.append(f"{where}: several authors are marked with '*' ({', '.join(presenters)}); "
                         f"the first, {presenters[0]}, presents")
        presenter = presenters[0] if presenters else None
        abstract = paragraphs(_without_emails(self.raw(row, ABSTRACT_COLUMN) or "")[0]) or None
        keywords = subject_areas(self.text(row, PRIMARY_AREA_COLUMN), self.text(row, SECONDARY_AREAS_COLUMN))
        _validate(where, {"id": ident, "title": title, "authors": authors, "presenter": presenter,
                          "abstract": abstract, "keywords": list(keywords)})
        return Submission(ident, title, tuple(authors), presenter, row.number, abstract, keywords)


def _validate(where: str, values: dict[str, object]) -> None:
    """The build's own check of one paper, worded as the build words it."""
    try:
        Paper.model_validate(values)
    except ValidationError as exc:
        raise DataError(f"{where}: {_problem_from(err, set(), {}).text}" for err in exc.errors()) from None


def _clean(text: str) -> str:
    """One line of text, single spaces, composed accents (NFC), as the papers file keeps it."""
    return unicodedata.normalize("NFC", _SPACE.sub(" ", text.replace("\ufeff", "")).strip())


def _without_emails(text: str) -> tuple[str, int]:
    """The text with every e-mail address replaced, and how many there were."""
    return _EMAIL.subn(EMAIL_REMOVED, text)


def paragraphs(text: str) -> str:
    """Paragraphs separated by one blank line; inside one, line breaks and tabs become single spaces."""
    found, lines = [], []
    for line in [*text.splitlines(), ""]:
        if line.strip():
            lines.append(line)
        elif lines:
            found.append(_clean(" ".join(lines)))
            lines = []
    return "\n\n".join(found)


def subject_areas(primary: str, secondary: str) -> tuple[str, ...]:
    """The primary area, then the ``;``-separated secondary ones; each once, in that order."""
    areas: dict[str, str] = {}
    for area in [primary, *secondary.split(";")]:
        area = _clean(area)
        if area:
            areas.setdefault(area.casefold(), area)
    return tuple(areas.values())


def parse_authors(text: str) -> tuple[list[str], list[str]]:
    """``Lovelace, Ada*; Gauss, Carl Friedrich`` → the names as printed, and those marked as presenting."""
    authors, presenters = [], []
    for entry in text.split(";"):
        entry = entry.strip()
        marked = entry.endswith(PRESENTER_MARK)
        name = person_name(entry.rstrip(PRESENTER_MARK + " "))
        if name:
            authors.append(name)
            if marked:
                presenters.append(name)
    return authors, presenters


def person_name(family_first: str) -> str:
    """``Gauss, Carl Friedrich`` → ``Carl Friedrich Gauss``; ``King, Jr., Martin Luther`` → ``Martin Luther King Jr.``.

    A name without a comma is kept as it is.
    """
    parts = [part.strip() for part in family_first.split(",")]
    parts = [part for part in parts if part]
    if len(parts) < 2:
        return " ".join(parts)
    family, *suffixes, given = parts
    return " ".join([given, family, *suffixes])


def id_as_written(ident: str) -> int | str:
    """``12`` for the id "12", so that the papers file reads ``id: 12``; other ids stay text."""
    return int(ident) if _DIGITS.match(ident) and str(int(ident)) == ident else ident


def status_choice(patterns: Sequence[str]) -> StatusChoice:
    """The choice of ``--status`` options; the accepted papers when there are none."""
    cleaned = tuple(_clean(p) for p in patterns if _clean(p))
    return StatusChoice(cleaned) if cleaned else StatusChoice()
