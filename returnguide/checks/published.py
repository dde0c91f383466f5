"""Links never break: no alias or campaign takes an address that is someone else's (a page, a
printed QR code's short link), and every published address (materials/published-urls.txt)
still resolves."""

from __future__ import annotations

from pathlib import Path

from ..model.addresses import PUBLISHED, addresses
from ..model.content import ContentModel
from ..model.languages import LANGUAGES
from ..model.problems import Problem, display_path
from ..model.urls import page_url
from ..model.yamlio import read_text

# First segments of addresses the site itself uses: a language's pages, short links, its assets.
RESERVED = (*LANGUAGES, "go", "assets", "search", "stylesheets", "javascripts")


def collisions(model: ContentModel) -> list[Problem]:
    """No alias or campaign takes an address something else already has (a page in any language,
    a leaflet's or campaign's short link, a reserved folder), and no two aliases the same one."""
    problems = []
    owners = {page_url(p.rel_path, lang): f"the page {p.display_path}" for p in model.sources() for lang in LANGUAGES}
    leaflets = model.materials_dir / "leaflets" if model.materials_dir else Path("materials/leaflets")
    for v in model.leaflets:
        owners.setdefault(f"go/{v.id}/", f"the short link of leaflet {v.id} ({display_path(leaflets / (v.definition + '.yml'))}), printed on paper")
    campaigns = display_path(model.materials_dir / "campaigns.yml") if model.materials_dir else "campaigns.yml"
    for c in model.campaigns:
        address = f"go/{c.slug}/"
        if address in owners:
            problems.append(Problem(campaigns, c.line, f"slug {c.slug!r}: /{address} is already {owners[address]}; pick another slug"))
        else:
            owners[address] = f"the short link of the campaign on {campaigns}:{c.line}"
    for source in model.sources():
        for alias in source.meta.aliases or []:
            where = (source.display_path, source.line_of("aliases"))
            if alias in {p.rel_path for p in model.sources()}:
                problems.append(Problem(*where, f"aliases: {alias!r} is a page of the site; an alias is an address that no longer has its own page"))
                continue
            first = alias.split("/", 1)[0].removesuffix(".md")
            if first in RESERVED:
                problems.append(Problem(*where, f"aliases: {alias!r} lies in /{first}/, which the site itself uses (languages, short "
                                                "links, assets); an old address there cannot be taken over"))
                continue
            for lang in LANGUAGES:
                address = page_url(alias, lang)
                if address in owners:
                    problems.append(Problem(*where, f"aliases: {alias!r} would take /{address}, which is already {owners[address]}; remove it"))
                    break
                owners[address] = f"an alias of {source.display_path}"
    return problems


def check(model: ContentModel, materials_dir: Path) -> list[Problem]:
    """Addresses taken twice, and published addresses that no longer resolve."""
    problems = collisions(model)
    path = materials_dir / PUBLISHED
    if path.is_file():
        known = addresses(model)
        text = read_text(path, problems)
        for number, line in enumerate((text or "").splitlines(), 1):
            address = line.split("#")[0].strip()
            if address and address not in known:
                problems.append(Problem(display_path(path), number,
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
