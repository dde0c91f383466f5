"""iCalendar (RFC 5545) for the events: one feed per language (`events/events.ics`) with every
event, past and cancelled ones included, and one file per event beside its page.

Written with the `icalendar` package (CRLF line ends, lines folded at 75 octets, escaping).
Reproducible: UIDs come from the event's id, DTSTAMP and LAST-MODIFIED from its `updated`
date, the VTIMEZONE from the zone data for the years the events need, never from the clock.
"""

from __future__ import annotations

import datetime as dt
import uuid
from pathlib import Path

from icalendar import Calendar, Event, vCalAddress, vText

from ..model.characters import require_safe, require_safe_lines
from ..model.content import ContentModel
from ..model.languages import LANGUAGES
from ..model.pages import Page
from ..model.urls import absolute, calendar_path, feed_path, page_url
from ..views.events import organiser, place_lines

# The namespace of the events' UIDs: the same event has the same UID in every language and build.
UID_NAMESPACE = uuid.uuid5(uuid.NAMESPACE_URL, "urn:returnguide:events")
STATUS = {"planned": "CONFIRMED", "full": "CONFIRMED", "cancelled": "CANCELLED"}


def uid(event: Page) -> str:
    return f"{uuid.uuid5(UID_NAMESPACE, event.slug)}@returnguide"


def _midnight_utc(day: dt.date) -> dt.datetime:
    return dt.datetime.combine(day, dt.time(0), tzinfo=dt.timezone.utc)


def vevent(model: ContentModel, event: Page, lang_code: str, site_url: str) -> Event:
    lang, meta = LANGUAGES[lang_code], event.meta
    # RFC 5545 allows no control character in a text: a bare carriage return would start a new
    # property (ATTACH:, URL:, an alarm) in the reader's calendar. make check refuses them first.
    for name in ("title", "description", "event_note", "place"):
        require_safe(getattr(meta, name) or "", event.display_path, event.line_of(name), name, newline=name in ("description", "event_note"))
    item = Event()
    item.add("uid", uid(event))
    item.add("dtstamp", _midnight_utc(meta.updated))
    item.add("last-modified", _midnight_utc(meta.updated))
    start, end = meta.start, meta.end
    item.add("dtstart", start)
    # An all-day event's DTEND is the day after its last day (RFC 5545, 3.6.1).
    item.add("dtend", end if isinstance(end, dt.datetime) else end + dt.timedelta(days=1))
    status = meta.event_status or "planned"
    item.add("status", "TENTATIVE" if event.is_draft and status != "cancelled" else STATUS[status])
    item.add("summary", meta.title)
    notes = [meta.event_note, meta.description]
    if event.is_draft:
        notes.insert(0, lang.t("Entwurf: Diese Angaben sind noch nicht bestätigt."))
    url = absolute(site_url, page_url(event.rel_path, lang_code))
    item.add("description", "\n\n".join([n for n in notes if n] + [url]))
    place = meta.place
    item.add("location", ", ".join(place_lines(place)) or place.url or lang.t("Online"))
    item.add("url", url)
    who = organiser(model, meta.organiser, lang_code)
    if who.get("email"):
        address = vCalAddress(f"mailto:{who['email']}")
        address.params["cn"] = vText(who["operator"].text)
        item.add("organizer", address)
    # What the library wrote: CRLF at the line ends only.
    require_safe_lines(item.to_ical().decode("utf-8"), event.display_path, 1, "its calendar entry")
    return item


def calendar(model: ContentModel, events: list[Page], lang_code: str, site_url: str, name: str) -> bytes:
    cal = Calendar()
    cal.add("prodid", "-//returnguide//events//DE")
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("method", "PUBLISH")
    cal.add("x-wr-calname", name)
    cal.add("x-wr-timezone", "Europe/Berlin")
    for event in events:
        cal.add_component(vevent(model, event, lang_code, site_url))
    cal.add_missing_timezones()  # a VTIMEZONE for each TZID the events use
    return cal.to_ical()


def write(site_dir: Path, model: ContentModel, site_url: str, names: dict[str, str]) -> None:
    """The feed of every language that has events, and one file per event."""
    for code in LANGUAGES:
        events = model.events(code)
        if not events:
            continue
        name = f"{names[code]}: {LANGUAGES[code].t('Veranstaltungen')}"
        feed = site_dir / feed_path(code)
        feed.parent.mkdir(parents=True, exist_ok=True)
        feed.write_bytes(calendar(model, events, code, site_url, name))
        for event in events:
            (site_dir / calendar_path(event.rel_path, code)).write_bytes(calendar(model, [event], code, site_url, event.meta.title))
