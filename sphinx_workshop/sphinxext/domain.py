"""Cross-links between people and the program, kept in a Sphinx domain.

While reading, the ``people`` directive notes where each person's card is and the
``schedule`` directive notes each talk's speakers. When pages are written:

* ``{person}`bouman``` and the speaker names in the schedule link to the person's card;
* each card lists links to that person's talks.

A person whose card appears on several pages links to the first of those pages in
document-name order, so the result does not depend on the order pages were read in.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from typing import Any

from docutils import nodes
from sphinx import addnodes
from sphinx.application import Sphinx
from sphinx.builders import Builder
from sphinx.domains import Domain
from sphinx.environment import BuildEnvironment
from sphinx.roles import XRefRole
from sphinx.transforms.post_transforms import SphinxPostTransform
from sphinx.util.nodes import make_refnode

from sphinx_workshop.sphinxext.nodes import talks


def person_anchor(person_id: str) -> str:
    return f"person-{person_id}"


class PersonRole(XRefRole):
    """``{person}`bouman``` (or ``workshop:person``): the person's name, linked to their card."""

    def run(self) -> tuple[list[nodes.Node], list[nodes.system_message]]:
        self.name = "workshop:person"  # also usable without the domain prefix
        return super().run()


class WorkshopDomain(Domain):
    """People and talks of the workshop, across all documents."""

    name = "workshop"
    label = "Workshop"
    roles = {"person": PersonRole(innernodeclass=nodes.inline, warn_dangling=True)}
    initial_data: dict[str, Any] = {
        # person id -> {docname: name}: every page that shows the person's card
        "cards": {},
        # person id -> {(docname, anchor): title}: the talks they give
        "talks": {},
        # docname -> portrait files (see photos.py) its cards show
        "photos": {},
        # docname -> dates files (absolute paths) it lists
        "dates": {},
    }
    dangling_warnings = {"person": "no card for person id %(target)r: is the id right, and is the person "
                                   "in a people file shown on some page?"}

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

    def clear_doc(self, docname: str) -> None:
        self.data["photos"].pop(docname, None)
        self.data["dates"].pop(docname, None)
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
        if typ == "talk":
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
        for node in list(self.document.findall(talks)):
            entries = domain.talks_of(node["person"])
            if not entries:
                node.parent.remove(node)
                continue
            para = nodes.paragraph(classes=["sd-card-text", "ws-talks"])
            para += nodes.Text("Talk: " if len(entries) == 1 else "Talks: ")
            for index, (docname, anchor, title) in enumerate(entries):
                if index:
                    para += nodes.Text("; ")
                para += addnodes.pending_xref("", nodes.inline(title, title), refdomain="workshop",
                                              reftype="talk", reftarget=f"{docname}#{anchor}", refexplicit=True)
            node.replace_self(para)


def _snapshot_talks(app: Sphinx, env: BuildEnvironment, docnames: list[str]) -> None:
    env.domains["workshop"].talks_before_read = _talk_set(env)


def _rewrite_cards_if_talks_changed(app: Sphinx, env: BuildEnvironment) -> list[str]:
    """A card lists its person's talks: when the talks change, pages with cards are written again."""
    domain: WorkshopDomain = env.domains["workshop"]
    if getattr(domain, "talks_before_read", None) == _talk_set(env):
        return []
    return sorted(domain.documents_with_cards())


def _talk_set(env: BuildEnvironment) -> frozenset[tuple[str, str, str, str]]:
    talks = env.domains["workshop"].talks
    return frozenset((pid, doc, anchor, title) for pid, entries in talks.items()
                     for (doc, anchor), title in entries.items())


def setup_domain(app: Sphinx) -> None:
    app.add_domain(WorkshopDomain)
    app.add_role("person", PersonRole(innernodeclass=nodes.inline, warn_dangling=True))
    app.add_node(talks)
    app.add_post_transform(TalkLinks)
    app.connect("env-before-read-docs", _snapshot_talks)
    app.connect("env-updated", _rewrite_cards_if_talks_changed)
