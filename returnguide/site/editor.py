"""The web editor at /admin/ (Sveltia CMS, from the npm registry, served from our own origin):
its page and its configuration, generated from the content schema (model/schema.py and
model/values.py), the language registry and the registries of materials/ — never written by
hand, so the forms ask for exactly what `make check` accepts.

A collection per content type and folder; each field with its widget, `required`, pattern,
choices and nesting as the schema's validators describe them (validators.described). A
language-neutral fact is asked for once, in German (`i18n: false`: the CMS writes it to the
German file only, and the translations inherit it as the loader does); translated fields per
language; the body as raw Markdown (the rich-text mode would rewrite `{#id}` and quote markers).
"""

from __future__ import annotations

import json
import os
import re
import shutil
from pathlib import Path, PurePosixPath
from typing import Any
from urllib.parse import urlsplit

import yaml
from jinja2 import Environment, FileSystemLoader, StrictUndefined

from ..model import schema, values
from ..model.content import ContentModel
from ..model.languages import DEFAULT_LANGUAGE, LANGUAGES
from ..model.validators import Field, Validator, form_of, rules
from . import policy

# The editor's program: one file of the pinned npm package (package.json), copied as it is.
PROGRAM = Path("node_modules/@sveltia/cms/dist/sveltia-cms.js")
TEMPLATE = "rg-admin.html"  # in the theme's folders (overrides/)
PREVIEW = "preview.js"  # overrides/admin/preview.js (MkDocs copies it): the preview gets the site's stylesheet
FONTS_CSS = "fonts.css"  # overrides/admin/fonts.css: the editor's fonts from our origin, not its CDN
# The font files fonts.css names, from the pinned npm packages (package.json).
FONTS = (
    Path("node_modules/@fontsource-variable/source-sans-3/files/source-sans-3-latin-wght-normal.woff2"),
    Path("node_modules/@fontsource/noto-mono/files/noto-mono-latin-400-normal.woff2"),
    Path("node_modules/@fontsource-variable/material-symbols-outlined/files/material-symbols-outlined-latin-wght-normal.woff2"),
)
FOLDER = policy.EDITOR_FOLDER
# The previews' data library, which the program imports from unpkg.com (its version pinned in the
# program); an import map in the editor's page points that address at the pinned npm package's
# copy (package.json), so nothing is fetched from elsewhere.
IMMUTABLE_URL = "https://unpkg.com/immutable@5.1.9/dist/immutable.es.js"
IMMUTABLE = Path("node_modules/immutable/dist/immutable.es.js")

# Where the editor saves: a Forgejo/Gitea or GitLab repository (README "The web editor").
BACKENDS = ("gitea", "gitlab")
DEFAULT_GIT_HOST = "https://git.rueckkehrberatung.example"

# The content types kept in a folder of their own; pages (type page) are edited where they lie.
TYPE_FOLDERS = {"programme": "programmes", "country": "countries", "location": "locations", "event": "events"}
TYPE_LABELS = {"programme": "Programme", "country": "Länderinformationen", "location": "Beratungsstellen",
               "event": "Veranstaltungen", "page": "Seiten"}

# Fields that name an entry of a registry or another page: chosen, never typed.
ORGANISATION_FIELDS = ("operator", "publisher")
LOCATION_FIELDS = {"contacts": True, "contact_via": False}  # name -> several


class EditorError(Exception):
    """The editor cannot be set up (its program is missing, the Git host is not one we know)."""


def git_backend(environ: dict[str, str] | None = None) -> dict[str, str]:
    """The Git host the editor saves to, from the environment of the build (RG_EDITOR_*)."""
    env = os.environ if environ is None else environ
    name = env.get("RG_EDITOR_BACKEND", "gitea")
    if name not in BACKENDS:
        raise EditorError(f"RG_EDITOR_BACKEND={name!r}: use one of {', '.join(BACKENDS)} (README, 'The web editor')")
    base_url = env.get("RG_EDITOR_BASE_URL", DEFAULT_GIT_HOST).rstrip("/")
    parts = urlsplit(base_url)
    if parts.scheme != "https" or not parts.hostname or parts.path or parts.query:
        raise EditorError(f"RG_EDITOR_BASE_URL={base_url!r}: give the Git host's address, e.g. https://codeberg.org")
    backend = {"name": name, "repo": env.get("RG_EDITOR_REPO", "rueckkehrberatung/website"),
               "branch": env.get("RG_EDITOR_BRANCH", "main"), "base_url": base_url}
    if name == "gitea":
        backend["api_root"] = f"{base_url}/api/v1"
    else:
        backend["api_root"] = f"{base_url}/api/v4"
        backend["auth_type"] = "pkce"
    if env.get("RG_EDITOR_APP_ID"):
        backend["app_id"] = env["RG_EDITOR_APP_ID"]
    return backend


def config(model: ContentModel, backend: dict[str, str]) -> dict[str, Any]:
    """The editor's configuration (admin/config.yml)."""
    registries = _Registries(model)
    return {
        "app_title": "Rückkehrberatung – Redaktion",
        "backend": backend,
        "publish_mode": "simple",
        "media_folder": "docs/assets/images",
        "public_folder": "/assets/images",
        "output": {"omit_empty_optional_fields": True},
        "i18n": {"structure": "multiple_folders", "locales": list(LANGUAGES), "default_locale": DEFAULT_LANGUAGE,
                 "initial_locales": "default", "omit_default_locale_from_preview_path": True},  # German at /
        "collections": [_collection(name, folder, type_name, registries) for name, folder, type_name in _collections(model)],
    }


def _collections(model: ContentModel) -> list[tuple[str, str, str]]:
    """(name, folder below docs/<lang>/, content type): one per content type with a folder, and
    one per folder that holds pages, in the order of the German source tree."""
    found = [(TYPE_FOLDERS[t], TYPE_FOLDERS[t], t) for t in TYPE_FOLDERS]
    page_folders = sorted({str(PurePosixPath(p.rel_path).parent) for p in model.sources() if p.type == "page"})
    for folder in page_folders:
        found.append(("pages" if folder == "." else f"pages-{folder.replace('/', '-')}", "" if folder == "." else folder, "page"))
    return found


def _collection(name: str, folder: str, type_name: str, registries: _Registries) -> dict[str, Any]:
    # every file states its type, a translation the same as its source (the loader reads it first)
    fields = [{"name": "type", "widget": "hidden", "default": type_name, "i18n": "duplicate"}]
    for field_name, spec in schema.SCHEMAS[type_name].items():
        if field_name != "type":
            fields.append(field(field_name, spec, registries))
    fields.append({"name": "body", "label": "Text", "widget": "markdown", "modes": ["raw"], "i18n": True, "required": True})
    label = TYPE_LABELS[type_name] + (f" ({folder}/)" if type_name == "page" and folder else "")
    return {
        "name": name,
        "label": label,
        "folder": "/".join(p for p in ("docs", "{{locale}}", folder) if p),
        "path": "{{slug}}",
        "extension": "md",
        "format": "yaml-frontmatter",
        "filter": {"field": "type", "value": [None, "page"] if type_name == "page" else type_name},
        "i18n": True,
        "create": True,
        "identifier_field": "title",
        "preview_path": "/{{locale}}/" + (f"{folder}/" if folder else "") + "{{slug}}/",
        "fields": fields,
    }


def field(name: str, spec: Field, registries: _Registries, nested: bool = False, translated: bool = False) -> dict[str, Any]:
    """One field of a form: its widget from the validator's description, its rules from the schema.
    A part of a translated value (`translated`) is translated too (each language's file has its own)."""
    out: dict[str, Any] = {"name": name, "label": name.replace("_", " ")}
    if name == "translation" and not nested:
        # Every translation says how it was made; the German source never does. The editor's
        # per-language `required` does not work for an object (it calls a filled one empty), so
        # the form offers it in every language, its parts required once it is added; a
        # translation without it is reported by `make check` (and CI) at its path.
        out.update(required=False, i18n=True)
    else:
        out.update(required=spec.required)
        if not nested:  # a language-neutral fact is written once, in the German file
            out.update(i18n=not spec.neutral)
        elif translated:
            out.update(i18n=True)
    out.update(registries.widget(name) or widget(spec.validate, registries, translated=out.get("i18n") is True, nested=nested))
    if spec.default not in (None, [], {}) and not isinstance(spec.default, bool):
        out["default"] = spec.default
    return out


def widget(validate: Validator, registries: _Registries, translated: bool = False, nested: bool = False) -> dict[str, Any]:
    """The widget that asks for a validator's value (validators.described says what it takes)."""
    form = form_of(validate)
    if "like" in form:
        return widget(form["like"], registries, translated, nested)
    if "record" in form or "fields" in form:
        fields = rules(form["record"]) if "record" in form else form["fields"]
        return {"widget": "object", "fields": [field(n, f, registries, nested=True, translated=translated) for n, f in fields.items()]}
    if "item" in form:
        item = widget(form["item"], registries, translated, nested)
        out: dict[str, Any] = {"widget": "list"}
        if item["widget"] == "object":
            out["fields"] = item["fields"]
        else:
            out["field"] = {"name": "item", "label": "item", **item}
        if form.get("min"):
            out["min"] = form["min"]
        return out
    kind = form["widget"]
    if kind == "regions":
        return registries.regions()
    if kind == "select" and translated and nested and not form.get("multiple"):
        # The editor copies a choice inside an object from the German file into the other
        # languages' on saving, so such a choice that differs per language (how a translation was
        # made) is typed, and checked by its pattern.
        choices = list(form["options"])
        return {"widget": "string", "pattern": [f"^({'|'.join(re.escape(c) for c in choices)})$", "one of: " + ", ".join(choices)],
                "hint": "one of: " + ", ".join(choices)}
    if kind == "select":
        out = {"widget": "select", "options": list(form["options"])}
        if form.get("multiple"):
            out.update(multiple=True, min=form.get("min", 0))
        return out
    if kind == "number":
        return {"widget": "number", "value_type": "float", "min": form["min"], "max": form["max"]}
    if kind == "datetime":
        return {"widget": "datetime", "type": "date", "format": "YYYY-MM-DD"}
    if kind == "boolean":
        return {"widget": "boolean"}
    out = {"widget": "string"}
    if "pattern" in form:
        out["pattern"] = list(form["pattern"])
    return out


class _Registries:
    """The choices the registries give: organisations, locations, districts and cities."""

    def __init__(self, model: ContentModel) -> None:
        self.model = model

    def widget(self, name: str) -> dict[str, Any] | None:
        if name in ORGANISATION_FIELDS:
            return {"widget": "select", "options": sorted(self.model.organisations)}
        if name == "organiser":  # a location or an organisation
            return {"widget": "select", "options": sorted(set(self.model.organisations) | set(self.model.locations()))}
        if name in LOCATION_FIELDS:
            return {"widget": "relation", "collection": TYPE_FOLDERS["location"], "value_field": "{{slug}}",
                    "search_fields": ["title"], "display_fields": ["title"], "multiple": LOCATION_FIELDS[name]}
        return None

    def regions(self) -> dict[str, Any]:
        names = [region.id for state in self.model.states.values() for region in state.regions]
        return {"widget": "select", "multiple": True, "options": [values.STATEWIDE, *names]}


def import_map() -> str:
    """The editor page's import map (inline: its hash is in the editor's policy, deploy/nginx.conf)."""
    return json.dumps({"imports": {IMMUTABLE_URL: f"./vendor/{IMMUTABLE.name}"}}, separators=(",", ":"))


def write(site_dir: Path, project: Path, model: ContentModel, backend: dict[str, str]) -> None:
    """admin/index.html, admin/config.yml and the editor's program into the built site (after
    the stylesheet got its fingerprinted name, which the preview loads)."""
    sheets = sorted((site_dir / "assets" / "stylesheets").glob("site.*.css"))
    if len(sheets) != 1:
        raise EditorError(f"the editor's preview needs the site's one stylesheet; found {len(sheets)} in assets/stylesheets/")
    stylesheet = f"../assets/stylesheets/{sheets[0].name}"
    program = project / PROGRAM
    for needed in (PROGRAM, IMMUTABLE, *FONTS):
        if not (project / needed).is_file():
            raise EditorError(f"{needed} is missing; run `make setup` (npm ci)")
    out = site_dir / FOLDER
    (out / "fonts").mkdir(parents=True, exist_ok=True)
    shutil.copyfile(program, out / program.name)
    # the program's parts it loads when needed (React, for the previews), beside it as it expects
    shutil.copytree(program.parent / "chunks", out / "chunks", dirs_exist_ok=True, ignore=shutil.ignore_patterns("*.map"))
    for font in FONTS:
        shutil.copyfile(project / font, out / "fonts" / font.name)
    (out / "vendor").mkdir(exist_ok=True)
    shutil.copyfile(project / IMMUTABLE, out / "vendor" / IMMUTABLE.name)
    settings = config(model, backend)
    (out / "config.yml").write_text(yaml.safe_dump(settings, allow_unicode=True, sort_keys=False, width=1000), encoding="utf-8")
    env = Environment(loader=FileSystemLoader(project / "overrides"), autoescape=True, undefined=StrictUndefined)
    rtl = [code for code, lang in LANGUAGES.items() if lang.direction == "rtl"]
    (out / "index.html").write_text(env.get_template(TEMPLATE).render(program=program.name, preview=PREVIEW, fonts=FONTS_CSS,
                                                                       stylesheet=stylesheet, rtl=" ".join(rtl),
                                                                       collections=" ".join(c["name"] for c in settings["collections"]),
                                                                       importmap=import_map(), source=DEFAULT_LANGUAGE),
                                    encoding="utf-8")
