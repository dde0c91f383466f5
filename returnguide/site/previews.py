"""Share-preview images (1200×630 PNG, the size Open Graph and Twitter cards expect),
drawn offline with Pillow for every page in every language.

Arabic and Persian are shaped by Pillow's complex-text layout (libraqm: HarfBuzz +
FriBiDi). Pillow draws a run with one font and the Arabic-script fonts carry no Latin
letters, so a line is cut into runs of one direction (Arabic script, or Latin and digits),
each drawn with its script's font (in every language: a Persian word on a German image gets
the Arabic-script font), placed in the line's reading order: a simple form of the Unicode
bidi algorithm that is enough for titles ("برنامهٔ REAG/GARP"). `layout` says which font
file draws which text, so a test can hold every character against that font's cmap.

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

from ..model.languages import ARABIC_SCRIPT_FONTS, LATIN_FONTS, Language
from ..platform.system import worker_pool

WIDTH, HEIGHT = 1200, 630
MARGIN = 72
BAND = 96  # the coloured band with the site's name
INK, MUTED, BRAND, PAPER = "#1b1b1f", "#45464f", "#3f51b5", "#ffffff"
DRAW_VERSION = "3"  # change when the drawing changes, so cached images are redrawn
# The family that draws each script (the registry's first choice): every run of text is drawn
# with the family of its script, whatever the page's language (a Persian name on a German image).
SCRIPT_FONTS = {"ltr": LATIN_FONTS[0], "rtl": ARABIC_SCRIPT_FONTS[0]}


@dataclass(frozen=True)
class Preview:
    """What one image shows, for a reader of one language: the site's name in the reader's
    language; the title and description in the language of the page shown (German on a page
    not yet translated, `text_lang`)."""
    lang: Language
    site_name: str
    title: str
    description: str
    address: str  # shown at the bottom: "rueckkehrberatung.example/fa/countries/sy/"
    text_lang: Language | None = None  # the page's language, when it is not the reader's

    @property
    def page_lang(self) -> Language:
        return self.text_lang or self.lang

    def key(self) -> str:
        fonts = "|".join(_font_file(f, b) for f in SCRIPT_FONTS.values() for b in (False, True))
        parts = (DRAW_VERSION, fonts, self.lang.code, self.page_lang.code, self.site_name, self.title, self.description, self.address)
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
def _truetype(path: str, size: int):
    from PIL import ImageFont

    return ImageFont.truetype(path, size, layout_engine=ImageFont.Layout.RAQM)


def _font(family: str, bold: bool, size: int):
    return _truetype(_font_file(family, bold), size)


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


@dataclass(frozen=True)
class Piece:
    """One run of text drawn with one font: where, with which file, in which direction."""
    text: str
    font_file: str
    x: float
    y: float
    fill: str
    direction: str
    language: str
    size: int
    bold: bool


class _Writer:
    """Lays out lines of one language at one size: measures, wraps, places runs."""

    def __init__(self, lang: Language, size: int, bold: bool):
        self.lang, self.size, self.bold = lang, size, bold

    def _font(self, family: str):
        return _font(family, self.bold, self.size)

    def _runs(self, line: str, whole_ltr: bool):
        """(direction, text, family) runs in logical order: runs of one direction (a simple form of
        the bidi algorithm), each drawn with its script's family; a character that family lacks
        (the dash "–" in the Arabic-script font) with the other family, in place."""
        directed = [("ltr", line)] if whole_ltr else runs(line, self.lang.direction)
        for direction, text in directed:
            part, family = "", SCRIPT_FONTS[direction]
            for ch in text:
                want = SCRIPT_FONTS[direction]
                if ord(ch) not in _coverage(_font_file(want, self.bold)):
                    want = next((f for f in SCRIPT_FONTS.values() if ord(ch) in _coverage(_font_file(f, self.bold))), want)
                if part and want != family:
                    yield direction, part, family
                    part = ""
                part, family = part + ch, want
            if part:
                yield direction, part, family

    def _pieces(self, line: str, whole_ltr: bool = False):
        for direction, text, family in self._runs(line, whole_ltr):
            font = self._font(family)
            # the shaping language: the page's for its own script, English for Latin inside Arabic script
            language = self.lang.tag if (direction == "rtl") == self.lang.rtl else ("en" if direction == "ltr" else "ar")
            kwargs = {"direction": direction, "language": language}
            yield text, family, kwargs, font.getlength(text, **kwargs)

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

    def place(self, line: str, y: float, fill: str, whole_ltr: bool = False) -> list[Piece]:
        """One line, aligned to the reading start (right for right-to-left); whole_ltr for
        a line that reads left to right in every language (a web address)."""
        pieces = list(self._pieces(line, whole_ltr))
        placed = []
        if self.lang.rtl and not whole_ltr:  # runs go from the right edge leftwards
            x = WIDTH - MARGIN
            for text, family, kwargs, w in pieces:
                x -= w
                placed.append(Piece(text, _font_file(family, self.bold), x, y, fill, kwargs["direction"], kwargs["language"], self.size, self.bold))
        else:
            x = WIDTH - MARGIN - sum(w for *_, w in pieces) if self.lang.rtl else MARGIN
            for text, family, kwargs, w in pieces:
                placed.append(Piece(text, _font_file(family, self.bold), x, y, fill, kwargs["direction"], kwargs["language"], self.size, self.bold))
                x += w
        return placed


def layout(preview: Preview) -> list[Piece]:
    """Every run of text the image shows, with its font file and place."""
    lang, text_lang = preview.lang, preview.page_lang
    text_width = WIDTH - 2 * MARGIN
    pieces: list[Piece] = []

    band = _Writer(lang, 34, bold=True)
    pieces += band.place(band.wrap(preview.site_name, text_width, 1)[0], BAND / 2 + 13, PAPER)

    title = _Writer(text_lang, 64, bold=True)
    title_lines = title.wrap(preview.title, text_width, 3)
    leading = 1.45 if text_lang.rtl else 1.25  # Arabic script needs room above and below
    y = BAND + 40 + 64 * leading * 0.85
    for line in title_lines:
        pieces += title.place(line, y, INK)
        y += 64 * leading

    body = _Writer(text_lang, 32, bold=False)
    space = int((HEIGHT - 84 - y) // (32 * leading))
    y += 12
    for line in body.wrap(preview.description, text_width, max(0, min(3, space))):
        pieces += body.place(line, y, MUTED)
        y += 32 * leading

    footer = _Writer(lang, 28, bold=True)
    pieces += footer.place(preview.address, HEIGHT - 40, BRAND, whole_ltr=True)
    return pieces


def draw(preview: Preview):
    """The image, as a Pillow image."""
    from PIL import Image, ImageDraw

    image = Image.new("RGB", (WIDTH, HEIGHT), PAPER)
    pen = ImageDraw.Draw(image)
    pen.rectangle((0, 0, WIDTH, BAND), fill=BRAND)
    pen.rectangle((0, HEIGHT - 12, WIDTH, HEIGHT), fill=BRAND)
    for piece in layout(preview):
        font = _truetype(piece.font_file, piece.size)
        pen.text((piece.x, piece.y), piece.text, font=font, fill=piece.fill, anchor="ls",
                 direction=piece.direction, language=piece.language)
    return image


def save(image, target: Path) -> None:
    """A PNG of at most 64 colours (the image has three inks on white and their anti-aliased
    edges): about 19 KB instead of 50 KB for a person who opens a shared link on a data plan,
    in a fifth of the time of an optimised full-colour PNG (measured: 10 ms instead of 53 ms;
    the colours differ by at most 14 of 255 at the edges of letters)."""
    from PIL import Image

    image.quantize(64, method=Image.Quantize.FASTOCTREE).save(target, format="PNG", compress_level=6)


def render(preview: Preview, cache_dir: Path) -> Path:
    """The cached PNG of a preview, drawn if missing."""
    target = cache_dir / f"{preview.key()}.png"
    if not target.is_file():
        cache_dir.mkdir(parents=True, exist_ok=True)
        partial = target.with_name(f".{target.stem}.{os.getpid()}.png")
        save(draw(preview), partial)
        partial.replace(target)
    return target


def _render_job(job: tuple[Preview, str]) -> None:
    render(job[0], Path(job[1]))


def render_all(wanted: list[Preview], cache_dir: Path) -> int:
    """Draws the images not in the cache yet, on every core; returns how many it drew."""
    missing = [p for _, p in sorted({p.key(): p for p in wanted if not (cache_dir / f"{p.key()}.png").is_file()}.items())]
    if len(missing) == 1:  # not worth starting workers
        render(missing[0], cache_dir)
    elif missing:
        with worker_pool(min(os.cpu_count() or 1, len(missing))) as pool:
            list(pool.map(_render_job, [(p, str(cache_dir)) for p in missing], chunksize=8))
    return len(missing)
