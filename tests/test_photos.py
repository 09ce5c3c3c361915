"""Portraits: square WebP at twice the displayed size, sized and lazy in HTML, cached, original not shipped."""

from __future__ import annotations

from io import BytesIO, StringIO
from pathlib import Path

import pytest
from conftest import cli_build, copy_root, soup_of
from PIL import Image
from sphinx.testing.util import SphinxTestApp

from sphinx_workshop.sphinxext.outputs.photos import DISPLAY_SIZE, PIXEL_SIZE


def portrait_jpeg(width: int, height: int, rotated: bool = False) -> bytes:
    """A test photo: red top half, blue bottom half; optionally stored sideways with an EXIF rotation."""
    image = Image.new("RGB", (width, height), "blue")
    image.paste("red", (0, 0, width, height // 2))
    exif = Image.Exif()
    if rotated:
        image = image.transpose(Image.Transpose.ROTATE_90)
        exif[0x0112] = 6  # "rotate 90 degrees clockwise to display"
    out = BytesIO()
    image.save(out, "JPEG", quality=90, exif=exif)
    return out.getvalue()


def add_photos(src: Path) -> None:
    photos = src / "people" / "photos"
    (photos / "bouman.jpg").write_bytes(portrait_jpeg(1200, 1600))
    (photos / "macke.jpg").write_bytes(portrait_jpeg(1600, 1200, rotated=True))
    speakers = src / "people" / "speakers.yaml"
    text = speakers.read_text()
    text = text.replace("    affiliation: Caltech\n", "    affiliation: Caltech\n    photo: photos/bouman.jpg\n")
    text = text.replace("    affiliation: Tübingen University\n",
                        "    affiliation: Tübingen University\n    photo: photos/macke.jpg\n")
    speakers.write_text(text)


def build(src: Path) -> SphinxTestApp:
    app = SphinxTestApp("html", srcdir=src, warning=StringIO())
    try:
        app.build()
    finally:
        app.cleanup()
    assert app.warning.getvalue() == ""
    return app


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> SphinxTestApp:
    src = copy_root("site", tmp_path_factory.mktemp("photos"))
    add_photos(src)
    return build(src)


def portraits(app: SphinxTestApp, docname: str = "program/index") -> list:
    return soup_of(app.outdir / f"{docname}.html").select("img.ws-photo")


def test_a_square_webp_at_twice_the_displayed_size(built):
    image = portraits(built)[0]
    with Image.open((built.outdir / "program" / image["src"]).resolve()) as webp:
        assert webp.format == "WEBP"
        assert webp.size == (PIXEL_SIZE, PIXEL_SIZE)
        top, bottom = webp.convert("RGB").getpixel((PIXEL_SIZE // 2, 5)), webp.getpixel((PIXEL_SIZE // 2, PIXEL_SIZE - 5))
    assert top[0] > 200 > top[2] and bottom[2] > 200 > bottom[0]  # upright: red above blue


def test_exif_rotation_is_applied(built):
    image = portraits(built)[1]
    with Image.open((built.outdir / "program" / image["src"]).resolve()) as webp:
        rgb = webp.convert("RGB")
        top, bottom = rgb.getpixel((PIXEL_SIZE // 2, 5)), rgb.getpixel((PIXEL_SIZE // 2, PIXEL_SIZE - 5))
    assert top[0] > 200 > top[2] and bottom[2] > 200 > bottom[0]


def test_a_small_photo_is_not_enlarged(built):
    image = portraits(built)[2]  # Francois Lanusse: an 8x8 PNG
    with Image.open((built.outdir / "program" / image["src"]).resolve()) as webp:
        assert webp.size == (8, 8)


def test_img_has_size_alt_and_lazy_loading_below_the_first_row(built):
    images = portraits(built)
    assert [(i["width"], i["height"]) for i in images] == [(str(DISPLAY_SIZE), str(DISPLAY_SIZE))] * 3
    assert [i["alt"] for i in images] == ["Photo of Katie Bouman", "Photo of Jakob Macke", "Photo of Francois Lanusse"]
    assert [i.get("loading") for i in images] == [None, None, None]  # the first grid's first row: eager
    assert all(i["src"].startswith("../_images/people/") and i["src"].endswith(".webp") for i in images)


def test_later_grids_load_lazily(tmp_path):
    src = copy_root("site", tmp_path / "site")
    add_photos(src)
    page = src / "program" / "index.md"
    page.write_text(page.read_text() + "\n```{people} ../people/speakers.yaml\n```\n")
    app = build(src)
    images = portraits(app)
    assert [i.get("loading") for i in images] == [None, None, None, "lazy", "lazy", "lazy"]


def test_the_original_is_not_shipped(built):
    shipped = [p for p in built.outdir.rglob("*") if p.is_file()]
    assert not [p for p in shipped if p.suffix in (".jpg", ".jpeg", ".png") and "_static" not in p.parts]
    assert len(list((built.outdir / "_images" / "people").iterdir())) == 3


def test_portraits_are_cached_between_builds(tmp_path):
    src = copy_root("site", tmp_path / "site")
    add_photos(src)
    first = build(src)
    cache = Path(first.doctreedir) / "workshop-photos"
    stamps = {p.name: p.stat().st_mtime_ns for p in cache.iterdir()}
    (src / "people" / "speakers.yaml").write_text((src / "people" / "speakers.yaml").read_text() + "\n")
    build(src)
    assert {p.name: p.stat().st_mtime_ns for p in cache.iterdir()} == stamps


def gif() -> bytes:
    out = BytesIO()
    Image.new("RGB", (4, 4)).save(out, "GIF")
    return out.getvalue()


def huge_png() -> bytes:
    """A small file that would decode to 100 million pixels."""
    out = BytesIO()
    Image.new("1", (10_001, 10_001)).save(out, "PNG")
    return out.getvalue()


#: Every photo the build refuses: the file's bytes, and the words after ``'photo' 'photos/x.png'``.
#: tests/test_check_agrees.py runs each through the build and sphinx-workshop check.
PHOTO_CASES = {
    "not an image at all": (lambda: b"not an image at all", "is not a readable JPEG or PNG image"),
    "a GIF": (gif, "is a GIF image; use a JPEG or PNG"),
    "a decompression bomb": (huge_png, "is too large: at most 50 megapixels"),
}


@pytest.mark.parametrize("case", PHOTO_CASES)
def test_an_unusable_photo_is_a_data_error(tmp_path, case):
    content, expected = PHOTO_CASES[case]
    src = copy_root("site", tmp_path / "site")
    (src / "people" / "photos" / "lanusse.png").write_bytes(content())
    status, warnings = cli_build(src)
    assert status != 0
    message = f"people/speakers.yaml:17: WARNING: person 4: 'photo' 'photos/lanusse.png' {expected} [workshop.people]"
    assert warnings.count(message) == 1, warnings  # read by two pages, reported once
