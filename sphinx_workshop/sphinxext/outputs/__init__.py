"""What the builders write besides the pages: calendars, portraits, the page script."""

from __future__ import annotations

from sphinx.builders import Builder
from sphinx.builders.epub3 import Epub3Builder
from sphinx.builders.html import StandaloneHTMLBuilder


def writes_website(builder: Builder) -> bool:
    """HTML pages served as a website (html, dirhtml, singlehtml ...): files written beside them
    can be linked. Not an EPUB, which is packed before the build finishes and has no server."""
    return isinstance(builder, StandaloneHTMLBuilder) and not isinstance(builder, Epub3Builder)
