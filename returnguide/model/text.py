"""Text folding: the one table that makes Arabic and Persian spellings of a word, with or
without diacritics, tatweel or joiners, and with any digits, compare equal. The glossary check
uses it, and the search index carries it to search.js, so page and query fold alike."""

from __future__ import annotations

import re
import unicodedata

# Letters written differently in Arabic and Persian, and Arabic-Indic and Persian digits.
LETTERS = {
    "\u064a": "\u06cc", "\u0649": "\u06cc",  # Arabic yeh, alef maksura -> Persian yeh
    "\u0643": "\u06a9",  # Arabic kaf -> Persian keheh
    "\u0629": "\u0647", "\u06c0": "\u0647",  # teh marbuta, heh with yeh above -> heh
    "\u0671": "\u0627",  # alef wasla -> alef (أ إ آ lose their marks when decomposed)
    "\u2019": "'",
    **{chr(0x660 + d): str(d) for d in range(10)},
    **{chr(0x6F0 + d): str(d) for d in range(10)},
}
# Removed after decomposition (NFD): Latin accents, harakat and hamza marks, Quranic marks,
# tatweel, zero-width (non-)joiners and bidi controls.
DROPPED = "[\u0300-\u036f\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06ed\u0640\u200b-\u200f\u2066-\u2069]"

_LETTERS = str.maketrans(LETTERS)
_DROPPED = re.compile(DROPPED)


def fold(text: str) -> str:
    """Lower case, letters unified, marks dropped, white space collapsed."""
    text = unicodedata.normalize("NFD", text.lower().translate(_LETTERS))
    return " ".join(_DROPPED.sub("", text).split())


def table() -> dict:
    """The folding rules for the browser (search.js applies them in the same order)."""
    return {"letters": LETTERS, "dropped": DROPPED}
