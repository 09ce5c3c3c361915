"""Shared fixtures: test roots under ``tests/roots/``, builds, and parsed HTML."""

from __future__ import annotations

import os
import re
import shutil
from collections.abc import Callable
from io import StringIO
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from hypothesis import settings
from sphinx.cmd.build import build_main
from sphinx.testing.util import SphinxTestApp

pytest_plugins = ["sphinx.testing.fixtures"]

# Warnings are compared as text. Sphinx colours them when CI=true or FORCE_COLOR is set (as on CI
# runners) or on a terminal; NO_COLOR wins over all of these, in this process and in the builds it runs.
os.environ["NO_COLOR"] = "1"

ROOTS = Path(__file__).parent / "roots"
PROJECT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="session")
def rootdir() -> Path:
    return ROOTS


def copy_root(name: str, dest: Path) -> Path:
    """A private copy of ``tests/roots/test-<name>`` that a test may edit."""
    shutil.copytree(ROOTS / f"test-{name}", dest, dirs_exist_ok=True)
    return dest


def build_app(srcdir: Path, builder: str = "html", **kwargs) -> SphinxTestApp:
    """Build with a test app and release it at once (docutils registries are global); warnings in ``.warning``."""
    app = SphinxTestApp(builder, srcdir=srcdir, warning=StringIO(), **kwargs)
    try:
        app.build()
    finally:
        app.cleanup()
    return app


def warnings_of(app: SphinxTestApp) -> str:
    """The warnings of a test build, as a terminal without colours shows them."""
    return re.sub(r"\x1b\[[0-9;]*m", "", app.warning.getvalue())


def cli_build(srcdir: Path, *options: str) -> tuple[int, str]:
    """Build as CI does (``-W --keep-going -n``); return the exit status and the warnings."""
    warnings = srcdir / "_warnings.txt"
    status = build_main(["-b", "html", "-q", "-W", "--keep-going", "-n", "-w", str(warnings), *options,
                         str(srcdir), str(srcdir / "_build" / "html")])
    return status, warnings.read_text(encoding="utf-8") if warnings.exists() else ""


def soup_of(path: Path) -> BeautifulSoup:
    return BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")


@pytest.fixture(scope="session")
def real_site(tmp_path_factory) -> Path:
    """The real site, built once per test session as `make html` builds it (no canonical URL)."""
    out = tmp_path_factory.mktemp("real-site")
    status = build_main(["-b", "html", "-q", "-W", "--keep-going", "-n", "-d", str(out / "doctrees"),
                         str(PROJECT), str(out / "html")])
    assert status == 0
    return out / "html"


@pytest.fixture(scope="module")
def site_build(tmp_path_factory) -> SphinxTestApp:
    """The ``site`` test root, built once per module."""
    src = copy_root("site", tmp_path_factory.mktemp("site"))
    app = SphinxTestApp("html", srcdir=src, warning=StringIO())
    try:
        app.build()
    finally:
        app.cleanup()  # at once: docutils registries are global, and other tests build too
    return app


@pytest.fixture(scope="module")
def page(site_build) -> Callable[[str], BeautifulSoup]:
    """Parsed HTML of a built page, by document name."""
    return lambda docname: soup_of(site_build.outdir / f"{docname}.html")


# Property tests (hypothesis): new random inputs on every local run; in CI (CI=true) the same inputs every
# run and no example database, so that a submission's result does not depend on chance.
if os.environ.get("CI"):
    settings.register_profile("ci", derandomize=True, database=None)
    settings.load_profile("ci")
