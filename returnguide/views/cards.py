"""What both outputs (site pages and leaflets) show beside a page's text, computed from the
model for one language: dates, contact cards, opening hours. Templates render these plain
dicts; they decide nothing themselves.
"""

from __future__ import annotations

import datetime as dt
import html
import re
from functools import lru_cache
from pathlib import PurePosixPath

import markdown
from babel.dates import format_date, get_day_names

from ..model import values
from ..model.content import ContentModel
from ..model.languages import DEFAULT_LANGUAGE, LANGUAGES, Language
from ..model.organisations import Name
from ..model.pages import Page
from ..model.urls import page_url


def localised_date(date: dt.date, lang: Language) -> str:
    return lang.localise_digits(format_date(date, format="long", locale=lang.babel_locale))


def contact_card(model: ContentModel, location: Page) -> dict:
    meta = location.meta
    hours = meta.opening_hours
    return {
        "url": page_url(location.rel_path, location.lang),
        "kind": meta.kind,
        "state": meta.state,
        "id": PurePosixPath(location.rel_path).stem,
        "title": meta.title,
        # the operator's name in the reader's language (German beside it where that is no official name)
        "operator": operator_name(model, meta.operator, location.lang),
        # Language-neutral facts are written in the source language.
        "facts_lang": LANGUAGES[DEFAULT_LANGUAGE],
        "phone": meta.phone,
        "email": meta.email,
        "address": meta.address,
        "appointment_only": bool(hours and hours.appointment_only),
        "temporarily_closed": bool(hours and hours.temporarily_closed),
        "draft": location.is_draft,
        "website": meta.url,  # the organisation's public page (shown where no contact data is confirmed)
    }


def operator_name(model: ContentModel, organisation_id: str, lang_code: str) -> Name:
    """An organisation's name for a reader (unknown ids, which `make check` reports, show as written)."""
    org = model.organisations.get(organisation_id)
    return org.name(lang_code) if org else Name(organisation_id, DEFAULT_LANGUAGE)


def reachable_card(model: ContentModel, location: Page, lang_code: str) -> dict:
    """A contact card; a location without its own phone shows the one it is reached through."""
    card = contact_card(model, location)
    via_id = location.meta.contact_via
    via = model.location(via_id, lang_code) if via_id else None
    if via is not None and not card["phone"] and not card["email"]:
        card["via"] = contact_card(model, via)
        card["phone"], card["email"] = via.meta.phone, via.meta.email
    return card


def opening_hours(hours: values.OpeningHours | None, lang: Language) -> list[dict]:
    """Weekdays with their times, in the reader's language."""
    if not hours:
        return []
    names = get_day_names("wide", locale=lang.babel_locale)
    return [
        {"day": names[i], "times": [lang.localise_digits(t) for t in hours.day(day)]}
        for i, day in enumerate(values.WEEKDAYS) if hours.day(day)
    ]


@lru_cache(maxsize=4096)
def plain_text(markdown_text: str) -> str:
    """Markdown as plain text (for structured data). Remembered: the same location texts are
    given to every page and language that shows their card."""
    text = re.sub(r"<[^>]+>", " ", markdown.markdown(markdown_text, extensions=["attr_list"]))
    return re.sub(r"\s+", " ", html.unescape(text)).strip()

