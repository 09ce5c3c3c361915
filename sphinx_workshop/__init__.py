"""sphinx-workshop: a workshop's schedule, people, papers and dates, from validated YAML, as Sphinx pages.

The package has three layers, each in its folder:

* ``data/``: the data model, reading a YAML file into it, and the rules across fields and files.
  Nothing here imports Sphinx.
* ``sphinxext/``: the Sphinx extension: directives, the ``workshop`` domain, nodes and the files
  the builders write (calendars, portraits, the page script).
* ``cli/``: the ``sphinx-workshop`` command (``check``, the importers, ``new`` with its site template).

The Sphinx side is imported only when Sphinx loads the extension (``setup``), so the
``sphinx-workshop`` command, which needs only the data layer, starts quickly.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from sphinx.application import Sphinx

__version__ = "0.2.0"


def setup(app: Sphinx) -> dict[str, object]:
    from sphinx_workshop.sphinxext import setup as setup_extension

    return setup_extension(app)
