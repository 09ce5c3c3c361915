"""Hatchling build hook: a wheel carries the message catalogs compiled (``.mo``), beside their ``.po``.

gettext reads only compiled catalogs. The wheel gets them from here; an editable install
(``pip install -e .``, as ``make`` does) gets none, and the extension compiles each catalog into the
build's doctree folder when it starts (``sphinx_workshop/sphinxext/translation.py``), so a
translator's edit shows on the next build without reinstalling.
"""

from __future__ import annotations

import shutil
import tempfile
from pathlib import Path

from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from hatchling.builders.hooks.plugin.interface import BuildHookInterface

LOCALE = Path("sphinx_workshop") / "locale"


class CatalogsHook(BuildHookInterface):
    PLUGIN_NAME = "custom"

    def initialize(self, version: str, build_data: dict) -> None:
        if self.target_name != "wheel" or version == "editable":
            return
        self._compiled = Path(tempfile.mkdtemp(prefix="sphinx-workshop-catalogs-"))
        for po in sorted((Path(self.root) / LOCALE).glob("*/LC_MESSAGES/*.po")):
            relative = po.relative_to(self.root).with_suffix(".mo")
            mo = self._compiled / relative
            mo.parent.mkdir(parents=True, exist_ok=True)
            with po.open("rb") as source:
                catalog = read_po(source, locale=po.parent.parent.name)
            with mo.open("wb") as out:
                write_mo(out, catalog)  # fuzzy translations left out, as pybabel compile does
            build_data["force_include"][str(mo)] = relative.as_posix()

    def finalize(self, version: str, build_data: dict, artifact_path: str) -> None:
        compiled = getattr(self, "_compiled", None)
        if compiled is not None:
            shutil.rmtree(compiled, ignore_errors=True)
