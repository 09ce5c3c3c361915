"""The data model: what a people, schedule or dates file may contain.

Pydantic checks each field on its own (types, required fields, unknown keys, formats);
checks that need several fields or several files at once live in ``rules.py``.
Field validators raise ``PydanticCustomError`` so that the message an organizer reads is
written here, in plain words, and not by the validation library.
"""

from __future__ import annotations

import datetime as dt
import re
import urllib.parse
from functools import cache
from typing import Annotated, ClassVar, Literal
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    StringConstraints,
)
from pydantic_core import PydanticCustomError

#: "Anywhere on Earth": the last time zone on Earth where a day ends, UTC-12.
AOE = "AoE"
AOE_ZONE = dt.timezone(dt.timedelta(hours=-12), AOE)

URL_SCHEMES = ("http", "https", "mailto")
PHOTO_SUFFIXES = (".jpg", ".jpeg", ".png", ".webp")

#: Schedule kinds and the label a visitor reads.
KIND_LABELS: dict[str, str] = {
    "introduction": "Introduction",
    "keynote": "Keynote",
    "talk": "Talk",
    "spotlight": "Spotlight",
    "panel": "Panel Discussion",
    "poster": "Poster Session",
    "break": "Break",
    "social": "Social",
    "closing": "Closing Remarks",
    "other": "Other",
}
Kind = Literal[
    "introduction", "keynote", "talk", "spotlight", "panel", "poster", "break", "social", "closing", "other"
]

_HHMM = re.compile(r"^([01]?[0-9]|2[0-3]):([0-5][0-9])$")
_ID = re.compile(r"^[a-z0-9](?:[a-z0-9-]{0,62}[a-z0-9])?$")


def shown(value: object, limit: int = 80) -> str:
    """A value as a message quotes it: ``repr``, cut short so a huge value gives a short message."""
    text = repr(value)
    return text if len(text) <= limit else text[: limit - 1] + "\u2026"


def _fail(kind: str, message: str, **context: object) -> PydanticCustomError:
    return PydanticCustomError(f"workshop_{kind}", message, context or None)


def _parse_hhmm(value: object) -> dt.time:
    """A clock time written ``HH:MM`` (24-hour), as organizers write it in a program."""
    if isinstance(value, dt.time):
        return value
    if not isinstance(value, str) or not _HHMM.match(value.strip()):
        raise _fail("hhmm", "must be a time written HH:MM, 24-hour (like 09:15), not {value}", value=shown(value))
    hours, minutes = value.strip().split(":")
    return dt.time(int(hours), int(minutes))


def _check_id(value: str) -> str:
    if not _ID.match(value):
        raise _fail(
            "id",
            "{value} is not a valid id: use lowercase letters, digits and hyphens (like 'perreault-levasseur')",
            value=shown(value),
        )
    return value


def _check_url(value: str) -> str:
    """Only links a visitor can safely follow: http, https and mailto."""
    parts = urllib.parse.urlsplit(value)
    if parts.scheme not in URL_SCHEMES:
        raise _fail("url", "must start with http://, https:// or mailto:, not {value}", value=shown(value))
    if any(ch.isspace() or ord(ch) < 32 for ch in value):
        raise _fail("url", "must not contain spaces or control characters")
    if parts.scheme == "mailto" and "@" not in parts.path:
        raise _fail("url", "{value} has no e-mail address after mailto:", value=shown(value))
    if parts.scheme != "mailto" and not parts.netloc:
        raise _fail("url", "{value} has no host name", value=shown(value))
    return value


@cache
def zone(name: str) -> dt.tzinfo:
    """The tzinfo for an IANA name or for ``AoE``."""
    if name == AOE:
        return AOE_ZONE
    return ZoneInfo(name)


def _check_zone(value: str, *, allow_aoe: bool) -> str:
    if value == AOE and allow_aoe:
        return value
    try:
        if value == AOE:
            raise ValueError(value)
        zone(value)
    except (ZoneInfoNotFoundError, ValueError, OSError):  # OSError: a folder of the tz database ("America")
        hint = " or AoE (Anywhere on Earth)" if allow_aoe else ""
        raise _fail(
            "timezone", "{value} is not a time zone: use an IANA name like America/New_York" + hint, value=shown(value)
        ) from None
    return value


def _check_photo(value: str) -> str:
    """A photo is a file inside the project, given relative to the data file."""
    if "://" in value or value.startswith(("/", "\\")) or ".." in value.replace("\\", "/").split("/"):
        raise _fail("photo", "must be a path relative to the data file (like photos/bouman.jpg), not {value}",
                    value=shown(value))
    if not value.lower().endswith(PHOTO_SUFFIXES):
        raise _fail("photo", "must be a JPEG, PNG or WebP file (.jpg, .jpeg, .png, .webp), not {value}",
                    value=shown(value))
    return value


def _check_pdf(value: str) -> str:
    """A PDF is a web link or a file inside the project, relative to the data file."""
    if "://" in value or value.startswith("mailto:"):
        _check_url(value)
        if value.startswith("mailto:"):
            raise _fail("url", "must be an http:// or https:// link or a path to a PDF file, not {value}",
                        value=shown(value))
        return value
    if value.startswith(("/", "\\")) or ".." in value.replace("\\", "/").split("/"):
        raise _fail("pdf", "must be a path relative to the data file (like papers/12.pdf) or a link, not {value}",
                    value=shown(value))
    if not value.lower().endswith(".pdf"):
        raise _fail("pdf", "must name a .pdf file, not {value}", value=shown(value))
    return value


_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def _no_control_characters(value: str) -> str:
    """Tabs and line breaks are text; other control characters are accidents (or attacks)."""
    found = _CONTROL.search(value)
    if found:
        raise _fail("control", "must not contain the control character {char}", char=shown(found.group()))
    return value


def _text(max_length: int):
    return Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=max_length),
                     AfterValidator(_no_control_characters)]


Text = _text(300)
LongText = _text(2000)
#: Paragraphs separated by blank lines: an abstract.
Paragraphs = _text(5000)
Keyword = _text(150)


def _number_as_id(value: object) -> object:
    """Submission systems number papers: ``id: 12`` means the id "12"."""
    return str(value) if isinstance(value, int) and not isinstance(value, bool) and value >= 0 else value


Id = Annotated[_text(64), BeforeValidator(_number_as_id), AfterValidator(_check_id)]
Url = Annotated[_text(2000), AfterValidator(_check_url)]
Clock = Annotated[dt.time, BeforeValidator(_parse_hhmm)]
IanaZone = Annotated[_text(64), AfterValidator(lambda v: _check_zone(v, allow_aoe=False))]
ZoneOrAoE = Annotated[_text(64), AfterValidator(lambda v: _check_zone(v, allow_aoe=True))]
PhotoPath = Annotated[_text(500), AfterValidator(_check_photo)]
RelPath = _text(500)
PdfLink = Annotated[_text(2000), AfterValidator(_check_pdf)]


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Person(_Model):
    id: Id
    name: Text
    affiliation: Text
    role: Text | None = None
    photo: PhotoPath | None = None
    homepage: Url | None = None


class PeopleFile(_Model):
    #: How a list item is named in a message, by the key of its list.
    item_labels: ClassVar[dict[str, str]] = {"people": "person"}

    people: list[Person] = Field(min_length=1)


class Entry(_Model):
    start: Clock
    end: Clock
    kind: Kind
    title: Text
    speakers: list[Id] = []
    papers: list[Id] = []
    link: Url | None = None

    @property
    def kind_label(self) -> str:
        return KIND_LABELS[self.kind]


class Schedule(_Model):
    item_labels: ClassVar[dict[str, str]] = {"entries": "entry"}

    date: dt.date
    timezone: IanaZone
    venue: Text | None = None
    people: list[RelPath] = []
    papers_file: RelPath | None = None
    entries: list[Entry] = Field(min_length=1)

    def instant(self, clock: dt.time) -> dt.datetime:
        """A venue clock time on the workshop day, as an aware datetime."""
        return dt.datetime.combine(self.date, clock, tzinfo=zone(self.timezone))


class Paper(_Model):
    id: Id
    title: Text
    authors: list[Text] = Field(min_length=1)
    #: One of ``authors``; the first author when not given.
    presenter: Text | None = None
    pdf: PdfLink | None = None
    spotlight: bool = False
    #: For the paper's own page: the abstract, and keywords (CMT's subject areas).
    abstract: Paragraphs | None = None
    keywords: list[Keyword] = []

    @property
    def presenting(self) -> str:
        return self.presenter or self.authors[0]


class PapersFile(_Model):
    item_labels: ClassVar[dict[str, str]] = {"papers": "paper"}

    #: When the list will be published; the page says so while ``papers`` is empty.
    announcement: dt.date | None = None
    papers: list[Paper] = []


class ImportantDate(_Model):
    id: Id
    label: Text
    date: dt.date
    time: Clock | None = None
    timezone: ZoneOrAoE | None = None
    note: LongText | None = None

    @property
    def instant(self) -> dt.datetime | None:
        """The exact moment of a timed date; ``None`` for a whole day."""
        if self.time is None or self.timezone is None:
            return None
        return dt.datetime.combine(self.date, self.time, tzinfo=zone(self.timezone))


class DatesFile(_Model):
    item_labels: ClassVar[dict[str, str]] = {"dates": "date"}

    dates: list[ImportantDate] = Field(min_length=1)

