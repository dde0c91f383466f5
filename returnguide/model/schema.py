"""Front-matter schemas, one per content type, and `Front`, the typed record a page's front
matter becomes: which fields each type has, which are required, which are language-neutral
(`neutral=True`: written once, in the German source page, and inherited by its translations).
The values inside (sources, programme facts, addresses, …) are the records of model/values.py."""

from __future__ import annotations

import dataclasses
import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from .validators import Field, Phone, boolean, country, email, iso_date, language_code, list_of, one_of, page_path, phone, public_url, record, text
from .values import (
    Address,
    CountryList,
    EventPlace,
    Geo,
    OpeningHours,
    Programme,
    Registration,
    Source,
    TranslationRecord,
    country_lists,
    event_time,
    list_of_sources_min1,
    opening_hours,
    published_in,
    serves,
    sources,
)

# ---------------------------------------------------------------- content types

STATUS = one_of("published", "draft")
# What a location is. An `authority` (a state office, a foreigners' authority) is listed as what
# it is and never offered as independent counselling.
LOCATION_KINDS = ("reception-centre-office", "hotline", "mobile", "specialised-centre", "office", "authority")
CONTENT_TYPES = ("page", "programme", "country", "location", "event")
# Who an event is for (`audience:`); labels in labels.AUDIENCES.
AUDIENCES = ("authorities", "migration-services", "ngos", "public")
EVENT_STATUS = ("planned", "full", "cancelled")
# Pages for staff of authorities, migration services and NGOs are written in German and English.
STAFF_LANGUAGES = ["de", "en"]

COMMON: dict[str, Field] = {
    "type": Field(one_of(*CONTENT_TYPES), default="page"),
    "title": Field(text, required=True),
    "description": Field(text, required=True),
    # The date this language version's text was last changed; a translation whose
    # date is older than the German source's is reported as outdated.
    "updated": Field(iso_date, required=True),
    "status": Field(STATUS, default="published"),
    # Notes for editors and translators (what to check, doubts): never shown anywhere.
    "notes": Field(text),
    # Locations whose contact card the page shows (ids = file names under locations/). Written
    # once, in the German page: every translation shows the same cards.
    "contacts": Field(list_of(text), default=[], neutral=True),
    # What the page shows below its text: the counselling directory and finder, the leaflet
    # catalogue, the campaign kit for staff; `faq` marks questions (## headings) and answers.
    # `events` lists the upcoming events and the archive, `staff` the upcoming ones (landing page
    # for staff); `privacy` adds the button that deletes what the site saved on the device.
    "layout": Field(one_of("directory", "catalogue", "faq", "campaign-kit", "events", "staff", "privacy")),
    # Earlier paths of this page (e.g. programmes/reag.md): their addresses keep working in
    # every language, through redirects the build writes. Written once, in the German page.
    "aliases": Field(list_of(page_path), default=[], neutral=True),
    # The languages the page is published in (default: all). Pages for staff are German and
    # English only: other languages get no fallback copy, no navigation entry, no address.
    "published_in": Field(published_in, neutral=True),
    # How this language version was made (every translation; never the German source):
    # {by: machine-assisted | translator, reviewed: false | YYYY-MM-DD}.
    "translation": Field(record(TranslationRecord)),
}

REVIEWED = {
    "last_reviewed": Field(iso_date, required=True, neutral=True),
    "sources": Field(list_of_sources_min1, required=True, neutral=True),
}

SCHEMAS: dict[str, dict[str, Field]] = {
    "page": {
        **COMMON,
        "last_reviewed": Field(iso_date, neutral=True),
        "sources": Field(sources, neutral=True, default=[]),
    },
    "programme": {
        **COMMON, **REVIEWED,
        "country_lists": Field(country_lists, neutral=True),
        # The page explains a programme that pays for a departure (REAG/GARP, StarthilfePlus): it
        # must say what leaving costs a reader and what happens after approval (DEPARTURE_SECTIONS).
        "funds_departure": Field(boolean, neutral=True, default=False),
    },
    "country": {
        **COMMON,
        **REVIEWED,
        "country": Field(country, required=True, neutral=True),
        # What REAG/GARP, StarthilfePlus and EURP offer for this country, each fact with its source;
        # the template shows it (a published sheet needs it: checks/sources.py).
        "programme": Field(record(Programme), neutral=True),
    },
    "location": {
        **COMMON,
        # Who runs it: an organisation of materials/organisations.yml (names in every language).
        "operator": Field(text, required=True, neutral=True),
        "kind": Field(
            one_of(*LOCATION_KINDS),
            required=True,
            neutral=True,
        ),
        "state": Field(one_of("DE-RP", "DE-SH"), required=True, neutral=True),
        "address": Field(record(Address), neutral=True),
        "geo": Field(record(Geo), neutral=True),
        "phone": Field(phone, neutral=True),
        "email": Field(email, neutral=True),
        "opening_hours": Field(opening_hours, neutral=True),
        "languages": Field(list_of(language_code), neutral=True, default=[]),
        "step_free": Field(one_of("yes", "no", "unknown"), neutral=True, default="unknown"),
        "services": Field(
            list_of(one_of("return-counselling", "reintegration-counselling", "reag-garp-application", "referral", "virtual-counselling")),
            neutral=True,
            default=[],
        ),
        # The town it is in (a reception centre: "Hermeskeil"), as the postcode table writes it:
        # the finder lists it for the district or city around it and their neighbours.
        "town": Field(text, neutral=True),
        # The organisation's public page, where the record has no contact data of its own yet.
        "url": Field(public_url, neutral=True),
        # Where the location counsels: the whole state, or districts and cities as in
        # materials/regions.yml ("Landkreis Kusel", "Stadt Trier").
        "serves": Field(serves, neutral=True, default=[]),
        # A location without its own phone is reached through another one (e.g. the hotline).
        "contact_via": Field(text, neutral=True),
        "sources": Field(list_of_sources_min1, required=True, neutral=True),
    },
    # An event or training: a page under events/ whose facts (times, place, organiser,
    # registration, status) are neutral; its text (and a cancellation note) is translated.
    "event": {
        **COMMON,
        "published_in": Field(published_in, neutral=True, default=STAFF_LANGUAGES),
        "start": Field(event_time, required=True, neutral=True),
        "end": Field(event_time, required=True, neutral=True),
        "place": Field(record(EventPlace), required=True, neutral=True),
        "audience": Field(list_of(one_of(*AUDIENCES), min_items=1), required=True, neutral=True),
        "languages": Field(list_of(language_code, min_items=1), neutral=True, default=[]),  # spoken at the event, where stated
        # A location id (locations/<id>.md) or an organisation of materials/organisations.yml.
        "organiser": Field(text, required=True, neutral=True),
        "registration": Field(record(Registration), neutral=True),
        "event_status": Field(one_of(*EVENT_STATUS), neutral=True, default="planned"),
        # Why an event is cancelled or full, in each language (required when cancelled).
        "event_note": Field(text),
        "sources": Field(list_of_sources_min1, required=True, neutral=True),
    },
}

@dataclass(frozen=True)
class Front:
    """A page's data: its front matter as validated, with the language-neutral facts of its German
    source (model/pages.py). One record for every content type: the fields a type does not have
    (SCHEMAS says which it has) keep their empty default."""

    type: str = "page"
    title: str = ""
    description: str = ""
    updated: dt.date | None = None
    status: str = "published"
    notes: str | None = None
    contacts: list[str] = field(default_factory=list)
    layout: str | None = None
    aliases: list[str] = field(default_factory=list)
    published_in: list[str] | None = None
    translation: TranslationRecord | None = None
    last_reviewed: dt.date | None = None
    sources: list[Source] = field(default_factory=list)
    # programme
    country_lists: dict[str, CountryList | None] | None = None
    funds_departure: bool = False
    # country
    country: str | None = None
    programme: Programme | None = None
    # location
    operator: str | None = None
    kind: str | None = None
    state: str | None = None
    address: Address | None = None
    geo: Geo | None = None
    phone: Phone | None = None
    email: str | None = None
    opening_hours: OpeningHours | None = None
    languages: list[str] = field(default_factory=list)
    step_free: str = "unknown"
    services: list[str] = field(default_factory=list)
    town: str | None = None
    url: str | None = None
    serves: str | list[str] = field(default_factory=list)
    contact_via: str | None = None
    # event
    start: dt.date | dt.datetime | None = None
    end: dt.date | dt.datetime | None = None
    place: EventPlace | None = None
    audience: list[str] = field(default_factory=list)
    organiser: str | None = None
    registration: Registration | None = None
    event_status: str = "planned"
    event_note: str | None = None


# Sections (the ids of the `##` headings) a page body must have, in this order.
# Country sheets follow the section order of the ZIRF country fact sheets of BAMF and IOM.
BODY_SECTIONS: dict[str, tuple[str, ...]] = {
    "country": (
        "consequences", "checklist", "health", "labour", "housing",
        "social-welfare", "education", "reintegration", "contacts",
    ),
}

# What applying and leaving mean for a reader (asylum procedure, protection status, residence
# title, re-entry): every country sheet has it first; a programme page that funds a departure
# (`funds_departure: true`) has it and the section on what happens after approval.
CONSEQUENCES = "consequences"
DEPARTURE_SECTIONS = (CONSEQUENCES, "after-approval")

assert set(SCHEMAS) == set(CONTENT_TYPES), "every content type has a schema"
assert {name for fields in SCHEMAS.values() for name in fields} == {item.name for item in dataclasses.fields(Front)}, \
    "Front has a field for every field of every content type, and no other"


def front(values: dict[str, Any]) -> Front:
    """The typed record of a page's validated fields (a field stated but invalid is left out
    and keeps its empty default; it is reported already)."""
    return Front(**{name: value for name, value in values.items() if value is not None})
