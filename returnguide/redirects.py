"""Static redirects (short campaign links, old addresses): one small HTML file each,
so they work on any static host; deploy/nginx.conf may answer them with a 301 instead."""

from __future__ import annotations

from pathlib import Path

import jinja2

TEMPLATE = Path(__file__).resolve().parent.parent / "overrides" / "rg-redirect.html"


def write(site_dir: Path, redirects: dict[str, dict], site_url: str) -> None:
    """redirects: site path of the old or short address ("go/x/") -> {"target": site path of
    the target ("fa/countries/sy/?utm_campaign=x"), "title": its title, "lang": its language}.
    Targets are written relative, so a preview on localhost follows them too."""
    env = jinja2.Environment(loader=jinja2.FileSystemLoader(TEMPLATE.parent), autoescape=True, keep_trailing_newline=True)
    template = env.get_template(TEMPLATE.name)
    for path, spec in sorted(redirects.items()):
        target = spec["target"]
        depth = len([p for p in path.strip("/").split("/") if p])
        relative = "../" * depth + target
        out = site_dir / path.strip("/") / "index.html"
        if out.exists():
            raise FileExistsError(f"redirect {path} would overwrite a page of the site; choose another address")
        out.parent.mkdir(parents=True, exist_ok=True)
        canonical = site_url.rstrip("/") + "/" + target.split("?")[0]
        out.write_text(template.render(target=relative, canonical=canonical, title=spec["title"], lang=spec["lang"]), encoding="utf-8")
