"""The extension's words in the site's ``language``: the ``sphinx_workshop`` message catalog.

Every text the extension puts on a page, in a calendar file or in the page script's labels is a
message of this catalog (``sphinx_workshop/locale/sphinx_workshop.pot``), translated through Sphinx
(``sphinx.locale.get_translation``) for the ``language`` of ``conf.py`` (or ``-D language=fr``).
A language without a catalog reads the English of the source; times and dates follow the language
all the same (Babel, ``data/wording.py``).

The build's own warnings and errors, for organizers, stay English, as Sphinx's mostly are: they are
the words ``sphinx-workshop check`` prints and the error table of CONTRIBUTING.md explains, and the
error boxes on a page show them word for word (their heading and hint are translated).

The catalogs are ``.po`` files; gettext reads compiled ``.mo`` files. A wheel carries them compiled
(``hatch_build.py``). Where there is no ``.mo`` beside a ``.po``, or an older one (an editable install,
a source checkout, a translator at work), the build compiles it into its doctree folder first.
"""

from __future__ import annotations

import os
import tempfile
from functools import cache
from pathlib import Path

from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from sphinx import locale as sphinx_locale
from sphinx.application import Sphinx
from sphinx.config import Config
from sphinx.errors import ExtensionError
from sphinx.locale import get_translation

from sphinx_workshop.data.wording import CLOCKS, Wording

CATALOG = "sphinx_workshop"
#: ``<language>/LC_MESSAGES/sphinx_workshop.po`` (and ``.mo``) for each translation, and the ``.pot``.
LOCALE_DIR = Path(__file__).resolve().parent.parent / "locale"

_ = get_translation(CATALOG)


def wording(config: Config) -> Wording:
    """The site's language, clock and catalog."""
    clock = config.workshop_clock if config.workshop_clock in CLOCKS else "locale"  # Sphinx warned about it
    return _wording(config.language or "en", clock)


@cache
def _wording(language: str, clock: str) -> Wording:
    # One per language and clock: its Babel locale is parsed once. The catalog is looked up at each message,
    # so a later build in another language gets its own words.
    return Wording(language, clock, _)


def _languages(language: str) -> list[str]:
    """The catalogs gettext looks for: ``pt_BR`` then ``pt``."""
    tag = language.replace("-", "_")
    return list(dict.fromkeys([tag, tag.split("_")[0]]))


def _fresh(mo: Path, po: Path) -> bool:
    return mo.is_file() and mo.stat().st_mtime >= po.stat().st_mtime


def compile_catalog(po: Path, mo: Path) -> None:
    """``po`` compiled into ``mo`` (fuzzy translations left out, as ``pybabel compile`` does)."""
    try:
        with po.open("rb") as source:
            catalog = read_po(source, locale=po.parent.parent.name)
    except Exception as error:  # Babel raises several kinds for a malformed catalog
        raise ExtensionError(f"sphinx_workshop: the catalog {po} cannot be read: {error}") from error
    mo.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.NamedTemporaryFile(dir=mo.parent, suffix=".tmp", delete=False) as out:
        write_mo(out, catalog)
    os.replace(out.name, mo)  # atomic: a parallel build never reads half a file


def catalog_dir(language: str, cache: Path, source: Path = LOCALE_DIR) -> Path:
    """The folder to give gettext for ``language``: the package's own when its ``.mo`` files are up to date,
    else ``cache``, where the ``.po`` files are compiled first."""
    catalogs = [source / lang / "LC_MESSAGES" / f"{CATALOG}.po" for lang in _languages(language)]
    catalogs = [po for po in catalogs if po.is_file()]
    if all(_fresh(po.with_suffix(".mo"), po) for po in catalogs):
        return source
    for po in catalogs:
        mo = cache / po.relative_to(source).with_suffix(".mo")
        if not _fresh(mo, po):
            compile_catalog(po, mo)
    return cache


def add_catalog(app: Sphinx, config: Config) -> None:
    # Sphinx merges a catalog into the one a previous build in this process loaded (init is "reentrant"):
    # an English build after a French one would read French. Each build starts from its own language.
    sphinx_locale.translators.pop(("general", CATALOG), None)
    app.add_message_catalog(CATALOG, catalog_dir(config.language or "en", Path(app.doctreedir) / "workshop-locale"))


def setup_locale(app: Sphinx) -> None:
    # Once conf.py and -D are read (the language is known), before any page is read.
    app.connect("config-inited", add_catalog, priority=100)
