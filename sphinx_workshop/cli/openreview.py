"""What OpenReview's notes say about each accepted paper, in the form of the papers file.

The file is a venue's submission notes as OpenReview's API 2 returns them, saved by the organizer
(nothing is downloaded here): the API's own answer ``{"notes": [...]}``, with a ``"count"`` or not
(what a browser shows for ``https://api2.openreview.net/notes?content.venueid=...``), a JSON list
of notes (``json.dump`` of openreview-py's ``get_all_notes``), or one note per line. Each field
of a note's ``content`` is ``{"value": ...}``; API 1's plain values (``"title": "..."``) are read
the same way.

A note is accepted when its ``content.venueid`` is the venue's id: ``--venue-id``, or else the venue
id of most notes among those that name no decision of their own (``.../Rejected_Submission``,
``.../Withdrawn_Submission``, ``.../Desk_Rejected_Submission``, ``.../Submission`` while under
review). The others are counted in the report by what their venue id says. An accepted note
whose ``content.venue`` says oral or spotlight ("ICML 2022 Workshop ML4Astro Oral") is a spotlight.

A paper's id is the note's submission ``number`` (``id: 12``, as OpenReview shows "Submission12"):
stable, short, and what the schedule's ``papers: [12]`` and the page's ``#paper-12`` use. Its PDF is
``https://openreview.net/pdf?id=<note id>``, the link of the note's own PDF button, which always gives
the latest revision (the camera-ready version). Only the fields named here are read: ``authorids``
(profile ids or e-mail addresses) never are, and an e-mail address inside a title, a name, a keyword
or an abstract is removed and reported. Every problem is a
:class:`~sphinx_workshop.data.reading.DataError` message naming the file, the line and the note.
"""

from __future__ import annotations

import bisect
import json
import re
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from sphinx_workshop.cli.cmt import (
    Export,
    Submission,
    UsageError,
    _clean,
    _validate,
    _without_emails,
    counts,
    paragraphs,
)
from sphinx_workshop.data.model import shown
from sphinx_workshop.data.reading import DataError, display_path

#: A large conference's notes are a few tens of megabytes; anything far larger is another file.
MAX_NOTES_BYTES = 200_000_000
SITE = "https://openreview.net"
#: The last part of a venue id that OpenReview gives a submission without an acceptance, and what it means.
DECISIONS = (("Desk_Rejected_", "Desk rejected"), ("Withdrawn_", "Withdrawn"), ("Rejected_", "Rejected"))
UNDER_REVIEW = "Under review"
NO_VENUE_ID = "(no venue id)"
DELETED = "Deleted"
#: How the report counts an accepted note whose ``content.venue`` names no kind of acceptance.
ACCEPTED = "accepted"
#: The fields of the papers file that a note may give besides its title and authors.
OPTIONAL_FIELDS = ("keywords", "abstract", "pdf", "spotlight")
#: Words of ``content.venue`` that make an accepted paper a spotlight.
SPOTLIGHT = re.compile(r"\b(?:oral|spotlight)s?\b", re.IGNORECASE)
#: The kinds of acceptance the report counts, as ``content.venue`` names them.
KINDS = re.compile(r"\b(oral|spotlight|poster)s?\b", re.IGNORECASE)
HOW_TO_SAVE = ("save the notes as OpenReview's API returns them (see CONTRIBUTING.md, "
               "\"Import accepted papers from OpenReview\")")
AUTHORS_HIDDEN = ("in an anonymous venue, the authors are hidden from whoever downloaded the notes: download "
                  "them signed in as a program chair, or once OpenReview shows the authors of accepted papers")

_WHITESPACE = re.compile(r"[ \t\n\r]*")
_PYTHON_TEXT = re.compile(r"^\[?\s*(?:Note\(|\{')")
_JSON_PROBLEMS = (
    ("Expecting value", "a value is missing here (a comma before a closing bracket, or text that is not JSON)"),
    ("Expecting ',' delimiter", "a comma is missing between two values (or a bracket or brace is not closed)"),
    ("Expecting ':' delimiter", "a colon is missing after a key"),
    ("Expecting property name enclosed in double quotes",
     "a key in double quotes is expected here (a comma before a closing brace, or a key in single quotes)"),
    ("Unterminated string", "a text that starts here has no closing double quote (or the file is cut short)"),
    ("Invalid control character", "a line break or a tab inside a text (JSON writes them \\n and \\t)"),
    ("Invalid \\u", "a \\u escape needs four hexadecimal digits"),
    ("Invalid \\escape", "a backslash that starts no JSON escape (a backslash is written \\\\)"),
    ("Extra data", "more text after the end of the JSON (two downloads in one file?)"),
)


@dataclass(frozen=True)
class _Note:
    """One note of the file: its place, and what names it in messages."""

    index: int
    line: int
    data: object

    @property
    def fields(self) -> dict:
        return self.data if isinstance(self.data, dict) else {}

    @property
    def ident(self) -> str | None:
        value = self.fields.get("id")
        return value if isinstance(value, str) and value.strip() else None

    @property
    def number(self) -> int | None:
        value = self.fields.get("number")
        if isinstance(value, int) and not isinstance(value, bool) and value >= 0:
            return value
        if isinstance(value, str) and re.fullmatch(r"[0-9]+", value.strip()):
            return int(value)
        return None

    @property
    def content(self) -> dict | None:
        value = self.fields.get("content")
        return value if isinstance(value, dict) else None

    def where(self, display: str) -> str:
        names = [f"number {self.number}" if self.number is not None else "",
                 f"id {shown(self.ident)}" if self.ident else ""]
        named = ", ".join(name for name in names if name)
        return f"{display}:{self.line}: note {self.index}" + (f" ({named})" if named else "")


class _Field:
    """One field of a note's content: API 2's ``{"value": ...}``, or API 1's plain value."""

    MISSING, HIDDEN = object(), object()

    @classmethod
    def of(cls, content: dict, name: str) -> object:
        if name not in content:
            return cls.MISSING
        value = content[name]
        if isinstance(value, dict):
            # API 2 gives a field that the reader may not see as {"readers": [...]}, without its value.
            return value.get("value", cls.HIDDEN)
        return value


def read_notes(path: Path, root: Path, venue_id: str | None = None) -> Export:
    """Read and check the notes file; raise every problem at once."""
    display = display_path(path, root)
    notes = _notes(_read_text(path, display), display)
    if not notes:
        raise DataError([f"{display}:1: lists no notes: {HOW_TO_SAVE}"])
    problems = [f"{note.where(display)}: is not a note (an object with 'id', 'number' and 'content'), "
                f"but {_kind_of(note.data)}" for note in notes if not isinstance(note.data, dict)]
    problems += [f"{note.where(display)}: has no 'content' (the note's fields): {HOW_TO_SAVE}"
                 for note in notes if isinstance(note.data, dict) and note.content is None]
    if problems:
        raise DataError(problems)
    venue_ids = Counter(_venue_id(note) for note in notes)
    venue_ids.pop(None, None)
    if not venue_ids:
        raise DataError([f"{display}: no note has a 'content.venueid', so none can be told accepted: these are "
                         "not a venue's submissions (reviews, or an old venue that OpenReview gives no venue ids); "
                         f"{HOW_TO_SAVE}"])
    chosen, how = _chosen_venue(venue_ids, venue_id, display)
    reader = _NoteReader(display, chosen)
    problems = reader.check_numbers(notes)
    submissions: list[Submission] = []
    skipped: Counter[str] = Counter()
    not_chosen: dict[str, str] = {}
    remarks: list[str] = []
    kinds: Counter[str] = Counter()
    for note in notes:
        status = _status(note, chosen)
        if status is not None:
            skipped[status] += 1
            if note.number is not None and _in_venue(note, chosen):
                not_chosen.setdefault(str(note.number), status)
            continue
        try:
            submission, kind = reader.submission(note, remarks)
        except DataError as error:
            problems += error.messages
            continue
        submissions.append(submission)
        kinds[kind] += 1
    if problems:
        raise DataError(problems)
    accepted = sum(kinds.values())
    found = f": {counts(kinds)}" if set(kinds) != {ACCEPTED} else ""
    fields = ("title", "authors", *(name for name in OPTIONAL_FIELDS if name in reader.given))
    return Export(display, submissions, fields, not_chosen, skipped, remarks, source="OpenReview",
                  command="import-openreview", item="note",
                  summary=[f"{accepted} note{'s' * (accepted != 1)} accepted in {chosen} ({how}){found}"],
                  choice_hint=f"only the notes accepted in {chosen} are imported")


def _read_text(path: Path, display: str) -> str:
    try:
        if path.is_dir():
            raise IsADirectoryError
        size = path.stat().st_size
        if size > MAX_NOTES_BYTES:
            raise DataError([f"{display}: is {size:,} bytes, far larger than any venue's notes "
                             f"(at most {MAX_NOTES_BYTES:,}): check that the right file is named"])
        raw = path.read_bytes()
    except FileNotFoundError:
        raise DataError([f"{display}: file not found"]) from None
    except IsADirectoryError:
        raise DataError([f"{display}: is a folder, not the file of OpenReview notes"]) from None
    except OSError as exc:
        raise DataError([f"{display}: cannot be read ({exc.strerror})"]) from None
    if raw.startswith(b"%PDF-"):
        raise DataError([f"{display}: is a PDF file, not OpenReview's notes: {HOW_TO_SAVE}"])
    if raw.startswith(b"PK\x03\x04"):
        raise DataError([f"{display}: is a zip archive, not OpenReview's notes: {HOW_TO_SAVE}"])
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        raise DataError([f"{display}:{line}: not UTF-8 text: save the notes again with "
                         "open(name, 'w', encoding='utf-8') (Windows writes another encoding by default)"]) from None
    start = text.lstrip()
    if not start:
        raise DataError([f"{display}:1: the file is empty: {HOW_TO_SAVE}"])
    if start.startswith("<"):
        raise DataError([f"{display}: is a web page, not OpenReview's notes (a login or error page saved by "
                         f"the browser?): {HOW_TO_SAVE}"])
    if _PYTHON_TEXT.match(start):
        raise DataError([f"{display}:1: is Python's print() of the notes, not JSON: save them with json.dump "
                         "(see CONTRIBUTING.md, \"Import accepted papers from OpenReview\")"])
    return text


def _notes(text: str, display: str) -> list[_Note]:
    """The notes of the file in each shape it may have, each with the line where it starts."""
    lines = _Lines(text)
    decoder = json.JSONDecoder()
    try:
        start = _skip(text, 0)
        if text[start] == "[":
            found, end = _array(text, start, decoder)
            _end(text, end)
        else:
            first, end = decoder.raw_decode(text, start)
            if isinstance(first, dict) and "notes" in first and "content" not in first:
                found = _notes_of_answer(text, start, first, decoder, display)
                _end(text, end)
            elif isinstance(first, dict) and "content" not in first and _skip(text, end) == len(text):
                raise DataError([_not_notes(first, display)])
            else:  # one note, or one note per line
                found = [(start, first)]
                position = _skip(text, end)
                while position < len(text):
                    value, end = decoder.raw_decode(text, position)
                    found.append((position, value))
                    position = _skip(text, end)
    except json.JSONDecodeError as exc:
        raise DataError([_json_problem(exc, text, display)]) from None
    except RecursionError:
        raise DataError([f"{display}: is nested far too deeply to be OpenReview's notes: {HOW_TO_SAVE}"]) from None
    return [_Note(index, lines.of(offset), value) for index, (offset, value) in enumerate(found, 1)]


def _not_notes(answer: dict, display: str) -> str:
    """An object that is neither the API's answer nor a note: most often an error the API answered."""
    if isinstance(answer.get("message"), str):
        return f"{display}:1: is an error OpenReview answered, not notes: {shown(answer['message'])}; {HOW_TO_SAVE}"
    keys = ", ".join(shown(key) for key in list(answer)[:10]) or "none"
    return f"{display}:1: has no 'notes' (its keys are: {keys}): {HOW_TO_SAVE}"


def _skip(text: str, position: int) -> int:
    return _WHITESPACE.match(text, position).end()


def _end(text: str, end: int) -> None:
    """Nothing but white space may follow the JSON."""
    position = _skip(text, end)
    if position < len(text):
        raise json.JSONDecodeError("Extra data", text, position)


def _array(text: str, start: int, decoder: json.JSONDecoder) -> tuple[list[tuple[int, object]], int]:
    """The items of the JSON array at ``start``, each with its offset; and where the array ends."""
    items: list[tuple[int, object]] = []
    position = _skip(text, start + 1)
    if text.startswith("]", position):
        return items, position + 1
    while True:
        value, end = decoder.raw_decode(text, position)
        items.append((position, value))
        position = _skip(text, end)
        if text.startswith(",", position):
            position = _skip(text, position + 1)
        elif text.startswith("]", position):
            return items, position + 1
        else:
            raise json.JSONDecodeError("Expecting ',' delimiter", text, position)


def _notes_of_answer(text: str, start: int, answer: dict, decoder: json.JSONDecoder,
                     display: str) -> list[tuple[int, object]]:
    """The notes of the API's answer ``{"notes": [...], "count": N}`` (already read whole, so valid JSON)."""
    if not isinstance(answer["notes"], list):
        raise DataError([f"{display}:1: 'notes' is {_kind_of(answer['notes'])}, not a list of notes: {HOW_TO_SAVE}"])
    position = _skip(text, start + 1)
    while True:
        key, end = decoder.raw_decode(text, position)
        position = _skip(text, _skip(text, end) + 1)  # after the colon
        if key == "notes":
            found, _ = _array(text, position, decoder)
            return found
        _, end = decoder.raw_decode(text, position)
        position = _skip(text, _skip(text, end) + 1)  # after the comma


class _Lines:
    """The line of an offset in the text."""

    def __init__(self, text: str) -> None:
        self.starts = [match.end() for match in re.finditer("\n", text)]

    def of(self, offset: int) -> int:
        return bisect.bisect_right(self.starts, offset) + 1


def _json_problem(exc: json.JSONDecodeError, text: str, display: str) -> str:
    plain = next((words for start, words in _JSON_PROBLEMS if exc.msg.startswith(start)), exc.msg)
    if not text[exc.pos:].strip() and exc.msg != "Extra data":
        plain = "the file ends in the middle of the JSON: it was cut short (download it again)"
    return f"{display}:{exc.lineno}: not valid JSON, at line {exc.lineno}, column {exc.colno}: {plain}"


def _kind_of(value: object) -> str:
    if isinstance(value, bool) or value is None:
        return json.dumps(value)
    return {str: "a text", int: "a number", float: "a number", list: "a list", dict: "an object"}[type(value)]


def _venue_id(note: _Note) -> str | None:
    value = _Field.of(note.content or {}, "venueid")
    return (_clean(value) or None) if isinstance(value, str) else None


def _chosen_venue(venue_ids: Counter[str], given: str | None, display: str) -> tuple[str, str]:
    """The venue whose notes are accepted, and how it was chosen (for the report)."""
    listed = _listed(venue_ids.most_common())
    if given is not None:
        if given not in venue_ids:
            raise UsageError(f"--venue-id {given!r}: no note of {display} has that venue id "
                             f"(the venue ids are: {listed})")
        return given, "--venue-id"
    candidates = Counter({name: count for name, count in venue_ids.items() if _decision(name) is None})
    if not candidates:
        raise DataError([f"{display}: no note is accepted (the venue ids are: {listed}); once the decisions are "
                         "made, OpenReview gives accepted notes the venue's own id; --venue-id names it"])
    [(chosen, _), *others] = sorted(candidates.items(), key=lambda item: (-item[1], item[0]))
    how = "the venue id of most notes"
    if others:
        how += f"; also {_listed(others)}: --venue-id chooses"
    return chosen, how


def _listed(venue_ids: list[tuple[str, int]], most: int = 10) -> str:
    """``3 'ICML.cc/2022/Workshop/ML4Astro', 1 '.../Rejected_Submission'``; the first ``most`` of them."""
    listed = ", ".join(f"{count} {name!r}" for name, count in venue_ids[:most])
    return listed + (f" and {len(venue_ids) - most} more" if len(venue_ids) > most else "")


def _decision(venue_id: str) -> str | None:
    """What a venue id says of a submission that is not accepted (``.../Withdrawn_Submission``: Withdrawn)."""
    last = venue_id.rsplit("/", 1)[-1]
    for prefix, decision in DECISIONS:
        if last.startswith(prefix):
            return decision
    return UNDER_REVIEW if last.endswith("Submission") else None


def _in_venue(note: _Note, venue_id: str) -> bool:
    own = _venue_id(note)
    return own is not None and (own == venue_id or own.startswith(venue_id + "/"))


def _status(note: _Note, venue_id: str) -> str | None:
    """Why a note is not imported; ``None`` for an accepted note."""
    own = _venue_id(note)
    if note.fields.get("ddate"):
        return DELETED
    if own is None:
        return NO_VENUE_ID
    if own == venue_id:
        return None
    if own.startswith(venue_id + "/"):
        return _decision(own) or own.removeprefix(venue_id + "/").replace("_", " ")
    return f"venue {own}"


class _NoteReader:
    """The fields of accepted notes, cleaned, without e-mail addresses, as the papers file keeps them."""

    def __init__(self, display: str, venue_id: str) -> None:
        self.display, self.venue_id = display, venue_id
        #: The optional fields some accepted note gives.
        self.given: set[str] = set()

    def check_numbers(self, notes: list[_Note]) -> list[str]:
        """A note listed twice, or two of the venue's notes with one number, is a problem."""
        problems = []
        by_id: dict[str, _Note] = {}
        by_number: dict[int, _Note] = {}
        for note in notes:
            if note.ident is not None:
                if note.ident in by_id:
                    problems.append(f"{note.where(self.display)}: is listed twice (first as note "
                                    f"{by_id[note.ident].index}, line {by_id[note.ident].line})")
                    continue
                by_id[note.ident] = note
            if note.number is not None and _in_venue(note, self.venue_id):
                if note.number in by_number:
                    first = by_number[note.number]
                    problems.append(f"{note.where(self.display)}: number {note.number} is also the number of note "
                                    f"{first.index} (line {first.line}): each submission has its own number")
                    continue
                by_number[note.number] = note
        return problems

    def submission(self, note: _Note, notes: list[str]) -> tuple[Submission, str]:
        where = note.where(self.display)
        content = note.content or {}
        problems: list[str] = []
        if note.number is None:
            problems.append(f"{where}: no 'number' (the submission number, which becomes the paper's id): "
                            f"{HOW_TO_SAVE}; openreview-py's to_json() leaves it out")
        title = self.text(content, "title", where, problems, notes, required=True)
        authors = self.authors(content, where, problems, notes)
        abstract = self.text(content, "abstract", where, problems, notes, block=True)
        keywords = self.keywords(content, where, problems, notes)
        pdf = self.pdf(note, content, where, problems)
        venue = _Field.of(content, "venue")
        venue = _clean(venue) if isinstance(venue, str) else ""
        if venue:
            self.given.add("spotlight")
        if problems:
            raise DataError(problems)
        ident = str(note.number)
        spotlight = bool(SPOTLIGHT.search(venue))
        _validate(where, {"id": ident, "title": title, "authors": authors, "abstract": abstract,
                          "keywords": list(keywords), "pdf": pdf, "spotlight": spotlight})
        kind = KINDS.search(venue)
        submission = Submission(ident, title, tuple(authors), presenter=None, line=note.line, abstract=abstract,
                                keywords=keywords, pdf=pdf, spotlight=spotlight)
        return submission, kind.group(1).capitalize() if kind else ACCEPTED

    def _value(self, content: dict, name: str, where: str, problems: list[str], required: bool) -> object:
        value = _Field.of(content, name)
        if value is _Field.HIDDEN:
            if required:
                problems.append(f"{where}: 'content.{name}' is hidden from whoever downloaded the notes: "
                                "download them signed in as a program chair")
            return None
        if value is _Field.MISSING or value is None or value == "" or value == []:
            if required:
                problems.append(f"{where}: no {name} ('content.{name}')")
            return None
        self.given.add(name)
        return value

    def text(self, content: dict, name: str, where: str, problems: list[str], notes: list[str], *,
             required: bool = False, block: bool = False) -> str | None:
        value = self._value(content, name, where, problems, required)
        if value is None:
            return None
        if not isinstance(value, str):
            problems.append(f"{where}: 'content.{name}' must be text, not {_kind_of(value)}")
            return None
        value = self.without_emails(value, name, where, notes)
        cleaned = paragraphs(value) if block else _clean(value)
        if not cleaned and required:
            problems.append(f"{where}: no {name} ('content.{name}')")
        return cleaned or None

    def authors(self, content: dict, where: str, problems: list[str], notes: list[str]) -> list[str]:
        value = _Field.of(content, "authors")
        if value in (_Field.HIDDEN, _Field.MISSING, None, []):
            problems.append(f"{where}: no authors ('content.authors'): {AUTHORS_HIDDEN}")
            return []
        if not isinstance(value, list):
            problems.append(f"{where}: 'content.authors' must be a list of names, not {_kind_of(value)}")
            return []
        names = []
        for number, author in enumerate(value, 1):
            # openreview-py's newer notes give each author as {"fullname": ..., "username": ...}.
            name = author.get("fullname") if isinstance(author, dict) else author
            if not isinstance(name, str) or not _clean(name):
                problems.append(f"{where}: 'content.authors' item {number} is not a name "
                                f"({'no fullname' if isinstance(author, dict) else _kind_of(author)})")
                continue
            names.append(_clean(self.without_emails(name, "authors", where, notes)))
        return names

    def keywords(self, content: dict, where: str, problems: list[str], notes: list[str]) -> tuple[str, ...]:
        value = self._value(content, "keywords", where, problems, required=False)
        if value is None:
            return ()
        if isinstance(value, str):  # some venues ask for keywords as one text, separated by commas
            value = re.split(r"[,;]", value)
        if not isinstance(value, list):
            problems.append(f"{where}: 'content.keywords' must be a list of texts, not {_kind_of(value)}")
            return ()
        found: dict[str, str] = {}
        for number, item in enumerate(value, 1):
            if not isinstance(item, str):
                problems.append(f"{where}: 'content.keywords' item {number} is not a text ({_kind_of(item)})")
                continue
            keyword = _clean(self.without_emails(item, "keywords", where, notes))
            if keyword:
                found.setdefault(keyword.casefold(), keyword)
        return tuple(found.values())

    def pdf(self, note: _Note, content: dict, where: str, problems: list[str]) -> str | None:
        value = self._value(content, "pdf", where, problems, required=False)
        if value is None:
            return None
        if not isinstance(value, str):
            problems.append(f"{where}: 'content.pdf' must be text, not {_kind_of(value)}")
            return None
        value = value.strip()
        if value.startswith(("https://", "http://")):
            return value
        if value.startswith("/") and note.ident and re.fullmatch(r"[\w-]+", note.ident):
            return f"{SITE}/pdf?id={note.ident}"
        if value.startswith("/"):
            return SITE + value
        problems.append(f"{where}: 'content.pdf' {value!r} is neither OpenReview's path of a PDF (/pdf/...) nor a link")
        return None

    @staticmethod
    def without_emails(text: str, name: str, where: str, notes: list[str]) -> str:
        cleaned, removed = _without_emails(text)
        message = (f"{where}: removed an e-mail address from 'content.{name}' "
                   "(e-mail addresses are never published)")
        if removed and message not in notes:
            notes.append(message)
        return cleaned

