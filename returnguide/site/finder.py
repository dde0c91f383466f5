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

from ..model import routing, text
from ..model.content import ContentModel
from ..model.languages import LANGUAGES
from ..model.places import INDEX_SEPARATORS, PLACE_RULES
from ..model.problems import ContentError, Problem
from ..model.urls import PLACES_INDEX, postcode_page
from . import page_views

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
        "regions": [[r.id, r.name, r.kind, r.state, [list(c) for c in page_views.region_counselling(model, r, german)],
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
    shown = directory.meta.get("last_reviewed") or directory.meta["updated"]
    landing = page_views.postcode_landing_view(model, lang)
    found = [PostcodePage({code: postcode_page(code) for code in LANGUAGES}, landing["title"], landing["description"],
                          shown, {"landing": landing})]
    for area in model.places.areas():
        view = page_views.postcode_area_view(model, lang, area)
        found.append(PostcodePage({code: postcode_page(code, area) for code in LANGUAGES}, view["title"], view["description"],
                                  shown, {"area": view}))
    return found
