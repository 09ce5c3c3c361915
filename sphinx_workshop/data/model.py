"""The data model: what a people, schedule or dates file may contain.

Pydantic checks each field on its own (types, required fields, unknown keys, formats);
checks that need several fields or several files at once live in ``rules.py``.
Field validators raise ``PydanticCustomError`` so that the message an organizer reads is
written here, in plain words, and not by the validation library.
"""

from __future__ import annotations

import datetime as dt
import difflib
import re
import unicodedata
import urllib.parse
from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache
from typing import Annotated, Any, ClassVar
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    StringConstraints,
    ValidationInfo,
    WrapValidator,
    model_validator,
)
from pydantic_core import PydanticCustomError

from sphinx_workshop.data import zones
from sphinx_workshop.data.times import AOE, AOE_ZONE
from sphinx_workshop.data.wording import N_

URL_SCHEMES = ("http", "https", "mailto")
PHOTO_SUFFIXES = (".jpg", ".jpeg", ".png", ".webp")

#: The session kinds every schedule knows, and the label a visitor reads: the one table of kinds (in English:
#: pages and calendars translate it, ``wording.py``). A site adds kinds, or other labels for these, with
#: ``workshop_session_kinds`` in conf.py (:class:`SessionKinds`).
KIND_LABELS: dict[str, str] = {
    # Translators: the kinds of session of a schedule, in its table and in calendar files: the opening words.
    "introduction": N_("Introduction"),
    # Translators: a kind of session: a talk by an invited speaker.
    "keynote": N_("Keynote"),
    # Translators: a kind of session: a contributed talk.
    "talk": N_("Talk"),
    # Translators: a kind of session: short talks on selected papers.
    "spotlight": N_("Spotlight"),
    "panel": N_("Panel Discussion"),
    "poster": N_("Poster Session"),
    "break": N_("Break"),
    # Translators: a kind of session: a social event.
    "social": N_("Social"),
    "closing": N_("Closing Remarks"),
    # Translators: a kind of session that is none of the others.
    "other": N_("Other"),
}
#: The conf.py value that extends :data:`KIND_LABELS`.
KINDS_SETTING = "workshop_session_kinds"

#: An item of a list written as text that can go between brackets as it is.
_PLAIN_ITEM = re.compile(r"^[^\s'\"\[\]{}#&*!|>%@`:,-][^\[\]{}#:,]*$")

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


@dataclass(frozen=True)
class SessionKinds:
    """The kinds an entry may have, each with the label a visitor reads and the class its row gets.

    The built-in kinds (:data:`KIND_LABELS`) and those of ``workshop_session_kinds``; a schedule is read
    with them (the model gets them as its validation context), and every output takes its labels from here.
    """

    #: (kind, label) in the order messages list them: the built-in kinds, then the site's own.
    items: tuple[tuple[str, str], ...]

    def __post_init__(self) -> None:
        labels = dict(self.items)
        spellings = {**{label.casefold(): kind for kind, label in labels.items()}, **{k: k for k in labels}}
        object.__setattr__(self, "_labels", labels)
        object.__setattr__(self, "_spellings", spellings)

    @classmethod
    def with_site(cls, extra: Mapping[str, str] | None = None) -> SessionKinds:
        """The built-in kinds with the site's: a new kind is added at the end, a built-in one relabelled."""
        return cls(tuple({**KIND_LABELS, **dict(extra or {})}.items()))

    @classmethod
    def from_setting(cls, value: object) -> tuple[SessionKinds, list[str]]:
        """The kinds ``workshop_session_kinds`` gives, and a message for each of its mistakes (left out)."""
        if value is None or value == {}:
            return DEFAULT_KINDS, []
        if not isinstance(value, Mapping):
            return DEFAULT_KINDS, [f"{KINDS_SETTING} must be a mapping of kinds to the labels a visitor reads, "
                                   f"like {{'tutorial': 'Tutorial'}}, not {_kind_of(value)}"]
        good: dict[str, str] = {}
        problems = []
        for kind, label in value.items():
            if not isinstance(kind, str) or not _ID.match(kind):
                problems.append(f"{KINDS_SETTING}: {shown(kind)} is not a valid kind: use lowercase letters, "
                                "digits and hyphens (like 'lightning-talk')")
            elif not isinstance(label, str):
                problems.append(f"{KINDS_SETTING}: the label of {kind!r} must be text, not {_kind_of(label)}")
            elif not label.strip() or len(label.strip()) > 100 or _CONTROL.search(label):
                problems.append(f"{KINDS_SETTING}: the label of {kind!r} must be a short text: 1 to 100 "
                                "characters, without control characters")
            else:
                good[kind] = " ".join(label.split())
        return cls.with_site(good), problems

    def __contains__(self, kind: object) -> bool:
        return kind in self._labels  # type: ignore[attr-defined]

    def __iter__(self):
        return iter(self._labels)  # type: ignore[attr-defined]

    def label(self, kind: str) -> str:
        """What a visitor reads for the kind (the session column, the calendar's category)."""
        return self._labels[kind]  # type: ignore[attr-defined]

    @staticmethod
    def css_class(kind: str) -> str:
        """The class of the kind's rows (``ws-kind-break`` is shaded by workshop.css)."""
        return f"ws-kind-{kind}"

    def check(self, value: object) -> str:
        """``Keynote`` or ``Panel Discussion`` for ``keynote`` or ``panel``: say which kind was meant."""
        if isinstance(value, str) and value in self:
            return value
        kinds = ", ".join(map(repr, list(self)[:-1])) + f" or {list(self)[-1]!r}"
        if not isinstance(value, str):
            raise _fail("kind", "must be one of {kinds}, not {value}", kinds=kinds, value=shown(value))
        written = " ".join(value.split())
        spellings: dict[str, str] = self._spellings  # type: ignore[attr-defined]
        meant = spellings.get(written.casefold())
        if meant == written.lower() and written != meant:
            raise _fail("kind", "must be written in lowercase: {meant}, not {value}", meant=repr(meant),
                        value=shown(value))
        if meant is None:
            close = difflib.get_close_matches(written.casefold(), list(spellings), n=1)
            meant = spellings[close[0]] if close else None
        hint = f" (did you mean {meant!r}?)" if meant else ""
        raise _fail("kind", "must be one of {kinds}, not {value}" + hint, kinds=kinds, value=shown(value))


DEFAULT_KINDS = SessionKinds.with_site()


def _kind_of(value: object) -> str:
    """What a value from conf.py is, in words."""
    return {dict: "a mapping", list: "a list", tuple: "a list", str: "text", int: "a number", float: "a number",
            bool: "true/false", type(None): "empty"}.get(type(value), type(value).__name__)


def _check_kind(value: object, info: ValidationInfo) -> object:
    """Checked against the kinds the schedule is read with (the built-in ones without a context)."""
    kinds = (info.context or {}).get("kinds", DEFAULT_KINDS)
    return kinds.check(value)


def _list_not_text(value: object) -> object:
    """``speakers: bouman, tran`` is one piece of text: show it as the list it was meant to be."""
    if isinstance(value, bool) or not isinstance(value, str | int):
        return value
    items = [item.strip() for item in str(value).split(",")]
    if all(_PLAIN_ITEM.match(item) for item in items) and len(str(value)) <= 300:
        raise _fail("list_text", "must be a list: put the items in brackets: [{items}]", items=", ".join(items))
    raise _fail("list_text", "must be a list: write each item on a line of its own, starting with '- '")


def _check_url(value: str) -> str:
    """Only links a visitor can safely follow: http, https and mailto."""
    parts = urllib.parse.urlsplit(value)
    if not parts.scheme and value.startswith("www."):
        raise _fail("url", "must start with http://, https:// or mailto:, not {value} (write {fix})",
                    value=shown(value), fix=shown(f"https://{value}"))
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
        like = zones.MEANT.get(value, "America/New_York")
        raise _fail(
            "timezone", "{value} is not a time zone: use an IANA name like {like}" + hint, value=shown(value), like=like
        ) from None
    why = zones.not_a_place(value)
    if why:
        raise _fail("timezone", "{value} " + why, value=shown(value))
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


def _is_link(value: str, kind: str, what: str, example: str) -> bool:
    """Whether a link-or-file field holds a web link (checked); else it is a path inside the project,
    relative to the data file: ``kind`` and ``example`` word the message when it is not."""
    if "://" in value or value.startswith("mailto:"):
        _check_url(value)
        if value.startswith("mailto:"):
            raise _fail("url", f"must be an http:// or https:// link or a path to {what}, not {{value}}",
                        value=shown(value))
        return True
    if value.startswith(("/", "\\")) or ".." in value.replace("\\", "/").split("/"):
        raise _fail(kind, f"must be a path relative to the data file (like {example}) or a link, not {{value}}",
                    value=shown(value))
    return False


def _check_pdf(value: str) -> str:
    """A PDF is a web link or a file inside the project, relative to the data file."""
    if _is_link(value, "pdf", "a PDF file", "papers/12.pdf"):
        return value
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


#: Invisible characters that pasting leaves at the edges of a value: a byte-order mark (from a spreadsheet's
#: UTF-8 export), zero-width spaces and joiners. Not text anyone wrote; a calendar program drops them too.
INVISIBLE_EDGES = "\ufeff\u200b\u200c\u200d\u2060"


def trim_invisible(value: object) -> object:
    return value.strip(INVISIBLE_EDGES + " \t\r\n") if isinstance(value, str) else value


def _text(max_length: int):
    return Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=max_length),
                     AfterValidator(_no_control_characters), BeforeValidator(trim_invisible)]


Text = _text(300)
LongText = _text(2000)
#: Paragraphs separated by blank lines: an abstract.
Paragraphs = _text(5000)
Keyword = _text(150)


def _number_as_id(value: object) -> object:
    """Submission systems number papers: ``id: 12`` means the id "12"."""
    return str(value) if isinstance(value, int) and not isinstance(value, bool) and value >= 0 else value


Id = Annotated[_text(64), BeforeValidator(_number_as_id), AfterValidator(_check_id)]
#: The id of something in another file, as written: the rules, which know that file, say what is wrong.
Reference = Annotated[Text, BeforeValidator(_number_as_id)]
Url = Annotated[_text(2000), AfterValidator(_check_url)]
Clock = Annotated[dt.time, BeforeValidator(_parse_hhmm)]
IanaZone = Annotated[_text(64), AfterValidator(lambda v: _check_zone(v, allow_aoe=False))]
ZoneOrAoE = Annotated[_text(64), AfterValidator(lambda v: _check_zone(v, allow_aoe=True))]
PhotoPath = Annotated[_text(500), AfterValidator(_check_photo)]
RelPath = _text(500)
PdfLink = Annotated[_text(2000), AfterValidator(_check_pdf)]
#: Lists of text that say how to write the list when it is given as text (``speakers: bouman, tran``).
References = Annotated[list[Reference], BeforeValidator(_list_not_text)]
Paths = Annotated[list[RelPath], BeforeValidator(_list_not_text)]
Names = Annotated[list[Text], BeforeValidator(_list_not_text)]


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Person(_Model):
    id: Id
    name: Text
    affiliation: Text
    role: Text | None = None
    photo: PhotoPath | None = None
    homepage: Url | None = None
    #: A few paragraphs about the person, separated by blank lines: folded on their card.
    bio: Paragraphs | None = None


class PeopleFile(_Model):
    #: How a list item is named in a message, by the key of its list.
    item_labels: ClassVar[dict[str, str]] = {"people": "person"}

    people: list[Person] = Field(min_length=1)


class _Untitled:
    """An entry written without ``title``, and the number of its ``papers``: only one paper may stand for it."""

    def __init__(self, papers: int) -> None:
        self.papers = papers


def _title_written(value: object) -> object:
    """``title:`` with nothing after it is an empty value, as for any text; a missing title needs one paper."""
    if value is None:
        raise PydanticCustomError("string_type", "must be text")
    if isinstance(value, _Untitled):
        if value.papers:
            raise _fail("title", "is required for a slot of {count} papers (only a slot of one paper may leave it "
                                 "out and show the title of the paper)", count=value.papers)
        raise _fail("title", "is required (only a slot of one paper, in 'papers', may leave it out and show the "
                             "title of the paper)")
    return value


class Entry(_Model):
    start: Clock
    end: Clock
    #: One of the schedule's :class:`SessionKinds`, which the validation context gives.
    kind: Annotated[str, BeforeValidator(_check_kind)]
    #: Required, except in a slot of exactly one paper: the paper's title is then the slot's (``titled``).
    title: Annotated[Text | None, BeforeValidator(_title_written)] = None
    #: Person ids; a name or an unknown id is named by the schedule rules, which know the people.
    speakers: References = []
    #: Paper ids, checked against the papers file by the rules.
    papers: References = []
    link: Url | None = None
    #: The id of one of the schedule's ``rooms``, checked by the rules; none: for everyone (a keynote, a break).
    room: Reference | None = None
    #: What the talk or session is about, in paragraphs separated by blank lines: folded on the program.
    abstract: Paragraphs | None = None

    @model_validator(mode="before")
    @classmethod
    def _untitled(cls, data: object) -> object:
        """No ``title``: ask the title's validator to say so, unless ``papers`` is a list of exactly one id.

        When ``papers`` is not a list at all, its own message comes first; the title is checked once it is one.
        """
        if isinstance(data, dict) and "title" not in data:
            papers = data.get("papers", [])
            if isinstance(papers, list) and len(papers) != 1:
                return {**data, "title": _Untitled(len(papers))}
        return data

    def titled(self, papers: Mapping[str, Paper]) -> Entry:
        """The entry with its title: its own, or, in a slot of one paper without one, the paper's."""
        if self.title is not None or len(self.papers) != 1 or self.papers[0] not in papers:
            return self
        return self.model_copy(update={"title": papers[self.papers[0]].title})

    def shows_paper_title(self, papers: Mapping[str, Paper]) -> bool:
        """A slot of one paper whose title is the paper's (left out, or written again): shown once, as the row's."""
        if len(self.papers) != 1 or self.papers[0] not in papers:
            return False
        return self.title is None or _same_words(self.title, papers[self.papers[0]].title)


def _same_words(one: str, other: str) -> bool:
    return " ".join(one.split()).casefold() == " ".join(other.split()).casefold()


class Room(_Model):
    id: Id
    name: Text


class Day(_Model):
    """One day of a schedule: its date and its entries, in time order."""

    date: dt.date
    entries: list[Entry] = Field(min_length=1)


def slot_anchor(day: dt.date, entry: Entry) -> str:
    """The id of an entry's row, its calendar event and its speakers' links: ``slot-2022-07-22-0915``, with the
    room when it has one (two rooms may start a slot at one time): ``slot-2022-07-23-1400-hall-b``."""
    anchor = f"slot-{day:%Y-%m-%d}-{entry.start:%H%M}"
    return f"{anchor}-{entry.room}" if entry.room else anchor


def day_anchor(day: dt.date) -> str:
    return f"day-{day:%Y-%m-%d}"


#: The keys of a one-day schedule that a schedule of several ``days`` has on each day instead.
ONE_DAY_KEYS = ("date", "entries")


class _UnderDays:
    """A one-day key's value (or :data:`_ABSENT`) in a schedule that has ``days``."""

    def __init__(self, value: object) -> None:
        self.value = value


_ABSENT = object()


def _one_day_only(value: object, handler: Any, info: ValidationInfo) -> object:
    """``date`` and ``entries``: required for one day, as written; absent (``None``) with ``days``."""
    if isinstance(value, _UnderDays):
        if value.value is _ABSENT:
            return None
        raise _fail("days", "cannot be given with 'days': each day has its own {field} (a schedule has either "
                            "'date' and 'entries', for one day, or 'days', for several)", field=repr(info.field_name))
    return handler(value)


class Schedule(_Model):
    """A program of one day (``date``, ``entries``) or of several (``days``), in one time zone, in one or more rooms.

    :attr:`program` is the list of days either way: the renderers and the rules read only that.
    """

    item_labels: ClassVar[dict[str, str]] = {"entries": "entry", "days": "day", "rooms": "room"}

    #: The day of a one-day schedule; ``None`` with ``days``.
    date: Annotated[dt.date, WrapValidator(_one_day_only)]
    timezone: IanaZone
    venue: Text | None = None
    people: Paths = []
    papers_file: RelPath | None = None
    #: The entries of a one-day schedule; ``None`` with ``days``.
    entries: Annotated[list[Entry], Field(min_length=1), WrapValidator(_one_day_only)]
    #: The rooms (or tracks) entries may name; entries without a room are for everyone.
    rooms: list[Room] = []
    #: Several days, each with its date and entries; empty for a one-day schedule.
    days: list[Day] = Field(default=[], min_length=1)

    @model_validator(mode="before")
    @classmethod
    def _several_days(cls, data: object) -> object:
        if isinstance(data, dict) and "days" in data:
            return {**data, **{key: _UnderDays(data.get(key, _ABSENT)) for key in ONE_DAY_KEYS}}
        return data

    @property
    def several_days(self) -> bool:
        return bool(self.days)

    @property
    def program(self) -> list[Day]:
        """The days, in the order of the file: the one day of a one-day schedule, or ``days``."""
        if self.days:
            return list(self.days)
        return [Day.model_construct(date=self.date, entries=self.entries)]

    def located_days(self) -> list[tuple[tuple[str | int, ...], Day]]:
        """Each day with where its fields are in the file: ``()`` for a one-day schedule, ``("days", 2)``."""
        if self.days:
            return [(("days", index), day) for index, day in enumerate(self.days)]
        return [((), self.program[0])]

    @property
    def first_day(self) -> dt.date:
        return self.program[0].date

    def titled(self, papers: Mapping[str, Paper]) -> Schedule:
        """The schedule with every entry's title (:meth:`Entry.titled`): what every output reads."""
        if self.days:
            days = [day.model_copy(update={"entries": [e.titled(papers) for e in day.entries]}) for day in self.days]
            return self.model_copy(update={"days": days})
        return self.model_copy(update={"entries": [e.titled(papers) for e in self.entries]})

    def room_name(self, room: str | None) -> str | None:
        return next((r.name for r in self.rooms if r.id == room), room)

    def instant(self, clock: dt.time, day: dt.date | None = None) -> dt.datetime:
        """A venue clock time on a day of the schedule (the first day by default), as an aware datetime."""
        return dt.datetime.combine(day or self.first_day, clock, tzinfo=zone(self.timezone))

    def slots(self) -> list[tuple[dt.date, Entry]]:
        """Every entry with its day, in the order of the file."""
        return [(day.date, entry) for day in self.program for entry in day.entries]

    def start(self) -> dt.datetime:
        """The first moment of the program."""
        first = self.program[0]
        return self.instant(min(e.start for e in first.entries), first.date)

    def end(self) -> dt.datetime:
        """The last moment of the program."""
        last = max(self.program, key=lambda day: day.date)
        return self.instant(max(e.end for e in last.entries), last.date)


#: The kinds of link a paper may have, in the order its page shows them, and the label a visitor reads.
LINK_KINDS: dict[str, str] = {
    # Translators: the kinds of link of a paper, on its page and in the papers list: a recorded talk.
    "video": N_("Video"),
    # Translators: a kind of link of a paper: the slides of its talk.
    "slides": N_("Slides"),
    # Translators: a kind of link of a paper: its poster (a file or a link).
    "poster": N_("Poster"),
    # Translators: a kind of link of a paper: its source code.
    "code": N_("Code"),
    "arxiv": "arXiv",
    "openreview": "OpenReview",
}
#: Hosts a video link names on the page: "Video (YouTube)".
VIDEO_HOSTS = {"slideslive.com": "SlidesLive", "youtube.com": "YouTube", "youtu.be": "YouTube"}
#: A new arXiv id (``2206.01234``, ``2206.01234v2``) or an old one (``astro-ph/0601001``).
_ARXIV_ID = re.compile(r"^(?:\d{4}\.\d{4,5}|[a-z-]+(?:\.[A-Z]{2})?/\d{7})(?:v\d+)?$")
#: An OpenReview forum id, as its addresses carry it (``?id=rJl3S2A9t7``).
_OPENREVIEW_ID = re.compile(r"^[A-Za-z0-9_-]{6,40}$")


def _host(value: str) -> str:
    host = (urllib.parse.urlsplit(value).hostname or "").lower()
    return host.removeprefix("www.").removeprefix("m.")


def _check_file_or_url(value: str) -> str:
    """Slides or a poster: a web link, or a file inside the project, relative to the data file."""
    if _is_link(value, "file", "a file", "slides/12.pdf"):
        return value
    if "." not in value.replace("\\", "/").rsplit("/", 1)[-1]:
        raise _fail("file", "must name a file with its extension (like slides/12.pdf), not {value}",
                    value=shown(value))
    return value


def _arxiv(value: str) -> str:
    """An arXiv id becomes its abstract page; a link must be arXiv's."""
    if _ARXIV_ID.match(value):
        return f"https://arxiv.org/abs/{value}"
    if value.lower().startswith("arxiv:") and _ARXIV_ID.match(value[6:].strip()):
        return f"https://arxiv.org/abs/{value[6:].strip()}"
    if "://" not in value:
        raise _fail("arxiv", "must be an arXiv id (like 2206.01234) or a link to arxiv.org, not {value}",
                    value=shown(value))
    _check_url(value)
    if not (_host(value) == "arxiv.org" or _host(value).endswith(".arxiv.org")):
        raise _fail("arxiv", "must be an arXiv id (like 2206.01234) or a link to arxiv.org, not {value}",
                    value=shown(value))
    return value


def _arxiv_number(value: object) -> object:
    """``arxiv: 2206.01234`` unquoted is a number to YAML: the id again, with the digits a number drops
    (arXiv numbers have five digits after the dot since January 2015, 1501, four before)."""
    if isinstance(value, float) and 700 <= value < 10000:
        return f"{value:.5f}" if value >= 1501 else f"{value:.4f}"
    return value


def _openreview(value: str) -> str:
    """An OpenReview id becomes its forum page; a link must be OpenReview's."""
    if "://" not in value:
        if not _OPENREVIEW_ID.match(value):
            raise _fail("openreview", "must be an OpenReview id (like rJl3S2A9t7) or a link to openreview.net, "
                        "not {value}", value=shown(value))
        return f"https://openreview.net/forum?id={value}"
    _check_url(value)
    if _host(value) != "openreview.net":
        raise _fail("openreview", "must be an OpenReview id (like rJl3S2A9t7) or a link to openreview.net, "
                    "not {value}", value=shown(value))
    return value


def _positive_number(value: object) -> object:
    """A poster board: 1, 2, 3 ... (a number written in quotes is fine)."""
    if isinstance(value, str) and value.strip().isdigit():
        value = int(value.strip())
    if isinstance(value, bool) or not isinstance(value, int) or value < 1:
        raise _fail("board", "must be a whole number from 1 up (like 12), not {value}", value=shown(value))
    return value


FileOrLink = Annotated[_text(2000), AfterValidator(_check_file_or_url)]
ArxivLink = Annotated[_text(2000), BeforeValidator(_arxiv_number), AfterValidator(_arxiv)]
OpenReviewLink = Annotated[_text(2000), AfterValidator(_openreview)]
Board = Annotated[int, BeforeValidator(_positive_number)]
Keywords = Annotated[list[Keyword], BeforeValidator(_list_not_text)]


class Links(_Model):
    """A paper's links, by kind (``LINK_KINDS``); files are relative to the papers file."""

    #: What its keys are called when one is unknown: "unknown link kind 'vidoe'".
    key_word: ClassVar[str] = "link kind"

    video: Url | None = None
    slides: FileOrLink | None = None
    poster: FileOrLink | None = None
    code: Url | None = None
    arxiv: ArxivLink | None = None
    openreview: OpenReviewLink | None = None

    def given(self) -> list[tuple[str, str]]:
        """(kind, link or file) of the links the paper has, in the order of ``LINK_KINDS``."""
        return [(kind, getattr(self, kind)) for kind in LINK_KINDS if getattr(self, kind)]


def same_session(written: str, title: str) -> bool:
    """A paper's ``poster.session`` names a poster session of the schedule by its title, case and spaces aside."""
    return " ".join(written.split()).casefold() == " ".join(title.split()).casefold()


class PosterSpot(_Model):
    """Where a paper's poster hangs: the poster session (a schedule entry, as written) and the board."""

    session: Reference
    board: Board | None = None


class Paper(_Model):
    id: Id
    title: Text
    authors: Names = Field(min_length=1)
    #: One of ``authors``; the first author when not given.
    presenter: Text | None = None
    pdf: PdfLink | None = None
    spotlight: bool = False
    #: For the paper's own page: the abstract, and keywords (CMT's subject areas).
    abstract: Paragraphs | None = None
    keywords: Keywords = []
    #: Video, slides, poster file, code, arXiv, OpenReview.
    links: Links = Links()
    poster: PosterSpot | None = None
    #: An award the paper received ("Best paper award").
    award: Text | None = None

    @property
    def presenting(self) -> str:
        return self.presenter or self.authors[0]

    def abstract_paragraphs(self) -> list[str]:
        return [" ".join(p.split()) for p in (self.abstract or "").split("\n\n") if p.strip()]


class PapersFile(_Model):
    item_labels: ClassVar[dict[str, str]] = {"papers": "paper"}

    #: When the list will be published; the page says so while ``papers`` is empty.
    announcement: dt.date | None = None
    papers: list[Paper] = []


def family_name_key(paper: Paper) -> tuple[str, str, str]:
    """The order of the papers page: by the first author's family name (the last word), ignoring case and accents."""
    def fold(text: str) -> str:
        decomposed = unicodedata.normalize("NFKD", text)
        return "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()

    first = paper.authors[0]
    return fold(first.split()[-1]), fold(first), fold(paper.title)


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

