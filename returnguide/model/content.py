"""The content model: every Markdown page of every language, loaded and validated once.

`load(docs_dir)` reads docs/<lang>/**.md, validates each page's front matter against
the schema of its type, merges language-neutral facts from the German source into
its translations, and collects every problem as `path:line: message`. Everything
else (checks, site hooks, leaflets) reads the returned `ContentModel`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from . import schema
from .languages import DEFAULT_LANGUAGE, LANGUAGES
from .problems import Problem, display_path
from .yamlio import read_yaml


@dataclass
class Page:
    lang: str
    rel_path: str  # the same in every language, e.g. "programmes/reag-garp.md"
    path: Path
    display_path: str  # as written in messages
    own: dict[str, Any]  # the validated fields this file states itself
    lines: dict[str, int]  # front-matter key -> line number in the file
    body: str
    body_start: int  # line number of the first body line
    text: str = ""  # the whole file as read, for checks that report file lines
    meta: dict[str, Any] = field(default_factory=dict)  # own fields + inherited neutral facts
    invalid: set[str] = field(default_factory=set)  # fields stated but not valid (already reported)
    headings: list["Heading"] = field(default_factory=list)

    @property
    def type(self) -> str:
        return self.meta.get("type") or self.own.get("type", "page")

    @property
    def slug(self) -> str:
        """The id of the page: its path without language and extension (locations/iom-rlp)."""
        return self.rel_path.removesuffix(".md")

    @property
    def is_draft(self) -> bool:
        return self.meta.get("status") == "draft"

    def line_of(self, key: str) -> int:
        return self.lines.get(key, 1)

    def section(self, section_id: str) -> str | None:
        """The Markdown of the section whose heading carries {#section_id}, heading included,
        up to the next heading of the same or a higher level; None if there is none."""
        lines = self.body.splitlines()
        for i, heading in enumerate(self.headings):
            if heading.id == section_id:
                end = next((h.line for h in self.headings[i + 1:] if h.level <= heading.level), None)
                start = heading.line - self.body_start
                return "\n".join(lines[start:(end - self.body_start) if end else None]).strip() + "\n"
        return None

    def section_ids(self) -> list[str]:
        return [h.id for h in self.headings if h.id]

    def lead(self) -> str:
        """The Markdown between the page's title (# heading) and its first section."""
        lines = self.body.splitlines()
        title = next((h for h in self.headings if h.level == 1), None)
        first = next((h for h in self.headings if h.level > 1), None)
        start = title.line - self.body_start + 1 if title else 0
        end = first.line - self.body_start if first else None
        return "\n".join(lines[start:end]).strip() + "\n"


@dataclass(frozen=True)
class Heading:
    level: int
    text: str
    id: str | None  # the explicit {#id}; the same in every language
    line: int


_HEADING = re.compile(r"^(#{1,6})\s+(.*?)\s*(?:\{#([A-Za-z0-9_-]+)\})?\s*$")
_FENCE = re.compile(r"^\s*(```|~~~)")


def parse_headings(body: str, first_line: int) -> list[Heading]:
    headings, in_fence = [], False
    for offset, line in enumerate(body.splitlines()):
        if _FENCE.match(line):
            in_fence = not in_fence
        elif not in_fence and (m := _HEADING.match(line)):
            headings.append(Heading(len(m.group(1)), m.group(2), m.group(3), first_line + offset))
    return headings


@dataclass(frozen=True)
class Region:
    state: str  # ISO 3166-2, e.g. DE-RP
    id: str  # "Landkreis Kusel", "Stadt Trier": what locations write in `serves:`
    name: str
    kind: str  # "district" or "city"


@dataclass
class State:
    code: str
    name: str
    regions: list[Region]


@dataclass
class ContentModel:
    docs_dir: Path
    pages: dict[tuple[str, str], Page]
    problems: list[Problem]
    states: dict[str, State] = field(default_factory=dict)
    glossary: dict[str, dict[str, list[str]]] = field(default_factory=dict)  # term -> lang -> accepted forms
    leaflets: list = field(default_factory=list)  # model.leaflets.Variant, from materials/leaflets/ (loader.py)
    campaigns: list = field(default_factory=list)  # model.addresses.Campaign, from materials/campaigns.yml
    places: Any = None  # model.places.Places, from materials/postcodes/ (loader.py)
    materials_dir: Path | None = None

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.severity == "error"]

    def page(self, lang: str, rel_path: str) -> Page | None:
        return self.pages.get((lang, rel_path))

    def resolve(self, lang: str, rel_path: str) -> tuple[Page | None, bool]:
        """The page to show in `lang`, and whether it is the German fallback."""
        page = self.pages.get((lang, rel_path))
        if page is not None:
            return page, False
        return self.pages.get((DEFAULT_LANGUAGE, rel_path)), lang != DEFAULT_LANGUAGE

    def sources(self) -> list[Page]:
        """The German source pages, in path order."""
        return [p for (lang, _), p in sorted(self.pages.items()) if lang == DEFAULT_LANGUAGE]

    def translations(self):
        """(translation, its German source) for every translated page that has a source."""
        for (lang, rel), page in sorted(self.pages.items()):
            source = self.pages.get((DEFAULT_LANGUAGE, rel))
            if lang != DEFAULT_LANGUAGE and source is not None:
                yield page, source

    def locations(self) -> dict[str, Page]:
        """Location records by id (file name), from the German source pages."""
        return {Path(p.rel_path).stem: p for p in self.sources() if p.type == "location"}

    def location(self, location_id: str, lang: str) -> Page | None:
        source = self.locations().get(location_id)
        if source is None:
            return None
        return self.resolve(lang, source.rel_path)[0]


# ---------------------------------------------------------------- reading one file

FRONT_MATTER = re.compile(r"\A---[ \t]*\n(.*?\n)?---[ \t]*\n?", re.S)

# Content is written by many hands: no active content in Markdown bodies.
_UNSAFE = [
    (re.compile(r"<\s*script\b", re.I), "raw <script> is not allowed in content"),
    (re.compile(r"<\s*iframe\b", re.I), "raw <iframe> is not allowed in content"),
    (re.compile(r"<\s*(object|embed)\b", re.I), "raw <object>/<embed> is not allowed in content"),
    (re.compile(r"<[^>]*\son[a-z]+\s*=", re.I), "event-handler attributes (on…=) are not allowed in content"),
    (re.compile(r"javascript\s*:", re.I), "javascript: URLs are not allowed in content"),
]


def read_page(path: Path, lang: str, rel_path: str, problems: list[Problem]) -> Page | None:
    shown = display_path(path)
    try:
        raw = path.read_text(encoding="utf-8")
    except UnicodeDecodeError as err:
        problems.append(Problem(shown, 1, f"is not UTF-8 text ({err.reason}); save it as UTF-8"))
        return None
    match = FRONT_MATTER.match(raw)
    if not match:
        problems.append(Problem(shown, 1, "has no front matter; start the file with a '---' line, the fields, and a closing '---'"))
        return None
    yaml_text = match.group(1) or ""
    body = raw[match.end():]
    body_start = raw[: match.end()].count("\n") + 1

    try:
        loader = yaml.SafeLoader(yaml_text)
        try:
            node = loader.get_single_node()
            data = loader.construct_document(node) if node is not None else {}
        finally:
            loader.dispose()
    except yaml.MarkedYAMLError as err:
        mark = err.problem_mark or err.context_mark
        line = (mark.line + 2) if mark else 1
        problems.append(Problem(shown, line, f"front matter is not valid YAML: {err.problem or err}; fix the syntax (quote texts that contain ':')"))
        return None
    if not isinstance(data, dict):
        problems.append(Problem(shown, 2, "front matter must be a mapping of 'key: value' lines"))
        return None

    lines = {}
    if isinstance(node, yaml.MappingNode):
        for key_node, _ in node.value:
            lines[str(key_node.value)] = key_node.start_mark.line + 2

    page = Page(lang, rel_path, path, shown, {}, lines, body, body_start, raw)
    page.headings = parse_headings(body, body_start)
    _validate_fields(page, data, problems)
    _check_body_safety(page, problems)
    return page


def _validate_fields(page: Page, data: dict, problems: list[Problem]) -> None:
    type_name = data.get("type", "page")
    if type_name not in schema.SCHEMAS:
        problems.append(Problem(page.display_path, page.line_of("type"), f"type: {type_name!r} is not a content type; use one of: {', '.join(schema.SCHEMAS)}"))
        return
    fields = schema.SCHEMAS[type_name]
    is_source = page.lang == DEFAULT_LANGUAGE
    for key in data:
        if key not in fields:
            problems.append(Problem(page.display_path, page.line_of(key), f"unknown key {key!r} for type {type_name!r}; allowed keys: {', '.join(fields)}"))
    for name, spec in fields.items():
        if name not in data:
            # Translations inherit language-neutral facts from the German source.
            if spec.required and (is_source or not spec.neutral):
                problems.append(Problem(page.display_path, 1, f"missing required field {name!r} (type {type_name!r})"))
            elif not spec.neutral or is_source:
                page.own[name] = spec.default
            continue
        try:
            page.own[name] = spec.validate(data[name])
        except schema.Invalid as err:
            page.invalid.add(name)
            problems.append(Problem(page.display_path, page.line_of(name), f"{name}: {err}"))
    page.own["type"] = type_name


def _check_body_safety(page: Page, problems: list[Problem]) -> None:
    for offset, line in enumerate(page.body.splitlines()):
        for pattern, message in _UNSAFE:
            if pattern.search(line):
                problems.append(Problem(page.display_path, page.body_start + offset, f"{message}; remove it (contact links and cards come from the page's front matter)"))


# ---------------------------------------------------------------- the whole tree


def load_states(path: Path, problems: list[Problem]) -> dict[str, State]:
    """The districts and cities of materials/regions.yml."""
    data, shown = read_yaml(path, problems), display_path(path)
    states = {}
    for code, entry in data.items():
        try:
            regions = [Region(code, f"Landkreis {n}", n, "district") for n in entry["districts"]]
            regions += [Region(code, f"Stadt {n}", n, "city") for n in entry["cities"]]
            states[code] = State(code, entry["name"], regions)
        except (KeyError, TypeError) as err:
            problems.append(Problem(shown, 1, f"{code}: needs 'name', 'districts' and 'cities' ({err})"))
    return states


def load_glossary(path: Path, problems: list[Problem]) -> dict[str, dict[str, list[str]]]:
    """The fixed terms of materials/glossary.yml: term -> language -> accepted forms."""
    data, shown = read_yaml(path, problems), display_path(path)
    glossary = {}
    for term, forms in data.items():
        if not isinstance(forms, dict) or set(forms) != set(LANGUAGES) or not all(isinstance(v, list) and v for v in forms.values()):
            problems.append(Problem(shown, 1, f"{term!r}: give a list of forms for each language ({', '.join(LANGUAGES)})"))
            continue
        glossary[str(term)] = {lang: [str(f) for f in v] for lang, v in forms.items()}
    return glossary


def load(docs_dir: Path | str, materials_dir: Path | str | None = None) -> ContentModel:
    """Read and validate every page of every language under docs_dir, and the regions of
    materials_dir (default: the materials/ folder beside docs_dir)."""
    docs_dir = Path(docs_dir)
    materials_dir = Path(materials_dir) if materials_dir else docs_dir.parent / "materials"
    problems: list[Problem] = []
    states = load_states(materials_dir / "regions.yml", problems)
    glossary = load_glossary(materials_dir / "glossary.yml", problems)
    pages: dict[tuple[str, str], Page] = {}

    for entry in sorted(docs_dir.iterdir()) if docs_dir.is_dir() else []:
        if entry.is_dir() and entry.name not in LANGUAGES and not entry.name.startswith((".", "_")) and entry.name not in ("assets",):
            problems.append(Problem(display_path(entry), 1, f"folder {entry.name!r} is not a language of the site ({', '.join(LANGUAGES)}); move its pages into docs/<language>/"))
    for lang in LANGUAGES:
        lang_dir = docs_dir / lang
        for path in sorted(lang_dir.rglob("*.md")) if lang_dir.is_dir() else []:
            rel = path.relative_to(lang_dir).as_posix()
            page = read_page(path, lang, rel, problems)
            if page is not None:
                pages[(lang, rel)] = page

    model = ContentModel(docs_dir, pages, problems, states, glossary, materials_dir=materials_dir)
    _merge_translations(model)
    _check_references(model)
    return model


def _merge_translations(model: ContentModel) -> None:
    """Give each translation the neutral facts of its German source; flag contradictions."""
    for (lang, rel), page in model.pages.items():
        if lang == DEFAULT_LANGUAGE:
            page.meta = dict(page.own)
            continue
        source = model.page(DEFAULT_LANGUAGE, rel)
        if source is None:
            model.problems.append(Problem(page.display_path, 1, f"has no German source page; create docs/{DEFAULT_LANGUAGE}/{rel} first (German is the source language)"))
            page.meta = dict(page.own)
            continue
        if page.own.get("type") != source.own.get("type"):
            model.problems.append(Problem(page.display_path, page.line_of("type"), f"type {page.own.get('type')!r} differs from the German source ({source.own.get('type')!r}); a translation keeps the type of its source"))
            page.meta = dict(page.own)
            continue
        fields = schema.SCHEMAS[source.type]
        merged = dict(page.own)
        for name, spec in fields.items():
            if not spec.neutral:
                continue
            if name in page.own and name not in source.invalid and page.own[name] != source.own.get(name):
                model.problems.append(Problem(
                    page.display_path, page.line_of(name),
                    f"{name}: contradicts the German source {source.display_path}:{source.line_of(name)} "
                    f"(language-neutral fact); remove it here, it is taken from the German page",
                ))
            merged[name] = source.own.get(name)
        page.meta = merged


def _check_references(model: ContentModel) -> None:
    locations = model.locations()
    for location_id, page in locations.items():
        where = page.display_path
        via = page.meta.get("contact_via")
        if via is not None and (via not in locations or via == location_id):
            model.problems.append(Problem(where, page.line_of("contact_via"), f"contact_via: {via!r} is not another location; known locations: {', '.join(sorted(locations))}"))
        served = page.meta.get("serves")
        state = model.states.get(page.meta.get("state"))
        if isinstance(served, list):
            known = {r.id for r in state.regions} if state else set()
            for region in served:
                if region not in known:
                    model.problems.append(Problem(where, page.line_of("serves"), f"serves: {region!r} is not a district or city of {page.meta.get('state')} in materials/regions.yml; check the spelling"))
    for page in model.pages.values():
        for location_id in page.meta.get("contacts") or []:
            if location_id not in locations:
                known = ", ".join(sorted(locations)) or "none yet"
                model.problems.append(Problem(page.display_path, page.line_of("contacts"), f"contacts: unknown location {location_id!r}; known locations: {known}"))


def is_outdated(page: Page, source: Page) -> bool:
    """A translation older than its German source."""
    mine, theirs = page.meta.get("updated"), source.meta.get("updated")
    return bool(mine and theirs and mine < theirs)
