"""What the build adds for people who share the site: a preview image and a QR code beside
every page in every language, QR codes (SVG for print, PNG for screens) for every campaign
short link, and sitemap.xml (with every language's alternates) and robots.txt.

File places come from model/urls.py (preview_path, qr_path); site/page_views.py writes the tags
that point at them.
"""

from __future__ import annotations

import shutil
from pathlib import Path
from urllib.parse import quote

import jinja2

from ..model.content import ContentModel
from ..model.languages import LANGUAGES
from ..model.urls import absolute, alternates, display_address, page_url, preview_path, qr_path
from ..views.qr import qr_code
from . import finder, previews


def write(site_dir: Path, model: ContentModel, site_url: str, site_names: dict[str, str], cache_dir: Path,
          qr_cache: Path, template_dirs: list[str], log=print) -> None:
    drawn = 0
    used = set()
    for source in model.sources():
        for code in source.languages:
            url = absolute(site_url, page_url(source.rel_path, code))
            preview = preview_of(model, source.rel_path, code, site_url, site_names)
            cached = cache_dir / f"{preview.key()}.png"
            drawn += not cached.is_file()
            shutil.copyfile(previews.render(preview, cache_dir), site_dir / preview_path(source.rel_path, code))
            used.add(cached.name)
            (site_dir / qr_path(source.rel_path, code)).write_bytes(qr_code(url, "svg", qr_cache, scale=4, border=4, xmldecl=False))
    # The finder's postcode pages are shared too (a counsellor sends "your postcode's page"): the
    # same preview, drawn from their title and description.
    for code, lang in LANGUAGES.items():
        for page in finder.pages(model, code):
            path = page.paths[code]
            preview = previews.Preview(lang, site_names[code], page.title, page.description, display_address(absolute(site_url, path)))
            drawn += not (cache_dir / f"{preview.key()}.png").is_file()
            shutil.copyfile(previews.render(preview, cache_dir), site_dir / path / "preview.png")
            used.add(f"{preview.key()}.png")
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

    (site_dir / "sitemap.xml").write_text(sitemap(model, site_url, template_dirs), encoding="utf-8")
    (site_dir / "sitemap.xml.gz").unlink(missing_ok=True)  # MkDocs' own, without our languages
    (site_dir / "robots.txt").write_text(f"User-agent: *\nAllow: /\n\nSitemap: {absolute(site_url, 'sitemap.xml')}\n", encoding="utf-8")


def preview_of(model: ContentModel, rel_path: str, code: str, site_url: str, site_names: dict[str, str]) -> previews.Preview:
    """What the preview image of a page in one language shows: the site's name in the reader's
    language, the page's title and description in the page's (German where not yet translated)."""
    page, _ = model.resolve(code, rel_path)
    url = absolute(site_url, page_url(rel_path, code))
    return previews.Preview(LANGUAGES[code], site_names[code], page.meta["title"], page.meta["description"],
                            display_address(url), text_lang=LANGUAGES[page.lang] if page.lang != code else None)


def sitemap(model: ContentModel, site_url: str, template_dirs: list[str]) -> str:
    """Every page in every language with its alternates (overrides/rg-sitemap.xml); addresses are
    percent-encoded, so a page file with capitals or umlauts still gives a valid <loc>."""
    def url(path: str) -> str:
        return absolute(site_url, quote(path))

    entries = []
    for source in sorted(model.sources(), key=lambda p: p.rel_path):
        links = [{"hreflang": a["hreflang"], "href": url(a["path"])} for a in alternates(source.rel_path, source.languages)]
        for code in source.languages:
            page, _ = model.resolve(code, source.rel_path)
            entries.append({"loc": url(page_url(source.rel_path, code)), "lastmod": page.meta["updated"].isoformat(), "alternates": links})
    env = jinja2.Environment(loader=jinja2.FileSystemLoader(template_dirs), autoescape=True, keep_trailing_newline=True)
    return env.get_template("rg-sitemap.xml").render(entries=entries)
