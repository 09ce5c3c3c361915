"""What Microsoft CMT gives organizers: the "Papers.txt" export and the camera-ready PDFs.

The export is a tab-separated table, first row the column names, in UTF-8 (with or without a
byte-order mark) or UTF-16, as CMT and spreadsheet programs save it. Authors are written
``Lovelace, Ada*; Gauss, Carl Friedrich``: family name first, ``*`` after the presenting author.
Every problem is a :class:`~sphinx_workshop.data.reading.DataError` message naming the file and line.
"""

from __future__ import annotations

import codecs
import csv
import io
import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from pydantic import ValidationError

from sphinx_workshop.data.model import Paper
from sphinx_workshop.data.reading import DataError, _problem_from, display_path

ID_COLUMN, TITLE_COLUMN, AUTHORS_COLUMN = "Paper ID", "Paper Title", "Author Names"
COLUMNS = (ID_COLUMN, TITLE_COLUMN, AUTHORS_COLUMN)
#: Byte-order marks, longest first (a UTF-32 mark begins like a UTF-16 one).
BOMS = ((codecs.BOM_UTF32_LE, None), (codecs.BOM_UTF32_BE, None), (codecs.BOM_UTF8, "utf-8-sig"),
        (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16"))
UNREADABLE = ("not UTF-8 or UTF-16 text: export the papers again from CMT, or save the file as "
              "'Unicode Text' or 'UTF-8'")
PRESENTER_MARK = "*"
#: A PDF starts with this within its first kilobyte.
PDF_MAGIC = b"%PDF-"
#: Folder entries that file managers and archivers leave behind.
IGNORED_NAMES = {"Thumbs.db", "desktop.ini", "__MACOSX"}

_SPACE = re.compile(r"\s+")
_DIGITS = re.compile(r"^[0-9]+$")


@dataclass(frozen=True)
class Submission:
    """One row of the export, already in the form of the papers file."""

    id: str
    title: str
    authors: tuple[str, ...]
    #: The author marked with ``*``; ``None`` when no one is marked.
    presenter: str | None
    line: int


@dataclass(frozen=True)
class Export:
    submissions: list[Submission]
    #: Remarks that do not stop the import (two presenters marked, say).
    notes: list[str]


def read_export(path: Path, root: Path) -> Export:
    """Read and check the whole export; raise every problem at once."""
    display = display_path(path, root)
    text = decode(_read_bytes(path, display), display)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter="\t")
    try:
        header = next(reader, [])
        columns = _column_indexes(header, display)
        submissions, problems, notes = [], [], []
        first_line = reader.line_num + 1
        for row in reader:
            if any(cell.strip() for cell in row):
                try:
                    submissions.append(_submission(row, columns, first_line, display, notes))
                except DataError as error:
                    problems += error.messages
            first_line = reader.line_num + 1
    except csv.Error as exc:
        raise DataError([f"{display}:{reader.line_num}: cannot be read as a tab-separated table ({exc})"]) from None
    problems += _duplicates(submissions, display)
    if problems:
        raise DataError(problems)
    if not submissions:
        raise DataError([f"{display}:2: the export lists no papers"])
    return Export(submissions, notes)


def _read_bytes(path: Path, display: str) -> bytes:
    try:
        return path.read_bytes()
    except FileNotFoundError:
        raise DataError([f"{display}: file not found"]) from None
    except IsADirectoryError:
        raise DataError([f"{display}: is a folder, not the exported Papers.txt"]) from None
    except OSError as exc:
        raise DataError([f"{display}: cannot be read ({exc.strerror})"]) from None


def decode(raw: bytes, display: str) -> str:
    """The text: a byte-order mark says the encoding; else NUL bytes betray UTF-16; else it must be UTF-8."""
    for bom, codec in BOMS:
        if raw.startswith(bom):
            if codec is None:
                raise DataError([f"{display}:1: {UNREADABLE}"])
            return _strict(raw, codec, display)
    if b"\0" in raw:  # UTF-16 without a mark: in Latin text, every other byte is zero
        little_endian = raw[1::2].count(0) >= raw[0::2].count(0)
        return _strict(raw, "utf-16-le" if little_endian else "utf-16-be", display)
    return _strict(raw, "utf-8", display)


def _strict(raw: bytes, codec: str, display: str) -> str:
    """Decode, refusing any byte that is not text (a NUL means the guess of encoding was wrong)."""
    try:
        text = raw.decode(codec)
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].decode(codec, errors="replace").count("\n") + 1
        raise DataError([f"{display}:{line}: {UNREADABLE}"]) from None
    if "\0" in text:
        line = text[: text.index("\0")].count("\n") + 1
        raise DataError([f"{display}:{line}: {UNREADABLE}"])
    return text


def _column_indexes(header: list[str], display: str) -> dict[str, int]:
    """Where each needed column is; names match ignoring case and spaces around them."""
    found = {_clean(name).casefold(): index for index, name in reversed(list(enumerate(header)))}
    missing = [name for name in COLUMNS if name.casefold() not in found]
    if missing:
        names = ", ".join(repr(_clean(h)) for h in header if _clean(h)) or "none"
        raise DataError([f"{display}:1: no column {name!r} (the columns are: {names}); export the papers list "
                         "from CMT with its default columns" for name in missing])
    return {name: found[name.casefold()] for name in COLUMNS}


def _clean(text: str) -> str:
    """One line of text, single spaces, composed accents (NFC), as the papers file keeps it."""
    return unicodedata.normalize("NFC", _SPACE.sub(" ", text.replace("\ufeff", "")).strip())


def _submission(row: list[str], columns: dict[str, int], line: int, display: str, notes: list[str]) -> Submission:
    def cell(name: str) -> str:
        index = columns[name]
        return _clean(row[index]) if index < len(row) else ""

    ident, title = cell(ID_COLUMN), cell(TITLE_COLUMN)
    authors, presenters = parse_authors(cell(AUTHORS_COLUMN))
    where = f"{display}:{line}: paper {ident}" if ident else f"{display}:{line}"
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
    try:
        Paper.model_validate({"id": ident, "title": title, "authors": authors, "presenter": presenter})
    except ValidationError as exc:
        raise DataError(f"{where}: {_problem_from(err, set(), {}).text}" for err in exc.errors()) from None
    return Submission(ident, title, tuple(authors), presenter, line)


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


def _duplicates(submissions: Iterable[Submission], display: str) -> list[str]:
    first: dict[str, int] = {}
    problems = []
    for submission in submissions:
        if submission.id in first:
            problems.append(f"{display}:{submission.line}: paper {submission.id} is listed twice "
                            f"(first on line {first[submission.id]})")
        else:
            first[submission.id] = submission.line
    return problems


def id_as_written(ident: str) -> int | str:
    """``12`` for the id "12", so that the papers file reads ``id: 12``; other ids stay text."""
    return int(ident) if _DIGITS.match(ident) and str(int(ident)) == ident else ident


def camera_ready(folder: Path, ids: Iterable[str], root: Path, export_display: str) -> dict[str, Path]:
    """The camera-ready PDF of each paper: ``<id>.pdf``, or the one PDF inside a folder ``<id>/``.

    Every PDF must belong to a paper in ``ids``; raise every problem at once.
    """
    display = display_path(folder, root)
    if not folder.is_dir():
        raise DataError([f"{display}: " + ("is not a folder" if folder.exists() else "folder not found")])
    known = set(ids)
    found: dict[str, Path] = {}
    problems = []
    for entry in sorted(folder.iterdir()):
        if entry.name.startswith(".") or entry.name in IGNORED_NAMES:
            continue
        if entry.is_dir():
            ident, label = entry.name, display_path(entry, root) + "/"
            pdfs = sorted(p for p in entry.rglob("*") if _is_pdf_name(p))
        elif _is_pdf_name(entry):
            ident, label, pdfs = entry.stem, display_path(entry, root), [entry]
        else:
            continue
        if not pdfs:
            continue  # no camera-ready version yet
        if ident not in known:
            problems.append(f"{label}: matches no paper in {export_display} or the papers file "
                            "(name each PDF by its paper id, like 12.pdf or 12/paper.pdf)")
        elif len(pdfs) > 1:
            listed = ", ".join(p.relative_to(entry).as_posix() for p in pdfs)
            problems.append(f"{label}: several PDFs ({listed}); keep only the paper's")
        elif ident in found:
            problems.append(f"{label}: a second camera-ready PDF for paper {ident} "
                            f"(the first is {display_path(found[ident], root)})")
        elif not _looks_like_pdf(pdfs[0]):
            problems.append(f"{display_path(pdfs[0], root)}: not a PDF file (it does not start with %PDF-)")
        else:
            found[ident] = pdfs[0]
    if problems:
        raise DataError(problems)
    return found


def _is_pdf_name(path: Path) -> bool:
    return path.suffix.lower() == ".pdf" and path.is_file() and not path.name.startswith(".")


def _looks_like_pdf(path: Path) -> bool:
    try:
        with path.open("rb") as file:
            return PDF_MAGIC in file.read(1024)
    except OSError:
        return False
