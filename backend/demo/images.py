"""Placeholder product photos: a card in the category's colour with the product's and the producer's names.

Deterministic (same text, same bytes) and drawn with the font bundled in Pillow, so nothing is downloaded.
"""

import hashlib
import io
import unicodedata
from functools import lru_cache
from pathlib import Path

from PIL import Image, ImageDraw, ImageFont

SIZE = 600
MARGIN = 48
FOOTER = "Photo à venir · donnée de démonstration"


# Fonts with the French accents, looked up in order; Pillow's bundled font lacks them, so it is the last resort
# and the text is then written without accents.
FONT_CANDIDATES = (
    "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf",
    "/usr/share/fonts/truetype/liberation/LiberationSans-Regular.ttf",
    "/usr/share/fonts/dejavu/DejaVuSans.ttf",
    "/Library/Fonts/Arial Unicode.ttf",
    "C:/Windows/Fonts/arial.ttf",
)


@lru_cache(maxsize=1)
def _font_path() -> str | None:
    candidates = list(FONT_CANDIDATES)
    try:
        import matplotlib

        candidates.append(str(Path(matplotlib.__file__).parent / "mpl-data" / "fonts" / "ttf" / "DejaVuSans.ttf"))
    except ImportError:
        pass
    return next((path for path in candidates if Path(path).is_file()), None)


@lru_cache(maxsize=8)
def _font(size: int) -> ImageFont.FreeTypeFont:
    path = _font_path()
    return ImageFont.truetype(path, size) if path else ImageFont.load_default(size=size)


def _printable(text: str) -> str:
    if _font_path():
        return text
    ascii_text = unicodedata.normalize("NFKD", text.replace("œ", "oe").replace("–", "-"))
    return ascii_text.encode("ascii", "ignore").decode("ascii")


def _hex_to_rgb(colour: str) -> tuple[int, int, int]:
    colour = colour.lstrip("#")
    return int(colour[0:2], 16), int(colour[2:4], 16), int(colour[4:6], 16)


def _wrap(draw: ImageDraw.ImageDraw, text: str, font, width: int) -> list[str]:
    lines: list[str] = []
    current = ""
    for word in text.split():
        candidate = f"{current} {word}".strip()
        if draw.textlength(candidate, font=font) <= width or not current:
            current = candidate
        else:
            lines.append(current)
            current = word
    if current:
        lines.append(current)
    return lines


def placeholder_key(*, title: str, subtitle: str, colour: str) -> str:
    """Identifies the picture's content: when it has not changed, the file need not be drawn again."""
    return hashlib.sha1(f"{SIZE}|{title}|{subtitle}|{colour}|{FOOTER}".encode(), usedforsecurity=False).hexdigest()


def placeholder_jpeg(*, title: str, subtitle: str, colour: str) -> bytes:
    background = _hex_to_rgb(colour)
    image = Image.new("RGB", (SIZE, SIZE), background)
    draw = ImageDraw.Draw(image)
    inner = tuple(min(255, c + (255 - c) * 85 // 100) for c in background)
    draw.rounded_rectangle((MARGIN // 2, MARGIN // 2, SIZE - MARGIN // 2, SIZE - MARGIN // 2), radius=28, fill=inner)
    title_font, subtitle_font, footer_font = _font(44), _font(26), _font(18)
    title, subtitle = _printable(title), _printable(subtitle)
    lines = _wrap(draw, title, title_font, SIZE - 2 * MARGIN)[:5]
    y = SIZE // 2 - 30 * len(lines) - 20
    for line in lines:
        draw.text((SIZE // 2, y), line, font=title_font, fill=background, anchor="mt")
        y += 58
    for line in _wrap(draw, subtitle, subtitle_font, SIZE - 2 * MARGIN)[:2]:
        draw.text((SIZE // 2, y + 16), line, font=subtitle_font, fill=(60, 60, 60), anchor="mt")
        y += 34
    draw.text((SIZE // 2, SIZE - MARGIN - 10), _printable(FOOTER), font=footer_font, fill=(90, 90, 90), anchor="mb")
    buffer = io.BytesIO()
    image.save(buffer, format="JPEG", quality=82)
    return buffer.getvalue()
