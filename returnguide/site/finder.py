"""The finder by postcode or place: one lookup index for the whole site, and the static pages
that readers without JavaScript reach through its form.

The index (`search/places.json`, fetched by finder.js when the reader starts typing, kept by
the service worker with the directory) holds no words of any language: every district and city
with the ids of the locations that counsel there and how, and the places by postcode. Places
are written as lines, each postcode as the difference to the one before, and a district's
number only where it changes: `54290:35=Trier` (line 1), `2:Trier` (54292, still 35). The
folding rules travel with it, so the browser matches as returnguide.model.places does.
Derived from OpenStreetMap data: the index stays under the ODbL and says so.
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass
from pathlib import Path

from babel import Locale

from ..model import labels, routing, text
from ..model.content import ContentModel
from ..model.languages import LANGUAGES, Language
from ..model.places import INDEX_SEPARATORS, PLACE_RULES, fold_place
from ..model.problems import ContentError, Problem
from ..model.urls import PLACES_INDEX, page_url, postcode_page
from .directory import location_cards, region_counselling, region_entry, region_name

LICENCE = ("Places and postcodes: © OpenStreetMap contributors, via suche-postleitzahl.org; "
           "Open Database License 1.0 (https://opendatacommons.org/licenses/odbl/1-0/). This index is a derived database under the same licence.")
TEMPLATE = "rg-postcodes.html"  # in the theme's folders (overrides/)
DIRECTORY = "locations/index.md"  # the page the postcode pages lead back to


class PlacesError(ContentError):
    """A place the index cannot store (make check names it first: model/places.py)."""


def index(model: ContentModel) -> dict:
    regions = [r for state in model.states.values() for r in state.regions]
    number = {r.id: i for i, r in enumerate(regions)}
    german = LANGUAGES["de"]
    by_code: dict[str, dict[int, set[str]]] = {}
    for place in model.places.rows:
        if place.region not in number:
            continue  # reported by `make check`
        if INDEX_SEPARATORS.search(place.name):
            raise PlacesError(Problem(model.places.path, place.line, f"{place.name!r} holds one of : ; = , which the index uses to separate"))
        by_code.setdefault(place.postcode, {}).setdefault(number[place.region], set()).add(place.name)
    lines, previous, region = [], 0, None
    for code in sorted(by_code):
        parts = []
        for r, names in sorted(by_code[code].items()):
            parts.append(("" if r == region else f"{r}=") + ",".join(sorted(names)))
            region = r
        lines.append(f"{int(code) - previous}:{';'.join(parts)}")
        previous = int(code)
    return {
        "licence": LICENCE,
        "fold": text.table(),
        "place": [list(rule) for rule in PLACE_RULES],
        # id, German name, kind (district/city), state, [[location id, how it reaches]], and where no
        # counselling of its own is confirmed ("how" is "nearest"), the numbers of the nearest
        # regions that have some (model/routing.py)
        "regions": [[r.id, r.name, r.kind, r.state, [list(c) for c in region_counselling(model, r, german)],
                     [number[n] for n in routing.nearest_regions(model, r)]]
                    for r in regions],
        "places": "\n".join(lines),
    }


def write_index(site_dir: Path, model: ContentModel) -> None:
    """Once per site, after the search indexes (search.write empties search/)."""
    if not model.places.rows:
        return
    data = json.dumps(index(model), ensure_ascii=False, separators=(",", ":"), sort_keys=True)
    (site_dir / PLACES_INDEX).write_text(data, encoding="utf-8")


@dataclass(frozen=True)
class PostcodePage:
    """One of the finder's static pages in one language: where it is in every language, what
    its title and description say (share tags, preview image), and what the template shows."""
    paths: dict[str, str]  # site path in each language
    title: str
    description: str
    shown: dt.date  # the date the offline notice gives: the directory's, which it is drawn from
    view: dict


def pages(model: ContentModel, lang_code: str) -> list[PostcodePage]:
    """The finder's static pages of one language, the landing page first."""
    if not model.places.rows:
        return []
    lang = LANGUAGES[lang_code]
    directory = model.resolve(lang_code, DIRECTORY)[0] or model.resolve(lang_code, "index.md")[0]  # a site without a directory: its home
    shown = directory.meta.last_reviewed or directory.meta.updated
    landing = postcode_landing_view(model, lang)
    found = [PostcodePage({code: postcode_page(code) for code in LANGUAGES}, landing["title"], landing["description"],
                          shown, {"landing": landing})]
    for area in model.places.areas():
        view = postcode_area_view(model, lang, area)
        found.append(PostcodePage({code: postcode_page(code, area) for code in LANGUAGES}, view["title"], view["description"],
                                  shown, {"area": view}))
    return found


# ---------------------------------------------------------------- the views its template and finder.js show


def finder_view(model: ContentModel, lang: Language) -> dict | None:
    """The search by postcode or place (finder.js): where its index is, where its form leads
    without JavaScript, every location's card (the index names them by id) and the words it
    shows, in the reader's language."""
    if not model.places.rows:
        return None
    return {
        "index": PLACES_INDEX,
        "action": postcode_page(lang.code),
        "cards": {k: c for k, c in location_cards(model, lang).items() if c["kind"] != routing.AUTHORITY},  # never offered
        "how": {code: labels.say(lang, labels.REACH, code) for code in labels.REACH},
        "kinds": {code: labels.say(lang, labels.REGION_KINDS, code) for code in labels.REGION_KINDS},
        # Each district's and city's name in the reader's script, where it differs from the German.
        "names": {r.id: r.local_name(lang.code) for state in model.states.values() for r in state.regions
                  if r.local_name(lang.code) != r.name},
        "max_length": MAX_QUERY,
        "digits": lang.digits,
        "text": {
            # the count in each plural category of this language (finder.js picks one with Intl.PluralRules)
            "count": plural_forms(lang, lambda number: lang.n("{count} Treffer", "{count} Treffer", number)),
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


def plural_forms(lang: Language, say) -> dict[str, str]:
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
    cards = location_cards(model, lang)
    by_code: dict[str, dict[str, list[str]]] = {}
    for place in model.places.rows:
        if place.postcode.startswith(area) and place.region in regions:
            by_code.setdefault(place.postcode, {}).setdefault(place.region, []).append(place.name)
    german = LANGUAGES["de"]  # the places' and districts' names are German, in every language (Ürzig among the U)
    postcodes = [{"code": code, "regions": [{"slug": region_slug(rid), "name": regions[rid].name, "place": region_name(lang, regions[rid]),
                                             "kind": labels.say(lang, labels.REGION_KINDS, regions[rid].kind),
                                             "places": sorted(set(names), key=lambda n: text.sort_key(n, german))}
                                            for rid, names in sorted(found.items())]}
                 for code, found in sorted(by_code.items())]
    used = sorted({rid for found in by_code.values() for rid in found}, key=lambda rid: (text.sort_key(regions[rid].name, german), rid))
    return {
        "area": area,
        "title": lang.t("Beratung nach Postleitzahl: {area}…", area=area),
        "description": lang.t("Die Postleitzahlen {area}… mit ihrem Landkreis oder ihrer Stadt und der Rückkehrberatung, die dort zuständig ist.", area=area),
        "postcodes": postcodes,
        "regions": [{**region_entry(model, regions[rid], lang, cards), "slug": region_slug(rid)} for rid in used],
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
