"""Leaflet text as paper needs it, decided once for all leaflets: Markdown to HTML for print
(links that only work on screen left out, addresses written out), names and phone numbers kept
whole on one line, left-to-right runs isolated, Arabic hamza letters kept apart from their marks
(for the PDF's text)."""

from __future__ import annotations

import re

import markdown
import markupsafe
import phonenumbers

from ..checks.sanitise import clean
from ..model import labels
from ..model.content import ContentModel
from ..model.languages import LANGUAGES
from ..model.urls import display_address

# Print wording, decided once for all leaflets: a link to another page of the site goes (its
# text stays; the QR code leads online), a link elsewhere keeps its text followed by its short
# address, and what the content marks web-only (a paragraph with `{.web-only}`, or a
# `<span class="web-only">` inside one: "more on the page …") is left out. The site shows those blocks as they are.
# A sentence that only points to other pages ("More on the programmes: [Reintegration](…).", a
# lead ending in a colon, at most one short word such as "see", then nothing but page links) is
# left out too: on paper it would name a page the reader cannot open.
_PAGE_LINK = re.compile(r"(?<!!)\[([^\]]+)\]\((?!https?:|mailto:|tel:)[^)\s]*\)")
_WEB_LINK = re.compile(r"(?<!!)\[([^\]]+)\]\((https?://[^)\s]+)\)")
_WEB_ONLY = re.compile(r'<(p|li|ul|ol|div|span|h[2-6])\b[^>]*\bclass="[^"]*\bweb-only\b[^"]*"[^>]*>.*?</\1>\s*', re.S)
# around a page link's text until cross-references are gone: private-use characters (Markdown
# uses \x02 and \x03 itself)
_LINKED = ("\ue000", "\ue001")
_CROSS_REFERENCE = re.compile(
    r"(?:(?<=<p>)|(?<=<li>)|(?<=[.!?؟]\s))"  # at the start of a paragraph, an item or a sentence
    r"[^.!?؟:<>\ue000\ue001]*:\s*(?:[^\W\d_]{1,8}\s+)?"  # "Mehr zu den Programmen:", perhaps "siehe"
    r"\ue000[^\ue001]*\ue001(?:\s*(?:,|·|/|\w{1,3})?\s*\ue000[^\ue001]*\ue001)*[.!]?"  # page links, nothing else
    r"(?=\s*(?:</p>|</li>|$))")  # to the end of the paragraph or item
# Names a line never breaks inside (at a slash, at a hyphenation point): see unbreakable_names.
_PROGRAMME_NAMES = (labels.PROGRAMME_FACTS["starthilfe_plus"], "EURP")


def print_markdown(text: str, lang_code: str, names: tuple[str, ...] = ()) -> str:
    """Markdown of a page as HTML for paper (see the print wording above); `names` and phone
    numbers are kept whole on one line."""
    text = _WEB_LINK.sub(lambda m: m.group(1) if display_address(m.group(2)) in m.group(1)
                         else f"{m.group(1)} ({display_address(m.group(2))})", text)
    text = _PAGE_LINK.sub(lambda m: _LINKED[0] + m.group(1) + _LINKED[1], text)
    html = markdown.markdown(text, extensions=["attr_list", "md_in_html", "admonition"])
    html = _WEB_ONLY.sub("", html)
    html = re.sub(r"\s+</(p|li)>", r"</\1>", _CROSS_REFERENCE.sub("", html)).replace("<p></p>", "")
    html = html.replace(_LINKED[0], "").replace(_LINKED[1], "")
    # The allow-list of the site's pages holds for paper too (no attachments, no remote images).
    html = clean(html)
    html = keep_whole(html, names, lang_code)
    # Two languages share one document: keep their section anchors apart.
    return html.replace(' id="', f' id="{lang_code}-')


_TAG = re.compile(r"(<[^>]*>)")


def keep_whole(html: str, names: tuple[str, ...], lang_code: str) -> str:
    """Phone numbers (as one left-to-right run, isolated) and the given names in the text of
    `html` set so that no line breaks inside them."""
    name = re.compile("|".join(rf"(?<![\w/]){re.escape(n)}(?![\w/])" for n in sorted(names, key=len, reverse=True))) if names else None
    parts = _TAG.split(html)
    for i in range(0, len(parts), 2):  # text between tags
        part = parts[i]
        found = [(m.start, m.end, "lf-ltr") for m in phonenumbers.PhoneNumberMatcher(part, "DE")]
        if name:
            found += [(m.start(), m.end(), "lf-keep") for m in name.finditer(part)
                      if not any(s <= m.start() < e for s, e, _ in found)]
        for start, end, kind in sorted(found, reverse=True):
            inner = part[start:end]
            if kind == "lf-ltr":
                inner = isolate(markupsafe.Markup(inner))
            part = f'{part[:start]}<span class="{kind}">{inner}</span>{part[end:]}'
        parts[i] = part
    return "".join(parts)


def unbreakable_names(model: ContentModel) -> tuple[str, ...]:
    """Names no line may break inside on paper: the glossary's terms that every language keeps as
    they are (REAG/GARP, Duldung), when written as one word, and the programmes' own names."""
    as_is = [term for term, forms in model.glossary.items()
             if " " not in term and all(term in forms.get(code, (term,)) for code in LANGUAGES)]
    return tuple(dict.fromkeys([*as_is, *_PROGRAMME_NAMES]))


def isolate(text: str) -> markupsafe.Markup:
    """Text as one left-to-right run inside any direction (Unicode LRI ... PDI): WeasyPrint
    has no unicode-bidi, but its text layout honours the isolate marks."""
    return markupsafe.Markup("\u2066") + text + markupsafe.Markup("\u2069")


# A letter with a hamza (or madda) that Unicode decomposes (آ أ ؤ إ ئ ۀ ۂ ۓ) followed by a vowel
# sign, tanween or shadda: HarfBuzz's normalisation puts letter and mark into one cluster, and
# WeasyPrint (70) then gives the letter's glyph an empty ToUnicode entry in right-to-left text
# (the mark's glyph carries both characters). An empty entry is a malformed ToUnicode CMap
# for PDF/UA-1 (PDFUA1-FONT-UNICODE-MAPPING-001): "أُعدّت" in the Arabic translation note
# failed every Arabic leaflet. A WORD JOINER between letter and mark keeps them in clusters of
# their own; it is invisible, transparent to Arabic joining, the mark sits where it did, and
# it maps to no glyph (the PDF's text stays "أُ").
_HAMZA_THEN_MARK = re.compile("([\u0622-\u0626\u06c0\u06c2\u06d3])(?=[\u064b-\u065f\u0670])")
_BODY = re.compile(r"<body\b[^>]*>")


def marks_apart_from_hamza(html: str) -> str:
    """`html` with a WORD JOINER between a hamza letter and a mark that follows it, in the text of
    its body (not in tags, attributes or the head's title): see _HAMZA_THEN_MARK."""
    start = body.end() if (body := _BODY.search(html)) else 0
    parts = _TAG.split(html[start:])
    parts[::2] = [_HAMZA_THEN_MARK.sub("\\1\u2060", text) for text in parts[::2]]
    return html[:start] + "".join(parts)
