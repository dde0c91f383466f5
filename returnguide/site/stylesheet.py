"""One small stylesheet for every page, for readers on a prepaid data plan: Material's stylesheets
(main, palette) and ours (site.css) in one file, without the rules no page of this site uses
(PurgeCSS, over every page and our scripts), minified (lightningcss). Material's stylesheet was
23 KB of a 86 KB first view, most of it rules for features the site does not have.

The result replaces `assets/stylesheets/site.css` (fingerprint.py then gives it its content's hash,
so a new build's rules never meet an old build's cached file); every page's links to Material's
stylesheets are removed, and so are the files. `mkdocs serve` skips this step: a writer's preview
keeps Material's full stylesheets.

What only a script adds to a page is found in the scripts themselves (PurgeCSS reads them as text:
class names such as `md-search-result__item` and `rg-finder__option` are written there); SAFELIST
names what is set another way.

PurgeCSS and lightningcss take about five seconds; their result is kept in the build's cache under
the hash of everything they read (the stylesheets, every page, our scripts, the tools' versions and
the safelist), so an unchanged site takes it from there.
"""

from __future__ import annotations

import hashlib
import json
import re
import shutil
import subprocess
import tempfile
from pathlib import Path

OURS = "assets/stylesheets/site.css"
MATERIAL = ("assets/stylesheets/main.*.min.css", "assets/stylesheets/palette.*.min.css")
_MATERIAL_LINK = re.compile(r'\s*<link rel="stylesheet" href="[^"]*assets/stylesheets/(?:main|palette)\.[0-9a-f]{8}\.min\.css">')
# Selectors a script switches on that no page or script holds as a word of its own: the attribute
# keyboard.js sets on <body> while the menu or the search is open, and the class it gives <html>.
SAFELIST = ("js",)
SAFELIST_GREEDY = ("data-md-scrolllock",)


class StylesheetError(Exception):
    pass


def _tool(project: Path, name: str) -> str:
    tool = project / "node_modules" / ".bin" / name
    if not tool.is_file():
        raise StylesheetError(f"node_modules/.bin/{name} is missing; run `make setup` (npm ci)")
    return str(tool)


def _content(site_dir: Path) -> list[Path]:
    """What PurgeCSS reads to know which rules are used: every page, and our scripts (Material's
    bundle, *.min.js, names every class of Material's and is not loaded)."""
    scripts = sorted(p for p in (site_dir / "assets" / "javascripts").glob("*.js") if not p.name.endswith(".min.js"))
    return sorted(site_dir.glob("**/*.html")) + scripts


def _key(site_dir: Path, project: Path, sources: list[Path], content: list[Path]) -> str:
    digest = hashlib.sha256()
    for name in ("purgecss", "lightningcss-cli"):
        manifest = project / "node_modules" / name / "package.json"
        if manifest.is_file():
            digest.update(f"{name}@{json.loads(manifest.read_text(encoding='utf-8')).get('version')}".encode())
    digest.update(repr((SAFELIST, SAFELIST_GREEDY)).encode())
    for path in sources + content:
        digest.update(str(path.relative_to(site_dir)).encode() + b"\0" + path.read_bytes() + b"\0")
    return digest.hexdigest()


def write(site_dir: Path, project: Path, cache_dir: Path | None = None, log=print) -> None:
    sources = [p for pattern in MATERIAL for p in sorted(site_dir.glob(pattern))] + [site_dir / OURS]
    if not (site_dir / OURS).is_file():
        raise StylesheetError(f"{OURS} is missing from the built site")
    before = sum(p.stat().st_size for p in sources)
    content = _content(site_dir)
    kept = cache_dir / f"{_key(site_dir, project, sources, content)}.css" if cache_dir else None
    unchanged = bool(kept and kept.is_file())
    if unchanged:
        shutil.copyfile(kept, site_dir / OURS)
    else:
        _purge_and_minify(site_dir, project, sources, content, kept)
    for path in sources[:-1]:
        path.unlink()
    for page in site_dir.rglob("*.html"):
        text = page.read_text(encoding="utf-8")
        changed = _MATERIAL_LINK.sub("", text)
        if changed != text:
            page.write_text(changed, encoding="utf-8", newline="")
    log(f"stylesheet: {before // 1024} KB of Material's and ours -> {(site_dir / OURS).stat().st_size // 1024} KB"
        + (" (unchanged, from the cache)" if unchanged else ""))


def _purge_and_minify(site_dir: Path, project: Path, sources: list[Path], content: list[Path], kept: Path | None) -> None:
    with tempfile.TemporaryDirectory(prefix="rg-css-") as tmp:
        combined = Path(tmp) / "site.css"
        combined.write_text("\n".join(p.read_text(encoding="utf-8") for p in sources), encoding="utf-8")
        config = Path(tmp) / "purgecss.config.cjs"
        # a config file: the command line cannot take greedy patterns
        config.write_text("module.exports = " + _js({
            "content": [str(p) for p in content],
            "css": [str(combined)], "output": str(Path(tmp) / "out"),
            "variables": True, "keyframes": True, "fontFace": True,
            "safelist": {"standard": list(SAFELIST), "greedy": [f"/{g}/" for g in SAFELIST_GREEDY]},
        }) + ";\n", encoding="utf-8")
        (Path(tmp) / "out").mkdir()
        _run([_tool(project, "purgecss"), "--config", str(config)], "PurgeCSS")
        purged = Path(tmp) / "out" / "site.css"
        minified = Path(tmp) / "site.min.css"
        _run([_tool(project, "lightningcss"), "--minify", str(purged), "-o", str(minified)], "lightningcss")
        if kept:  # written whole under a temporary name, then renamed: a killed build leaves no half file
            kept.parent.mkdir(parents=True, exist_ok=True)
            for old in kept.parent.glob("*.css"):
                old.unlink()  # one entry: the last site's
            partial = kept.with_suffix(".part")
            shutil.copyfile(minified, partial)
            partial.replace(kept)
        shutil.copyfile(minified, site_dir / OURS)


def _js(value) -> str:
    """A JavaScript literal of a config value; strings "/…/" become regular expressions."""
    if isinstance(value, dict):
        return "{" + ", ".join(f"{k}: {_js(v)}" for k, v in value.items()) + "}"
    if isinstance(value, list):
        return "[" + ", ".join(_js(v) for v in value) + "]"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, str) and len(value) > 1 and value.startswith("/") and value.endswith("/"):
        return value
    return '"' + str(value).replace("\\", "\\\\").replace('"', '\\"') + '"'


def _run(command: list[str], what: str) -> None:
    result = subprocess.run(command, capture_output=True, text=True, timeout=300)
    if result.returncode != 0:
        raise StylesheetError(f"{what} failed (exit {result.returncode}):\n{result.stderr[-2000:]}")
