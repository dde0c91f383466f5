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

from .content import ContentModel, Problem, _display, read_yaml_nodes
from .languages import DEFAULT_LANGUAGE, LANGUAGES
from .presentation import page_url

_SLUG = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")
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
    shown = _display(path)
    if not isinstance(data, list):
        problems.append(Problem(shown, 1, "give a list of campaigns (- slug: …, page: …, lang: …, params: {…})"))
        return []
    campaigns, seen = [], {}
    for entry, item in zip(data, node.value):
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
        elif not isinstance(params, dict):
            problems.append(Problem(shown, line, "params: give a mapping, e.g. {utm_source: instagram}"))
        else:
            seen[slug] = line
            campaigns.append(Campaign(slug, page, lang, tuple((str(k), str(v)) for k, v in params.items()), line))
    return campaigns


def redirects(model: ContentModel) -> dict[str, dict]:
    """Short links of campaigns and earlier addresses of moved pages -> the page (and language)
    they lead to, with the query they add (see redirects.write)."""
    out = {}
    for c in model.campaigns:
        out[f"go/{c.slug}/"] = {"page": c.page, "lang": c.lang, "query": c.query}
    for source in model.sources():
        for alias in source.meta.get("aliases") or []:
            for lang in LANGUAGES:
                out[page_url(alias, lang)] = {"page": source.rel_path, "lang": lang, "query": ""}
    return out


def addresses(model: ContentModel) -> set[str]:
    """Every address the build serves, as a path from the site root ("/fa/countries/sy/"):
    pages in every language, redirects, leaflets."""
    found = {page_url(p.rel_path, lang) for p in model.sources() for lang in LANGUAGES}
    found |= set(redirects(model))
    for v in model.leaflets:
        found |= {f"go/{v.id}/", f"materials/{v.id}.pdf"}
    return {"/" + a for a in found}


def check(model: ContentModel, materials_dir: Path) -> list[Problem]:
    """Aliases that collide with a page, and published addresses that no longer resolve."""
    problems = []
    pages = {p.rel_path for p in model.sources()}
    for source in model.sources():
        for alias in source.meta.get("aliases") or []:
            if alias in pages:
                problems.append(Problem(source.display_path, source.line_of("aliases"),
                                        f"aliases: {alias!r} is a page of the site; an alias is an address that no longer has its own page"))
    path = materials_dir / PUBLISHED
    if path.is_file():
        known = addresses(model)
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            address = line.split("#")[0].strip()
            if address and address not in known:
                problems.append(Problem(_display(path), number,
                                        f"{address!r} was published and no longer resolves; add the old path to `aliases:` "
                                        "of the page that replaced it (or restore the campaign or leaflet)"))
    return problems


def record(model: ContentModel, materials_dir: Path) -> int:
    """Add the addresses of the current content to published-urls.txt; returns how many were new."""
    path = materials_dir / PUBLISHED
    lines = path.read_text(encoding="utf-8").splitlines() if path.is_file() else [
        "# Every address this site ever published (site paths). Never remove a line: `make check`",
        "# fails when one stops resolving. `make urls` adds the addresses of the current content.",
    ]
    have = {l.split("#")[0].strip() for l in lines}
    new = sorted(a for a in addresses(model) if a not in have)
    path.write_text("\n".join(lines + new) + "\n", encoding="utf-8")
    return len(new)
