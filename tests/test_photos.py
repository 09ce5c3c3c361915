"""Portraits: square WebPs in three widths (srcset), sRGB, opaque, sized and lazy in HTML, cached, rebuilt when
the photo is replaced, the original not shipped."""

from __future__ import annotations

from io import BytesIO, StringIO
from pathlib import Path

import pytest
from conftest import cli_build, copy_root, soup_of
from PIL import Image
from sphinx.testing.util import SphinxTestApp

from sphinx_workshop.sphinxext.outputs.photos import DISPLAY_SIZE, PIXEL_SIZE, SIZES, WIDTHS, make_portrait

PROJECT = Path(__file__).resolve().parent.parent


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


def offered(image) -> dict[int, str]:
    """An img's srcset: width -> file."""
    return {int(width.rstrip("w")): url for url, width in (c.split() for c in image["srcset"].split(","))}


def test_square_webps_in_three_widths_the_largest_twice_the_displayed_size(built):
    image = portraits(built)[0]
    files = offered(image)
    assert sorted(files) == list(WIDTHS) and max(WIDTHS) == PIXEL_SIZE == 2 * DISPLAY_SIZE
    assert image["sizes"] == SIZES and image["src"] == files[DISPLAY_SIZE]  # no srcset support: the 1x file
    for width, url in files.items():
        with Image.open((built.outdir / "program" / url).resolve()) as webp:
            assert webp.format == "WEBP" and webp.size == (width, width)
            rgb = webp.convert("RGB")
            top, bottom = rgb.getpixel((width // 2, 3)), rgb.getpixel((width // 2, width - 3))
        assert top[0] > 200 > top[2] and bottom[2] > 200 > bottom[0]  # upright: red above blue


def test_exif_rotation_is_applied(built):
    image = portraits(built)[1]
    with Image.open((built.outdir / "program" / offered(image)[PIXEL_SIZE]).resolve()) as webp:
        rgb = webp.convert("RGB")
        top, bottom = rgb.getpixel((PIXEL_SIZE // 2, 5)), rgb.getpixel((PIXEL_SIZE // 2, PIXEL_SIZE - 5))
    assert top[0] > 200 > top[2] and bottom[2] > 200 > bottom[0]


def test_a_small_photo_is_not_enlarged(built):
    image = portraits(built)[2]  # Francois Lanusse: an 8x8 PNG
    assert not image.has_attr("srcset") and not image.has_attr("sizes")  # one file: nothing to choose
    with Image.open((built.outdir / "program" / image["src"]).resolve()) as webp:
        assert webp.size == (8, 8)


def test_img_has_size_alt_and_lazy_loading(built):
    images = portraits(built)
    assert [(i["width"], i["height"]) for i in images] == [(str(DISPLAY_SIZE), str(DISPLAY_SIZE))] * 3
    assert all("dark-light" in i["class"] for i in images)  # the theme's dark mode neither dims nor squares them
    assert [i["alt"] for i in images] == ["Photo of Katie Bouman", "Photo of Jakob Macke", "Photo of Francois Lanusse"]
    # All lazy, the first row's too: fetched after the stylesheet, not competing with it (QUALITY.md).
    assert [(i.get("loading"), i.get("fetchpriority")) for i in images] == [("lazy", "low")] * 3
    assert all(i["src"].startswith("../_images/people/") and i["src"].endswith(".webp") for i in images)


def test_the_original_is_not_shipped(built):
    shipped = [p for p in built.outdir.rglob("*") if p.is_file()]
    assert not [p for p in shipped if p.suffix in (".jpg", ".jpeg", ".png") and "_static" not in p.parts]
    assert len(list((built.outdir / "_images" / "people").iterdir())) == 3 + 3 + 1  # two photos in 3 widths, a tiny one


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


def test_a_replaced_photo_is_rebuilt_by_an_incremental_build(tmp_path):
    src = copy_root("site", tmp_path / "site")
    add_photos(src)
    app = build(src)
    before = portraits(app)[0]["src"]
    green = Image.new("RGB", (600, 600), "green")
    green.save(src / "people" / "photos" / "bouman.jpg", "JPEG")  # the same name, new content
    app = build(src)  # same source and output folders: what make serve does on save
    after = portraits(app)[0]
    assert after["src"] != before
    with Image.open((app.outdir / "program" / offered(after)[PIXEL_SIZE]).resolve()) as webp:
        r, g, b = webp.convert("RGB").getpixel((PIXEL_SIZE // 2, PIXEL_SIZE // 2))
    assert g > 100 > r and g > b


def test_a_cut_out_png_keeps_its_transparency_and_an_opaque_one_loses_its_alpha_channel(tmp_path):
    cutout = Image.new("RGBA", (300, 300), (0, 0, 0, 0))
    cutout.paste((200, 30, 30, 255), (100, 100, 200, 200))
    cutout.save(tmp_path / "cutout.png")
    cutout.convert("RGB").convert("RGBA").save(tmp_path / "opaque.png")  # RGBA, every pixel opaque
    with Image.open(tmp_path / "cache" / make_portrait(tmp_path / "cutout.png", tmp_path / "cache")[-1][1]) as webp:
        assert webp.mode == "RGBA"  # the card's background, light or dark, shows around the shape
        assert webp.getpixel((2, 2))[3] == 0 and webp.getpixel((96, 96))[3] == 255
    with Image.open(tmp_path / "cache" / make_portrait(tmp_path / "opaque.png", tmp_path / "cache")[-1][1]) as webp:
        assert webp.mode == "RGB"  # no alpha channel to store


def test_a_photo_with_a_display_colour_profile_is_converted_to_srgb(tmp_path):
    """The real photo of Francisco Villaescusa-Navarro carries a calibrated monitor's profile, whose reds
    differ from sRGB's: the portrait has the converted colours, not the file's raw numbers."""
    from PIL import ImageCms, ImageOps, ImageStat

    source = PROJECT / "people" / "photos" / "villaescusa-navarro.png"
    with Image.open(source) as original:
        profile = ImageCms.ImageCmsProfile(BytesIO(original.info["icc_profile"]))
        raw = original.convert("RGB")
    converted = ImageCms.profileToProfile(raw, profile, ImageCms.createProfile("sRGB"), outputMode="RGB")
    files = make_portrait(source, tmp_path)
    with Image.open(tmp_path / files[-1][1]) as webp:
        made = ImageStat.Stat(webp.convert("RGB")).mean[0]
    fit = {name: ImageStat.Stat(ImageOps.fit(image, (PIXEL_SIZE, PIXEL_SIZE), centering=(0.5, 0.4))).mean[0]
           for name, image in (("raw", raw), ("sRGB", converted))}
    assert abs(fit["raw"] - fit["sRGB"]) > 2  # the profile matters for this photo (about 3 levels of red)
    assert abs(made - fit["sRGB"]) < 1 < abs(made - fit["raw"])
