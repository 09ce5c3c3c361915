"""Times as a reader expects them written, on the page and in calendar files (in words: ``wording.py``)."""

from __future__ import annotations

import datetime as dt

#: "Anywhere on Earth": the last time zone on Earth where a day ends, UTC-12.
AOE = "AoE"
AOE_ZONE = dt.timezone(dt.timedelta(hours=-12), AOE)


def utc_offset(moment: dt.datetime) -> str:
    """``UTC−04:00`` with a true minus sign, as a reader expects it."""
    offset = moment.utcoffset() or dt.timedelta(0)
    sign = "+" if offset >= dt.timedelta(0) else "\u2212"
    minutes = abs(int(offset.total_seconds())) // 60
    return f"UTC{sign}{minutes // 60:02d}:{minutes % 60:02d}"
