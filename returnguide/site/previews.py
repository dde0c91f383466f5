"""Share-preview images (1200×630 PNG, the size Open Graph and Twitter cards expect),
drawn offline with Pillow for every page in every language.

Arabic and Persian are shaped by Pillow's complex-text layout (libraqm: HarfBuzz +
FriBiDi). Pillow draws a run with one font and the Arabic-script fonts carry no Latin
letters, so a line is cut into runs of one direction (Arabic script, or Latin and digits),
each drawn with its own font, placed in the line's reading order: a simple form of the
Unicode bidi algorithm that is enough for titles ("برنامهٔ REAG/GARP").

Images are cached by their content (.cache/previews/<sha256>.png): a rebuild draws only
what changed.
"""

from __future__ import annotations

import hashlib
import os
import subprocess
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from ..model.languages import Language

WIDTH, HEIGHT = 1200, 630
MARGIN = 72
BAND = 96  # the coloured band with the site's name
INK, MUTED, BRAND, PAPER = "#1b1b1f", "#45464f", "#3f51b5", "#ffffff"
DRAW_VERSION = "1"  # change when the drawing changes, so cached images are redrawn


@dataclass(frozen=True)
class Preview:
    """What one image shows, in one language."""
    lang: Language
    site_name: str
    title: str
    description: str
    address: str  # shown at the bottom: "rueckkehrberatung.example/fa/countries/sy/"

    def key(self) -> str:
        fonts = "|".join(str(_font_file(f, b)) for f in (self.lang.fonts[0], "Noto Sans") for b in (False, True))
        parts = (DRAW_VERSION, fonts, self.lang.code, self.site_name, self.title, self.description, self.address)
        return hashlib.sha256("\0".join(parts).encode()).hexdigest()


class PreviewError(Exception):
    pass


@lru_cache(maxsize=None)
def _font_file(family: str, bold: bool) -> str:
    """The font file fontconfig picks for a family (the registry names families, not files)."""
    pattern = f"{family}:{'bold' if bold else 'regular'}"
    try:
        found = subprocess.run(["fc-match", "-f", "%{family}\n%{file}", pattern], capture_output=True, text=True, check=True).stdout
    except (OSError, subprocess.CalledProcessError) as err:
        raise PreviewError(f"fontconfig cannot find a font for {pattern!r} ({err}); run `make setup`") from err
    got, _, path = found.partition("\n")
    if family.lower() not in got.lower():
        raise PreviewError(f"font {family!r} is not installed (fontconfig offers {got!r}); run `make setup` (fonts-noto-core)")
    return path


@lru_cache(maxsize=None)
def _font(family: str, bold: bool, size: int):
    from PIL import ImageFont

    return ImageFont.truetype(_font_file(family, bold), size, layout_engine=ImageFont.Layout.RAQM)


@lru_cache(maxsize=None)
def _coverage(path: str) -> frozenset[int]:
    from fontTools.ttLib import TTFont

    return frozenset(TTFont(path, lazy=True)["cmap"].getBestCmap())


def _is_arabic(ch: str) -> bool:
    o = ord(ch)
    return 0x0600 <= o <= 0x06FF or 0x0750 <= o <= 0x077F or 0x08A0 <= o <= 0x08FF or 0xFB50 <= o <= 0xFDFF \
        or 0xFE70 <= o <= 0xFEFF or ch == "\u200c"


def _strong(ch: str) -> str | None:
    if _is_arabic(ch):
        return "rtl"
    if ch.isalnum() or unicodedata.category(ch).startswith("L"):
        return "ltr"
    return None  # spaces and punctuation take the direction around them


def runs(text: str, base: str) -> list[tuple[str, str]]:
    """The text cut into (direction, text) runs in logical order. Neutral characters between
    two runs of one direction join them; elsewhere they take the paragraph's direction."""
    kinds = [_strong(ch) for ch in text]
    for i, kind in enumerate(kinds):
        if kind is None:
            before = next((k for k in reversed(kinds[:i]) if k), None)
            after = next((_strong(c) for c in text[i + 1:] if _strong(c)), None)
            kinds[i] = before if before == after and before else base
    out: list[tuple[str, str]] = []
    for ch, kind in zip(text, kinds, strict=True):
        if out and out[-1][0] == kind:
            out[-1] = (kind, out[-1][1] + ch)
        else:
            out.append((kind, ch))
    return out


class _Writer:
    """Draws lines of one language at one size: measures, wraps, places runs."""

    def __init__(self, lang: Language, size: int, bold: bool):
        self.lang = lang
        self.fonts = {"rtl": _font(lang.fonts[0], bold, size), "ltr": _font("Noto Sans", bold, size)}
        self.size = size

    def _pieces(self, line: str, whole_ltr: bool = False):
        for direction, text, family in self._runs(line, whole_ltr):
            font = self.fonts[family]
            kwargs = {"direction": direction, "language": self.lang.tag if direction == "rtl" or not self.lang.rtl else "en"}
            yield text, font, kwargs, font.getlength(text, **kwargs)

    def _runs(self, line: str, whole_ltr: bool):
        """(direction, text, font) runs; in right-to-left lines, characters the Arabic-script
        font lacks (the dash "–") are drawn with the Latin font, in place."""
        if whole_ltr or not self.lang.rtl:
            yield "ltr", line, "ltr"
            return
        covered = _coverage(_font_file(self.lang.fonts[0], False))
        for direction, text in runs(line, self.lang.direction):
            if direction == "ltr":
                yield direction, text, "ltr"
                continue
            part, family = "", "rtl"
            for ch in text:
                want = "rtl" if ord(ch) in covered else "ltr"
                if part and want != family:
                    yield direction, part, family
                    part = ""
                part, family = part + ch, want
            if part:
                yield direction, part, family

    def width(self, line: str) -> float:
        return sum(w for *_, w in self._pieces(line))

    def wrap(self, text: str, width: int, max_lines: int) -> list[str]:
        lines: list[str] = []
        words = text.split()
        while words and len(lines) < max_lines:
            line = words.pop(0)
            while words and self.width(f"{line} {words[0]}") <= width:
                line += " " + words.pop(0)
            lines.append(line)
        if words:  # too long: end the last line with an ellipsis that fits
            last = lines[-1]
            while last and self.width(last + " …") > width:
                last = last.rsplit(" ", 1)[0] if " " in last else last[:-1]
            lines[-1] = last + " …"
        return lines

    def draw(self, draw, line: str, y: float, fill: str, whole_ltr: bool = False) -> None:
        """One line, aligned to the reading start (right for right-to-left); whole_ltr for
        a line that reads left to right in every language (a web address)."""
        pieces = list(self._pieces(line, whole_ltr))
        if self.lang.rtl:  # runs go from the right edge leftwards, each drawn in its own direction
            x = WIDTH - MARGIN
            for text, font, kwargs, w in pieces:
                x -= w
                draw.text((x, y), text, font=font, fill=fill, anchor="ls", **kwargs)
        else:
            x = MARGIN
            for text, font, kwargs, w in pieces:
                draw.text((x, y), text, font=font, fill=fill, anchor="ls", **kwargs)
                x += w


def draw(preview: Preview):
    """The image, as a Pillow image."""
    from PIL import Image, ImageDraw

    image = Image.new("RGB", (WIDTH, HEIGHT), PAPER)
    pen = ImageDraw.Draw(image)
    lang = preview.lang
    text_width = WIDTH - 2 * MARGIN

    pen.rectangle((0, 0, WIDTH, BAND), fill=BRAND)
    band = _Writer(lang, 34, bold=True)
    band.draw(pen, band.wrap(preview.site_name, text_width, 1)[0], BAND / 2 + 13, PAPER)

    title = _Writer(lang, 64, bold=True)
    title_lines = title.wrap(preview.title, text_width, 3)
    leading = 1.45 if lang.rtl else 1.25  # Arabic script needs room above and below
    y = BAND + 40 + 64 * leading * 0.85
    for line in title_lines:
        title.draw(pen, line, y, INK)
        y += 64 * leading

    body = _Writer(lang, 32, bold=False)
    space = int((HEIGHT - 84 - y) // (32 * leading))
    y += 12
    for line in body.wrap(preview.description, text_width, max(0, min(3, space))):
        body.draw(pen, line, y, MUTED)
        y += 32 * leading

    pen.rectangle((0, HEIGHT - 12, WIDTH, HEIGHT), fill=BRAND)
    footer = _Writer(lang, 28, bold=True)
    footer.draw(pen, preview.address, HEIGHT - 40, BRAND, whole_ltr=True)
    return image


def render(preview: Preview, cache_dir: Path) -> Path:
    """The cached PNG of a preview, drawn if missing."""
    target = cache_dir / f"{preview.key()}.png"
    if not target.is_file():
        cache_dir.mkdir(parents=True, exist_ok=True)
        partial = target.with_name(f".{target.stem}.{os.getpid()}.png")
        draw(preview).save(partial, format="PNG", optimize=True)
        partial.replace(target)
    return target
