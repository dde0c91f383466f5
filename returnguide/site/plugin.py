"""The MkDocs plugin: owns the content model for each build and does the site's work, so
`mkdocs serve` shows the same site as `make build`.

Per language (mkdocs-static-i18n builds each language in turn): page views for our templates,
the language's 404 page. Once per site, after the last language: leaflets and the catalogue's
files, short links and redirects, search indexes, preview images, QR codes, sitemap, vCards.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, CombinedEvent, event_priority

from ..model.addresses import redirects
from ..model.content import ContentModel
from ..model.languages import DEFAULT_LANGUAGE, LANGUAGES
from ..model.loader import load_model
from . import outreach, search, views
from . import redirects as redirect_pages
from .config import ReturnGuideConfig
from .languages import SITE_NAME


class ReturnGuidePlugin(BasePlugin[ReturnGuideConfig]):
    supports_multiple_instances = False

    def __init__(self):
        self.model: ContentModel | None = None
        self.catalogue: list[dict] = []
        self.root = Path.cwd()
        self._default_404: bytes | None = None
        self._given: tuple | None = None

    def use(self, model: ContentModel, leaflets_dir: Path, cache_dir: Path) -> None:
        """The build recipe hands over the model it checked and the leaflets it rendered."""
        self._given = (model, leaflets_dir, cache_dir)

    # ---------------------------------------------------------------- set-up

    def _i18n(self, config):
        return config.plugins["i18n"]

    def _building_other_language(self, config) -> bool:
        """True inside static-i18n's builds of the other languages (after the default one)."""
        return bool(getattr(self._i18n(config), "building", False))

    def on_config(self, config):
        if self._building_other_language(config):
            return config
        # A new build of the whole site (also every rebuild of `mkdocs serve`): load everything anew.
        self.root = Path(config.config_file_path).resolve().parent
        docs = Path(config.docs_dir)
        materials = self.root / self.config.materials_dir if self.config.materials_dir else docs.parent / "materials"
        if self._given:
            self.model, self.leaflets_dir, self.cache_dir = self._given
        else:
            self.model = load_model(docs, materials)
            self.leaflets_dir, self.cache_dir = self.root / self.config.leaflets_dir, self.root / self.config.cache_dir
        if self.model.errors:
            raise PluginError("content has errors:\n" + "\n".join(str(p) for p in self.model.errors))
        manifest = self.leaflets_dir / "manifest.json"
        self.catalogue = json.loads(manifest.read_text(encoding="utf-8"))["leaflets"] if manifest.is_file() else []
        self._default_404 = None
        return config

    def on_serve(self, server, config, builder):
        # Leaflet definitions, campaigns, regions and the glossary are content too.
        server.watch(str(self.model.materials_dir))
        return server

    # ---------------------------------------------------------------- every language

    def on_env(self, env, config, files):
        # Structured data (tojson) in the page's own script, not as \u escapes: fewer bytes.
        # Jinja still escapes <, >, & and ' so the JSON cannot end its <script>.
        env.policies["json.dumps_kwargs"] = {"sort_keys": True, "ensure_ascii": False}
        lang = self._i18n(config).current_language
        env.globals["rg_site"] = views.site_view(lang)
        # Our templates' strings: _("German message id") in the language being built.
        env.add_extension("jinja2.ext.i18n")
        env.install_gettext_translations(LANGUAGES[lang].translations, newstyle=True)
        return env

    def on_page_context(self, context, page, config, nav):
        lang = self._i18n(config).current_language
        rel_path = getattr(page.file, "norm_src_uri", page.file.src_uri)
        context["rg"] = views.page_view(self.model, lang, rel_path, config.site_url or "", config.site_name,
                                        catalogue=self.catalogue)
        return context

    @event_priority(0)
    def _language_done(self, config):
        # Every language's build writes the site's root 404.html; each language's goes to its
        # own folder (/en/404.html …), the default language's stays at the root.
        site = Path(config.site_dir)
        lang = self._i18n(config).current_language
        if lang == DEFAULT_LANGUAGE:
            self._default_404 = (site / "404.html").read_bytes()
        else:
            (site / "404.html").replace(site / lang / "404.html")
            (site / "404.html").write_bytes(self._default_404)

    # ---------------------------------------------------------------- once, after all languages

    @event_priority(-110)  # after static-i18n's own post-build (-100), which builds the other languages
    def _site_done(self, config):
        if self._building_other_language(config):
            return
        site, model, site_url = Path(config.site_dir), self.model, config.site_url or ""
        cache = self.cache_dir
        names = self.site_names(config)
        self._publish_leaflets(site / "materials")
        redirect_pages.write(site, redirects(model), model, site_url, names, config.theme.dirs)
        outreach.write(site, model, site_url, names, cache / "previews", cache / "qr", config.theme.dirs)
        search.write(site, model)
        # vCards are language-neutral: written once, beside the default language's pages.
        for location in model.locations().values():
            target = (site / location.rel_path.removesuffix(".md")).with_suffix(".vcf")
            target.write_text(views.vcard(model, location, site_url), encoding="utf-8", newline="")

    on_post_build = CombinedEvent(_language_done, _site_done)

    def site_names(self, config) -> dict[str, str]:
        """The site's name in every language (from the catalogues, as static-i18n gets it)."""
        return {code: lang.t(SITE_NAME) for code, lang in LANGUAGES.items()}

    def _publish_leaflets(self, out: Path) -> None:
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
