"""What the build adds for people who share the site: a preview image and a QR code beside
every page in every language, QR codes (SVG for print, PNG for screens) for every campaign
short link, and sitemap.xml (with every language's alternates) and robots.txt.

File places come from presentation (preview_path, qr_path), which also writes the tags
that point at them.
"""

from __future__ import annotations

import shutil
from pathlib import Path
from xml.sax.saxutils import escape, quoteattr

from ..model.content import ContentModel
from ..model.languages import LANGUAGES
from ..model.urls import absolute, alternates, display_address, page_url, preview_path, qr_path
from ..views.qr import qr_code
from . import previews


def write(site_dir: Path, model: ContentModel, site_url: str, site_names: dict[str, str], cache_dir: Path,
          qr_cache: Path, log=print) -> None:
    drawn = 0
    used = set()
    for source in model.sources():
        for code in LANGUAGES:
            page, _ = model.resolve(code, source.rel_path)
            url = absolute(site_url, page_url(source.rel_path, code))
            preview = previews.Preview(LANGUAGES[page.lang], site_names[page.lang], page.meta["title"],
                                       page.meta["description"], display_address(url))
            cached = cache_dir / f"{preview.key()}.png"
            drawn += not cached.is_file()
            shutil.copyfile(previews.render(preview, cache_dir), site_dir / preview_path(source.rel_path, code))
            used.add(cached.name)
            (site_dir / qr_path(source.rel_path, code)).write_bytes(qr_code(url, "svg", qr_cache, scale=4, border=4, xmldecl=False))
    for stale in cache_dir.glob("*.png"):  # forget images no page shows any more
        if stale.name not in used:
            stale.unlink()
    log(f"previews: {drawn} drawn, {len(used) - drawn} unchanged")

    for campaign in model.campaigns:
        short = absolute(site_url, f"go/{campaign.slug}/")
        folder = site_dir / "go" / campaign.slug
        folder.mkdir(parents=True, exist_ok=True)
        (folder / "qr.svg").write_bytes(qr_code(short, "svg", qr_cache, scale=10, border=4, xmldecl=False))
        (folder / "qr.png").write_bytes(qr_code(short, "png", qr_cache, scale=20, border=4))

    (site_dir / "sitemap.xml").write_text(sitemap(model, site_url), encoding="utf-8")
    (site_dir / "sitemap.xml.gz").unlink(missing_ok=True)  # MkDocs' own, without our languages
    (site_dir / "robots.txt").write_text(f"User-agent: *\nAllow: /\n\nSitemap: {absolute(site_url, 'sitemap.xml')}\n", encoding="utf-8")


def sitemap(model: ContentModel, site_url: str) -> str:
    """Every page in every language, each with all its alternates and x-default; lastmod
    is the date that language's text last changed."""
    lines = ['<?xml version="1.0" encoding="UTF-8"?>',
             '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" xmlns:xhtml="http://www.w3.org/1999/xhtml">']
    for source in sorted(model.sources(), key=lambda p: p.rel_path):
        links = "".join(f'\n    <xhtml:link rel="alternate" hreflang="{a["hreflang"]}" href={quoteattr(absolute(site_url, a["path"]))}/>'
                        for a in alternates(source.rel_path))
        for code in LANGUAGES:
            page, _ = model.resolve(code, source.rel_path)
            lines.append(f"  <url>\n    <loc>{escape(absolute(site_url, page_url(source.rel_path, code)))}</loc>\n"
                         f"    <lastmod>{page.meta['updated'].isoformat()}</lastmod>{links}\n  </url>")
    lines.append("</urlset>")
    return "\n".join(lines) + "\n"
