"""Papers, and the links between people, talks and papers."""

from __future__ import annotations


def test_papers_sorted_by_first_authors_family_name(page):
    items = page("program/papers").select("ul.ws-papers > li")
    # Ångström < Ärnberg < Leavitt once accents are set aside
    assert [i["id"] for i in items] == ["paper-12", "paper-7", "paper-3"]
    assert [i.select_one(".ws-paper-title").get_text() for i in items] == [
        "Neural posterior estimation of galaxy shapes", "Equivariant emulators for cosmology",
        "Anomalies in light curves"]


def test_authors_in_order_with_the_presenter_announced_to_screen_readers(page):
    items = page("program/papers").select("ul.ws-papers > li")
    assert [i.select_one(".ws-authors").get_text() for i in items] == [
        "Zoë Ångström, Ada Byron (presenter)",
        "Émile Ärnberg (presenter), Carl Friedrich Gauss",  # the first author when none is named
        "Henrietta Swan Leavitt (presenter)",
    ]
    presenter = items[0].select_one("strong.ws-presenter")
    assert presenter.get_text() == "Ada Byron"
    assert "ws-sr-only" in presenter.find_next_sibling("span")["class"]  # hidden by workshop.css on any theme
    assert page("program/papers").select_one(".ws-papers-legend").get_text() == (
        "Presenting authors are shown in bold.")


def test_pdf_links_to_a_copied_file_or_the_web(page, site_build):
    items = page("program/papers").select("ul.ws-papers > li")
    local = items[0].select_one("a")
    assert local["href"].endswith("/12.pdf")
    assert (site_build.outdir / "program" / local["href"]).resolve().is_file()
    assert items[1].select_one("a")["href"] == "https://example.org/7.pdf"
    assert items[2].select_one("a") is None
    assert items[0].select_one(".ws-badge").get_text() == "Spotlight talk"
    assert items[1].select_one(".ws-badge") is None


def test_an_empty_list_says_when_papers_will_be_announced(page):
    assert page("program/papers").select_one(".ws-papers-pending").get_text() == (
        "The accepted papers will be listed here once they are announced on Friday, June 10, 2022.")


def test_a_spotlight_slot_lists_its_papers_with_presenters(page):
    row = page("program/index").select_one("#slot-2022-07-22-1000")
    papers = row.select("ul.ws-slot-papers > li")
    assert [p.get_text() for p in papers] == [
        "Neural posterior estimation of galaxy shapes \u2014 Ada Byron (presenter)",
        "Equivariant emulators for cosmology \u2014 \u00c9mile \u00c4rnberg (presenter)",
    ]
    assert papers[0].a["href"].endswith("/12.pdf")
    assert papers[1].a["href"] == "https://example.org/7.pdf"


def test_every_row_and_card_has_a_stable_anchor(page):
    program = page("program/index")
    assert [r["id"] for r in program.select("table.ws-schedule-table tbody tr")] == [
        "slot-2022-07-22-0915", "slot-2022-07-22-1000", "slot-2022-07-22-1230", "slot-2022-07-22-1330"]
    assert [c["id"] for c in program.select(".ws-person")] == [
        "person-bouman", "person-macke", "person-perreault-levasseur", "person-lanusse"]


def test_a_speaker_name_links_to_the_card_and_the_card_back_to_the_talk(page):
    # Both program/index and rst show cards; the first page in name order is the person's home.
    row = page("program/index").select_one("#slot-2022-07-22-1330")
    assert [(a.get_text(), a["href"]) for a in row.select(".ws-speakers a")] == [
        ("Jakob Macke", "#person-macke"), ("Laurence Perreault-Levasseur", "#person-perreault-levasseur")]
    card = page("rst").select_one("#person-macke")
    assert [(a.get_text(), a["href"]) for a in card.select(".ws-talks a")] == [
        ("Simulation-Based Inference", "program/index.html#slot-2022-07-22-1330"),
        ("Simulation-Based Inference", "#slot-2022-07-22-1330"),
    ]
    assert card.select_one(".ws-talks").get_text().startswith("Talks: ")
    assert page("program/index").select_one("#person-lanusse .ws-talks") is None


def test_person_role_links_from_any_page(page):
    links = page("index").select("a[href^='program/index.html#person-']")
    assert [(a.get_text(), a["href"]) for a in links] == [
        ("Katie Bouman", "program/index.html#person-bouman"),
        ("the SBI expert", "program/index.html#person-macke"),
    ]
