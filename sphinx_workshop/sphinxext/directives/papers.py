"""``papers``: the accepted papers, by first author's family name, presenters marked for every reader."""

from __future__ import annotations

from pathlib import Path

from docutils import nodes
from sphinx import addnodes
from sphinx.application import Sphinx

from sphinx_workshop.data.anchors import paper_anchor, paper_what
from sphinx_workshop.data.loading import load_papers
from sphinx_workshop.data.model import Paper, family_name_key
from sphinx_workshop.data.reading import DataError
from sphinx_workshop.data.wording import N_, Wording
from sphinx_workshop.sphinxext.shared import DataDirective

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


def presenter_nodes(name: str, wording: Wording) -> list[nodes.Node]:
    """The presenter's name in bold, followed by words a screen reader speaks and the eye does not need."""
    note = wording._(PRESENTER_NOTE)
    return [nodes.strong(name, name, classes=["ws-presenter"]),
            nodes.inline(note, note, classes=["ws-sr-only"])]


class PapersDirective(DataDirective):
    """Render a papers file; while it is empty, say when papers will be announced."""

    syntax_name = "papers"

    def show(self) -> list[nodes.Node]:
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
        return [nodes.paragraph(legend, legend, classes=["ws-papers-legend"]), items]

    def not_yet(self, announcement) -> nodes.paragraph:
        if announcement:
            text = self._("The accepted papers will be listed here once they are announced on {date}.",
                          date=self.long_date(announcement))
        else:
            text = self._("The accepted papers will be listed here once they are announced.")
        return nodes.paragraph(text, text, classes=["ws-papers-pending"])

    def item(self, paper: Paper, data_dir: Path) -> nodes.list_item:
        heading = nodes.paragraph(classes=["ws-paper-heading"])
        heading += title_nodes(paper, data_dir, self.root)
        if paper.spotlight:
            heading += nodes.Text(" ")
            badge = self._("Spotlight talk")
            heading += nodes.inline(badge, badge, classes=["ws-badge"])
        authors = nodes.paragraph(classes=["ws-authors"])
        for index, name in enumerate(paper.authors):
            if index:
                authors += nodes.Text(", ")
            authors += presenter_nodes(name, self.wording) if name == paper.presenting else [nodes.Text(name)]
        item = nodes.list_item("", heading, authors, classes=["ws-paper"])
        self.claim_anchor(item, paper_anchor(paper.id), paper_what(paper.id))
        return item


def setup_papers(app: Sphinx) -> None:
    app.add_directive("papers", PapersDirective)
