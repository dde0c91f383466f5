"""The organisations registry (materials/organisations.yml): who runs a location, who organises an
event, who publishes a source. Each organisation has its name in the languages of the site (its
official one where it has one), whether it is a primary source, and the web domains it publishes on."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from . import validators, values, webaddress
from .languages import DEFAULT_LANGUAGE, LANGUAGES
from .problems import Problem, display_path
from .yamlio import read_yaml

# What an organisation is; `counselling` organisations counsel independently, an `authority` never does.
KINDS = ("authority", "counselling", "international", "funder", "publisher", "network")

ENTRY = validators.mapping({
    "name": validators.Field(values.in_languages, required=True),
    # the languages in which the organisation itself uses the name given (e.g. IOM's Arabic name)
    "official": validators.Field(validators.list_of(validators.one_of(*LANGUAGES)), default=[DEFAULT_LANGUAGE]),
    "kind": validators.Field(validators.one_of(*KINDS), required=True),
    # a public body, an international organisation or the organisation speaking of itself
    "primary": validators.Field(validators.boolean, default=False),
    "domains": validators.Field(validators.list_of(validators.domain, min_items=1), required=True),
    "url": validators.Field(validators.public_url, required=True),
    # where the names come from, when not from the organisation's own pages
    "source": validators.Field(validators.text),
})


@dataclass(frozen=True)
class Name:
    """An organisation's name as shown to a reader: `text` in the reader's language (lang `tag`),
    and the German name beside it when the text is no official name of the organisation."""

    text: str
    tag: str
    german: str | None = None


_ABBREVIATION = re.compile(r"\s\([A-Za-z0-9&./-]+\)$")  # " (IOM)" at the end of a name


@dataclass(frozen=True)
class Organisation:
    id: str
    names: dict[str, str]
    official: tuple[str, ...]
    kind: str
    primary: bool
    domains: tuple[str, ...]
    url: str

    def name(self, lang: str) -> Name:
        german = self.names[DEFAULT_LANGUAGE]
        if lang == DEFAULT_LANGUAGE or lang not in self.names:
            return Name(german, DEFAULT_LANGUAGE)
        text = self.names[lang]
        if lang in self.official or text == german:
            return Name(text, lang)
        # the abbreviation the translated name already ends with is not repeated inside the German
        # beside it: "… по миграции (IOM) (Internationale Organisation für Migration)"
        abbreviation = _ABBREVIATION.search(text)
        if abbreviation and german.endswith(abbreviation.group(0).strip()):
            german = german[: -len(abbreviation.group(0).strip())].rstrip()
        return Name(text, lang, german)

    def publishes(self, address: str) -> bool:
        """Whether the host a browser visits for address is one of the organisation's domains or below one."""
        host = webaddress.host(address)
        return bool(host) and any(host == d or host.endswith("." + d) for d in self.domains)


def load_organisations(path: Path, problems: list[Problem]) -> dict[str, Organisation]:
    if not path.is_file():
        return {}
    data, shown = read_yaml(path, problems), display_path(path)
    lines = _key_lines(path)
    found: dict[str, Organisation] = {}
    for key, entry in (data or {}).items():
        try:
            e = ENTRY(entry)
        except validators.Invalid as err:
            problems.append(Problem(shown, lines.get(str(key), 1), f"{key}: {err} (see the comment at the top of the file)"))
            continue
        found[str(key)] = Organisation(str(key), e["name"], tuple(e["official"]), e["kind"], e["primary"],
                                       tuple(e["domains"]), e["url"])
    return found


def _key_lines(path: Path) -> dict[str, int]:
    lines = {}
    for number, line in enumerate(path.read_text(encoding="utf-8", errors="replace").splitlines(), 1):
        if line and not line[0].isspace() and not line.startswith("#") and ":" in line:
            lines[line.split(":", 1)[0].strip()] = number
    return lines
