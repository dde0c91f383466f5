"""Load the whole model once: the pages of every language, then what reads them (leaflet
definitions, campaigns and the postcode table), each reporting its problems as `path:line`."""

from __future__ import annotations

from pathlib import Path

from . import addresses, content, leaflets, places
from .content import ContentModel
from .problems import sort_problems


def load_model(docs_dir: Path | str, materials_dir: Path | str | None = None) -> ContentModel:
    """Pages, regions and glossary (content.load), leaflet definitions, campaigns, postcodes."""
    docs_dir = Path(docs_dir)
    materials_dir = Path(materials_dir) if materials_dir else docs_dir.parent / "materials"
    model = content.load(docs_dir, materials_dir)
    model.leaflets = leaflets.load(materials_dir / "leaflets", model, model.problems)
    model.campaigns = addresses.load_campaigns(materials_dir / "campaigns.yml", model, model.problems)
    model.places = places.load(materials_dir, model.problems)
    model.problems[:] = sort_problems(model.problems)
    return model
