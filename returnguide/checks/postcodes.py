"""The postcode table reaches every district and city the site knows, and every row of it
maps to one: a place that led nowhere, or a district nobody could find, is an error."""

from __future__ import annotations

from ..model import routing
from ..model.content import ContentModel
from ..model.languages import DEFAULT_LANGUAGE, LANGUAGES
from ..model.problems import Problem, display_path
from ..model.regions import PLACE_NAMES


def coverage(model: ContentModel) -> list[Problem]:
    places = model.places
    if not places.rows:  # missing table: reported while loading
        return []
    problems = []
    regions = {r.id: r for state in model.states.values() for r in state.regions}
    for key, (region, line) in sorted(places.keys.items()):
        if region not in regions:
            problems.append(Problem(places.keys_path, line, f"{key}: {region!r} is not a district or city of materials/regions.yml; "
                                    "write it as there, with 'Landkreis ' or 'Stadt ' before the name"))
    for place in places.rows:
        where = f"{place.postcode} {place.name} (municipality key {place.ags})"
        if place.region is None:
            problems.append(Problem(places.path, place.line, f"{where} maps to no district or city: add its district key "
                                    f"\"{place.ags[:5]}\" to {places.keys_path}"))
            continue
        region = regions.get(place.region)
        if region is None:
            continue  # reported above, at the key
        named = places.district_names.get(place.line, "")
        # An independent city has no district column; a district's own name must appear in it.
        if region.kind == "city" and named:
            problems.append(Problem(places.path, place.line, f"{where} lies in {named!r} by the table, but its key leads to "
                                    f"{place.region!r}; correct the key in {places.keys_path}"))
        elif region.kind == "district" and region.name.split(" (")[0] not in named:
            problems.append(Problem(places.path, place.line, f"{where} lies in {named or 'an independent city'!r} by the table, "
                                    f"but its key leads to {place.region!r}; correct the key in {places.keys_path}"))
    reached = places.regions()
    for state in model.states.values():
        for region in state.regions:
            if region.id not in reached:
                problems.append(Problem(places.keys_path, 1, f"{region.id!r} ({state.name}) is reached by no postcode: "
                                        "give its district key here, or check the postcode table"))
    return problems


def routing_rule(model: ContentModel) -> list[Problem]:
    """Every district and city is covered by the routing rule (model/routing.py): it names
    independent counselling of its own or, saying none is confirmed, the nearest confirmed one;
    never an authority. In Rhineland-Palatinate each lists the hotline and the mobile
    counselling, where the model knows them. A reception centre's town must lie in one region."""
    if not model.states:
        return []
    problems: list[Problem] = []
    regions_file = display_path(model.materials_dir / "regions.yml") if model.materials_dir else "materials/regions.yml"
    locations = model.locations()
    for loc in locations.values():
        town, state = loc.meta.town, loc.meta.state
        if town and state in model.states and model.places.rows:
            where = routing.town_regions(model, town, state)
            if len(where) != 1:
                found = ", ".join(sorted(where)) or "no district or city"
                problems.append(Problem(loc.display_path, loc.line_of("town"), f"town: {town!r} lies in {found} by the postcode table; "
                                                                             "write the town as the table does, so it names one"))
    for state in model.states.values():
        ours = [loc for loc in locations.values() if loc.meta.state == state.code and not routing.is_authority(loc)]
        if not any(loc.meta.serves for loc in ours):
            continue  # a tree that lists no counselling for the state (a test tree) has nothing to route
        statewide_kinds = {loc.meta.kind for loc in ours if loc.meta.serves == "statewide"}
        for region in state.regions:
            line = state.region_line.get(region.id, 1)
            options = routing.counselling(model, region)
            offered = [locations[stem] for stem, _ in options if stem in locations]
            if any(routing.is_authority(loc) for loc in offered):
                problems.append(Problem(regions_file, line, f"{region.id}: an authority is offered as counselling"))
            if not options:
                problems.append(Problem(regions_file, line, f"{region.id} ({state.name}): no independent counselling of its own and none "
                                                            "near it; give a location `serves:` it, or its neighbours in regions.yml"))
            for kind in sorted(statewide_kinds & {"hotline", "mobile"}):
                if not any(loc.meta.kind == kind for loc in offered):
                    problems.append(Problem(regions_file, line, f"{region.id}: the statewide {kind} is not listed"))
    return problems


def contact_reach(model: ContentModel) -> list[Problem]:
    """No dead ends: from every district and city the routing (model/routing.py, the rule of the
    directory, the finder and the postcode pages) reaches at least one published location that is
    no authority and gives a phone number or an e-mail address, itself or through `contact_via`.
    A region that reaches none is an error at its line in regions.yml, naming what it is offered
    and why each leads nowhere."""
    if not model.states:
        return []
    problems: list[Problem] = []
    regions_file = display_path(model.materials_dir / "regions.yml") if model.materials_dir else "materials/regions.yml"
    locations = model.locations()
    for state in model.states.values():
        ours = [loc for loc in locations.values() if loc.meta.state == state.code and not routing.is_authority(loc)]
        if not any(loc.meta.serves for loc in ours):
            continue  # a tree that lists no counselling for the state (a test tree) has nothing to route
        dead_ends = 0
        for region in state.regions:
            reached = routing.reached_contacts(model, region)
            if any(contact for _, _, contact in reached):
                continue
            dead_ends += 1
            why = "; ".join(f"{stem} ({_dead_end(model, stem)})" for stem, _, _ in reached) or "nothing"
            gap = state.contact_gap
            problems.append(Problem(regions_file, state.region_line.get(region.id, 1),
                                    f"{region.id} ({state.name}): no published phone number or e-mail address is reached: "
                                    f"the routing offers {why}; publish a sourced phone or email in one of them, "
                                    "or lead one through contact_via to a published record that has one"
                                    + (f" (a known gap, line {state.contact_gap_line}: searched {gap['checked']})" if gap else ""),
                                    "warning" if gap else "error"))
        if state.contact_gap and not dead_ends:
            problems.append(Problem(regions_file, state.contact_gap_line, f"{state.code}: contact_gap: every district and city "
                                                                          "reaches a published contact now; remove contact_gap"))
    return problems


def _dead_end(model: ContentModel, stem: str) -> str:
    """Why the way from a location (along contact_via) ends at no contact, in a few words."""
    locations, seen, steps = model.locations(), set(), []
    while True:
        if stem not in locations:
            steps.append(f"{stem!r}, which is no location")
            break
        if stem in seen:
            steps.append(f"{stem} again (a circle)")
            break
        seen.add(stem)
        location = locations[stem]
        if routing.is_authority(location):
            steps.append(f"{stem} is an authority" if steps else "an authority")
            break
        status = "a draft" if location.is_draft else "published"
        own = "its phone or e-mail not confirmed" if routing.has_contact(location) else "no phone or e-mail"
        via = location.meta.contact_via
        steps.append(("" if not steps else f"{stem}: ") + f"{status}, {own}" + ("" if via else ", no contact_via"))
        if not via:
            break
        stem = via
    return ", contact_via ".join(steps)


def neighbours(model: ContentModel) -> list[Problem]:
    """Two regions that share a postcode border each other: where a state declares its
    neighbours (materials/regions.yml), each such pair must be among them."""
    problems = []
    regions_file = display_path(model.materials_dir / "regions.yml") if model.materials_dir else "materials/regions.yml"
    for state in model.states.values():
        if not state.neighbours:
            continue
        for a, b in sorted(routing.shared_postcodes(model, state.code)):
            if b not in state.neighbours.get(a, set()):
                problems.append(Problem(regions_file, state.neighbours_line.get(a, 1), f"neighbours: {a} and {b} share a postcode "
                                                                                       "(materials/postcodes/) but are not listed as neighbours"))
    return problems


def place_names(model: ContentModel) -> list[Problem]:
    """Every state's, district's and city's name in every language of the registry (but those
    that show the German names as they are: `german_place_names`)."""
    problems = []
    names_file = display_path(model.materials_dir / PLACE_NAMES) if model.materials_dir else f"materials/{PLACE_NAMES}"
    for state in model.states.values():
        for german, names in [(state.name, state.names)] + [(r.name, r.names) for r in state.regions]:
            missing = [code for code, lang in LANGUAGES.items()
                       if code != DEFAULT_LANGUAGE and not lang.german_place_names and code not in names]
            if missing:
                problems.append(Problem(names_file, 1, f"{german!r} has no name in {', '.join(missing)}: add it "
                                                       "(as commonly written in that script); until then the German name is shown",
                                        "warning"))
    return problems
