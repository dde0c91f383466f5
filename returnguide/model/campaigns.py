"""Campaign short links (materials/campaigns.yml): one address per campaign that leads to a page
in one language with the campaign's parameters, and never changes its target.

    - slug: syria-fa              # /go/syria-fa/
      page: countries/sy.md
      lang: fa
      params: {utm_source: instagram, utm_medium: social, utm_campaign: syria-2026}
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlencode

from .languages import DEFAULT_LANGUAGE, LANGUAGES
from .pages import Pages
from .problems import Problem, display_path
from .yamlio import read_yaml_nodes

_SLUG = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")
_PARAM = re.compile(r"^[A-Za-z0-9_.-]{1,64}$")


@dataclass(frozen=True)
class Campaign:
    slug: str
    page: str
    lang: str
    params: tuple[tuple[str, str], ...]
    line: int

    @property
    def query(self) -> str:
        return urlencode(self.params)


def load_campaigns(path: Path, model: Pages, leaflet_ids: set[str], problems: list[Problem]) -> list[Campaign]:
    """The campaigns of materials/campaigns.yml; problems name the line. A slug may not be a
    leaflet's short link (leaflet_ids)."""
    data, node = read_yaml_nodes(path, problems)
    if node is None:
        return []
    shown = display_path(path)
    if not isinstance(data, list):
        problems.append(Problem(shown, 1, "give a list of campaigns (- slug: …, page: …, lang: …, params: {…})"))
        return []
    campaigns, seen = [], {}
    for entry, item in zip(data, node.value, strict=True):
        line = item.start_mark.line + 1
        if not isinstance(entry, dict) or set(entry) - {"slug", "page", "lang", "params"} or not {"slug", "page", "lang"} <= set(entry):
            problems.append(Problem(shown, line, "a campaign has slug, page, lang and optionally params"))
            continue
        slug, page, lang, params = str(entry["slug"]), str(entry["page"]), str(entry["lang"]), entry.get("params") or {}
        if not _SLUG.match(slug):
            problems.append(Problem(shown, line, f"slug {slug!r}: use lower-case letters, digits and hyphens"))
        elif slug in seen:
            problems.append(Problem(shown, line, f"slug {slug!r} is already used on line {seen[slug]}; slugs are forever, pick another"))
        elif slug in leaflet_ids:
            problems.append(Problem(shown, line, f"slug {slug!r} is the short link of a leaflet; pick another"))
        elif lang not in LANGUAGES:
            problems.append(Problem(shown, line, f"lang {lang!r} is not a language of the site ({', '.join(LANGUAGES)})"))
        elif model.page(DEFAULT_LANGUAGE, page) is None:
            problems.append(Problem(shown, line, f"page {page!r} does not exist (no docs/{DEFAULT_LANGUAGE}/{page}); point the campaign at an existing page"))
        elif lang not in model.page(DEFAULT_LANGUAGE, page).languages:
            problems.append(Problem(shown, line, f"page {page!r} is not published in {lang!r} (published_in:); point the campaign at a language it has"))
        elif not isinstance(params, dict):
            problems.append(Problem(shown, line, "params: give a mapping, e.g. {utm_source: instagram}"))
        elif bad := [f"{k}: {v}" for k, v in params.items() if not _PARAM.match(str(k)) or not _PARAM.match(str(v))]:
            problems.append(Problem(shown, line, f"params: {', '.join(bad)}: use only letters, digits, '-', '_' and '.' "
                                                 "(at most 64 each); a campaign parameter is a label, not text"))
        else:
            seen[slug] = line
            campaigns.append(Campaign(slug, page, lang, tuple((str(k), str(v)) for k, v in params.items()), line))
    return campaigns
