"""``people``: a sphinx-design grid of cards, one per person: photo or initials, name, affiliation, role."""

from __future__ import annotations

import unicodedata
import zlib
from pathlib import Path

from docutils import nodes
from sphinx.application import Sphinx
from sphinx_design.shared import create_component

from sphinx_workshop.data.anchors import person_anchor, person_what
from sphinx_workshop.data.loading import load_people
from sphinx_workshop.data.model import PeopleFile, Person
from sphinx_workshop.data.photos import each_photo
from sphinx_workshop.data.reading import DataError, Document
from sphinx_workshop.sphinxext import nodes as ws_nodes
from sphinx_workshop.sphinxext.domain import WorkshopDomain
from sphinx_workshop.sphinxext.outputs.photos import cache_dir, make_portrait, photo
from sphinx_workshop.sphinxext.shared import DataDirective, folded_paragraphs
from sphinx_workshop.sphinxext.theme import UNDIMMED

#: Responsive columns: two on a phone, up to four on a desktop.
ROW_CLASSES = ["sd-row", "sd-row-cols-2", "sd-row-cols-xs-2", "sd-row-cols-sm-3", "sd-row-cols-md-3",
               "sd-row-cols-lg-4", "sd-g-3"]
#: Avatar colours (see workshop.css); a person keeps theirs from build to build.
AVATAR_HUES = 8


def initials(name: str) -> str:
    """``Laurence Perreault-Levasseur`` → ``LP``; ``Xavier J. Prochaska`` → ``XP``."""
    words = [w for w in name.replace("-", " ").split() if w[:1].isalpha()]
    if not words:
        return "?"
    firsts = [words[0][0]] if len(words) == 1 else [words[0][0], name.split()[-1][0]]
    return unicodedata.normalize("NFC", "".join(firsts).upper())


def avatar_hue(person_id: str) -> int:
    return zlib.crc32(person_id.encode()) % AVATAR_HUES


class PeopleDirective(DataDirective):
    """Render a people file as a grid of cards."""

    syntax_name = "people"

    def show(self) -> list[nodes.Node]:
        path = self.data_path()
        if path is None:
            return self.shown_instead()
        try:
            doc = load_people(path, self.root)
            portraits = self.portraits(doc)
        except DataError as error:
            self.found(error)
            return self.shown_instead()
        row = create_component("grid-row", ROW_CLASSES)
        row.extend(self.item(person, portraits.get(person.id)) for person in doc.model.people)
        grid = create_component(
            "grid-container", ["sd-container-fluid", "sd-sphinx-override", "sd-mb-4", "ws-people"], children=[row]
        )
        self.set_source_info(grid)
        return [grid]

    def portraits(self, doc: Document[PeopleFile]) -> dict[str, list[tuple[int, str]]]:
        """Person id -> portrait files, made from each photo; a photo that cannot be used is a data error.

        Each photo is a dependency of the page: replacing the file rebuilds it (``make serve`` included).
        """
        cache = cache_dir(self.env.doctreedir)

        def portrait(source: Path) -> list[tuple[int, str]]:
            self.env.note_dependency(str(source))
            return make_portrait(source, cache)

        made = each_photo(doc, portrait)
        domain: WorkshopDomain = self.env.domains["workshop"]
        for files in made.values():
            for _, name in files:
                domain.note_photo(self.env.docname, name)
        return made

    def item(self, person: Person, portrait: list[tuple[int, str]] | None) -> nodes.container:
        card = create_component("card", ["sd-card", "sd-sphinx-override", "sd-w-100", "sd-shadow-sm", "ws-person"])
        self.claim_anchor(card, person_anchor(person.id), person_what(person.id))
        domain: WorkshopDomain = self.env.domains["workshop"]
        domain.note_card(person.id, person.name, self.env.docname)
        card += self.picture(person, portrait)
        body = create_component("card-body", ["sd-card-body"])
        name = nodes.paragraph(classes=["sd-card-title", "sd-font-weight-bold", "ws-name"])
        if person.homepage:
            name += nodes.reference(person.name, person.name, refuri=person.homepage)
        else:
            name += nodes.Text(person.name)
        body += name
        body += nodes.paragraph(person.affiliation, person.affiliation, classes=["sd-card-text", "ws-affiliation"])
        if person.role:
            body += nodes.paragraph(person.role, person.role, classes=["sd-card-text", "ws-role"])
        body += ws_nodes.talks(person=person.id)
        if person.bio:
            # Translators: the summary of a person's folded biography on their card ("About Katie Bouman").
            body += folded_paragraphs(self._("About {name}", name=person.name), person.bio, ["ws-bio"])
        card += body
        return create_component("grid-item", ["sd-col", "sd-d-flex-row"], children=[card])

    def picture(self, person: Person, portrait: list[tuple[int, str]] | None) -> nodes.Element:
        if portrait:
            # Translators: a portrait's alternative text, read by screen readers.
            return photo(files=portrait, alt=self._("Photo of {name}", name=person.name), classes=["ws-photo", UNDIMMED])
        text = initials(person.name)
        return ws_nodes.avatar(text, text, classes=["ws-avatar", f"ws-hue-{avatar_hue(person.id)}"])


def setup_people(app: Sphinx) -> None:
    app.add_directive("people", PeopleDirective)
