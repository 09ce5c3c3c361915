"""A page per paper, made from the papers file: documents of the site that no file of its sources holds.

``papers`` with ``:pages: papers/`` gives each paper of its file a page of its own, at a stable address
made of its id (``program/papers/12.html`` beside ``program/papers.html``). Adding a paper to the file
adds its page, removing it removes the page (its HTML too), and no page is written by hand.

Sphinx has no interface for a document without a file in the site's folder: a document is a file that
its :class:`~sphinx.project.Project` finds there. So the site's project is extended: :class:`SitePages`
is a ``Project`` (``app.project`` and ``env.project``, both documented as one) that finds the site's files
as Sphinx does, then adds one document per paper. A generated document is read from a small file in the
build's doctree folder, never in the sources, which holds what its page shows (the paper, where and when
it is presented, the list that shows it) as JSON, read by its own parser (``paperpage.py``). That file is
written again only when what it holds changes, so Sphinx's own rules re-read only that page: editing one
paper re-reads its page and the pages that list it, not the other papers' pages.

These are real documents: in the toctree (the list's page lists them, hidden), in ``objects.inv``
(``std:doc``), in the search index and the sitemap, written by every builder, linked with ``{doc}``.

Which pages there are is known before any page is read (``markup/pages.py``): the sources are scanned for
``papers`` directives with ``:pages:`` the way ``sphinx-workshop check`` scans them, and the papers and
schedule files are loaded as the directives load them. A file with a problem gives no pages (its page
shows the problem).
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from sphinx.application import Sphinx
from sphinx.environment import BuildEnvironment
from sphinx.project import Project

from sphinx_workshop.data.findings import Finding
from sphinx_workshop.data.model import DEFAULT_KINDS, SessionKinds
from sphinx_workshop.markup.pages import plan
from sphinx_workshop.sphinxext.config import session_kinds
from sphinx_workshop.sphinxext.problems import FINDINGS_EVENT

#: The generated documents' files: their suffix, the file type Sphinx reads them as, their folder.
SUFFIX = ".workshop-paper"
FILETYPE = "workshop-paper"
FOLDER = "workshop-pages"


def write_pages(folder: Path, pages: dict[str, str]) -> tuple[dict[str, str], set[str]]:
    """Each page's file (written only when its text changes, so that an unchanged page is not read again);
    the files of pages that are gone are deleted. The files, by docname, and the docnames that are gone."""
    files: dict[str, str] = {}
    for docname, text in pages.items():
        path = folder / (docname + SUFFIX)
        try:
            same = path.read_text(encoding="utf-8") == text
        except OSError:
            same = False
        if not same:
            path.parent.mkdir(parents=True, exist_ok=True)
            temporary = path.with_name(path.name + ".tmp")
            temporary.write_text(text, encoding="utf-8")
            os.replace(temporary, path)
        files[docname] = str(path)
    gone = set()
    if folder.is_dir():
        for path in folder.rglob("*" + SUFFIX):
            docname = path.relative_to(folder).as_posix().removesuffix(SUFFIX)
            if docname not in pages:
                path.unlink()
                gone.add(docname)
    return files, gone


class SitePages(Project):
    """The site's source files, as Sphinx finds them, and the pages the extension makes from data."""

    def __init__(self, project: Project, folder: str | os.PathLike[str], kinds: SessionKinds = DEFAULT_KINDS) -> None:
        super().__init__(project.srcdir, project.source_suffix)
        self.restore(project)
        #: Where the generated pages' files are (in the doctree folder).
        self.folder = str(folder)
        #: The session kinds a schedule may use (the site's ``workshop_session_kinds``).
        self.kinds = kinds
        #: docname -> the file of a generated page.
        self.generated: dict[str, str] = {}
        #: Generated pages that were there at the last build and are gone now.
        self.gone: set[str] = set()
        #: Problems found planning the pages (a page name already taken).
        self.findings: list[Finding] = []
        #: (papers file, paper id) -> the docname of the paper's page: what a schedule's poster session links.
        self.owners: dict[tuple[Path, str], str] = {}

    def discover(self, exclude_paths: Iterable[str] = (), include_paths: Iterable[str] = ("**",)) -> set[str]:
        docnames = super().discover(exclude_paths, include_paths)
        sources = {}
        for docname in list(docnames):
            source = Path(super().doc2path(docname, absolute=True))
            if source.name.endswith(SUFFIX):  # a generated page's file, in a build's folder inside the site's
                docnames.discard(docname)
            else:
                sources[docname] = source
        self.owners = {}
        pages, self.findings = plan(Path(self.srcdir), sources, self.kinds, self.owners)
        self.generated, self.gone = write_pages(Path(self.folder), pages)
        docnames.update(self.generated)
        return docnames

    def doc2path(self, docname: str, absolute: bool) -> Any:
        """A generated page's file when ``absolute`` (Sphinx reads it); else where it would be among the sources,
        so that a path it names is taken from its folder (``program/papers/``), as for a written page."""
        path = super().doc2path(docname, absolute)
        if docname in self.generated:
            return type(path)(self.generated[docname] if absolute else docname + SUFFIX)
        return path

    def path2doc(self, filename: str | os.PathLike[str]) -> str | None:
        for docname, path in self.generated.items():
            if os.fspath(filename) == path:
                return docname
        return super().path2doc(filename)


def is_generated(env: BuildEnvironment, docname: str) -> bool:
    project = env.project
    return isinstance(project, SitePages) and docname in project.generated


def use_site_pages(app: Sphinx) -> None:
    """The site's project becomes :class:`SitePages` before the sources are looked for."""
    if not isinstance(app.project, SitePages):
        pages = SitePages(app.project, Path(app.doctreedir) / FOLDER, session_kinds(app.config))
        app.project = pages
        app.env.project = pages


def page_of_paper(env: BuildEnvironment, papers_file: Path, paper_id: str) -> str | None:
    """The docname of a paper's own page, when a list of that papers file gives its papers pages."""
    project = env.project
    if not isinstance(project, SitePages):
        return None
    docname = project.owners.get((papers_file, paper_id))
    return docname if docname in env.found_docs else None


def planning_findings(app: Sphinx, env: BuildEnvironment) -> list[Finding]:
    project = env.project
    return list(project.findings) if isinstance(project, SitePages) else []


def remove_gone_pages(app: Sphinx, exception: Exception | None) -> None:
    """A paper taken off the file takes its page off the site: the page Sphinx wrote at an earlier build."""
    project = app.env.project if app.env else None
    if exception is not None or not isinstance(project, SitePages):
        return
    outfile = getattr(app.builder, "get_outfilename", None)
    if outfile is None:
        return
    for docname in sorted(project.gone):
        target = Path(outfile(docname))
        if target.is_file():
            target.unlink()
            if target.name == "index.html" and not any(target.parent.iterdir()):  # dirhtml: the page's folder
                target.parent.rmdir()


def no_source_link(app: Sphinx, pagename: str, templatename: str, context: dict[str, Any], doctree: Any) -> None:
    """A generated page has no source to show or copy."""
    if is_generated(app.env, pagename):
        context["sourcename"] = ""


def setup_pages(app: Sphinx) -> None:
    app.add_source_suffix(SUFFIX, FILETYPE)
    app.connect("builder-inited", use_site_pages, priority=100)
    app.connect(FINDINGS_EVENT, planning_findings)
    app.connect("html-page-context", no_source_link)
    app.connect("build-finished", remove_gone_pages)
