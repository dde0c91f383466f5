"""What a site page shows beside its text, computed from the model for one language:
the "As of" line, the fallback and draft notices, contact cards, share data, structured data.
Templates render these plain dicts; they decide nothing themselves.
"""

from __future__ import annotations

import datetime as dt
from pathlib import PurePosixPath
from urllib.parse import quote, urlencode

import vobject
from babel import Locale

from ..model import labels, routing
from ..model.characters import require_safe, require_safe_lines
from ..model.content import ContentModel
from ..model.languages import DEFAULT_LANGUAGE, LANGUAGES, Language
from ..model.leaflets import TARGET_GROUPS
from ..model.pages import Page, is_outdated
from ..model.places import fold_place
from ..model.urls import (
    CORE_PAGES,
    PLACES_INDEX,
    absolute,
    display_address,
    feed_path,
    page_url,
    postcode_page,
    preview_path,
)
from ..views.cards import contact_card, localised_date, opening_hours, operator_name, plain_text, reachable_card
from ..views.events import event_lists, event_view
from ..views.facts import country_lists_view, notice_view, programme_view, sources_view


def location_view(model: ContentModel, location: Page, lang: Language) -> dict:
    meta = location.meta
    card = reachable_card(model, location, lang.code)
    geo = meta.get("geo")
    state = model.states.get(meta["state"])
    served = meta.get("serves") or []
    regions = {r.id: r for r in state.regions} if state else {}
    before, _, after = lang.t("Für ganz {state}", state="\x00").partition("\x00")
    return {
        **card,
        "kind_label": labels.say(lang, labels.KINDS, meta["kind"]),
        "services": [labels.say(lang, labels.SERVICES, s) for s in meta.get("services") or []],
        "languages": [Locale.parse(code).get_display_name(lang.babel_locale) or code for code in meta.get("languages") or []],
        "step_free": labels.say(lang, labels.STEP_FREE, meta.get("step_free") or "unknown"),
        "hours": opening_hours(meta.get("opening_hours"), lang),
        # The state or the districts it serves, each named in the reader's script and in German.
        "serves_statewide": {"before": before, "after": after, "name": place_name(lang, state.name, state.local_name(lang.code))}
        if served == "statewide" and state else None,
        "serves": [region_name(lang, regions[r]) if r in regions else place_name(lang, r, r) for r in served]
        if served != "statewide" else [],
        "geo": {
            "uri": f"geo:{geo['lat']},{geo['lon']}?q={geo['lat']},{geo['lon']}",
            "osm": f"https://www.openstreetmap.org/?mlat={geo['lat']}&mlon={geo['lon']}#map=17/{geo['lat']}/{geo['lon']}",
        } if geo else None,
        "vcard": f"{PurePosixPath(location.rel_path).parent}/{card['id']}.vcf",
    }


def location_jsonld(location: Page, card: dict, state, site_url: str) -> dict:
    """schema.org data for a counselling location."""
    meta = location.meta
    data = {
        "@context": "https://schema.org",
        "@type": "GovernmentService" if meta["kind"] in ("office", routing.AUTHORITY) else "Service",
        "name": meta["title"],
        "description": meta["description"],
        "url": site_url.rstrip("/") + "/" + page_url(location.rel_path, location.lang) if site_url else None,
        "provider": {"@type": "Organization", "name": card["operator"].text},
        "areaServed": state.name if state else None,
        "availableChannel": {
            "@type": "ServiceChannel",
            "servicePhone": {"@type": "ContactPoint", "telephone": card["phone"].e164} if card.get("phone") else None,
            "serviceLocation": {
                "@type": "Place",
                "address": {"@type": "PostalAddress", "streetAddress": meta["address"]["street"], "postalCode": meta["address"]["postal_code"], "addressLocality": meta["address"]["city"], "addressCountry": "DE"} if meta.get("address") else None,
                "geo": {"@type": "GeoCoordinates", "latitude": meta["geo"]["lat"], "longitude": meta["geo"]["lon"]} if meta.get("geo") else None,
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


def _cards(model: ContentModel, lang: Language) -> dict[str, dict]:
    cards = {}
    for loc in _located(model, lang):
        card = reachable_card(model, loc, lang.code)
        card["kind_label"] = labels.say(lang, labels.KINDS, loc.meta["kind"])
        cards[PurePosixPath(loc.rel_path).stem] = card
    return cards


def _region_entry(model: ContentModel, region, lang: Language, cards: dict[str, dict]) -> dict:
    found = region_counselling(model, region, lang)
    options = [{"how": labels.say(lang, labels.REACH, how), "card": cards[stem]} for stem, how in found]
    regions = {r.id: r for r in model.states[region.state].regions}
    return {"separator": lang.list_separator, "id": region.id, "name": region.name, "place": region_name(lang, region),
            "near": [region_name(lang, regions[r]) for r in routing.nearest_regions(model, region)],
            "kind": labels.say(lang, labels.REGION_KINDS, region.kind), "options": options,
            "none_confirmed": routing.none_confirmed(found)}


def directory_view(model: ContentModel, lang: Language) -> dict:
    """All locations, and for every district and city the counselling available there."""
    cards = _cards(model, lang)
    states = [{"code": state.code, "name": state.name, "place": place_name(lang, state.name, state.local_name(lang.code)),
               "regions": [_region_entry(model, region, lang, cards) for region in state.regions]}
              for state in model.states.values()]
    # Authorities are listed apart, as what they are: never among the counselling.
    return {"cards": [c for c in cards.values() if c["kind"] != routing.AUTHORITY],
            "authorities": [c for c in cards.values() if c["kind"] == routing.AUTHORITY], "states": states}


def finder_view(model: ContentModel, lang: Language) -> dict | None:
    """The search by postcode or place (finder.js): where its index is, where its form leads
    without JavaScript, every location's card (the index names them by id) and the words it
    shows, in the reader's language."""
    if not model.places.rows:
        return None
    return {
        "index": PLACES_INDEX,
        "action": postcode_page(lang.code),
        "cards": {k: c for k, c in _cards(model, lang).items() if c["kind"] != routing.AUTHORITY},  # never offered
        "how": {code: labels.say(lang, labels.REACH, code) for code in labels.REACH},
        "kinds": {code: labels.say(lang, labels.REGION_KINDS, code) for code in labels.REGION_KINDS},
        # Each district's and city's name in the reader's script, where it differs from the German.
        "names": {r.id: r.local_name(lang.code) for state in model.states.values() for r in state.regions
                  if r.local_name(lang.code) != r.name},
        "max_length": MAX_QUERY,
        "digits": lang.digits,
        "text": {
            # the count in each plural category of this language (finder.js picks one with Intl.PluralRules)
            "count": _plural_forms(lang, lambda number: lang.n("{count} Treffer", "{count} Treffer", number)),
            "digits": lang.t("Eine Postleitzahl hat fünf Ziffern, zum Beispiel 54290."),
            "empty": lang.t("Geben Sie eine Postleitzahl oder einen Ort ein."),
            "latin": lang.t("Schreiben Sie den Ort so, wie er auf Ihren Briefen steht (in lateinischen Buchstaben), oder geben Sie die Postleitzahl ein."),
            "long": lang.t("Ihre Eingabe ist zu lang. Geben Sie nur die Postleitzahl oder den Ort ein."),
            "none": lang.t("Kein Ort in Rheinland-Pfalz oder Schleswig-Holstein passt dazu. Prüfen Sie die Schreibweise oder geben Sie die Postleitzahl ein."),
            "choose": lang.t("Mehrere Orte passen. Wählen Sie Ihren Ort aus der Liste oder geben Sie mehr ein."),
            "several": lang.t("Das gehört zu mehreren Landkreisen oder Städten. Hier ist die Beratung für jeden:"),
            "near": lang.t("Bestätigte Beratung gibt es in der Nähe in:"),
            "unconfirmed": lang.t("Für diesen Landkreis oder diese Stadt ist keine unabhängige Rückkehrberatung bestätigt. Die nächste bestätigte Beratung:"),
            "failed": lang.t("Die Ortssuche konnte nicht geladen werden. Prüfen Sie Ihre Verbindung und versuchen Sie es noch einmal."),
        },
    }


def _plural_forms(lang: Language, say) -> dict[str, str]:
    """A counted message (say(number)) for each CLDR plural category of the language, {count} left to fill."""
    rules, forms = Locale.parse(lang.babel_locale).plural_form, {}
    for number in range(1000):
        forms.setdefault(rules(number), say(number).replace(lang.localise_digits(str(number)), "{count}", 1))
    # A category only fractions reach (Russian "other": 1,5) never occurs in a count of pages or
    # places; it still gets a form, that of 2, so every category Intl.PluralRules knows has one.
    for category in sorted((rules.tags | {"other"}) - set(forms)):
        forms[category] = say(2).replace(lang.localise_digits("2"), "{count}", 1)
    return forms


MAX_QUERY = 60  # characters: longer than any place name with its postcode


def region_slug(region_id: str) -> str:
    """An anchor for a district or city: "Stadt Neustadt an der Weinstraße" -> "stadt-neustadt-an-der-weinstrasse"."""
    return "-".join(fold_place(region_id).split())


def postcode_area_view(model: ContentModel, lang: Language, area: str) -> dict:
    """One postcode area's page without JavaScript: every postcode with its places and the
    districts or cities they lie in, then the counselling of each of those."""
    regions = {r.id: r for state in model.states.values() for r in state.regions}
    cards = _cards(model, lang)
    by_code: dict[str, dict[str, list[str]]] = {}
    for place in model.places.rows:
        if place.postcode.startswith(area) and place.region in regions:
            by_code.setdefault(place.postcode, {}).setdefault(place.region, []).append(place.name)
    postcodes = [{"code": code, "regions": [{"slug": region_slug(rid), "name": regions[rid].name, "place": region_name(lang, regions[rid]),
                                             "kind": labels.say(lang, labels.REGION_KINDS, regions[rid].kind),
                                             "places": sorted(set(names))} for rid, names in sorted(found.items())]}
                 for code, found in sorted(by_code.items())]
    used = sorted({rid for found in by_code.values() for rid in found}, key=lambda rid: (regions[rid].name, rid))
    return {
        "area": area,
        "title": lang.t("Beratung nach Postleitzahl: {area}…", area=area),
        "description": lang.t("Die Postleitzahlen {area}… mit ihrem Landkreis oder ihrer Stadt und der Rückkehrberatung, die dort zuständig ist.", area=area),
        "postcodes": postcodes,
        "regions": [{**_region_entry(model, regions[rid], lang, cards), "slug": region_slug(rid)} for rid in used],
        "landing": postcode_page(lang.code),
        "directory": page_url("locations/index.md", lang.code),
    }


def postcode_landing_view(model: ContentModel, lang: Language) -> dict:
    """Where the finder's form leads without JavaScript: the postcode areas, each with the
    largest places in it, and the way to the list of districts."""
    areas = []
    for area in model.places.areas():
        rows = [p for p in model.places.rows if p.postcode.startswith(area)]
        # the places with most postcodes first: the towns people know
        count: dict[str, int] = {}
        for p in rows:
            count[p.name] = count.get(p.name, 0) + 1
        known = sorted(count, key=lambda n: (-count[n], n))[:3]
        areas.append({"area": area, "url": postcode_page(lang.code, area), "places": known})
    return {"title": lang.t("Beratung nach Postleitzahl"), "areas": areas,
            "description": lang.t("Finden Sie mit Ihrer Postleitzahl die Rückkehrberatung für Ihren Landkreis oder Ihre Stadt in Rheinland-Pfalz und Schleswig-Holstein."),
            "directory": page_url("locations/index.md", lang.code)}


def catalogue_view(model: ContentModel, lang: Language, catalogue: list[dict]) -> dict:
    """The leaflets built with the site, by target group, labelled in the reader's language.
    A draft leaflet (its content not yet confirmed) is not offered for printing: it is left out
    and counted."""
    offered = [e for e in catalogue if not e.get("draft")]
    withheld = len(catalogue) - len(offered)
    groups = []
    for group in TARGET_GROUPS:
        entries = []
        for e in (e for e in offered if e["target_group"] == group):
            item = model.location(e["item"], lang.code) if group == "reception-centre" else None
            page, _ = model.resolve(lang.code, e["content_pages"][0])
            if page is None:  # a leaflet for staff, whose page is not published in this language: its own title
                page = model.page(e["languages"][0], e["content_pages"][0])
            entries.append({
                "title": page.meta["title"] if page else e["title"],
                # the title's language where it is not the reader's (a German leaflet on the Arabic page)
                "title_lang": LANGUAGES[page.lang if page else e["languages"][0]],
                "subtitle": item.meta["title"] if item else None,
                "languages": [{"code": c, "name": LANGUAGES[c].name, "tag": LANGUAGES[c].tag} for c in e["languages"]],
                "language_key": "+".join(e["languages"]),
                "format": labels.say(lang, labels.FORMATS, e["format"]),
                "pages": lang.localise_digits(str(e["pages"])),
                "size": lang.localise_digits(f"{max(1, round(e['bytes'] / 1024))} KB"),
                "file": f"materials/{e['file']}",
                "two_up": f"materials/{e['two_up']}" if e.get("two_up") else None,
                "thumbnail": f"materials/{e['thumbnail']}",
                "hreflang": LANGUAGES[e["languages"][-1]].tag,
            })
        if entries:
            groups.append({"id": group, "label": labels.say(lang, labels.TARGET_GROUPS, group), "entries": entries})
    language_keys = sorted({e["language_key"] for g in groups for e in g["entries"]}, key=lambda k: (len(k), list(LANGUAGES).index(k.split("+")[-1])))
    return {
        "groups": groups,
        # the filter names the languages in the reader's language (CLDR), as any other choice on the page
        "languages": [{"key": k, "name": " + ".join(Locale.parse(c).get_display_name(lang.babel_locale) for c in k.split("+"))}
                      for k in language_keys],
        "withheld": lang.n("{count} weiteres Merkblatt wird noch geprüft und ist noch nicht zum Verteilen freigegeben.",
                           "{count} weitere Merkblätter werden noch geprüft und sind noch nicht zum Verteilen freigegeben.",
                           withheld) if withheld else None,
        "built": bool(catalogue),
    }


SHARE_SERVICES = (  # plain links; nothing is loaded from these services before a tap
    ("WhatsApp", "https://wa.me/?{}", lambda title, url: {"text": f"{title} {url}"}),
    ("Telegram", "https://t.me/share/url?{}", lambda title, url: {"url": url, "text": title}),
    ("Facebook", "https://www.facebook.com/sharer/sharer.php?{}", lambda title, url: {"u": url}),
)


def share_view(model: ContentModel, lang_code: str, rel_path: str, site_url: str) -> dict | None:
    """Preview tags (Open Graph, Twitter card), share links and the page's QR code."""
    page, _ = model.resolve(lang_code, rel_path)
    if page is None:
        return None
    return _share(LANGUAGES[lang_code], page_url(rel_path, lang_code), page.meta["title"], page.meta["description"],
                  page.languages, site_url)


def _share(lang: Language, path: str, title: str, description: str, languages, site_url: str) -> dict:
    """The share data of any page the site serves, at site path `path` (its preview image beside it)."""
    url = absolute(site_url, path)
    return {
        "url": url,
        "title": title,
        "description": description,
        "locale": lang.og_locale,
        "locale_alternates": [other.og_locale for other in LANGUAGES.values() if other.code != lang.code and other.code in languages],
        "image": absolute(site_url, path + "preview.png"),
        "image_alt": lang.t("Vorschau: {title}", title=title),
        "links": [{"name": name, "href": pattern.format(urlencode(params(title, url), quote_via=quote)),
                   "label": lang.t("Über {service} teilen", service=name)} for name, pattern, params in SHARE_SERVICES],
        "qr": "qr.svg",
        "qr_alt": lang.t("QR-Code mit der Adresse {url}", url=display_address(url)),
    }


def event_jsonld(event: dict, page: Page, site_url: str) -> dict:
    """schema.org Event, from the same view the page shows."""
    place = page.meta["place"]
    location = []
    if not place.get("online") or place.get("city"):
        location.append({"@type": "Place", "name": place.get("name") or place.get("city"),
                         "address": {"@type": "PostalAddress", "streetAddress": place.get("street"),
                                     "postalCode": place.get("postal_code"), "addressLocality": place.get("city"),
                                     "addressCountry": "DE"}})
    if place.get("online"):
        location.append({"@type": "VirtualLocation", "url": place.get("url")})
    mode = ("MixedEventAttendanceMode" if len(location) == 2 else
            "OnlineEventAttendanceMode" if place.get("online") else "OfflineEventAttendanceMode")
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
        "inLanguage": page.meta.get("languages"),
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
        name = operator_name(model, meta["operator"], lang.code).text
        org = organisations.setdefault(meta["operator"], {"@type": "Organization", "name": name, "contactPoint": []})
        if meta.get("phone") or meta.get("email"):
            org["contactPoint"].append(_drop_empty({
                "@type": "ContactPoint", "name": meta["title"], "contactType": labels.say(lang, labels.KINDS, meta["kind"]),
                "telephone": meta["phone"].e164 if meta.get("phone") else None, "email": meta.get("email"),
                "areaServed": meta["state"], "url": absolute(site_url, page_url(location.rel_path, lang.code)),
            }))
    return {"@context": "https://schema.org", "@graph": [
        {"@type": "WebSite", "name": site_name, "url": absolute(site_url, page_url("index.md", lang.code)), "inLanguage": lang.tag},
        *(_drop_empty(org) for org in organisations.values()),
    ]}


def campaign_kit_view(model: ContentModel, site_url: str) -> list[dict]:
    """Every campaign short link, for the staff's kit: address, target, QR codes, preview."""
    kit = []
    for c in model.campaigns:
        page, _ = model.resolve(c.lang, c.page)
        short = absolute(site_url, f"go/{c.slug}/")
        kit.append({
            "slug": c.slug,
            "short_url": short,
            "display": display_address(short),
            "title": page.meta["title"] if page else c.page,
            "target": page_url(c.page, c.lang),
            "lang": LANGUAGES[c.lang],
            "params": ", ".join(f"{k}={v}" for k, v in c.params),
            "qr_svg": f"go/{c.slug}/qr.svg",
            "qr_png": f"go/{c.slug}/qr.png",
            "preview": preview_path(c.page, c.lang),
        })
    return kit


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
        adr.value = vobject.vcard.Address(street=a["street"], city=a["city"], code=a["postal_code"], country="Deutschland")
        adr.type_param = "WORK"
    if location.meta.get("geo"):
        v.add("geo").value = f"{location.meta['geo']['lat']};{location.meta['geo']['lon']}"
    if site_url:
        v.add("url").value = f"{site_url.rstrip('/')}/{card['url']}"
    # An address book reads a bare carriage return or a control character as the start of a new field.
    return require_safe_lines(v.serialize(), location.display_path, 1, "its vCard")


def site_view(lang_code: str) -> dict:
    """What every template of one language's build may use, pages or not (the 404 page)."""
    lang = LANGUAGES[lang_code]
    return {"lang": lang,
            "home": page_url("index.md", lang_code), "directory": page_url("locations/index.md", lang_code),
            # the language switcher of a page without a view of its own (the 404 page): every language's home
            "switcher": [{"tag": other.tag, "name": other.name, "link": page_url("index.md", code)} for code, other in LANGUAGES.items()],
            # the search's count: one form per CLDR plural category (search.js picks one with
            # Intl.PluralRules and writes the number in data-digits)
            "search": {"none": lang.t("Keine passende Seite gefunden."), "digits": lang.digits,
                       # an inflected language's Snowball stemmer (model/text.py; an ES module search.js imports)
                       "stemmer": f"assets/javascripts/snowball/{lang.stemmer}-stemmer.js" if lang.stemmer else None,
                       "count": _plural_forms(lang, lambda number: lang.n("{count} passende Seite", "{count} passende Seiten", number))}}


def page_frame(lang: Language, paths: dict[str, str], title: str, description: str, shown: dt.date, site_url: str) -> dict:
    """What every page the site serves has, whatever made it (a content page, a postcode page):
    share tags and preview, canonical and hreflang alternates, the language switcher and the
    offline notice. `paths`: the page's site path in each language it is published in."""
    return {
        "lang": lang,
        "offline": {"notice": lang.t("Sie sind offline. Diese Seite ist auf Ihrem Gerät gespeichert und zeigt den Stand vom {date}.", date=localised_date(shown, lang)),
                    "core": [page_url(p, lang.code) for p in CORE_PAGES] + [PLACES_INDEX]},
        "alternates": [{"hreflang": hreflang, "path": path, "url": absolute(site_url, path)}
                       for hreflang, path in [*((LANGUAGES[code].tag, path) for code, path in paths.items()),
                                              ("x-default", paths[DEFAULT_LANGUAGE])]],
        # Every language of the site: a language this page is not published in leads to its home page.
        "switcher": [{"tag": other.tag, "name": other.name, "link": paths.get(code, page_url("index.md", code))}
                     for code, other in LANGUAGES.items()],
        "share": _share(lang, paths[lang.code], title, description, paths, site_url),
        "jsonld": [],
    }


def generated_page_view(lang_code: str, paths: dict[str, str], title: str, description: str, shown: dt.date, site_url: str) -> dict:
    """The page view of a page the site makes itself (the finder's postcode pages): the same
    frame as every content page, nothing of a content page's own."""
    return {**page_frame(LANGUAGES[lang_code], paths, title, description, shown, site_url),
            "fallback": False, "outdated": False, "draft": False, "notice": [], "contacts": [], "sources": [],
            "programme": None, "country_lists": None, "as_of": None, "type": "generated", "layout": None, "location": None,
            "directory": None, "finder": None, "catalogue": None, "campaign_kit": None, "event": None, "events": None}


def page_view(model: ContentModel, lang_code: str, rel_path: str, site_url: str = "", site_name: str = "",
              catalogue: list[dict] | None = None, today: dt.date | None = None) -> dict:
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
            contacts.append(contact_card(model, location))
    location = location_view(model, page, lang) if page.type == "location" else None
    jsonld = []
    if location:
        jsonld.append(location_jsonld(page, location, model.states.get(meta["state"]), site_url))
    if meta.get("layout") == "faq":
        jsonld.append(faq_jsonld(page))
    if rel_path == "index.md":
        jsonld.append(organisation_jsonld(model, lang, site_url, site_name))
    today = today or meta["updated"]
    event = event_view(model, page, lang, today) if page.type == "event" else None
    if event:
        jsonld.append(event_jsonld(event, page, site_url))
    # Structured data is read by machines that show it elsewhere (search results, maps, calendars).
    require_safe(jsonld, page.display_path, 1, "its structured data (JSON-LD)")
    paths = {code: page_url(rel_path, code) for code in LANGUAGES if code in page.languages}
    frame = page_frame(lang, paths, meta["title"], meta["description"], reviewed or meta["updated"], site_url)
    return {
        **frame,
        "fallback": fallback,
        "fallback_lang": LANGUAGES[DEFAULT_LANGUAGE] if fallback else None,
        "outdated": outdated,
        "draft": page.is_draft,
        # the one notice above the text (draft, limited assisted return, what a fact sheet is)
        "notice": notice_view(page, lang),
        "programme": programme_view(model, page, lang) if page.type == "country" else None,
        "country_lists": country_lists_view(page, lang) if page.type == "programme" else None,
        "as_of": {"iso": reviewed.isoformat(), "text": lang.t("Stand: {date}", date=localised_date(reviewed, lang))} if reviewed else None,
        "sources": sources_view(model, page, lang),
        "contacts": contacts,
        "type": page.type,
        "layout": meta.get("layout"),
        "location": location,
        "jsonld": jsonld,
        "directory": directory_view(model, lang) if meta.get("layout") == "directory" else None,
        # the search by postcode or place: on the directory and in the home page's "near you" section
        "finder": finder_view(model, lang) if meta.get("layout") == "directory" or rel_path == "index.md" else None,
        "catalogue": catalogue_view(model, lang, catalogue or []) if meta.get("layout") == "catalogue" else None,
        "campaign_kit": campaign_kit_view(model, site_url) if meta.get("layout") == "campaign-kit" else None,
        "event": event,
        # The events page lists upcoming events and the archive; the staff landing page the upcoming ones.
        "events": {**event_lists(model, lang, today), "archived": meta["layout"] == "events",
                   "feed": feed_path(lang_code), "index": page_url("events/index.md", lang_code)}
                  if meta.get("layout") in ("events", "staff") else None,
    }

