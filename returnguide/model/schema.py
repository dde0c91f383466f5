"""Front-matter schemas, one per content type, and the values only content has: sources and
programme facts, contact channels, opening hours, the regions a location serves, event times,
translation records. Built from the validators of model/validators.py; `neutral=True` marks a
language-neutral fact (written once, in the German source page)."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any
from zoneinfo import ZoneInfo

from .languages import DEFAULT_LANGUAGE, LANGUAGES
from .validators import (
    Field,
    Invalid,
    Validator,
    boolean,
    country,
    email,
    iso_date,
    language_code,
    list_of,
    mapping,
    number_between,
    one_of,
    page_path,
    phone,
    public_url,
    source_id,
    text,
    url,
)


def source(value: Any) -> dict:
    """A public document a page's facts come from: its title, who publishes it (an organisation of
    materials/organisations.yml), its address, the date it states, and when an editor read it.
    Notes for editors go in the page's `notes:` field, never here."""
    if not isinstance(value, dict):
        raise Invalid(f"{str(value)[:60]!r} is not a source: write title, publisher, url and date "
                      "(a public document; a file path, FACTS.md or a note is no source; notes go in `notes:`)")
    entry = mapping({
        "id": Field(source_id),
        "title": Field(text, required=True),
        "publisher": Field(text, required=True),
        "url": Field(public_url, required=True),
        "date": Field(iso_date),
        "checked": Field(iso_date),
        # the language the document is written in (its title is shown with this language mark)
        "lang": Field(language_code, default="de"),
    })(value)
    if entry["date"] is None and entry["checked"] is None:
        raise Invalid("give the date the source states (date:) or, if it states none, the day you read it (checked:)")
    for bad in ("facts.md", "../", "shared/"):
        if bad in entry["title"].lower():
            raise Invalid(f"title {entry['title']!r} names an internal note, not a public document")
    return entry


def sources(value: Any, min_items: int = 0) -> list[dict]:
    entries = list_of(source, min_items=min_items)(value)
    seen: set[str] = set()
    for entry in entries:
        if entry["id"] in seen:
            raise Invalid(f"two sources have the id {entry['id']!r}; give each its own")
        if entry["id"]:
            seen.add(entry["id"])
    return entries


def list_of_sources_min1(value: Any) -> list[dict]:
    return sources(value, min_items=1)


def fact(*choices: str, since: bool = False) -> Validator:
    """One fact of the programme block: its status, optionally the date it holds from, its source."""
    fields = {"status": Field(yes_no(one_of(*choices)), required=True), "source": Field(source_id, required=True)}
    if since:
        fields["since"] = Field(iso_date)
    return mapping(fields)


def yes_no(check: Validator) -> Validator:
    """YAML reads an unquoted yes/no as true/false; take them as the words."""
    def read(value: Any) -> str:
        if isinstance(value, bool):
            value = "yes" if value else "no"
        return check(value)

    return read


def in_languages(value: Any) -> dict[str, str]:
    """A short text in each language of the site, German required: {de: ..., en: ..., ar: ..., fa: ...}."""
    if not isinstance(value, dict):
        raise Invalid(f"give the text per language: {', '.join(f'{c}: …' for c in LANGUAGES)}")
    unknown = sorted(set(value) - set(LANGUAGES))
    if unknown:
        raise Invalid(f"{unknown[0]!r} is not a language of the site ({', '.join(LANGUAGES)})")
    if DEFAULT_LANGUAGE not in value:
        raise Invalid(f"the German text ({DEFAULT_LANGUAGE}:) is required")
    texts = {code: text(value[code]) for code in LANGUAGES if code in value}
    for code, said in texts.items():
        # shown as plain text (on the page and on paper): a tag would be printed as it is
        if re.search(r"<[A-Za-z/!]", said):
            raise Invalid(f"{code}: plain text only, no markup ({said[:40]!r}…); write a German name without tags")
    return texts


CHANNEL_KINDS = ("whatsapp", "viber", "telegram", "phone", "email", "web", "facebook", "skype")


def channel(value: Any) -> dict:
    entry = mapping({"kind": Field(one_of(*CHANNEL_KINDS), required=True), "value": Field(lambda v: text(str(v)), required=True)})(value)
    kind, raw = entry["kind"], entry["value"]
    if kind in ("whatsapp", "viber", "telegram", "phone"):
        entry["phone"] = phone(raw)
    elif kind == "email":
        entry["value"] = email(raw)
    elif kind in ("web", "facebook"):
        entry["value"] = public_url(raw)
    return entry


# What the programmes offer for one country (`programme:` of a country sheet). Every fact names
# the source (an `id:` of the page's sources) whose date is shown beside it.
PROGRAMME_FACTS = {
    "assisted_return": ("available", "limited", "suspended"),
    "travel_allowance": ("full", "reduced"),
    "start_up_payment": ("yes", "reduced", "no"),
    "starthilfe_plus": ("regular", "reduced", "housing", "none"),
    "eurp": ("yes", "no"),
}
programme = mapping({
    **{name: Field(fact(*choices, since=True), required=True) for name, choices in PROGRAMME_FACTS.items()},
    "special_rules": Field(list_of(mapping({
        "text": Field(in_languages, required=True),
        "since": Field(iso_date),
        "until": Field(iso_date),
        "source": Field(source_id, required=True),
    })), default=[]),
    "virtual_counselling": Field(mapping({
        "source": Field(source_id, required=True),
        "channels": Field(list_of(channel, min_items=1), required=True),
    })),
})

# The country lists of the programme pages (`country_lists:`), and which programme fact each
# decides: a sheet's fact must agree with every list (checks/sources.py).
COUNTRY_LISTS = (
    "reduced-travel-allowance", "start-up-payment", "assisted-return-suspended",
    "starthilfe-plus-regular", "starthilfe-plus-reduced", "starthilfe-plus-housing", "eurp",
)
country_lists = mapping({
    name: Field(mapping({"countries": Field(lambda v: sorted(set(list_of(country)(v))), required=True),
                         "source": Field(source_id, required=True)}))
    for name in COUNTRY_LISTS
})


_TIME_RANGE = re.compile(r"^([01]\d|2[0-3]):[0-5]\d-([01]\d|2[0-3]):[0-5]\d$")
WEEKDAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")


def time_ranges(value: Any) -> list[str]:
    ranges = value if isinstance(value, list) else [value]
    for r in ranges:
        if not isinstance(r, str) or not _TIME_RANGE.match(r):
            raise Invalid(f"{r!r} is not a time range; write HH:MM-HH:MM, e.g. 09:00-12:00")
    return ranges


def opening_hours(value: Any) -> dict:
    fields = {day: Field(time_ranges) for day in WEEKDAYS}
    fields["appointment_only"] = Field(boolean, default=False)
    fields["temporarily_closed"] = Field(boolean, default=False)
    fields["note_source"] = Field(source_id)
    return mapping(fields)(value)


def serves(value: Any) -> str | list[str]:
    if value == "statewide":
        return value
    regions = list_of(text, min_items=1)(value) if isinstance(value, list) else None
    if regions is None:
        raise Invalid("write 'statewide' or a list of districts and cities, e.g. '- Landkreis Kusel', '- Stadt Trier'")
    for region in regions:
        if not region.startswith(("Landkreis ", "Stadt ")):
            raise Invalid(f"{region!r}: start with 'Landkreis ' or 'Stadt ' and use the name in materials/regions.yml")
    return regions


# Events happen in Germany: their times are written with the offset Europe/Berlin has on that day.
EVENT_ZONE = ZoneInfo("Europe/Berlin")


def event_time(value: Any) -> dt.date | dt.datetime:
    """A day (all-day event: 2024-07-04) or a time with its offset from UTC
    (2025-03-12T10:00+01:00), which must be Europe/Berlin's offset at that moment."""
    if isinstance(value, dt.datetime):
        moment = value
    elif isinstance(value, dt.date):
        return value
    elif isinstance(value, str):
        if re.fullmatch(r"\d{4}-\d{2}-\d{2}", value.strip()):
            return iso_date(value)
        try:
            moment = dt.datetime.fromisoformat(value.strip())
        except ValueError:
            raise Invalid(f"{value!r} is not a date or time; write 2025-03-12 (all day) or "
                          "2025-03-12T10:00+01:00 (a time with the offset of Europe/Berlin)") from None
    else:
        raise Invalid(f"{value!r} is not a date or time; write 2025-03-12 or 2025-03-12T10:00+01:00")
    if moment.tzinfo is None or moment.utcoffset() is None:
        raise Invalid(f"{value!s}: a time without a time zone; add the offset of Europe/Berlin, "
                      "e.g. +01:00 in winter or +02:00 in summer (2025-03-12T10:00+01:00)")
    local = moment.astimezone(EVENT_ZONE)
    if local.utcoffset() != moment.utcoffset():
        raise Invalid(f"{value!s}: the offset is not Europe/Berlin's on that day; write "
                      f"{local.strftime('%Y-%m-%dT%H:%M')}{local.strftime('%z')[:3]}:{local.strftime('%z')[3:]}")
    return local


def published_in(value: Any) -> list[str]:
    """The languages a page is published in (a page for staff: German and English only)."""
    codes = list_of(text, min_items=1)(value)
    for code in codes:
        if code not in LANGUAGES:
            raise Invalid(f"{code!r} is not a language of the site ({', '.join(LANGUAGES)})")
    if DEFAULT_LANGUAGE not in codes:
        raise Invalid(f"must include {DEFAULT_LANGUAGE!r}, the source language")
    return [code for code in LANGUAGES if code in codes]


# How a translation was made and whether a native speaker checked it (`translation:` of every
# page that is not German). Until a native reviewer signs a page off, `reviewed` is false.
TRANSLATION_METHODS = ("machine-assisted", "translator")


def reviewed_on(value: Any) -> bool | dt.date:
    """`false` (not reviewed by a native speaker) or the day a native speaker signed it off."""
    if value is False:
        return False
    if value is True:
        raise Invalid("write the day a native speaker signed the page off (YYYY-MM-DD), or false")
    return iso_date(value)


translation_record = mapping({
    "by": Field(one_of(*TRANSLATION_METHODS), required=True),
    "reviewed": Field(reviewed_on, required=True),
})


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
    "translation": Field(translation_record),
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
        "programme": Field(programme, neutral=True),
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
        "address": Field(
            mapping(
                {
                    "street": Field(text, required=True),
                    "postal_code": Field(lambda v: text(str(v)), required=True),
                    "city": Field(text, required=True),
                }
            ),
            neutral=True,
        ),
        "geo": Field(
            mapping({"lat": Field(number_between(-90, 90), required=True), "lon": Field(number_between(-180, 180), required=True)}),
            neutral=True,
        ),
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
        "place": Field(
            mapping({
                "name": Field(text),
                "street": Field(text),
                "postal_code": Field(lambda v: text(str(v))),
                "city": Field(text),
                "online": Field(boolean, default=False),
                "url": Field(url),
            }),
            required=True,
            neutral=True,
        ),
        "audience": Field(list_of(one_of(*AUDIENCES), min_items=1), required=True, neutral=True),
        "languages": Field(list_of(language_code, min_items=1), neutral=True, default=[]),  # spoken at the event, where stated
        # A location id (locations/<id>.md) or an organisation of materials/organisations.yml.
        "organiser": Field(text, required=True, neutral=True),
        "registration": Field(
            mapping({"email": Field(email), "url": Field(url), "deadline": Field(iso_date)}),
            neutral=True,
        ),
        "event_status": Field(one_of(*EVENT_STATUS), neutral=True, default="planned"),
        # Why an event is cancelled or full, in each language (required when cancelled).
        "event_note": Field(text),
        "sources": Field(list_of_sources_min1, required=True, neutral=True),
    },
}

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
