"""The plugin's typed settings (mkdocs.yml, `plugins: - returnguide: …`)."""

from __future__ import annotations

from mkdocs.config import config_options as c
from mkdocs.config.base import Config


class ReturnGuideConfig(Config):
    # materials/: regions, glossary, leaflet definitions, campaigns (default: beside docs_dir)
    materials_dir = c.Optional(c.Type(str))
    # Preview images and QR codes kept between builds, relative to mkdocs.yml
    cache_dir = c.Type(str, default=".cache")
    # Rendered leaflets (PDFs, thumbs/, manifest.json) to publish in materials/ and list in the
    # catalogue; `make build` renders them first and sets this; `make serve` shows the last
    # `returnguide leaflets` run (build/leaflets), or the catalogue says none were built.
    leaflets_dir = c.Type(str, default="build/leaflets")
