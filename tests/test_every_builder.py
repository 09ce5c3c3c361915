"""Every Sphinx builder on the real site: no warning, and an output a reader can use.

The pages of html, dirhtml and singlehtml are the theme's, made light by _ext/lean_theme.py; EPUB
keeps its own theme, and the other builders have no stylesheet: lean_theme leaves them alone.
"""

from __future__ import annotations

import hashlib
import posixpath
import re
import shutil
import zipfile
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest
import yaml
from bs4 import BeautifulSoup
from sphinx.cmd.build import build_main

PROJECT = Path(__file__).resolve().parent.parent
BUNDLE_LINK = re.compile(r"_static/site-bundle\.css\?v=([0-9a-f]{16})$")


@pytest.fixture(scope="module")
def sources(tmp_path_factory) -> Path:
    """A copy of the site: configuration, pages, data, templates, static files and _ext."""
    dest = tmp_path_factory.mktemp("site") / "src"
    shutil.copytree(PROJECT, dest, ignore=shutil.ignore_patterns(
        ".*", "_build", "node_modules", "tests", "benchmarks", "tools", "sphinx_workshop", "*.egg-info",
        "__pycache__", "venv"))
    return dest


@pytest.fixture(scope="module")
def build(sources, tmp_path_factory):
    """Build with a builder as CI builds (warnings are errors); the output folder."""
    def run(builder: str) -> Path:
        out = tmp_path_factory.mktemp(builder)
        warnings = out / "warnings.txt"
        status = build_main(["-b", builder, "-q", "-W", "--keep-going", "-n", "-w", str(warnings),
                             "-d", str(out / "doctrees"), str(sources), str(out / builder)])
        assert status == 0, warnings.read_text(encoding="utf-8")
        return out / builder
    return run


def schedule_titles() -> list[str]:
    data = yaml.safe_load((PROJECT / "program" / "schedule.yaml").read_text(encoding="utf-8"))
    return [entry["title"] for entry in data["entries"]]


def words(text: str) -> str:
    return " ".join(text.split())


def assert_has_the_schedule(text: str) -> None:
    text = words(text)
    assert "Tentative schedule" in text
    missing = [title for title in schedule_titles() if title not in text]
    assert missing == []


def assert_light_page(page: Path, bundle: Path) -> None:
    """One stylesheet, the bundle, linked with its checksum; the note of its sources removed."""
    soup = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
    sheets = soup.head.find_all("link", rel="stylesheet")
    assert len(sheets) == 1, page
    digest = BUNDLE_LINK.search(sheets[0]["href"])
    assert digest, sheets[0]
    assert not sheets[0].has_attr("data-lean-sources")
    assert digest.group(1) == hashlib.sha256(bundle.read_bytes()).hexdigest()[:16]
    path = urlsplit(sheets[0]["href"]).path
    # The 404 page is served at any depth: its links start from the site's root.
    start = bundle.parent.parent if path.startswith("/") else page.parent
    assert (start / path.lstrip("/")).resolve() == bundle.resolve()


@pytest.mark.parametrize("builder", ["html", "dirhtml"])
def test_every_page_of_the_website_builders_is_light(build, builder):
    out = build(builder)
    bundle = out / "_static" / "site-bundle.css"
    pages = [p for p in out.rglob("*.html") if p.relative_to(out).parts[0] != "_static"]
    names = {p.relative_to(out).as_posix() for p in pages}
    expected = {"index.html", "program/index.html", "people/index.html", "cfp/index.html"}
    assert expected <= names
    if builder == "dirhtml":
        assert {"cfp/logistics/index.html", "program/papers/index.html"} <= names
    for page in pages:
        assert_light_page(page, bundle)
    assert_has_the_schedule(BeautifulSoup((out / "program" / "index.html").read_text(encoding="utf-8"),
                                          "html.parser").get_text(" "))
    assert not (out / "search.html").exists() and not (out / "searchindex.js").exists()


def test_singlehtml_is_one_light_page_with_every_section(build):
    out = build("singlehtml")
    page = out / "index.html"
    assert_light_page(page, out / "_static" / "site-bundle.css")
    text = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser").get_text(" ")
    assert_has_the_schedule(text)
    for heading in ("Rationale", "Call for Abstracts", "Scientific Organizing Committee", "Logistics"):
        assert heading in words(text)


def test_epub_is_a_valid_book_of_the_pages_in_its_own_theme(build):
    out = build("epub")
    books = list(out.glob("*.epub"))
    assert len(books) == 1
    with zipfile.ZipFile(books[0]) as book:
        assert book.testzip() is None
        first = book.infolist()[0]
        assert first.filename == "mimetype" and first.compress_type == zipfile.ZIP_STORED
        assert book.read("mimetype") == b"application/epub+zip"
        names = set(book.namelist())
        assert {"index.xhtml", "program/index.xhtml", "program/papers.xhtml", "people/index.xhtml",
                "cfp/index.xhtml", "cfp/logistics.xhtml", "content.opf", "nav.xhtml"} <= names
        assert "404.xhtml" not in names  # the page for a missing address of the website
        assert_has_the_schedule(BeautifulSoup(book.read("program/index.xhtml"), "html.parser").get_text(" "))
        for name in sorted(n for n in names if n.endswith(".xhtml")):
            soup = BeautifulSoup(book.read(name), "html.parser")
            # The EPUB theme's own stylesheets, none of the website's page-speed work.
            sheets = [link["href"] for link in soup.find_all("link", rel="stylesheet")]
            if name != "nav.xhtml":  # the book's table of contents has no stylesheet
                assert "_static/epub.css" in {resolved(name, s) for s in sheets}, name
            assert not any("site-bundle" in s or "?" in s for s in sheets), name
            assert not soup.find("script"), name  # no theme scripts, no JSON-LD, nothing to load
            # Every file a page links is in the book (no calendar file left outside).
            for tag, attribute in (("a", "href"), ("img", "src"), ("link", "href")):
                for element in soup.find_all(tag, attrs={attribute: True}):
                    url = urlsplit(element[attribute])
                    if not url.scheme and url.path:
                        assert resolved(name, url.path) in names, f"{name} links {element[attribute]}"
            for image in soup.find_all("img", srcset=True):
                for candidate in image["srcset"].split(","):
                    assert resolved(name, candidate.split()[0]) in names, f"{name} offers {candidate}"
        people = BeautifulSoup(book.read("people/index.xhtml"), "html.parser")
        assert len(people.select("img.ws-photo")) == 16  # every portrait, packed in the book


def resolved(page: str, path: str) -> str:
    """A link's target as a name in the book."""
    return posixpath.normpath(posixpath.join(posixpath.dirname(page), unquote(path)))


def test_latex_has_every_page_and_the_schedule(build):
    out = build("latex")
    tex = (out / "ml4astro2022.tex").read_text(encoding="utf-8")
    assert "\\begin{document}" in tex and "\\end{document}" in tex
    assert_has_the_schedule(tex.replace("\\sphinxhyphen{}", "-"))
    assert "Call for Abstracts" in tex and "Katie Bouman" in tex
    assert not (out / "_static").exists()


def test_text_has_the_schedule(build):
    out = build("text")
    assert_has_the_schedule((out / "program" / "index.txt").read_text(encoding="utf-8"))
    assert "Call for Abstracts" in (out / "cfp" / "index.txt").read_text(encoding="utf-8")


def test_man_page_has_the_schedule(build):
    out = build("man")
    page = (out / "ml4astro2022.1").read_text(encoding="utf-8")
    assert re.search(r"^\.TH ", page, re.M)
    assert_has_the_schedule(page.replace("\\-", "-"))


def test_texinfo_has_the_schedule(build):
    out = build("texinfo")
    texi = (out / "ml4astro2022.texi").read_text(encoding="utf-8")
    assert texi.startswith("\\input texinfo")
    assert_has_the_schedule(texi)
