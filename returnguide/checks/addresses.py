"""Links never break: aliases that collide with a page, and published addresses
(materials/published-urls.txt) that no longer resolve."""

from __future__ import annotations

from pathlib import Path

from ..model.addresses import PUBLISHED, addresses
from ..model.content import ContentModel
from ..model.problems import Problem, display_path


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
