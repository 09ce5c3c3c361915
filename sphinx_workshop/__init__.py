"""Sphinx directives that render a workshop's schedule, people and dates from validated YAML.

The Sphinx side is imported only when Sphinx loads the extension (``setup``), so the
``sphinx-workshop`` command, which needs only the data model, starts quickly.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.config import Config

__version__ = "0.1.0"

STATIC = Path(__file__).parent / "static"


def _add_static(app: Sphinx, config: Config) -> None:
    config.html_static_path.append(str(STATIC))


def setup(app: Sphinx) -> dict[str, object]:
    from .calendar import setup_calendar
    from .dates import setup_dates
    from .domain import setup_domain
    from .nodes import setup_nodes
    from .papers import setup_papers
    from .people import setup_people
    from .photos import setup_photos
    from .schedule import setup_schedule
    from .script import setup_script
    from .structured import setup_structured

    app.setup_extension("sphinx_design")
    setup_nodes(app)
    setup_domain(app)
    setup_papers(app)
    setup_schedule(app)
    setup_people(app)
    setup_photos(app)
    setup_dates(app)
    setup_script(app)
    setup_calendar(app)
    setup_structured(app)
    app.connect("config-inited", _add_static)
    app.add_css_file("workshop.css")
    return {"version": __version__, "parallel_read_safe": True, "parallel_write_safe": True,
            "env_version": 2}
