"""Characters no text of the site may carry, because they change what the text means once it
leaves the site in another format: control characters (a bare carriage return starts a new
property in an .ics or .vcf file, and a calendar reader takes the rest of the line as one),
the Unicode line and paragraph separators (line ends to some readers, not to others) and the
invisible direction controls (an unclosed right-to-left override turns a title, a tab, a
calendar entry around).

One rule, used twice: the reader of content (yamlio, the page loader, the postcode table)
reports every such character with its file and line, and the writers of calendars, vCards,
structured data and leaflets refuse, with `UnsafeText`, whatever reaches them all the same.
"""

from __future__ import annotations

import dataclasses
import re
from typing import Any

from .problems import ContentError, Problem

# C0 controls except tab and line feed (each allowed only where said), DEL, C1 controls.
_CONTROLS = "\x00-\x08\x0b-\x1f\x7f-\x9f"
_SEPARATORS = "\u2028\u2029"
# Embeddings, overrides and isolates, the marks LRM, RLM and ALM: the site sets directions itself.
DIRECTION_CONTROLS = "\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069"
_DIRECTION = re.compile(f"[{DIRECTION_CONTROLS}]")
_PATTERNS = {(newline, tab): re.compile(f"[{_CONTROLS}{_SEPARATORS}{DIRECTION_CONTROLS}{'' if newline else chr(10)}{'' if tab else chr(9)}]")
             for newline in (False, True) for tab in (False, True)}
# Markup in a registry's text (a name, a label): registries hold plain text, never HTML.
_MARKUP = re.compile(r"<[A-Za-z/!?]")

NAMES = {"\t": "a tab", "\n": "a line break", "\r": "a carriage return", "\x0b": "a vertical tab",
         "\x0c": "a form feed", "\x1b": "an escape", "\x7f": "a delete", "\x85": "a next-line control",
         "\u2028": "a line separator", "\u2029": "a paragraph separator"}


def describe(char: str) -> str:
    """'a carriage return (U+000D)', 'an invisible direction control (U+202E)'."""
    if _DIRECTION.match(char):
        name = "an invisible direction control"
    else:
        name = NAMES.get(char) or "a control character"
    return f"{name} (U+{ord(char):04X})"


def first_unsafe(text: str, *, newline: bool = False, tab: bool = False) -> str | None:
    """The first character of text that the rule refuses (line feed and tab only where allowed)."""
    match = _PATTERNS[newline, tab].search(text)
    return match.group() if match else None


def advice(char: str) -> str:
    """What to do about a refused character, for a message."""
    if _DIRECTION.match(char):
        return "remove it: the site sets the direction of every text itself"
    if char == "\n":
        return "write it on one line (only descriptions and notes may have several)"
    return "remove it (retype the text, or paste it as plain text)"


def message(field: str, char: str) -> str:
    """`title: contains a carriage return (U+000D); remove it (…)`."""
    return f"{field}: contains {describe(char)}; {advice(char)}"


def has_markup(text: str) -> bool:
    return bool(_MARKUP.search(text))


class UnsafeText(ContentError):
    """A writer met a character the rule refuses (make check reports it first, at its line)."""


def require_safe(value: Any, path: str, line: int, what: str, *, newline: bool = True, tab: bool = False) -> Any:
    """value (a text, or lists and mappings of texts), unchanged, or UnsafeText naming the source
    and what was being written. Writers call it on what they are about to pass on."""
    for where, text in _texts(value, what):
        char = first_unsafe(text, newline=newline, tab=tab)
        if char is not None:
            raise UnsafeText(Problem(path, line, f"{where}: refused to write {describe(char)}; "
                                                 f"{advice(char)}, then run `make check`"))
    return value


def require_safe_lines(data: str, path: str, line: int, what: str) -> str:
    """A file of CRLF-ended lines (iCalendar, vCard) as its writer made it: no character of the
    rule anywhere but in the line ends themselves (no bare carriage return or line feed)."""
    for number, text in enumerate(data.split("\r\n"), 1):
        char = first_unsafe(text)
        if char is not None:
            raise UnsafeText(Problem(path, line, f"{what}, line {number}: refused to write {describe(char)}; "
                                                 f"{advice(char)}, then run `make check`"))
    return data


def _texts(value: Any, where: str):
    if isinstance(value, str):
        yield where, value
    elif dataclasses.is_dataclass(value) and not isinstance(value, type):
        for item in dataclasses.fields(value):
            yield from _texts(getattr(value, item.name), f"{where}.{item.name}")
    elif isinstance(value, dict):
        for key, item in value.items():
            yield from _texts(str(key), where)
            yield from _texts(item, f"{where}.{key}")
    elif isinstance(value, (list, tuple)):
        for i, item in enumerate(value):
            yield from _texts(item, f"{where}.{i}")
