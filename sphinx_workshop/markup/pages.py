"""Which pages the build makes from data, known from the sources before any page is read.

A ``papers`` directive with ``:pages:`` gives each paper of its file a page of its own
(``sphinxext/pages.py`` makes them documents of the site). :func:`plan` finds those directives the
way ``sphinx-workshop check`` finds every directive (``scan.py``), loads the papers files and the
schedules that name them as the directives load them, and gives each page the JSON it is read from:
the paper, where and when it is presented, the list that shows it. Both the build and ``check`` call it,
so both report a page name that is already taken. Nothing here imports Sphinx.
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sphinx_workshop.data.anchors import paper_anchor, slot_anchor
from sphinx_workshop.data.findings import Finding
from sphinx_workshop.data.loading import load_papers, load_schedule
from sphinx_workshop.data.model import DEFAULT_KINDS, Paper, SessionKinds
from sphinx_workshop.data.reading import DataError, display_path
from sphinx_workshop.data.rules import is_file
from sphinx_workshop.markup.scan import DirectiveUse, scan
from sphinx_workshop.markup.syntax import DIRECTIVES, page_taken, pages_folder, pages_of


@dataclass(frozen=True)
class _List:
    """A ``papers`` directive with ``:pages:``: its page, its line, the papers file, the pages' folder."""

    docname: str
    source: Path
    line: int
    papers: Path
    folder: str


def _uses(text: str, source: Path, name: str) -> list[DirectiveUse]:
    if name not in text:
        return []
    return [use for use in scan(text, rst=source.suffix == ".rst").directives if use.name == name]


def _data_path(srcdir: Path, source: Path, written: str) -> Path:
    """A directive's data file as the build resolves it: from the site's folder with '/', else beside the page."""
    base = srcdir if written.startswith(("/", "\\")) else source.parent
    return Path(os.path.normpath(base / written.lstrip("/\\")))


def _lists(srcdir: Path, texts: dict[str, tuple[Path, str]]) -> list[_List]:
    found = []
    for docname, (source, text) in sorted(texts.items()):
        if ":pages:" not in text and "pages:" not in text:
            continue
        for use in _uses(text, source, "papers"):
            if "pages" not in use.options or not use.argument:
                continue
            try:
                folder = pages_folder(use.options["pages"])
            except ValueError:
                continue  # the directive reports it
            found.append(_List(docname, source, use.line, _data_path(srcdir, source, use.argument),
                               pages_of(docname, folder)))
    return found


def _presentations(srcdir: Path, texts: dict[str, tuple[Path, str]], papers_files: set[Path],
                   kinds: SessionKinds) -> dict[Path, Any]:
    """For each papers file a schedule names: the first day, and the slots that present each paper (by id) or
    hold a poster session (by its title, case and spaces aside)."""
    found: dict[Path, Any] = {}
    for docname, (source, text) in sorted(texts.items()):
        for use in _uses(text, source, "schedule"):
            path = _data_path(srcdir, source, use.argument)
            if not is_file(path):
                continue
            try:
                data = load_schedule(path, srcdir, kinds)
            except DataError:
                continue
            if data.papers_path is None or data.papers_path not in papers_files or data.papers_path in found:
                continue
            schedule = data.doc.model.titled(data.papers)
            talks: dict[str, list[dict[str, str]]] = {}
            sessions: dict[str, dict[str, str]] = {}
            for day, entry in schedule.slots():
                start, end = schedule.instant(entry.start, day), schedule.instant(entry.end, day)
                slot = {"doc": docname, "anchor": slot_anchor(day, entry), "start": start.isoformat(),
                        "end": end.isoformat(), "zone": schedule.timezone, "label": data.kinds.label(entry.kind),
                        "title": entry.title}
                for paper_id in entry.papers:
                    talks.setdefault(paper_id, []).append(slot)
                if entry.kind == "poster":
                    sessions.setdefault(_folded(entry.title), slot)
            found[data.papers_path] = {"date": schedule.first_day.isoformat(), "talks": talks, "sessions": sessions}
    return found


def _folded(text: str) -> str:
    return " ".join(text.split()).casefold()


def _project_file(srcdir: Path, papers: Path, target: str | None) -> str | None:
    """A file the paper names, relative to the papers file, as a path from the site's folder (``/program/...``)."""
    if not target or "://" in target:
        return None
    return "/" + Path(os.path.relpath(os.path.normpath(papers.parent / target), srcdir)).as_posix()


def page_content(srcdir: Path, listing: _List, paper: Paper, shown: dict[str, Any] | None) -> dict[str, Any]:
    """All a paper's page shows, as its generated file holds it."""
    files = {"pdf": _project_file(srcdir, listing.papers, paper.pdf)}
    files.update((kind, _project_file(srcdir, listing.papers, target)) for kind, target in paper.links.given())
    shown = shown or {}
    session = None
    if paper.poster is not None:
        session = shown.get("sessions", {}).get(_folded(paper.poster.session))
    return {
        "paper": paper.model_dump(mode="json"),
        "files": {kind: path for kind, path in files.items() if path},
        "list": {"doc": listing.docname, "anchor": paper_anchor(paper.id)},
        "date": shown.get("date"),
        "talks": shown.get("talks", {}).get(paper.id, []),
        "poster_slot": session,
    }


def plan(srcdir: Path, sources: dict[str, Path], kinds: SessionKinds = DEFAULT_KINDS,
         owners: dict[tuple[Path, str], str] | None = None) -> tuple[dict[str, str], list[Finding]]:
    """The generated pages (docname -> the text of its file) and the problems found planning them. ``owners``,
    when given, is filled with each page's docname by (papers file, paper id): what a schedule links to."""
    texts: dict[str, tuple[Path, str]] = {}
    for docname, source in sources.items():
        try:
            texts[docname] = (source, source.read_text(encoding="utf-8-sig", errors="replace"))
        except OSError:
            continue
    lists = _lists(srcdir, texts)
    loaded: dict[Path, list[Paper]] = {}
    for listing in lists:
        if listing.papers not in loaded and is_file(listing.papers):
            try:
                loaded[listing.papers] = load_papers(listing.papers, srcdir).model.papers
            except DataError:
                pass
    shown = _presentations(srcdir, texts, set(loaded), kinds)
    pages: dict[str, str] = {}
    made_by: dict[str, tuple[Path, str]] = {}
    findings: list[Finding] = []
    for listing in lists:
        for paper in loaded.get(listing.papers, []):
            docname = f"{listing.folder}/{paper.id}"
            holder = None
            if docname in sources:
                holder = f"the page {display_path(sources[docname], srcdir)}"
            elif docname in made_by and made_by[docname][0] != listing.papers:
                holder = f"the page of a paper of {display_path(made_by[docname][0], srcdir)}"
            if holder:
                findings.append(Finding(display_path(listing.source, srcdir), listing.line,
                                        page_taken(paper.id, docname, holder), DIRECTIVES["papers"].kind))
                continue
            if docname in made_by:
                continue  # the same file's pages, listed on another page too: the first list's
            made_by[docname] = (listing.papers, listing.docname)
            if owners is not None:
                owners.setdefault((listing.papers, paper.id), docname)
            content = page_content(srcdir, listing, paper, shown.get(listing.papers))
            pages[docname] = json.dumps(content, ensure_ascii=False, sort_keys=True, indent=1) + "\n"
    return pages, findings
