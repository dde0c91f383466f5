"""The content model, loaded complete in one step: every page of every language (model/pages.py)
with the registries they name, the leaflet definitions (model/leaflets.py), the campaigns
(model/campaigns.py) and the postcode table (model/places.py). `load_model(docs_dir)` reads all
of it once and collects every problem as `path:line: message`; everything else (checks, the
site, the leaflets) reads the returned `ContentModel` and never changes it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from . import leaflets as leaflet_definitions
from . import places as postcode_table
from .campaigns import Campaign, load_campaigns
from .leaflets import Variant
from .pages import Pages, load_pages
from .places import Places
from .problems import sort_problems


@dataclass
class ContentModel(Pages):
    leaflets: list[Variant] = field(default_factory=list)  # materials/leaflets/*.yml, one per leaflet and language set
    campaigns: list[Campaign] = field(default_factory=list)  # materials/campaigns.yml
    places: Places = field(default_factory=Places)  # materials/postcodes/: postcode -> place and district


def load_model(docs_dir: Path | str, materials_dir: Path | str | None = None) -> ContentModel:
    """Pages, regions, glossary and organisations, then what reads the pages (leaflet
    definitions and campaigns name pages and locations), and the postcode table; materials_dir
    defaults to the materials/ folder beside docs_dir."""
    docs_dir = Path(docs_dir)
    materials_dir = Path(materials_dir) if materials_dir else docs_dir.parent / "materials"
    pages = load_pages(docs_dir, materials_dir)
    problems = pages.problems
    variants = leaflet_definitions.load(materials_dir / "leaflets", pages, problems)
    campaigns = load_campaigns(materials_dir / "campaigns.yml", pages, {v.id for v in variants}, problems)
    places = postcode_table.load(materials_dir, problems)
    problems[:] = sort_problems(problems)
    return ContentModel(docs_dir, pages.pages, problems, pages.states, pages.glossary, pages.organisations, materials_dir,
                        leaflets=variants, campaigns=campaigns, places=places)
