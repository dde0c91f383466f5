"""The MkDocs plugin: owns the content model for each build and does the site's work, so
`mkdocs serve` shows the same site as `make build`.

Per language (mkdocs-static-i18n builds each language in turn): page views for our templates,
the language's 404 page, the finder's postcode pages. Once per site, after the last language:
short links and redirects, search indexes and the finder's index, preview images, QR codes,
sitemap, vCards. `make build` (build.py) hands it the checked model and the leaflet catalogue
and writes the leaflets itself; under `mkdocs serve` it loads the model and the last rendered
leaflets on its own.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import json
import shutil
from pathlib import Path

import jinja2
import markupsafe
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, CombinedEvent, event_priority
from mkdocs.structure.files import File, InclusionLevel

from ..checks.published import collisions
from ..checks.references import blocking
from ..checks.safety import ALLOWED_FILES
from ..checks.sanitise import clean
from ..compat import mkdocs_i18n
from ..model.addresses import redirects
from ..model.content import ContentModel, load_model
from ..model.languages import DEFAULT_LANGUAGE, LANGUAGES
from ..model.pages import expand_quotes
from ..model.problems import ContentError
from . import calendar, directory, finder, navigation, outreach, page_views, search
from . import redirects as redirect_pages
from .config import ReturnGuideConfig
from .i18n import SITE_NAME


def escape_values(value):
    """Every text in a front-matter structure HTML-escaped (as Markup, so nothing escapes it twice)."""
    if isinstance(value, str):
        return markupsafe.escape(value)
    if isinstance(value, dict):
        return {key: escape_values(item) for key, item in value.items()}
    if isinstance(value, list):
        return [escape_values(item) for item in value]
    return value


@contextlib.contextmanager
def refused_content():
    """A writer that refuses content (model/characters.py, the finder's index) stops the build
    with the file and line of the content, as MkDocs reports a plugin's error: no traceback."""
    try:
        yield
    except ContentError as err:
        raise PluginError(str(err.problem)) from None


class ReturnGuidePlugin(BasePlugin[ReturnGuideConfig]):
    supports_multiple_instances = False

    def __init__(self):
        self.model: ContentModel | None = None
        self.catalogue: list[dict] = []  # the rendered leaflets' entries (print/render.py LeafletSet.catalogue)
        self.leaflets_dir: Path | None = None  # `mkdocs serve` only: where the last rendered leaflets are
        self.root = Path.cwd()
        self._default_404: bytes | None = None
        self._given: tuple | None = None
        self.today: dt.date | None = None
        self._postcode_pages: dict[str, finder.PostcodePage] = {}  # the language being built: src_uri -> page

    def use(self, model: ContentModel, catalogue: list[dict], cache_dir: Path, today: dt.date | None = None) -> None:
        """The build recipe (build.py) hands over the model it checked, the catalogue of the
        leaflets it rendered (it writes their files itself) and the build's date (`--today`: which
        events are upcoming and which are in the archive)."""
        self._given = (model, catalogue, cache_dir)
        self.today = today

    # ---------------------------------------------------------------- set-up

    def on_config(self, config):
        if mkdocs_i18n.building_other_language(config):
            return config
        # A new build of the whole site (also every rebuild of `mkdocs serve`): load everything anew.
        self.root = Path(config.config_file_path).resolve().parent
        self.overrides = Path(config.theme.custom_dir).resolve()
        docs = Path(config.docs_dir)
        materials = self.root / self.config.materials_dir if self.config.materials_dir else docs.parent / "materials"
        if self._given:
            self.model, self.catalogue, self.cache_dir = self._given
            self.leaflets_dir = None
        else:  # `mkdocs serve`: no build recipe; the leaflets of the last `returnguide leaflets` run
            self.model = load_model(docs, materials)
            self.leaflets_dir, self.cache_dir = self.root / self.config.leaflets_dir, self.root / self.config.cache_dir
            manifest = self.leaflets_dir / "manifest.json"
            self.catalogue = json.loads(manifest.read_text(encoding="utf-8"))["leaflets"] if manifest.is_file() else []
        # make build checks everything first; mkdocs serve at least what would break the site's addresses.
        errors = blocking(self.model) + [p for p in collisions(self.model) if p.severity == "error"]
        if errors:
            raise PluginError("content has errors:\n" + "\n".join(str(p) for p in errors))
        self._default_404 = None
        return config

    @event_priority(-110)  # after static-i18n (-100) has chosen this language's files and fallbacks
    def on_files(self, files, config):
        # Pages published only in some languages (pages for staff: German and English) get no
        # German fallback copy, navigation entry or address in the others.
        lang = mkdocs_i18n.current_language(config)
        for file in list(files.documentation_pages()):
            rel_path = getattr(file, "norm_src_uri", file.src_uri)
            if self.model.page(DEFAULT_LANGUAGE, rel_path) is not None and not self.model.published(lang, rel_path):
                files.remove(file)
        # Only pages and pictures leave docs/ (make check names any other file as an error): a
        # script there would be served from the site's own address, which the policy trusts.
        for file in list(files):
            if not file.generated_by and file.src_uri and Path(file.src_uri).suffix.lower() not in ALLOWED_FILES \
                    and Path(file.abs_src_path or "").is_relative_to(Path(config.docs_dir).resolve()):
                files.remove(file)
        # The finder's pages for readers without JavaScript: pages MkDocs renders like any other
        # (as Material's blog plugin adds its archive pages), with the template they name and
        # the page context on_page_context gives them; never in the navigation.
        self._postcode_pages = {}
        for page in finder.pages(self.model, lang):
            src_uri = f"{page.paths[lang]}index.md"
            front_matter = {"template": finder.TEMPLATE, "title": page.title, "description": page.description}
            content = "---\n" + "".join(f"{key}: {json.dumps(value)}\n" for key, value in front_matter.items()) + "---\n"
            files.append(File.generated(config, src_uri, content=content, inclusion=InclusionLevel.NOT_IN_NAV))
            self._postcode_pages[src_uri] = page
        return files

    @event_priority(-110)  # after static-i18n (-100) has made this language's navigation
    def on_nav(self, nav, config, files):
        navigation.sort_countries(nav, self.model, mkdocs_i18n.current_language(config))
        return nav

    def on_serve(self, server, config, builder):
        # Leaflet definitions, campaigns, regions and the glossary are content too.
        server.watch(str(self.model.materials_dir))
        return server

    # ---------------------------------------------------------------- every language

    def on_page_content(self, html, page, config, files):
        # The rendered Markdown passes the allow-list (make check reports what it would remove).
        return clean(html)

    def on_env(self, env, config, files):
        # Structured data (tojson) in the page's own script, not as \u escapes: fewer bytes.
        # Jinja still escapes <, >, & and ' so the JSON cannot end its <script>.
        env.policies["json.dumps_kwargs"] = {"sort_keys": True, "ensure_ascii": False}
        # Each language's build compiles every template anew: keep the compiled code between builds.
        (self.cache_dir / "templates").mkdir(parents=True, exist_ok=True)
        env.bytecode_cache = jinja2.FileSystemBytecodeCache(str(self.cache_dir / "templates"))
        lang = mkdocs_i18n.current_language(config)
        env.globals["rg_site"] = page_views.site_view(lang)
        # Our templates (overrides/, except the copy of Material's base.html) escape what they print.
        ours = {p.relative_to(self.overrides).as_posix() for p in self.overrides.rglob("*.html")} - {"base.html"}
        env.autoescape = lambda name: name in ours
        # Our templates' strings: _("German message id") in the language being built.
        env.add_extension("jinja2.ext.i18n")
        env.install_gettext_translations(LANGUAGES[lang].translations, newstyle=True)
        return env

    def on_page_markdown(self, markdown, page, config, files):
        # Material writes front-matter values (title, description) into the page without escaping:
        # they reach it escaped, as Markup, so a title is text and never markup.
        page.meta = escape_values(page.meta)
        # Sections quoted from other pages (`<!-- quote: PAGE#ID -->`), in this language.
        lang = mkdocs_i18n.current_language(config)
        return expand_quotes(self.model, lang, getattr(page.file, "norm_src_uri", page.file.src_uri), markdown)

    def on_page_context(self, context, page, config, nav):
        lang = mkdocs_i18n.current_language(config)
        postcodes = self._postcode_pages.get(page.file.src_uri) if page.file.generated_by else None
        if postcodes is not None:
            # the same page frame as every content page: switcher, alternates, canonical, share tags
            context["rg"] = page_views.generated_page_view(lang, postcodes.paths, postcodes.title, postcodes.description,
                                                           postcodes.shown, config.site_url or "")
            context["rg_postcodes"] = postcodes.view
            return context
        rel_path = getattr(page.file, "norm_src_uri", page.file.src_uri)
        # `mkdocs serve` has no --today: a writer's preview sorts events by the clock's date.
        with refused_content():
            context["rg"] = page_views.page_view(self.model, lang, rel_path, config.site_url or "", config.site_name,
                                            catalogue=self.catalogue, today=self.today or dt.date.today())
        return context

    @event_priority(0)
    def _language_done(self, config):
        # Every language's build writes the site's root 404.html; each language's goes to its
        # own folder (/en/404.html …), the default language's stays at the root.
        site = Path(config.site_dir)
        lang = mkdocs_i18n.current_language(config)
        if lang == DEFAULT_LANGUAGE:
            self._default_404 = (site / "404.html").read_bytes()
        else:
            (site / "404.html").replace(site / lang / "404.html")
            (site / "404.html").write_bytes(self._default_404)

    # ---------------------------------------------------------------- once, after all languages

    @event_priority(-110)  # after static-i18n's own post-build (-100), which builds the other languages
    def _site_done(self, config):
        if mkdocs_i18n.building_other_language(config):
            return
        with refused_content():
            self._write_site_files(config)

    def _write_site_files(self, config):
        site, model, site_url = Path(config.site_dir), self.model, config.site_url or ""
        cache = self.cache_dir
        names = self.site_names(config)
        if self.leaflets_dir:
            self._publish_leaflets(site / "materials")
        redirect_pages.write(site, redirects(model), model, site_url, names, config.theme.dirs)
        outreach.write(site, model, site_url, names, cache / "previews", cache / "qr", config.theme.dirs)
        search.write(site, model)
        calendar.write(site, model, site_url, names)
        finder.write_index(site, model)
        # vCards are language-neutral: written once, beside the default language's pages.
        for location in model.locations().values():
            target = (site / location.rel_path.removesuffix(".md")).with_suffix(".vcf")
            target.write_text(directory.vcard(model, location, site_url), encoding="utf-8", newline="")

    on_post_build = CombinedEvent(_language_done, _site_done)

    def site_names(self, config) -> dict[str, str]:
        """The site's name in every language (from the catalogues, as static-i18n gets it)."""
        return {code: lang.t(SITE_NAME) for code, lang in LANGUAGES.items()}

    def _publish_leaflets(self, out: Path) -> None:
        """`mkdocs serve` only: the last rendered leaflets beside the pages that list them."""
        source = self.leaflets_dir
        if not self.catalogue:
            return
        (out / "thumbs").mkdir(parents=True, exist_ok=True)
        for entry in self.catalogue:
            shutil.copyfile(source / entry["file"], out / entry["file"])
            shutil.copyfile(source / entry["thumbnail"], out / entry["thumbnail"])
            if entry.get("two_up"):  # A5 two to an A4 sheet, for office printers
                shutil.copyfile(source / entry["two_up"], out / entry["two_up"])
        shutil.copyfile(source / "manifest.json", out / "manifest.json")
