"""A page per paper, made from the papers file by ``papers``'s ``:pages:`` (``sphinxext/pages.py``).

The root ``test-paperpages``: three papers, one with every link, a spotlight slot, a poster board and an
award; one whose title is a ``<script>``; one with accented authors and a poster session but no board.
"""

from __future__ import annotations

import json
import re
import sys
import time
import zlib
from io import StringIO
from pathlib import Path

import pytest
from conftest import PROJECT, build_app, cli_build, copy_root, soup_of, warnings_of
from sphinx.testing.util import SphinxTestApp

PAPERS = "program/papers.yaml"


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> Path:
    src = copy_root("paperpages", tmp_path_factory.mktemp("paperpages"))
    app = build_app(src)
    assert warnings_of(app) == ""
    return Path(app.outdir)


@pytest.fixture(scope="module")
def published(tmp_path_factory) -> Path:
    """The same site with its public address known (html_baseurl), as Read the Docs builds it."""
    src = copy_root("paperpages", tmp_path_factory.mktemp("published"))
    app = build_app(src, confoverrides={"html_baseurl": "https://example.org/ws/"})
    assert warnings_of(app) == ""
    return Path(app.outdir)


def metas(soup, name: str) -> list[str]:
    return [m["content"] for m in soup.find_all("meta", attrs={"name": name})]


def test_a_page_per_paper_at_its_stable_address(built):
    pages = sorted(p.name for p in (built / "program" / "papers").glob("*.html"))
    assert pages == ["12.html", "31.html", "40.html"]
    soup = soup_of(built / "program" / "papers" / "12.html")
    assert soup.h1.get_text(strip=True).startswith("Neural posterior estimation of galaxy shapes & 100% more")
    assert soup.title.get_text().startswith("Neural posterior estimation")


def test_the_pages_are_documents_of_the_site(built):
    """In objects.inv (std:doc), the search index, and the list's toctree; the sources hold none of them."""
    raw = (built / "objects.inv").read_bytes().split(b"\n", 4)[4]
    inventory = zlib.decompress(raw).decode()
    for paper in ("12", "31", "40"):
        assert f"program/papers/{paper} std:doc -1 program/papers/{paper}.html" in inventory
    index = (built / "searchindex.js").read_text(encoding="utf-8")
    assert '"program/papers/12"' in index and "cepheid" in index.lower()
    src = built.parent.parent
    sources = {p.relative_to(src).as_posix() for p in src.rglob("*") if p.is_file() and "_build" not in p.parts}
    # Nor does the site: no "show source" of a generated page.
    assert list((built / "_sources").rglob("*")) and not list((built / "_sources" / "program" / "papers").glob("*"))
    root = Path(__file__).parent / "roots" / "test-paperpages"
    assert sources == {p.relative_to(root).as_posix() for p in root.rglob("*") if p.is_file()}


def test_authors_with_the_presenter_marked(built):
    soup = soup_of(built / "program" / "papers" / "12.html")
    authors = soup.select_one(".ws-authors")
    assert authors.get_text() == "Ada Lovelace, Kurt Gödel (presenter)"
    assert [s.get_text() for s in authors.select("strong.ws-presenter")] == ["Kurt Gödel"]


def test_every_link_with_its_kind(built):
    soup = soup_of(built / "program" / "papers" / "12.html")
    links = [(a.get_text(), a["href"]) for a in soup.select(".ws-paper-links a")]
    assert links[0][0] == "PDF" and links[0][1].endswith("/12.pdf") and "_downloads" in links[0][1]
    assert links[1:] == [
        ("Video (YouTube)", "https://www.youtube.com/watch?v=abc"),
        ("Slides", "https://example.org/slides.pdf"),
        ("Code", "https://github.com/example/shapes"),
        ("arXiv", "https://arxiv.org/abs/2206.01230"),
        ("OpenReview", "https://openreview.net/forum?id=rJl3S2A9t7"),
    ]


def test_abstract_keywords_award(built):
    soup = soup_of(built / "program" / "papers" / "12.html")
    abstract = soup.find("section", id="abstract")
    assert [p.get_text() for p in abstract.find_all("p", class_=False)] == [
        "We infer the shapes of galaxies with neural posterior estimation. It works.", "The code is public."]
    assert soup.select_one(".ws-keywords").get_text() == "Keywords: Cosmology, Simulation-based inference"
    assert [b.get_text() for b in soup.select(".ws-paper-badges .ws-badge")] == ["Spotlight talk", "Best paper award"]


def test_where_and_when_it_is_presented(built):
    soup = soup_of(built / "program" / "papers" / "12.html")
    talk, poster = soup.select(".ws-paper-presented li")
    assert talk.get_text() == "Spotlight: Contributed talks, Friday, July 22, 2022, 10:30\u202fAM–11:00\u202fAM (EDT)"
    assert talk.a["href"] == "../index.html#slot-2022-07-22-1030"
    assert talk.time["datetime"] == "2022-07-22T10:30:00-04:00"
    assert poster.get_text() == "Poster: Poster session I, Friday, July 22, 2022, 11:00\u202fAM–12:00\u202fPM (EDT), board 7"
    assert poster.a["href"] == "../index.html#slot-2022-07-22-1100"
    # The schedule row it links to is there.
    assert soup_of(built / "program" / "index.html").find(id="slot-2022-07-22-1030") is not None
    other = soup_of(built / "program" / "papers" / "40.html")
    assert other.select_one(".ws-paper-presented").get_text().strip() == (
        "Poster: Poster session I, Friday, July 22, 2022, 11:00\u202fAM–12:00\u202fPM (EDT)")
    assert soup_of(built / "program" / "papers" / "31.html").select_one(".ws-paper-presented") is None


def test_scholar_tags(built):
    soup = soup_of(built / "program" / "papers" / "12.html")
    assert metas(soup, "citation_title") == ["Neural posterior estimation of galaxy shapes & 100% more"]
    assert metas(soup, "citation_author") == ["Ada Lovelace", "Kurt Gödel"]
    assert metas(soup, "citation_publication_date") == ["2022/07/22"]
    assert metas(soup, "citation_conference_title") == ["ICML 2022 Workshop on Testing"]
    # A PDF of the site's own needs the site's address to be absolute: without it, no tag.
    assert metas(soup, "citation_pdf_url") == []
    assert metas(soup, "description") == ["We infer the shapes of galaxies with neural posterior estimation."]
    assert all(m.parent.name == "head" for m in soup.find_all("meta", attrs={"name": re.compile("^citation_")}))


def test_absolute_pdf_address_and_bibtex_url_with_html_baseurl(published):
    soup = soup_of(published / "program" / "papers" / "12.html")
    [pdf] = metas(soup, "citation_pdf_url")
    assert re.fullmatch(r"https://example\.org/ws/_downloads/[0-9a-f]{32}/12\.pdf", pdf)
    assert (published / pdf.removeprefix("https://example.org/ws/")).is_file()
    assert "  url       = {https://example.org/ws/program/papers/12.html}\n" in soup.select_one(".ws-bibtex pre").text


def test_bibtex_entry_escaped_for_latex(built):
    soup = soup_of(built / "program" / "papers" / "12.html")
    pre = soup.select_one(".ws-bibtex pre")
    assert pre.get_text() == (
        "@inproceedings{lovelace2022-12,\n"
        "  title     = {Neural posterior estimation of galaxy shapes \\& 100\\% more},\n"
        '  author    = {Ada Lovelace and Kurt G{\\"o}del},\n'
        "  booktitle = {ICML 2022 Workshop on Testing},\n"
        "  year      = {2022}\n"
        "}\n")
    accented = soup_of(built / "program" / "papers" / "40.html").select_one(".ws-bibtex pre").get_text()
    assert "@inproceedings{celik2022-40," in accented
    assert "author    = {{\\'E}douard {\\c{C}}elik and Ana N{\\'u}{\\~n}ez}" in accented


def test_data_is_escaped(built):
    """A title that is a <script> is text everywhere: the page, its head, the list and the list's search data."""
    for page in ("program/papers/31.html", "program/papers.html"):
        text = (built / page).read_text(encoding="utf-8")
        assert "<script>alert(1)</script>" not in text, page
    soup = soup_of(built / "program" / "papers" / "31.html")
    assert soup.h1.get_text(strip=True).startswith("<script>alert(1)</script> Period")
    assert metas(soup, "citation_title") == ["<script>alert(1)</script> Period-luminosity relations"]
    data = soup_of(built / "program" / "papers.html").select_one("script.ws-papers-data")
    assert json.loads(data.string)[1]["text"].startswith("<script>alert(1)</script>")


def test_the_list_links_each_title_to_its_page_and_the_pdf_second(built):
    soup = soup_of(built / "program" / "papers.html")
    item = soup.find(id="paper-12")
    title, pdf = item.select(".ws-paper-heading a")
    assert title["href"] == "papers/12.html" and title.get_text() == (
        "Neural posterior estimation of galaxy shapes & 100% more")
    assert pdf.get_text() == "PDF of “Neural posterior estimation of galaxy shapes & 100% more”"
    assert pdf.select_one(".ws-sr-only") is not None and pdf["href"].endswith("/12.pdf")
    assert [a["href"] for a in soup.select(".ws-paper-heading a.reference")][:2] == ["papers/40.html",
                                                                                    "papers/31.html"]
    back = soup_of(built / "program" / "papers" / "12.html").select_one(".ws-paper-back a")
    assert back["href"] == "../papers.html#paper-12"


def build_logging_reads(src: Path) -> tuple[SphinxTestApp, list[str]]:
    """An incremental build of ``src``, and the documents it read."""
    read: list[str] = []
    app = SphinxTestApp("html", srcdir=src, warning=StringIO())
    app.connect("env-before-read-docs", lambda app, env, docnames: read.extend(docnames))
    try:
        app.build()
    finally:
        app.cleanup()
    return app, sorted(read)


def test_incremental_builds_follow_the_papers_file(tmp_path):
    src = copy_root("paperpages", tmp_path)
    _, read = build_logging_reads(src)
    assert read == ["index", "program/index", "program/papers", "program/papers/12", "program/papers/31",
                    "program/papers/40"]
    out = src / "_build" / "html" / "program" / "papers"
    before = {p.name: p.stat().st_mtime_ns for p in out.glob("*.html")}
    time.sleep(0.01)

    # Nothing changed: nothing is read again.
    assert build_logging_reads(src)[1] == []

    # One paper edited: its page, the list and the schedule that shows the papers file; not the others.
    papers = src / PAPERS
    papers.write_text(papers.read_text(encoding="utf-8").replace("Photometric redshifts without labels",
                                                                 "Photometric redshifts, unlabelled"),
                      encoding="utf-8")
    _, read = build_logging_reads(src)
    assert read == ["program/index", "program/papers", "program/papers/40"]
    after = {p.name: p.stat().st_mtime_ns for p in out.glob("*.html")}
    assert [name for name in sorted(after) if after[name] != before[name]] == ["40.html"]
    assert soup_of(out / "40.html").h1.get_text(strip=True).startswith("Photometric redshifts, unlabelled")

    # A paper taken off the file: its page is gone, from the site too; the list no longer links it.
    text = papers.read_text(encoding="utf-8")
    papers.write_text(text[:text.index("  - id: 31")] + text[text.index("  - id: 40"):], encoding="utf-8")
    app, read = build_logging_reads(src)
    assert "program/papers/31" not in app.env.found_docs
    assert sorted(p.name for p in out.glob("*.html")) == ["12.html", "40.html"]
    listing = soup_of(src / "_build" / "html" / "program" / "papers.html")
    assert [a["href"] for a in listing.select(".ws-paper-heading a.reference.internal")
            if not a.get("download") and "_downloads" not in a["href"]] == ["papers/40.html", "papers/12.html"]

    # A paper added: its page appears.
    papers.write_text(papers.read_text(encoding="utf-8") + "  - id: 77\n    title: New\n    authors: [A B]\n",
                      encoding="utf-8")
    _, read = build_logging_reads(src)
    assert "program/papers/77" in read and (out / "77.html").is_file()


def test_a_page_name_already_taken(tmp_path):
    """A page written by hand where a paper's page would be: it stays, and the warning says so."""
    src = copy_root("paperpages", tmp_path)
    (src / "program" / "papers" / "31.md").write_text("# By hand\n\n```{toctree}\n```\n", encoding="utf-8")
    app = build_app(src)
    assert ("program/papers.md:3: WARNING: the page of paper '31' would be program/papers/31, which is already "
            "the page program/papers/31.md: that paper gets no page of its own [workshop.papers]") in warnings_of(app)
    assert soup_of(Path(app.outdir) / "program" / "papers" / "31.html").h1.get_text(strip=True).startswith("By hand")
    from sphinx_workshop.cli.check import check_site

    assert ("program/papers.md:3: the page of paper '31' would be program/papers/31, which is already the page "
            "program/papers/31.md: that paper gets no page of its own") in check_site(src).messages


def test_without_pages_the_title_links_the_pdf(tmp_path):
    src = copy_root("paperpages", tmp_path)
    page = src / "program" / "papers.md"
    page.write_text(page.read_text(encoding="utf-8").replace(":pages: papers/\n", ""), encoding="utf-8")
    app = build_app(src)
    assert warnings_of(app) == ""
    out = Path(app.outdir)
    assert not (out / "program" / "papers" / "12.html").exists()
    soup = soup_of(out / "program" / "papers.html")
    assert soup.find(id="paper-12").select_one(".ws-paper-heading a")["href"].endswith("/12.pdf")
    assert soup.select_one("script.ws-papers-data") is None


def test_a_wrong_pages_option(tmp_path):
    src = copy_root("paperpages", tmp_path)
    page = src / "program" / "papers.md"
    page.write_text(page.read_text(encoding="utf-8").replace(":pages: papers/", ":pages: ../up"), encoding="utf-8")
    app = build_app(src)
    assert ("program/papers.md:3: WARNING: :pages: must be a folder for the papers' pages, like papers/, "
            "not '../up' [workshop.papers]") in warnings_of(app)


def test_in_the_sitemap_with_an_open_graph_description(tmp_path):
    """The site's plugins (sphinx-sitemap, sphinxext-opengraph, and _ext/site_glue.py's description hook) take
    the paper pages as any page: listed in the sitemap, described by the abstract's first sentence."""
    sys.path.insert(0, str(PROJECT / "_ext"))
    try:
        app = build_app(copy_root("paperpages", tmp_path), confoverrides={
            "extensions": ["myst_parser", "sphinx_workshop", "sphinxext.opengraph", "sphinx_sitemap", "site_glue"],
            "html_baseurl": "https://example.org/ws/", "site_url": "https://example.org/ws/",
            "sitemap_url_scheme": "{link}", "ogp_site_url": "https://example.org/ws/"})
    finally:
        sys.path.remove(str(PROJECT / "_ext"))
    assert warnings_of(app) == ""
    sitemap = (Path(app.outdir) / "sitemap.xml").read_text(encoding="utf-8")
    for paper in ("12", "31", "40"):
        assert f"<loc>https://example.org/ws/program/papers/{paper}.html</loc>" in sitemap
    soup = soup_of(Path(app.outdir) / "program" / "papers" / "12.html")
    og = soup.find("meta", property="og:description")
    assert og["content"] == "We infer the shapes of galaxies with neural posterior estimation."
    assert soup.find("meta", property="og:url")["content"] == "https://example.org/ws/program/papers/12.html"
    assert soup.find("meta", property="og:title")["content"].startswith("Neural posterior estimation")


def test_a_build_folder_inside_the_site_is_no_source(tmp_path):
    """Doctree folders in the site's folder, not excluded (two builders' own, say): their generated pages'
    files are not taken for pages of the site."""
    src = copy_root("paperpages", tmp_path)
    assert cli_build(src, "-d", str(src / "doctrees-a")) == (0, "")
    assert cli_build(src, "-E", "-d", str(src / "doctrees-b")) == (0, "")
    assert sorted(p.name for p in (src / "_build" / "html" / "program" / "papers").glob("*.html")) == [
        "12.html", "31.html", "40.html"]
