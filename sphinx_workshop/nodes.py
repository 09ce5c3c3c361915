"""Inline nodes the directives need beyond docutils' own, with a visitor for every builder.

HTML gets the semantic element; other builders (LaTeX, text, man, Texinfo) get the text.
Attribute values pass through the translator's ``starttag``, which escapes them.
"""

from __future__ import annotations

from docutils import nodes
from sphinx.application import Sphinx


class time(nodes.Inline, nodes.TextElement):  # noqa: N801 - docutils names nodes in lower case
    """A moment a visitor reads as text and a machine reads from ``datetime`` (ISO 8601)."""


class avatar(nodes.Inline, nodes.TextElement):  # noqa: N801
    """Initials in a coloured disc, standing in for a missing photo. Decorative: the name follows."""


def visit_time_html(self, node: time) -> None:
    self.body.append(self.starttag(node, "time", "", datetime=node["datetime"]))


def depart_time_html(self, node: time) -> None:
    self.body.append("</time>")


def visit_avatar_html(self, node: avatar) -> None:
    self.body.append(self.starttag(node, "span", "", **{"aria-hidden": "true"}))


def depart_avatar_html(self, node: avatar) -> None:
    self.body.append("</span>")


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
    app.add_node(avatar, html=(visit_avatar_html, depart_avatar_html), **{b: (skip, None) for b in others})
