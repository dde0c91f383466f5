"""The interface strings as gettext catalogues, one per language, German the source:
returnguide/locales/messages.pot lists every message id (`make strings` extracts them from
the code and templates); returnguide/locales/<code>/LC_MESSAGES/messages.po translates them,
as Weblate, Crowdin, Pontoon or Poedit read and write it."""

from __future__ import annotations

import gettext
import io
from functools import lru_cache
from importlib import resources
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po

DOMAIN = "messages"


def locales_dir() -> Path:
    return Path(str(resources.files("returnguide") / "locales"))


def po_path(code: str) -> Path:
    return locales_dir() / code / "LC_MESSAGES" / f"{DOMAIN}.po"


def template_path() -> Path:
    return locales_dir() / f"{DOMAIN}.pot"


def read(path: Path, locale: str | None = None) -> Catalog | None:
    """A .po or .pot file, or None if there is none."""
    if not path.is_file():
        return None
    with path.open("rb") as f:
        return read_po(f, locale=locale, abort_invalid=False)


@lru_cache(maxsize=None)
def translations(code: str) -> gettext.NullTranslations:
    """The language's catalogue, compiled in memory (fuzzy entries left out); a language without
    one gets the German message ids."""
    catalogue = read(po_path(code), code)
    if catalogue is None:
        return gettext.NullTranslations()
    buffer = io.BytesIO()
    write_mo(buffer, catalogue, use_fuzzy=False)
    buffer.seek(0)
    return gettext.GNUTranslations(buffer)
