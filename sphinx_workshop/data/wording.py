"""What a visitor reads, in the site's language: words from the message catalog, times and dates from CLDR.

The pages, the calendar files and the page script all word things through a :class:`Wording`:

* its ``_`` translates a message of the ``sphinx_workshop`` catalog (``sphinx_workshop/locale/``);
  the build passes Sphinx's translation function for ``language`` (``sphinxext/locale.py``), and
  ``sphinx-workshop check``, which only compares calendars, keeps the English of the source;
* clock times, dates and time-zone names come from Babel, which has CLDR's data for every language:
  ``Friday, July 22, 2022`` and ``vendredi 22 juillet 2022``, ``9:15 AM`` and ``09:15``, ``Eastern Time``
  and ``heure de l’Est nord-américain``.

A whole sentence is one message with named placeholders (``All times are {zone} ({offset}), …``), so a
translation can put the pieces in its own order; no English glue is left around translated pieces.

Messages are English in the source. ``_("...")`` marks one where it is translated; a name at module
level (a table, a constant) is marked with :func:`N_` and translated where it is shown, since a catalog
is not chosen until Sphinx has read ``conf.py``. ``tools/catalogs.py`` extracts both into the ``.pot``.

Nothing here imports Sphinx.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cached_property
from typing import TYPE_CHECKING

from babel import Locale, UnknownLocaleError
from babel.dates import format_date, format_skeleton, format_time, get_timezone_name

from sphinx_workshop.data.times import AOE, utc_offset

if TYPE_CHECKING:
    from sphinx_workshop.data.model import ImportantDate

#: ``workshop_clock``: the language's own way (CLDR), or always 24-hour, or always 12-hour.
CLOCKS = ("locale", "24h", "12h")
#: CLDR skeletons of a clock time without seconds: ``Hm`` is 24-hour, ``hm`` 12-hour, each as the language writes it.
_SKELETONS = {"24h": "Hm", "12h": "hm"}
#: What Babel gives for a zone that has no short name in a language: the offset (``-0400``).
_NUMERIC_ZONE = re.compile(r"^[+-]\d{4}$")
#: A zone abbreviation of the tz database that is letters (``CET``, ``JST``), not an offset (``+09``, ``-03``).
_LETTERS = re.compile(r"^[A-Z]{2,5}$")


def N_(message: str) -> str:  # noqa: N802 - the name gettext's tools know
    """Mark a message for the catalog without translating it: it is translated where it is shown."""
    return message


def _untranslated(message: str) -> str:
    return message


def babel_locale(language: str | None) -> Locale:
    """Sphinx's ``language`` (``fr``, ``pt_BR``, ``zh-CN``) as a Babel locale; English for one CLDR does not know."""
    try:
        return Locale.parse((language or "en").replace("-", "_"))
    except (UnknownLocaleError, ValueError):
        return Locale("en")


@dataclass(frozen=True)
class Wording:
    """The messages and formats of one language: ``language`` as Sphinx has it, ``clock`` one of :data:`CLOCKS`."""

    language: str = "en"
    clock_style: str = "locale"
    translate: Callable[[str], str] = field(default=_untranslated, compare=False)

    def _(self, message: str, **values: object) -> str:
        """A message of the catalog in the site's language (the English of the source when it has none), its
        ``{placeholders}`` filled with ``values``. A translation that names a placeholder the message has not
        is not shown: the English is, rather than no page at all."""
        text = str(self.translate(message))
        if not values:
            return text
        try:
            return text.format(**values)
        except (KeyError, IndexError, ValueError):
            return message.format(**values)

    @cached_property
    def locale(self) -> Locale:
        return babel_locale(self.language)

    @property
    def code(self) -> str:
        """The language as a short tag: ``fr``, ``pt``; what a calendar file's PRODID ends in."""
        return self.locale.language

    # -- times and dates ----------------------------------------------------------------------------------

    def clock(self, moment: dt.datetime | dt.time) -> str:
        """A clock time at the venue: ``9:15 AM`` (English), ``09:15`` (French), or as ``workshop_clock`` says."""
        skeleton = _SKELETONS.get(self.clock_style)
        if skeleton:
            return format_skeleton(skeleton, moment, locale=self.locale)
        return format_time(moment, "short", locale=self.locale)

    @property
    def hour_cycle(self) -> str | None:
        """The clock for the page script's ``Intl.DateTimeFormat``: ``h23``, ``h12``, or the language's own."""
        return {"24h": "h23", "12h": "h12"}.get(self.clock_style)

    def long_date(self, day: dt.date) -> str:
        """``Friday, July 22, 2022``; ``vendredi 22 juillet 2022``."""
        return format_date(day, "full", locale=self.locale)

    def zone_name(self, moment: dt.datetime) -> str:
        """The zone's name, the same in summer and winter: ``Eastern Time``; ``heure de l’Est nord-américain``."""
        return get_timezone_name(moment, width="long", zone_variant="generic", locale=self.locale)

    def zone_abbreviation(self, moment: dt.datetime) -> str | None:
        """The zone's short name, if the language has one: ``EDT`` in English, ``MEZ`` in German, ``AoE``.

        CLDR's short name for the language when it has one. CLDR's English lacks many that English readers
        use (``CET``, ``JST``), so English falls back to the tz database's abbreviation, which is English, when
        it is letters and not an offset (``+09``). Other languages without one get none: the offset that
        always follows says it all.
        """
        if moment.tzname() == AOE:
            # Translators: "Anywhere on Earth", UTC−12:00, the zone of deadlines; most languages keep "AoE".
            return self._("AoE")
        short = get_timezone_name(moment, width="short", locale=self.locale)
        long = get_timezone_name(moment, width="long", locale=self.locale)
        if not _NUMERIC_ZONE.match(short) and short != long:
            return short
        written = moment.tzname() or ""
        if self.locale.language == "en" and _LETTERS.match(written):
            return written
        return None

    def moment(self, moment: dt.datetime) -> str:
        """A time with its zone and offset: ``11:59 PM AoE (UTC−12:00)``; ``18:00 (UTC+01:00)`` in French."""
        abbreviation = self.zone_abbreviation(moment)
        time, offset = self.clock(moment), utc_offset(moment)
        if abbreviation:
            # Translators: a clock time, its zone's short name (EDT, AoE) and its UTC offset.
            return self._("{time} {zone} ({offset})", time=time, zone=abbreviation, offset=offset)
        # Translators: a clock time and its UTC offset.
        return self._("{time} ({offset})", time=time, offset=offset)

    def when(self, date: ImportantDate) -> str:
        """An important date as its list shows it: the day, and its time when it has one."""
        day = self.long_date(date.date)
        moment = date.instant
        if moment is None:
            return day
        # Translators: an important date with its time: "Monday, May 23, 2022, 11:59 PM AoE (UTC−12:00)".
        return self._("{date}, {moment}", date=day, moment=self.moment(moment))

    def zone_statement(self, moment: dt.datetime, venue: str | None) -> str:
        """The sentence above a schedule: which zone its times are in, and that it is the venue's."""
        abbreviation = self.zone_abbreviation(moment)
        values = {"zone": self.zone_name(moment), "offset": utc_offset(moment)}
        if abbreviation and venue:
            # Translators: above the schedule. {zone}: "Eastern Time"; {abbreviation}: "EDT"; {offset}: "UTC−04:00".
            return self._("All times are {zone} ({abbreviation}, {offset}), the local time at the venue in {venue}.",
                          abbreviation=abbreviation, venue=venue, **values)
        if abbreviation:
            return self._("All times are {zone} ({abbreviation}, {offset}), the venue's local time.",
                          abbreviation=abbreviation, **values)
        if venue:
            return self._("All times are {zone} ({offset}), the local time at the venue in {venue}.",
                          venue=venue, **values)
        return self._("All times are {zone} ({offset}), the venue's local time.", **values)


#: The words of the source, with the language's own clock: what ``sphinx-workshop check`` uses.
ENGLISH = Wording()
