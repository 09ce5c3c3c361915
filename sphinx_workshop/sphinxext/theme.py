"""The one module that knows HTML themes: where the next-deadline banner goes, where colours come from.

What the directives write is the same on every theme (docutils nodes, sphinx-design's grid). What
depends on the theme is said here, and only here:

* The banner of the next deadline, which the page script (``js/workshop.js``) adds in the browser:
  in the theme's own announcement bar where it has one (pydata-sphinx-theme, and sphinx-book-theme
  built on it: before ``.bd-header``; furo: before ``.page``), else a plain box at the top of the
  page's content (alabaster, and any theme not named here). When the site fills the theme's bar
  with an announcement of its own, the box is used: the banner never silently disappears.
* Colours: ``static/workshop.css`` names its colours ``--ws-color-*``, each taken from the theme's own
  variable (pydata's ``--pst-color-*``, then furo's ``--color-*``) with a neutral value for light pages
  after them, for alabaster (no variables, no dark mode) and the themes not named here. The chains
  are :func:`colour_block`; the stylesheet holds that block, and a test keeps them equal.
* A portrait carries ``UNDIMMED``: pydata-sphinx-theme dims every image in dark mode but these.
"""

from __future__ import annotations

from dataclasses import dataclass

from sphinx.config import Config

#: pydata-sphinx-theme's class for an image it must not dim in dark mode; other themes ignore it.
UNDIMMED = "dark-light"


@dataclass(frozen=True)
class Banner:
    """Where the banner goes and how it is dressed, as the page script reads it (``script_json``)."""

    #: Put it before the first element found of these; none found (or ``taken`` found): the neutral box.
    before: tuple[str, ...] = ()
    #: The classes of the banner and of its content, which the theme styles.
    classes: str = "ws-banner"
    content_classes: str = "ws-banner-content"
    #: The theme's bar when the site has filled it already.
    taken: str = ""

    def for_script(self) -> dict[str, object]:
        return {"before": list(self.before), "classes": self.classes, "contentClasses": self.content_classes,
                "taken": self.taken}


#: The neutral box: the first child of the page's content (Sphinx's basic layout: ``div.body[role=main]``).
NEUTRAL_PLACES = ('[role="main"]', "main", "article", ".body", "body")
NEUTRAL = Banner()
PYDATA = Banner(before=(".bd-header", ".bd-container"), classes="bd-header-announcement container-fluid",
                content_classes="bd-header-announcement__content", taken=".bd-header-announcement")
FURO = Banner(before=(".page",), classes="announcement", content_classes="announcement-content",
              taken=".announcement")


@dataclass(frozen=True)
class Theme:
    name: str
    banner: Banner = NEUTRAL


#: The themes the extension knows, by their ``html_theme`` name.
THEMES: dict[str, Theme] = {theme.name: theme for theme in (
    Theme("pydata_sphinx_theme", PYDATA),
    Theme("sphinx_book_theme", PYDATA),  # pydata-sphinx-theme's layout and variables
    Theme("furo", FURO),
    Theme("alabaster", NEUTRAL),  # no announcement bar: the box, and the neutral colours
)}


def theme_of(config: Config) -> Theme:
    """The site's theme as far as the extension knows it; any other is neutral."""
    name = config.html_theme if isinstance(config.html_theme, str) else ""
    return THEMES.get(name, Theme(name, NEUTRAL))


def banner_places(config: Config) -> dict[str, object]:
    """What the page script needs to place the banner on this site's theme, and the neutral box it falls back to."""
    return {**theme_of(config).banner.for_script(), "neutral": [*NEUTRAL_PLACES],
            "neutralClasses": NEUTRAL.classes, "neutralContentClasses": NEUTRAL.content_classes}


@dataclass(frozen=True)
class Colour:
    name: str
    #: The theme variables it is taken from, first found wins: pydata-sphinx-theme's, then furo's.
    variables: tuple[str, ...]
    #: For a theme without them (alabaster and others): light pages.
    neutral: str


COLOURS: tuple[Colour, ...] = (
    Colour("primary", ("--pst-color-primary", "--color-brand-primary"), "#0b5f8a"),
    Colour("accent", ("--pst-color-accent", "--color-brand-content"), "#0b5f8a"),
    Colour("text", ("--pst-color-text-base", "--color-foreground-primary"), "#222"),
    Colour("text-muted", ("--pst-color-text-muted", "--color-foreground-muted"), "#545b62"),
    Colour("background", ("--pst-color-background", "--color-background-primary"), "#fff"),
    Colour("surface", ("--pst-color-surface", "--color-background-secondary"), "#f3f4f6"),
    Colour("border", ("--pst-color-border", "--color-background-border"), "#d0d4d9"),
    Colour("card", ("--pst-color-on-background", "--color-background-primary"), "#fff"),
    Colour("danger", ("--pst-color-danger", "--color-problematic"), "#b3261e"),
    Colour("danger-bg", ("--pst-color-danger-bg", "--color-admonition-title-background--danger"), "#fbe9e7"),
)
#: The monospace font of the problem boxes' messages.
MONOSPACE = ("--pst-font-family-monospace", "--font-stack--monospace")
MONOSPACE_NEUTRAL = "ui-monospace, SFMono-Regular, Menlo, Consolas, monospace"


def chain(variables: tuple[str, ...], neutral: str) -> str:
    """``var(--a, var(--b, neutral))``."""
    text = neutral
    for variable in reversed(variables):
        text = f"var({variable}, {text})"
    return text


def colour_block() -> str:
    """The ``--ws-*`` properties, set on ``body`` (furo sets its variables there, pydata on ``html``), so that
    each resolves where the theme's colour mode has set its variables."""
    lines = [f"  --ws-color-{c.name}: {chain(c.variables, c.neutral)};" for c in COLOURS]
    lines.append(f"  --ws-font-monospace: {chain(MONOSPACE, MONOSPACE_NEUTRAL)};")
    return "body {\n" + "\n".join(lines) + "\n}\n"
