"""The checks layer: rules over the whole model. Each reads the model and returns problems."""

from __future__ import annotations

import datetime as dt

from ..model.content import ContentModel
from ..model.problems import Problem, sort_problems
from . import editorial, german_names, interface_strings, postcodes, published, references, safety, sources


def run_all(model: ContentModel, today: dt.date) -> list[Problem]:
    """Every problem: those found while loading, and those of the checks."""
    return sort_problems(
        list(model.problems) + references.references(model) + references.events(model) + editorial.freshness(model, today) + editorial.parity(model)
        + editorial.heading_structure(model) + editorial.consequences(model) + editorial.glossary_terms(model) + editorial.orthography(model) + editorial.latin_names_in_a_list(model)
        + editorial.numbers_at_a_line_start(model)
        + editorial.outdated_translations(model) + editorial.section_labels(model) + published.check(model, model.materials_dir)
        + safety.body_html(model) + safety.docs_files(model.docs_dir) + german_names.unmarked(model)
        + postcodes.coverage(model) + postcodes.routing_rule(model) + postcodes.contact_reach(model) + postcodes.neighbours(model)
        + postcodes.place_names(model) + interface_strings.untranslated() + sources.sources(model) + sources.programme(model) + sources.internal_notes(model)
    )
