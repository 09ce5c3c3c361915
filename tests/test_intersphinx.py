"""Another site links to this one's people through intersphinx: the domain publishes them in objects.inv.

The first site (``test-intersphinx-source``) is built; its objects.inv is copied, as a local file, into
a second site (``test-intersphinx-consumer``) whose ``intersphinx_mapping`` names it, so no network is
needed. That site links to people of the first in every way a page can.
"""

from __future__ import annotations

import io
import posixpath
import shutil
from pathlib import Path

import pytest
from conftest import cli_build, copy_root, soup_of
from sphinx.util.inventory import InventoryFile

from sphinx_workshop.cli.main import main

BASE = "https://ml4astro.example.org/"
NO_CARD = ("no card for person id {!r}: is the id right, and is the person in a people file shown on "
           "some page?")


@pytest.fixture(scope="module")
def source(tmp_path_factory) -> Path:
    src = copy_root("intersphinx-source", tmp_path_factory.mktemp("source"))
    status, warnings = cli_build(src)
    assert (status, warnings) == (0, "")
    return src / "_build" / "html"


def consumer_site(dest: Path, source: Path, page_extra: str = "", conf_extra: str = "") -> Path:
    src = copy_root("intersphinx-consumer", dest)
    shutil.copyfile(source / "objects.inv", src / "ml4astro.inv")
    if page_extra:
        with (src / "index.md").open("a", encoding="utf-8") as page:
            page.write(page_extra)
    if conf_extra:
        with (src / "conf.py").open("a", encoding="utf-8") as conf:
            conf.write(conf_extra)
    return src


@pytest.fixture(scope="module")
def consumer(tmp_path_factory, source) -> tuple[int, str, Path]:
    src = consumer_site(tmp_path_factory.mktemp("consumer"), source)
    status, warnings = cli_build(src)
    return status, warnings, src


def check(src: Path) -> tuple[int, list[str]]:
    out = io.StringIO()
    from contextlib import redirect_stdout

    with redirect_stdout(out):
        status = main(["check", "--quiet", str(src)])
    return status, out.getvalue().splitlines()


def test_the_inventory_lists_every_person_with_a_card(source):
    with (source / "objects.inv").open("rb") as f:
        inventory = InventoryFile.load(f, BASE, posixpath.join)
    people = {name: (item.uri, item.display_name) for name, item in inventory["workshop:person"].items()}
    assert people == {
        "bouman": (BASE + "people/index.html#person-bouman", "Katie Bouman"),
        "macke": (BASE + "people/index.html#person-macke", "Jakob Macke"),
    }


def test_the_consumer_builds_without_a_warning(consumer):
    status, warnings, _ = consumer
    assert (status, warnings) == (0, "")


def test_every_form_links_to_the_other_sites_card_with_its_anchor(consumer):
    soup = soup_of(consumer[2] / "_build" / "html" / "index.html")
    paragraphs = soup.select("section > p")
    found = [[(a.get_text(), a["href"]) for a in p.select("a")] for p in paragraphs]
    card = BASE + "people/index.html#person-"
    assert found == [
        [("Katie Bouman", card + "bouman")],  # {external+ml4astro:workshop:person}
        [("Jakob Macke", card + "macke"), ("the SBI expert", card + "macke")],  # {person}, {workshop:person}
        [("Katie Bouman", card + "bouman")],  # {any}
        [("Ada Chair", "#person-chair"), ("Ada Chair", "#person-chair")],  # a card of its own wins
    ]
    external = soup.select_one(f"a[href='{card}bouman']")
    assert "external" in external["class"] and external["title"] == "(in ML4Astro)"


def test_an_id_on_neither_site_is_still_reported(tmp_path, source):
    src = consumer_site(tmp_path, source, "\nAnd {person}`nobody`.\n")
    status, warnings = cli_build(src)
    assert status != 0
    assert warnings.splitlines() == [f"index.md:14: WARNING: {NO_CARD.format('nobody')} [workshop.person]"]
    soup = soup_of(src / "_build" / "html" / "index.html")
    assert soup.select_one(".ws-problem-ref").get_text() == "nobody (no card for this person id)"
    assert check(src) == (1, [f"index.md:14: {NO_CARD.format('nobody')}"])


def test_a_site_that_disables_the_fallback_has_its_ids_reported(tmp_path, source):
    """intersphinx_disabled_reftypes as intersphinx reads it: no fallback, but the explicit form still links."""
    src = consumer_site(tmp_path, source, conf_extra='intersphinx_disabled_reftypes = ["workshop:*"]\n')
    status, warnings = cli_build(src)
    assert status != 0
    lines = warnings.splitlines()
    # Both {person} roles of line 5 name macke: one problem, as check prints it.
    assert lines[0] == f"index.md:5: WARNING: {NO_CARD.format('macke')} [workshop.person]"
    assert lines[1].endswith("index.md:7: WARNING: 'any' reference target not found: bouman [ref.any]")
    assert len(lines) == 2
    soup = soup_of(src / "_build" / "html" / "index.html")
    assert soup.select_one(f"a[href='{BASE}people/index.html#person-bouman']").get_text() == "Katie Bouman"
    assert check(src) == (1, [f"index.md:5: {NO_CARD.format('macke')}"])


def test_an_id_that_names_its_site_links_there(tmp_path, source):
    src = consumer_site(tmp_path, source, "\nNamed with its site: {person}`ml4astro:macke`.\n",
                        conf_extra='intersphinx_disabled_reftypes = ["workshop:*"]\n'
                                   'suppress_warnings = ["ref.any"]\n')
    status, warnings = cli_build(src)
    # Only the fallback's ids of line 5 are reported; the one that names its site is not.
    assert (status, warnings) == (1, f"index.md:5: WARNING: {NO_CARD.format('macke')} [workshop.person]\n")
    assert check(src) == (1, [f"index.md:5: {NO_CARD.format('macke')}"])
    soup = soup_of(src / "_build" / "html" / "index.html")
    assert soup.select("section > p")[-1].a["href"] == BASE + "people/index.html#person-macke"


def test_check_agrees_with_the_build_on_the_consumer(consumer):
    assert check(consumer[2]) == (0, [])
