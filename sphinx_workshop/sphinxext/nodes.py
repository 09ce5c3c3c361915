"""Every node the extension adds to docutils' own, in this one module.

Each is either written by every builder or gone before any writes: HTML gets the semantic element,
other builders (LaTeX, text, man, Texinfo) the text or nothing. ``setup_nodes`` registers ``time``,
``avatar``, ``folded``, ``day_heading`` and ``problem`` with their visitors below; ``photo``'s visitors know the portrait files and
are registered in ``outputs/photos.py``, ``jsonld``'s (none: it is replaced for HTML, skipped elsewhere)
in ``directives/event.py``; ``talks`` never reaches a writer (``domain.py`` replaces it), and a
``problem`` reaches only HTML's (``problems.py`` makes it an admonition for the others).
Attribute values pass through the translator's ``starttag``, which escapes them.
"""

from __future__ import annotations

from docutils import nodes
from sphinx.application import Sphinx


class time(nodes.Inline, nodes.TextElement):  # noqa: N801 - docutils names nodes in lower case
    """A moment a visitor reads as text and a machine reads from ``datetime`` (ISO 8601)."""


class avatar(nodes.Inline, nodes.TextElement):  # noqa: N801
    """Initials in a coloured disc, standing in for a missing photo. Decorative: the name follows."""


class photo(nodes.Inline, nodes.Element):  # noqa: N801
    """A portrait ``<img>``: ``files`` ((width, name) pairs in the output) and ``alt`` (visitors in ``outputs/photos.py``)."""


class talks(nodes.General, nodes.Element):  # noqa: N801
    """Stands in a person's card until the pages are written, then becomes links to their talks (``domain.py``)."""


class jsonld(nodes.General, nodes.Element):  # noqa: N801
    """The event's JSON-LD (``data``), until the page is written; HTML only (``directives/event.py``)."""


class day_heading(nodes.General, nodes.TextElement):  # noqa: N801
    """A day's heading in a schedule of several days, one level below the section it is in (HTML);
    other builders get a rubric (``directives/schedule.py``)."""


class problem(nodes.General, nodes.Element):  # noqa: N801
    """A data problem shown in place of what it broke: a heading (``title``), the messages, a hint.

    HTML: a box with a real heading one level below the section it is in; other builders get an
    admonition, so plain text (``sphinxext/problems.py``).
    """


class folded(nodes.General, nodes.Element):  # noqa: N801
    """Paragraphs a visitor unfolds (an abstract, a bio), under a ``summary`` that says what they are.

    HTML: ``<details>`` (closed) with its ``<summary>``; other builders: the paragraphs as they are.
    """


def visit_time_html(self, node: time) -> None:
    self.body.append(self.starttag(node, "time", "", datetime=node["datetime"]))


def depart_time_html(self, node: time) -> None:
    self.body.append("</time>")


def visit_avatar_html(self, node: avatar) -> None:
    self.body.append(self.starttag(node, "span", "", **{"aria-hidden": "true"}))


def depart_avatar_html(self, node: avatar) -> None:
    self.body.append("</span>")


def heading_level(self) -> int:
    """One level below the section the node is in: ``<h3>`` under a ``##`` heading."""
    return min(max(self.section_level + 1, 2), 6)


def visit_day_heading_html(self, node: day_heading) -> None:
    self.body.append(self.starttag(node, f"h{heading_level(self)}", "", CLASS="ws-day-heading"))


def depart_day_heading_html(self, node: day_heading) -> None:
    self.body.append(f"</h{heading_level(self)}>\n")


def visit_folded_html(self, node: folded) -> None:
    self.body.append(self.starttag(node, "details", ""))
    self.body.append(f'<summary>{self.encode(node["summary"])}</summary>\n')


def depart_folded_html(self, node: folded) -> None:
    self.body.append("</details>\n")


def visit_problem_html(self, node: problem) -> None:
    level = heading_level(self)
    self.body.append(self.starttag(node, "div", "", CLASS="ws-problem"))
    self.body.append(f'<h{level} class="ws-problem-title">{self.encode(node["title"])}</h{level}>\n')


def depart_problem_html(self, node: problem) -> None:
    self.body.append("</div>\n")


def visit_text_only(self, node: nodes.Element) -> None:
    """Other builders: the children's text is enough."""


def depart_text_only(self, node: nodes.Element) -> None:
    pass


def skip(self, node: nodes.Element) -> None:
    raise nodes.SkipNode


def setup_nodes(app: Sphinx) -> None:
    others = ("latex", "text", "man", "texinfo")
    app.add_node(time, html=(visit_time_html, depart_time_html),
                 **{b: (visit_text_only, depart_text_only) for b in others})
    app.add_node(folded, html=(visit_folded_html, depart_folded_html),
                 **{b: (visit_text_only, depart_text_only) for b in others})
    app.add_node(avatar, html=(visit_avatar_html, depart_avatar_html), **{b: (skip, None) for b in others})
    app.add_node(problem, html=(visit_problem_html, depart_problem_html))  # others: an admonition by then
    app.add_node(day_heading, html=(visit_day_heading_html, depart_day_heading_html))  # others: a rubric by then
