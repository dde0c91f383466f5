"""Leaflet definitions (materials/leaflets/*.yml): read, validate, expand into variants.

A definition names the content a leaflet quotes; it never holds leaflet text of its own.
One definition expands into one variant per item (country, reception centre), language
(or language pair) and format. Every problem is reported as `path:line: message`.

    id: families
    target_group: families
    page: programmes/children-families.md     # title, "As of" and QR target
    languages: [de, en, ar, fa, de+fa]         # "de+fa": German beside Persian
    formats: [a4, a5]
    blocks:
      - lead                                   # the page's text before its first section
      - section: what-your-family-should-prepare
      - section: questions.md#who-learns-what-i-say
      - contact: iom-rlp
      - section: programmes/referral.md#when-a-specialised-service-can-help
        fit: drop                              # may drop when the leaflet overflows its format
        formats: [a4]                          # only in these formats (default: all)

Optional keys: `title: PAGE` (the page whose title heads the leaflet, e.g. a reception
centre's; default: `page`), and per block `fit` (`shrink`: may be set smaller, `drop`: may be
left out, when the leaflet would not fit its pages or would end on a page holding only a
card) and `formats`. `lead: PAGE` quotes another page's lead.

With `for_each: country` (every fact sheet), `for_each: reception-centre` (every
counselling office in a reception centre) or `for_each: event` (every event; a poster is
rendered only until its event is over), `{country}`, `{location}` and `{event}` in page
paths and contacts stand for the item. The block `event` shows an event page's facts
(when, where, for whom, registration, status).
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .languages import DEFAULT_LANGUAGE, LANGUAGES
from .pages import Pages, event_day
from .problems import Problem, display_path
from .yamlio import key_lines, read_yaml_nodes

TARGET_GROUPS = ("reception-centre", "families", "country", "vulnerabilities", "partners", "staff", "general")
# Page size and the most pages a leaflet of that format may have.
FORMATS = {"a4": 2, "a5": 2, "a4-print": 2}
FOR_EACH = ("country", "reception-centre", "event")
SIMPLE_BLOCKS = ("lead", "summary", "contacts", "event")
KEYED_BLOCKS = ("section", "contact", "lead")
# Options a block may carry beside its kind: how the renderer may fit it, and its formats.
BLOCK_OPTIONS = ("fit", "formats")
FIT = ("shrink", "drop")
KEYS = ("id", "target_group", "page", "title", "qr", "languages", "formats", "for_each", "blocks")
REQUIRED = ("id", "target_group", "page", "languages", "formats", "blocks")
# Sections of a fact sheet that its summary quotes, in this order.
SUMMARY_SECTIONS = ("consequences", "checklist", "reintegration")
_SLUG = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")


@dataclass(frozen=True)
class Block:
    kind: str  # lead | summary | contacts | section | contact
    page: str | None = None  # rel path of the page quoted (lead, summary, section, contacts)
    section: str | None = None  # heading id (section)
    location: str | None = None  # location id (contact)
    fit: str | None = None  # shrink | drop: what the renderer may do to make the leaflet fit
    formats: tuple[str, ...] | None = None  # only in these formats (None: all)


@dataclass(frozen=True)
class Variant:
    """One PDF: a definition for one item, language (or pair) and format."""

    id: str
    definition: str  # the definition's id
    source: str  # path of the definition file, for messages
    target_group: str
    item: str | None  # country slug or location id, for `for_each`
    languages: tuple[str, ...]  # one language, or (de, other) side by side
    format: str
    page: str  # the main page: title, "As of", QR target
    qr_page: str
    blocks: tuple[Block, ...]
    title_page: str | None = None  # the page whose title heads the leaflet (default: page)
    # The last day a leaflet is useful (an event poster: the event's last day); afterwards it is
    # not rendered any more, while its short link keeps leading to the event's page.
    expires: dt.date | None = None

    def current(self, today: dt.date | None) -> bool:
        return self.expires is None or today is None or self.expires >= today

    @property
    def pages(self) -> list[str]:
        """Every content page the leaflet quotes, main page first."""
        seen = [self.page] + ([self.title_page] if self.title_page and self.title_page != self.page else [])
        for block in self.blocks:
            if block.page and block.page not in seen:
                seen.append(block.page)
        return seen


class _Report:
    def __init__(self, path: Path, lines: dict[tuple, int], problems: list[Problem]):
        self.shown, self.lines, self.problems = display_path(path), lines, problems
        self.count = 0

    def __call__(self, where: tuple, message: str, severity: str = "error") -> None:
        line = next((self.lines[where[:n]] for n in range(len(where), -1, -1) if where[:n] in self.lines), 1)
        problem = Problem(self.shown, line, message, severity)
        if problem not in self.problems:  # variants of one definition share their mistakes
            self.problems.append(problem)
        if severity == "error":
            self.count += 1


def load(folder: Path, model: Pages, problems: list[Problem]) -> list[Variant]:
    """All variants of all definitions in folder; problems are appended, bad definitions skipped."""
    variants: list[Variant] = []
    ids: dict[str, str] = {}
    for path in sorted(folder.glob("*.yml")) if folder.is_dir() else []:
        reported = len(problems)
        data, node = read_yaml_nodes(path, problems)
        if len(problems) > reported:
            continue  # not valid YAML
        report = _Report(path, key_lines(node) if node else {}, problems)
        found = _variants(path, data, model, report)
        for variant in found:
            if variant.id in ids:
                report(("id",), f"leaflet {variant.id!r} is also defined by {ids[variant.id]}; give one of them another id")
                continue
            ids[variant.id] = report.shown
            variants.append(variant)
    return variants


def _variants(path: Path, data: Any, model: Pages, report: _Report) -> list[Variant]:
    if not isinstance(data, dict):
        report((), "a leaflet definition must be a mapping with the keys " + ", ".join(REQUIRED))
        return []
    for key in sorted(set(data) - set(KEYS)):
        report((key,), f"unknown key {key!r}; allowed keys: {', '.join(KEYS)}")
    for key in REQUIRED:
        if key not in data:
            report((), f"{key}: missing; every leaflet definition needs {', '.join(REQUIRED)}")
    if report.count:
        return []

    leaflet_id = data["id"]
    if not isinstance(leaflet_id, str) or not _SLUG.match(leaflet_id):
        report(("id",), f"id: {leaflet_id!r} must be lower-case letters, digits and hyphens, e.g. families")
    if leaflet_id != path.stem:
        report(("id",), f"id: {leaflet_id!r} differs from the file name; name the file {leaflet_id}.yml")
    if not isinstance(data["target_group"], str) or data["target_group"] not in TARGET_GROUPS:
        report(("target_group",), f"target_group: {data['target_group']!r} is not one of {', '.join(TARGET_GROUPS)}")
    for_each = data.get("for_each")
    if for_each is not None and (not isinstance(for_each, str) or for_each not in FOR_EACH):
        report(("for_each",), f"for_each: {for_each!r} is not one of {', '.join(FOR_EACH)}")
    languages = _languages(data["languages"], report)
    formats = data["formats"] if isinstance(data["formats"], list) else [data["formats"]]
    for i, fmt in enumerate(formats):
        if not isinstance(fmt, str) or fmt not in FORMATS:
            report(("formats", i), f"formats: {fmt!r} is not one of {', '.join(FORMATS)}")
    blocks = _blocks(data["blocks"], report)
    if report.count:
        return []

    items = _items(for_each, model)
    if for_each and not items and for_each != "event":  # no events yet: no posters, no mistake
        report(("for_each",), f"for_each: {for_each}: there is nothing to make leaflets for yet")
    variants = []
    for item in items or [None]:
        fill = (lambda s, item=item: s.replace("{country}", item).replace("{location}", item).replace("{event}", item)) if item else (lambda s: s)
        page = _rel(fill(str(data["page"])))
        qr_page = _rel(fill(str(data.get("qr") or data["page"])))
        title_page = _rel(fill(str(data["title"]))) if data.get("title") else None
        item_blocks = tuple(
            Block(b.kind, _rel(fill(b.page)) if b.page else page if b.kind in ("lead", "summary", "section", "contacts", "event") else None,
                  b.section, fill(b.location) if b.location else None, b.fit, b.formats)
            for b in blocks
        )
        for pair_index, langs in enumerate(languages):
            # An event announced only in German gets only a German poster.
            if for_each == "event" and any(model.page(code, page) is None for code in langs):
                continue
            for fmt in formats:
                fmt_blocks = tuple(b for b in item_blocks if b.formats is None or fmt in b.formats)
                parts = [leaflet_id, item, "-".join(langs), fmt]
                variant = Variant(
                    id="-".join(p for p in parts if p), definition=leaflet_id, source=report.shown,
                    target_group=data["target_group"], item=item, languages=langs, format=fmt,
                    page=page, qr_page=qr_page, blocks=fmt_blocks, title_page=title_page,
                    expires=_expires(for_each, page, model),
                )
                if _check_references(variant, model, report, pair_index):
                    variants.append(variant)
    return variants


def _languages(value: Any, report: _Report) -> list[tuple[str, ...]]:
    entries = value if isinstance(value, list) else [value]
    out = []
    for i, entry in enumerate(entries):
        langs = tuple(str(entry).split("+"))
        unknown = [l for l in langs if l not in LANGUAGES]
        if unknown:
            report(("languages", i), f"languages: {entry!r}: {', '.join(unknown)} is not a language of the site ({', '.join(LANGUAGES)})")
        elif len(langs) == 2 and (langs[0] != DEFAULT_LANGUAGE or langs[1] == DEFAULT_LANGUAGE):
            report(("languages", i), f"languages: {entry!r}: a pair puts German first and another language second, e.g. de+fa")
        elif len(langs) > 2:
            report(("languages", i), f"languages: {entry!r}: at most two languages side by side")
        else:
            out.append(langs)
    return out


def _blocks(value: Any, report: _Report) -> list[Block]:
    if not isinstance(value, list) or not value:
        report(("blocks",), "blocks: give a list of content blocks (lead, summary, contacts, section: ID, contact: LOCATION)")
        return []
    blocks = []
    for i, entry in enumerate(value):
        if isinstance(entry, str) and entry in SIMPLE_BLOCKS:
            blocks.append(Block(entry))
        elif isinstance(entry, dict) and _block_kind(entry):
            kind = _block_kind(entry)
            arg = entry[kind]
            options = _block_options(entry, kind, i, report)
            if kind == "section":
                page, _, section = str(arg).rpartition("#")
                blocks.append(Block("section", page=page or None, section=section, **options))
            elif kind == "lead":
                blocks.append(Block("lead", page=str(arg) or None, **options))
            else:
                blocks.append(Block("contact", location=str(arg), **options))
        else:
            report(("blocks", i), f"blocks[{i}]: {entry!r} is not a content block; use one of: lead, summary, contacts, event, "
                                  "section: ID or PAGE#ID, contact: LOCATION")
    return blocks


def _block_kind(entry: dict) -> str | None:
    """The kind of a block written as a mapping: its one key of KEYED_BLOCKS (beside any options)."""
    kinds = [k for k in entry if k in KEYED_BLOCKS]
    return kinds[0] if len(kinds) == 1 and set(entry) - {kinds[0]} <= set(BLOCK_OPTIONS) else None


def _block_options(entry: dict, kind: str, i: int, report: _Report) -> dict:
    options: dict = {}
    fit = entry.get("fit")
    if fit is not None:
        if fit in FIT:
            options["fit"] = fit
        else:
            report(("blocks", i, "fit"), f"blocks[{i}]: fit: {fit!r} is not one of {', '.join(FIT)}")
    formats = entry.get("formats")
    if formats is not None:
        formats = formats if isinstance(formats, list) else [formats]
        unknown = [f for f in formats if f not in FORMATS]
        if unknown:
            report(("blocks", i, "formats"), f"blocks[{i}]: formats: {', '.join(map(str, unknown))} is not one of {', '.join(FORMATS)}")
        else:
            options["formats"] = tuple(formats)
    return options


def _items(for_each: str | None, model: Pages) -> list[str]:
    if for_each == "country":
        return [Path(p.rel_path).stem for p in model.sources() if p.type == "country"]
    if for_each == "reception-centre":
        return [i for i, p in model.locations().items() if p.meta.kind == "reception-centre-office"]
    if for_each == "event":
        return [Path(p.rel_path).stem for p in model.sources() if p.type == "event" and p.rel_path.startswith("events/")]
    return []


def _expires(for_each: str | None, page: str, model: Pages) -> dt.date | None:
    event = model.page(DEFAULT_LANGUAGE, page) if for_each == "event" else None
    return event_day(event.meta.end) if event is not None and event.meta.end else None


def _rel(page: str) -> str:
    return page if page.endswith(".md") else f"{page}.md"


def _check_references(variant: Variant, model: Pages, report: _Report, pair_index: int) -> bool:
    """Every page, section and location the variant quotes exists in each of its languages."""
    ok = True
    where_page = ("page",)
    for lang in variant.languages:
        for rel in dict.fromkeys([variant.page, variant.qr_page] + ([variant.title_page] if variant.title_page else []) + [b.page for b in variant.blocks if b.page]):
            if model.page(DEFAULT_LANGUAGE, rel) is None:
                report(where_page, f"page {rel!r} does not exist (no docs/{DEFAULT_LANGUAGE}/{rel}); check the path")
                return False
            if model.page(lang, rel) is None:
                name = LANGUAGES[lang].english_name
                if lang in model.page(DEFAULT_LANGUAGE, rel).languages:
                    # Published in that language but not translated yet (the site shows it in German):
                    # the leaflet waits for the translation, as the coverage report says.
                    report(("languages", pair_index), f"languages: {lang}: waiting for the {name} translation of {rel!r} "
                                                      f"(docs/{lang}/{rel}); the leaflet is made once it is translated", "warning")
                else:
                    report(("languages", pair_index), f"languages: page {rel!r} has no {name} translation (docs/{lang}/{rel}) "
                                                      f"and is not published in {name}; drop {lang!r} here")
                ok = False
        for i, block in enumerate(variant.blocks):
            page = model.page(lang, block.page) if block.page else None
            if block.kind == "section" and page is not None and page.section(block.section) is None:
                report(("blocks", i), f"blocks[{i}]: page {block.page!r} has no section {{#{block.section}}} in docs/{lang}/; "
                                      f"its sections: {', '.join(page.section_ids()) or 'none'}")
                ok = False
            if block.kind == "event" and page is not None and page.type != "event":
                report(("blocks", i), f"blocks[{i}]: event shows an event's facts, but {block.page!r} is a {page.type} page")
                ok = False
            if block.kind == "summary" and page is not None and page.type != "country":
                report(("blocks", i), f"blocks[{i}]: summary quotes a country fact sheet, but {block.page!r} is a {page.type} page")
                ok = False
            if block.kind == "contact" and block.location not in model.locations():
                report(("blocks", i), f"blocks[{i}]: contact: unknown location {block.location!r}; known: {', '.join(sorted(model.locations()))}")
                return False
    return ok
