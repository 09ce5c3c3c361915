"""A poster session of the schedule lists its posters by board, each linked to its paper's page.

The root ``test-posters``: two poster sessions; three papers in the afternoon one (boards 12 and 3, one
without a board, one whose title is a ``<script>`` and whose session is written in other case and spaces),
none in the morning one.
"""

from __future__ import annotations

import io
from contextlib import redirect_stdout
from pathlib import Path

import pytest
from conftest import build_app, cli_build, copy_root, soup_of, warnings_of

from sphinx_workshop.cli.main import main


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> Path:
    src = copy_root("posters", tmp_path_factory.mktemp("posters"))
    app = build_app(src)
    assert warnings_of(app) == ""
    return Path(app.outdir)


def rows(outdir: Path) -> dict[str, object]:
    soup = soup_of(outdir / "program" / "index.html")
    return {row.select_one(".ws-title").get_text(): row for row in soup.select(".ws-schedule-table tbody tr")}


def test_the_posters_by_board_in_the_poster_row(built):
    row = rows(built)["Afternoon Session"]
    lines = [li.get_text(" ", strip=True) for li in row.select(".ws-slot-posters li")]
    assert lines == [
        "Board 3 — <script>alert(1)</script> Period-luminosity relations — Henrietta Swan Leavitt (presenter)",
        "Board 12 — Photometric redshifts without labels — Kurt Gödel (presenter)",
        "Galaxy shapes — Ada Lovelace (presenter)",
    ]


def test_each_title_links_to_its_paper_page(built):
    row = rows(built)["Afternoon Session"]
    links = [a["href"] for a in row.select(".ws-slot-posters a")]
    assert links == ["papers/31.html", "papers/5.html", "papers/40.html"]
    for href in links:
        assert (built / "program" / href).is_file()
    # The paper's page says where its poster is, linking back to this row.
    page = soup_of(built / "program" / "papers" / "5.html")
    assert page.select_one(".ws-paper-presented").get_text().strip().startswith("Poster: Afternoon Session, ")
    assert page.select_one(".ws-paper-presented").get_text().strip().endswith(", board 12")


def test_no_list_when_no_paper_names_the_session(built):
    assert rows(built)["Morning posters"].select(".ws-slot-posters") == []


def test_a_title_of_markup_is_escaped(built):
    html = (built / "program" / "index.html").read_text(encoding="utf-8")
    assert "<script>alert(1)</script>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt; Period-luminosity relations" in html


def test_in_french(tmp_path):
    src = copy_root("posters", tmp_path)
    app = build_app(src, confoverrides={"language": "fr"})
    assert warnings_of(app) == ""
    row = rows(Path(app.outdir))["Afternoon Session"]
    assert row.select_one(".ws-slot-posters .ws-board").get_text() == "Panneau 3"


def test_without_pages_the_title_is_the_lists(tmp_path):
    src = copy_root("posters", tmp_path)
    (src / "program" / "papers.md").write_text("# Accepted papers\n\n```{papers} papers.yaml\n```\n", encoding="utf-8")
    app = build_app(src)
    assert warnings_of(app) == ""
    row = rows(Path(app.outdir))["Afternoon Session"]
    assert len(row.select(".ws-slot-posters li")) == 3
    assert not (Path(app.outdir) / "program" / "papers" / "5.html").exists()


@pytest.mark.parametrize("builder", ["dirhtml", "singlehtml"])
def test_the_links_resolve_in_other_builders(tmp_path, builder):
    src = copy_root("posters", tmp_path)
    app = build_app(src, builder)
    assert warnings_of(app) == ""
    out = Path(app.outdir)
    page = out / ("program/index.html" if builder == "dirhtml" else "index.html")
    soup = soup_of(page)
    links = [a["href"] for a in soup.select(".ws-slot-posters a")]
    assert len(links) == 3
    if builder == "dirhtml":
        assert links == ["papers/31/", "papers/5/", "papers/40/"]
        assert all((out / "program" / href / "index.html").is_file() for href in links)
    else:
        # One page holds every document: each link is to the paper's place in it.
        assert all(href.split("#")[-1].startswith("document-program/papers/") for href in links), links
        assert all(soup.find(id=href.split("#")[-1]) is not None for href in links), links


def test_a_session_that_is_no_poster_entry(tmp_path):
    """Reported once, at the paper's line of the papers file, by the build and by ``sphinx-workshop check``."""
    src = copy_root("posters", tmp_path)
    papers = src / "program" / "papers.yaml"
    papers.write_text(papers.read_text(encoding="utf-8").replace(
        "session: Afternoon Session\n      board: 12", "session: Afternoon sesion\n      board: 12"), encoding="utf-8")
    expected = ("program/papers.yaml:7: paper 1: 'poster' 'Afternoon sesion' is no poster session of the schedule "
                "(did you mean 'Afternoon Session'?)")
    out = io.StringIO()
    with redirect_stdout(out):
        assert main(["check", "--quiet", str(src)]) == 1
    assert out.getvalue().splitlines() == [expected]
    status, warnings = cli_build(src)
    assert status != 0
    assert expected.replace(": paper 1", ": WARNING: paper 1") + " [workshop.papers]" in warnings.splitlines()
