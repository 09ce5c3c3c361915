"""Keynotes and panels with their abstracts, speakers with their bios, spotlights of one paper.

The ``talks`` root: a keynote and a panel with an abstract (the keynote's with ``<script>`` in it),
a speaker with a bio (also with ``<script>``) and one without, a spotlight of one paper without a
title, one whose title repeats its paper's, and one of two papers with a title of its own.
"""

from __future__ import annotations

import pytest
from conftest import build_app, copy_root, soup_of, warnings_of

from sphinx_workshop.data.model import Entry

KEYNOTE = "slot-2022-07-22-0915"
ONE_PAPER = "slot-2022-07-22-1000"
REPEATED = "slot-2022-07-22-1015"
TWO_PAPERS = "slot-2022-07-22-1030"
PANEL = "slot-2022-07-22-1100"
BREAK = "slot-2022-07-22-1200"
PAPER_TITLE = "Neural posterior estimation of lensing"


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    src = copy_root("talks", tmp_path_factory.mktemp("talks"))
    app = build_app(src)
    return app, soup_of(src / "_build" / "html" / "index.html")


@pytest.fixture(scope="module")
def page(built):
    return built[1]


def texts(elements) -> list[str]:
    return [" ".join(e.get_text().split()) for e in elements]


def test_the_root_builds_without_warnings(built):
    assert warnings_of(built[0]) == ""


def test_an_abstract_is_folded_and_closed_under_its_summary(page):
    folded = page.select(f"#{KEYNOTE} details.ws-abstract")
    assert len(folded) == 1
    assert not folded[0].has_attr("open")
    assert texts(folded[0].find_all("summary", recursive=False)) == ["Abstract"]
    # The summary comes first, as HTML wants it, and each paragraph of the data is a paragraph.
    assert folded[0].contents[0].name == "summary"
    assert texts(folded[0].find_all("p", recursive=False)) == [
        "Imaging a black hole takes a telescope the size of the Earth.",
        "This talk shows <script>alert(\u201cabstract\u201d)</script> how the image was made."]


def test_a_panel_has_its_abstract_and_a_slot_without_one_has_none(page):
    assert texts(page.select(f"#{PANEL} details.ws-abstract > p")) == ["Where astronomy and machine learning meet."]
    assert page.select(f"#{BREAK} details") == []
    assert page.select(f"#{ONE_PAPER} details") == []


def test_a_bio_is_folded_on_the_persons_card(page):
    folded = page.select("#person-bouman details.ws-bio")
    assert len(folded) == 1
    assert not folded[0].has_attr("open")
    assert texts(folded[0].find_all("summary", recursive=False)) == ["About Katie Bouman"]
    assert texts(folded[0].find_all("p", recursive=False)) == [
        "Katie Bouman images black holes.",
        "She works on <script>alert(\u201cbio\u201d)</script> computational imaging, across a line break."]
    assert page.select("#person-tran details") == []


def test_no_markup_from_an_abstract_or_a_bio_reaches_the_page(built, page):
    html = (built[0].outdir / "index.html").read_text(encoding="utf-8")
    assert "&lt;script&gt;alert(" in html
    assert not [s for s in page.find_all("script") if "alert(" in s.get_text()]
    assert "<script>alert(" not in html


def test_a_spotlight_of_one_paper_without_a_title_shows_the_papers_title_once_linked(page):
    row = page.select_one(f"#{ONE_PAPER}")
    links = row.select(".ws-title a")
    assert texts(links) == [PAPER_TITLE]
    assert links[0]["href"] == "https://example.org/12.pdf"
    assert row.get_text().count(PAPER_TITLE) == 1
    assert row.select("ul.ws-slot-papers") == []
    # The presenter is still named, in bold, with the words a screen reader speaks.
    assert texts(row.select(".ws-slot-presenter")) == ["Carl Friedrich Gauss (presenter)"]


def test_a_title_that_repeats_the_papers_is_shown_once(page):
    row = page.select_one(f"#{REPEATED}")
    assert texts(row.select(".ws-title")) == ["Anomalies in light curves"]
    assert row.get_text().count("Anomalies in light curves") == 1
    assert row.select("ul.ws-slot-papers") == []


def test_a_spotlight_of_two_papers_keeps_its_title_and_lists_them(page):
    row = page.select_one(f"#{TWO_PAPERS}")
    assert texts(row.select(".ws-title")) == ["2 talks"]
    assert texts(row.select("ul.ws-slot-papers .ws-paper-title")) == ["Anomalies in light curves",
                                                                      "Equivariant networks for galaxies"]


def test_the_calendar_and_the_cards_name_a_one_paper_slot_by_the_papers_title(tmp_path):
    src = copy_root("talks", tmp_path / "talks")
    index = src / "index.md"
    index.write_text(index.read_text().replace("```{schedule} schedule.yaml\n",
                                               "```{schedule} schedule.yaml\n:calendar: program.ics\n"))
    app = build_app(src)
    assert warnings_of(app) == ""
    calendar = (app.outdir / "program.ics").read_text(encoding="utf-8")
    assert f"SUMMARY:Spotlight: {PAPER_TITLE}" in calendar.replace("\r\n ", "")


def test_a_missing_title_is_only_allowed_for_one_paper():
    times = {"start": "10:00", "end": "10:15", "kind": "spotlight"}
    assert Entry.model_validate({**times, "papers": [12]}).title is None
    for papers in ([], [12, 13]):
        with pytest.raises(ValueError, match="'papers'|2 papers") as raised:
            Entry.model_validate({**times, "papers": papers})
        assert raised.value.errors()[0]["loc"] == ("title",)
    # Written empty, it is an empty value, as any text field's, even with one paper.
    with pytest.raises(ValueError) as raised:
        Entry.model_validate({**times, "title": None, "papers": [12]})
    assert raised.value.errors()[0]["type"] == "string_type"


def test_other_builders_show_the_abstract_and_the_bio_as_paragraphs(tmp_path):
    src = copy_root("talks", tmp_path / "talks")
    app = build_app(src, "text")
    assert warnings_of(app) == ""
    text = (app.outdir / "index.txt").read_text(encoding="utf-8")
    flat = " ".join(text.replace("|", " ").split())
    assert "Imaging a black hole takes a telescope the size of the Earth." in flat
    assert 'She works on <script>alert("bio")</script> computational imaging,' in text
    assert "<details" not in text and "<summary" not in text
    assert "Katie Bouman images black holes.\n\nShe works on" in text


@pytest.mark.parametrize("builder", ["latex", "man", "texinfo"])
def test_every_other_builder_writes_the_folded_text(tmp_path, builder):
    src = copy_root("talks", tmp_path / "talks")
    app = build_app(src, builder)
    assert warnings_of(app) == ""
    written = "".join(p.read_text(encoding="utf-8") for p in app.outdir.iterdir()
                      if p.suffix in (".tex", ".1", ".texi"))
    assert "Katie Bouman images black holes." in written
    assert "telescope the size of the Earth." in written


def test_the_summaries_in_french(tmp_path):
    src = copy_root("talks", tmp_path / "talks")
    app = build_app(src, confoverrides={"language": "fr"})
    assert warnings_of(app) == ""
    page = soup_of(app.outdir / "index.html")
    assert texts(page.select("details.ws-abstract > summary")) == ["Résumé", "Résumé"]
    assert texts(page.select("details.ws-bio > summary")) == ["À propos de Katie Bouman"]
