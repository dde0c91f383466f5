"""MkDocs hooks: thin adapters between MkDocs and the content model.

mkdocs.yml loads this file by path, so it imports the package absolutely. The model is
loaded once per process and shared with the CLI; `make build` / `make preview` rebuild
through the CLI (a long-running `mkdocs serve` would keep the first load).
"""

from __future__ import annotations

from mkdocs.exceptions import PluginError

from returnguide import content, presentation


def _model(config):
    return content.shared(config.docs_dir)


def on_config(config):
    model = _model(config)
    if model.errors:
        raise PluginError("content has errors:\n" + "\n".join(str(p) for p in model.errors))
    return config


def on_page_context(context, page, config, nav):
    lang = config.plugins["i18n"].current_language
    rel_path = getattr(page.file, "norm_src_uri", page.file.src_uri)
    context["rg"] = presentation.page_view(_model(config), lang, rel_path)
    return context
