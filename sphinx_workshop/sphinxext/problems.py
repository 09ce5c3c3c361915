"""Data problems in the build: kept per page while reading, reported once, shown where they broke the page.

A directive that finds problems keeps them in the environment under its page and puts an error
box in place of what it could not show (``problem_box``). When reading is done, in the main
process, every problem of every page, and those the other modules find across pages (the
``workshop-findings`` event: unknown person ids, calendars made twice, the ``workshop_deadlines``
file), is logged once, located at the data file's line::

    people/speakers.yaml:12: WARNING: person 3: 'name' is required [workshop.people]

A people file read by three pages is one warning, also with ``-j``: parallel readers keep their
pages' problems, ``env-merge-info`` joins them. A page that is not read again keeps its problems
(and its box) from the last build, so they are reported again until they are fixed.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.config import Config
from sphinx.environment import BuildEnvironment
from sphinx.util import logging
from sphinx.util.logging import is_suppressed_warning

from sphinx_workshop.data.findings import Finding, in_order
from sphinx_workshop.data.reading import display_path
from sphinx_workshop.data.wording import N_
from sphinx_workshop.sphinxext.nodes import problem
from sphinx_workshop.sphinxext.translation import wording

#: ``suppress_warnings = ["workshop.schedule"]`` silences one kind of problem; ``["workshop"]`` all.
WARNING_TYPE = "workshop"
#: Emitted once reading is done: ``handler(app, env) -> Iterable[Finding]``.
FINDINGS_EVENT = "workshop-findings"
#: Below the messages of an error box (translated; the messages are the build's, word for word, in English).
HINT = N_("Fix the file at the line named above; with make serve, this page updates when you save. Until then "
        "the site cannot be published: make html and Read the Docs stop at this problem. “Error messages” in "
        "CONTRIBUTING.md explains each message.")

logger = logging.getLogger(__name__)


def suppressed(config: Config, kind: str) -> bool:
    """A kind the site silenced on purpose: no warning, and no box on the page either."""
    return is_suppressed_warning(WARNING_TYPE, kind, config.suppress_warnings)


def page_place(env: BuildEnvironment, source: str | Path | None) -> str:
    """A source file as check prints it: relative to the source folder."""
    return display_path(Path(source), Path(env.srcdir)) if source else ""


def keep(env: BuildEnvironment, docname: str, findings: Iterable[Finding]) -> None:
    """Remember problems found while reading ``docname``; they are reported when reading is done."""
    _kept(env).setdefault(docname, []).extend(findings)


def problem_box(config: Config, findings: Iterable[Finding], headline: str) -> list[nodes.Node]:
    """The error box shown in place of what the problems broke; nothing if the site silenced those kinds.

    Every text in it is a docutils node, so the writer escapes it. The heading (``headline``, a message of
    the catalog) and the hint are in the site's language; each problem is worded as the build's warning.
    """
    shown = [f for f in in_order(findings) if not suppressed(config, f.kind)]
    if not shown:
        return []
    words = wording(config)
    box = problem(title=words._(headline))
    messages = nodes.bullet_list(classes=["ws-problem-messages"])
    for finding in shown:
        text = str(finding)
        # Word for word what check prints: no typographic quotes.
        message = nodes.inline(text, text, classes=["ws-problem-message"], support_smartquotes=False)
        messages += nodes.list_item("", nodes.paragraph("", "", message))
    box += messages
    hint = words._(HINT)
    box += nodes.paragraph(hint, hint, classes=["ws-problem-hint"])
    return [box]


def _kept(env: BuildEnvironment) -> dict[str, list[Finding]]:
    """docname -> the problems its directives found."""
    if not hasattr(env, "workshop_problems"):
        env.workshop_problems = {}
    return env.workshop_problems


def _purge(app: Sphinx, env: BuildEnvironment, docname: str) -> None:
    _kept(env).pop(docname, None)


def _merge(app: Sphinx, env: BuildEnvironment, docnames: Iterable[str], other: BuildEnvironment) -> None:
    theirs = _kept(other)
    _kept(env).update((d, theirs[d]) for d in docnames if d in theirs)


def report(app: Sphinx, env: BuildEnvironment) -> None:
    """Log every problem once, by file and line, in the main process."""
    kept = _kept(env)
    found = [f for docname in sorted(kept) for f in kept[docname]]
    for findings in app.events.emit(FINDINGS_EVENT, env):
        found.extend(findings)
    for finding in in_order(found):
        if finding.line:
            logger.warning(finding.text, type=WARNING_TYPE, subtype=finding.kind, location=finding.place)
        else:  # a whole file: Sphinx would take a location without a line for a page name
            logger.warning(str(finding), type=WARNING_TYPE, subtype=finding.kind)


def plain_problems(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    """Other builders than HTML (LaTeX, text, man …): the box becomes an admonition, so plain text.

    When the page is resolved (``doctree-resolved``, where the builder's format is public), not in a
    post-transform: a post-transform knows the builder only through the environment's private
    ``_builder_cls``."""
    if app.builder.format == "html":
        return
    for box in list(doctree.findall(problem)):
        title = box["title"]
        box.replace_self(nodes.admonition("", nodes.title(title, title), *box.children, classes=["error"]))


def setup_problems(app: Sphinx) -> None:
    app.add_event(FINDINGS_EVENT)
    app.connect("env-purge-doc", _purge)
    app.connect("env-merge-info", _merge)
    app.connect("env-updated", report, priority=900)  # after the other handlers have updated the environment
    # After the handlers that put a box in place of a link (outputs/calendar.py).
    app.connect("doctree-resolved", plain_problems, priority=900)
