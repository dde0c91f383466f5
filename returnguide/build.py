"""The build as a readable recipe. A failed build never touches an existing site/."""

from __future__ import annotations

import datetime as dt
import logging
import os
import shutil
import tempfile
from pathlib import Path

from . import checks, content

os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")  # the end-of-life date is recorded in the README


class BuildFailed(Exception):
    """The build stopped; the message says why, the previous site/ is untouched."""


def build(project: Path, site_dir: Path, *, docs_dir: Path | None = None, today: dt.date | None = None, log=print) -> content.ContentModel:
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

    # 2. Build the site for all languages into a fresh folder next to site/ (same file system).
    site_dir.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=".site-build-", dir=site_dir.parent))
    try:
        build_site(project, docs_dir, staging)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise

    # 3. Replace site/ only now that everything succeeded.
    swap_into_place(staging, site_dir)
    return model


def build_site(project: Path, docs_dir: Path, out: Path) -> None:
    """mkdocs build --strict, in this process so the hooks share the loaded model."""
    from mkdocs.commands.build import build as mkdocs_build
    from mkdocs.config import load_config
    from mkdocs.exceptions import MkDocsException

    _show_mkdocs_warnings()
    config = load_config(str(project / "mkdocs.yml"), docs_dir=str(docs_dir), site_dir=str(out), strict=True)
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
