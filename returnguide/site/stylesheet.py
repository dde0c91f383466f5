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
"""

from __future__ import annotations

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


def write(site_dir: Path, project: Path, log=print) -> None:
    sources = [p for pattern in MATERIAL for p in sorted(site_dir.glob(pattern))] + [site_dir / OURS]
    if not (site_dir / OURS).is_file():
        raise StylesheetError(f"{OURS} is missing from the built site")
    before = sum(p.stat().st_size for p in sources)
    with tempfile.TemporaryDirectory(prefix="rg-css-") as tmp:
        combined = Path(tmp) / "site.css"
        combined.write_text("\n".join(p.read_text(encoding="utf-8") for p in sources), encoding="utf-8")
        config = Path(tmp) / "purgecss.config.cjs"
        # a config file: the command line cannot take greedy patterns
        config.write_text("module.exports = " + _js({
            # our scripts (Material's bundle, *.min.js, names every class of Material's and is not loaded)
            "content": [f"{site_dir}/**/*.html", *(str(p) for p in sorted((site_dir / "assets" / "javascripts").glob("*.js"))
                                                    if not p.name.endswith(".min.js"))],
            "css": [str(combined)], "output": str(Path(tmp) / "out"),
            "variables": True, "keyframes": True, "fontFace": True,
            "safelist": {"standard": list(SAFELIST), "greedy": [f"/{g}/" for g in SAFELIST_GREEDY]},
        }) + ";\n", encoding="utf-8")
        (Path(tmp) / "out").mkdir()
        _run([_tool(project, "purgecss"), "--config", str(config)], "PurgeCSS")
        purged = Path(tmp) / "out" / "site.css"
        minified = Path(tmp) / "site.min.css"
        _run([_tool(project, "lightningcss"), "--minify", str(purged), "-o", str(minified)], "lightningcss")
        shutil.copyfile(minified, site_dir / OURS)
    for path in sources[:-1]:
        path.unlink()
    for page in site_dir.rglob("*.html"):
        text = page.read_text(encoding="utf-8")
        changed = _MATERIAL_LINK.sub("", text)
        if changed != text:
            page.write_text(changed, encoding="utf-8", newline="")
    log(f"stylesheet: {before // 1024} KB of Material's and ours -> {(site_dir / OURS).stat().st_size // 1024} KB")


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
