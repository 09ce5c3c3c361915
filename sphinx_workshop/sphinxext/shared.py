"""What every data directive shares: its options and files checked, its problems kept and shown."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path
from typing import ClassVar

from docutils import nodes
from docutils.parsers.rst import directives
from docutils.utils import get_source_line
from sphinx.util.docutils import SphinxDirective

from sphinx_workshop.data.findings import Finding, findings_of
from sphinx_workshop.data.model import SessionKinds
from sphinx_workshop.data.reading import DataError
from sphinx_workshop.data.rules import is_file
from sphinx_workshop.data.wording import Wording
from sphinx_workshop.markup.syntax import (
    DIRECTIVES,
    Directive,
    anchor_taken,
    checked_options,
    missing_file,
    shown_twice,
)
from sphinx_workshop.sphinxext import nodes as ws_nodes
from sphinx_workshop.sphinxext.config import session_kinds
from sphinx_workshop.sphinxext.problems import keep, page_place, problem_box
from sphinx_workshop.sphinxext.translation import wording


#: The node attribute that marks an anchor as the extension's, with the line of the directive that showed it.
SHOWN_AT = "ws_shown_at"


def holder_words(node: nodes.Element) -> str:
    """What already has an id, in the page's words: ``the section 'Person Bouman'``, ``the label 'x'``."""
    if isinstance(node, nodes.section) and (title := node.next_node(nodes.title)) is not None:
        return f"the section {title.astext()!r}"
    if isinstance(node, nodes.target):
        return f"the label {node['names'][0]!r}" if node["names"] else "a label"
    return "another element"


def folded_paragraphs(summary: str, text: str, classes: list[str]) -> ws_nodes.folded:
    """Text of paragraphs separated by blank lines, folded under ``summary``: each paragraph its own
    (a line break inside one is a space, as in the YAML block that holds it); the text is text, not markup."""
    node = ws_nodes.folded(summary=summary, classes=classes)
    for paragraph in re.split(r"\n[ \t]*\n", text.strip()):
        words = " ".join(paragraph.split())
        if words:
            node += nodes.paragraph(words, words)
    return node


def option_spec(name: str) -> dict[str, object]:
    """Every option of the directive, taken as written: its check (``markup/syntax.py``) runs in ``show()``,
    so that a wrong value gets the message ``sphinx-workshop check`` gives, and a box on the page."""
    return dict.fromkeys(DIRECTIVES[name].options, directives.unchanged)


class DataDirective(SphinxDirective):
    """A directive showing data files: by default one argument, a file relative to the page (or to the root with '/').

    Its :meth:`show` makes the nodes. Problems are collected in ``self.findings`` while it goes;
    :meth:`shown_instead` keeps them for the build's report and returns the error box that takes the
    content's place. An anchor the page has already leaves the content shown, without a box: that
    problem is kept when ``show`` is done.
    """

    required_arguments = 1
    final_argument_whitespace = True
    has_content = False
    #: Its name in ``markup/syntax.py``'s ``DIRECTIVES``.
    syntax_name: ClassVar[str]

    @property
    def syntax(self) -> Directive:
        return DIRECTIVES[self.syntax_name]

    @property
    def subtype(self) -> str:
        """The warning subtype of its own problems: ``workshop.<subtype>``."""
        return self.syntax.kind

    def __init__(self, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)
        self.findings: list[Finding] = []
        #: Anchors the page has already: reported, but no error box (the content is shown).
        self.anchor_findings: list[Finding] = []

    def show(self) -> list[nodes.Node]:
        raise NotImplementedError

    def run(self) -> list[nodes.Node]:
        shown = self.show()
        keep(self.env, self.env.docname, self.findings + self.anchor_findings)
        return shown

    def checked_options(self) -> dict[str, str]:
        """The options whose values are right; a problem for each that is not (or is missing)."""
        good, problems = checked_options(self.syntax_name, self.options)
        self.findings.extend(self.here(kind, text) for kind, text in problems)
        return good

    def here(self, kind: str, text: str) -> Finding:
        """A problem located at this directive's line in the page."""
        source, line = self.get_source_info()
        return Finding(page_place(self.env, source), line or 0, text, kind)

    def data_file(self, written: str, kind: str) -> Path | None:
        """The data file, noted as a dependency so that editing (or creating) it rebuilds this page; ``None``
        and a problem when it is not there."""
        _, absolute = self.env.relfn2path(written, self.env.docname)
        self.env.note_dependency(absolute)
        if not is_file(Path(absolute)):
            self.findings.append(self.here(kind, missing_file(written, path=Path(absolute))))
            return None
        return Path(absolute)

    def data_path(self) -> Path | None:
        return self.data_file(self.arguments[0], self.syntax.data or self.subtype)

    def note_files(self, paths: list[Path]) -> None:
        for path in paths:
            self.env.note_dependency(str(path))

    @property
    def root(self) -> Path:
        return Path(self.env.srcdir)

    def found(self, error: DataError) -> None:
        """The problems of a data error; the other files it consulted become dependencies too."""
        self.note_files(error.files)
        self.findings.extend(findings_of(error, self.subtype))

    def claim_anchor(self, node: nodes.Element, anchor: str, what: str) -> None:
        """Give ``node`` the stable id ``anchor`` (``data/anchors.py``), registered with the page's ids as docutils
        registers every id. When the page has that id already (the same card or list shown twice, a section
        or a label of that name), the first keeps it and a problem says so, at this directive's line."""
        document = self.state.document
        _, line = self.get_source_info()
        holder = document.ids.get(anchor)
        if holder is None:
            node["ids"].append(anchor)
            node[SHOWN_AT] = line
            document.set_id(node)
            return
        if SHOWN_AT in holder:
            text = shown_twice(what, anchor, holder[SHOWN_AT])
        else:
            text = anchor_taken(what, anchor, holder_words(holder), get_source_line(holder)[1] or 0)
        self.anchor_findings.append(self.here("anchor", text))

    def shown_instead(self, headline: str | None = None) -> list[nodes.Node]:
        """Keep the problems for the build's report; the error box that stands where the content would be."""
        box = problem_box(self.config, self.findings, headline or self.syntax.headline)
        keep(self.env, self.env.docname, self.findings)
        self.findings = []
        for node in box:
            self.set_source_info(node)
        return box

    @property
    def session_kinds(self) -> SessionKinds:
        """The kinds a schedule's entries may have: the built-in ones and the site's ``workshop_session_kinds``."""
        return session_kinds(self.config)

    @property
    def locale(self) -> str:
        return self.config.language or "en"

    @property
    def wording(self) -> Wording:
        """The site's language: its messages, clock times, dates and zone names (``data/wording.py``)."""
        return wording(self.config)

    def _(self, message: str, **values: object) -> str:
        """A message of the catalog in the site's language, its ``{placeholders}`` filled with ``values``."""
        return self.wording._(message, **values)

    def time_node(self, moment: dt.datetime | dt.date, text: str, classes: tuple[str, ...] = ()) -> ws_nodes.time:
        """``<time datetime=...>``: full offset for a moment, the bare date for a whole day."""
        return ws_nodes.time(text, text, datetime=moment.isoformat(), classes=list(classes))

    def long_date(self, day: dt.date) -> str:
        return self.wording.long_date(day)
