"""The pages of every language: each Markdown file read once, its front matter validated
against the schema of its type (model/schema.py), its headings found by a Markdown parser, and
the language-neutral facts of the German source merged into its translations. Every problem is
collected as `path:line: message`. The complete model (model/content.py) builds on these pages."""

from __future__ import annotations

import datetime as dt
import functools
import posixpath
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from markdown_it import MarkdownIt

from . import characters, schema, validators
from .glossary import load_glossary
from .languages import DEFAULT_LANGUAGE, LANGUAGES
from .organisations import Organisation, load_organisations
from .problems import Problem, display_path
from .regions import State, load_states
from .yamlio import YAMLProblem, load_yaml, read_yaml_text, unsafe_texts


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
    meta: schema.Front = field(default_factory=schema.Front)  # own fields + inherited neutral facts
    invalid: set[str] = field(default_factory=set)  # fields stated but not valid (already reported)
    headings: list["Heading"] = field(default_factory=list)

    @property
    def type(self) -> str:
        return self.own.get("type", "page")

    @property
    def slug(self) -> str:
        """The id of the page: its path without language and extension (locations/iom-rlp)."""
        return self.rel_path.removesuffix(".md")

    @property
    def is_draft(self) -> bool:
        return self.meta.status == "draft"

    @property
    def languages(self) -> list[str]:
        """The languages this page is published in (`published_in:`, default every language)."""
        return self.meta.published_in or list(LANGUAGES)

    def line_of(self, key: str) -> int:
        return self.lines.get(key, 1)

    def section(self, section_id: str, heading: bool = True) -> str | None:
        """The Markdown of the section whose heading carries {#section_id}, heading included
        (unless heading=False), up to the next heading of the same or a higher level; None if
        there is none."""
        lines = self.body.splitlines()
        for i, found in enumerate(self.headings):
            if found.id == section_id:
                end = next((h.line for h in self.headings[i + 1:] if h.level <= found.level), None)
                start = (found.line if heading else found.end) - self.body_start
                return "\n".join(lines[start:(end - self.body_start) if end else None]).strip() + "\n"
        return None

    def section_ids(self) -> list[str]:
        return [h.id for h in self.headings if h.id]

    def lead(self) -> str:
        """The Markdown between the page's title (# heading) and its first section."""
        lines = self.body.splitlines()
        title = next((h for h in self.headings if h.level == 1), None)
        first = next((h for h in self.headings if h.level > 1), None)
        start = title.end - self.body_start if title else 0
        end = first.line - self.body_start if first else None
        return "\n".join(lines[start:end]).strip() + "\n"


@dataclass(frozen=True)
class Heading:
    level: int
    text: str
    id: str | None  # the explicit {#id}; the same in every language
    line: int  # the heading's first line in the file
    end: int = 0  # the first line after it (a setext heading has its underline): where its text starts


_MARKDOWN = MarkdownIt("commonmark")


_ID = re.compile(r"\s*\{#([A-Za-z0-9_-]+)\}\s*$")


def parse_headings(body: str, first_line: int) -> list[Heading]:
    """The body's headings with their lines, as a Markdown parser finds them (CommonMark, by
    markdown-it-py): `#` and underlined (setext) headings, none inside a fenced or indented code
    block or an HTML block, whatever the fence; a trailing `{#id}` is the heading's id."""
    tokens = _MARKDOWN.parse(body)
    headings = []
    for i, token in enumerate(tokens):
        if token.type == "heading_open" and token.map:
            inline = tokens[i + 1].content if i + 1 < len(tokens) else ""
            found = _ID.search(inline)
            text = inline[: found.start()] if found else inline
            headings.append(Heading(int(token.tag[1]), text.strip(), found.group(1) if found else None,
                                    first_line + token.map[0], first_line + token.map[1]))
    return headings


# A section quoted from another page, in the quoting page's language: `<!-- quote: programmes/reag-garp.md#who-can-apply -->`.
# Facts are written once, on the page they belong to; a page for staff quotes them, never restates them.
# `quote-text:` quotes the section's text without its heading, for a page whose own section of the
# same purpose carries the heading (a country sheet's {#consequences} quotes the REAG/GARP page's).
QUOTE = re.compile(r"^<!--\s*quote(?P<text>-text)?:\s*(?P<page>[a-z0-9][a-z0-9/_-]*\.md)#(?P<id>[A-Za-z0-9_-]+)\s*-->\s*$", re.M)
_MD_TARGET = re.compile(r"\]\((?!https?:|mailto:|tel:|#)([^)\s#]+\.md)(#[^)\s]*)?\)")


def expand_quotes(model: Pages, lang: str, rel_path: str, text: str) -> str:
    """The Markdown with every quote marker replaced by the quoted section (in `lang`, or the
    German text where it is not translated); its links rewritten to work from rel_path."""
    def quoted(match: re.Match) -> str:
        page, _ = model.resolve(lang, match["page"])
        section = page.section(match["id"], heading=not match["text"]) if page else None
        if section is None:
            return match.group(0)  # reported by the check; MkDocs shows nothing of a comment

        def relink(link: re.Match) -> str:
            target = posixpath.normpath(posixpath.join(posixpath.dirname(page.rel_path), link.group(1)))
            return f"]({posixpath.relpath(target, posixpath.dirname(rel_path) or '.')}{link.group(2) or ''})"
        return _MD_TARGET.sub(relink, section)
    return QUOTE.sub(quoted, text)


def event_day(value) -> dt.date:
    """The day of an event's start or end (a date, or a time in Europe/Berlin)."""
    return value.date() if isinstance(value, dt.datetime) else value


def is_upcoming(event: Page, today: dt.date) -> bool:
    """An event is upcoming until the end of its last day; then it moves to the archive."""
    return event_day(event.meta.end) >= today


def is_outdated(page: Page, source: Page) -> bool:
    """A translation older than its German source."""
    mine, theirs = page.meta.updated, source.meta.updated
    return bool(mine and theirs and mine < theirs)


# Where front matter ends is where MkDocs ends it (mkdocs.utils.meta.YAML_RE; a test keeps them
# equal): at a line of three dashes or three dots, so nothing hides between the two readings.
FRONT_MATTER = re.compile(r"^-{3}[ \t]*\n(.*?\n)(?:\.{3}|-{3})[ \t]*\n", re.UNICODE | re.DOTALL)


def read_page(path: Path, lang: str, rel_path: str, problems: list[Problem]) -> Page | None:
    shown = display_path(path)
    raw = read_yaml_text(path, problems)
    if raw is None:
        return None
    match = FRONT_MATTER.match(raw)
    if not match:
        problems.append(Problem(shown, 1, "has no front matter; start the file with a '---' line, the fields, and a closing '---'"))
        return None
    body = raw[match.end():]
    body_start = raw[: match.end()].count("\n") + 1
    try:
        data, node = load_yaml(match.group(1), first_line=2)
    except YAMLProblem as err:
        problems.append(Problem(shown, err.line, f"front matter is not valid YAML here: {err.message}; fix it (quote texts that contain ':')"))
        return None
    if not isinstance(data, dict):
        problems.append(Problem(shown, 2, "front matter must be a mapping of 'key: value' lines"))
        return None
    lines = {str(key_node.value): key_node.start_mark.line + 2 for key_node, _ in node.value}
    # Every text leaves the site in other formats too (calendars, vCards, structured data, PDFs).
    problems.extend(Problem(shown, line, message) for line, message in unsafe_texts(node, first_line=2))
    for offset, text in enumerate(body.split("\n")):
        if (char := characters.first_unsafe(text, newline=True, tab=True)) is not None:
            problems.append(Problem(shown, body_start + offset, characters.message("text", char)))

    page = Page(lang, rel_path, path, shown, {}, lines, body, body_start, raw)
    page.headings = parse_headings(body, body_start)
    _validate_fields(page, data, problems)
    return page


def _validate_fields(page: Page, data: dict, problems: list[Problem]) -> None:
    type_name = data.get("type", "page")
    if not isinstance(type_name, str) or type_name not in schema.SCHEMAS:
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
        except validators.Invalid as err:
            page.invalid.add(name)
            problems.append(Problem(page.display_path, page.line_of(name), f"{name}: {err}"))
    page.own["type"] = type_name
    if is_source and "translation" in data:
        problems.append(Problem(page.display_path, page.line_of("translation"), "translation: German is the source language; "
                                "remove this field (it belongs in the translated pages)"))
    elif not is_source and "translation" not in data:
        problems.append(Problem(page.display_path, 1, "missing field 'translation': say how this translation was made and whether "
                                "a native speaker checked it, e.g. 'translation: {by: machine-assisted, reviewed: false}'"))


# ---------------------------------------------------------------- all pages


@dataclass
class Pages:
    """Every page of every language, with the registries the pages name (regions, glossary,
    organisations). Complete when `load_pages` returns it; nothing changes it afterwards, so what
    is worked out from it is worked out once."""

    docs_dir: Path
    pages: dict[tuple[str, str], Page]
    problems: list[Problem]
    states: dict[str, State] = field(default_factory=dict)
    glossary: dict[str, dict[str, Any]] = field(default_factory=dict)  # term -> lang -> forms to write; term -> "avoid" -> lang -> forms not to write
    organisations: dict[str, Organisation] = field(default_factory=dict)  # materials/organisations.yml
    materials_dir: Path | None = None
    # What model/routing.py works out (neighbours, each region's counselling): every page view asks
    routes_cache: dict = field(default_factory=dict, init=False, repr=False, compare=False)

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.severity == "error"]

    def page(self, lang: str, rel_path: str) -> Page | None:
        return self.pages.get((lang, rel_path))

    def resolve(self, lang: str, rel_path: str) -> tuple[Page | None, bool]:
        """The page to show in `lang`, and whether it is the German fallback (None: the page is
        not published in that language at all)."""
        page = self.pages.get((lang, rel_path))
        if page is not None:
            return page, False
        source = self.pages.get((DEFAULT_LANGUAGE, rel_path))
        if source is None or lang not in source.languages:
            return None, False
        return source, lang != DEFAULT_LANGUAGE

    def published(self, lang: str, rel_path: str) -> bool:
        """Whether the page has an address in `lang` (its own text or the German fallback)."""
        source = self.pages.get((DEFAULT_LANGUAGE, rel_path))
        return source is not None and lang in source.languages

    def events(self, lang: str) -> list[Page]:
        """Every event in `lang` (its own text or the German one), earliest first."""
        found = [self.resolve(lang, p.rel_path)[0] for p in self.sources() if p.type == "event"]
        return sorted((p for p in found if p is not None), key=lambda p: (event_day(p.meta.start), p.rel_path))

    def sources(self) -> list[Page]:
        """The German source pages, in path order."""
        return [p for (lang, _), p in sorted(self.pages.items()) if lang == DEFAULT_LANGUAGE]

    def translations(self):
        """(translation, its German source) for every translated page that has a source."""
        for (lang, rel), page in sorted(self.pages.items()):
            source = self.pages.get((DEFAULT_LANGUAGE, rel))
            if lang != DEFAULT_LANGUAGE and source is not None:
                yield page, source

    @functools.cached_property
    def _locations(self) -> dict[str, Page]:
        return {Path(p.rel_path).stem: p for p in self.sources() if p.type == "location"}

    def locations(self) -> dict[str, Page]:
        """Location records by id (file name), from the German source pages (worked out once:
        every page view asks for them)."""
        return self._locations

    def operator_name(self, operator: str) -> str:
        """A location's `operator:` as a name: an organisation id's German name, or the name itself."""
        org = self.organisations.get(operator)
        return org.names[DEFAULT_LANGUAGE] if org else operator

    def location(self, location_id: str, lang: str) -> Page | None:
        source = self.locations().get(location_id)
        if source is None:
            return None
        return self.resolve(lang, source.rel_path)[0]


def load_pages(docs_dir: Path, materials_dir: Path) -> Pages:
    """Read and validate every page of every language under docs_dir, with the regions, the
    glossary and the organisations of materials_dir."""
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

    found = Pages(docs_dir, pages, problems, states, glossary, materials_dir=materials_dir,
                  organisations=load_organisations(materials_dir / "organisations.yml", problems))
    _merge_translations(found)
    return found


def _merge_translations(model: Pages) -> None:
    """Give each translation the neutral facts of its German source; flag contradictions."""
    for (lang, rel), page in model.pages.items():
        if lang == DEFAULT_LANGUAGE:
            page.meta = schema.front(page.own)
            continue
        source = model.page(DEFAULT_LANGUAGE, rel)
        if source is None:
            model.problems.append(Problem(page.display_path, 1, f"has no German source page; create docs/{DEFAULT_LANGUAGE}/{rel} first (German is the source language)"))
            page.meta = schema.front(page.own)
            continue
        if page.own.get("type") != source.own.get("type"):
            model.problems.append(Problem(page.display_path, page.line_of("type"), f"type {page.own.get('type')!r} differs from the German source ({source.own.get('type')!r}); a translation keeps the type of its source"))
            page.meta = schema.front(page.own)
            continue
        if lang not in source.languages:
            model.problems.append(Problem(page.display_path, 1, f"the German source is published only in {', '.join(source.languages)} "
                                                                f"(published_in: at {source.display_path}:{source.line_of('published_in')}); "
                                                                f"delete this page or add {lang!r} there"))
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
        page.meta = schema.front(merged)
