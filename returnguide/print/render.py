"""Render leaflet variants to PDF: content model -> Jinja HTML + print CSS -> WeasyPrint.

The recipe, per build:
  1. every variant becomes one HTML document (cheap, in this process);
  2. a variant whose HTML and stylesheets did not change since the last build is taken
     from the cache, the others are rendered by WeasyPrint on all cores;
  3. the PDFs, a first-page thumbnail of each and manifest.json are written to the output.

The wording for paper is in wording.py; one leaflet's PDF (in a worker process, through a
sandboxed fetcher) in pdf.py; what WeasyPrint leaves undone in finish.py.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
import shutil
from concurrent.futures import as_completed
from dataclasses import dataclass
from pathlib import Path

import jinja2

from ..model import labels
from ..model.characters import require_safe
from ..model.content import ContentModel
from ..model.languages import DEFAULT_LANGUAGE, LANGUAGES, N_, Language
from ..model.leaflets import FIT, FORMATS, SUMMARY_SECTIONS, Variant
from ..model.pages import event_day, expand_quotes
from ..model.urls import display_address, page_url
from ..platform.system import worker_pool
from ..views import cards, facts
from ..views.events import event_view
from ..views.qr import qr_code
from . import finish
from .pdf import font_fingerprint, render_job
from .wording import isolate, marks_apart_from_hamza, print_markdown, unbreakable_names

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


def _card(model: ContentModel, location_id: str, lang: Language) -> dict:
    location = model.location(location_id, lang.code)
    card = cards.reachable_card(model, location, lang.code)
    card["kind_label"] = labels.say(lang, labels.KINDS, location.meta.kind)
    card["hours"] = cards.opening_hours(location.meta.opening_hours, lang)
    card["via_id"] = location.meta.contact_via
    return card


def _contact_ids(model: ContentModel, block, lang: Language) -> list[str]:
    if block.kind == "contacts":
        return list(model.page(lang.code, block.page).meta.contacts or [])
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
        facts = event_view(model, page, lang, event_day(page.meta.start))
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
        dates.append(meta.last_reviewed or meta.updated)
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
    status = page.meta.programme.assisted_return.status if page.meta.programme else None
    contact_ids = [i for b in variant.blocks for i in _contact_ids(model, b, lang)]
    callout = _card(model, contact_ids[0], lang) if contact_ids else None
    # The callout's location, and the one it is reached through, are not repeated as cards.
    shown = {callout["id"], callout["via_id"]} if callout else set()
    return {
        "lang": lang,
        "s": {key: lang.t(message) for key, message in LABELS.items()},
        "qr_alt": lang.t(QR_ALT, address=qr_address),
        "title": title_page.meta.title,
        "kicker": page.meta.title if title_page is not page else None,
        "description": page.meta.description,
        "notice": labels.say(lang, labels.ASSISTED_RETURN, status) if status in labels.ASSISTED_RETURN else None,
        "translation_note": facts.translation_note(page, lang),
        "programme": facts.programme_view(model, page, lang) if page.type == "country" else None,
        "as_of": lang.t("Stand: {date}", date=cards.localised_date(as_of_date(model, variant), lang)),
        "callout": callout,
        "blocks": [_block(model, b, lang, shown, env) for b in variant.blocks],
        "font_stack": print_font_stack(lang),
    }


def _environment(print_dir: Path) -> jinja2.Environment:
    env = jinja2.Environment(loader=jinja2.FileSystemLoader(print_dir), autoescape=True,
                             undefined=jinja2.StrictUndefined, trim_blocks=True, lstrip_blocks=True)
    env.filters["isolate"] = isolate
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


# ---------------------------------------------------------------- the whole set


@dataclass
class LeafletSet:
    """Rendered leaflets (in the cache), ready to be written into a site."""

    planned: list  # (variant, cache key, cache files)
    manifest: list[dict]

    @property
    def catalogue(self) -> list[dict]:
        """What the site's catalogue page lists and manifest.json holds: one entry per leaflet."""
        return [{k: v for k, v in e.items() if k != "render_seconds"} for e in self.manifest]

    def write(self, out_dir: Path) -> None:
        """PDFs, thumbs/ and manifest.json into out_dir (e.g. site/materials): copied once from the cache."""
        (out_dir / "thumbs").mkdir(parents=True, exist_ok=True)
        for variant, _, files in self.planned:
            shutil.copyfile(files["pdf"], out_dir / f"{variant.id}.pdf")
            shutil.copyfile(files["thumbnail"], out_dir / "thumbs" / f"{variant.id}.jpg")
            if "two_up" in files:
                shutil.copyfile(files["two_up"], out_dir / f"{variant.id}-2up.pdf")
        (out_dir / "manifest.json").write_text(json.dumps({"leaflets": self.catalogue}, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")


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
    titles = {code: model.page(code, variant.page).meta.title for code in variant.languages}
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
