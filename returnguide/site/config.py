"""The plugin's typed settings (mkdocs.yml, `plugins: - returnguide: …`)."""

from __future__ import annotations

from mkdocs.config import config_options as c
from mkdocs.config.base import Config


class ReturnGuideConfig(Config):
    # materials/: regions, glossary, leaflet definitions, campaigns (default: beside docs_dir)
    materials_dir = c.Optional(c.Type(str))
    # Preview images and QR codes kept between builds, relative to mkdocs.yml
    cache_dir = c.Type(str, default=".cache")
    # `make serve` only: the rendered leaflets (PDFs, thumbs/, manifest.json) of the last
    # `returnguide leaflets` run, published in materials/ and listed in the catalogue (none
    # there: the catalogue says none were built). `make build` hands over what it rendered.
    leaflets_dir = c.Type(str, default="build/leaflets")
