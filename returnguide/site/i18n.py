"""The languages as mkdocs-static-i18n wants them, made from the language registry, so the list
of languages is written once (mkdocs.yml reads I18N and SITE_NAME from here with !!python/name).
The site's name, description and copyright line are interface strings of the catalogues."""

from __future__ import annotations

from mkdocs.utils import dirname_to_title

from ..model.labels import SECTIONS
from ..model.languages import DEFAULT_LANGUAGE, LANGUAGES, N_, Language

SITE_NAME = N_("Rückkehrberatung – unabhängig und vertraulich")
SITE_DESCRIPTION = N_("Unabhängige, vertrauliche und kostenlose Rückkehr- und Reintegrationsberatung in "
                      "Rheinland-Pfalz und Schleswig-Holstein.")
COPYRIGHT = N_("Netzwerk der Rückkehr- und Reintegrationsberatung Rheinland-Pfalz (IOM und Diakonie) · "
               "Rückkehrberatung in Schleswig-Holstein")


def nav_translations(lang: Language) -> dict[str, str]:
    """The navigation's section names in this language, German included: MkDocs names a section
    after its folder ("countries" -> "Countries"); static-i18n replaces that title per language."""
    return {dirname_to_title(folder): lang.t(label) for folder, label in SECTIONS.items()}


def i18n_languages() -> list[dict]:
    languages = []
    for code, lang in LANGUAGES.items():
        entry = {"locale": code, "name": lang.name, "build": True, "copyright": lang.t(COPYRIGHT),
                 "nav_translations": nav_translations(lang)}
        if code == DEFAULT_LANGUAGE:
            entry["default"] = True
        else:
            entry |= {"site_name": lang.t(SITE_NAME), "site_description": lang.t(SITE_DESCRIPTION)}
        languages.append(entry)
    return languages


I18N = i18n_languages()
