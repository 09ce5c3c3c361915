"""Draw the social-media preview image, ``_static/og-image.png`` (1200 × 630, the Open Graph size).

Social sites do not accept SVG, so the preview is a PNG, drawn once and committed. Run it
again only to change the picture:

    pip install pillow && python tools/og_image.py

Needs the DejaVu fonts (Debian: fonts-dejavu-core). The drawing echoes the logo: an orbit,
a bright core and a small graph of nodes, on the site's indigo.
"""

from __future__ import annotations

from pathlib import Path

from PIL import Image, ImageDraw, ImageFont

OUT = Path(__file__).resolve().parent.parent / "_static" / "og-image.png"
WIDTH, HEIGHT = 1200, 630
FONTS = Path("/usr/share/fonts/truetype/dejavu")
INDIGO_DARK, INDIGO, INDIGO_LIGHT, AMBER, WHITE = "#1e1b4b", "#4f46e5", "#a5b4fc", "#f59e0b", "#ffffff"

LINES = [  # text, font, size, colour
    ("ICML 2022 WORKSHOP", "DejaVuSans-Bold.ttf", 30, AMBER),
    ("Machine Learning", "DejaVuSans-Bold.ttf", 76, WHITE),
    ("for Astrophysics", "DejaVuSans-Bold.ttf", 76, WHITE),
    ("ML4Astro 2022 · July 22, 2022 · Baltimore, MD, USA", "DejaVuSans.ttf", 30, INDIGO_LIGHT),
]


def background() -> Image.Image:
    """A left-to-right gradient from the dark indigo to a slightly lighter one."""
    image = Image.new("RGB", (WIDTH, HEIGHT), INDIGO_DARK)
    draw = ImageDraw.Draw(image)
    for x in range(WIDTH):
        t = x / (WIDTH - 1)
        draw.line([(x, 0), (x, HEIGHT)], fill=(int(30 + 20 * t), int(27 + 18 * t), int(75 + 45 * t)))
    return image


def emblem(draw: ImageDraw.ImageDraw, cx: int, cy: int, scale: float) -> None:
    """The logo's constellation, drawn at ``scale`` around (cx, cy) (the logo is 64 units wide)."""
    def at(x: float, y: float) -> tuple[float, float]:
        return cx + (x - 32) * scale, cy + (y - 32) * scale

    for a, b in [((32, 32), (12, 20)), ((32, 32), (52, 44)), ((32, 32), (47, 14)), ((12, 20), (22, 8)),
                 ((52, 44), (44, 56))]:
        draw.line([at(*a), at(*b)], fill=INDIGO_LIGHT, width=round(1.8 * scale))
    orbit = Image.new("RGBA", (WIDTH, HEIGHT))
    ImageDraw.Draw(orbit).ellipse([at(5, 22), at(59, 42)], outline=INDIGO_LIGHT, width=round(2.2 * scale))
    rotated = orbit.rotate(28, center=(cx, cy), resample=Image.BICUBIC)
    draw._image.paste(rotated, (0, 0), rotated)  # noqa: SLF001 - ImageDraw has no public accessor
    draw.ellipse([at(23, 23), at(41, 41)], fill=INDIGO_LIGHT)
    for x, y, r in [(12, 20, 3.6), (52, 44, 3.6), (47, 14, 3), (22, 8, 2.4), (44, 56, 2.4)]:
        draw.ellipse([at(x - r, y - r), at(x + r, y + r)], fill=WHITE)
    draw.polygon([at(14, 46), at(15.6, 50.4), at(20, 52), at(15.6, 53.6), at(14, 58), at(12.4, 53.6), at(8, 52),
                  at(12.4, 50.4)], fill=AMBER)


def main() -> None:
    image = background()
    draw = ImageDraw.Draw(image)
    emblem(draw, 1030, 300, 4.6)
    y = 160
    for text, font, size, colour in LINES:
        face = ImageFont.truetype(str(FONTS / font), size)
        draw.text((80, y), text, font=face, fill=colour)
        y += int(size * 1.35) + (18 if size == 30 else 0)
    draw.rectangle([0, HEIGHT - 12, WIDTH, HEIGHT], fill=INDIGO)
    image.quantize(colors=64, method=Image.Quantize.MEDIANCUT).save(OUT, optimize=True)
    print(f"{OUT}: {OUT.stat().st_size:,} bytes")


if __name__ == "__main__":
    main()
