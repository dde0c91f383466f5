"""Shared helpers: fixture content trees, running the CLI, a loopback web server."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).resolve().parent / "fixtures"
FACTS = ROOT.parent / "shared" / "FACTS.md"  # beside the clone, as in CI
TODAY = "2026-11-21"  # freshness is judged against a fixed date, so results do not change with the clock


def make_tree(dest: Path, overlay: str | None = None) -> Path:
    """A copy of the good fixture tree under dest/docs, with a bad case's files laid over it."""
    docs = dest / "docs"
    shutil.copytree(FIXTURES / "good" / "docs", docs)
    # the real regions and glossary: the fixture pages are checked against them
    (dest / "materials").mkdir()
    for name in ("regions.yml", "glossary.yml"):
        shutil.copy(ROOT / "materials" / name, dest / "materials" / name)
    shutil.copytree(FIXTURES / "good" / "materials" / "leaflets", dest / "materials" / "leaflets")
    if overlay:
        shutil.copytree(FIXTURES / "bad" / overlay, docs, dirs_exist_ok=True)
    return docs


def run_cli(*args: str, cwd: Path = ROOT) -> subprocess.CompletedProcess:
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    return subprocess.run([sys.executable, "-m", "returnguide", *args], cwd=cwd, env=env, capture_output=True, text=True, timeout=300)


def serve(directory: Path):
    """Serve a folder on 127.0.0.1 (a free port) as production does (precompressed files,
    cache headers); returns (base URL, stop function)."""
    from returnguide import server

    return server.start(directory)


@pytest.fixture(scope="session")
def built_site(tmp_path_factory) -> Path:
    """The real content, built once through the CLI into a temporary site folder."""
    site = tmp_path_factory.mktemp("real") / "site"
    result = run_cli("build", "--site-dir", str(site), "--today", TODAY)
    assert result.returncode == 0, result.stdout + result.stderr
    return site
