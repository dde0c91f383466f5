"""schema.org structured data (JSON-LD) from the same views the pages show: a location, an
event, a page of questions and answers, the organisation behind the site."""

from __future__ import annotations

from ..model import labels, routing
from ..model.content import ContentModel
from ..model.languages import LANGUAGES, Language
from ..model.pages import Page
from ..model.urls import (
    absolute,
    page_url,
)
from ..views.cards import operator_name, plain_text


def location_jsonld(location: Page, card: dict, state, site_url: str) -> dict:
    """schema.org data for a counselling location."""
    meta = location.meta
    data = {
        "@context": "https://schema.org",
        "@type": "GovernmentService" if meta.kind in ("office", routing.AUTHORITY) else "Service",
        "name": meta.title,
        "description": meta.description,
        "url": site_url.rstrip("/") + "/" + page_url(location.rel_path, location.lang) if site_url else None,
        "provider": {"@type": "Organization", "name": card["operator"].text},
        "areaServed": state.name if state else None,
        "availableChannel": {
            "@type": "ServiceChannel",
            "servicePhone": {"@type": "ContactPoint", "telephone": card["phone"].e164} if card.get("phone") else None,
            "serviceLocation": {
                "@type": "Place",
                "address": {"@type": "PostalAddress", "streetAddress": meta.address.street, "postalCode": meta.address.postal_code, "addressLocality": meta.address.city, "addressCountry": "DE"} if meta.address else None,
                "geo": {"@type": "GeoCoordinates", "latitude": meta.geo.lat, "longitude": meta.geo.lon} if meta.geo else None,
            },
        },
    }
    if card.get("email"):
        data["provider"]["email"] = card["email"]
    return _drop_empty(data)


def _drop_empty(value):
    if isinstance(value, dict):
        cleaned = {k: _drop_empty(v) for k, v in value.items()}
        return {k: v for k, v in cleaned.items() if v not in (None, {}, [])}
    return value


def event_jsonld(event: dict, page: Page, site_url: str) -> dict:
    """schema.org Event, from the same view the page shows."""
    place = page.meta.place
    location = []
    if not place.online or place.city:
        location.append({"@type": "Place", "name": place.name or place.city,
                         "address": {"@type": "PostalAddress", "streetAddress": place.street,
                                     "postalCode": place.postal_code, "addressLocality": place.city,
                                     "addressCountry": "DE"}})
    if place.online:
        location.append({"@type": "VirtualLocation", "url": place.url})
    mode = ("MixedEventAttendanceMode" if len(location) == 2 else
            "OnlineEventAttendanceMode" if place.online else "OfflineEventAttendanceMode")
    who = event["organiser"]
    return _drop_empty({
        "@context": "https://schema.org",
        "@type": "Event",
        "name": event["title"],
        "description": event["description"],
        "startDate": event["start_iso"],
        "endDate": event["end_iso"],
        "eventStatus": "https://schema.org/EventCancelled" if event["status"] == "cancelled" else "https://schema.org/EventScheduled",
        "eventAttendanceMode": f"https://schema.org/{mode}",
        "location": location[0] if len(location) == 1 else location,
        "organizer": {"@type": "Organization", "name": who["operator"].text,
                      "url": absolute(site_url, who["page"]) if who.get("page") else who.get("url")},
        "audience": [{"@type": "Audience", "audienceType": a} for a in event["audience"]],
        "inLanguage": page.meta.languages,
        "url": absolute(site_url, event["url"]),
    })


def faq_jsonld(page: Page) -> dict:
    """schema.org FAQPage: each second-level heading is a question, its section the answer."""
    questions = []
    for heading in page.headings:
        if heading.level == 2 and heading.id:
            answer = page.section(heading.id).split("\n", 1)[1]
            questions.append({"@type": "Question", "name": heading.text,
                              "acceptedAnswer": {"@type": "Answer", "text": plain_text(answer)}})
    return {"@context": "https://schema.org", "@type": "FAQPage", "inLanguage": LANGUAGES[page.lang].tag,
            "mainEntity": questions}


def organisation_jsonld(model: ContentModel, lang: Language, site_url: str, site_name: str) -> dict:
    """schema.org for the site and the organisations that counsel, with the ways to reach them,
    taken from the locations' records (nothing here is written by hand)."""
    organisations: dict[str, dict] = {}
    for location in (model.location(i, lang.code) for i in sorted(model.locations())):
        if location is None or routing.is_authority(location):
            continue  # an authority is not one of the organisations that counsel
        meta = location.meta
        name = operator_name(model, meta.operator, lang.code).text
        org = organisations.setdefault(meta.operator, {"@type": "Organization", "name": name, "contactPoint": []})
        if meta.phone or meta.email:
            org["contactPoint"].append(_drop_empty({
                "@type": "ContactPoint", "name": meta.title, "contactType": labels.say(lang, labels.KINDS, meta.kind),
                "telephone": meta.phone.e164 if meta.phone else None, "email": meta.email,
                "areaServed": meta.state, "url": absolute(site_url, page_url(location.rel_path, lang.code)),
            }))
    return {"@context": "https://schema.org", "@graph": [
        {"@type": "WebSite", "name": site_name, "url": absolute(site_url, page_url("index.md", lang.code)), "inLanguage": lang.tag},
        *(_drop_empty(org) for org in organisations.values()),
    ]}
