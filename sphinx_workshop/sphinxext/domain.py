"""The workshop's people across all pages, kept in a Sphinx domain, and published for other sites.

While reading, the ``people`` directive notes where each person's card is and the
``schedule`` directive notes each talk's speakers. When pages are written:

* ``{person}`bouman``` and the speaker names in the schedule link to the person's card;
* each card lists links to that person's talks.

A person whose card appears on several pages links to the first of those pages in
document-name order, so the result does not depend on the order pages were read in.

Each person with a card is an object of type ``person`` in the site's ``objects.inv``, so another
site with this extension and ``sphinx.ext.intersphinx`` links to the card:
``{external+ml4astro:workshop:person}`bouman```, or a plain ``{person}`bouman``` that has no card of
its own (intersphinx's fallback); ``{any}`bouman``` finds the person too.

A ``{person}`` id that has no card on any page, nor on a site of ``intersphinx_mapping``, is reported
once, when reading is done, at the role's own line (found in the page's source as
``sphinx-workshop check`` finds it), and the page shows the name marked as a problem.

The domain also keeps which portraits and dates files each page shows (``outputs/photos.py``,
``outputs/script.py``).
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from typing import Any

from docutils import nodes
from docutils.utils import get_source_line
from sphinx import addnodes
from sphinx.application import Sphinx
from sphinx.builders import Builder
from sphinx.domains import Domain, ObjType
from sphinx.environment import BuildEnvironment
from sphinx.locale import _
from sphinx.roles import XRefRole
from sphinx.transforms.post_transforms import SphinxPostTransform
from sphinx.util.nodes import make_refnode

from sphinx_workshop.data.anchors import person_anchor
from sphinx_workshop.data.findings import Finding
from sphinx_workshop.data.wording import N_
from sphinx_workshop.markup.scan import scan_file
from sphinx_workshop.markup.syntax import ROLES, no_card, role_target
from sphinx_workshop.sphinxext.nodes import talks
from sphinx_workshop.sphinxext.problems import FINDINGS_EVENT, page_place, suppressed
from sphinx_workshop.sphinxext.translation import wording

#: Shown after a name whose id has no card (and read by screen readers).
UNKNOWN_PERSON = N_(" (no card for this person id)")


class PersonRole(XRefRole):
    """``{person}`bouman``` (or ``workshop:person``): the person's name, linked to their card."""

    def run(self) -> tuple[list[nodes.Node], list[nodes.system_message]]:
        self.name = "workshop:person"  # also usable without the domain prefix
        return super().run()


class WorkshopDomain(Domain):
    """People and talks of the workshop, across all documents."""

    name = "workshop"
    label = "Workshop"
    #: What ``get_objects`` publishes in objects.inv, and the role that refers to it (intersphinx needs both).
    object_types = {"person": ObjType(_("person"), "person")}
    roles = {"person": PersonRole(innernodeclass=nodes.inline)}
    initial_data: dict[str, Any] = {
        # person id -> {docname: name}: every page that shows the person's card
        "cards": {},
        # person id -> {(docname, anchor): title}: the talks they give
        "talks": {},
        # docname -> portrait files (see photos.py) its cards show
        "photos": {},
        # docname -> dates files (absolute paths) it lists
        "dates": {},
        # docname -> [(person id, line of the paragraph)]: its {person} roles, in page order
        "mentions": {},
    }

    @property
    def cards(self) -> dict[str, dict[str, str]]:
        return self.data["cards"]

    @property
    def talks(self) -> dict[str, dict[tuple[str, str], str]]:
        return self.data["talks"]

    def note_card(self, person_id: str, name: str, docname: str) -> None:
        self.cards.setdefault(person_id, {})[docname] = name

    def note_talk(self, person_id: str, docname: str, anchor: str, title: str) -> None:
        self.talks.setdefault(person_id, {})[(docname, anchor)] = title

    def note_photo(self, docname: str, filename: str) -> None:
        self.data["photos"].setdefault(docname, set()).add(filename)

    def note_dates_page(self, docname: str, path: Path) -> None:
        self.data["dates"].setdefault(docname, set()).add(str(path))

    def dates_page(self, path: Path) -> str | None:
        """The first page, in name order, that lists a dates file."""
        pages = [doc for doc, paths in self.data["dates"].items() if str(path) in paths]
        return min(pages) if pages else None

    def photo_files(self) -> set[str]:
        return {name for names in self.data["photos"].values() for name in names}

    def home_of(self, person_id: str) -> tuple[str, str] | None:
        """The page with the person's card and their name, if any page shows one."""
        pages = self.cards.get(person_id)
        if not pages:
            return None
        docname = min(pages)
        return docname, pages[docname]

    def talks_of(self, person_id: str) -> list[tuple[str, str, str]]:
        return sorted((doc, anchor, title) for (doc, anchor), title in self.talks.get(person_id, {}).items())

    def documents_with_cards(self) -> set[str]:
        return {doc for pages in self.cards.values() for doc in pages}

    def documents_with_talks(self) -> set[str]:
        return {doc for entries in self.talks.values() for doc, _ in entries}

    def note_mentions(self, docname: str, mentions: list[tuple[str, int]]) -> None:
        if mentions:
            self.data["mentions"][docname] = mentions

    def mentions(self) -> dict[str, list[tuple[str, int]]]:
        return self.data["mentions"]

    def clear_doc(self, docname: str) -> None:
        self.data["photos"].pop(docname, None)
        self.data["dates"].pop(docname, None)
        self.data["mentions"].pop(docname, None)
        for pages in self.cards.values():
            pages.pop(docname, None)
        for entries in self.talks.values():
            for key in [k for k in entries if k[0] == docname]:
                del entries[key]

    def merge_domaindata(self, docnames: Iterable[str], otherdata: dict[str, Any]) -> None:
        docnames = set(docnames)
        for key in ("photos", "dates"):
            for docname, values in otherdata[key].items():
                if docname in docnames:
                    self.data[key].setdefault(docname, set()).update(values)
        self.data["mentions"].update((d, m) for d, m in otherdata["mentions"].items() if d in docnames)
        for person_id, pages in otherdata["cards"].items():
            for docname, name in pages.items():
                if docname in docnames:
                    self.note_card(person_id, name, docname)
        for person_id, entries in otherdata["talks"].items():
            for (docname, anchor), title in entries.items():
                if docname in docnames:
                    self.note_talk(person_id, docname, anchor, title)

    def resolve_xref(self, env: BuildEnvironment, fromdocname: str, builder: Builder, typ: str, target: str,
                     node: addnodes.pending_xref, contnode: nodes.Element) -> nodes.Element | None:
        if typ in ("talk", "place"):  # a place on a page: a talk's schedule row, a paper in its list
            docname, anchor = target.split("#", 1)
            return make_refnode(builder, fromdocname, docname, anchor, contnode, contnode.astext())
        home = self.home_of(target)
        if home is None:
            # A schedule may name someone who has no card anywhere: their name stays plain text.
            return contnode if typ == "speaker" else None
        docname, name = home
        if typ == "person" and not node.get("refexplicit"):
            contnode = nodes.inline(name, name, classes=contnode.get("classes", []))
        return make_refnode(builder, fromdocname, docname, person_anchor(target), contnode, name)

    def resolve_any_xref(self, env: BuildEnvironment, fromdocname: str, builder: Builder, target: str,
                         node: addnodes.pending_xref, contnode: nodes.Element) -> list[tuple[str, nodes.Element]]:
        resolved = self.resolve_xref(env, fromdocname, builder, "person", target, node, contnode)
        return [("workshop:person", resolved)] if resolved is not None else []

    def get_objects(self) -> Iterable[tuple[str, str, str, str, str, int]]:
        for person_id in sorted(self.cards):
            home = self.home_of(person_id)
            if home:
                # objects.inv is one entry per line: a name must not be able to start another
                yield person_id, " ".join(home[1].split()), "person", home[0], person_anchor(person_id), 1


def speaker_reference(person_id: str, name: str) -> addnodes.pending_xref:
    """A speaker's name that links to their card, or stays text if they have none."""
    ref = addnodes.pending_xref("", nodes.inline(name, name), refdomain="workshop", reftype="speaker",
                                reftarget=person_id, refexplicit=True, refwarn=False)
    return ref


class TalkLinks(SphinxPostTransform):
    """Turn each card's ``talks`` placeholder into links to the person's talks, or drop it."""

    default_priority = 5  # before Sphinx resolves cross-references, which turns these into links

    def run(self, **kwargs: Any) -> None:
        domain: WorkshopDomain = self.env.domains["workshop"]
        words = wording(self.config)
        for node in list(self.document.findall(talks)):
            entries = domain.talks_of(node["person"])
            if not entries:
                node.parent.remove(node)
                continue
            para = nodes.paragraph(classes=["sd-card-text", "ws-talks"])
            # Translators: on a person's card, before the link to their talk (or talks) in the program.
            para += nodes.Text(words._("Talk: ") if len(entries) == 1 else words._("Talks: "))
            for index, (docname, anchor, title) in enumerate(entries):
                if index:
                    para += nodes.Text("; ")
                para += addnodes.pending_xref("", nodes.inline(title, title), refdomain="workshop",
                                              reftype="talk", reftarget=f"{docname}#{anchor}", refexplicit=True)
            node.replace_self(para)


def note_mentions(app: Sphinx, doctree: nodes.document) -> None:
    """Every ``{person}`` role of the page, with the line of its paragraph (for the report, once reading is done).

    Not ``{external+site:workshop:person}``: intersphinx looks that up on the other site alone, and says itself
    when it is not there."""
    env = app.env
    mentions = [(node["reftarget"], get_source_line(node)[1] or 0) for node in doctree.findall(addnodes.pending_xref)
                if node.get("refdomain") == "workshop" and node.get("reftype") == "person"
                and "intersphinx" not in node]
    env.domains["workshop"].note_mentions(env.docname, mentions)


def on_other_site(app: Sphinx, env: BuildEnvironment, person_id: str) -> bool:
    """Whether intersphinx (when the site loads it) links the id to a card on a site of ``intersphinx_mapping``,
    as it will when the page is written: asked through its own resolver, with its settings."""
    if "sphinx.ext.intersphinx" not in app.extensions:
        return False
    from sphinx.ext.intersphinx import resolve_reference_detect_inventory

    contnode = nodes.inline(person_id, person_id)
    node = addnodes.pending_xref("", contnode, refdomain="workshop", reftype="person", reftarget=person_id)
    return resolve_reference_detect_inventory(env, node, contnode) is not None


def unknown_people(app: Sphinx, env: BuildEnvironment) -> list[Finding]:
    """A problem for every ``{person}`` id with no card on any page nor on another site, at the role's own line."""
    domain: WorkshopDomain = env.domains["workshop"]
    found = []
    for docname, mentions in sorted(domain.mentions().items()):
        unknown = [(pid, line) for pid, line in mentions
                   if domain.home_of(pid) is None and not on_other_site(app, env, pid)]
        if unknown:
            source = env.doc2path(docname)
            lines = role_lines(source, unknown)
            found += [Finding(page_place(env, source), line, no_card(pid), "person") for (pid, _), line in
                      zip(unknown, lines, strict=True)]
    return found


def role_lines(source: Path, mentions: list[tuple[str, int]]) -> list[int]:
    """Each mention's own line: docutils and MyST know only the paragraph's, the page's source knows better.

    The source is read the way ``sphinx-workshop check`` reads it, so both name the same line.
    """
    roles = [(role_target(r.text), r.line) for r in scan_file(source).roles if r.name in ROLES]
    used: set[int] = set()
    lines = []
    for pid, paragraph in mentions:
        index = next((i for i, (target, line) in enumerate(roles)
                      if i not in used and target == pid and line >= paragraph), None)
        if index is None:
            lines.append(paragraph)
        else:
            used.add(index)
            lines.append(roles[index][1])
    return lines


def mark_unknown_person(app: Sphinx, env: BuildEnvironment, node: addnodes.pending_xref,
                        contnode: nodes.Element) -> nodes.Element | None:
    """A ``{person}`` id with no card: the text, marked as a problem (already reported, so no other warning)."""
    if node.get("refdomain") != "workshop" or node.get("reftype") != "person":
        return None
    if suppressed(app.config, "person"):
        return contnode
    mark = nodes.inline("", "", classes=["ws-problem-ref"])
    mark += contnode
    note = wording(app.config)._(UNKNOWN_PERSON)
    mark += nodes.inline(note, note, classes=["ws-problem-ref-note"])
    return mark


def _snapshot(app: Sphinx, env: BuildEnvironment, docnames: list[str]) -> None:
    domain: WorkshopDomain = env.domains["workshop"]
    domain.talks_before_read = _talk_set(env)
    domain.homes_before_read = _mentioned_homes(env)


def _rewrite_pages_whose_links_changed(app: Sphinx, env: BuildEnvironment) -> list[str]:
    """Pages not read again but whose links changed are written again: a card lists its person's talks, and
    a ``{person}`` role links to a card (or is marked as a problem) that may have come or gone."""
    domain: WorkshopDomain = env.domains["workshop"]
    pages: set[str] = set()
    if getattr(domain, "talks_before_read", None) != _talk_set(env):
        pages |= domain.documents_with_cards()
    before, after = getattr(domain, "homes_before_read", {}), _mentioned_homes(env)
    changed = {pid for pid in before.keys() | after.keys() if before.get(pid) != after.get(pid)}
    pages |= {doc for doc, mentions in domain.mentions().items() if any(pid in changed for pid, _ in mentions)}
    return sorted(pages & env.found_docs)


def _mentioned_homes(env: BuildEnvironment) -> dict[str, tuple[str, str] | None]:
    domain: WorkshopDomain = env.domains["workshop"]
    return {pid: domain.home_of(pid) for mentions in domain.mentions().values() for pid, _ in mentions}


def _talk_set(env: BuildEnvironment) -> frozenset[tuple[str, str, str, str]]:
    talks = env.domains["workshop"].talks
    return frozenset((pid, doc, anchor, title) for pid, entries in talks.items()
                     for (doc, anchor), title in entries.items())


def setup_domain(app: Sphinx) -> None:
    app.add_domain(WorkshopDomain)
    app.add_role("person", PersonRole(innernodeclass=nodes.inline))
    app.add_node(talks)
    app.add_post_transform(TalkLinks)
    app.connect("doctree-read", note_mentions)
    app.connect(FINDINGS_EVENT, unknown_people)
    app.connect("missing-reference", mark_unknown_person, priority=900)  # after intersphinx has looked
    app.connect("env-before-read-docs", _snapshot)
    app.connect("env-updated", _rewrite_pages_whose_links_changed)
