"""Time zones that are real names but not what an organizer means.

``zoneinfo`` accepts ``EST``, ``CET``, ``EST5EDT`` and ``Etc/GMT+5``: they are in the tz database,
kept for old systems. None is a place. ``EST`` is UTC−05:00 all year, so a July event in New York
written with it is an hour off on the page and in the calendar file; ``Etc/GMT+5`` is UTC−05:00 too
(the sign of these names is reversed); ``CET`` and ``EST5EDT`` follow one country's rules of the past.
A venue's zone is a place: a name with an area and a location (``America/New_York``), or ``UTC``.

The suggestion for a refused name comes from the tz database itself (``tzdata.zi``: ``Japan`` is a
link to ``Asia/Tokyo``), except for the abbreviations, whose links point at whichever city keeps that
offset today (``EST`` → ``America/Panama``) and not at the place an organizer has in mind.
"""

from __future__ import annotations

import datetime as dt
from functools import cache
from importlib import resources
from zoneinfo import ZoneInfo

#: Names that are a place in all but name.
UNIVERSAL = {"UTC", "Etc/UTC"}
#: What the abbreviations and the POSIX-style rule names stand for, to an organizer.
MEANT = {
    "EST": "America/New_York", "EDT": "America/New_York", "EST5EDT": "America/New_York",
    "CST6CDT": "America/Chicago", "MST": "America/Denver", "MST7MDT": "America/Denver",
    "PST8PDT": "America/Los_Angeles", "HST": "Pacific/Honolulu",
    "WET": "Europe/Lisbon", "CET": "Europe/Paris", "MET": "Europe/Paris", "EET": "Europe/Athens",
    # Not in the tz database at all, but written all the same:
    "CST": "America/Chicago", "CDT": "America/Chicago", "MDT": "America/Denver", "PST": "America/Los_Angeles",
    "PDT": "America/Los_Angeles", "CEST": "Europe/Paris", "BST": "Europe/London", "EEST": "Europe/Athens",
}
#: Other names of UTC.
UTC_ALIASES = {"GMT", "GMT0", "GMT+0", "GMT-0", "Greenwich", "UCT", "Universal", "Zulu",
               "Etc/GMT", "Etc/GMT0", "Etc/GMT+0", "Etc/GMT-0", "Etc/Greenwich", "Etc/UCT", "Etc/Universal",
               "Etc/Zulu"}


def is_place(name: str) -> bool:
    """Whether a (valid) zone name is a place's zone: ``Area/Location`` outside ``Etc/``, or UTC."""
    if name in UNIVERSAL:
        return True
    return "/" in name and not name.startswith(("Etc/", "SystemV/"))


@cache
def links() -> dict[str, str]:
    """Alias -> zone, from the tz database's own list (``L target alias`` lines of ``tzdata.zi``)."""
    try:
        text = resources.files("tzdata").joinpath("zoneinfo", "tzdata.zi").read_text(encoding="utf-8")
    except (ModuleNotFoundError, OSError):  # tzdata is a dependency; without it there are no suggestions
        return {}
    found = {}
    for line in text.splitlines():
        parts = line.split()
        if len(parts) == 3 and parts[0] == "L":
            found[parts[2]] = parts[1]
    return found


def suggestion(name: str) -> str:
    """The place's zone an organizer most likely means by ``name``."""
    if name in UTC_ALIASES:
        return "UTC"
    if name in MEANT:
        return MEANT[name]
    target = links().get(name, "")
    return target if is_place(target) else "America/New_York"


def _offset(delta: dt.timedelta) -> str:
    minutes = int(delta.total_seconds()) // 60
    sign = "+" if minutes >= 0 else "−"
    hours, rest = divmod(abs(minutes), 60)
    return f"UTC{sign}{hours:02d}:{rest:02d}"


def not_a_place(name: str) -> str | None:
    """Why a valid zone name is not a venue's zone, in plain words; ``None`` when it is one."""
    if is_place(name):
        return None
    meant = suggestion(name)
    if meant == "UTC":
        return "is another name of UTC: write UTC"
    zone = ZoneInfo(name)
    winter = dt.datetime(2022, 1, 15, 12, tzinfo=zone).utcoffset()
    summer = dt.datetime(2022, 7, 15, 12, tzinfo=zone).utcoffset()
    if name.startswith("Etc/GMT") or (winter == summer and name in MEANT):
        what = f"a fixed offset, {_offset(winter)} all year, with no daylight saving"
        if name.startswith("Etc/GMT"):
            what += " (the sign of Etc/GMT names is reversed)"
    elif name in MEANT:
        what = "an old rule name of the tz database, not a place"
    else:
        what = "an old alias of the tz database, not a place"
    return f"is {what}: use the venue's own zone, like {meant}"
