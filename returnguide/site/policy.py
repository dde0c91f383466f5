"""What the built site needs from its web server, checked against deploy/nginx.conf: every inline
script and style of every page must be allowed, by hash, by the Content-Security-Policy there,
and every rule that names the language folders (404 page per language, the finder without
JavaScript) must name each language of the registry. The build runs the checks, so a template
change that adds an inline script, or a new language, fails the build (naming the page and the
hash to add, or the line and the languages) instead of a site that silently breaks in production.
"""

from __future__ import annotations

import base64
import hashlib
import re
from pathlib import Path

# A <script> of one of these types is run; any other type (JSON-LD, Material's config) is data.
SCRIPT_TYPES = {"", "text/javascript", "application/javascript", "module", "importmap"}  # an import map too (CSP applies)


class DeployError(Exception):
    """The site and the server rules do not fit; the message names the pages and what to do."""


def content_security_policy(rules: Path) -> dict[str, list[str]]:
    """The policy of `add_header Content-Security-Policy "…"` in the rules, by directive."""
    match = re.search(r'add_header\s+Content-Security-Policy\s+"([^"]+)"', rules.read_text(encoding="utf-8"))
    if not match:
        raise DeployError(f"{rules}: no `add_header Content-Security-Policy \"…\"` line")
    return _directives(match.group(1))


def _directives(policy: str) -> dict[str, list[str]]:
    found = {}
    for directive in policy.split(";"):
        name, *sources = directive.split()
        found[name] = sources
    return found


EDITOR_FOLDER = "admin"
_EDITOR_BLOCK = re.compile(rf"location\s+\^~\s+/{re.escape(EDITOR_FOLDER)}/\s*\{{(.*?)\n\}}", re.S)


def in_editor(site_dir: Path, path: Path) -> bool:
    """Whether a file of the built site belongs to the web editor (its folder has its own policy)."""
    return path.relative_to(site_dir).parts[0] == EDITOR_FOLDER


def editor_policy(rules: Path) -> dict[str, list[str]]:
    """The web editor's own policy: `add_header Content-Security-Policy` of `location ^~ /admin/`."""
    block = _EDITOR_BLOCK.search(rules.read_text(encoding="utf-8"))
    match = re.search(r'add_header\s+Content-Security-Policy\s+"([^"]+)"', block.group(1)) if block else None
    if not match:
        raise DeployError(f"{rules}: no `location ^~ /admin/` block with its own Content-Security-Policy for the web editor")
    return _directives(match.group(1))


def check_editor_policy(rules: Path, git_host: str) -> None:
    """The web editor's own policy must let it reach the Git host it saves to, and nothing else
    beyond our origin."""
    connect = editor_policy(rules).get("connect-src", [])
    if sorted(connect) != sorted(["'self'", git_host]):
        raise DeployError(f"{rules}: the web editor's connect-src is {' '.join(connect) or 'missing'}; it must be "
                          f"'self' {git_host} (the Git host of RG_EDITOR_BASE_URL, README 'The web editor')")


# Our pages come from templates we control, so a pattern finds their inline code exactly (an
# HTML parser read every page five times slower; this runs on every build).
_INLINE = re.compile(r"<(script|style)\b([^>]*)>(.*?)</\1\s*>", re.S | re.I)
_TYPE = re.compile(r"""\btype\s*=\s*["']?([^"'\s>]*)""", re.I)
_SRC = re.compile(r"\bsrc\s*=", re.I)


def inline_code(html: str) -> list[tuple[str, str]]:
    """Each inline script that runs and each <style>, as (kind, CSP hash source)."""
    found = []
    for tag, attrs, text in _INLINE.findall(html):
        kind = tag.lower()
        if kind == "script":
            declared = _TYPE.search(attrs)
            if _SRC.search(attrs) or (declared and declared.group(1).lower() not in SCRIPT_TYPES):
                continue
        digest = base64.b64encode(hashlib.sha256(text.encode("utf-8")).digest()).decode()
        found.append((kind, f"'sha256-{digest}'"))
    return found


# A rule's alternation of language folders: "^/(en|ar|fa)/", "^/((?:en|ar|fa)/)?locations/…".
_LANGUAGE_FOLDERS = re.compile(r"\^/\((?:\(\?:)?((?:[a-z]{2,3}\|)+[a-z]{2,3})\)")


def check_language_folders(rules: Path, codes: list[str]) -> None:
    """Raise DeployError naming each line of the rules whose language folders are not `codes`
    (the registry's languages but the default one, which has no folder)."""
    wrong = []
    for number, line in enumerate(rules.read_text(encoding="utf-8").splitlines(), 1):
        if line.lstrip().startswith("#"):
            continue
        for found in _LANGUAGE_FOLDERS.findall(line):
            named = found.split("|")
            if sorted(named) != sorted(codes):
                missing, extra = sorted(set(codes) - set(named)), sorted(set(named) - set(codes))
                wrong.append(f"  line {number}: ({found})" + (f" lacks {', '.join(missing)}" if missing else "")
                             + (f" names {', '.join(extra)}, which is no language of the site" if extra else ""))
    if wrong:
        raise DeployError(f"{rules}: the language folders must be those of returnguide/model/languages.py "
                          f"({'|'.join(codes)}):\n" + "\n".join(wrong))


def check_policy(site_dir: Path, rules: Path) -> None:
    """Raise DeployError listing every inline script or style the policy would block."""
    policy, editor = content_security_policy(rules), editor_policy(rules)
    blocked: dict[tuple[str, str], list[str]] = {}
    for page in sorted(site_dir.rglob("*.html")):
        own = editor if in_editor(site_dir, page) else policy  # the web editor's own
        for kind, source in inline_code(page.read_text(encoding="utf-8")):
            if source not in own.get(f"{kind}-src", []):
                blocked.setdefault((kind, source), []).append(str(page.relative_to(site_dir)))
    if blocked:
        lines = [f"  inline {kind} {source} in {len(pages)} page(s), e.g. {pages[0]}"
                 for (kind, source), pages in blocked.items()]
        raise DeployError(f"{rules}: the Content-Security-Policy would block:\n" + "\n".join(lines) +
                          f"\nIf the code is meant to be there, add its hash to {'/'.join(sorted({k + '-src' for k, _ in blocked}))};"
                          " otherwise move it into a file under overrides/assets/.")
