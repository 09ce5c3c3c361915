"""The Sphinx extension: one ``setup_<feature>(app)`` per module, called in order."""

from __future__ import annotations

from pathlib import Path

from sphinx.application import Sphinx
from sphinx.config import Config

from sphinx_workshop import __version__
from sphinx_workshop.sphinxext.config import setup_config
from sphinx_workshop.sphinxext.directives.dates import setup_dates
from sphinx_workshop.sphinxext.directives.event import setup_structured
from sphinx_workshop.sphinxext.directives.papers import setup_papers
from sphinx_workshop.sphinxext.directives.people import setup_people
from sphinx_workshop.sphinxext.directives.schedule import setup_schedule
from sphinx_workshop.sphinxext.domain import setup_domain
from sphinx_workshop.sphinxext.nodes import setup_nodes
from sphinx_workshop.sphinxext.outputs.apps import setup_apps
from sphinx_workshop.sphinxext.outputs.calendar import setup_calendar
from sphinx_workshop.sphinxext.outputs.photos import setup_photos
from sphinx_workshop.sphinxext.outputs.script import setup_script
from sphinx_workshop.sphinxext.pages import setup_pages
from sphinx_workshop.sphinxext.paperpage import setup_paper_page
from sphinx_workshop.sphinxext.problems import setup_problems
from sphinx_workshop.sphinxext.translation import setup_locale

STATIC = Path(__file__).parent / "static"


def _add_static(app: Sphinx, config: Config) -> None:
    config.html_static_path.append(str(STATIC))


def setup(app: Sphinx) -> dict[str, object]:
    app.setup_extension("sphinx_design")
    setup_locale(app)
    setup_nodes(app)
    setup_problems(app)
    setup_config(app)  # after setup_problems: it reports the settings' own problems
    setup_domain(app)
    setup_papers(app)
    setup_pages(app)
    setup_paper_page(app)
    setup_schedule(app)
    setup_people(app)
    setup_photos(app)
    setup_dates(app)
    setup_script(app)
    setup_calendar(app)
    setup_apps(app)
    setup_structured(app)
    app.connect("config-inited", _add_static)
    app.add_css_file("workshop.css")
    return {"version": __version__, "parallel_read_safe": True, "parallel_write_safe": True,
            "env_version": 4}
