"""The directory of counselling locations in one language: each location's card with what it
offers and where it serves, the districts and cities with the counselling that reaches them, and
a location's vCard. Plain dicts the templates render; the finder (finder.py) reuses them."""

from __future__ import annotations

from pathlib import PurePosixPath

import vobject

from ..model import labels, routing
from ..model.characters import require_safe_lines
from ..model.content import ContentModel
from ..model.languages import Language
from ..model.pages import Page
from ..views.cards import opening_hours, reachable_card


def location_view(model: ContentModel, location: Page, lang: Language) -> dict:
    meta = location.meta
    card = reachable_card(model, location, lang.code)
    geo = meta.geo
    state = model.states.get(meta.state)
    served = meta.serves
    regions = {r.id: r for r in state.regions} if state else {}
    before, _, after = lang.t("Für ganz {state}", state="\x00").partition("\x00")
    return {
        **card,
        "kind_label": labels.say(lang, labels.KINDS, meta.kind),
        "services": [labels.say(lang, labels.SERVICES, s) for s in meta.services],
        "languages": [lang.name_of(code) for code in meta.languages],
        "step_free": labels.say(lang, labels.STEP_FREE, meta.step_free),
        "hours": opening_hours(meta.opening_hours, lang),
        # The state or the districts it serves, each named in the reader's script and in German.
        "serves_statewide": {"before": before, "after": after, "name": place_name(lang, state.name, state.local_name(lang.code))}
        if served == "statewide" and state else None,
        "serves": [region_name(lang, regions[r]) if r in regions else place_name(lang, r, r) for r in served]
        if served != "statewide" else [],
        "geo": {
            "uri": f"geo:{geo.lat},{geo.lon}?q={geo.lat},{geo.lon}",
            "osm": f"https://www.openstreetmap.org/?mlat={geo.lat}&mlon={geo.lon}#map=17/{geo.lat}/{geo.lon}",
        } if geo else None,
        "vcard": f"{PurePosixPath(location.rel_path).parent}/{card['id']}.vcf",
    }


def place_name(lang: Language, german: str, local: str) -> dict:
    """A state's or region's name as the site shows it: in the reader's script, with the German
    name beside it (marked lang="de") where the two differ; German alone where they are the same."""
    return {"local": local, "de": german, "same": local == german}


def region_name(lang: Language, region) -> dict:
    """A district's or city's name with the kind of region, e.g. "ترير (Trier)" and "مدينة"."""
    return {**place_name(lang, region.name, region.local_name(lang.code)),
            "kind": labels.say(lang, labels.REGION_KINDS, region.kind)}


def _located(model: ContentModel, lang: Language) -> list[Page]:
    return [loc for loc in (model.location(i, lang.code) for i in sorted(model.locations())) if loc is not None]


def region_counselling(model: ContentModel, region, lang: Language) -> list[tuple[str, str]]:
    """(location id, how) for every counselling offered for one district or city (model/routing.py:
    never an authority; where none is confirmed, the nearest confirmed)."""
    return [(stem, how) for stem, how in routing.counselling(model, region) if model.location(stem, lang.code) is not None]


def location_cards(model: ContentModel, lang: Language) -> dict[str, dict]:
    cards = {}
    for loc in _located(model, lang):
        card = reachable_card(model, loc, lang.code)
        card["kind_label"] = labels.say(lang, labels.KINDS, loc.meta.kind)
        cards[PurePosixPath(loc.rel_path).stem] = card
    return cards


def region_entry(model: ContentModel, region, lang: Language, cards: dict[str, dict]) -> dict:
    found = region_counselling(model, region, lang)
    options = [{"how": labels.say(lang, labels.REACH, how), "card": cards[stem]} for stem, how in found]
    regions = {r.id: r for r in model.states[region.state].regions}
    return {"separator": lang.list_separator, "id": region.id, "name": region.name, "place": region_name(lang, region),
            "near": [region_name(lang, regions[r]) for r in routing.nearest_regions(model, region)],
            "kind": labels.say(lang, labels.REGION_KINDS, region.kind), "options": options,
            "none_confirmed": routing.none_confirmed(found)}


def directory_view(model: ContentModel, lang: Language) -> dict:
    """All locations, and for every district and city the counselling available there."""
    cards = location_cards(model, lang)
    states = [{"code": state.code, "name": state.name, "place": place_name(lang, state.name, state.local_name(lang.code)),
               "regions": [region_entry(model, region, lang, cards) for region in state.regions]}
              for state in model.states.values()]
    # Authorities are listed apart, as what they are: never among the counselling.
    return {"cards": [c for c in cards.values() if c["kind"] != routing.AUTHORITY],
            "authorities": [c for c in cards.values() if c["kind"] == routing.AUTHORITY], "states": states}


def vcard(model: ContentModel, location: Page, site_url: str) -> str:
    """A vCard 3.0 of a location, for the phone's address book (vobject escapes and folds)."""
    card = reachable_card(model, location, location.lang)
    v = vobject.vCard()
    v.add("n").value = vobject.vcard.Name()  # an organisation: no person's name
    v.add("fn").value = card["title"]
    v.add("org").value = [card["operator"].text]
    if card.get("phone"):
        tel = v.add("tel")
        tel.value, tel.type_param = card["phone"].e164, ["WORK", "VOICE"]
    if card.get("email"):
        email = v.add("email")
        email.value, email.type_param = card["email"], "INTERNET"
    if card.get("address"):
        a = card["address"]
        adr = v.add("adr")
        adr.value = vobject.vcard.Address(street=a.street, city=a.city, code=a.postal_code, country="Deutschland")
        adr.type_param = "WORK"
    if location.meta.geo:
        v.add("geo").value = f"{location.meta.geo.lat};{location.meta.geo.lon}"
    if site_url:
        v.add("url").value = f"{site_url.rstrip('/')}/{card['url']}"
    # An address book reads a bare carriage return or a control character as the start of a new field.
    return require_safe_lines(v.serialize(), location.display_path, 1, "its vCard")
