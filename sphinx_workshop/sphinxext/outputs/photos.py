"""Portraits: any JPEG or PNG an organizer drops in becomes a small square WebP.

The original is never shipped. Each WebP is named by a hash of the source bytes and the
size, written once into a cache beside the doctrees, and copied into ``_images/people/``
when the HTML build finishes, so rebuilds reuse it and two builds give the same bytes.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import tempfile
from pathlib import Path
from typing import TYPE_CHECKING

from docutils import nodes
from sphinx.application import Sphinx

from sphinx_workshop.data.photos import open_photo, read_photo
from sphinx_workshop.sphinxext.nodes import photo

if TYPE_CHECKING:
    from PIL import Image

#: Where in the output the portraits go, below the builder's image directory.
OUTPUT_DIR = "people"
#: Width and height a card displays a portrait at, in CSS pixels (see workshop.css).
DISPLAY_SIZE = 96
#: Pixels in the file: twice the displayed size, sharp on high-density screens.
PIXEL_SIZE = 2 * DISPLAY_SIZE
#: Faces sit in the upper part of a portrait: crop a little above the centre.
CROP_CENTRE = (0.5, 0.4)


def cache_dir(doctreedir: str | os.PathLike[str]) -> Path:
    """Beside the doctrees: kept between incremental builds, never inside the output."""
    return Path(doctreedir) / "workshop-photos"


def make_portrait(source: Path, cache: Path) -> str:
    """Write (once) the square WebP for ``source`` into ``cache``; return its file name."""
    data = read_photo(source)
    digest = hashlib.sha256(data + f"|{PIXEL_SIZE}|{CROP_CENTRE}".encode()).hexdigest()[:20]
    name = f"{digest}.webp"
    target = cache / name
    if target.is_file():
        return name
    portrait = _square(source)
    cache.mkdir(parents=True, exist_ok=True)
    with tempfile.NamedTemporaryFile(dir=cache, suffix=".tmp", delete=False) as tmp:
        portrait.save(tmp, "WEBP", quality=82, method=6)
    os.replace(tmp.name, target)  # atomic: parallel readers never see half a file
    return name


def _square(source: Path) -> Image.Image:
    # Pillow is imported only when a photo is converted: a site without photos never loads it.
    from PIL import Image, ImageOps

    with open_photo(source) as image:  # the readability check sphinx-workshop check makes too
        image = ImageOps.exif_transpose(image)  # phones store rotation in EXIF
        image = image.convert("RGBA" if "A" in image.getbands() else "RGB")
        side = min(PIXEL_SIZE, *image.size)  # never enlarge a small photo
        return ImageOps.fit(image, (side, side), method=Image.Resampling.LANCZOS, centering=CROP_CENTRE)


def visit_photo_html(self, node: photo) -> None:
    attributes = {
        "src": f"{self.builder.imgpath}/{OUTPUT_DIR}/{node['filename']}",
        "alt": node["alt"],
        "width": str(DISPLAY_SIZE),
        "height": str(DISPLAY_SIZE),
        "decoding": "async",
    }
    if node["lazy"]:
        attributes["loading"] = "lazy"
    self.body.append(self.emptytag(node, "img", "", **attributes))


def depart_photo_html(self, node: photo) -> None:
    pass


def skip(self, node: photo) -> None:
    raise nodes.SkipNode


def copy_portraits(app: Sphinx, exception: Exception | None) -> None:
    """Ship the portraits the pages use, and nothing else."""
    if exception is not None or app.builder.format != "html":
        return
    names = app.env.domains["workshop"].photo_files()
    if not names:
        return
    target = Path(app.outdir) / "_images" / OUTPUT_DIR
    target.mkdir(parents=True, exist_ok=True)
    for name in sorted(names):
        shutil.copyfile(cache_dir(app.doctreedir) / name, target / name)


def setup_photos(app: Sphinx) -> None:
    app.add_node(photo, html=(visit_photo_html, depart_photo_html),
                 **{b: (skip, None) for b in ("latex", "text", "man", "texinfo")})
    app.connect("build-finished", copy_portraits)
