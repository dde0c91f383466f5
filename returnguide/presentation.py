"""What a page shows beside its text, computed from the model for one language:
the "As of" line, the fallback and draft notices, contact cards, hreflang alternates.
Templates (site and leaflets) render these plain dicts; they decide nothing themselves.
"""

from __future__ import annotations

import datetime as dt
import html
import re
from pathlib import PurePosixPath
from urllib.parse import quote, urlencode

import markdown

from babel import Locale
from babel.dates import format_date, get_day_names

from . import schema

from .checks import is_outdated
from .content import ContentModel, Page
from .languages import DEFAULT_LANGUAGE, LANGUAGES, Language


def localised_date(date: dt.date, lang: Language) -> str:
    return lang.localise_digits(format_date(date, format="long", locale=lang.babel_locale))


def page_url(rel_path: str, lang: str) -> str:
    """Site-relative URL of a page: index.md -> '', a/index.md -> 'a/', a/b.md -> 'a/b/'."""
    path = PurePosixPath(rel_path)
    parts = list(path.parent.parts) + ([] if path.stem == "index" else [path.stem])
    url = "".join(f"{p}/" for p in parts)
    return url if lang == DEFAULT_LANGUAGE else f"{lang}/{url}"


def alternates(rel_path: str) -> list[dict]:
    """Every language's site-relative URL of the page (all exist: missing translations
    fall back), plus x-default."""
    links = [{"hreflang": lang.tag, "path": page_url(rel_path, lang.code)} for lang in LANGUAGES.values()]
    links.append({"hreflang": "x-default", "path": page_url(rel_path, DEFAULT_LANGUAGE)})
    return links


def contact_card(location: Page) -> dict:
    meta = location.meta
    hours = meta.get("opening_hours") or {}
    return {
        "url": page_url(location.rel_path, location.lang),
        "kind": meta["kind"],
        "state": meta["state"],
        "id": PurePosixPath(location.rel_path).stem,
        "title": meta["title"],
        "operator": meta["operator"],
        # Language-neutral facts are written in the source language.
        "facts_lang": LANGUAGES[DEFAULT_LANGUAGE],
        "phone": meta.get("phone"),
        "email": meta.get("email"),
        "address": meta.get("address"),
        "appointment_only": bool(hours.get("appointment_only")),
        "temporarily_closed": bool(hours.get("temporarily_closed")),
        "draft": location.is_draft,
    }


def reachable_card(model: ContentModel, location: Page, lang_code: str) -> dict:
    """A contact card; a location without its own phone shows the one it is reached through."""
    card = contact_card(location)
    via_id = location.meta.get("contact_via")
    via = model.location(via_id, lang_code) if via_id else None
    if via is not None and not card["phone"] and not card["email"]:
        card["via"] = contact_card(via)
        card["phone"], card["email"] = via.meta.get("phone"), via.meta.get("email")
    return card


def opening_hours(hours: dict | None, lang: Language) -> list[dict]:
    """Weekdays with their times, in the reader's language."""
    if not hours:
        return []
    names = get_day_names("wide", locale=lang.babel_locale)
    return [
        {"day": names[i], "times": [lang.localise_digits(t) for t in hours[day]]}
        for i, day in enumerate(schema.WEEKDAYS) if hours.get(day)
    ]


def location_view(model: ContentModel, location: Page, lang: Language, site_url: str) -> dict:
    meta = location.meta
    card = reachable_card(model, location, lang.code)
    geo = meta.get("geo")
    state = model.states.get(meta["state"])
    served = meta.get("serves") or []
    return {
        **card,
        "kind_label": lang.t(f"kind_{meta['kind']}"),
        "services": [lang.t(f"service_{s}") for s in meta.get("services") or []],
        "languages": [Locale.parse(code).get_display_name(lang.babel_locale) or code for code in meta.get("languages") or []],
        "step_free": lang.t(f"step_free_{meta.get('step_free') or 'unknown'}"),
        "hours": opening_hours(meta.get("opening_hours"), lang),
        "serves": lang.t("serves_statewide", state=state.name) if served == "statewide" and state else ", ".join(served),
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
        cards[PurePosixPath(loc.rel_path).stem]["kind_label"] = lang.t(f"kind_{loc.meta['kind']}")
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
                    options.append({"how": lang.t(how), "card": cards[PurePosixPath(loc.rel_path).stem]})
            regions.append({"id": region.id, "name": region.name, "kind": lang.t("district" if region.kind == "district" else "city"), "options": options})
        states.append({"code": state.code, "name": state.name, "regions": regions})
    return {"cards": list(cards.values()), "states": states}


def catalogue_view(model: ContentModel, lang: Language) -> dict:
    """The leaflets built with the site, by target group, labelled in the reader's language."""
    from .leaflets.definitions import TARGET_GROUPS

    groups = []
    for group in TARGET_GROUPS:
        entries = []
        for e in (e for e in model.catalogue if e["target_group"] == group):
            item = model.location(e["item"], lang.code) if group == "reception-centre" else None
            page, _ = model.resolve(lang.code, e["content_pages"][0])
            entries.append({
                "title": page.meta["title"] if page else e["title"],
                "subtitle": item.meta["title"] if item else None,
                "languages": [{"code": c, "name": LANGUAGES[c].name, "tag": LANGUAGES[c].tag} for c in e["languages"]],
                "language_key": "+".join(e["languages"]),
                "format": lang.t(f"format_{e['format']}"),
                "pages": lang.localise_digits(str(e["pages"])),
                "size": lang.localise_digits(f"{max(1, round(e['bytes'] / 1024))} KB"),
                "file": f"materials/{e['file']}",
                "thumbnail": f"materials/{e['thumbnail']}",
                "hreflang": LANGUAGES[e["languages"][-1]].tag,
            })
        if entries:
            groups.append({"id": group, "label": lang.t(f"target_{group}"), "entries": entries})
    language_keys = sorted({e["language_key"] for g in groups for e in g["entries"]}, key=lambda k: (len(k), list(LANGUAGES).index(k.split("+")[-1])))
    return {
        "groups": groups,
        "languages": [{"key": k, "name": " + ".join(LANGUAGES[c].name for c in k.split("+"))} for k in language_keys],
    }


def absolute(site_url: str, path: str) -> str:
    """A site path ("fa/countries/sy/") as a full address on the public site."""
    return site_url.rstrip("/") + "/" + path


def display_address(url: str) -> str:
    """An address as people read it, without the scheme: "rueckkehrberatung.example/fa/"."""
    return url.split("://", 1)[-1]


def preview_path(rel_path: str, lang_code: str) -> str:
    """Where a page's share-preview image lives: beside the page (`fa/countries/sy/preview.png`)."""
    return page_url(rel_path, lang_code) + "preview.png"


def qr_path(rel_path: str, lang_code: str) -> str:
    """Where a page's QR code lives: beside the page (`fa/countries/sy/qr.svg`)."""
    return page_url(rel_path, lang_code) + "qr.svg"


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
        "image_alt": lang.t("preview_alt", title=title),
        "links": [{"name": name, "href": pattern.format(urlencode(params(title, url), quote_via=quote)),
                   "label": lang.t("share_on", service=name)} for name, pattern, params in SHARE_SERVICES],
        "qr": "qr.svg",
        "qr_alt": lang.t("qr_alt", url=display_address(url)),
    }


def plain_text(markdown_text: str) -> str:
    """Markdown as plain text (for structured data)."""
    text = re.sub(r"<[^>]+>", " ", markdown.markdown(markdown_text, extensions=["attr_list"]))
    return re.sub(r"\s+", " ", html.unescape(text)).strip()


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
                "@type": "ContactPoint", "name": meta["title"], "contactType": lang.t(f"kind_{meta['kind']}"),
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
    """A vCard 3.0 of a location, for the phone's address book."""
    card = reachable_card(model, location, location.lang)

    def esc(text: str) -> str:
        return text.replace("\\", "\\\\").replace(",", "\\,").replace(";", "\\;").replace("\n", "\\n")

    lines = ["BEGIN:VCARD", "VERSION:3.0", f"FN:{esc(card['title'])}", f"ORG:{esc(card['operator'])}"]
    if card.get("phone"):
        lines.append(f"TEL;TYPE=WORK,VOICE:{card['phone'].e164}")
    if card.get("email"):
        lines.append(f"EMAIL;TYPE=INTERNET:{card['email']}")
    if card.get("address"):
        a = card["address"]
        lines.append(f"ADR;TYPE=WORK:;;{esc(a['street'])};{esc(a['city'])};;{esc(a['postal_code'])};Deutschland")
    if location.meta.get("geo"):
        lines.append(f"GEO:{location.meta['geo']['lat']};{location.meta['geo']['lon']}")
    if site_url:
        lines.append(f"URL:{site_url.rstrip('/')}/{card['url']}")
    lines.append("END:VCARD")
    return "\r\n".join(lines) + "\r\n"


# The pages a reader gets to keep for offline reading, in their language, once they opened
# the site: home, what counselling is, the return programme, the directory.
CORE_PAGES = ("index.md", "return-counselling.md", "programmes/reag-garp.md", "locations/index.md")


def site_view(lang_code: str) -> dict:
    """What every template of one language's build may use, pages or not (the 404 page)."""
    lang = LANGUAGES[lang_code]
    return {"lang": lang, "strings": lang.strings,
            "home": page_url("index.md", lang_code), "directory": page_url("locations/index.md", lang_code)}


def page_view(model: ContentModel, lang_code: str, rel_path: str, site_url: str = "", site_name: str = "") -> dict:
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
    location = location_view(model, page, lang, site_url) if page.type == "location" else None
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
        "strings": lang.strings,
        "offline": {"notice": lang.t("offline_notice", date=localised_date(shown_date, lang)),
                    "core": [page_url(p, lang_code) for p in CORE_PAGES]},
        "fallback": fallback,
        "fallback_lang": LANGUAGES[DEFAULT_LANGUAGE] if fallback else None,
        "outdated": outdated,
        "draft": page.is_draft,
        "as_of": {"iso": reviewed.isoformat(), "text": lang.t("as_of", date=localised_date(reviewed, lang))} if reviewed else None,
        "sources": [dict(zip(("url", "note"), schema.split_source(s))) for s in meta.get("sources") or []],
        "contacts": contacts,
        "alternates": [{**alt, "url": absolute(site_url, alt["path"])} for alt in alternates(rel_path)],
        "type": page.type,
        "assisted_return": lang.t(f"assisted_return_{meta['assisted_return']}") if meta.get("assisted_return") in ("suspended", "limited", "unknown") else None,
        "location": location,
        "share": share_view(model, lang_code, rel_path, site_url),
        "jsonld": jsonld,
        "directory": directory_view(model, lang) if meta.get("layout") == "directory" else None,
        "catalogue": catalogue_view(model, lang) if meta.get("layout") == "catalogue" else None,
        "campaign_kit": campaign_kit_view(model, site_url) if meta.get("layout") == "campaign-kit" else None,
    }
