"""One leaflet from HTML to PDF, in a worker process: WeasyPrint through a sandboxed fetcher
(files of the project's print assets and data: URLs only; anything else stops the leaflet with
an error naming it and the URL), fitted to its pages without a thin last page, finished
(finish.py), refused if it would carry attachments, with a first-page thumbnail. And the
fingerprint of the installed fonts, part of every leaflet's cache key."""

from __future__ import annotations

import hashlib
import io
import json
import logging
import os
import subprocess
import time
from pathlib import Path
from urllib.parse import urlsplit
from urllib.request import url2pathname

from ..model.languages import LANGUAGES
from ..platform.system import write_atomic
from . import finish

# A one-page A4 leaflet whose text fills less than this share of the page is set in larger type.
ROOMY_BELOW = 0.7
# No last page with fewer lines than this: the text is set a little tighter (so the last page's
# lines move up) or a little larger (so they fill it), whichever comes first (THIN_LAST_STEPS,
# factors of the format's type size, tried in this order).
MIN_LAST_LINES = 5
THIN_LAST_STEPS = (0.97, 0.94, 0.91, 1.04, 1.08, 1.12, 1.16, 1.2)
THUMBNAIL_HEIGHT = 220  # pixels; the catalogue shows them at half that on a phone




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


def font_fingerprint() -> str:
    """The installed files and versions of the font families leaflets use (fontconfig): a font
    upgrade changes it, so cached PDFs set in the old fonts are rendered again."""
    families = {f.casefold() for lang in LANGUAGES.values() for f in lang.fonts}
    listing = subprocess.run(["fc-list", "--format", "%{family}|%{file}|%{fontversion}\n"],
                             capture_output=True, text=True, check=False).stdout
    used = sorted(line for line in listing.splitlines()
                  if {f.strip().casefold() for f in line.split("|", 1)[0].split(",")} & families)
    return hashlib.sha256("\n".join(used).encode()).hexdigest()
