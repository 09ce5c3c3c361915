"""A problem as both the build and ``sphinx-workshop check`` report it: a place, the words, its kind.

``str(finding)`` is what check prints and what the error box on the page shows:
``people/speakers.yaml:12: person 3: 'name' is required``. The build logs the same finding as
``people/speakers.yaml:12: WARNING: person 3: 'name' is required [workshop.people]``: the place is
the warning's location, the kind its subtype. A problem with a whole file has no line
(``dates.yaml: file is 1,100,007 bytes; …``).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from sphinx_workshop.data.reading import DataError

#: ``file:line: text`` or ``file: text``, as the data layer words every message.
_PLACED = re.compile(r"^(?P<file>[^\n]+?)(?::(?P<line>\d+))?: (?P<text>.*)$", re.DOTALL)


@dataclass(frozen=True)
class Finding:
    """One problem: ``file`` relative to the site's folder (a data file, a page, ``conf.py``)."""

    file: str
    #: 0 when the problem is with the whole file.
    line: int
    text: str
    #: What kind of data or feature it concerns, the warning's subtype: ``people``, ``calendar`` …
    kind: str

    def __str__(self) -> str:
        return f"{self.place}: {self.text}" if self.file else self.text

    @property
    def place(self) -> str:
        """``file:line``, or the file alone."""
        return f"{self.file}:{self.line}" if self.line else self.file



def findings_of(error: DataError, kind: str) -> list[Finding]:
    """The error's messages as findings; a file whose kind the loaders did not name is of ``kind``."""
    found = []
    for message in error.messages:
        match = _PLACED.match(message)
        if match is None:  # every loader message is placed; keep anything else word for word
            found.append(Finding("", 0, message, kind))
            continue
        file = match["file"]
        found.append(Finding(file, int(match["line"] or 0), match["text"], error.kinds.get(file, kind)))
    return found


def in_order(findings: Iterable[Finding]) -> list[Finding]:
    """Each finding once, by file and line (on one line, in the order found): the order check prints and the
    build logs them. Both find them page by page in page-name order, so the orders agree."""
    return sorted(dict.fromkeys(findings), key=lambda f: (f.file, f.line))
