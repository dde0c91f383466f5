"""Static redirects (short campaign links, old addresses): one small HTML file each,
so they work on any static host; deploy/nginx.conf may answer them with a 301 instead.
Each carries the preview tags of the page it leads to: a social network that reads the
short link shows the right title and image in the right language."""

from __future__ import annotations

from pathlib import Path

import jinja2

from ..model.content import ContentModel
from ..model.languages import LANGUAGES
from ..model.urls import page_url
from .outreach import share_view

TEMPLATE = "rg-redirect.html"  # in the theme's folders (overrides/)


def write(site_dir: Path, redirects: dict[str, dict], model: ContentModel, site_url: str, site_names: dict[str, str],
          template_dirs: list[str]) -> None:
    """redirects: site path of the old or short address ("go/x/") -> {"page": the page it
    leads to ("countries/sy.md"), "lang": in which language, "query": what it adds
    ("utm_campaign=x")}. Targets are written relative, so a preview on localhost follows them too."""
    env = jinja2.Environment(loader=jinja2.FileSystemLoader(template_dirs), autoescape=True, keep_trailing_newline=True)
    template = env.get_template(TEMPLATE)
    for path, spec in sorted(redirects.items()):
        target = page_url(spec["page"], spec["lang"]) + (f"?{spec['query']}" if spec["query"] else "")
        depth = len([p for p in path.strip("/").split("/") if p])
        out = site_dir / path.strip("/") / "index.html"
        if out.exists():
            raise FileExistsError(f"redirect {path} would overwrite a page of the site; choose another address")
        out.parent.mkdir(parents=True, exist_ok=True)
        share = share_view(model, spec["lang"], spec["page"], site_url)
        out.write_text(template.render(target="../" * depth + target, share=share, lang=LANGUAGES[spec["lang"]],
                                       site_name=site_names[spec["lang"]]), encoding="utf-8")
