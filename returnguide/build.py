"""The build as a readable recipe. A failed build never touches an existing site/."""

from __future__ import annotations

import datetime as dt
import logging
import os
import shutil
import tempfile
from pathlib import Path

from mkdocs.commands.build import build as mkdocs_build
from mkdocs.config import load_config
from mkdocs.exceptions import MkDocsException

from . import checks
from .checks.references import blocking
from .model.content import ContentModel, load_model
from .model.languages import DEFAULT_LANGUAGE, LANGUAGES
from .model.problems import ContentError
from .platform.system import FolderLock, exchange
from .print import render as leaflets
from .site import editor, fingerprint, optimise, policy, stylesheet

os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")  # the end-of-life date is recorded in the README


class BuildFailed(Exception):
    """The build stopped; the message says why, the previous site/ is untouched."""


def build(project: Path, site_dir: Path, *, docs_dir: Path | None = None, today: dt.date | None = None,
          cache_dir: Path | None = None, log=print) -> ContentModel:
    project, site_dir = project.resolve(), site_dir.resolve()
    docs_dir = (docs_dir or project / "docs").resolve()
    cache_dir = (cache_dir or project / ".cache").resolve()

    # 1. Check: load and validate all content once; any error stops the build before anything is written.
    today = today or dt.date.today()
    model = load_model(docs_dir)
    problems = checks.run_all(model, today)
    for problem in problems:
        log(str(problem))
    if any(p.severity == "error" for p in problems):
        raise BuildFailed(f"content has {sum(p.severity == 'error' for p in problems)} error(s); nothing was written")
    # The production server's rules name every language's folder (its 404 page, the finder without JavaScript).
    try:
        policy.check_language_folders(project / "deploy" / "nginx.conf", [c for c in LANGUAGES if c != DEFAULT_LANGUAGE])
    except policy.DeployError as err:
        raise BuildFailed(str(err)) from None
    try:  # the Git host the web editor saves to (RG_EDITOR_*), and the editor's policy that names it
        backend = editor.git_backend()
        policy.check_editor_policy(project / "deploy" / "nginx.conf", backend["base_url"])
    except (editor.EditorError, policy.DeployError) as err:
        raise BuildFailed(str(err)) from None

    # One build at a time per output folder and per cache; a second one waits. What a killed build
    # left behind (its work folder) goes now.
    site_dir.parent.mkdir(parents=True, exist_ok=True)
    cache_dir.mkdir(parents=True, exist_ok=True)
    locks = [FolderLock(site_dir), FolderLock(cache_dir)]
    for lock in locks:
        lock.acquire(log)
    for stale in site_dir.parent.glob(f".{site_dir.name}-build-*"):
        shutil.rmtree(stale, ignore_errors=True)
    work = Path(tempfile.mkdtemp(prefix=f".{site_dir.name}-build-", dir=site_dir.parent))
    staging = work / "site"
    try:
        # 2. Leaflets: render those that changed (the others come from the cache).
        config = site_config(project, docs_dir, staging)
        leaflet_set = leaflets.build(model, leaflet_setup(project, config, cache_dir), today=today, log=log)
        # 3. MkDocs builds every language from the checked model; our plugin adds the catalogue page's
        #    list of leaflets, short links, search, previews, sitemap. Then the leaflets join the
        #    site (after MkDocs, which empties its output folder first), copied once from the cache.
        plugin = config.plugins["returnguide"]
        plugin.use(model, catalogue=leaflet_set.catalogue, cache_dir=cache_dir, today=today)
        build_site(config)
        leaflet_set.write(staging / "materials")
        # 4. Optimise: one stylesheet with only the rules the pages use; our CSS/JS get hashed names
        #    (sw.js the build's version), then precompressed copies beside every text file.
        optimise.prune(staging)
        stylesheet.write(staging, project, cache_dir / "stylesheet", log=log)
        fingerprint.write(staging)
        # 5. The web editor at /admin/: its forms generated from the schema and the registries.
        editor.write(staging, project, model, backend)
        optimise.write(staging, cache_dir / "compressed", log=log)
        # 6. What the production server allows (deploy/nginx.conf) must fit every page and language.
        policy.check_policy(staging, project / "deploy" / "nginx.conf")
        # 7. Swap: replace site/ only now that everything succeeded.
        swap_into_place(staging, site_dir)
    except leaflets.LeafletError as err:
        raise BuildFailed(f"leaflets failed:\n{err}") from None
    except (stylesheet.StylesheetError, fingerprint.FingerprintError, editor.EditorError, optimise.OptimiseError,
            policy.DeployError) as err:
        raise BuildFailed(str(err)) from None
    except ContentError as err:  # a writer refused what the check let through: its file and line
        raise BuildFailed(str(err.problem)) from None
    finally:
        shutil.rmtree(work, ignore_errors=True)
        for lock in locks:
            lock.release()
    return model


def leaflets_only(project: Path, out: Path, *, docs_dir: Path | None = None, cache_dir: Path | None = None,
                  only: str | None = None, lang: str | None = None, jobs: int | None = None,
                  today: dt.date | None = None, log=print) -> list[dict]:
    """`returnguide leaflets`: the leaflets on their own, for quick iteration: load, stop on what
    no output can be made with (checks/references.py), render what changed, write them to out.
    Returns their catalogue entries."""
    project = project.resolve()
    docs_dir = (docs_dir or project / "docs").resolve()
    cache_dir = (cache_dir or project / ".cache").resolve()
    model = load_model(docs_dir)
    if errors := blocking(model):
        raise BuildFailed("content has errors; no leaflet was rendered:\n" + "\n".join(str(p) for p in errors))
    config = site_config(project, docs_dir, out)
    try:
        leaflet_set = leaflets.build(model, leaflet_setup(project, config, cache_dir), only=only, lang=lang, jobs=jobs,
                                     today=today, log=log)
    except leaflets.LeafletError as err:
        raise BuildFailed(f"leaflets failed:\n{err}") from None
    except ContentError as err:
        raise BuildFailed(str(err.problem)) from None
    leaflet_set.write(out)
    return leaflet_set.manifest


def leaflet_setup(project: Path, config, cache_dir: Path) -> leaflets.Setup:
    """Where the leaflets' QR codes lead (the site address of mkdocs.yml), their cache and stylesheets."""
    return leaflets.Setup(project, config.site_url or "", cache_dir / "leaflets", project / "materials" / "print")


def site_config(project: Path, docs_dir: Path, out: Path):
    """mkdocs.yml, loaded once (the site address is also what the leaflets' QR codes use)."""
    return load_config(str(project / "mkdocs.yml"), docs_dir=str(docs_dir), site_dir=str(out), strict=True)


def build_site(config) -> None:
    """mkdocs build --strict, in this process so the plugin gets the model already loaded."""
    _show_mkdocs_warnings()
    try:
        mkdocs_build(config)
    except (MkDocsException, SystemExit) as err:
        raise BuildFailed(f"mkdocs build failed: {err}") from err


def swap_into_place(staging: Path, site_dir: Path) -> None:
    """The new site takes the place of the old in one step: a reader never meets no site/. The old
    one ends up in the build's work folder, which the build removes."""
    staging.chmod(0o755)  # mkdtemp makes the work folder private; a web server must read the site
    if site_dir.exists() and exchange(staging, site_dir):
        return
    if site_dir.exists():  # a file system without an atomic exchange: two renames, a moment apart
        site_dir.rename(staging.with_name("old-site"))
    staging.rename(site_dir)


class _MkDocsWarnings(logging.StreamHandler):
    """MkDocs' warnings on stderr (strict mode turns them into a failed build)."""


def _show_mkdocs_warnings() -> None:
    logger = logging.getLogger("mkdocs")
    if not any(isinstance(h, _MkDocsWarnings) for h in logger.handlers):
        handler = _MkDocsWarnings()
        handler.setLevel(logging.WARNING)
        handler.setFormatter(logging.Formatter("mkdocs: %(levelname)s: %(message)s"))
        logger.addHandler(handler)
        logger.setLevel(logging.INFO)
