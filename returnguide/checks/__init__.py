"""The checks layer: rules over the whole model. Each reads the model and returns problems."""

from __future__ import annotations

import datetime as dt

from ..model.content import ContentModel
from ..model.problems import Problem, sort_problems
from . import addresses, content, facts, german_names, places, safety, strings


def run_all(model: ContentModel, today: dt.date) -> list[Problem]:
    """Every problem: those found while loading, and those of the checks."""
    return sort_problems(
        list(model.problems) + content.freshness(model, today) + content.parity(model)
        + content.heading_structure(model) + content.consequences(model) + content.glossary_terms(model) + content.orthography(model)
        + content.outdated_translations(model) + content.section_labels(model) + addresses.check(model, model.materials_dir)
        + safety.body_html(model) + safety.docs_files(model.docs_dir) + german_names.unmarked(model)
        + places.coverage(model) + places.routing_rule(model) + places.contact_reach(model) + places.neighbours(model)
        + places.place_names(model) + strings.untranslated() + facts.sources(model) + facts.programme(model) + facts.internal_notes(model)
    )
