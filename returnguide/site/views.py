"""What a site page shows beside its text, computed from the model for one language:
the "As of" line, the fallback and draft notices, contact cards, share data, structured data.
Templates render these plain dicts; they decide nothing themselves.
"""

from __future__ import annotations

from pathlib import PurePosixPath
from urllib.parse import quote, urlencode

import vobject
from babel import Locale

from ..model import labels, schema
from ..model.content import ContentModel, Page, is_outdated
from ..model.languages import DEFAULT_LANGUAGE, LANGUAGES, Language
from ..model.leaflets import TARGET_GROUPS
from ..model.urls import CORE_PAGES, absolute, alternates, display_address, page_url, preview_path
from ..views.cards import contact_card, localised_date, opening_hours, plain_text, reachable_card


def location_view(model: ContentModel, location: Page, lang: Language) -> dict:
    meta = location.meta
    card = reachable_card(model, location, lang.code)
    geo = meta.get("geo")
    state = model.states.get(meta["state"])
    served = meta.get("serves") or []
    return {
        **card,
        "kind_label": labels.say(lang, labels.KINDS, meta["kind"]),
        "services": [labels.say(lang, labels.SERVICES, s) for s in meta.get("services") or []],
        "languages": [Locale.parse(code).get_display_name(lang.babel_locale) or code for code in meta.get("languages") or []],
        "step_free": labels.say(lang, labels.STEP_FREE, meta.get("step_free") or "unknown"),
        "hours": opening_hours(meta.get("opening_hours"), lang),
        "serves": lang.t("Für ganz {state}", state=state.name) if served == "statewide" and state else ", ".join(served),
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
        "@type": "GovernmentService" if meta["kind"] == "office" else "Service",
        "name": meta["title"],
        "description": meta["description"],
        "url": site_url.rstrip("/") + "/" + page_url(location.rel_path, location.lang) if site_url else None,
        "provider": {"@type": "Organization", "name": meta["operator"]},
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


def directory_view(model: ContentModel, lang: Language) -> dict:
    """All locations, and for every district and city the counselling available there."""
    locations = [loc for loc in (model.location(i, lang.code) for i in sorted(model.locations())) if loc is not None]
    cards = {PurePosixPath(loc.rel_path).stem: reachable_card(model, loc, lang.code) for loc in locations}
    for loc in locations:
        cards[PurePosixPath(loc.rel_path).stem]["kind_label"] = labels.say(lang, labels.KINDS, loc.meta["kind"])
    states = []
    for state in model.states.values():
        here = [loc for loc in locations if loc.meta["state"] == state.code]
        regions = []
        for region in state.regions:
            options = []
            for loc in here:
                served = loc.meta.get("serves") or []
                if served == "statewide" or region.id in served:
                    how = "mobile_on_request" if loc.meta["kind"] == "mobile" else ("on_site" if region.id in served else "always_reachable")
                    options.append({"how": labels.say(lang, labels.REACH, how), "card": cards[PurePosixPath(loc.rel_path).stem]})
            regions.append({"id": region.id, "name": region.name, "kind": labels.say(lang, labels.REGION_KINDS, region.kind), "options": options})
        states.append({"code": state.code, "name": state.name, "regions": regions})
    return {"cards": list(cards.values()), "states": states}


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
            entries.append({
                "title": page.meta["title"] if page else e["title"],
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
        "languages": [{"key": k, "name": " + ".join(LANGUAGES[c].name for c in k.split("+"))} for k in language_keys],
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
    lang = LANGUAGES[lang_code]
    page, _ = model.resolve(lang_code, rel_path)
    if page is None:
        return None
    url = absolute(site_url, page_url(rel_path, lang_code))
    title, description = page.meta["title"], page.meta["description"]
    return {
        "url": url,
        "title": title,
        "description": description,
        "locale": lang.og_locale,
        "locale_alternates": [other.og_locale for other in LANGUAGES.values() if other.code != lang_code],
        "image": absolute(site_url, preview_path(rel_path, lang_code)),
        "image_alt": lang.t("Vorschau: {title}", title=title),
        "links": [{"name": name, "href": pattern.format(urlencode(params(title, url), quote_via=quote)),
                   "label": lang.t("Über {service} teilen", service=name)} for name, pattern, params in SHARE_SERVICES],
        "qr": "qr.svg",
        "qr_alt": lang.t("QR-Code mit der Adresse {url}", url=display_address(url)),
    }


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
        if location is None:
            continue
        meta = location.meta
        org = organisations.setdefault(meta["operator"], {"@type": "Organization", "name": meta["operator"], "contactPoint": []})
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
    v.add("org").value = [card["operator"]]
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
    return v.serialize()


def site_view(lang_code: str) -> dict:
    """What every template of one language's build may use, pages or not (the 404 page)."""
    lang = LANGUAGES[lang_code]
    return {"lang": lang,
            "home": page_url("index.md", lang_code), "directory": page_url("locations/index.md", lang_code)}


def page_view(model: ContentModel, lang_code: str, rel_path: str, site_url: str = "", site_name: str = "",
              catalogue: list[dict] | None = None) -> dict:
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
    location = location_view(model, page, lang) if page.type == "location" else None
    jsonld = []
    if location:
        jsonld.append(location_jsonld(page, location, model.states.get(meta["state"]), site_url))
    if meta.get("layout") == "faq":
        jsonld.append(faq_jsonld(page))
    if rel_path == "index.md":
        jsonld.append(organisation_jsonld(model, lang, site_url, site_name))
    shown_date = reviewed or meta["updated"]
    return {
        "lang": lang,
        "offline": {"notice": lang.t("Sie sind offline. Diese Seite ist auf Ihrem Gerät gespeichert und zeigt den Stand vom {date}.", date=localised_date(shown_date, lang)),
                    "core": [page_url(p, lang_code) for p in CORE_PAGES]},
        "fallback": fallback,
        "fallback_lang": LANGUAGES[DEFAULT_LANGUAGE] if fallback else None,
        "outdated": outdated,
        "draft": page.is_draft,
        "as_of": {"iso": reviewed.isoformat(), "text": lang.t("Stand: {date}", date=localised_date(reviewed, lang))} if reviewed else None,
        "sources": [dict(zip(("url", "note"), schema.split_source(s), strict=True)) for s in meta.get("sources") or []],
        "contacts": contacts,
        "alternates": [{**alt, "url": absolute(site_url, alt["path"])} for alt in alternates(rel_path)],
        "type": page.type,
        "assisted_return": labels.say(lang, labels.ASSISTED_RETURN, meta["assisted_return"]) if meta.get("assisted_return") in labels.ASSISTED_RETURN else None,
        "location": location,
        "share": share_view(model, lang_code, rel_path, site_url),
        "jsonld": jsonld,
        "directory": directory_view(model, lang) if meta.get("layout") == "directory" else None,
        "catalogue": catalogue_view(model, lang, catalogue or []) if meta.get("layout") == "catalogue" else None,
        "campaign_kit": campaign_kit_view(model, site_url) if meta.get("layout") == "campaign-kit" else None,
    }

