"""A paper's own page: what its generated file holds (``pages.py``), as the page a visitor reads.

The title; the authors, the presenter marked; the spotlight and an award; every link with its kind; the
abstract and keywords; where and when it is presented (its slot in the schedule, linked, its poster
session and board); a BibTeX entry to copy. For search engines: Google Scholar's ``citation_*`` tags
and a description, the abstract's first sentence (which the site's Open Graph tags take too).

Every text is a docutils node or attribute, so every writer escapes it.
"""

from __future__ import annotations

import datetime as dt
import html
import json
import re
from typing import Any

from docutils import nodes
from docutils.parsers import Parser
from sphinx import addnodes
from sphinx.application import Sphinx
from sphinx.environment import BuildEnvironment

from sphinx_workshop.data.citation import bibtex, citation_key, first_sentence
from sphinx_workshop.data.model import LINK_KINDS, VIDEO_HOSTS, Paper, zone
from sphinx_workshop.data.times import utc_offset
from sphinx_workshop.data.wording import Wording
from sphinx_workshop.sphinxext import nodes as ws_nodes
from sphinx_workshop.sphinxext.directives.papers import PDF, presenter_nodes
from sphinx_workshop.sphinxext.pages import FILETYPE, is_generated
from sphinx_workshop.sphinxext.translation import wording

#: The BibTeX block's node attribute: what the entry is made of (its ``url`` is the page's, known when written).
BIBTEX = "ws_bibtex"
#: The PDF link's class, for ``citation_pdf_url``.
PDF_CLASS = "ws-paper-pdf"
_PLACEHOLDER = re.compile(r"(\{\w+\})")


def filled(message: str, **values: nodes.Node | str) -> list[nodes.Node]:
    """A translated message whose ``{placeholders}`` are nodes (a link) or text, as a list of nodes."""
    found: list[nodes.Node] = []
    for part in _PLACEHOLDER.split(message):
        if not part:
            continue
        value = values.get(part[1:-1]) if _PLACEHOLDER.fullmatch(part) else None
        if value is None:
            found.append(nodes.Text(part))
        elif isinstance(value, str):
            found.append(nodes.Text(value))
        else:
            found.append(value)
    return found


def place_reference(docname: str, anchor: str, text: str) -> addnodes.pending_xref:
    """A link to a place on another page (a schedule row, the list's entry), resolved when pages are written."""
    return addnodes.pending_xref("", nodes.inline(text, text), refdomain="workshop", reftype="place",
                                 reftarget=f"{docname}#{anchor}", refexplicit=True)


def file_reference(target: str, text: str, classes: list[str]) -> nodes.Element:
    """A link to a project file (``/program/papers/12.pdf``), which Sphinx copies into the site."""
    return addnodes.download_reference("", "", nodes.inline(text, text), reftarget=target, refexplicit=True,
                                       refdomain="", reftype="download", classes=classes)


def link_label(kind: str, target: str, words: Wording) -> str:
    label = words._(PDF) if kind == "pdf" else words._(LINK_KINDS[kind])
    host = target.split("://", 1)[-1].split("/", 1)[0].lower().removeprefix("www.").removeprefix("m.")
    if kind == "video" and host in VIDEO_HOSTS:
        # Translators: a paper's video link and where the video is: "Video (YouTube)".
        return words._("{kind} ({host})", kind=label, host=VIDEO_HOSTS[host])
    return label


def link_nodes(kind: str, target: str, files: dict[str, str], words: Wording) -> nodes.Element:
    text = link_label(kind, target, words)
    classes = [f"ws-link-{kind}"] + ([PDF_CLASS] if kind == "pdf" else [])
    if kind in files:
        return file_reference(files[kind], text, classes)
    return nodes.reference(text, text, refuri=target, classes=classes)


class PaperPage:
    """The nodes of one paper's page."""

    def __init__(self, env: BuildEnvironment, data: dict[str, Any], document: nodes.document) -> None:
        self.env, self.data, self.document = env, data, document
        self.config = env.config
        self.words = wording(env.config)
        self.paper = Paper.model_validate(data["paper"])
        self.day = dt.date.fromisoformat(data["date"]) if data.get("date") else None

    def _(self, message: str, **values: object) -> str:
        return self.words._(message, **values)

    @property
    def booktitle(self) -> str:
        return self.config.workshop_booktitle or self.config.project

    def render(self) -> None:
        paper = self.paper
        self.document.extend(self.meta())
        section = self.section(paper.title, "ws-paper-page")
        section += self.authors()
        if paper.spotlight or paper.award:
            section += self.badges()
        if links := self.links():
            section += links
        listing = self.data["list"]
        back = nodes.paragraph(classes=["ws-paper-back"])
        back += place_reference(listing["doc"], listing["anchor"], self._("All accepted papers"))
        section += back
        if paper.abstract:
            part = self.section(self._("Abstract"))
            part.extend(nodes.paragraph(text, text) for text in paper.abstract_paragraphs())
            if paper.keywords:
                part += self.keywords()
            section += part
        elif paper.keywords:
            section.insert(section.index(back), self.keywords())
        if presented := self.presentations():
            part = self.section(self._("At the workshop"))
            part += presented
            section += part
        part = self.section(self._("Cite this paper"))
        part += self.bibtex()
        section += part
        self.document += section

    def section(self, title: str, *classes: str) -> nodes.section:
        section = nodes.section(classes=list(classes))
        section += nodes.title(title, title)
        section["names"].append(nodes.fully_normalize_name(title))
        self.document.note_implicit_target(section, section)
        return section

    # -- for search engines ------------------------------------------------------------------------

    def meta(self) -> list[nodes.meta]:
        paper = self.paper
        if paper.abstract:
            description = first_sentence(paper.abstract)
        else:
            # Translators: a paper page's description for search engines when the paper has no abstract.
            description = self._("{title}, by {authors}.", title=paper.title, authors=", ".join(paper.authors))
        tags = [("description", description), ("citation_title", paper.title)]
        tags += [("citation_author", author) for author in paper.authors]
        if self.day:
            tags.append(("citation_publication_date", self.day.strftime("%Y/%m/%d")))
        tags.append(("citation_conference_title", self.booktitle))
        if paper.pdf and "://" in paper.pdf:
            tags.append(("citation_pdf_url", paper.pdf))
        return [nodes.meta("", name=name, content=content) for name, content in tags]

    # -- what the page shows -------------------------------------------------------------------------

    def authors(self) -> nodes.paragraph:
        paper = self.paper
        para = nodes.paragraph(classes=["ws-authors"])
        for index, name in enumerate(paper.authors):
            if index:
                para += nodes.Text(", ")
            para += presenter_nodes(name, self.words) if name == paper.presenting else [nodes.Text(name)]
        return para

    def badges(self) -> nodes.paragraph:
        para = nodes.paragraph(classes=["ws-paper-badges"])
        if self.paper.spotlight:
            badge = self._("Spotlight talk")
            para += nodes.inline(badge, badge, classes=["ws-badge"])
        if self.paper.award:
            if self.paper.spotlight:
                para += nodes.Text(" ")
            para += nodes.inline(self.paper.award, self.paper.award, classes=["ws-badge", "ws-award"])
        return para

    def links(self) -> nodes.bullet_list | None:
        paper, files = self.paper, self.data.get("files", {})
        given = ([("pdf", paper.pdf)] if paper.pdf else []) + paper.links.given()
        if not given:
            return None
        items = nodes.bullet_list(classes=["ws-paper-links"])
        for kind, target in given:
            items += nodes.list_item("", nodes.paragraph("", "", link_nodes(kind, target, files, self.words)))
        return items

    def keywords(self) -> nodes.paragraph:
        para = nodes.paragraph(classes=["ws-keywords"])
        # Translators: before a paper's keywords, on its page.
        para += nodes.strong("", self._("Keywords:"))
        para += nodes.Text(" " + ", ".join(self.paper.keywords))
        return para

    def when(self, slot: dict[str, str]) -> dict[str, nodes.Node | str]:
        tz = zone(slot["zone"])
        start = dt.datetime.fromisoformat(slot["start"]).astimezone(tz)
        end = dt.datetime.fromisoformat(slot["end"]).astimezone(tz)
        return {"day": self.words.long_date(start.date()),
                "start": ws_nodes.time(self.words.clock(start), self.words.clock(start), datetime=start.isoformat()),
                "end": ws_nodes.time(self.words.clock(end), self.words.clock(end), datetime=end.isoformat()),
                "zone": self.words.zone_abbreviation(start) or utc_offset(start)}

    def presentations(self) -> nodes.bullet_list | None:
        items = nodes.bullet_list(classes=["ws-paper-presented"])
        for slot in self.data.get("talks", []):
            title = place_reference(slot["doc"], slot["anchor"], slot["title"])
            # Translators: on a paper's page, the slot of the schedule that presents it: "Spotlight: Contributed
            # talks, Friday, July 22, 2022, 10:30–10:45 (EDT)"; {title} links to the schedule.
            text = self._("{kind}: {title}, {day}, {start}–{end} ({zone})")
            items += self.item(filled(text, kind=self._(slot["label"]), title=title, **self.when(slot)))
        poster = self.paper.poster
        if poster is not None:
            slot = self.data.get("poster_slot")
            values: dict[str, nodes.Node | str] = {"session": poster.session, "board": str(poster.board)}
            if slot:
                values["session"] = place_reference(slot["doc"], slot["anchor"], slot["title"])
                values.update(self.when(slot))
                if poster.board:
                    # Translators: on a paper's page, its poster's session (linked to the schedule) and board.
                    text = self._("Poster: {session}, {day}, {start}–{end} ({zone}), board {board}")
                else:
                    text = self._("Poster: {session}, {day}, {start}–{end} ({zone})")
            elif poster.board:
                text = self._("Poster: {session}, board {board}")
            else:
                text = self._("Poster: {session}")
            items += self.item(filled(text, **values))
        return items if len(items) else None

    @staticmethod
    def item(children: list[nodes.Node]) -> nodes.list_item:
        return nodes.list_item("", nodes.paragraph("", "", *children))

    def bibtex(self) -> nodes.literal_block:
        paper = self.paper
        year = self.day.year if self.day else None
        fields = {"key": citation_key(paper.authors, year, paper.id), "title": paper.title,
                  "authors": list(paper.authors), "booktitle": self.booktitle, "year": year}
        text = bibtex(**fields)
        block = nodes.literal_block(text, text, language="none", classes=["ws-bibtex"])
        block[BIBTEX] = fields
        return block


class PaperPageParser(Parser):
    """Reads a generated page's file (JSON) into the page."""

    supported = (FILETYPE,)

    def parse(self, inputstring: str, document: nodes.document) -> None:
        self.setup_parse(inputstring, document)
        PaperPage(document.settings.env, json.loads(inputstring), document).render()
        self.finish_parse()


def page_address(app: Sphinx, docname: str) -> str | None:
    """The page's public address, when the site knows its own (``html_baseurl``) and writes web pages."""
    base = app.config.html_baseurl
    if not base or app.builder.format != "html" or app.builder.name.startswith("epub"):
        return None
    return base.rstrip("/") + "/" + app.builder.get_target_uri(docname)


def bibtex_address(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    """The BibTeX entry gets the page's address as its ``url`` once the builder is known."""
    if not is_generated(app.env, docname):
        return
    address = page_address(app, docname)
    for block in doctree.findall(nodes.literal_block):
        if BIBTEX in block and address:
            text = bibtex(**block[BIBTEX], url=address)
            block.children = [nodes.Text(text)]
            block.rawsource = text


def pdf_address(app: Sphinx, pagename: str, templatename: str, context: dict[str, Any],
                doctree: nodes.document | None) -> None:
    """``citation_pdf_url`` for a PDF of the site's own: its absolute address, so only when the site knows it."""
    if doctree is None or not is_generated(app.env, pagename) or not app.config.html_baseurl:
        return
    for node in doctree.findall(addnodes.download_reference):
        if PDF_CLASS in node["classes"] and node.get("filename"):
            address = app.config.html_baseurl.rstrip("/") + "/_downloads/" + node["filename"]
            tag = f'<meta name="citation_pdf_url" content="{html.escape(address, quote=True)}" />\n'
            context["metatags"] = context.get("metatags", "") + tag
            return


def setup_paper_page(app: Sphinx) -> None:
    app.add_source_parser(PaperPageParser)
    app.connect("doctree-resolved", bibtex_address)
    app.connect("html-page-context", pdf_address)
