"""Render leaflet variants to PDF: content model -> Jinja HTML + print CSS -> WeasyPrint.

The recipe, per build:
  1. every variant becomes one HTML document (cheap, in this process);
  2. a variant whose HTML and stylesheets did not change since the last build is taken
     from the cache, the others are rendered by WeasyPrint on all cores;
  3. the PDFs, a first-page thumbnail of each and manifest.json are written to the output.

Leaflets quote content written by many hands, so WeasyPrint fetches through a sandbox:
files from the project's print assets and data: URLs only. Anything else stops the
leaflet with an error naming it and the URL.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import io
import json
import logging
import os
import re
import shutil
import subprocess
import time
from concurrent.futures import as_completed
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit
from urllib.request import url2pathname

import jinja2
import markdown
import markupsafe
import phonenumbers

from ..checks.sanitise import clean
from ..model import labels
from ..model.characters import require_safe
from ..model.content import ContentModel, event_day, expand_quotes
from ..model.languages import DEFAULT_LANGUAGE, LANGUAGES, N_, Language
from ..model.leaflets import FIT, FORMATS, SUMMARY_SECTIONS, Variant
from ..model.urls import display_address, page_url
from ..platform.system import worker_pool, write_atomic
from ..views import cards, facts
from ..views.events import event_view
from ..views.qr import qr_code
from . import finish

# Bump when the rendering changes in a way the HTML does not show (e.g. WeasyPrint options).
RENDER_VERSION = "4"
# What a leaflet prints besides the content, in each of its languages (German message ids)
LABELS = {
    "address": N_("Adresse"),
    "appointment_only": N_("Nur nach Terminvereinbarung"),
    "as_of_source": N_("Quelle vom"),
    "special_rules": N_("Besondere Regeln für dieses Land"),
    "draft": N_("Entwurf – nicht zum Verteilen. Die Angaben sind noch nicht bestätigt."),
    "email": N_("E-Mail"),
    "callout": N_("So erreichen Sie die Beratung"),
    "opening_hours": N_("Erreichbarkeit"),
    "phone": N_("Telefon"),
    "publisher": N_("Netzwerk der Rückkehr- und Reintegrationsberatung Rheinland-Pfalz (IOM und Diakonie)"),
    "scan_for_more": N_("Diese Informationen online:"),
    "temporarily_closed": N_("Vorübergehend geschlossen"),
}
QR_ALT = N_("QR-Code: dieselben Informationen online unter {address}")
# A one-page A4 leaflet whose text fills less than this share of the page is set in larger type.
ROOMY_BELOW = 0.7
# No last page with fewer lines than this: the text is set a little tighter (so the last page's
# lines move up) or a little larger (so they fill it), whichever comes first (THIN_LAST_STEPS,
# factors of the format's type size, tried in this order).
MIN_LAST_LINES = 5
THIN_LAST_STEPS = (0.97, 0.94, 0.91, 1.04, 1.08, 1.12, 1.16, 1.2)
THUMBNAIL_HEIGHT = 220  # pixels; the catalogue shows them at half that on a phone
# Print wording, decided once for all leaflets: a link to another page of the site goes (its
# text stays; the QR code leads online), a link elsewhere keeps its text followed by its short
# address, and what the content marks web-only (a paragraph with `{.web-only}`, or a
# `<span class="web-only">` inside one: "more on the page …") is left out. The site shows those blocks as they are.
# A sentence that only points to other pages ("More on the programmes: [Reintegration](…).", a
# lead ending in a colon, at most one short word such as "see", then nothing but page links) is
# left out too: on paper it would name a page the reader cannot open.
_PAGE_LINK = re.compile(r"(?<!!)\[([^\]]+)\]\((?!https?:|mailto:|tel:)[^)\s]*\)")
_WEB_LINK = re.compile(r"(?<!!)\[([^\]]+)\]\((https?://[^)\s]+)\)")
_WEB_ONLY = re.compile(r'<(p|li|ul|ol|div|span|h[2-6])\b[^>]*\bclass="[^"]*\bweb-only\b[^"]*"[^>]*>.*?</\1>\s*', re.S)
# around a page link's text until cross-references are gone: private-use characters (Markdown
# uses \x02 and \x03 itself)
_LINKED = ("\ue000", "\ue001")
_CROSS_REFERENCE = re.compile(
    r"(?:(?<=<p>)|(?<=<li>)|(?<=[.!?؟]\s))"  # at the start of a paragraph, an item or a sentence
    r"[^.!?؟:<>\ue000\ue001]*:\s*(?:[^\W\d_]{1,8}\s+)?"  # "Mehr zu den Programmen:", perhaps "siehe"
    r"\ue000[^\ue001]*\ue001(?:\s*(?:,|·|/|\w{1,3})?\s*\ue000[^\ue001]*\ue001)*[.!]?"  # page links, nothing else
    r"(?=\s*(?:</p>|</li>|$))")  # to the end of the paragraph or item
# Names a line never breaks inside (at a slash, at a hyphenation point): see unbreakable_names.
_PROGRAMME_NAMES = (labels.PROGRAMME_FACTS["starthilfe_plus"], "EURP")


class LeafletError(Exception):
    """One or more leaflets could not be built; the message names each and says why."""


@dataclass
class Setup:
    """Where things are, for one build."""

    project: Path
    site_url: str
    cache_dir: Path
    print_dir: Path  # materials/print: template, stylesheets, print assets

    @property
    def qr_cache(self) -> Path:
        """QR codes, beside the leaflets in the build's cache (shared with the site's)."""
        return self.cache_dir.parent / "qr"

    @property
    def asset_roots(self) -> list[Path]:
        """The only folders a leaflet may load files from."""
        return [self.print_dir.resolve(), (self.project / "overrides" / "assets").resolve(), finish.CMYK_PROFILE]


# ---------------------------------------------------------------- HTML


def campaign_url(site_url: str, variant: Variant) -> str:
    """The short link a leaflet's QR code encodes; it redirects to the page (see redirects)."""
    return f"{site_url.rstrip('/')}/go/{variant.id}/"


def print_markdown(text: str, lang_code: str, names: tuple[str, ...] = ()) -> str:
    """Markdown of a page as HTML for paper (see the print wording above); `names` and phone
    numbers are kept whole on one line."""
    text = _WEB_LINK.sub(lambda m: m.group(1) if display_address(m.group(2)) in m.group(1)
                         else f"{m.group(1)} ({display_address(m.group(2))})", text)
    text = _PAGE_LINK.sub(lambda m: _LINKED[0] + m.group(1) + _LINKED[1], text)
    html = markdown.markdown(text, extensions=["attr_list", "md_in_html", "admonition"])
    html = _WEB_ONLY.sub("", html)
    html = re.sub(r"\s+</(p|li)>", r"</\1>", _CROSS_REFERENCE.sub("", html)).replace("<p></p>", "")
    html = html.replace(_LINKED[0], "").replace(_LINKED[1], "")
    # The allow-list of the site's pages holds for paper too (no attachments, no remote images).
    html = clean(html)
    html = keep_whole(html, names, lang_code)
    # Two languages share one document: keep their section anchors apart.
    return html.replace(' id="', f' id="{lang_code}-')


_TAG = re.compile(r"(<[^>]*>)")


def keep_whole(html: str, names: tuple[str, ...], lang_code: str) -> str:
    """Phone numbers (as one left-to-right run, isolated) and the given names in the text of
    `html` set so that no line breaks inside them."""
    name = re.compile("|".join(rf"(?<![\w/]){re.escape(n)}(?![\w/])" for n in sorted(names, key=len, reverse=True))) if names else None
    parts = _TAG.split(html)
    for i in range(0, len(parts), 2):  # text between tags
        part = parts[i]
        found = [(m.start, m.end, "lf-ltr") for m in phonenumbers.PhoneNumberMatcher(part, "DE")]
        if name:
            found += [(m.start(), m.end(), "lf-keep") for m in name.finditer(part)
                      if not any(s <= m.start() < e for s, e, _ in found)]
        for start, end, kind in sorted(found, reverse=True):
            inner = part[start:end]
            if kind == "lf-ltr":
                inner = _isolate(markupsafe.Markup(inner))
            part = f'{part[:start]}<span class="{kind}">{inner}</span>{part[end:]}'
        parts[i] = part
    return "".join(parts)


def unbreakable_names(model: ContentModel) -> tuple[str, ...]:
    """Names no line may break inside on paper: the glossary's terms that every language keeps as
    they are (REAG/GARP, Duldung), when written as one word, and the programmes' own names."""
    as_is = [term for term, forms in model.glossary.items()
             if " " not in term and all(term in forms.get(code, (term,)) for code in LANGUAGES)]
    return tuple(dict.fromkeys([*as_is, *_PROGRAMME_NAMES]))


def _card(model: ContentModel, location_id: str, lang: Language) -> dict:
    location = model.location(location_id, lang.code)
    card = cards.reachable_card(model, location, lang.code)
    card["kind_label"] = labels.say(lang, labels.KINDS, location.meta["kind"])
    card["hours"] = cards.opening_hours(location.meta.get("opening_hours"), lang)
    card["via_id"] = location.meta.get("contact_via")
    return card


def _contact_ids(model: ContentModel, block, lang: Language) -> list[str]:
    if block.kind == "contacts":
        return list(model.page(lang.code, block.page).meta.get("contacts") or [])
    return [block.location] if block.kind == "contact" else []


# What an event's facts are called on a poster (German message ids, as on the site)
EVENT_LABELS = {"when": N_("Wann"), "where": N_("Wo"), "audience": N_("Für wen"), "languages": N_("Sprachen"),
                "organiser": N_("Veranstalter"), "registration": N_("Anmeldung"), "until": N_("bis {date}"),
                "online": N_("Online")}


def _block(model: ContentModel, block, lang: Language, shown: set[str], env: jinja2.Environment | None = None) -> dict:
    """One block's HTML and cards; a card already shown (the callout, or the card it is reached
    through) is not repeated."""
    page = model.page(lang.code, block.page) if block.page else None
    view = {"html": "", "cards": [], "fit": block.fit}
    if block.kind == "event":
        facts = event_view(model, page, lang, event_day(page.meta["start"]))
        labels_ = {k: lang.t(v) for k, v in EVENT_LABELS.items() if k != "until"}
        deadline = facts["registration"]["deadline"] if facts["registration"] else None
        if deadline:
            message = EVENT_LABELS["until"]
            labels_["until"] = lang.t(message, date=deadline)
        view["html"] = env.get_template("event-facts.html").render(e=facts, s=labels_)
    elif block.kind == "lead":
        view["html"] = print_markdown(page.lead(), lang.code, unbreakable_names(model))
    elif block.kind == "section":
        view["html"] = print_markdown(expand_quotes(model, lang.code, page.rel_path, page.section(block.section)), lang.code,
                                      unbreakable_names(model))
    elif block.kind == "summary":
        sections = [page.section(s) for s in SUMMARY_SECTIONS if page.section(s)]
        view["html"] = print_markdown(expand_quotes(model, lang.code, page.rel_path, "\n".join(sections)), lang.code,
                                      unbreakable_names(model))
    for location_id in _contact_ids(model, block, lang):
        if location_id not in shown:
            shown.add(location_id)
            view["cards"].append(_card(model, location_id, lang))
    return view


def as_of_date(model: ContentModel, variant: Variant) -> dt.date:
    """The newest review or update date of the German pages the leaflet quotes."""
    dates = []
    for rel in variant.pages:
        meta = model.page(DEFAULT_LANGUAGE, rel).meta
        dates.append(meta.get("last_reviewed") or meta["updated"])
    return max(dates)


def print_font_stack(lang: Language) -> str:
    """The language's own family, then the Latin one for what it lacks (brackets, digits, Latin
    names): both installed (fonts-noto-core), so no fallback font is ever chosen."""
    families = dict.fromkeys([lang.fonts[0], LANGUAGES[DEFAULT_LANGUAGE].fonts[0]])
    return ", ".join(f'"{f}"' for f in families)


def is_draft(model: ContentModel, variant: Variant) -> bool:
    """A leaflet is a draft when any page or contact it quotes is, in any of its languages."""
    locations = {i for lang in variant.languages for b in variant.blocks for i in _contact_ids(model, b, LANGUAGES[lang])}
    return any(model.page(code, rel).is_draft for code in variant.languages for rel in variant.pages) \
        or any(model.locations()[i].is_draft for i in locations)


def language_view(model: ContentModel, variant: Variant, lang: Language, qr_address: str,
                  env: jinja2.Environment | None = None) -> dict:
    page = model.page(lang.code, variant.page)
    title_page = model.page(lang.code, variant.title_page) if variant.title_page else page
    status = ((page.meta.get("programme") or {}).get("assisted_return") or {}).get("status")
    contact_ids = [i for b in variant.blocks for i in _contact_ids(model, b, lang)]
    callout = _card(model, contact_ids[0], lang) if contact_ids else None
    # The callout's location, and the one it is reached through, are not repeated as cards.
    shown = {callout["id"], callout["via_id"]} if callout else set()
    return {
        "lang": lang,
        "s": {key: lang.t(message) for key, message in LABELS.items()},
        "qr_alt": lang.t(QR_ALT, address=qr_address),
        "title": title_page.meta["title"],
        "kicker": page.meta["title"] if title_page is not page else None,
        "description": page.meta["description"],
        "notice": labels.say(lang, labels.ASSISTED_RETURN, status) if status in labels.ASSISTED_RETURN else None,
        "translation_note": facts.translation_note(page, lang),
        "programme": facts.programme_view(model, page, lang) if page.type == "country" else None,
        "as_of": lang.t("Stand: {date}", date=cards.localised_date(as_of_date(model, variant), lang)),
        "callout": callout,
        "blocks": [_block(model, b, lang, shown, env) for b in variant.blocks],
        "font_stack": print_font_stack(lang),
    }


def _isolate(text: str) -> markupsafe.Markup:
    """Text as one left-to-right run inside any direction (Unicode LRI ... PDI): WeasyPrint
    has no unicode-bidi, but its text layout honours the isolate marks."""
    return markupsafe.Markup("\u2066") + text + markupsafe.Markup("\u2069")


def _environment(print_dir: Path) -> jinja2.Environment:
    env = jinja2.Environment(loader=jinja2.FileSystemLoader(print_dir), autoescape=True,
                             undefined=jinja2.StrictUndefined, trim_blocks=True, lstrip_blocks=True)
    env.filters["isolate"] = _isolate
    return env


def html_of(model: ContentModel, variant: Variant, setup: Setup, env: jinja2.Environment | None = None,
            fit: tuple[str, int] | None = None, roomy: bool = False) -> str:
    """The leaflet's HTML; fit = ("shrink", 0) sets the blocks that may shrink smaller, ("drop", n)
    also leaves out the last n blocks that may drop; roomy sets the text larger (a short leaflet)."""
    env = env or _environment(setup.print_dir)
    qr_url = campaign_url(setup.site_url, variant)
    views = [language_view(model, variant, LANGUAGES[code], display_address(qr_url), env) for code in variant.languages]
    # The texts a PDF shows and carries as metadata: no control or direction character (make check refuses them first).
    require_safe(views, variant.source, 1, f"leaflet {variant.id}", tab=True)
    dropped = _dropped(variant, fit[1] if fit else 0)
    for view in views:
        view["blocks"] = [dict(b, shrink=bool(fit) and b["fit"] in FIT) for i, b in enumerate(view["blocks"]) if i not in dropped]
    return marks_apart_from_hamza(env.get_template("leaflet.html").render(
        variant=variant, views=views, primary=views[0], pair=len(views) == 2, draft=is_draft(model, variant), roomy=roomy,
        links=variant.format != "a4-print",  # a print shop's PDF has no annotations (PDF/X)
        qr={"url": qr_url, "display": display_address(qr_url), "svg": qr_code(qr_url, "data_uri", setup.qr_cache, border=0, dark="#000").decode("utf-8")},
        date=as_of_date(model, variant).isoformat(),
        publisher=" · ".join(dict.fromkeys(labels.say(LANGUAGES[c], LABELS, "publisher") for c in variant.languages)),
    ))


# A letter with a hamza (or madda) that Unicode decomposes (آ أ ؤ إ ئ ۀ ۂ ۓ) followed by a vowel
# sign, tanween or shadda: HarfBuzz's normalisation puts letter and mark into one cluster, and
# WeasyPrint (70) then gives the letter's glyph an empty ToUnicode entry in right-to-left text
# (the mark's glyph carries both characters). An empty entry is a malformed ToUnicode CMap
# for PDF/UA-1 (PDFUA1-FONT-UNICODE-MAPPING-001): "أُعدّت" in the Arabic translation note
# failed every Arabic leaflet. A WORD JOINER between letter and mark keeps them in clusters of
# their own; it is invisible, transparent to Arabic joining, the mark sits where it did, and
# it maps to no glyph (the PDF's text stays "أُ").
_HAMZA_THEN_MARK = re.compile("([\u0622-\u0626\u06c0\u06c2\u06d3])(?=[\u064b-\u065f\u0670])")
_BODY = re.compile(r"<body\b[^>]*>")


def marks_apart_from_hamza(html: str) -> str:
    """`html` with a WORD JOINER between a hamza letter and a mark that follows it, in the text of
    its body (not in tags, attributes or the head's title): see _HAMZA_THEN_MARK."""
    start = body.end() if (body := _BODY.search(html)) else 0
    parts = _TAG.split(html[start:])
    parts[::2] = [_HAMZA_THEN_MARK.sub("\\1\u2060", text) for text in parts[::2]]
    return html[:start] + "".join(parts)


def _dropped(variant: Variant, count: int) -> set[int]:
    """Indexes of the last `count` blocks that may drop."""
    droppable = [i for i, b in enumerate(variant.blocks) if b.fit == "drop"]
    return set(droppable[len(droppable) - count:]) if count else set()


def fit_steps(variant: Variant) -> list[tuple[str, int] | None]:
    """What the renderer tries, in order, until the leaflet fits: as written, shrunk, then
    dropping one more droppable block at a time."""
    droppable = sum(b.fit == "drop" for b in variant.blocks)
    steps: list = [None]
    if any(b.fit for b in variant.blocks):
        steps.append(("shrink", 0))
    return steps + [("drop", n) for n in range(1, droppable + 1)]


# ---------------------------------------------------------------- PDF (runs in worker processes)


def _fetcher(leaflet_id: str, roots: list[str]):
    from weasyprint.urls import FatalURLFetchingError, URLFetcher

    class SandboxRefusal(FatalURLFetchingError):
        pass

    class SandboxFetcher(URLFetcher):
        """Serves data: URLs and files below the project's print asset folders; refuses the rest."""

        def fetch(self, url, headers=None):
            if url.startswith("data:"):
                return super().fetch(url, headers)
            if url.startswith("file:"):
                path = Path(url2pathname(urlsplit(url).path)).resolve()
                if path.is_file() and any(path.is_relative_to(root) for root in roots):
                    return super().fetch(path.as_uri(), headers)
            raise SandboxRefusal(
                f"leaflet {leaflet_id}: refused to load {url}: a leaflet may only use files from "
                f"{', '.join(roots)} and data: URLs; put the file there or remove the reference"
            )

    return SandboxFetcher(allowed_protocols=("file", "data")), SandboxRefusal


def render_job(job: dict) -> dict:
    """Render one leaflet to the cache; returns pages, warnings, seconds (or an error).

    job["htmls"] are the leaflet as written and then each fitting step (fit_steps): the first
    that fits its pages and does not end on a page holding only a card is kept."""
    import weasyprint

    started = time.perf_counter()
    warnings: list[str] = []

    class Collect(logging.Handler):
        def emit(self, record):
            warnings.append(record.getMessage())

    handler = Collect(level=logging.WARNING)
    logger = logging.getLogger("weasyprint")
    logger.addHandler(handler)
    fetcher, refusal = _fetcher(job["id"], job["roots"])
    shop = job["format"] == "a4-print"
    try:
        with finish.language_tags():
            for html in job["htmls"]:
                warnings.clear()
                document = weasyprint.HTML(string=html, base_url=job["base_url"], url_fetcher=fetcher).render()
                if len(document.pages) <= job["max_pages"] and not finish.ends_with_only_cards(document):
                    break
            document = _without_thin_last_page(document, html, job, fetcher, warnings)
            # A single A4 page that leaves much of the sheet empty is set larger, if that still fits.
            if job["roomy"] and len(document.pages) == 1 and finish.fill(document) < ROOMY_BELOW:
                roomy = weasyprint.HTML(string=job["roomy"], base_url=job["base_url"], url_fetcher=fetcher).render()
                if len(roomy.pages) == 1:
                    document = roomy
            options = {"pdf_variant": "pdf/x-4", "pdf_tags": True} if shop else {"pdf_variant": "pdf/ua-1"}
            pdf = document.write_pdf(pdf_identifier=job["key"][:32].encode(), uncompressed_pdf=False, **options)
    except refusal as err:
        return {"id": job["id"], "error": str(err)}
    finally:
        logger.removeHandler(handler)
    pdf = finish.finish(pdf, job["id"], print_shop=shop)
    if attached := attachments(pdf):
        return {"id": job["id"], "error": f"leaflet {job['id']}: the PDF would carry attached files ({', '.join(attached)}); "
                                          "a leaflet attaches nothing: remove the attachment link"}
    target = Path(job["pdf"])
    write_atomic(target, pdf)
    if job["format"] == "a5":
        write_atomic(Path(job["two_up"]), finish.two_up(pdf))
    _thumbnail(target, Path(job["thumbnail"]))
    info = {"pages": len(document.pages), "warnings": warnings, "seconds": round(time.perf_counter() - started, 2)}
    write_atomic(Path(job["info"]), json.dumps(info).encode("utf-8"))  # last: it marks the entry complete
    return {"id": job["id"], **info}


def _thin(document) -> bool:
    return len(document.pages) > 1 and finish.last_page_lines(document) < MIN_LAST_LINES


def _without_thin_last_page(document, html: str, job: dict, fetcher, warnings: list[str]):
    """The document set again, a little tighter or larger, when its last page holds only a few
    lines (THIN_LAST_STEPS); as it was when no step helps."""
    import weasyprint

    if not _thin(document):
        return document
    kept = list(warnings)
    for factor in THIN_LAST_STEPS:
        warnings.clear()
        tuned = html.replace("<html ", f'<html style="--fit: {factor}" ', 1)
        candidate = weasyprint.HTML(string=tuned, base_url=job["base_url"], url_fetcher=fetcher).render()
        if len(candidate.pages) <= job["max_pages"] and not _thin(candidate) and not finish.ends_with_only_cards(candidate):
            return candidate
    warnings[:] = kept
    return document


def attachments(pdf: bytes) -> list[str]:
    """Files attached to a PDF, in its name tree or as file-attachment annotations."""
    import pikepdf  # only in the renderer's worker processes

    found = []
    with pikepdf.open(io.BytesIO(pdf)) as document:
        names = document.Root.get("/Names")
        if names is not None and "/EmbeddedFiles" in names:
            found.append("/EmbeddedFiles")
        for number, page in enumerate(document.pages, 1):
            for annotation in page.get("/Annots") or []:
                if annotation.get("/Subtype") == "/FileAttachment":
                    found.append(f"a file-attachment annotation on page {number}")
    return found


def _thumbnail(pdf: Path, target: Path) -> None:
    """First page as a small JPEG (poppler's pdftoppm)."""
    prefix = target.with_name(f".{target.stem}.{os.getpid()}")
    subprocess.run(["pdftoppm", "-f", "1", "-l", "1", "-singlefile", "-jpeg", "-jpegopt", "quality=70",
                    "-scale-to-y", str(THUMBNAIL_HEIGHT), "-scale-to-x", "-1", str(pdf), str(prefix)],
                   check=True, capture_output=True)
    Path(f"{prefix}.jpg").replace(target)


# ---------------------------------------------------------------- the whole set


@dataclass
class LeafletSet:
    """Rendered leaflets (in the cache), ready to be written into a site."""

    planned: list  # (variant, cache key, cache files)
    manifest: list[dict]

    def write(self, out_dir: Path) -> None:
        """PDFs, thumbs/ and manifest.json into out_dir (e.g. site/materials)."""
        (out_dir / "thumbs").mkdir(parents=True, exist_ok=True)
        for variant, _, files in self.planned:
            shutil.copyfile(files["pdf"], out_dir / f"{variant.id}.pdf")
            shutil.copyfile(files["thumbnail"], out_dir / "thumbs" / f"{variant.id}.jpg")
            if "two_up" in files:
                shutil.copyfile(files["two_up"], out_dir / f"{variant.id}-2up.pdf")
        public = [{k: v for k, v in e.items() if k != "render_seconds"} for e in self.manifest]
        (out_dir / "manifest.json").write_text(json.dumps({"leaflets": public}, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")


def font_fingerprint() -> str:
    """The installed files and versions of the font families leaflets use (fontconfig): a font
    upgrade changes it, so cached PDFs set in the old fonts are rendered again."""
    families = {f.casefold() for lang in LANGUAGES.values() for f in lang.fonts}
    listing = subprocess.run(["fc-list", "--format", "%{family}|%{file}|%{fontversion}\n"],
                             capture_output=True, text=True, check=False).stdout
    used = sorted(line for line in listing.splitlines()
                  if {f.strip().casefold() for f in line.split("|", 1)[0].split(",")} & families)
    return hashlib.sha256("\n".join(used).encode()).hexdigest()


def build(model: ContentModel, setup: Setup, *, only: str | None = None, lang: str | None = None,
          jobs: int | None = None, today: dt.date | None = None, log=print) -> LeafletSet:
    """Render every leaflet whose HTML or stylesheets changed since the last build (into the cache);
    leaflets that expired by `today` (posters of past events) are left out."""
    variants = [v for v in model.leaflets if (not only or v.id == only or v.definition == only)
                and (not lang or lang in v.languages) and v.current(today)]
    if (only or lang) and not variants:
        raise LeafletError(f"no leaflet matches --only {only or '*'} --lang {lang or '*'}; "
                           f"known ids: {', '.join(sorted({v.definition for v in model.leaflets}))}")
    setup.cache_dir.mkdir(parents=True, exist_ok=True)
    env = _environment(setup.print_dir)
    # Stylesheets, pictograms and the print shop's colour profile: a change renders again.
    assets = [p for p in sorted(setup.print_dir.rglob("*")) if p.is_file() and p.suffix != ".html"]
    stylesheets = b"".join(p.read_bytes() for p in assets + [finish.CMYK_PROFILE] if p.is_file())
    fonts = font_fingerprint().encode()
    import weasyprint  # heavy: only when leaflets are built

    planned, todo = [], []
    for variant in variants:
        html = html_of(model, variant, setup, env)
        key = hashlib.sha256(b"\0".join([RENDER_VERSION.encode(), weasyprint.__version__.encode(), fonts, stylesheets, html.encode()])).hexdigest()
        names = ("pdf", "thumbnail", "info") + (("two_up",) if variant.format == "a5" else ())
        files = {name: str(setup.cache_dir / f"{key}.{name}") for name in names}
        planned.append((variant, key, files))
        if not _complete(files):
            htmls = [html] + [html_of(model, variant, setup, env, step) for step in fit_steps(variant)[1:]]
            todo.append({"id": variant.id, "htmls": htmls, "key": key, "base_url": setup.print_dir.resolve().as_uri() + "/",
                         "roots": [str(r) for r in setup.asset_roots], "format": variant.format,
                         "max_pages": FORMATS[variant.format],
                         "roomy": html_of(model, variant, setup, env, roomy=True) if variant.format.startswith("a4") else None,
                         **files})

    errors = _render_all(todo, jobs, log)
    log(f"leaflets: {len(todo)} rendered, {len(planned) - len(todo)} unchanged")

    manifest = []
    for variant, _key, files in planned:
        if variant.id in errors:
            continue
        info = json.loads(Path(files["info"]).read_text(encoding="utf-8"))
        if info["warnings"]:
            errors[variant.id] = f"{variant.source}: leaflet {variant.id}: WeasyPrint warned: {'; '.join(info['warnings'])}"
        elif info["pages"] > FORMATS[variant.format]:
            errors[variant.id] = (f"{variant.source}: leaflet {variant.id} has {info['pages']} pages, {variant.format} allows "
                                  f"{FORMATS[variant.format]}; drop a block or use a larger format")
        else:
            manifest.append(_entry(model, variant, setup, files, info))
    if errors:
        raise LeafletError("\n".join(errors[i] for i in sorted(errors)))
    if not (only or lang):  # a full build: forget renderings no leaflet uses any more
        keep = {key for _, key, _ in planned}
        for stale in setup.cache_dir.iterdir():
            if stale.name.split(".")[0] not in keep:
                stale.unlink()
    return LeafletSet(planned, manifest)


def _complete(files: dict[str, str]) -> bool:
    """A cache entry is used only whole: PDF, thumbnail and readable info; anything else is rendered again."""
    try:
        json.loads(Path(files["info"]).read_text(encoding="utf-8"))["pages"]
        return all(Path(files[name]).stat().st_size > 0 for name in files if name != "info")
    except (OSError, ValueError, KeyError, TypeError):
        return False


def _render_all(todo: list[dict], jobs: int | None, log) -> dict[str, str]:
    errors: dict[str, str] = {}
    if not todo:
        return errors
    workers = max(1, min(jobs or os.cpu_count() or 1, len(todo)))
    done = 0
    with worker_pool(workers) as pool:
        futures = [pool.submit(render_job, job) for job in todo]
        for future in as_completed(futures):
            result = future.result()
            done += 1
            if "error" in result:
                errors[result["id"]] = result["error"]
                log(f"  [{done}/{len(todo)}] {result['id']}: FAILED")
            else:
                log(f"  [{done}/{len(todo)}] {result['id']}: {result['pages']} page(s), {result['seconds']} s")
    return errors


def _entry(model: ContentModel, variant: Variant, setup: Setup, files: dict, info: dict) -> dict:
    pdf = Path(files["pdf"]).read_bytes()
    titles = {code: model.page(code, variant.page).meta["title"] for code in variant.languages}
    return {
        "id": variant.id,
        "definition": variant.definition,
        "title": " / ".join(titles.values()),
        "titles": titles,
        "target_group": variant.target_group,
        "item": variant.item,
        "languages": list(variant.languages),
        "format": variant.format,
        "pages": info["pages"],
        "bytes": len(pdf),
        "sha256": hashlib.sha256(pdf).hexdigest(),
        "file": f"{variant.id}.pdf",
        # A5 also comes two to an A4 sheet, for office printers (cut the sheet in half).
        "two_up": f"{variant.id}-2up.pdf" if variant.format == "a5" else None,
        # Drafts are not offered for printing (the catalogue leaves them out); their PDF says so.
        "draft": is_draft(model, variant),
        "thumbnail": f"thumbs/{variant.id}.jpg",
        "content_pages": variant.pages,
        "qr_url": campaign_url(setup.site_url, variant),
        "qr_target": page_url(variant.qr_page, variant.languages[-1]),
        "render_seconds": info["seconds"],
    }
