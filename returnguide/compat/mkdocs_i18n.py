"""mkdocs-static-i18n state our plugin reads but the plugin does not publish as API.

- mkdocs-static-i18n builds every other language inside the default language's build. Our plugin
  must know which language is being built (`current_language`) and whether it is inside such a
  nested build (`building`); both are attributes of its plugin object, config.plugins["i18n"].
  Upstream offers the language only in the page's template context (i18n_page_locale):
  https://github.com/ultrabug/mkdocs-static-i18n/issues/75
"""

from __future__ import annotations

import inspect
from importlib.metadata import entry_points, version

PINNED = {"mkdocs-static-i18n": "1.3.1"}
PLUGIN_NAME = "i18n"


def _plugin(config):
    return config.plugins[PLUGIN_NAME]


def current_language(config) -> str:
    """The language static-i18n is building now."""
    return _plugin(config).current_language


def building_other_language(config) -> bool:
    """True inside static-i18n's builds of the other languages (after the default one)."""
    return bool(getattr(_plugin(config), "building", False))


def probe() -> None:
    """Raise RuntimeError, naming what changed, when the installed versions no longer have what
    this module reads."""
    from mkdocs_static_i18n import plugin

    source = inspect.getsource(plugin)
    for attribute in ("self.current_language", "self.building"):
        if attribute not in source:
            raise RuntimeError(f"mkdocs-static-i18n {version('mkdocs-static-i18n')}: the plugin no longer sets "
                               f"{attribute} (written for {PINNED['mkdocs-static-i18n']})")
    if PLUGIN_NAME not in {entry.name for entry in entry_points(group="mkdocs.plugins")}:
        raise RuntimeError(f"mkdocs-static-i18n is no longer registered as the MkDocs plugin {PLUGIN_NAME!r}")
