"""MkDocs hooks: thin adapters between MkDocs and the content model.

mkdocs.yml loads this file by path, so it imports the package absolutely. The model is
loaded once per process and shared with the CLI; `make build` / `make preview` rebuild
through the CLI (a long-running `mkdocs serve` would keep the first load).
"""

from __future__ import annotations

from mkdocs.exceptions import PluginError

from pathlib import Path

from returnguide import content, presentation
from returnguide.languages import DEFAULT_LANGUAGE


def _model(config):
    return content.shared(config.docs_dir)


def on_config(config):
    model = _model(config)
    if model.errors:
        raise PluginError("content has errors:\n" + "\n".join(str(p) for p in model.errors))
    return config


def on_env(env, config, files):
    # Structured data (tojson) in the page's own script, not as \u escapes: fewer bytes.
    # Jinja still escapes <, >, & and ' so the JSON cannot end its <script>.
    env.policies["json.dumps_kwargs"] = {"sort_keys": True, "ensure_ascii": False}
    env.globals["rg_site"] = presentation.site_view(config.plugins["i18n"].current_language)
    return env


def on_page_context(context, page, config, nav):
    lang = config.plugins["i18n"].current_language
    rel_path = getattr(page.file, "norm_src_uri", page.file.src_uri)
    context["rg"] = presentation.page_view(_model(config), lang, rel_path, config.site_url or "", config.site_name)
    return context


_default_404: dict[str, bytes] = {}


def on_post_build(config):
    # Every language's build writes the site's root 404.html; each language's goes to its own
    # folder (/en/404.html …), the default language's stays at the root.
    lang = config.plugins["i18n"].current_language
    not_found = Path(config.site_dir) / "404.html"
    if lang == DEFAULT_LANGUAGE:
        _default_404[config.site_dir] = not_found.read_bytes()
    else:
        not_found.replace(Path(config.site_dir) / lang / "404.html")
        not_found.write_bytes(_default_404[config.site_dir])
        return
    # vCards are language-neutral: written once, beside the default language's pages.
    model = _model(config)
    for location in model.locations().values():
        target = Path(config.site_dir) / location.rel_path.removesuffix(".md")
        target = target.with_suffix(".vcf")
        target.write_text(presentation.vcard(model, location, config.site_url or ""), encoding="utf-8", newline="")
