"""Portraits: any JPEG or PNG an organizer drops in becomes a small square WebP.

The original is never shipped. Each WebP is named by a hash of the source bytes and the
size, written once into a cache beside the doctrees, and copied into ``_images/people/``
when the HTML build finishes, so rebuilds reuse it and two builds give the same bytes.
"""

from __future__ import annotations

import hashlib
import io
import os
import shutil
import tempfile
from pathlib import Path
from typing import TYPE_CHECKING

from sphinx.application import Sphinx
from sphinx.builders.html import StandaloneHTMLBuilder

from sphinx_workshop.data.photos import open_photo, read_photo
from sphinx_workshop.sphinxext.nodes import photo, skip

if TYPE_CHECKING:
    from PIL import Image

#: Where in the output the portraits go, below the builder's image directory.
OUTPUT_DIR = "people"
#: Width and height a card displays a portrait at, in CSS pixels (see workshop.css): 6rem, 4.5rem on a phone.
DISPLAY_SIZE = 96
PHONE_SIZE = 72
#: The widths written, for ``srcset``: the phone's and the desktop's size on 1x, 1.5x and 2x screens.
WIDTHS = (96, 144, 192)
#: Pixels in the largest file: twice the displayed size, sharp on high-density screens.
PIXEL_SIZE = max(WIDTHS)
#: The browser picks the file by the displayed width (the media query of workshop.css).
SIZES = f"(max-width: 36rem) {PHONE_SIZE}px, {DISPLAY_SIZE}px"
#: WebP quality: portraits this small show no difference above it, and each file stays a few KiB.
QUALITY = 75
#: Faces sit in the upper part of a portrait: crop a little above the centre.
CROP_CENTRE = (0.5, 0.4)


def cache_dir(doctreedir: str | os.PathLike[str]) -> Path:
    """Beside the doctrees: kept between incremental builds, never inside the output."""
    return Path(doctreedir) / "workshop-photos"


def make_portrait(source: Path, cache: Path) -> list[tuple[int, str]]:
    """Write (once) the square WebPs for ``source`` into ``cache``; return (width, file name) pairs, smallest first.

    Every width of :data:`WIDTHS` the photo has pixels for; a photo smaller than all of them, once at its size.
    A small index file beside them records which were written, so a rebuild opens no image.
    """
    data = read_photo(source)
    digest = hashlib.sha256(data + f"|{WIDTHS}|{QUALITY}|{CROP_CENTRE}".encode()).hexdigest()[:20]
    index = cache / f"{digest}.widths"
    if index.is_file():
        widths = [int(w) for w in index.read_text(encoding="ascii").split()]
        files = [(width, f"{digest}-{width}.webp") for width in widths]
        if all((cache / name).is_file() for _, name in files):
            return files
    square = _square(source)
    widths = [width for width in WIDTHS if width <= square.width] or [square.width]  # never enlarged
    cache.mkdir(parents=True, exist_ok=True)
    for width in widths:
        portrait = square if width == square.width else square.resize((width, width), _lanczos())
        _write_atomically(cache / f"{digest}-{width}.webp", lambda out, p=portrait: p.save(
            out, "WEBP", quality=QUALITY, method=6))
    _write_atomically(index, lambda out: out.write(" ".join(map(str, widths)).encode("ascii")))
    return [(width, f"{digest}-{width}.webp") for width in widths]


def _write_atomically(target: Path, write) -> None:
    with tempfile.NamedTemporaryFile(dir=target.parent, suffix=".tmp", delete=False) as tmp:
        write(tmp)
    os.replace(tmp.name, target)  # atomic: parallel readers never see half a file


def _lanczos():
    from PIL import Image

    return Image.Resampling.LANCZOS


def _square(source: Path) -> Image.Image:
    # Pillow is imported only when a photo is converted: a site without photos never loads it.
    from PIL import Image, ImageOps

    with open_photo(source) as image:  # the readability check sphinx-workshop check makes too
        image = ImageOps.exif_transpose(image)  # phones store rotation in EXIF
        image = _in_srgb(image)
        image = _opaque(image)
        side = min(PIXEL_SIZE, *image.size)
        return ImageOps.fit(image, (side, side), method=Image.Resampling.LANCZOS, centering=CROP_CENTRE)


def _opaque(image: Image.Image) -> Image.Image:
    """RGB, unless some pixels are transparent: a cut-out PNG keeps them, and shows the card's own
    background through them, light or dark (the ``dark-light`` class keeps the theme from adding white)."""
    if "A" not in image.getbands() and "transparency" not in image.info:
        return image.convert("RGB")
    rgba = image.convert("RGBA")
    if rgba.getchannel("A").getextrema()[0] == 255:  # an alpha channel with nothing transparent in it
        return rgba.convert("RGB")
    return rgba


def _in_srgb(image: Image.Image) -> Image.Image:
    """Colours as the camera meant them: a photo with an embedded colour profile (Adobe RGB, Display P3)
    is converted to sRGB, which the WebP (written without a profile) is read as."""
    icc = image.info.get("icc_profile")
    if not icc or image.mode not in ("RGB", "RGBA"):
        return image
    from PIL import ImageCms

    try:
        source = ImageCms.ImageCmsProfile(io.BytesIO(icc))
        converted = ImageCms.profileToProfile(image, source, ImageCms.createProfile("sRGB"), outputMode=image.mode)
    except (ImageCms.PyCMSError, OSError, ValueError):  # a broken profile: the pixels as they are
        return image
    return converted if converted is not None else image


def visit_photo_html(self, node: photo) -> None:
    files = node["files"]
    base = f"{self.builder.imgpath}/{OUTPUT_DIR}/"
    default = next((name for width, name in files if width >= DISPLAY_SIZE), files[-1][1])
    attributes = {
        "src": base + default,
        "alt": node["alt"],
        "width": str(DISPLAY_SIZE),
        "height": str(DISPLAY_SIZE),
        "decoding": "async",
    }
    if len(files) > 1:
        attributes["srcset"] = ", ".join(f"{base}{name} {width}w" for width, name in files)
        attributes["sizes"] = SIZES
    # Every portrait, the first row's too, is lazy and of low priority: fetched once the page is laid
    # out, after the stylesheet, and after the page's other requests, instead of sharing a slow phone
    # connection with them. The text, the largest element of each page, paints first and the portraits
    # follow. On Lighthouse's mobile preset the two together moved the LCP of the people and program
    # pages from 1.2 s to about 1.0 s (QUALITY.md).
    attributes["loading"] = "lazy"
    attributes["fetchpriority"] = "low"
    self.body.append(self.emptytag(node, "img", "", **attributes))


def depart_photo_html(self, node: photo) -> None:
    pass


def copy_portraits(app: Sphinx, *args: object) -> tuple[()]:
    """Ship the portraits the pages use, and nothing else (``html-collect-pages``: before an EPUB is packed)."""
    if not isinstance(app.builder, StandaloneHTMLBuilder):  # html, dirhtml, singlehtml, epub
        return ()
    names = app.env.domains["workshop"].photo_files()
    target = Path(app.outdir) / "_images" / OUTPUT_DIR
    for name in sorted(names):
        target.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(cache_dir(app.doctreedir) / name, target / name)
    return ()


def setup_photos(app: Sphinx) -> None:
    app.add_node(photo, html=(visit_photo_html, depart_photo_html),
                 **{b: (skip, None) for b in ("latex", "text", "man", "texinfo")})
    app.connect("html-collect-pages", copy_portraits)
