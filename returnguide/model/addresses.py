"""Addresses that must never break: campaign short links, earlier addresses of moved
pages (`aliases:`), and the committed list of every address ever published.

materials/campaigns.yml:

    - slug: syria-fa              # /go/syria-fa/
      page: countries/sy.md
      lang: fa
      params: {utm_source: instagram, utm_medium: social, utm_campaign: syria-2026}

materials/published-urls.txt: one path per line (`/fa/countries/sy/`, `/go/syria-fa/`).
`make check` fails when one of them no longer resolves; `returnguide urls --record`
adds the addresses of the current build.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlencode

from .content import ContentModel
from .languages import DEFAULT_LANGUAGE, LANGUAGES
from .problems import Problem, display_path
from .urls import page_url, postcode_page
from .yamlio import read_yaml_nodes

_SLUG = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")
_PARAM = re.compile(r"^[A-Za-z0-9_.-]{1,64}$")
PUBLISHED = "published-urls.txt"


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


def load_campaigns(path: Path, model: ContentModel, problems: list[Problem]) -> list[Campaign]:
    """The campaigns of materials/campaigns.yml; problems name the line."""
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
        elif slug in {v.id for v in model.leaflets}:
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


def leaflet_redirects(model: ContentModel) -> dict[str, dict]:
    """A leaflet's short link (its QR code) -> its page, with the campaign parameters naming it."""
    return {
        f"go/{v.id}/": {"page": v.qr_page, "lang": v.languages[-1],
                        "query": f"utm_source=leaflet&utm_medium=print&utm_campaign={v.id}"}
        for v in model.leaflets
    }


def redirects(model: ContentModel) -> dict[str, dict]:
    """Short links of leaflets and campaigns, and earlier addresses of moved pages -> the page
    (and language) they lead to, with the query they add (see site/redirects.py)."""
    out = leaflet_redirects(model)
    for c in model.campaigns:
        out[f"go/{c.slug}/"] = {"page": c.page, "lang": c.lang, "query": c.query}
    for source in model.sources():
        for alias in source.meta.get("aliases") or []:
            for lang in source.languages:
                out[page_url(alias, lang)] = {"page": source.rel_path, "lang": lang, "query": ""}
    return out


def addresses(model: ContentModel) -> set[str]:
    """Every address the build serves, as a path from the site root ("/fa/countries/sy/"):
    pages in every language, redirects, leaflets, the finder's postcode pages."""
    found = {page_url(p.rel_path, lang) for p in model.sources() for lang in p.languages}
    found |= set(redirects(model))
    # A poster lives only until its event is over (its short link stays): its PDF is not recorded.
    found |= {f"materials/{v.id}.pdf" for v in model.leaflets if v.expires is None}
    if model.places is not None and model.places.rows:
        areas = [None, *model.places.areas()]
        found |= {postcode_page(lang, area) for lang in LANGUAGES for area in areas}
    return {"/" + a for a in found}
