"""Whether a people file's photos can become portraits: the one readability check of build and check.

The build converts each photo (``sphinxext/outputs/photos.py``) inside :func:`open_photo`;
``sphinx-workshop check`` only opens it there. Both therefore refuse the same files with the same
words (``'photo' 'photos/x.png' is not a readable JPEG or PNG image``), and check stays fast: Pillow
reads a file's header, not its pixels, and is imported only when a photo is named.
"""

from __future__ import annotations

import warnings
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, TypeVar

from sphinx_workshop.data.model import PeopleFile
from sphinx_workshop.data.reading import Document, Problem

if TYPE_CHECKING:
    from PIL import Image

#: What Pillow must find in the file.
FORMATS = ("JPEG", "PNG", "WEBP")
#: Decoding bombs: a portrait has no business being larger than this.
MAX_PIXELS = 50_000_000

T = TypeVar("T")


class PhotoError(Exception):
    """A photo that cannot be turned into a portrait, worded for an organizer."""


def read_photo(source: Path) -> bytes:
    try:
        return source.read_bytes()
    except OSError as exc:
        raise PhotoError(f"cannot be read ({exc.strerror})") from None


@contextmanager
def open_photo(source: Path) -> Iterator[Image.Image]:
    """The photo opened by Pillow; any failure, also while the caller converts it, is a :class:`PhotoError`."""
    from PIL import Image, UnidentifiedImageError

    Image.MAX_IMAGE_PIXELS = MAX_PIXELS
    try:
        with warnings.catch_warnings():  # a too-large photo is refused below, in plain words
            warnings.simplefilter("ignore", Image.DecompressionBombWarning)
            opened = Image.open(source)
        with opened as image:
            if image.format not in FORMATS:
                raise PhotoError(f"is a {image.format} image; use a JPEG or PNG")
            # Pillow only warns between its limit and twice it; a portrait never needs that many pixels.
            if image.width * image.height > MAX_PIXELS:
                raise Image.DecompressionBombError(source)
            yield image
    except Image.DecompressionBombError:
        raise PhotoError("is too large: at most 50 megapixels") from None
    except (UnidentifiedImageError, OSError, SyntaxError):
        raise PhotoError("is not a readable JPEG or PNG image") from None


def check_photo(source: Path) -> None:
    """What ``sphinx-workshop check`` does with a photo: read it and let Pillow open it."""
    read_photo(source)
    with open_photo(source):
        pass


def each_photo(doc: Document[PeopleFile], use: Callable[[Path], T]) -> dict[str, T]:
    """``use(photo)`` for every person with a photo, by person id; every unusable photo is a problem, raised together."""
    made: dict[str, T] = {}
    problems = []
    for index, person in enumerate(doc.model.people):
        if person.photo:
            try:
                made[person.id] = use(doc.path.parent / person.photo)
            except PhotoError as exc:
                problems.append(Problem(("people", index, "photo"), f"'photo' {person.photo!r} {exc}"))
    doc.fail(problems)
    return made
