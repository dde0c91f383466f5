"""What a site page shows beside its text, computed from the model for one language:
the "As of" line, the fallback and draft notices, contact cards, share data, structured data.
Templates render these plain dicts; they decide nothing themselves.
"""

from __future__ import annotations

import datetime as dt

from ..model import labels
from ..model.characters import require_safe
from ..model.content import ContentModel
from ..model.languages import DEFAULT_LANGUAGE, LANGUAGES, Language
from ..model.leaflets import TARGET_GROUPS
from ..model.pages import is_outdated
from ..model.urls import (
    CORE_PAGES,
    PLACES_INDEX,
    absolute,
    feed_path,
    page_url,
)
from ..views.cards import contact_card, localised_date
from ..views.events import event_lists, event_view
from ..views.facts import country_lists_view, notice_view, programme_view, sources_view
from .directory import directory_view, location_view
from .finder import finder_view, plural_forms
from .outreach import campaign_kit_view, share_data
from .structured_data import event_jsonld, faq_jsonld, location_jsonld, organisation_jsonld


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
                "title": page.meta.title if page else e["title"],
                # the title's language where it is not the reader's (a German leaflet on the Arabic page)
                "title_lang": LANGUAGES[page.lang if page else e["languages"][0]],
                "subtitle": item.meta.title if item else None,
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
        "languages": [{"key": k, "name": " + ".join(lang.name_of(c) for c in k.split("+"))}
                      for k in language_keys],
        "withheld": lang.n("{count} weiteres Merkblatt wird noch geprüft und ist noch nicht zum Verteilen freigegeben.",
                           "{count} weitere Merkblätter werden noch geprüft und sind noch nicht zum Verteilen freigegeben.",
                           withheld) if withheld else None,
        "built": bool(catalogue),
    }


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
                       "count": plural_forms(lang, lambda number: lang.n("{count} passende Seite", "{count} passende Seiten", number))}}


def page_frame(lang: Language, paths: dict[str, str], title: str, description: str, shown: dt.date, site_url: str) -> dict:
    """What every page the site serves has, whatever made it (a content page, a postcode page):
    share tags and preview, canonical and hreflang alternates, the language switcher and the
    offline notice. `paths`: the page's site path in each language it is published in."""
    return {
        "lang": lang,
        "offline": {"notice": lang.t("Die Verbindung fehlt oder ist zu langsam. Diese Seite ist auf Ihrem Gerät gespeichert und zeigt den Stand vom {date}.", date=localised_date(shown, lang)),
                    "core": [page_url(p, lang.code) for p in CORE_PAGES] + [PLACES_INDEX]},
        "alternates": [{"hreflang": hreflang, "path": path, "url": absolute(site_url, path)}
                       for hreflang, path in [*((LANGUAGES[code].tag, path) for code, path in paths.items()),
                                              ("x-default", paths[DEFAULT_LANGUAGE])]],
        # Every language of the site: a language this page is not published in leads to its home page.
        "switcher": [{"tag": other.tag, "name": other.name, "link": paths.get(code, page_url("index.md", code))}
                     for code, other in LANGUAGES.items()],
        "share": share_data(lang, paths[lang.code], title, description, paths, site_url),
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
    reviewed = meta.last_reviewed
    source = model.page(DEFAULT_LANGUAGE, rel_path)
    outdated = not fallback and lang_code != DEFAULT_LANGUAGE and source is not None and is_outdated(page, source)
    contacts = []
    for location_id in meta.contacts or []:
        location = model.location(location_id, lang_code)
        if location is not None:
            contacts.append(contact_card(model, location))
    location = location_view(model, page, lang) if page.type == "location" else None
    jsonld = []
    if location:
        jsonld.append(location_jsonld(page, location, model.states.get(meta.state), site_url))
    if meta.layout == "faq":
        jsonld.append(faq_jsonld(page))
    if rel_path == "index.md":
        jsonld.append(organisation_jsonld(model, lang, site_url, site_name))
    today = today or meta.updated
    event = event_view(model, page, lang, today) if page.type == "event" else None
    if event:
        jsonld.append(event_jsonld(event, page, site_url))
    # Structured data is read by machines that show it elsewhere (search results, maps, calendars).
    require_safe(jsonld, page.display_path, 1, "its structured data (JSON-LD)")
    paths = {code: page_url(rel_path, code) for code in LANGUAGES if code in page.languages}
    frame = page_frame(lang, paths, meta.title, meta.description, reviewed or meta.updated, site_url)
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
        "layout": meta.layout,
        "location": location,
        "jsonld": jsonld,
        "directory": directory_view(model, lang) if meta.layout == "directory" else None,
        # the search by postcode or place: on the directory and in the home page's "near you" section
        "finder": finder_view(model, lang) if meta.layout == "directory" or rel_path == "index.md" else None,
        "catalogue": catalogue_view(model, lang, catalogue or []) if meta.layout == "catalogue" else None,
        "campaign_kit": campaign_kit_view(model, site_url) if meta.layout == "campaign-kit" else None,
        "event": event,
        # The events page lists upcoming events and the archive; the staff landing page the upcoming ones.
        "events": {**event_lists(model, lang, today), "archived": meta.layout == "events",
                   "feed": feed_path(lang_code), "index": page_url("events/index.md", lang_code)}
                  if meta.layout in ("events", "staff") else None,
    }
