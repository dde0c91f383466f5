"""What the build adds for people who share the site: a preview image and a QR code beside
every page in every language, QR codes (SVG for print, PNG for screens) for every campaign
short link, and sitemap.xml (with every language's alternates) and robots.txt; and the share
data each page shows (preview tags, share links, its QR code) and the staff's campaign kit.

File places come from model/urls.py (preview_path, qr_path).
"""

from __future__ import annotations

import shutil
from pathlib import Path
from urllib.parse import quote, urlencode

import jinja2

from ..model.content import ContentModel
from ..model.languages import LANGUAGES, Language
from ..model.urls import absolute, alternates, display_address, page_url, preview_path, qr_path
from ..views.qr import qr_code
from . import finder, previews


def write(site_dir: Path, model: ContentModel, site_url: str, site_names: dict[str, str], cache_dir: Path,
          qr_cache: Path, template_dirs: list[str], log=print) -> None:
    shown: list[tuple[previews.Preview, Path]] = []  # each image and where the site shows it
    for source in model.sources():
        for code in source.languages:
            url = absolute(site_url, page_url(source.rel_path, code))
            shown.append((preview_of(model, source.rel_path, code, site_url, site_names), site_dir / preview_path(source.rel_path, code)))
            (site_dir / qr_path(source.rel_path, code)).write_bytes(qr_code(url, "svg", qr_cache, scale=4, border=4, xmldecl=False))
    # The finder's postcode pages are shared too (a counsellor sends "your postcode's page"): the
    # same preview, drawn from their title and description.
    for code, lang in LANGUAGES.items():
        for page in finder.pages(model, code):
            path = page.paths[code]
            preview = previews.Preview(lang, site_names[code], page.title, page.description, display_address(absolute(site_url, path)))
            shown.append((preview, site_dir / path / "preview.png"))
    drawn = previews.render_all([preview for preview, _ in shown], cache_dir)
    for preview, target in shown:
        shutil.copyfile(previews.render(preview, cache_dir), target)
    used = {f"{preview.key()}.png" for preview, _ in shown}
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
    return previews.Preview(LANGUAGES[code], site_names[code], page.meta.title, page.meta.description,
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
            entries.append({"loc": url(page_url(source.rel_path, code)), "lastmod": page.meta.updated.isoformat(), "alternates": links})
    env = jinja2.Environment(loader=jinja2.FileSystemLoader(template_dirs), autoescape=True, keep_trailing_newline=True)
    return env.get_template("rg-sitemap.xml").render(entries=entries)


# ---------------------------------------------------------------- what a page shows for sharing


SHARE_SERVICES = (  # plain links; nothing is loaded from these services before a tap
    ("WhatsApp", "https://wa.me/?{}", lambda title, url: {"text": f"{title} {url}"}),
    ("Telegram", "https://t.me/share/url?{}", lambda title, url: {"url": url, "text": title}),
    ("Facebook", "https://www.facebook.com/sharer/sharer.php?{}", lambda title, url: {"u": url}),
)


def share_view(model: ContentModel, lang_code: str, rel_path: str, site_url: str) -> dict | None:
    """Preview tags (Open Graph, Twitter card), share links and the page's QR code."""
    page, _ = model.resolve(lang_code, rel_path)
    if page is None:
        return None
    return share_data(LANGUAGES[lang_code], page_url(rel_path, lang_code), page.meta.title, page.meta.description,
                  page.languages, site_url)


def share_data(lang: Language, path: str, title: str, description: str, languages, site_url: str) -> dict:
    """The share data of any page the site serves, at site path `path` (its preview image beside it)."""
    url = absolute(site_url, path)
    return {
        "url": url,
        "title": title,
        "description": description,
        "locale": lang.og_locale,
        "locale_alternates": [other.og_locale for other in LANGUAGES.values() if other.code != lang.code and other.code in languages],
        "image": absolute(site_url, path + "preview.png"),
        "image_alt": lang.t("Vorschau: {title}", title=title),
        "links": [{"name": name, "href": pattern.format(urlencode(params(title, url), quote_via=quote)),
                   "label": lang.t("Über {service} teilen", service=name)} for name, pattern, params in SHARE_SERVICES],
        "qr": "qr.svg",
        "qr_alt": lang.t("QR-Code mit der Adresse {url}", url=display_address(url)),
    }


def campaign_kit_view(model: ContentModel, site_url: str) -> list[dict]:
    """Every campaign short link, for the staff's kit: address, target, QR codes, preview."""
    kit = []
    for c in model.campaigns:
        page, _ = model.resolve(c.lang, c.page)
        short = absolute(site_url, f"go/{c.slug}/")
        kit.append({
            "slug": c.slug,
            "short_url": short,
            "display": display_address(short),
            "title": page.meta.title if page else c.page,
            "target": page_url(c.page, c.lang),
            "lang": LANGUAGES[c.lang],
            "params": ", ".join(f"{k}={v}" for k, v in c.params),
            "qr_svg": f"go/{c.slug}/qr.svg",
            "qr_png": f"go/{c.slug}/qr.png",
            "preview": preview_path(c.page, c.lang),
        })
    return kit
