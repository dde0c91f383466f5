"""What an event shows, on its page, in lists and on its poster: dates, place, audience,
organiser, registration and status in the reader's language. Facts come from the event's
German record (language-neutral); nothing here is written by hand."""

from __future__ import annotations

import datetime as dt

from babel.dates import format_interval, format_time

from ..model import labels, values
from ..model.content import ContentModel
from ..model.pages import Page, event_day, is_upcoming
from ..model.urls import calendar_path, page_url
from .cards import localised_date, operator_name


def when(start, end, lang) -> str:
    """"4.–5. Juli 2024", "12. März 2025, 10:00–16:00" in the reader's language (times as in Germany)."""
    if isinstance(start, dt.datetime):
        def hm(t):
            return format_time(t, "HH:mm", locale=lang.babel_locale)
        if start.date() == end.date():
            text = f"{localised_date(start.date(), lang)}, {hm(start)}–{hm(end)}"
        else:
            text = f"{localised_date(start.date(), lang)}, {hm(start)} – {localised_date(end.date(), lang)}, {hm(end)}"
    else:
        text = format_interval(start, end, "yMMMMd", locale=lang.babel_locale) if end != start else localised_date(start, lang)
    return lang.localise_digits(text)


def organiser(model: ContentModel, organiser_id: str, lang_code: str) -> dict:
    """The organiser's name and where to learn more (its location page, or its own site)."""
    location = model.location(organiser_id, lang_code)
    if location is not None:
        return {"name": location.meta.title, "name_tag": location.lang, "name_de": None, "operator": operator_name(model, location.meta.operator, lang_code),
                "page": page_url(location.rel_path, lang_code), "email": location.meta.email}
    name = operator_name(model, organiser_id, lang_code)
    return {"name": name.text, "name_tag": name.tag, "name_de": name.german, "operator": name, "url": model.organisations[organiser_id].url, "email": None}


def place_lines(place: values.EventPlace) -> list[str]:
    lines = [place.name]
    if place.street:
        lines.append(place.street)
    if place.city:
        lines.append(" ".join(p for p in (place.postal_code, place.city) if p))
    return [line for line in lines if line]


def event_view(model: ContentModel, event: Page, lang, today: dt.date) -> dict:
    meta = event.meta
    start, end = meta.start, meta.end
    registration = meta.registration
    status = meta.event_status or "planned"
    place = meta.place
    return {
        "title": meta.title,
        "description": meta.description,
        "url": page_url(event.rel_path, lang.code),
        "ics": calendar_path(event.rel_path, lang.code),
        "when": when(start, end, lang),
        "start_iso": start.isoformat(),
        "end_iso": end.isoformat(),
        "upcoming": is_upcoming(event, today),
        "place": place_lines(place),
        "online": bool(place.online),
        "online_url": place.url,
        "audience": [labels.say(lang, labels.AUDIENCES, a) for a in meta.audience],
        "languages": [lang.name_of(c) for c in meta.languages],
        "organiser": organiser(model, meta.organiser, lang.code),
        "registration": {
            "email": registration.email,
            "url": registration.url,
            "deadline": localised_date(registration.deadline, lang) if registration.deadline else None,
            "deadline_iso": registration.deadline.isoformat() if registration.deadline else None,
        } if registration else None,
        "status": status,
        "status_label": labels.say(lang, labels.EVENT_STATUS, status),
        "note": meta.event_note,
        "draft": event.is_draft,
        "day": event_day(start).isoformat(),
    }


def event_lists(model: ContentModel, lang, today: dt.date) -> dict:
    """Upcoming events (soonest first) and the archive (latest first), by the build's date."""
    views = [event_view(model, e, lang, today) for e in model.events(lang.code)]
    return {"upcoming": [v for v in views if v["upcoming"]],
            "archive": sorted((v for v in views if not v["upcoming"]), key=lambda v: v["day"], reverse=True)}
