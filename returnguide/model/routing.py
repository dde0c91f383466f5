"""Which counselling the site offers for each district and independent city: the rule the
directory, the finder and the postcode pages share, and that `make check` proves holds for
every region.

- An authority (`kind: authority`: the LaZuF, a foreigners' authority) is never offered as
  independent counselling.
- A location counsels a region it `serves:` (on site, mobile on request, or statewide).
- A counselling office in a reception centre (`kind: reception-centre-office`) with a `town:`
  is listed for the region that town lies in (by the postcode table) and for its neighbours:
  it counsels the people living there, and the reader learns where it is.
- A region no independent counselling serves says so, and names the confirmed counselling of
  the nearest regions: fewest borders crossed, by the neighbours of materials/regions.yml and
  the postcodes two regions share (materials/postcodes/). Counting borders needs no
  coordinates, which the postcode table does not have.
- No dead ends: what a region is offered must lead a reader to a phone number or an e-mail
  address, that of a published location which is no authority, found on the location itself
  or along its `contact_via` (`contact_of`, `reached_contacts`; `make check` holds it).
"""

from __future__ import annotations

from pathlib import PurePosixPath

from .content import ContentModel
from .pages import Page
from .places import fold_place
from .regions import Region

AUTHORITY = "authority"
# How a location reaches a region (labels.REACH), in the order the site lists them.
HOW = ("on_site", "always_reachable", "mobile_on_request", "reception_centre_here",
       "reception_centre_nearby", "nearest")
# What counts as counselling for the region itself; the rest only points to somewhere near.
OWN = ("on_site", "always_reachable", "mobile_on_request", "reception_centre_here")


def is_authority(location: Page) -> bool:
    return location.meta.kind == AUTHORITY


def reach(location: Page, region_id: str) -> str | None:
    """How a location's `serves:` reaches a district or city (a key of labels.REACH), or None."""
    if is_authority(location):
        return None
    served = location.meta.serves or []
    if served != "statewide" and region_id not in served:
        return None
    if location.meta.kind == "mobile":
        return "mobile_on_request"
    return "on_site" if region_id in served else "always_reachable"


def _cache(model: ContentModel, name: str) -> dict:
    """A memo of one kind, kept on the model while its pages stay the same."""
    cache = model.routes_cache
    if cache.get("pages") != len(model.pages):
        cache.clear()
        cache["pages"] = len(model.pages)
    return cache.setdefault(name, {})


def neighbours(model: ContentModel, state_code: str) -> dict[str, set[str]]:
    """Region id -> the regions bordering it: declared in regions.yml, or sharing a postcode."""
    memo = _cache(model, "neighbours")
    if state_code not in memo:
        memo[state_code] = _neighbours(model, state_code)
    return memo[state_code]


def _neighbours(model: ContentModel, state_code: str) -> dict[str, set[str]]:
    state = model.states[state_code]
    found = {r.id: set(state.neighbours.get(r.id, ())) for r in state.regions}
    for a, b in shared_postcodes(model, state_code):
        found[a].add(b)
        found[b].add(a)
    return found


def shared_postcodes(model: ContentModel, state_code: str) -> set[tuple[str, str]]:
    """Pairs of regions of one state (sorted) that share a postcode: they border each other."""
    known = {r.id for r in model.states[state_code].regions}
    by_code: dict[str, set[str]] = {}
    for place in model.places.rows:
        if place.region in known:
            by_code.setdefault(place.postcode, set()).add(place.region)
    return {(a, b) for regions in by_code.values() for a in regions for b in regions if a < b}


def town_regions(model: ContentModel, town: str, state_code: str) -> set[str]:
    """The regions a place of that name lies in, by the postcode table (one, if the name is clear)."""
    known = {r.id for r in model.states[state_code].regions} if state_code in model.states else set()
    by_name = _cache(model, "towns")
    if not by_name:
        for p in model.places.rows:
            by_name.setdefault(fold_place(p.name), set()).add(p.region)
    return {r for r in by_name.get(fold_place(town), set()) if r in known}


def _stem(location: Page) -> str:
    return PurePosixPath(location.rel_path).stem


def counselling(model: ContentModel, region: Region) -> list[tuple[str, str]]:
    """(location id, how) for one district or city, in the order of HOW; never an authority."""
    memo = _cache(model, "counselling")
    if region.id not in memo:
        memo[region.id] = _counselling(model, region)
    return list(memo[region.id])


def _counselling(model: ContentModel, region: Region) -> list[tuple[str, str]]:
    locations = [loc for loc in model.locations().values() if loc.meta.state == region.state and not is_authority(loc)]
    near = neighbours(model, region.state) if region.state in model.states else {}
    found: dict[str, str] = {}
    for loc in locations:
        how = reach(loc, region.id)
        town = loc.meta.town
        if how is None and loc.meta.kind == "reception-centre-office" and town:
            where = town_regions(model, town, region.state)
            if region.id in where:
                how = "reception_centre_here"
            elif where & near.get(region.id, set()):
                how = "reception_centre_nearby"
        if how:
            found[_stem(loc)] = how
    if not any(how in OWN for how in found.values()):
        for stem in nearest(model, region, locations, near):
            found.setdefault(stem, "nearest")
    return sorted(found.items(), key=lambda item: (HOW.index(item[1]), item[0]))


def nearest(model: ContentModel, region: Region, locations: list[Page], near: dict[str, set[str]]) -> list[str]:
    """The locations serving the closest regions that have their own counselling (fewest borders)."""
    return sorted({stem for _, stem in _nearest(region, locations, near)})


def _nearest(region: Region, locations: list[Page], near: dict[str, set[str]]) -> list[tuple[str, str]]:
    """(region id, location id) at the fewest borders from the region where counselling is on site."""
    seen, frontier = {region.id}, {region.id}
    while frontier:
        frontier = {n for r in frontier for n in near.get(r, ())} - seen
        seen |= frontier
        found = sorted({(r, _stem(loc)) for loc in locations for r in frontier if reach(loc, r) == "on_site"})
        if found:
            return found
    return []


def nearest_regions(model: ContentModel, region: Region) -> list[str]:
    """The closest regions with counselling of their own, for a region that has none (else [])."""
    if not none_confirmed(counselling(model, region)):
        return []
    locations = [loc for loc in model.locations().values() if loc.meta.state == region.state and not is_authority(loc)]
    return sorted({r for r, _ in _nearest(region, locations, neighbours(model, region.state))})


def none_confirmed(options: list[tuple[str, str]]) -> bool:
    """Whether no counselling of the region's own is confirmed (only the nearest are named)."""
    return not any(how in OWN for _, how in options)


def has_contact(location: Page) -> bool:
    """Whether the record states a phone number or an e-mail address of its own."""
    return bool(location.meta.phone or location.meta.email)


def contact_of(model: ContentModel, stem: str) -> str | None:
    """The location whose phone number or e-mail address a reader of location `stem` reaches: the
    location itself or, along `contact_via`, the one it is reached through (followed to its end).
    Only a published record that is no authority counts: a draft's number is not confirmed, and an
    authority is never the way to independent counselling. None if the way ends at nothing."""
    locations, seen = model.locations(), set()
    while stem in locations and stem not in seen:
        seen.add(stem)
        location = locations[stem]
        if is_authority(location):
            return None
        if has_contact(location) and not location.is_draft:
            return stem
        stem = location.meta.contact_via or ""
    return None


def reached_contacts(model: ContentModel, region: Region) -> list[tuple[str, str, str | None]]:
    """(location id, how, the id whose phone or e-mail it leads to, or None) for every location the
    routing offers a district or city, in the order of `counselling`."""
    return [(stem, how, contact_of(model, stem)) for stem, how in counselling(model, region)]
