"""Where a page's facts come from, and whether the site agrees with itself.

- sources: every source is a public document of a known publisher, on that publisher's own
  web domain; a fact page cites at least one primary source (a public body, an international
  organisation, the organisation speaking of itself); every fact's `source:` names one of them.
- programme: a country sheet's programme block agrees with the country lists of the programme
  pages (a country on the reduced travel allowance list has `travel_allowance: reduced`, and
  only such a country); a published sheet has the block; special rules speak every language.
- internal notes: no page names ../shared or FACTS.md, not even in editors' notes.
"""

from __future__ import annotations

import re

from ..model.content import ContentModel
from ..model.languages import DEFAULT_LANGUAGE
from ..model.pages import Page
from ..model.problems import Problem

# Page types whose facts must rest on a primary source.
FACT_TYPES = ("country", "programme", "location", "event")

# Which country list decides which programme fact, and the value a listed country must have.
# (list, fact, values a listed country may have, values an unlisted country may have)
LIST_RULES = (
    ("reduced-travel-allowance", "travel_allowance", {"reduced"}, {"full"}),
    ("start-up-payment", "start_up_payment", {"yes", "reduced"}, {"no"}),
    ("assisted-return-suspended", "assisted_return", {"suspended"}, {"available", "limited"}),
    ("starthilfe-plus-regular", "starthilfe_plus", {"regular"}, {"reduced", "housing", "none"}),
    ("starthilfe-plus-reduced", "starthilfe_plus", {"reduced"}, {"regular", "housing", "none"}),
    ("starthilfe-plus-housing", "starthilfe_plus", {"housing"}, {"regular", "reduced", "none"}),
    ("eurp", "eurp", {"yes"}, {"no"}),
)


def sources(model: ContentModel) -> list[Problem]:
    problems = []
    for page in model.pages.values():
        if page.lang != DEFAULT_LANGUAGE:
            continue  # sources are neutral: written once, in the German page
        entries = page.meta.sources
        where = page.display_path
        line = page.line_of("sources")
        primary = False
        for i, entry in enumerate(entries, 1):
            org = model.organisations.get(entry.publisher)
            if org is None:
                problems.append(Problem(where, line, f"sources, item {i}: publisher {entry.publisher!r} is not an organisation of "
                                                     f"materials/organisations.yml; add it there (names, domains, primary) or use one of: "
                                                     f"{', '.join(sorted(model.organisations))}"))
                continue
            if not org.publishes(entry.url):
                problems.append(Problem(where, line, f"sources, item {i}: {entry.url} is not on a web domain of {entry.publisher!r} "
                                                     f"({', '.join(org.domains)}); cite the publisher's own page or name the right publisher"))
            primary = primary or org.primary
        if page.type in FACT_TYPES and entries and not primary:
            severity = "warning" if page.is_draft else "error"
            problems.append(Problem(where, line, "sources: none is a primary source (a public body, IOM, the organisation itself, "
                                                 "marked `primary: true` in materials/organisations.yml); cite where the facts come from"
                                                 + ("" if severity == "error" else " before publishing"), severity))
        known = {e.id for e in entries if e.id}
        for field, source_id in _fact_sources(page):
            if source_id not in known:
                problems.append(Problem(where, page.line_of(field), f"{field}: source {source_id!r} is not the id of a source of this page "
                                                                    f"(known: {', '.join(sorted(known)) or 'none; give the sources an id:'})"))
    return problems


# Our own notes are no source: a page names the public primary source, never these.
INTERNAL_NOTES = re.compile(r"\.\./shared/|\bFACTS\.md\b")


def internal_notes(model: ContentModel) -> list[Problem]:
    """A page (front matter, editors' notes included, or text) that cites the team's notes."""
    problems = []
    for page in model.pages.values():
        for field, value in page.own.items():
            if INTERNAL_NOTES.search(str(value)):
                problems.append(Problem(page.display_path, page.line_of(field), f"{field}: names ../shared or FACTS.md; cite the public "
                                                                              "primary source (title, publisher, address, date), never the team's notes"))
        for offset, line in enumerate(page.body.split("\n")):
            if INTERNAL_NOTES.search(line):
                problems.append(Problem(page.display_path, page.body_start + offset, "names ../shared or FACTS.md; cite the public "
                                                                                    "primary source, never the team's notes"))
    return problems


def _fact_sources(page: Page) -> list[tuple[str, str]]:
    """(field, source id) of every fact of the page that names its source."""
    found = []
    block = page.meta.programme
    if block:
        found += [("programme", fact.source) for fact in block.facts().values()]
        found += [("programme", rule.source) for rule in block.special_rules]
        if block.virtual_counselling:
            found.append(("programme", block.virtual_counselling.source))
    for entry in (page.meta.country_lists or {}).values():
        if entry:
            found.append(("country_lists", entry.source))
    hours = page.meta.opening_hours
    if hours and hours.note_source:
        found.append(("opening_hours", hours.note_source))
    return found


def programme(model: ContentModel) -> list[Problem]:
    problems = []
    lists: dict[str, tuple[Page, set[str]]] = {}
    for page in model.pages.values():
        if page.lang != DEFAULT_LANGUAGE or page.type != "programme":
            continue
        for name, entry in (page.meta.country_lists or {}).items():
            if not entry:
                continue
            if name in lists:
                other = lists[name][0]
                problems.append(Problem(page.display_path, page.line_of("country_lists"), f"country_lists: {name!r} is also given in "
                                                                                        f"{other.display_path}; keep each list on one programme page"))
                continue
            lists[name] = (page, set(entry.countries))
    for page in model.pages.values():
        if page.type != "country":
            continue
        block = page.meta.programme
        where, line = page.display_path, page.line_of("programme")
        if page.lang != DEFAULT_LANGUAGE:
            for rule in block.special_rules if block else []:
                if page.lang not in rule.text:
                    problems.append(Problem(where, 1, f"programme: a special rule has no {page.lang!r} text; add `{page.lang}:` under its "
                                                      f"`text:` in {model.page(DEFAULT_LANGUAGE, page.rel_path).display_path}", "warning"))
            continue
        if not block:
            if not page.is_draft:
                problems.append(Problem(where, 1, "programme: a published country sheet needs its programme block (assisted return, "
                                                  "travel allowance, start-up payment, StarthilfePlus, EURP, each with its source)"))
            continue
        code = page.meta.country
        for list_name, fact, listed_values, unlisted_values in LIST_RULES:
            if list_name not in lists:
                continue
            listing_page, countries = lists[list_name]
            value = getattr(block, fact).status
            listed = code in countries
            if listed and value not in listed_values:
                problems.append(Problem(where, line, f"programme: {fact}: {value!r} contradicts {listing_page.display_path}, which lists "
                                                     f"{code} under {list_name!r}; write {' or '.join(sorted(listed_values))} or correct the list"))
            elif not listed and value in listed_values and value not in unlisted_values:
                problems.append(Problem(where, line, f"programme: {fact}: {value!r} but {listing_page.display_path} does not list {code} "
                                                     f"under {list_name!r}; add it there (with its source) or correct the sheet"))
    return problems

