"""Search indexes, one per language, from the content model (`search/<lang>.json`).

A reader searches the pages of the language they read, and nothing is downloaded before
they open the search. The index holds plain text; overrides/assets/javascripts/search.js
normalises index and query alike (Arabic and Persian letter forms, diacritics, tatweel,
zero-width non-joiner, Persian and Arabic-Indic digits), which no lunr language does for
Persian. Material's own index (one for all languages) is not served.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

from ..model import text
from ..model.content import ContentModel
from ..model.languages import LANGUAGES
from ..model.pages import Page
from ..model.urls import page_url
from ..views.cards import plain_text


def _facts(model: ContentModel, page: Page) -> str:
    """What a location's record says beyond its text: operator, address, phone, e-mail."""
    meta = page.meta
    address = meta.address
    parts = [model.operator_name(meta.operator or ""), *((address.street, address.postal_code, address.city) if address else ()),
             meta.phone.display if meta.phone else None, meta.email]
    return " ".join(p for p in parts if p)


def index(model: ContentModel, lang_code: str) -> list[dict]:
    """Pages written in this language: title, address, and sections (anchor, heading, text)."""
    entries = []
    for source in model.sources():
        page = model.page(lang_code, source.rel_path)
        if page is None or lang_code not in source.languages:  # not translated, or not for this language's readers
            continue
        lead = plain_text(page.lead())
        if page.type == "location":
            lead = f"{lead} {_facts(model, page)}".strip()
        sections = [{"a": "", "h": "", "x": lead}]
        for heading in page.headings:
            if heading.level == 2 and heading.id:
                body = page.section(heading.id).split("\n", 1)[1]
                sections.append({"a": heading.id, "h": plain_text(heading.text), "x": plain_text(body)})
        entries.append({"u": page_url(source.rel_path, lang_code), "t": page.meta.title,
                        "d": page.meta.description, "s": sections})
    return entries


def write(site_dir: Path, model: ContentModel) -> None:
    folder = site_dir / "search"
    # Material's index for all languages at once, and the worker and lunr that read it: unused.
    shutil.rmtree(folder, ignore_errors=True)
    shutil.rmtree(site_dir / "assets" / "javascripts" / "lunr", ignore_errors=True)
    shutil.rmtree(site_dir / "assets" / "javascripts" / "workers", ignore_errors=True)
    folder.mkdir()
    for code in LANGUAGES:
        # The folding rules travel with the index, so search.js folds page and query as the checks do.
        data = json.dumps({"fold": text.table(), "pages": index(model, code)}, ensure_ascii=False, separators=(",", ":"))
        (folder / f"{code}.json").write_text(data, encoding="utf-8")
