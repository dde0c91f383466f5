"""`make strings`: extract the interface strings (German message ids) from the package's code and
the templates into returnguide/locales/messages.pot, and bring every language's catalogue up to
date with it (new strings empty, changed ones marked fuzzy, for translators' tools)."""

from __future__ import annotations

import io
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.extract import extract_from_file
from babel.messages.pofile import write_po

from ..model import catalogues
from ..model.languages import DEFAULT_LANGUAGE, LANGUAGES

# lang.t("…"), N_("…") and lang.n("…", "…", n) in Python; _("…") and ngettext in templates.
PYTHON_KEYWORDS = {"t": None, "N_": None, "n": (1, 2)}
TEMPLATE_KEYWORDS = {"_": None, "gettext": None, "ngettext": (1, 2)}
TEMPLATE_FOLDERS = ("overrides", "materials/print")


def extract(project: Path) -> Catalog:
    """Every message id of the package and the templates, with where it is used."""
    catalogue = Catalog(project="returnguide", charset="utf-8", fuzzy=False)
    sources = [(p, "python", PYTHON_KEYWORDS) for p in sorted((project / "returnguide").rglob("*.py"))]
    sources += [(p, "jinja2.ext:babel_extract", TEMPLATE_KEYWORDS)
                for folder in TEMPLATE_FOLDERS for p in sorted((project / folder).rglob("*.html"))]
    for path, method, keywords in sources:
        for line, message, comments, context in extract_from_file(method, path, keywords=keywords, comment_tags=("i18n:",),
                                                                     options={"trimmed": "false"}):
            catalogue.add(message, None, [(path.relative_to(project).as_posix(), line)], auto_comments=comments, context=context)
    return catalogue


def _po_text(catalogue: Catalog) -> bytes:
    buffer = io.BytesIO()
    write_po(buffer, catalogue, width=100, sort_output=True)
    return buffer.getvalue()


def _same(a: bytes, b: bytes) -> bool:
    """Equal but for the header's dates, which change on every run."""
    def strip(text: bytes) -> list[bytes]:
        return [line for line in text.splitlines() if not line.startswith((b'"POT-Creation-Date', b'"PO-Revision-Date'))]
    return strip(a) == strip(b)


def update(project: Path, log=print) -> dict[str, int]:
    """Write messages.pot and update each language's .po; returns untranslated strings per language."""
    template = extract(project)
    _write(catalogues.template_path(), _po_text(template))
    missing = {}
    for code in LANGUAGES:
        if code == DEFAULT_LANGUAGE:
            continue
        path = catalogues.po_path(code)
        catalogue = catalogues.read(path, code) or Catalog(locale=code, project="returnguide", charset="utf-8", fuzzy=False)
        catalogue.update(template, update_header_comment=False)
        _write(path, _po_text(catalogue))
        missing[code] = sum(1 for m in catalogue if m.id and (not m.string or m.fuzzy))
        log(f"{path.relative_to(project)}: {len(template)} strings, {missing[code]} to translate")
    return missing


def _write(path: Path, text: bytes) -> None:
    if path.is_file() and _same(path.read_bytes(), text):
        return
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(text)
