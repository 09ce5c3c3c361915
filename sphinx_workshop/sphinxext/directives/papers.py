"""``papers``: the accepted papers, by first author's family name, presenters marked for every reader.

With ``:pages: papers/``, each paper has a page of its own (``sphinxext/pages.py``): its title links there,
the PDF is a second link, the pages are the list's (hidden) toctree, and the list carries what its search
looks through (``js/workshop.js``): title, authors, keywords and abstract, the spotlights, the poster sessions.
"""

from __future__ import annotations

from pathlib import Path

from docutils import nodes
from sphinx import addnodes
from sphinx.application import Sphinx

from sphinx_workshop.data.anchors import paper_anchor, paper_what
from sphinx_workshop.data.loading import load_papers
from sphinx_workshop.data.model import Paper, family_name_key
from sphinx_workshop.markup.syntax import pages_of
from sphinx_workshop.data.reading import DataError
from sphinx_workshop.data.wording import N_, Wording
from sphinx_workshop.sphinxext.shared import DataDirective, option_spec

#: Read by screen readers after the presenter's name; sighted readers see the name in bold.
# Translators: after a paper's presenting author, for screen readers only (sighted readers see the name in bold).
PRESENTER_NOTE = N_(" (presenter)")


def title_nodes(paper: Paper, data_dir: Path, root: Path) -> nodes.Node:
    """The title, linked to the PDF: a web link, or a project file that Sphinx copies into the site."""
    if paper.pdf is None:
        return nodes.inline(paper.title, paper.title, classes=["ws-paper-title"])
    if "://" in paper.pdf:
        return nodes.reference(paper.title, paper.title, refuri=paper.pdf, classes=["ws-paper-title"])
    target = "/" + (data_dir / paper.pdf).resolve().relative_to(root.resolve()).as_posix()
    return addnodes.download_reference("", "", nodes.inline(paper.title, paper.title), reftarget=target,
                                       refexplicit=True, refdomain="", reftype="download",
                                       classes=["ws-paper-title"])


# Translators: a paper's link to its PDF, on its page and in the papers list.
PDF = N_("PDF")


def pdf_nodes(paper: Paper, data_dir: Path, root: Path, wording: Wording) -> nodes.Node:
    """A second link, to the PDF, beside the title that links to the paper's page; screen readers also hear
    which paper's PDF it is."""
    text = wording._(PDF)
    # Translators: read by screen readers after "PDF" in the papers list: which paper's PDF it is.
    which = wording._(" of “{title}”", title=paper.title)
    label = [nodes.inline(text, text), nodes.inline(which, which, classes=["ws-sr-only"])]
    if "://" in paper.pdf:
        return nodes.reference("", "", *label, refuri=paper.pdf, classes=["ws-paper-pdf"])
    target = "/" + (data_dir / paper.pdf).resolve().relative_to(root.resolve()).as_posix()
    return addnodes.download_reference("", "", *label, reftarget=target, refexplicit=True,
                                       refdomain="", reftype="download", classes=["ws-paper-pdf"])


def search_data(papers: list[Paper]) -> nodes.raw:
    """What the list's search looks through, for the page script: each paper's anchor, its words (title, authors,
    keywords, abstract), keywords, spotlight and poster session. JSON that cannot leave its ``<script>``."""
    from sphinx_workshop.sphinxext.outputs.script import script_json

    data = [{"anchor": paper_anchor(p.id),
             "text": " ".join([p.title, *p.authors, *p.keywords, p.abstract or ""]),
             "keywords": list(p.keywords), "spotlight": p.spotlight,
             "session": p.poster.session if p.poster else ""} for p in papers]
    html = f'<script type="application/json" class="ws-papers-data">{script_json(data)}</script>\n'
    return nodes.raw("", html, format="html")


def search_form(papers: list[Paper], words: Wording, number: int) -> nodes.raw:
    """The list's search box and filters, written by the build so that they take their place before the first
    paint (the page does not move when the script starts); hidden by workshop.css where scripts do not run, and
    made to work by the page script. Every text is escaped."""
    from html import escape

    suffix = f"-{number}" if number else ""
    # The same choices the script offers: each value once, in alphabetical order.
    keywords = sorted({k for p in papers for k in p.keywords}, key=lambda k: (k.casefold(), k))
    sessions = sorted({p.poster.session for p in papers if p.poster and p.poster.session},
                      key=lambda s: (s.casefold(), s))

    def field(name: str, label: str, control: str, extra: str = "") -> str:
        return (f'<div class="ws-search-field{extra}"><label for="ws-paper-{name}{suffix}">{escape(label)}</label>'
                f'{control}</div>')

    def choice(name: str, first: str, values: list[str]) -> str:
        options = "".join(f'<option value="{escape(v)}">{escape(v)}</option>' for v in values)
        return (f'<select id="ws-paper-{name}{suffix}"><option value="">{escape(first)}</option>{options}</select>')

    parts = [field("q", words._("Search the papers"),
                   f'<input type="search" id="ws-paper-q{suffix}" autocomplete="off">', " ws-search-text")]
    if keywords:
        parts.append(field("keyword", words._("Keyword"), choice("keyword", words._("All keywords"), keywords)))
    if sessions:
        parts.append(field("session", words._("Poster session"),
                           choice("session", words._("All poster sessions"), sessions)))
    if any(p.spotlight for p in papers):
        parts.append(f'<div class="ws-search-check"><input type="checkbox" id="ws-paper-spotlight{suffix}">'
                     f'<label for="ws-paper-spotlight{suffix}">{escape(words._("Spotlight talks only"))}</label></div>')
    parts.append('<p class="ws-search-count" aria-live="polite"></p>')
    html = f'<form class="ws-paper-search" role="search">{"".join(parts)}</form>\n'
    return nodes.raw("", html, format="html")


def presenter_nodes(name: str, wording: Wording) -> list[nodes.Node]:
    """The presenter's name in bold, followed by words a screen reader speaks and the eye does not need."""
    note = wording._(PRESENTER_NOTE)
    return [nodes.strong(name, name, classes=["ws-presenter"]),
            nodes.inline(note, note, classes=["ws-sr-only"])]


class PapersDirective(DataDirective):
    """Render a papers file; while it is empty, say when papers will be announced."""

    syntax_name = "papers"
    option_spec = option_spec("papers")

    def show(self) -> list[nodes.Node]:
        options = self.checked_options()
        self.pages = pages_of(self.env.docname, options["pages"]) if "pages" in options else None
        path = self.data_path()
        if path is None:
            return self.shown_instead()
        try:
            doc = load_papers(path, self.root)
        except DataError as error:
            self.found(error)
            return self.shown_instead()
        papers = sorted(doc.model.papers, key=family_name_key)
        if not papers:
            return [self.not_yet(doc.model.announcement)]
        legend = self._("Presenting authors are shown in bold.")
        items = nodes.bullet_list(classes=["ws-papers"])
        items.extend(self.item(paper, path.parent) for paper in papers)
        self.set_source_info(items)
        shown: list[nodes.Node] = [nodes.paragraph(legend, legend, classes=["ws-papers-legend"]), items]
        if self.pages is not None:
            # The page's first list keeps its choices in the address; the others' controls have their own ids.
            number = self.env.temp_data.setdefault("ws_paper_search", 0)
            self.env.temp_data["ws_paper_search"] = number + 1
            shown[1:1] = [search_form(papers, self.wording, number)]
            shown += [search_data(papers), self.toctree(papers)]
        return shown

    def page_of(self, paper: Paper) -> str | None:
        """The docname of the paper's own page, when the list has pages and that page is there."""
        if self.pages is None:
            return None
        docname = f"{self.pages}/{paper.id}"
        return docname if docname in self.env.found_docs else None

    def toctree(self, papers: list[Paper]) -> nodes.compound:
        """The papers' pages under the list's page, hidden: the list itself links them."""
        pages = [docname for paper in papers if (docname := self.page_of(paper))]
        tree = addnodes.toctree(parent=self.env.docname, entries=[(None, page) for page in pages],
                                includefiles=pages, maxdepth=-1, caption=None, glob=False, hidden=True,
                                includehidden=False, numbered=0, titlesonly=False)
        self.set_source_info(tree)
        return nodes.compound("", tree, classes=["toctree-wrapper"])

    def not_yet(self, announcement) -> nodes.paragraph:
        if announcement:
            text = self._("The accepted papers will be listed here once they are announced on {date}.",
                          date=self.long_date(announcement))
        else:
            text = self._("The accepted papers will be listed here once they are announced.")
        return nodes.paragraph(text, text, classes=["ws-papers-pending"])

    def item(self, paper: Paper, data_dir: Path) -> nodes.list_item:
        heading = nodes.paragraph(classes=["ws-paper-heading"])
        page = self.page_of(paper)
        if page is None:
            heading += title_nodes(paper, data_dir, self.root)
        else:
            heading += addnodes.pending_xref("", nodes.inline(paper.title, paper.title, classes=["ws-paper-title"]),
                                             refdomain="workshop", reftype="place", reftarget=f"{page}#",
                                             refexplicit=True)
            if paper.pdf:
                heading += nodes.Text(" \u00b7 ")
                heading += pdf_nodes(paper, data_dir, self.root, self.wording)
        if paper.spotlight:
            heading += nodes.Text(" ")
            badge = self._("Spotlight talk")
            heading += nodes.inline(badge, badge, classes=["ws-badge"])
        if paper.award:
            heading += nodes.Text(" ")
            heading += nodes.inline(paper.award, paper.award, classes=["ws-badge", "ws-award"])
        authors = nodes.paragraph(classes=["ws-authors"])
        for index, name in enumerate(paper.authors):
            if index:
                authors += nodes.Text(", ")
            authors += presenter_nodes(name, self.wording) if name == paper.presenting else [nodes.Text(name)]
        item = nodes.list_item("", heading, authors, classes=["ws-paper"])
        if page is not None and paper.keywords:
            keywords = nodes.paragraph(classes=["ws-keywords"])
            # Translators: before a paper's keywords, on its page and in the papers list.
            keywords += nodes.inline("", self._("Keywords:"), classes=["ws-label"])
            keywords += nodes.Text(" " + ", ".join(paper.keywords))
            item += keywords
        if page is not None and paper.poster is not None:
            where = (self._("Poster: {session}, board {board}", session=paper.poster.session, board=paper.poster.board)
                     if paper.poster.board else self._("Poster: {session}", session=paper.poster.session))
            item += nodes.paragraph(where, where, classes=["ws-paper-poster"])
        self.claim_anchor(item, paper_anchor(paper.id), paper_what(paper.id))
        return item


def setup_papers(app: Sphinx) -> None:
    app.add_directive("papers", PapersDirective)
