"""The values only content has, each a typed record or a checked value built from the
validators of model/validators.py: sources and programme facts, contact channels, opening hours,
addresses and coordinates, the regions a location serves, event times and places, registration,
translation records. model/schema.py puts them together into the content types."""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
from dataclasses import dataclass
from typing import Any
from zoneinfo import ZoneInfo

from .languages import DEFAULT_LANGUAGE, LANGUAGES
from .validators import (
    Field,
    Invalid,
    Phone,
    Validator,
    boolean,
    country,
    described,
    email,
    form_of,
    iso_date,
    language_code,
    list_of,
    mapping,
    number_between,
    one_of,
    phone,
    public_url,
    record,
    rule,
    source_id,
    text,
    url,
)


@dataclass(frozen=True)
class Source:
    """A public document a page's facts come from: its title, who publishes it (an organisation of
    materials/organisations.yml), its address, the date it states, and when an editor read it.
    Notes for editors go in the page's `notes:` field, never here."""

    id: str | None = rule(source_id)
    title: str = rule(text, required=True)
    publisher: str = rule(text, required=True)
    url: str = rule(public_url, required=True)
    date: dt.date | None = rule(iso_date)
    checked: dt.date | None = rule(iso_date)
    # the language the document is written in (its title is shown with this language mark)
    lang: str = rule(language_code, default="de")


_source = record(Source)


def source(value: Any) -> Source:
    if not isinstance(value, dict):
        raise Invalid(f"{str(value)[:60]!r} is not a source: write title, publisher, url and date "
                      "(a public document; a file path, FACTS.md or a note is no source; notes go in `notes:`)")
    entry = _source(value)
    if entry.date is None and entry.checked is None:
        raise Invalid("give the date the source states (date:) or, if it states none, the day you read it (checked:)")
    for bad in ("facts.md", "../", "shared/"):
        if bad in entry.title.lower():
            raise Invalid(f"title {entry.title!r} names an internal note, not a public document")
    return entry


def sources(value: Any, min_items: int = 0) -> list[Source]:
    entries = list_of(source, min_items=min_items)(value)
    seen: set[str] = set()
    for entry in entries:
        if entry.id in seen:
            raise Invalid(f"two sources have the id {entry.id!r}; give each its own")
        if entry.id:
            seen.add(entry.id)
    return entries


def list_of_sources_min1(value: Any) -> list[Source]:
    return sources(value, min_items=1)


described(source, record=Source)
described(sources, item=source, min=0)
described(list_of_sources_min1, item=source, min=1)


@dataclass(frozen=True)
class Fact:
    """One fact of the programme block: its status, the date it holds from (where stated), its source."""

    status: str
    source: str
    since: dt.date | None = None


def fact(*choices: str) -> Validator:
    check = mapping({"status": Field(yes_no(one_of(*choices)), required=True),
                     "source": Field(source_id, required=True), "since": Field(iso_date)})
    return described(lambda value: Fact(**check(value)), fields=form_of(check)["fields"])


def yes_no(check: Validator) -> Validator:
    """YAML reads an unquoted yes/no as true/false; take them as the words."""
    def read(value: Any) -> str:
        if isinstance(value, bool):
            value = "yes" if value else "no"
        return check(value)

    return described(read, like=check)


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


described(in_languages, fields={code: Field(text, required=code == DEFAULT_LANGUAGE) for code in LANGUAGES})


CHANNEL_KINDS = ("whatsapp", "viber", "telegram", "phone", "email", "web", "facebook", "skype")


@dataclass(frozen=True)
class Channel:
    """A way to reach a counselling service from abroad; a messenger or phone channel's number
    validated as `phone`."""

    kind: str = rule(one_of(*CHANNEL_KINDS), required=True)
    value: str = rule(lambda v: text(str(v)), required=True)
    phone: Phone | None = None


_channel = record(Channel)


def channel(value: Any) -> Channel:
    entry = _channel(value)
    if entry.kind in ("whatsapp", "viber", "telegram", "phone"):
        return dataclasses.replace(entry, phone=phone(entry.value))
    if entry.kind == "email":
        return dataclasses.replace(entry, value=email(entry.value))
    if entry.kind in ("web", "facebook"):
        return dataclasses.replace(entry, value=public_url(entry.value))
    return entry


described(channel, record=Channel)


# What the programmes offer for one country (`programme:` of a country sheet). Every fact names
# the source (an `id:` of the page's sources) whose date is shown beside it.
PROGRAMME_FACTS = {
    "assisted_return": ("available", "limited", "suspended"),
    "travel_allowance": ("full", "reduced"),
    "start_up_payment": ("yes", "reduced", "no"),
    "starthilfe_plus": ("regular", "reduced", "housing", "none"),
    "eurp": ("yes", "no"),
}


@dataclass(frozen=True)
class SpecialRule:
    text: dict[str, str] = rule(in_languages, required=True)  # per language, German required
    source: str = rule(source_id, required=True)
    since: dt.date | None = rule(iso_date)
    until: dt.date | None = rule(iso_date)


@dataclass(frozen=True)
class VirtualCounselling:
    source: str = rule(source_id, required=True)
    channels: list[Channel] = rule(list_of(channel, min_items=1), required=True)


@dataclass(frozen=True)
class Programme:
    assisted_return: Fact = rule(fact(*PROGRAMME_FACTS["assisted_return"]), required=True)
    travel_allowance: Fact = rule(fact(*PROGRAMME_FACTS["travel_allowance"]), required=True)
    start_up_payment: Fact = rule(fact(*PROGRAMME_FACTS["start_up_payment"]), required=True)
    starthilfe_plus: Fact = rule(fact(*PROGRAMME_FACTS["starthilfe_plus"]), required=True)
    eurp: Fact = rule(fact(*PROGRAMME_FACTS["eurp"]), required=True)
    special_rules: list[SpecialRule] = rule(list_of(record(SpecialRule)), default=[])
    virtual_counselling: VirtualCounselling | None = rule(record(VirtualCounselling))

    def facts(self) -> dict[str, Fact]:
        """The five facts by name, in the order of PROGRAMME_FACTS."""
        return {name: getattr(self, name) for name in PROGRAMME_FACTS}


# The country lists of the programme pages (`country_lists:`), and which programme fact each
# decides: a sheet's fact must agree with every list (checks/sources.py).
COUNTRY_LISTS = (
    "reduced-travel-allowance", "start-up-payment", "assisted-return-suspended",
    "starthilfe-plus-regular", "starthilfe-plus-reduced", "starthilfe-plus-housing", "eurp",
)



@dataclass(frozen=True)
class CountryList:
    countries: list[str] = rule(lambda v: sorted(set(list_of(country)(v))), required=True)
    source: str = rule(source_id, required=True)


# list name -> its countries and source (None: the page does not give that list)
country_lists = mapping({name: Field(record(CountryList)) for name in COUNTRY_LISTS})


_TIME_RANGE = re.compile(r"^([01]\d|2[0-3]):[0-5]\d-([01]\d|2[0-3]):[0-5]\d$")
WEEKDAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")


def time_ranges(value: Any) -> list[str]:
    ranges = value if isinstance(value, list) else [value]
    for r in ranges:
        if not isinstance(r, str) or not _TIME_RANGE.match(r):
            raise Invalid(f"{r!r} is not a time range; write HH:MM-HH:MM, e.g. 09:00-12:00")
    return ranges


described(time_ranges, item=described(lambda v: v, widget="string", pattern=(_TIME_RANGE.pattern, "HH:MM-HH:MM, e.g. 09:00-12:00")), min=0)


@dataclass(frozen=True)
class OpeningHours:
    mon: list[str] | None = rule(time_ranges)
    tue: list[str] | None = rule(time_ranges)
    wed: list[str] | None = rule(time_ranges)
    thu: list[str] | None = rule(time_ranges)
    fri: list[str] | None = rule(time_ranges)
    sat: list[str] | None = rule(time_ranges)
    sun: list[str] | None = rule(time_ranges)
    appointment_only: bool = rule(boolean, default=False)
    temporarily_closed: bool = rule(boolean, default=False)
    note_source: str | None = rule(source_id)

    def day(self, weekday: str) -> list[str] | None:
        """The time ranges of a day of WEEKDAYS (None: closed or not stated)."""
        return getattr(self, weekday)


opening_hours = record(OpeningHours)


STATEWIDE = "statewide"


def serves(value: Any) -> str | list[str]:
    if value in (STATEWIDE, [STATEWIDE]):  # a form's multiple choice writes it as a list
        return STATEWIDE
    regions = list_of(text, min_items=1)(value) if isinstance(value, list) else None
    if regions is None:
        raise Invalid("write 'statewide' or a list of districts and cities, e.g. '- Landkreis Kusel', '- Stadt Trier'")
    for region in regions:
        if not region.startswith(("Landkreis ", "Stadt ")):
            raise Invalid(f"{region!r}: start with 'Landkreis ' or 'Stadt ' and use the name in materials/regions.yml")
    return regions


described(serves, widget="regions")  # the registry's districts and cities (materials/regions.yml), or the whole state


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


described(event_time, widget="string", pattern=(r"^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2})?[+-]\d{2}:\d{2})?$",
                                                "a day (2025-03-12) or a time with the offset of Europe/Berlin (2025-03-12T10:00+01:00)"))


def published_in(value: Any) -> list[str]:
    """The languages a page is published in (a page for staff: German and English only)."""
    codes = list_of(text, min_items=1)(value)
    for code in codes:
        if code not in LANGUAGES:
            raise Invalid(f"{code!r} is not a language of the site ({', '.join(LANGUAGES)})")
    if DEFAULT_LANGUAGE not in codes:
        raise Invalid(f"must include {DEFAULT_LANGUAGE!r}, the source language")
    return [code for code in LANGUAGES if code in codes]


described(published_in, widget="select", options=list(LANGUAGES), multiple=True, min=1)


# How a translation was made and whether a native speaker checked it (`translation:` of every
# page that is not German). Until a native reviewer signs a page off, `reviewed` is false.
TRANSLATION_METHODS = ("machine-assisted", "translator")


def reviewed_on(value: Any) -> bool | dt.date:
    """`false` (not reviewed by a native speaker) or the day a native speaker signed it off."""
    if value is False or value == "false":  # a form's text field writes the word
        return False
    if value is True:
        raise Invalid("write the day a native speaker signed the page off (YYYY-MM-DD), or false")
    return iso_date(value)


described(reviewed_on, widget="string", pattern=(r"^(false|\d{4}-\d{2}-\d{2})$", "false, or the day a native speaker signed the page off (YYYY-MM-DD)"))


@dataclass(frozen=True)
class TranslationRecord:
    by: str = rule(one_of(*TRANSLATION_METHODS), required=True)
    reviewed: bool | dt.date = rule(reviewed_on, required=True)  # False, or the day of the sign-off


@dataclass(frozen=True)
class Address:
    street: str = rule(text, required=True)
    postal_code: str = rule(lambda v: text(str(v)), required=True)
    city: str = rule(text, required=True)


@dataclass(frozen=True)
class Geo:
    lat: float = rule(number_between(-90, 90), required=True)
    lon: float = rule(number_between(-180, 180), required=True)


@dataclass(frozen=True)
class EventPlace:
    """Where an event takes place: a place with its address, or online (`url`)."""

    name: str | None = rule(text)
    street: str | None = rule(text)
    postal_code: str | None = rule(lambda v: text(str(v)))
    city: str | None = rule(text)
    online: bool = rule(boolean, default=False)
    url: str | None = rule(url)


@dataclass(frozen=True)
class Registration:
    email: str | None = rule(email)
    url: str | None = rule(url)
    deadline: dt.date | None = rule(iso_date)
