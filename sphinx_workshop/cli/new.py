"""``sphinx-workshop new DIR``: a new workshop site that builds at once, with placeholders to replace.

The site is written from the files of ``site_template/`` in this package: every ``{{ key }}`` in them
is replaced by a value made here, quoted for where it goes (a Python literal in ``conf.py``, a YAML
string in front matter, escaped Markdown in a heading); a name starting ``dot-`` is written with a
leading dot (``.readthedocs.yaml``, ``.github/``), and a ``.tmpl`` ending is dropped (``conf.py``:
the template itself is not Python). The options are checked as the data files are: the time zone by
the data model's own rules, so ``--timezone EST`` is refused with the build's words.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from collections.abc import Iterator
from dataclasses import dataclass
from importlib import resources
from importlib.resources.abc import Traversable
from pathlib import Path, PurePosixPath

from sphinx_workshop import __version__

TEMPLATE = "site_template"
PLACEHOLDER = re.compile(r"\{\{ (\w+) \}\}")
#: Where the placeholder data puts the other dates, counted back from the workshop day.
BEFORE_WORKSHOP = {"submission": 63, "notification": 35, "camera_ready": 21}
DEFAULT_NAME = "Workshop name (replace me)"
#: Without --date: a day this far ahead, so that every date of the placeholder data is to come.
DEFAULT_LEAD = dt.timedelta(days=180)
#: The site's other requirements, as the ML4Astro site pins them (pyproject.toml's site group).
MYST_RANGE = ">=5.2,<6"
THEME_RANGE = ">=0.24,<0.25"
_ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
#: CommonMark's backslash escapes: any ASCII punctuation.
_MARKDOWN_PUNCTUATION = re.compile(r"([!-/:-@\[-`{-~])")


class UsageError(Exception):
    """A wrong option or folder, in plain words (exit status 2)."""


@dataclass(frozen=True)
class Site:
    name: str
    date: dt.date
    timezone: str
    language: str

    def values(self) -> dict[str, str]:
        from babel.dates import format_date

        day = format_date(self.date, format="long", locale=self.language)
        dates = {key: (self.date - dt.timedelta(days=days)).isoformat() for key, days in BEFORE_WORKSHOP.items()}
        major, minor = __version__.split(".")[:2]
        return {
            "name_py": repr(self.name),
            "name_md": markdown(self.name),
            "name_option": quoted(self.name),
            "name_comment": self.name,
            "author_py": repr(f"the {self.name} organizers"),
            "copyright_py": repr(f"{self.date.year}, the {self.name} organizers"),
            "year_py": repr(str(self.date.year)),
            "language_py": repr(self.language),
            "date": self.date.isoformat(),
            "date_long_md": markdown(day),
            "timezone": self.timezone,
            **dates,
            "description_yaml": quoted(f"{self.name}, {day}: the workshop, its program, call for papers "
                                            "and people (replace me)."),
            "program_description_yaml": quoted(f"Program of {self.name}, {day}: invited speakers and "
                                                    "the schedule."),
            "papers_description_yaml": quoted(f"Accepted papers of {self.name}."),
            "cfp_description_yaml": quoted(f"Call for papers of {self.name}: scope, format, how to "
                                                "submit and the important dates."),
            "people_description_yaml": quoted(f"People of {self.name}: the organizers and the invited "
                                                   "speakers."),
            "workshop_range": f">={major}.{minor},<{major}.{int(minor) + 1}",
            "myst_range": MYST_RANGE,
            "theme_range": THEME_RANGE,
        }


def markdown(text: str) -> str:
    """Text that MyST shows as written: every ASCII punctuation character backslash-escaped."""
    return _MARKDOWN_PUNCTUATION.sub(r"\\\1", text)


def quoted(text: str) -> str:
    """A double-quoted string as YAML and MyST's directive options read it (JSON's syntax is theirs):
    quotes and backslashes escaped, and every character that is not printable (U+2028 ...)."""
    return "".join(ch if ch.isprintable() else f"\\u{ord(ch):04x}" for ch in json.dumps(text, ensure_ascii=False))


def checked_name(value: str) -> str:
    """A text as a data file's (``Text``: not empty, at most 300 characters, no control character), on one line."""
    from pydantic import TypeAdapter, ValidationError

    from sphinx_workshop.data.model import Text

    if "\n" in value or "\r" in value:
        raise UsageError(f"--name {value!r}: must be on one line")
    try:
        return TypeAdapter(Text).validate_python(value)
    except ValidationError as error:
        problem = error.errors()[0]
        reason = {"string_too_short": "must not be empty",
                  "string_too_long": f"is too long: at most {(problem.get('ctx') or {}).get('max_length')} characters",
                  }.get(problem["type"], problem["msg"])
        raise UsageError(f"--name {value!r}: {reason}") from None


def checked_date(value: str) -> dt.date:
    try:
        if not _ISO_DATE.match(value):
            raise ValueError(value)
        return dt.date.fromisoformat(value)
    except ValueError:
        raise UsageError(f"--date {value!r}: must be a date written YYYY-MM-DD, like 2026-07-22") from None


def checked_timezone(value: str) -> str:
    """The venue's zone, by the schedule's own rule: a place (``Europe/Paris``) or ``UTC``."""
    from pydantic import TypeAdapter, ValidationError

    from sphinx_workshop.data.model import IanaZone

    try:
        return TypeAdapter(IanaZone).validate_python(value)
    except ValidationError as error:
        raise UsageError(f"--timezone: {_reason(error)}") from None


def checked_language(value: str) -> str:
    """A language Babel knows (dates are written in it) and Sphinx can be set to: ``en``, ``fr``, ``pt_BR``."""
    from babel import Locale, UnknownLocaleError

    if not re.fullmatch(r"[A-Za-z]{2,3}(?:[_-][A-Za-z0-9]{2,8})*", value):
        raise UsageError(f"--language {value!r}: must be a language code like en, fr or pt_BR")
    try:
        Locale.parse(value.replace("-", "_"))
    except (UnknownLocaleError, ValueError):
        raise UsageError(f"--language {value!r}: no such language is known; use a code like en, fr or pt_BR") from None
    return value.replace("-", "_")


def _reason(error: Exception) -> str:
    return error.errors()[0]["msg"]  # type: ignore[attr-defined]


def template_files(root: Traversable | None = None, prefix: PurePosixPath = PurePosixPath()) \
        -> Iterator[tuple[PurePosixPath, Traversable]]:
    """``(path in the new site, template file)`` for every file of the template, in a stable order."""
    root = root or resources.files("sphinx_workshop.cli").joinpath(TEMPLATE)
    for entry in sorted(root.iterdir(), key=lambda e: e.name):
        if entry.name == "__pycache__":
            continue
        name = "." + entry.name.removeprefix("dot-") if entry.name.startswith("dot-") else entry.name
        if entry.is_dir():
            yield from template_files(entry, prefix / name)
        else:
            yield prefix / name.removesuffix(".tmpl"), entry


def render(text: str, values: dict[str, str]) -> str:
    def value(match: re.Match[str]) -> str:
        return values[match[1]]  # a key the template uses and values() lacks is a defect: KeyError
    return PLACEHOLDER.sub(value, text)


def check_target(target: Path, force: bool) -> None:
    if target.exists() and not target.is_dir():
        raise UsageError(f"{target} is a file, not a folder: name a new folder for the site")
    if target.is_dir() and not force:
        entries = sorted(p.name for p in target.iterdir())
        if entries:
            shown = ", ".join(entries[:3]) + (", …" if len(entries) > 3 else "")
            raise UsageError(f"{target} is not empty ({shown}): name a new or empty folder, or pass --force "
                             "to write the site's files into it (files of the same names are replaced)")


def new_site(target: Path, site: Site, *, force: bool = False) -> list[PurePosixPath]:
    """Write the site into ``target``; the paths written, relative to it."""
    check_target(target, force)
    values = site.values()
    files = [(path, render(source.read_text(encoding="utf-8"), values)) for path, source in template_files()]
    written = []
    for path, text in files:
        out = target.joinpath(*path.parts)
        out.parent.mkdir(parents=True, exist_ok=True)
        out.write_text(text, encoding="utf-8", newline="\n")
        written.append(path)
    return sorted(written, key=str)


def default_date(today: dt.date | None = None) -> dt.date:
    return (today or dt.date.today()) + DEFAULT_LEAD
