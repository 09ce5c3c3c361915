"""Times as a reader expects them written, on the page and in calendar files."""

from __future__ import annotations

import datetime as dt


def utc_offset(moment: dt.datetime) -> str:
    """``UTC−04:00`` with a true minus sign, as a reader expects it."""
    offset = moment.utcoffset() or dt.timedelta(0)
    sign = "+" if offset >= dt.timedelta(0) else "\u2212"
    minutes = abs(int(offset.total_seconds())) // 60
    return f"UTC{sign}{minutes // 60:02d}:{minutes % 60:02d}"


def clock(moment: dt.datetime | dt.time) -> str:
    """``9:15`` and ``13:30``: 24-hour venue time, as programs print it."""
    return f"{moment.hour}:{moment.minute:02d}"
