"""Every ``conf.py`` value the extension (and the site's _ext/lean_theme.py) registers is typed and described.

The values are found as Sphinx holds them: those a project has with the extension loaded and not
without it. The extension's come from one table, ``sphinxext/config.py``'s ``SETTINGS`` (which the
package's README lists: tests/test_package.py).
"""

from __future__ import annotations

import sys
from io import StringIO
from pathlib import Path

import pytest
from conftest import PROJECT
from sphinx.config import ENUM
from sphinx.testing.util import SphinxTestApp

from sphinx_workshop.sphinxext.config import SETTINGS


def registered(tmp_path: Path, extensions: list[str], name: str) -> dict:
    """Sphinx's record (``config.values``) of each conf.py value a project with ``extensions`` has."""
    src = tmp_path / name
    src.mkdir()
    (src / "conf.py").write_text(f"extensions = {extensions!r}\n")
    (src / "index.rst").write_text("Title\n=====\n")
    app = SphinxTestApp("html", srcdir=src, warning=StringIO())
    try:
        return dict(app.config.values)
    finally:
        app.cleanup()


def added_by(tmp_path: Path, extension: str, before: list[str]) -> dict:
    base = registered(tmp_path, before, "without")
    loaded = registered(tmp_path, [*before, extension], "with")
    return {name: opt for name, opt in loaded.items() if name not in base}


@pytest.fixture(scope="module")
def extension_values(tmp_path_factory) -> dict:
    # sphinx_workshop loads sphinx_design itself: its values are not the extension's.
    return added_by(tmp_path_factory.mktemp("config"), "sphinx_workshop", ["sphinx_design"])


def test_the_extension_registers_exactly_its_table(extension_values):
    assert set(extension_values) == {s.name for s in SETTINGS}
    for setting in SETTINGS:
        opt = extension_values[setting.name]
        assert opt.default == setting.default
        assert opt.rebuild == setting.rebuild
        assert opt.valid_types == setting.types
        assert opt.description == setting.description


def test_every_value_is_typed_and_described(extension_values, tmp_path):
    sys.path.insert(0, str(PROJECT / "_ext"))  # where the site's conf.py finds it
    try:
        lean = added_by(tmp_path, "lean_theme", [])
    finally:
        sys.path.remove(str(PROJECT / "_ext"))
    values = {**extension_values, **lean}
    assert "lean_theme" in values
    for name, opt in values.items():
        assert opt.valid_types, f"{name} has no types"
        if isinstance(opt.valid_types, ENUM):  # one of a few values
            assert opt.valid_types.match(opt.default), f"{name}'s default is not one of its values"
        else:
            assert isinstance(opt.default, tuple(opt.valid_types)), f"{name}'s default is not of its types"
        assert opt.description.strip().endswith("."), f"{name} has no description"
        assert opt.rebuild in ("env", "html", ""), name

