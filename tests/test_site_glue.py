"""_ext/site_glue.py, the site's own additions to its plugins: robots.txt and Open Graph descriptions.

Built on the ``seo`` root (sphinxext-opengraph and sphinx-sitemap) with site_glue added to its extensions.
"""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
from conftest import PROJECT, copy_root, soup_of
from conftest import build_app as build

sys.path.insert(0, str(PROJECT / "_ext"))

EXTENSIONS = ["myst_parser", "sphinx_workshop", "sphinxext.opengraph", "sphinx_sitemap", "site_glue"]


def glued(src: Path, builder: str = "html", **overrides):
    return build(src, builder, confoverrides={"extensions": EXTENSIONS, **overrides})


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> Path:
    app = glued(copy_root("seo", tmp_path_factory.mktemp("glue")))
    assert app.warning.getvalue() == ""
    return app.outdir


def test_robots_txt_names_the_sitemap(built):
    assert (built / "robots.txt").read_text() == (
        "User-agent: *\nAllow: /\nSitemap: https://workshop.example.org/en/latest/sitemap.xml\n")
    assert (built / "sitemap.xml").is_file()


def test_without_a_site_url_robots_txt_allows_everything_and_names_no_sitemap(tmp_path):
    app = glued(copy_root("seo", tmp_path / "src"), html_baseurl="", ogp_site_url="")
    assert (app.outdir / "robots.txt").read_text() == "User-agent: *\nAllow: /\n"


def test_no_robots_txt_in_an_epub(tmp_path):
    app = glued(copy_root("seo", tmp_path / "src"), "epub")
    assert not (app.outdir / "robots.txt").exists()


def test_open_graph_description_is_the_meta_description_escaped(built):
    soup = soup_of(built / "index.html")
    text = 'A "test" workshop & its <b>data</b>.'
    assert soup.find("meta", attrs={"name": "description"})["content"] == text
    assert soup.find("meta", property="og:description")["content"] == text
    assert soup.find("meta", property="og:url")["content"] == "https://workshop.example.org/en/latest/index.html"
    other = soup_of(built / "other.html").find("meta", property="og:description")["content"]
    assert other.startswith("Its Open Graph description is its first words")
