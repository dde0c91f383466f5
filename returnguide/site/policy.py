"""What the built site needs from its web server, checked against deploy/nginx.conf: every inline
script and style of every page must be allowed, by hash, by the Content-Security-Policy there.
The build runs the check, so a template change that adds an inline script fails the build
(naming the page and the hash to add) instead of a page that silently breaks in production.
"""

from __future__ import annotations

import base64
import hashlib
import re
from pathlib import Path

# A <script> of one of these types is run; any other type (JSON-LD, Material's config) is data.
SCRIPT_TYPES = {"", "text/javascript", "application/javascript", "module"}


class DeployError(Exception):
    """The site and the server rules do not fit; the message names the pages and what to do."""


def content_security_policy(rules: Path) -> dict[str, list[str]]:
    """The policy of `add_header Content-Security-Policy "…"` in the rules, by directive."""
    match = re.search(r'add_header\s+Content-Security-Policy\s+"([^"]+)"', rules.read_text(encoding="utf-8"))
    if not match:
        raise DeployError(f"{rules}: no `add_header Content-Security-Policy \"…\"` line")
    policy = {}
    for directive in match.group(1).split(";"):
        name, *sources = directive.split()
        policy[name] = sources
    return policy


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


def check_policy(site_dir: Path, rules: Path) -> None:
    """Raise DeployError listing every inline script or style the policy would block."""
    policy = content_security_policy(rules)
    blocked: dict[tuple[str, str], list[str]] = {}
    for page in sorted(site_dir.rglob("*.html")):
        for kind, source in inline_code(page.read_text(encoding="utf-8")):
            if source not in policy.get(f"{kind}-src", []):
                blocked.setdefault((kind, source), []).append(str(page.relative_to(site_dir)))
    if blocked:
        lines = [f"  inline {kind} {source} in {len(pages)} page(s), e.g. {pages[0]}"
                 for (kind, source), pages in blocked.items()]
        raise DeployError(f"{rules}: the Content-Security-Policy would block:\n" + "\n".join(lines) +
                          f"\nIf the code is meant to be there, add its hash to {'/'.join(sorted({k + '-src' for k, _ in blocked}))};"
                          " otherwise move it into a file under overrides/assets/.")
