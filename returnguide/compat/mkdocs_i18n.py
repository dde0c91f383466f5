"""MkDocs and mkdocs-static-i18n state our plugin reads but neither publishes as API.

- mkdocs-static-i18n builds every other language inside the default language's build. Our plugin
  must know which language is being built (`current_language`) and whether it is inside such a
  nested build (`building`); both are attributes of its plugin object, config.plugins["i18n"].
  Upstream offers the language only in the page's template context (i18n_page_locale):
  https://github.com/ultrabug/mkdocs-static-i18n/issues/75
- The finder's postcode pages and the 404 pages are rendered with the theme's template context,
  which MkDocs builds in mkdocs.commands.build.get_context (documented only as the context of
  templates: https://www.mkdocs.org/dev-guide/themes/#template-variables).
"""

from __future__ import annotations

import inspect
from importlib.metadata import entry_points, version

PINNED = {"mkdocs": "1.6.1", "mkdocs-static-i18n": "1.3.1"}
PLUGIN_NAME = "i18n"


def _plugin(config):
    return config.plugins[PLUGIN_NAME]


def current_language(config) -> str:
    """The language static-i18n is building now."""
    return _plugin(config).current_language


def building_other_language(config) -> bool:
    """True inside static-i18n's builds of the other languages (after the default one)."""
    return bool(getattr(_plugin(config), "building", False))


def template_context(nav, files, config, base_url: str) -> dict:
    """The theme's template context for a page MkDocs does not know (no Page object)."""
    from mkdocs.commands.build import get_context

    return get_context(nav, files, config, base_url=base_url)


def probe() -> None:
    """Raise RuntimeError, naming what changed, when the installed versions no longer have what
    this module reads."""
    from mkdocs.commands import build
    from mkdocs_static_i18n import plugin

    function = getattr(build, "get_context", None)
    if function is None or not {"nav", "files", "config", "base_url"} <= set(inspect.signature(function).parameters):
        raise RuntimeError(f"mkdocs {version('mkdocs')}: mkdocs.commands.build.get_context(nav, files, config, "
                           f"base_url=) changed (written for {PINNED['mkdocs']})")
    source = inspect.getsource(plugin)
    for attribute in ("self.current_language", "self.building"):
        if attribute not in source:
            raise RuntimeError(f"mkdocs-static-i18n {version('mkdocs-static-i18n')}: the plugin no longer sets "
                               f"{attribute} (written for {PINNED['mkdocs-static-i18n']})")
    if PLUGIN_NAME not in {entry.name for entry in entry_points(group="mkdocs.plugins")}:
        raise RuntimeError(f"mkdocs-static-i18n is no longer registered as the MkDocs plugin {PLUGIN_NAME!r}")
