"""What a page shows beside its text, computed from the model for one language:
the "As of" line, the fallback and draft notices, contact cards, hreflang alternates.
Templates (site and leaflets) render these plain dicts; they decide nothing themselves.
"""

from __future__ import annotations

import datetime as dt
from pathlib import PurePosixPath

from babel.dates import format_date

from .checks import is_outdated
from .content import ContentModel, Page
from .languages import DEFAULT_LANGUAGE, LANGUAGES, Language


def localised_date(date: dt.date, lang: Language) -> str:
    return lang.localise_digits(format_date(date, format="long", locale=lang.babel_locale))


def page_url(rel_path: str, lang: str) -> str:
    """Site-relative URL of a page: index.md -> '', a/index.md -> 'a/', a/b.md -> 'a/b/'."""
    path = PurePosixPath(rel_path)
    parts = list(path.parent.parts) + ([] if path.stem == "index" else [path.stem])
    url = "".join(f"{p}/" for p in parts)
    return url if lang == DEFAULT_LANGUAGE else f"{lang}/{url}"


def alternates(rel_path: str) -> list[dict]:
    """Every language's site-relative URL of the page (all exist: missing translations
    fall back), plus x-default."""
    links = [{"hreflang": lang.tag, "path": page_url(rel_path, lang.code)} for lang in LANGUAGES.values()]
    links.append({"hreflang": "x-default", "path": page_url(rel_path, DEFAULT_LANGUAGE)})
    return links


def contact_card(location: Page) -> dict:
    meta = location.meta
    hours = meta.get("opening_hours") or {}
    return {
        "id": PurePosixPath(location.rel_path).stem,
        "title": meta["title"],
        "operator": meta["operator"],
        # Language-neutral facts are written in the source language.
        "facts_lang": LANGUAGES[DEFAULT_LANGUAGE],
        "phone": meta.get("phone"),
        "email": meta.get("email"),
        "address": meta.get("address"),
        "appointment_only": bool(hours.get("appointment_only")),
        "temporarily_closed": bool(hours.get("temporarily_closed")),
        "draft": location.is_draft,
    }


def page_view(model: ContentModel, lang_code: str, rel_path: str) -> dict:
    """Everything our templates add to one page in one language."""
    lang = LANGUAGES[lang_code]
    page, fallback = model.resolve(lang_code, rel_path)
    if page is None:
        return {}
    meta = page.meta
    reviewed = meta.get("last_reviewed")
    source = model.page(DEFAULT_LANGUAGE, rel_path)
    outdated = not fallback and lang_code != DEFAULT_LANGUAGE and source is not None and is_outdated(page, source)
    contacts = []
    for location_id in meta.get("contacts") or []:
        location = model.location(location_id, lang_code)
        if location is not None:
            contacts.append(contact_card(location))
    return {
        "lang": lang,
        "strings": lang.strings,
        "fallback": fallback,
        "fallback_lang": LANGUAGES[DEFAULT_LANGUAGE] if fallback else None,
        "outdated": outdated,
        "draft": page.is_draft,
        "as_of": {"iso": reviewed.isoformat(), "text": lang.t("as_of", date=localised_date(reviewed, lang))} if reviewed else None,
        "sources": meta.get("sources") or [],
        "contacts": contacts,
        "alternates": alternates(rel_path),
        "type": page.type,
    }
