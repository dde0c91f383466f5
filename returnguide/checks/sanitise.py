"""What content may put into a page: an allow-list of HTML, applied to every page's rendered
Markdown on its way out (the site plugin) and used by the checks to name, with file and line,
what it would remove. Content is untrusted: translators outside the team write it, a web editor
will. Nothing in it may run code, send the reader elsewhere, or load from another host."""

from __future__ import annotations

import re
from functools import lru_cache
from html.parser import HTMLParser

import markdown
import nh3

from ..model import webaddress

# Files MkDocs may copy from docs/ into the site: Markdown and pictures only. A .js, .html or
# .svg there would be served from the site's own address, where the security policy trusts it.
ALLOWED_FILES = {".md", ".png", ".jpg", ".jpeg", ".webp", ".gif"}

# The Markdown extensions of mkdocs.yml (a test keeps the two lists equal).
MARKDOWN_EXTENSIONS = ["attr_list", "md_in_html", "admonition", "toc"]

HEADINGS = {"h1", "h2", "h3", "h4", "h5", "h6"}
TAGS = HEADINGS | {
    "p", "br", "hr", "ul", "ol", "li", "dl", "dt", "dd", "blockquote", "pre", "code",
    "strong", "em", "b", "i", "small", "sup", "sub", "mark", "abbr", "a", "img",
    "table", "thead", "tbody", "tr", "th", "td", "caption", "details", "summary", "div", "span", "bdi",
}
EVERYWHERE = {"lang", "dir"}
ATTRIBUTES = {
    "*": EVERYWHERE,
    **{h: {"id"} | EVERYWHERE for h in HEADINGS},
    "a": {"href", "title", "hreflang"} | EVERYWHERE,
    "img": {"src", "alt", "title", "width", "height"} | EVERYWHERE,
    "abbr": {"title"} | EVERYWHERE,
    "td": {"colspan", "rowspan"} | EVERYWHERE,
    "th": {"colspan", "rowspan", "scope"} | EVERYWHERE,
}
# Classes are allowed by value, per element (nh3 wants them apart from the attributes).
ADMONITIONS = {"admonition", "note", "abstract", "info", "tip", "success", "question", "warning",
               "failure", "danger", "bug", "example", "quote"}
# web-only: shown on the site, left out on paper (the leaflets' print wording)
CLASSES = {"div": ADMONITIONS, "p": {"admonition-title", "web-only"}, "span": {"rg-ltr", "web-only"}}
SCHEMES = {"http", "https", "mailto", "tel"}
DROPPED_WITH_CONTENT = {"script", "style"}


@lru_cache(maxsize=2048)
def render(text: str) -> str:
    """Markdown as the site renders it (the same extensions), before the allow-list (each text
    once: `make serve` and the tests check the same pages again and again)."""
    return markdown.markdown(text, extensions=MARKDOWN_EXTENSIONS)


# A URL's scheme as a browser finds it (no URL parser here: a malformed address must not raise).
_SCHEME = re.compile(r"^[\x00-\x20]*([A-Za-z][A-Za-z0-9+.-]*):")


def scheme(value: str) -> str:
    """The scheme of an address, lower case ('' for a path on this site); a browser drops tabs and
    line breaks anywhere in an address first."""
    match = _SCHEME.match(re.sub(r"[\t\n\r]", "", value))
    return match.group(1).lower() if match else ""


def _other_host(value: str) -> bool:
    return bool(scheme(value)) or re.sub(r"[\x00-\x20]", "", value).startswith(("//", "\\\\", "/\\", "\\/"))


def _link_problem(value: str) -> str | None:
    """Why a link to another site breaks the URL rule of every URL field (model/webaddress.py), or None."""
    if not scheme(value) and _other_host(value):
        return f"{value[:80]!r} leads to another host without saying so; write its full https:// address"
    if scheme(value) not in ("http", "https"):
        return None
    try:
        webaddress.parse(value)
    except webaddress.AddressError as err:
        return str(err)
    return None


def _keep(tag: str, attribute: str, value: str) -> str | None:
    # Images only from this site: a picture from another host tells it who reads the page.
    if tag == "img" and attribute == "src" and _other_host(value):
        return None
    # A link to another site as a browser reads it (make check names any other).
    if attribute == "href" and _link_problem(value):
        return None
    return value


def clean(html: str) -> str:
    """The allowed part of an HTML fragment."""
    return nh3.clean(html, tags=TAGS, clean_content_tags=DROPPED_WITH_CONTENT, attributes=ATTRIBUTES,
                     attribute_filter=_keep, link_rel=None, url_schemes=SCHEMES, allowed_classes=CLASSES,
                     strip_comments=True)


class _Findings(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.found: list[tuple[tuple[str, ...], str]] = []  # (texts the source may show, message)

    def handle_starttag(self, tag, attrs):
        if tag not in TAGS:
            self.found.append(((f"<{tag}",), f"the element <{tag}> is not allowed in content"))
            return
        allowed = ATTRIBUTES.get(tag, EVERYWHERE) | ({"class"} if tag in CLASSES else set())
        for name, value in attrs:
            value = value or ""
            if name not in allowed:
                self.found.append(((f"{name}=", name), f"the attribute {name}= on <{tag}> is not allowed in content"))
            elif name == "class":
                for cls in value.split():
                    if cls not in CLASSES.get(tag, set()):
                        self.found.append(((cls,), f"the class {cls!r} on <{tag}> is not allowed in content"))
            elif name in ("href", "src"):
                kind = scheme(value)
                if kind and kind not in SCHEMES:
                    self.found.append(((value, value[:3], f"{name}="), f"a {kind}: address is not allowed in content (only http, https, mailto, tel and this site's pages)"))
                elif tag == "img" and _other_host(value):
                    self.found.append(((value, f"{name}="), "images must come from this site (put the file beside the page); another host would learn who reads it"))
                elif problem := _link_problem(value):
                    self.found.append(((value, f"{name}="), f"a link to another site: {problem}"))


def findings(html: str) -> list[tuple[tuple[str, ...], str]]:
    """What clean() would remove from html: (texts to look for in the source, best first; a message)."""
    parser = _Findings()
    parser.feed(html)
    parser.close()
    return parser.found
