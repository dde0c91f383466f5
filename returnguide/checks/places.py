"""The postcode table reaches every district and city the site knows, and every row of it
maps to one: a place that led nowhere, or a district nobody could find, is an error."""

from __future__ import annotations

from ..model.content import ContentModel
from ..model.problems import Problem


def coverage(model: ContentModel) -> list[Problem]:
    places = model.places
    if places is None or not places.rows:  # missing table: reported while loading
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
