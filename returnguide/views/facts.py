"""A page's facts as both outputs show them, in the reader's language: its sources (linked, with
their dates and publishers), a country sheet's programme block, a programme page's country
lists, and the one notice above a page's text. Every value comes from the front matter; the
templates only arrange it."""

from __future__ import annotations

from babel import Locale

from ..model import labels, values
from ..model.content import ContentModel
from ..model.languages import DEFAULT_LANGUAGE, LANGUAGES, Language
from ..model.pages import Page
from ..model.text import sort_key
from ..model.urls import page_url
from . import german
from .cards import localised_date, operator_name


def sources_view(model: ContentModel, page: Page, lang: Language) -> list[dict]:
    """The page's sources: title (marked with the document's language), address, publisher,
    the date the source states and the day an editor checked it."""
    out = []
    for entry in page.meta.sources:
        out.append({
            "id": entry.id,
            "title": entry.title,
            "title_lang": entry.lang,
            "title_dir": text_direction(entry.lang),
            "title_language": document_language(entry.lang, lang),
            "url": entry.url,
            "publisher": operator_name(model, entry.publisher, lang.code),
            "date": {"iso": entry.date.isoformat(), "text": lang.t("Stand der Quelle: {date}", date=localised_date(entry.date, lang))}
                    if entry.date else None,
            "checked": {"iso": entry.checked.isoformat(), "text": lang.t("geprüft am {date}", date=localised_date(entry.checked, lang))}
                       if entry.checked else None,
        })
    return out


def document_language(code: str, lang: Language) -> str | None:
    """A source's language in the reader's language ("in German", "باللغة الألمانية"), said beside
    its title where it is not the page's: the reader learns before following the link that the page
    there is in another language. None where it is the page's language."""
    if code.split("-")[0].lower() == lang.tag.split("-")[0].lower():
        return None
    # i18n: beside a source's title: the language of the page it links to. {language} is that
    # language's name as CLDR writes it on its own ("Englisch", "الألمانية", "немецкий"): a phrase
    # that needs no other grammatical form of it.
    return lang.t("auf {language}", language=lang.name_of(code))


def text_direction(code: str) -> str:
    """The direction a document's language is written in (CLDR), for its title."""
    return "rtl" if Locale.parse(code).text_direction == "rtl" else "ltr"


def _cite(sources: dict[str, values.Source], source_id: str, lang: Language) -> dict | None:
    """What a fact shows beside it: its source's title, address and date."""
    entry = sources.get(source_id)
    if entry is None:
        return None
    # the date the source states; for a source that states none, the day an editor read it, said so
    if entry.date:
        when, text = entry.date, localised_date(entry.date, lang)
    else:
        when = entry.checked
        text = lang.t("geprüft am {date}", date=localised_date(when, lang))
    return {"title": entry.title, "title_lang": entry.lang, "title_dir": text_direction(entry.lang),
            "title_language": document_language(entry.lang, lang), "url": entry.url,
            "date": {"iso": when.isoformat(), "text": text, "stated": bool(entry.date)}}


def programme_view(model: ContentModel, page: Page, lang: Language) -> dict | None:
    """A country sheet's programme block, row by row, each with its source and date."""
    block = page.meta.programme
    if not block:
        return None
    sources = {s.id: s for s in page.meta.sources if s.id}
    rows = []
    for name, label in labels.PROGRAMME_FACTS.items():
        fact = getattr(block, name)
        rows.append({
            "name": name,
            "label": lang.t(label),
            "value": labels.say(lang, labels.PROGRAMME_VALUES[name], fact.status),
            "status": fact.status,
            "since": lang.t("seit {date}", date=localised_date(fact.since, lang)) if fact.since else None,
            "source": _cite(sources, fact.source, lang),
        })
    rules = []
    for rule in block.special_rules:
        own = lang.code in rule.text
        period = []
        if rule.since:
            period.append(lang.t("seit {date}", date=localised_date(rule.since, lang)))
        if rule.until:
            period.append(lang.t("bis {date}", date=localised_date(rule.until, lang)))
        text = rule.text[lang.code if own else DEFAULT_LANGUAGE]
        rules.append({"text": german.marked(model, text, lang.code) if own else text,
                      "text_lang": LANGUAGES[lang.code if own else DEFAULT_LANGUAGE],
                      "period": ", ".join(period), "source": _cite(sources, rule.source, lang)})
    counselling = None
    if block.virtual_counselling:
        vc = block.virtual_counselling
        counselling = {"source": _cite(sources, vc.source, lang),
                       "channels": [_channel(c, lang) for c in vc.channels]}
    return {
        "title": lang.t("Programme und Unterstützung"),
        "rows": rows,
        "rules": rules,
        "virtual_counselling": counselling,
        "more": [{"title": model.page(lang.code, p).meta.title if model.page(lang.code, p) else None, "url": page_url(p, lang.code)}
                 for p in ("programmes/reag-garp.md", "programmes/reintegration.md") if model.page(DEFAULT_LANGUAGE, p)],
    }


def _channel(channel: values.Channel, lang: Language) -> dict:
    kind, value = channel.kind, channel.value
    number = channel.phone
    href = {"phone": number.tel if number else None,
            "whatsapp": f"https://wa.me/{number.e164.lstrip('+')}" if number else None,
            "viber": None, "telegram": None, "skype": None,
            "email": f"mailto:{value}", "web": value, "facebook": value}[kind]
    return {"kind": kind, "label": lang.t(labels.CHANNELS[kind]), "text": number.display if number else value, "href": href}


def country_name(code: str, lang: Language) -> str:
    return Locale.parse(lang.babel_locale).territories.get(code, code)


def country_lists_view(page: Page, lang: Language) -> list[dict]:
    """A programme page's country lists, with the countries' names in the reader's language."""
    lists = page.meta.country_lists or {}
    sources = {s.id: s for s in page.meta.sources if s.id}
    out = []
    for name, label in labels.COUNTRY_LISTS.items():
        entry = lists.get(name)
        if not entry:
            continue
        names = sorted((country_name(c, lang) for c in entry.countries), key=lambda n: sort_key(n, lang))
        out.append({"name": name, "label": lang.t(label), "countries": names,
                    "source": _cite(sources, entry.source, lang)})
    return out


def translation_note(page: Page, lang: Language) -> str | None:
    """What the reader should know of a translation nobody with its language has reviewed yet
    (None for the German source, a German fallback and a reviewed translation)."""
    record = page.own.get("translation") if page.lang == lang.code else None
    if not record or record.reviewed:
        return None
    return labels.say(lang, labels.TRANSLATION_NOT_REVIEWED, record.by)


def notice_view(page: Page, lang: Language) -> list[str]:
    """The one notice above a page's text: whether the page is confirmed, whether assisted return
    to the country is limited, and (country sheets) what the sheet can and cannot do."""
    lines = []
    block = page.meta.programme
    status = block.assisted_return.status if block else None
    if status in labels.ASSISTED_RETURN:
        lines.append(labels.say(lang, labels.ASSISTED_RETURN, status))
    if page.is_draft:
        lines.append(lang.t("Entwurf: Diese Angaben sind noch nicht bestätigt."))
    if page.type == "country":
        lines.append(lang.t("Diese Seite ersetzt keine persönliche Beratung. Regeln und Beträge ändern sich; "
                            "unter jeder Angabe steht, woher sie kommt und von wann sie ist."))
    note = translation_note(page, lang)
    if note:
        lines.append(note)
    return lines
