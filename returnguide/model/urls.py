"""The URL scheme: where each page, preview image and QR code of each language lives."""

from __future__ import annotations

from pathlib import PurePosixPath

from .languages import DEFAULT_LANGUAGE, LANGUAGES


def page_url(rel_path: str, lang: str) -> str:
    """Site-relative URL of a page: index.md -> '', a/index.md -> 'a/', a/b.md -> 'a/b/'."""
    path = PurePosixPath(rel_path)
    parts = list(path.parent.parts) + ([] if path.stem == "index" else [path.stem])
    url = "".join(f"{p}/" for p in parts)
    return url if lang == DEFAULT_LANGUAGE else f"{lang}/{url}"


def alternates(rel_path: str, languages: list[str] | None = None) -> list[dict]:
    """The site-relative URL of the page in every language it is published in (default: all;
    missing translations fall back to German), plus x-default."""
    links = [{"hreflang": lang.tag, "path": page_url(rel_path, lang.code)} for lang in LANGUAGES.values()
             if languages is None or lang.code in languages]
    links.append({"hreflang": "x-default", "path": page_url(rel_path, DEFAULT_LANGUAGE)})
    return links


def calendar_path(rel_path: str, lang_code: str) -> str:
    """Where an event's iCalendar file lives: beside its page (`en/events/x.md` -> `en/events/x.ics`)."""
    return page_url(rel_path, lang_code).rstrip("/") + ".ics"


def feed_path(lang_code: str) -> str:
    """The iCalendar feed of all events of one language (`events/events.ics`, `en/events/events.ics`)."""
    return page_url("events/index.md", lang_code) + "events.ics"


def absolute(site_url: str, path: str) -> str:
    """A site path ("fa/countries/sy/") as a full address on the public site."""
    return site_url.rstrip("/") + "/" + path


def display_address(url: str) -> str:
    """An address as people read it, without the scheme: "rueckkehrberatung.example/fa/"."""
    return url.split("://", 1)[-1]


def preview_path(rel_path: str, lang_code: str) -> str:
    """Where a page's share-preview image lives: beside the page (`fa/countries/sy/preview.png`)."""
    return page_url(rel_path, lang_code) + "preview.png"


def qr_path(rel_path: str, lang_code: str) -> str:
    """Where a page's QR code lives: beside the page (`fa/countries/sy/qr.svg`)."""
    return page_url(rel_path, lang_code) + "qr.svg"


# The pages a reader gets to keep for offline reading, in their language, once they opened
# the site: home, what counselling is, the return programme, the directory.
CORE_PAGES = ("index.md", "return-counselling.md", "programmes/reag-garp.md", "locations/index.md")


# The finder's pages for readers without JavaScript: a landing page (where its form leads) and
# one page per postcode area (the first two digits), in every language.
POSTCODE_PAGES = "locations/postcodes"
# The finder's lookup index, one for the whole site (written by returnguide/site/finder.py).
PLACES_INDEX = "search/places.json"


def postcode_page(lang: str, area: str | None = None) -> str:
    """Site-relative URL of the postcode landing page, or of one area's page ("fa/locations/postcodes/54/")."""
    return page_url(f"{POSTCODE_PAGES}/{area}/index.md" if area else f"{POSTCODE_PAGES}/index.md", lang)
