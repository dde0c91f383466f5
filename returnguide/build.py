"""The build as a readable recipe. A failed build never touches an existing site/."""

from __future__ import annotations

import datetime as dt
import logging
import os
import shutil
import tempfile
from pathlib import Path

from . import checks, content, deploy, fingerprint, links, optimise, outreach, redirects, search
from .leaflets import render as leaflets

os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")  # the end-of-life date is recorded in the README


class BuildFailed(Exception):
    """The build stopped; the message says why, the previous site/ is untouched."""


def build(project: Path, site_dir: Path, *, docs_dir: Path | None = None, today: dt.date | None = None,
          cache_dir: Path | None = None, log=print) -> content.ContentModel:
    project = project.resolve()
    site_dir = site_dir.resolve()
    docs_dir = (docs_dir or project / "docs").resolve()

    # 1. Load and validate all content once; any error stops the build before anything is written.
    model = content.register(content.load(docs_dir))
    problems = checks.run_all(model, today or dt.date.today())
    for problem in problems:
        log(str(problem))
    if any(p.severity == "error" for p in problems):
        raise BuildFailed(f"content has {sum(p.severity == 'error' for p in problems)} error(s); nothing was written")

    # 2. Render the leaflets that changed (PDFs wait in the cache); the catalogue page lists them.
    site_dir.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=".site-build-", dir=site_dir.parent))
    config = site_config(project, docs_dir, staging)
    cache_dir = (cache_dir or project / ".cache").resolve()
    setup = leaflets.Setup(project, config.site_url or "", cache_dir / "leaflets", project / "materials" / "print")
    try:
        leaflet_set = leaflets.build(model, setup, log=log)
        model.catalogue = leaflet_set.manifest

        # 3. Build the site for all languages into a fresh folder next to site/ (same file system),
        #    then add the leaflets, the short links (leaflets, campaigns), the old addresses of moved
        #    pages, and what sharing needs (preview images, QR codes, sitemap).
        build_site(config)
        leaflet_set.write(staging / "materials")
        names = site_names(config)
        redirects.write(staging, {**leaflet_set.redirects(), **links.redirects(model)}, model, setup.site_url, names)
        outreach.write(staging, model, setup.site_url, names, cache_dir / "previews", setup.qr_cache, log=log)
        search.write(staging, model)
        fingerprint.write(staging)  # our CSS/JS get hashed names (every page now written); sw.js its version
        optimise.write(staging, cache_dir / "compressed", log=log)
        # 4. What the production server allows (deploy/nginx.conf) must fit every page.
        deploy.check_policy(staging)
    except leaflets.LeafletError as err:
        shutil.rmtree(staging, ignore_errors=True)
        raise BuildFailed(f"leaflets failed:\n{err}") from None
    except (fingerprint.FingerprintError, optimise.OptimiseError, deploy.DeployError) as err:
        shutil.rmtree(staging, ignore_errors=True)
        raise BuildFailed(str(err)) from None
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise

    # 5. Replace site/ only now that everything succeeded.
    swap_into_place(staging, site_dir)
    return model


def site_config(project: Path, docs_dir: Path, out: Path):
    """mkdocs.yml, loaded once (the site address is also what the leaflets' QR codes use)."""
    from mkdocs.config import load_config

    return load_config(str(project / "mkdocs.yml"), docs_dir=str(docs_dir), site_dir=str(out), strict=True)


def site_names(config) -> dict[str, str]:
    """The site's name in every language, as mkdocs.yml gives it (the default language's is site_name)."""
    from .languages import LANGUAGES

    names = {lang.locale: lang.site_name for lang in config.plugins["i18n"].config.languages}
    return {code: names.get(code) or config.site_name for code in LANGUAGES}


def build_site(config) -> None:
    """mkdocs build --strict, in this process so the hooks share the loaded model."""
    from mkdocs.commands.build import build as mkdocs_build
    from mkdocs.exceptions import MkDocsException

    _show_mkdocs_warnings()
    try:
        mkdocs_build(config)
    except (MkDocsException, SystemExit) as err:
        raise BuildFailed(f"mkdocs build failed: {err}") from err


def swap_into_place(staging: Path, site_dir: Path) -> None:
    old = None
    if site_dir.exists():
        old = site_dir.with_name(f".site-old-{os.getpid()}")
        site_dir.rename(old)
    staging.rename(site_dir)
    site_dir.chmod(0o755)  # mkdtemp makes it private; a web server must read it
    if old is not None:
        shutil.rmtree(old)


def _show_mkdocs_warnings() -> None:
    logger = logging.getLogger("mkdocs")
    if not any(getattr(h, "_returnguide", False) for h in logger.handlers):
        handler = logging.StreamHandler()
        handler.setLevel(logging.WARNING)
        handler.setFormatter(logging.Formatter("mkdocs: %(levelname)s: %(message)s"))
        handler._returnguide = True
        logger.addHandler(handler)
        logger.setLevel(logging.INFO)
