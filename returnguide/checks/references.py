"""References between pages and registries, which no single field can judge: a location reached
through another, an operator or organiser of the organisations registry, the regions a location
serves, quoted sections, contacts, and an event's dates, deadline, place and cancellation note.
The site cannot be built while one of them is broken (`blocking`)."""

from __future__ import annotations

import datetime as dt

from ..model.content import ContentModel
from ..model.languages import DEFAULT_LANGUAGE
from ..model.pages import QUOTE, event_day
from ..model.problems import Problem


def blocking(model: ContentModel) -> list[Problem]:
    """The errors no output can be made with: those found while loading and broken references
    (`mkdocs serve` and `returnguide leaflets` stop on them; `make check` reports every problem)."""
    return model.errors + [p for p in references(model) + events(model) if p.severity == "error"]


def references(model: ContentModel) -> list[Problem]:
    """What one page's fields name elsewhere: the location a location is reached through, its
    operator and the regions it serves; quoted sections; the locations a page lists as contacts."""
    problems: list[Problem] = []
    locations = model.locations()
    for location_id, page in locations.items():
        where = page.display_path
        via = page.meta.contact_via
        if via is not None and (via not in locations or via == location_id):
            problems.append(Problem(where, page.line_of("contact_via"), f"contact_via: {via!r} is not another location; known locations: {', '.join(sorted(locations))}"))
        operator = page.meta.operator
        if page.lang == DEFAULT_LANGUAGE and operator and operator not in model.organisations:
            problems.append(Problem(where, page.line_of("operator"), f"operator: {operator!r} is not an organisation of materials/organisations.yml; "
                                                                           f"add it there (names per language) or use one of: {', '.join(sorted(model.organisations))}"))
        served = page.meta.serves
        state = model.states.get(page.meta.state)
        if isinstance(served, list):
            known = {r.id for r in state.regions} if state else set()
            for region in served:
                if region not in known:
                    problems.append(Problem(where, page.line_of("serves"), f"serves: {region!r} is not a district or city of {page.meta.state} in materials/regions.yml; check the spelling"))
    for page in model.pages.values():
        for match in QUOTE.finditer(page.body):
            line = page.body_start + page.body[:match.start()].count("\n")
            quoted = model.page(DEFAULT_LANGUAGE, match["page"])
            if quoted is None:
                problems.append(Problem(page.display_path, line, f"quote: page {match['page']!r} does not exist (no docs/{DEFAULT_LANGUAGE}/{match['page']})"))
            elif (model.page(page.lang, match["page"]) or quoted).section(match["id"]) is None:
                found = model.page(page.lang, match["page"]) or quoted
                problems.append(Problem(page.display_path, line, f"quote: {match['page']} has no section {{#{match['id']}}} in docs/{found.lang}/; "
                                                                      f"its sections: {', '.join(found.section_ids())}"))
        for location_id in page.meta.contacts:
            if location_id not in locations:
                known = ", ".join(sorted(locations)) or "none yet"
                problems.append(Problem(page.display_path, page.line_of("contacts"), f"contacts: unknown location {location_id!r}; known locations: {known}"))
    return problems


def events(model: ContentModel) -> list[Problem]:
    """What a single field cannot know: end before start, a deadline after the start, a
    cancelled event without a note, an organiser nobody knows."""
    problems: list[Problem] = []
    locations = model.locations()
    for page in model.pages.values():
        if page.type != "event":
            continue
        meta, where = page.meta, page.display_path
        start, end = meta.start, meta.end
        if page.lang == DEFAULT_LANGUAGE and start is not None and end is not None:
            if isinstance(start, dt.datetime) != isinstance(end, dt.datetime):
                problems.append(Problem(where, page.line_of("end"), "end: give start and end alike, both as days (all-day event) or both as times"))
            elif end < start:
                problems.append(Problem(where, page.line_of("end"), f"end: {end.isoformat()} is before the start ({start.isoformat()}); check both"))
            deadline = meta.registration.deadline if meta.registration else None
            if deadline and deadline > event_day(start):
                problems.append(Problem(where, page.line_of("registration"), f"registration: the deadline {deadline.isoformat()} is after the start "
                                                                                   f"({event_day(start).isoformat()}); registration must close before the event"))
            organiser = meta.organiser
            if organiser and organiser not in locations and organiser not in model.organisations:
                known = ", ".join(sorted(set(locations) | set(model.organisations)))
                problems.append(Problem(where, page.line_of("organiser"), f"organiser: {organiser!r} is neither a location (locations/<id>.md) "
                                                                                 f"nor an organisation of materials/organisations.yml; known: {known}"))
            place = meta.place
            if place and not place.online and not place.city:
                problems.append(Problem(where, page.line_of("place"), "place: give the city (and the address where known), or online: true"))
        if meta.event_status == "cancelled" and not page.own.get("event_note"):
            problems.append(Problem(where, page.line_of("event_status") if page.lang == DEFAULT_LANGUAGE else 1,
                                          "event_note: a cancelled event needs a note saying so (and what instead), in every language"))
    return problems
